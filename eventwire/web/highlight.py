"""Evidence with its words marked: a text cut into pieces, each plain or of a kind (``trigger``,
``source``, ``target``, ``evidence``), that a template writes out escaped, each kind in a ``<mark>``.

The pieces are text, never HTML: marking cannot open a way for article text into the markup.
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple


class Piece(NamedTuple):
    text: str
    kind: str | None  # None: plain text


Mark = tuple[int, int, str]  # start, end, kind; on overlap the earlier mark in the list wins


def pieces(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """``text`` cut at every mark's ends; each piece takes the kind of the first mark over it."""
    valid = [(s, e, k) for s, e, k in marks if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        kind = next((k for s, e, k in valid if s <= start and end <= e), None)
        if out and out[-1].kind == kind:
            out[-1] = Piece(out[-1].text + text[start:end], kind)
        else:
            out.append(Piece(text[start:end], kind))
    return out


def sentence_marks(sentence: str, trigger: dict[str, Any] | None,
                   names: dict[str, str | None]) -> list[Mark]:
    """The trigger (offsets into the sentence) and the first place each actor's name appears."""
    marks: list[Mark] = []
    if trigger and trigger.get("start") is not None and trigger.get("end") is not None:
        marks.append((trigger["start"], trigger["end"], "trigger"))
    for kind, name in names.items():
        at = sentence.find(name) if name else -1
        if name and at >= 0:
            marks.append((at, at + len(name), kind))
    return marks


def event_pieces(event: dict[str, Any]) -> list[Piece]:
    """An event's (or a mention's) sentence with its trigger and actors marked."""
    sentence = event.get("sentence") or ""
    trigger = event.get("trigger") or {"start": event.get("trigger_start"),
                                       "end": event.get("trigger_end")}
    names = {"source": event.get("source_name"), "target": event.get("target_name")}
    return pieces(sentence, sentence_marks(sentence, trigger, names))


def article_pieces(article: dict[str, Any]) -> list[Piece]:
    """An article's text with the triggers of its events marked inside their evidence."""
    marks: list[Mark] = []
    for event in article["events"]:
        if event["trigger_start"] is not None and event["trigger_end"] is not None:
            marks.append((event["trigger_start"], event["trigger_end"], "trigger"))
    for event in article["events"]:
        if event["evidence_start"] is not None and event["evidence_end"] is not None:
            marks.append((event["evidence_start"], event["evidence_end"], "evidence"))
    return pieces(article.get("text") or "", marks)
