"""The one-call layer: text or Article in, Document out, through the staged spaCy pipeline.

A text longer than ``chunk_chars`` is coded in chunks cut at paragraph boundaries (never
truncated); events and quotes of later chunks have their offsets and sentence indices shifted so
that they refer to the whole ``Document.text``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.ingest import article_from_record, article_from_text
from eventwire.model import Article, Document, Event, Quote, Span
from eventwire.nlp.pipeline import DEFAULT_MODEL, load

log = logging.getLogger(__name__)

CHUNK_CHARS = 100_000


@dataclass(frozen=True)
class Options:
    """Every knob of the coder in one place."""

    model: str = DEFAULT_MODEL
    chunk_chars: int = CHUNK_CHARS
    batch_size: int = 32
    clean: bool = True


def to_article(item: str | dict[str, Any] | Article, published: date | str | None = None,
               title: str | None = None, url: str | None = None) -> Article:
    """Accept what users have: a plain string, a dict with text/id/date/title/url, an Article."""
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        return article_from_record(item, origin=str(item.get("id") or "record"))
    return article_from_text(item, published=published, title=title, url=url, origin="text")


def split_chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, chunk) pairs, cut after a paragraph break; a paragraph over the limit is cut at
    its last sentence end before the limit, then at a space."""
    chunks, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut <= 0:
            cut = max(window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > 0 else limit
        chunks.append((start, text[start:start + cut]))
        start += cut
    chunks.append((start, text[start:]))
    return chunks


def _shift_span(span: Span, offset: int) -> Span:
    return Span(span.start + offset, span.end + offset, span.text)


def _shift_event(event: Event, offset: int, sentences: int) -> Event:
    location = event.location
    if location is not None and location.span is not None:
        location = replace(location, span=_shift_span(location.span, offset))
    return replace(event, evidence=_shift_span(event.evidence, offset),
                   trigger=_shift_span(event.trigger, offset),
                   sentence_index=event.sentence_index + sentences, location=location)


def _shift_quote(quote: Quote, offset: int, sentences: int) -> Quote:
    speaker_span = _shift_span(quote.speaker_span, offset) if quote.speaker_span else None
    return replace(quote, evidence=_shift_span(quote.evidence, offset), speaker_span=speaker_span,
                   sentence_index=quote.sentence_index + sentences)


class Coder:
    """Holds the loaded pipeline; ``code_articles`` streams Documents in input order."""

    def __init__(self, options: Options | None = None, nlp: Language | None = None) -> None:
        self.options = options or Options()
        self.nlp = nlp or load(self.options.model)

    def _docs(self, article: Article) -> Iterator[tuple[int, Doc]]:
        for offset, chunk in split_chunks(article.text, self.options.chunk_chars):
            doc = self.nlp.make_doc(chunk)
            doc._.published = article.published
            doc._.article_id = article.id
            yield offset, doc

    def code_articles(self, articles: Iterable[Article], n_process: int = 1) -> Iterator[Document]:
        if n_process != 1:
            return code_in_processes(self, articles, n_process)
        return self._code_here(articles)

    def _code_here(self, articles: Iterable[Article]) -> Iterator[Document]:
        pending: deque[tuple[Article, int, int]] = deque()  # article, chunk offset, chunk count left

        def stream() -> Iterator[Doc]:
            for article in articles:
                chunks = list(self._docs(article))
                for n, (offset, doc) in enumerate(chunks):
                    pending.append((article, offset, len(chunks) - n - 1))
                    yield doc

        current: Document | None = None
        sentences = 0
        docs = self.nlp.pipe(stream(), batch_size=self.options.batch_size)
        for doc in docs:
            article, offset, left = pending.popleft()
            if current is None:
                current, sentences = Document(article=article, text=article.text), 0
            events, quotes = doc._.events or [], doc._.quotes or []
            if offset or sentences:  # a later chunk: offsets and indices refer to the chunk
                events = [_shift_event(e, offset, sentences) for e in events]
                quotes = [_shift_quote(q, offset, sentences) for q in quotes]
            current.events.extend(events)
            current.quotes.extend(quotes)
            if left == 0:
                yield current
                current = None
            else:
                sentences += sum(1 for _ in doc.sents)


# ---- several processes -------------------------------------------------------------------------
# spaCy's own ``nlp.pipe(n_process=...)`` ships Docs between processes as msgpack, which cannot
# carry doc._.published (a date) nor doc._.events (Event records). Instead each worker process
# codes whole batches of articles with its own Coder and sends back pickled Documents.

_worker: Coder | None = None


def _init_worker(coder: Coder | None, options: Options) -> None:
    global _worker  # one Coder per worker process, built once
    _worker = coder if coder is not None else Coder(options)


def _code_batch(batch: list[Article]) -> list[Document]:
    assert _worker is not None, "worker not initialised"
    return list(_worker.code_articles(batch))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_in_processes(coder: Coder, articles: Iterable[Article], n_process: int) -> Iterator[Document]:
    """Code batches of articles in ``n_process`` worker processes (-1: one per CPU); Documents come
    back in input order, with at most two batches per worker in flight (memory stays bounded)."""
    n = (os.cpu_count() or 1) if n_process < 1 else n_process
    # fork (Linux) hands the already loaded pipeline to the workers; elsewhere each worker loads
    # the pipeline named in the options.
    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else "spawn")
    initargs = (coder if fork else None, coder.options)
    with ProcessPoolExecutor(n, mp_context=context, initializer=_init_worker, initargs=initargs) as pool:
        window: deque[Future[list[Document]]] = deque()
        for batch in _batches(articles, coder.options.batch_size):
            window.append(pool.submit(_code_batch, batch))
            if len(window) >= 2 * n:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


_default: Coder | None = None


def default_coder() -> Coder:
    global _default  # one loaded pipeline per process, like spaCy's own model cache
    if _default is None:
        _default = Coder()
    return _default


def code(text: str | Article, published: date | str | None = None, title: str | None = None,
         url: str | None = None) -> Document:
    """Code one article. Raises eventwire.errors.InputError for text that cannot be coded."""
    article = to_article(text, published=published, title=title, url=url)
    return next(default_coder().code_articles([article]))


def code_many(articles: Iterable[str | dict[str, Any] | Article], n_process: int = 1) -> Iterator[Document]:
    """Code many articles in batches through ``nlp.pipe``; Documents come back in input order."""
    return default_coder().code_articles((to_article(a) for a in articles), n_process=n_process)


def to_pandas(documents: Iterable[Document]):  # noqa: ANN201  (pandas is imported lazily)
    """One row per event, nested records flattened with dotted column names."""
    import pandas as pd

    rows = [event.to_dict() for doc in documents for event in doc.events]
    return pd.json_normalize(rows) if rows else pd.DataFrame()
