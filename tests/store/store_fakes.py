"""Hand-built events and a fast fake coder, so store tests need no spaCy.

The fake coder reads sentences of the form ``SRC CODE TGT ...`` ("USAGOV 042 RUSGOV met in
Geneva.") as one event each, and any text in double quotes as a quote.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from eventwire.errors import InputError
from eventwire.code_and_store import ingest
from eventwire.model import Actor, Article, Document, Event, Location, Quote, Span

_PATTERN = re.compile(r"\b([A-Z]{3}[A-Z]*) (\d{2,4}) ([A-Z]{3}[A-Z]*)\b")
_QUOTE = re.compile(r'"([^"]+)"')


def quad(root: str) -> int:
    value = int(root)
    return 1 if value <= 5 else 2 if value <= 8 else 3 if value <= 13 else 4


def make_event(
    article_id: str = "a1", source: str | None = "USAGOV", target: str | None = "RUSGOV",
    cameo: str = "042", sentence: str = "The envoy met officials.", *, start: int = 0,
    day: str | None = None, trigger: str = "met", index: int = 0, negated: bool = False,
    location: Location | None = None, confidence: float | None = None,
) -> Event:
    return Event(
        article_id=article_id, sentence_index=index, sentence=sentence,
        evidence=Span(start, start + len(sentence)),
        trigger=Span(start, start + len(trigger), trigger),
        source=Actor(source, source, source[:3], source[3:] or None) if source else None,
        target=Actor(target, target, target[:3], target[3:] or None) if target else None,
        cameo=cameo, root=cameo[:2], quad=quad(cameo[:2]), goldstein=-2.0 if quad(cameo[:2]) > 2 else 3.0,
        plover={"event": "CONSULT", "mode": None, "context": None}, date=day,
        date_precision="day" if day else "article", location=location, negated=negated,
        confidence=confidence,
    )


def fake_code(article: Article) -> Document:
    events, quotes, offset = [], [], 0
    for index, sentence in enumerate(s for s in article.text.split("\n") if s.strip()):
        start = article.text.index(sentence, offset)
        offset = start + len(sentence)
        for match in _PATTERN.finditer(sentence):
            src, code, tgt = match.groups()
            events.append(make_event(article.id or "", src, tgt, code, sentence, start=start,
                                     trigger=sentence.split()[3] if len(sentence.split()) > 3 else "x",
                                     index=index, confidence=0.3 if "reportedly" in sentence else 0.9))
        for match in _QUOTE.finditer(sentence):
            quotes.append(Quote(match.group(1), Actor("Spokesman", "USAGOV"), index,
                                Span(start + match.start(1), start + match.end(1))))
    return Document(article=article, text=article.text, events=events, quotes=quotes)


def fake_coder(articles: Iterable[Article]) -> Iterator[Document]:
    for article in articles:
        if "FAILCODE" in article.text:
            raise ValueError("cannot code this")
        yield fake_code(article)


def article(text: str, *, url: str | None = None, outlet: str | None = None,
            origin: str | None = None, day: date | None = date(2024, 1, 8),
            title: str | None = None) -> Article:
    return Article(text=text, url=url, outlet=outlet, origin=origin or url or "mem",
                   published=day, title=title)


def reader_of(items: list[Article | InputError]):
    """A stand-in for eventwire.ingest.read_inputs yielding the given items whatever the paths."""

    def read(paths, *, date=None, title=None, options=None) -> Iterator[Article | InputError]:
        yield from items

    return read


BODY = ("USAGOV 042 RUSGOV met in Geneva on Monday to discuss arms control and sanctions.\n"
        "Officials said the talks were long, and a spokesman said \"talks were useful\" later.")


def corpus() -> list:
    """A wire story, its reprint under another byline, a second report, and a conflict event."""
    return [
        article("By John Doe\n" + BODY, url="https://www.reuters.com/a1"),
        article("By Jane Roe, AP\n" + BODY + "\nCopyright AP 2024", url="https://apnews.com/b2"),
        article("USAGOV 042 RUSGOV met in Geneva, officials said on Tuesday after talks.",
                url="https://bbc.co.uk/c3", day=date(2024, 1, 9)),
        article("RUSMIL 190 UKRMIL shelled positions near the border overnight, the army said.",
                url="https://kyivindependent.com/d4", day=date(2024, 1, 16)),
    ]


def build(path: Path, items: list | None = None, **kwargs) -> object:
    return ingest(["unused"], path, coder=fake_coder, reader=reader_of(items or corpus()),
                  **kwargs)


def snapshot(path: Path) -> dict[str, list]:
    """What a user reads from a store, in a stable order: events with their clusters, the
    clusters with their counts, articles, mentions, quotes and the ingest log (times left out)."""
    import duckdb

    queries = {
        "events": "SELECT * FROM events ORDER BY event_id",
        "clusters": "SELECT * FROM event_clusters ORDER BY cluster_id",
        "articles": "SELECT * FROM articles ORDER BY id",
        "mentions": "SELECT * EXCLUDE (seen_at) FROM article_mentions ORDER BY mention_id",
        "quotes": "SELECT * FROM quotes ORDER BY ALL",
        "log": "SELECT origin, status, reason, article_id FROM ingest_log ORDER BY ALL",
    }
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
