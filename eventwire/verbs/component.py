"""The ``eventwire_events`` spaCy component: reads the parse and the actor spans, writes
``doc._.events`` (Event records with evidence, trigger, actors, codes, modality flags).

Dates and locations are filled by the later components; until then every event carries the
publication date with precision ``article``.
"""

import logging
from itertools import product

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire import ontology
from eventwire.model import Actor, Event, Span
from eventwire.nlp import extensions  # noqa: F401
from eventwire.verbs import coder, participants
from eventwire.verbs.patterns import Lexicon, load_lexicon
from eventwire.verbs.tone import apply_tone, tone_of
from eventwire.verbs.trace import TRACE_KEY, dropped, note, unfound

log = logging.getLogger(__name__)


def _fallback_actors(doc: Doc, token: Token) -> list[Actor]:
    """Without the actor step: the named entity the token is part of, with no code."""
    if token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                return [Actor(name=ent.text)]
    return []


def _actor_lookup():  # noqa: ANN202
    try:
        from eventwire.actors.component import actors_for
    except ImportError:  # the actor step is optional for the coder
        return _fallback_actors
    return actors_for


def _evidence(sent, text: str) -> Span:  # noqa: ANN001
    """The sentence's span (``text`` is its text) without the whitespace spaCy may leave at
    its edges."""
    start = sent.start_char + len(text) - len(text.lstrip())
    return Span(start, start + len(text.strip()))


class EventCoder:
    """Applies the event lexicon to each sentence of a parsed Doc."""

    def __init__(self, lexicon: Lexicon, keep_negated: bool = False) -> None:
        self.lexicon = lexicon
        self.keep_negated = keep_negated
        self.actors_for = _actor_lookup()

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        published = doc._.published
        try:
            traces = doc.user_data.get(TRACE_KEY)  # asked for by --explain only
            sents = list(doc.sents)
            quoted = quoted_sentences(doc, sents)
            for index, sent in enumerate(sents):
                text = None  # built once per sentence, and only for a sentence with events
                trace = traces.setdefault(index, []) if traces is not None else None
                for cand in self.code_sentence(sent, trace, quoted.get(index)):
                    text = text if text is not None else sent.text
                    events.extend(self.records(doc, index, sent, text, cand, published))
        finally:
            for cache in ("eventwire_complements", "eventwire_preps"):  # per call (datelines stay)
                doc.user_data.pop(cache, None)
        doc._.events = events
        return doc

    def code_sentence(self, sent, trace: list[str] | None = None,  # noqa: ANN001
                      quoted_by: Actor | None = None) -> list[coder.Candidate]:
        """The sentence's coded candidates; ``trace``, when given, gets the coder's account of
        the lexicon words that gave no event and why; ``quoted_by``: the speaker of a quotation
        the whole sentence is part of."""
        candidates = coder.find_candidates(self.lexicon, sent)
        note(trace, unfound(self.lexicon, sent, candidates) if trace is not None else [])
        if quoted_by is not None and any(c.frame == "report" for c in candidates):
            quoted_by = None  # the sentence names its own speaker
        if not candidates:
            return self.quoted_speech(sent, quoted_by) if quoted_by is not None else []
        coder.attach_frames(candidates)
        coder.resolve_frames(self.lexicon, candidates)
        apply_tone(self.lexicon, candidates)
        coder.apply_modality(candidates)
        output = coder.output_candidates(candidates, self.keep_negated)
        if trace is not None:
            out_ids = {id(c) for c in output}
            note(trace, [dropped(c, candidates, self.keep_negated) or f"{c.pattern}: a residual statement left out"
                         for c in candidates if id(c) not in out_ids])
        kept = [c for c in output if not participants.is_mishap(self.lexicon, c)]
        if trace is not None:
            note(trace, [f"'{c.token.text}' {c.code}: an accident or disaster, no political event"
                         for c in output if not any(c is k for k in kept)])
        doc = sent.doc
        seen: dict[int, list[Actor]] = {}  # the same phrases are asked about many times

        def lookup(tok: Token) -> list[Actor]:
            if tok.i not in seen:
                seen[tok.i] = first_person(doc, tok) or self.actors_for(doc, tok)
            return seen[tok.i]

        for cand in kept:
            participants.find_actors(cand, lookup, self.lexicon.violence_nouns)
            participants.own_claim(self.lexicon, cand)
            participants.claimed_target(cand, lookup)
            participants.violent_protest(cand)
            participants.domestic_target(cand, lookup)
            participants.place_country(cand, lookup)
            participants.home_forces(cand, lookup)
            participants.last_resort_targets(cand)
        # a noun that often speaks in figures ("a battle to contain wildfires", "stags battle",
        # "a political fight"), told with no coded party, is no event
        figures = self.lexicon.support.get("figurative", set())
        verbs = {c.token.i for c in kept if not c.nominal}
        unpeopled = [c for c in kept if c.nominal and not any(a.code or a.country for a in c.sources + c.targets)
                     and (coder.lemma_of(c.token) in figures or coder.clause_verb(c.token).i in verbs)]
        # (nor, with no party either, what another act is about: "condemned Russia over the
        # expulsions", "condemned the sanctions")
        kept = [c for c in kept if not any(c is u for u in unpeopled)]
        if trace is not None:
            note(trace, [f"'{c.token.text}' {c.code}: a noun often used as a figure, with no coded party" for c in unpeopled])
        # "killed in tank shelling": an act with neither doer nor receiver (or only the place's
        # state standing in for its doer) beside one of the same kind that has them is the same
        # act told twice
        named = [c for c in kept if (c.targets and not c.target_from_place) or c.role_targets
                 or (c.sources and not c.source_from_place)]
        told, named_ids = {c.code[:2] for c in named}, {id(c) for c in named}
        before = kept
        kept = [c for c in kept if id(c) in named_ids or c.code[:2] not in told]
        # the residual 010 statement only for a known speaker in a sentence with nothing else
        if any(c.frame == "report" for c in kept):
            busy = any(c.code and c.frame != "report" for c in candidates)
            kept = [c for c in kept if c.frame != "report" or
                    (not busy and any(a.code for a in c.sources))]
        if trace is not None:
            note(trace, [f"'{c.token.text}' {c.code}: " + ("no actor, told again by an act of the same root"
                         if c.code[:2] in told else "a residual statement with no coded speaker")
                         for c in before if not any(c is k for k in kept)])
        if quoted_by is not None:
            for c in kept:
                c.quoted_by = quoted_by
            return kept or self.quoted_speech(sent, quoted_by)
        return kept

    def quoted_speech(self, sent, speaker: Actor) -> list[coder.Candidate]:  # noqa: ANN001
        """A sentence inside a quotation whose speaker an earlier sentence names ("He wants to
        split us up."), that tells of no act: its tone is the speaker's act (a criticism,
        praise, a threat ...)."""
        found = tone_of(self.lexicon, sent)
        if found is None:
            return []
        code, word = found
        cand = coder.Candidate(sent.root, code, f"tone:{coder.lemma_of(word)}", sent.root, [word],
                               frame="tone", hypothetical=code.startswith("13"))
        cand.sources = [speaker]
        own = {speaker.country}
        named = [a for t in sent if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in ("compound", "amod")
                 for a in self.actors_for(sent.doc, t) if a.code and a.country not in own]
        cand.targets = named[:1]
        cand.quoted_by = speaker
        return [cand]

    def records(self, doc: Doc, index: int, sent, text: str, cand: coder.Candidate,  # noqa: ANN001
                published) -> list[Event]:  # noqa: ANN001
        first, last = cand.trigger_tokens[0], cand.trigger_tokens[-1]
        base = dict(
            article_id=doc._.article_id or "",
            sentence_index=index,
            sentence=text.strip(),
            evidence=_evidence(sent, text),
            trigger=Span(first.idx, last.idx + len(last), doc[first.i:last.i + 1].text),
            date=published.isoformat() if published else None,
            date_precision="article",
            negated=cand.negated,
            hypothetical=cand.hypothetical,
            speaker=self._speaker(doc, cand),
            pattern=cand.pattern,
        )
        events = []
        for s, t in self.dyads(cand):
            # a clash of state forces and protesters: 175 one way, 145 the other (reverse_code)
            back = cand.reverse_code and s is not None and s in cand.targets and t in cand.sources
            entry = ontology.cameo(cand.reverse_code if back else cand.code)
            event = Event(source=s, target=t, cameo=entry.code, root=entry.root, quad=entry.quad,
                          goldstein=entry.goldstein, plover=ontology.plover(entry.code), **base)
            # an intention (03) or a threat (13) was expressed; what it holds did not happen
            event.hypothetical = event.hypothetical or entry.root in UNREALISED_ROOTS
            events.append(event)
        return events

    def _speaker(self, doc: Doc, cand: coder.Candidate) -> Actor | None:
        if cand.quoted_by is not None:
            return cand.quoted_by
        if cand.speaker is None:
            return None
        actors = participants.actors_of(participants.subject_tokens(cand.speaker), lambda t: self.actors_for(doc, t))
        return actors[0] if actors else None

    @staticmethod
    def dyads(cand: coder.Candidate) -> list[tuple[Actor | None, Actor | None]]:
        sources: list[Actor | None] = list(cand.sources) or [None]
        targets: list[Actor | None] = list(cand.targets) or [None]
        if cand.reciprocal and len(cand.sources) > 1 and not cand.targets:
            # "Russia and China held talks": each party acts towards the other
            return [(a, b) for a, b in product(cand.sources, cand.sources) if a != b]
        pairs = [(s, t) for s, t in product(sources, targets) if s is None or s != t]
        if cand.reciprocal:
            pairs += [(t, s) for s, t in pairs if s is not None and t is not None]
        return pairs or [(sources[0], None)]


