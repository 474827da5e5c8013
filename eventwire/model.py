"""Typed records that flow out of eventwire: Article in, Document with Events and Quotes out.

Every record has ``to_dict()`` giving the JSON shape documented in the README; CAMEO codes
are always strings ("010" is not 10).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


def text_id(text: str) -> str:
    """Stable article id from its normalised text (whitespace-insensitive, case-sensitive)."""
    normalised = " ".join(text.split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One input article, after ingest and cleaning. ``text`` is what offsets refer to."""

    text: str
    id: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None  # file (and line) the article came from, for messages
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None  # the codec its bytes were decoded with ("utf-8", "cp1252", ...)
    mojibake_repaired: bool = False  # text decoded with the wrong codec upstream ("Ã©") was repaired

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "origin": self.origin,
            "metadata": self.metadata,
            "encoding": self.encoding,
            "mojibake_repaired": self.mojibake_repaired,
        }


@dataclass(frozen=True)
class Actor:
    """A resolved actor. ``code`` is CAMEO style (USAGOV, IGOWSTNAT) or None when unknown."""

    name: str
    code: str | None = None
    country: str | None = None  # ISO alpha-3, or the IGO/NGO prefix
    role: str | None = None  # GOV, MIL, CVL, ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.text is not None:
            out["text"] = self.text
        return out


@dataclass
class Location:
    name: str
    country: str | None = None  # ISO alpha-3
    lat: float | None = None
    lon: float | None = None
    precision: str = "unresolved"  # city | region | country | unresolved
    span: Span | None = None  # where the place is named in Document.text
    source: str = "sentence"  # sentence | context (sentences before) | dateline | actor (speaker's seat) | article

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "span": self.span.to_dict() if self.span else None,
            "source": self.source,
        }


@dataclass
class Event:
    article_id: str
    sentence_index: int
    sentence: str
    evidence: Span
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad: int
    goldstein: float
    plover: dict[str, Any]
    date: str | None = None
    date_precision: str = "article"  # day | week | month | year | story (the day the story named) | article
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    speaker: Actor | None = None
    confidence: float | None = None
    pattern: str | None = None  # id of the pattern that produced it, for debugging

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad": self.quad,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "pattern": self.pattern,
        }
        if self.confidence is not None:
            out["confidence"] = self.confidence
        return out


@dataclass
class Quote:
    text: str
    speaker: Actor | None
    sentence_index: int
    evidence: Span  # the quoted words' span in Document.text (without the quote marks)
    speaker_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "sentence_index": self.sentence_index,
            "evidence": self.evidence.to_dict(),
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
        }


@dataclass
class Document:
    article: Article
    text: str
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
