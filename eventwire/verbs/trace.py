"""The event coder's account of a sentence: which words of the lexicon it considered and why
each gave no event (``eventwire eval --explain`` prints it under the misses).

The account is asked for by putting a dict in ``doc.user_data[TRACE_KEY]`` before the pipeline
runs; the event component then fills it, sentence index -> lines. Coding without it costs nothing.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.verbs.coder import PATTERN_POS, Candidate, best_act, frame_of, lemma_of, not_trigger
from eventwire.verbs.patterns import Lexicon

TRACE_KEY = "eventwire_trace"


def _word(tok: Token) -> str:
    return f"'{tok.text}' ({tok.pos_.lower()} {tok.dep_} of '{tok.head.text}')"


def _known(lex: Lexicon, tok: Token) -> list[str]:
    """The parts of speech the lexicon knows the token's lemma (or form) as."""
    names = {lemma_of(tok), tok.lower_}
    return sorted({pos for (lemma, pos) in [*lex.acts, *lex.frames] if lemma in names})


def unfound(lex: Lexicon, sent: SpacySpan, candidates: list[Candidate]) -> list[str]:
    """Lexicon words of the sentence that did not become candidates, and why."""
    taken = {c.token.i for c in candidates}
    lines = []
    for tok in sent:
        known = _known(lex, tok)
        if not known or tok.i in taken:
            continue
        reason = not_trigger(lex, tok)
        pos = PATTERN_POS.get(tok.pos_)
        if reason is None and pos not in known:
            reason = f"tagged {tok.pos_}, the lexicon has it as {'/'.join(known)}"
        if reason is None and frame_of(lex, tok) is None and best_act(lex, tok) is None:
            reason = "the conditions of its patterns do not hold: " + _conditions(lex, tok, pos)
        lines.append(f"{_word(tok)}: {reason or 'dropped as a double of another word'}")
    return lines


def _conditions(lex: Lexicon, tok: Token, pos: str | None) -> str:
    patterns = (lex.acts.get((lemma_of(tok), pos or "")) or []) + (lex.frames.get((lemma_of(tok), pos or "")) or [])
    shown = []
    for p in patterns[:4]:
        conds = " ".join(f"{c.key}:{'|'.join(sorted(c.values))}" if c.values else c.key for c in p.conditions)
        shown.append(f"{getattr(p, 'code', None) or getattr(p, 'frame', '')} {conds}".strip())
    return "; ".join(shown) + (" ..." if len(patterns) > 4 else "")


def _consumer(c: Candidate, candidates: list[Candidate]) -> Candidate | None:
    return next((f for f in candidates if f.frame and c in f.embedded and f is not c), None)


def dropped(c: Candidate, candidates: list[Candidate], keep_negated: bool) -> str | None:
    """Why a candidate gives no event after frames and modality (None when it is output)."""
    head = f"{_word(c.token)} {c.code or c.pattern}"
    if c.consumed:
        frame = _consumer(c, candidates)
        if frame is not None:
            return f"{head}: the content of {frame.pattern} '{frame.token.text}' (coded there)"
        if c.background:
            return f"{head}: a frame that reports no act of its own (purpose, description, plain noun)"
        if not c.frame and c.anchor == c.token and c.token.pos_ in ("NOUN", "PROPN"):
            return f"{head}: an event noun with no verb that makes it happen"
        return f"{head}: consumed (a frame with nothing codeable inside, or a report)"
    if not c.code:
        return f"{head}: a frame with no code"
    if c.negated and not keep_negated:
        return f"{head}: negated"
    if c.hypothetical and not c.frame:
        return f"{head}: hypothetical (a modal, a condition, an aim)"
    return None


def note(trace: list[str] | None, lines: list[str]) -> None:
    if trace is not None:
        trace.extend(lines)