UNREALISED_ROOTS = frozenset({"03", "13"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"})


def first_person(doc: Doc, tok: Token) -> list[Actor]:
    """"We are co-ordinating our forces," the prime minister said: in a quotation, "I" and "we"
    are its speaker."""
    if tok.lower_ not in FIRST_PERSON:
        return []
    for quote in doc._.quotes or []:
        if quote.speaker is not None and quote.evidence.start <= tok.idx < quote.evidence.end:
            return [quote.speaker]
    return []


def quoted_sentences(doc: Doc, sents: list) -> dict[int, Actor]:  # noqa: ANN001
    """Sentence index -> the speaker of the quotation the whole sentence lies in, for the
    sentences that do not name the speaker themselves (a quotation's later sentences)."""
    out: dict[int, Actor] = {}
    for quote in doc._.quotes or []:
        if quote.speaker is None:
            continue
        for index in range(quote.sentence_index, len(sents)):
            sent = sents[index]
            if sent.start_char > quote.evidence.end:
                break
            inside = quote.evidence.start - 1 <= sent.start_char and sent.end_char <= quote.evidence.end + 2
            named_here = quote.speaker_span is not None and sent.start_char <= quote.speaker_span.start < sent.end_char
            if inside and not named_here:
                out.setdefault(index, quote.speaker)
    return out


@Language.factory("eventwire_events", default_config={"keep_negated": False, "patterns_dir": None})
def make_event_coder(nlp: Language, name: str, keep_negated: bool, patterns_dir: str | None) -> EventCoder:
    return EventCoder(load_lexicon(patterns_dir), keep_negated=keep_negated)
