"""The ``eventwire_quotes`` spaCy component: direct quotations and who said them.

Reads: the parse and NER, ``doc.spans["eventwire_actors"]`` (actor mentions, including pronoun
and title mentions that carry the actor they refer back to) when the actors step ran.
Writes: ``doc._.quotes`` (list[Quote]).

Quotes: text between straight ("...") or curly (“...”) double quote marks, including quotes that
run over several sentences, partial quotes inside a sentence, and the news habit of a quote
running over paragraphs (a paragraph left open, the next one reopened with a mark).

Scare quotes are not quotes: a quoted phrase of at most ``scare_quote_max_words`` words counts
only when a speech verb governs it directly or its sentence attributes it to a speaker ("Biden
said they would impose “high-impact economic measures”"), and never right after "so-called"
(so-called "special military operation"): short phrases with no one saying them are the
writer's distance, not speech.

Speakers, in order: a speech verb in the quote's sentence outside the marks ("X said", "said X",
"X told ...", "X said in a statement", "X said:"), "according to X", a colon introduction
("Putin: “...”"), a short attribution in the next sentence ("... ,” he said."); a quote with
none of these continues the previous quote's speaker when it directly follows it.
Pronouns and titles ("he", "the minister") take the actor the actors step resolved them to, or
else the nearest preceding named person.
"""

# no `from __future__ import annotations`: spaCy reads the factory signature at runtime

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.errors import DataFileError
from eventwire.model import Actor, Quote
from eventwire.model import Span as TextSpan
from eventwire.nlp.extensions import ACTOR_SPANS

log = logging.getLogger(__name__)

