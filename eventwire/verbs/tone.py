"""The tone of reported speech that tells of no act: "London's position is immoral," the
spokesman said (a criticism, 111); "We are grateful for your help" (praise, 051); "this will
have serious consequences" (a threat, 130). The words and their codes are ``tone.csv``."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.verbs.coder import PATTERN_POS, is_negated, lemma_of
from eventwire.verbs.patterns import Lexicon

# the strongest tone wins: a threat over a criticism, a criticism over praise ...
TONE_ORDER = ("13", "112", "111", "052", "051", "018", "013", "012")


def _rank(code: str) -> int:
    return next((n for n, prefix in enumerate(TONE_ORDER) if code.startswith(prefix)), len(TONE_ORDER))


def _negated(tok: Token) -> bool:
    """"not acceptable", "no apologies", "does not welcome": a negation on the word or its verb."""
    if is_negated(tok):
        return True
    head = tok.head
    return tok.dep_ in ("acomp", "attr", "dobj", "xcomp") and is_negated(head)


def word_tone(lex: Lexicon, tok: Token) -> str | None:
    pos = PATTERN_POS.get(tok.pos_)
    if pos is None:
        return None
    entry = lex.tone.get((lemma_of(tok), pos)) or lex.tone.get((lemma_of(tok), "*")) or lex.tone.get((tok.lower_, "*"))
    if entry is None:
        return None
    code, negated = entry
    return (negated or None) if _negated(tok) else (code or None)


def tone_of(lex: Lexicon, tokens: Iterable[Token]) -> tuple[str, Token] | None:
    """The code of the strongest tone among the words and the word that carries it, or None."""
    found = [(c, t) for t in tokens if (c := word_tone(lex, t))]
    return min(found, key=lambda pair: _rank(pair[0])) if found else None


def content_tokens(frame: Token) -> list[Token]:
    """What a report says: its clause complements and, in a sentence with quotation marks, the
    quoted words ("'Your time is up,' Blair said")."""
    from eventwire.verbs.coder import QUOTE_MARKS, content_roots

    roots = [r for r in content_roots(frame) if r.dep_ in ("ccomp", "xcomp", "dobj", "obj", "advcl", "attr")]
    roots += [c for c in frame.children if c.dep_ == "parataxis"]
    tokens = {t.i: t for r in roots for t in r.subtree}
    sent = frame.sent
    inside = False
    for t in sent:
        if t.text in QUOTE_MARKS:
            inside = not inside
        elif inside:
            tokens.setdefault(t.i, t)
    return [tokens[i] for i in sorted(tokens)]


def apply_tone(lex: Lexicon, candidates: list) -> None:  # noqa: ANN001  (coder.Candidate)
    """A report that embeds no codeable act (the residual 010) takes the code of its tone."""
    for c in candidates:
        if c.frame != "report" or c.consumed or c.code != lex.derived_code("report", None):
            continue
        found = tone_of(lex, content_tokens(c.token))
        if found is not None:
            c.code, c.frame, c.pattern = found[0], "tone", f"tone:{lemma_of(found[1])}"