_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u201e": "\u201d"}
_PRONOUNS = {"he", "she", "they", "i", "we"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_SUBJECTS = {"nsubj"}  # not nsubjpass: "the plan was reported by X" names no speaker


@dataclass(frozen=True)
class QuoteRules:
    speech_verbs: frozenset[str]
    title_nouns: frozenset[str]
    scare_quote_max_words: int


@lru_cache(maxsize=1)
def load_quote_rules() -> QuoteRules:
    path = resources.files("eventwire.nlp") / "data" / "quote_verbs.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rules = QuoteRules(frozenset(data["speech_verbs"]), frozenset(data["title_nouns"]),
                           int(data["scare_quote_max_words"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{path}: bad quote rules: {exc!r}") from None
    bad = [w for w in rules.speech_verbs | rules.title_nouns if not w or w != w.lower()]
    if bad:
        raise DataFileError(f"{path}: entries must be non-empty lower-case words: {bad}")
    return rules


# ---------------------------------------------------------------- finding the quoted text

_MARKS = re.compile("[%s]" % re.escape("".join(_OPEN_CLOSE)))


def quote_char_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted passage, marks excluded, in reading order."""
    spans: list[tuple[int, int]] = []
    i = 0
    while (found := _MARKS.search(text, i)) is not None:  # jump from mark to mark
        i = found.start()
        mark = text[i]
        if not _opens(text, i):
            i += 1
            continue
        end = _closing(text, i + 1, _OPEN_CLOSE[mark])
        if end is None:
            i += 1
            continue
        spans.extend(_paragraph_pieces(text, i + 1, end))
        i = end + 1
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight quote opens when it is not glued to the word before it."""
    if text[i] != '"':
        return True
    return i == 0 or not text[i - 1].isalnum() or text[i - 1] in "([{"


def _closing(text: str, start: int, close: str) -> int | None:
    """Index of the mark that closes a quote opened before ``start``."""
    stops = re.compile("[%s\n]" % re.escape(close))
    j = start
    while (found := stops.search(text, j)) is not None:  # only a mark or a newline can decide
        j = found.start()
        if text[j] == close and (close != '"' or j == len(text) - 1 or not text[j + 1].isalnum()
                                 or text[j - 1] in ".,!?;:"):
            return j
        if text[j] == "\n" and text.startswith("\n", j + 1) and not _reopens(text, j):
            return None  # a paragraph ended with the quote open and the next does not reopen it
        j += 1
    return None


def _reopens(text: str, j: int) -> bool:
    rest = text[j:].lstrip()
    return bool(rest) and rest[0] in _OPEN_CLOSE


def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A quote running over paragraphs, cut into one piece per paragraph (marks removed)."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + match.start(), start + match.end()
        while a < b and (text[a].isspace() or text[a] in _OPEN_CLOSE):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
            b -= 1
        if b > a:
            pieces.append((a, b))
    return pieces


# ---------------------------------------------------------------- attributing the speaker

@dataclass
class _Attribution:
    actor: Actor | None  # None: a pronoun nothing before it resolves
    span: TextSpan


def _tokens_outside(sent: Span, quotes: list[tuple[int, int]]) -> list[Token]:
    return [t for t in sent if not any(a - 1 <= t.idx < b + 1 for a, b in quotes)]


def _speech_verbs(tokens: list[Token], rules: QuoteRules) -> list[Token]:
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in rules.speech_verbs]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if verb.dep_ in {"conj", "xcomp", "advcl"}:  # "he said and added", "she went on to say"
        return _subject(verb.head)
    return None


def _according_to(tokens: list[Token]) -> Token | None:
    for token in tokens:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _colon_speaker(doc: Doc, text: str, start: int, rules: QuoteRules) -> Token | None:
    """'Putin: “...”' — a name right before a colon that introduces the quote (``text``: the
    Doc's text, which spaCy rebuilds from every token on each ``doc.text``)."""
    head = text[:start].rstrip(' "\u201c')
    if not head.endswith(":"):
        return None
    colon = doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    before = doc[colon.start - 1]
    named = before.pos_ == "PROPN" or before.lemma_.lower() in rules.title_nouns
    return before if named else None


def _speaker_in(sent: Span, quotes: list[tuple[int, int]], near: int,
                rules: QuoteRules) -> Token | None:
    """The speaker named in this sentence outside the quote marks, nearest the quote."""
    tokens = _tokens_outside(sent, quotes)
    verbs = sorted(_speech_verbs(tokens, rules), key=lambda v: abs(v.idx - near))
    for verb in verbs:
        subject = _subject(verb)
        if subject is not None and subject.lower_ not in {"it", "that", "this", "which"}:
            return subject
    return _according_to(tokens)


def _name_span(token: Token) -> Span:
    """The full name a speaker token stands for: its entity, else its compound run."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    start = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
    return token.doc[start:token.i + 1]


def _actor_span(doc: Doc, token: Token) -> Span | None:
    for span in doc.spans.get(ACTOR_SPANS, []):
        if span.start <= token.i < span.end and span._.actor is not None:
            return span
    return None


def _resolved_actor(doc: Doc, token: Token) -> Actor | None:
    """The actor the actors step gave this token, if that step ran."""
    try:
        from eventwire.actors.component import actor_for
    except ImportError:
        actor_for = None
    if actor_for is not None:
        found = actor_for(doc, token)
        if found is not None:
            return found
    span = _actor_span(doc, token)
    return span._.actor if span is not None else None


def _antecedent(doc: Doc, token: Token) -> Span | None:
    """The nearest named person before a pronoun or title (the fallback coreference)."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= token.i]
    if token.lower_ == "they" or token.lower_ == "we":
        people = [e for e in doc.ents if e.label_ in {"ORG", "GPE", "NORP", "PERSON"}
                  and e.end <= token.i]
    return people[-1] if people else None


def attribute(doc: Doc, token: Token, rules: QuoteRules) -> _Attribution:
    """Turn the speaker token into an Actor, following pronouns and titles back to a name."""
    name = _name_span(token)
    where = TextSpan(name.start_char, name.end_char, name.text)
    actor = _resolved_actor(doc, token)
    if actor is not None:
        return _Attribution(actor, where)
    is_title = token.lemma_.lower() in rules.title_nouns and token.ent_type_ == ""
    definite = any(c.lower_ in {"the", "this", "that"} for c in token.children)
    if is_title and definite:
        earlier = _same_title(doc, token)
        if earlier is not None:  # "A Russian diplomat ... the diplomat said"
            return _Attribution(_resolved_actor(doc, earlier) or Actor(name=_phrase(earlier).text),
                                where)
    if token.lower_ in _PRONOUNS or (is_title and definite):
        earlier = _antecedent(doc, token)
        if earlier is not None:
            found = _resolved_actor(doc, earlier.root)
            return _Attribution(found or Actor(name=earlier.text), where)
    if token.pos_ == "PRON":
        return _Attribution(None, where)  # the caller falls back to the previous speaker
    phrase = _phrase(token) if token.ent_type_ == "" else name
    return _Attribution(Actor(name=phrase.text), TextSpan(phrase.start_char, phrase.end_char,
                                                          phrase.text))


def _phrase(token: Token) -> Span:
    """'A Russian diplomat' for 'diplomat': the noun with its modifiers, not its clauses."""
    return token.doc[token.left_edge.i:token.i + 1]


def _same_title(doc: Doc, token: Token) -> Token | None:
    """An earlier mention with the same head noun ("a Russian diplomat" for "the diplomat")."""
    for earlier in reversed(doc[:token.i]):
        if earlier.lemma_ == token.lemma_ and earlier.pos_ == "NOUN":
            return earlier
    return None


# ---------------------------------------------------------------- putting it together

def _sentence_of(doc: Doc, char: int, sents: list[Span]) -> int:
    for index, sent in enumerate(sents):
        if sent.start_char <= char < sent.end_char:
            return index
    return len(sents) - 1


def _is_scare_quote(doc: Doc, text: str, start: int, end: int, speaker: Token | None,
                    rules: QuoteRules) -> bool:
    words = text[start:end].split()
    if len(words) > rules.scare_quote_max_words:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    governed = span is not None and any(
        t.head.lemma_.lower() in rules.speech_verbs and t.head.i not in range(span.start, span.end)
        and t.dep_ in {"dobj", "ccomp", "xcomp", "oprd"} for t in span)
    if re.search(r"so-called\W*$", text[max(0, start - 12):start], re.IGNORECASE):
        return True  # so-called "special military operation": the writer's distance, not speech
    return not (governed or speaker is not None)


def _next_sentence_speaker(sents: list[Span], index: int, quotes: list[tuple[int, int]],
                           rules: QuoteRules) -> Token | None:
    """'“...” <next sentence:> he said.' — only a short attribution by a pronoun or a name."""
    if index + 1 >= len(sents):
        return None
    nxt = sents[index + 1]
    words = [t for t in _tokens_outside(nxt, quotes) if not t.is_punct]
    speaker = _speaker_in(nxt, quotes, nxt.start_char, rules) if len(words) <= 6 else None
    if speaker is not None and (speaker.lower_ in _PRONOUNS or speaker.ent_type_ == "PERSON"):
        return speaker
    return None


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every direct quotation in ``doc`` with its speaker (None when none is found)."""
    rules = load_quote_rules()
    text = doc.text
    pieces = quote_char_spans(text)
    sents = list(doc.sents)
    found: list[Quote] = []
    previous: tuple[Quote, int] | None = None  # last quote and the sentence it ended in
    for start, end in pieces:
        first, last = _sentence_of(doc, start, sents), _sentence_of(doc, end - 1, sents)
        speaker = _find_speaker(doc, text, sents, first, last, start, pieces, rules)
        continues = previous is not None and first - previous[1] <= 1 and previous[0].speaker
        if speaker is None and not continues:
            speaker = _next_sentence_speaker(sents, last, pieces, rules)
        if _is_scare_quote(doc, text, start, end, speaker, rules):
            continue
        quote = Quote(text=text[start:end], speaker=None, sentence_index=first,
                      evidence=TextSpan(start, end))
        if speaker is not None:
            who = attribute(doc, speaker, rules)
            quote.speaker, quote.speaker_span = who.actor, who.span
            if who.actor is None and previous is not None:  # "he added": the one quoted last
                quote.speaker = previous[0].speaker
        elif continues:  # a quote straight after another, with no new speaker: the same one
            quote.speaker, quote.speaker_span = previous[0].speaker, previous[0].speaker_span
        found.append(quote)
        previous = (quote, last)
    return found


def _find_speaker(doc: Doc, text: str, sents: list[Span], first: int, last: int, start: int,
                  pieces: list[tuple[int, int]], rules: QuoteRules) -> Token | None:
    for index in dict.fromkeys((last, first)):  # "..., he said." usually ends the quote
        speaker = _speaker_in(sents[index], pieces, start, rules)
        if speaker is not None:
            return speaker
    return _colon_speaker(doc, text, start, rules)


class QuotesComponent:
    """See the module docstring."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc)
        return doc


@Language.factory("eventwire_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
