"""The ingest driver: read inputs, skip texts already stored, code the rest, write in batches.

``ingest()`` is what ``eventwire ingest`` runs. Per chunk of ``batch_size`` inputs it
1. keys each article by its content (``store.content_key``: a reprint with another byline gets
   the same key), asks the store in one query which keys and mentions it already holds, and
   remembers the keys of earlier chunks still being coded (``Intake``);
2. hands only new texts to the coder (an exact re-ingest adds nothing; a new outlet/URL for a
   known text adds a mention only: a "duplicate skipped"). A coder with a ``submit`` method (the
   Dask runner) starts on the next ``LOOKAHEAD`` chunks while this one is written, so workers
   never wait for the store;
3. writes articles, events, quotes, mentions and log rows in one transaction that also updates
   the event clusters. A kill between transactions loses at most the chunks being coded; the
   rerun codes them again and skips everything committed.

A coder may put an ``InputError`` in place of an article's Document (a Dask worker died on it):
that article is logged as failed, like an input that could not be read. A ``ClusterError``
stops the run: nothing of the chunks in flight is stored.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from eventwire.errors import ClusterError, EventwireError, InputError, StoreError, TimeLimitError
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.model import Article, Document
from eventwire.store import DEFAULT_DB, Batch, Store, content_key, mention_id, outlet_of
from eventwire.store.dedup import cluster_pending as _cluster_pending

log = logging.getLogger(__name__)

Coder = Callable[[Iterable[Article]], Iterator["Document | InputError"]]
Reader = Callable[..., Iterator["Article | InputError"]]
LOOKAHEAD = 1  # chunks handed to a submitting coder beyond the one being written


class Pending(Protocol):
    """Coding in progress: ``result()`` gives one Document or InputError per article, in order."""

    def result(self) -> list[Document | InputError]: ...


@dataclass
class IngestReport:
    """What an ingest did; ``exit_code`` follows the CLI contract (0, 1 some failed, 2 none)."""

    articles_coded: int = 0
    events: int = 0
    quotes: int = 0
    duplicates: int = 0  # a stored text seen under a new outlet/URL: one mention more, no coding
    unchanged: int = 0  # this very input was stored before: nothing added
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    elapsed: float = 0.0  # seconds since the run started, as of the last progress report

    @property
    def stored_anything(self) -> bool:
        return bool(self.articles_coded or self.duplicates or self.unchanged)

    @property
    def exit_code(self) -> int:
        if not self.stored_anything:
            return 2
        return 1 if self.failed else 0

    @property
    def articles_per_second(self) -> float:
        return self.articles_coded / self.elapsed if self.elapsed > 0 else 0.0

    def fail(self, origin: str | None, reason: str) -> None:
        self.failed += 1
        self.failures.append((origin or "-", reason))
        log.info("%s: %s", origin, reason)  # the CLI shows failures; don't print them twice


def default_coder(n_process: int = 1) -> Coder:
    def code(articles: Iterable[Article]) -> Iterator[Document]:
        from eventwire import code_many  # spaCy loads only when something is coded

        return code_many(articles, n_process=n_process)

    return code


def code_isolated(coder: Coder, articles: list[Article],
                  seconds: float | None = None) -> list[Document | InputError]:
    """Code a batch at once; if the coder fails, code one by one to find the bad input. A
    ``ClusterError`` (the cluster, not an article, is at fault) is raised as it is.

    ``seconds``: the per-article time limit. The whole batch gets one article's limit: a batch
    within it has no article over it; a batch beyond it is coded again article by article, each
    within the limit (in the main thread only: see ``ingest.limits``)."""
    if not articles:
        return []
    try:
        with time_limit(seconds, "batch", "to code"):
            return list(coder(articles))
    except ClusterError:
        raise
    except TimeLimitError:
        log.info("a batch of %d took over the time limit; coding article by article", len(articles))
    except Exception:  # noqa: BLE001 - one bad article must not stop a backfill
        log.info("batch coding failed; retrying article by article", exc_info=True)
    return [_code_one(coder, article, seconds) for article in articles]


def _code_one(coder: Coder, article: Article, seconds: float | None = None) -> Document | InputError:
    origin = article.origin or "-"
    try:
        with time_limit(seconds, origin, "to code"):
            return next(iter(coder([article])))
    except ClusterError:
        raise
    except EventwireError as exc:
        return InputError(origin, str(getattr(exc, "reason", exc)))
    except Exception as exc:  # noqa: BLE001
        log.debug("%s: coding failed", origin, exc_info=True)
        return InputError(origin, f"coding failed: {type(exc).__name__}: {exc}")


class _Deferred:
    """Coding in this process, done when the driver asks for the result."""

    def __init__(self, coder: Coder, articles: list[Article], seconds: float | None) -> None:
        self.coder, self.articles, self.seconds = coder, articles, seconds

    def result(self) -> list[Document | InputError]:
        return code_isolated(self.coder, self.articles, self.seconds)


def submit(coder: Coder, articles: list[Article], seconds: float | None = None) -> Pending:
    """Start coding ``articles``: on the coder's cluster if it can submit, else when asked
    (within ``seconds`` per article)."""
    start = getattr(coder, "submit", None)
    return start(articles) if start is not None else _Deferred(coder, articles, seconds)


def ingest(
    paths: Sequence[str | Path],
    db_path: str | Path = DEFAULT_DB,
    *,
    batch_size: int = 64,
    on_progress: Callable[[IngestReport], None] | None = None,
    coder: Coder | None = None,
    reader: Reader | None = None,
    n_process: int = 1,
    date: date | None = None,
    title: str | None = None,
    cluster: bool = True,
    options: IngestOptions | None = None,
) -> IngestReport:
    """Ingest files/directories/globs into the store at ``db_path``; never raises for one input.

    ``cluster=False`` (a backfill) writes the events without clustering them batch by batch and
    clusters every pending event once at the end, which is faster for large inputs. A backfill
    killed before its end leaves events unclustered; the next ingest clusters them first.
    ``options``: how inputs are read; its ``time_limit`` bounds the coding of each article too.
    Raises StoreError when the store cannot be opened or written (full disk, read-only, damaged,
    in use by another ingest): what earlier batches stored stays stored."""
    opts = options or IngestOptions()
    items = read(paths, reader, date, title, opts)
    run = _StoreRun(Store(db_path), coder or default_coder(n_process), on_progress, cluster)
    run.time_limit = opts.time_limit
    try:
        if cluster:
            cluster_pending(run.store)
        run.run(chunks(items, batch_size))
        if not cluster:
            cluster_pending(run.store)
    except StoreError as exc:
        raise StoreError(f"{exc}; {run.stored_so_far()}") from exc
    finally:
        run.store.close()
    return run.report


def read(paths: Sequence[str | Path], reader: Reader | None, day: date | None,
         title: str | None, options: IngestOptions | None = None) -> Iterator[Article | InputError]:
    if reader is None:
        from eventwire.ingest import read_inputs as reader
    return reader([str(p) for p in paths], date=day, title=title, options=options or IngestOptions())


def chunks(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def cluster_pending(store: Store) -> int:
    """Cluster the events a killed backfill left unclustered; how many articles had some."""
    return _cluster_pending(store.con)


@dataclass
class Chunk:
    """One chunk of inputs, sorted: new texts to code, mentions to add, and the log rows."""

    batch: Batch  # log rows of failed and skipped inputs so far; documents and mentions follow
    to_code: dict[str, Article]  # content key -> article
    mentions: list[tuple[str, Article, str]]  # (content key, article, mention id)
    stored: set[str]  # keys the store held when the chunk was sorted


class Intake:
    """Sorts chunks of inputs against what is stored and what earlier chunks are coding.

    ``known_articles`` and ``known_mentions`` answer which of the given keys or mention ids are
    stored; keys and mention ids of chunks handed over but not yet written count as known too,
    so a text twice in one run is coded once and an input twice is stored once."""

    def __init__(self, known_articles: Callable[[list[str]], set[str]],
                 known_mentions: Callable[[list[str]], set[str]], report: IngestReport) -> None:
        self.known_articles, self.known_mentions = known_articles, known_mentions
        self.report = report
        self.coding: set[str] = set()
        self.mentioning: set[str] = set()

    def sort(self, items: list[Article | InputError]) -> Chunk:
        batch = Batch()
        for item in items:
            if isinstance(item, InputError):
                batch.add_log(item.origin, "failed", item.reason)
                self.report.fail(item.origin, item.reason)
        articles = [item for item in items if isinstance(item, Article)]
        keyed = [(content_key(a.text), a) for a in articles]
        stored = self.known_articles([k for k, _ in keyed])
        mids = [mention_id(k, a.url, outlet_of(a), a.origin) for k, a in keyed]
        # A mention is stored only with (or after) its article: only stored texts can have one,
        # so a batch of new texts needs no second query.
        seen = self.known_mentions([mid for (k, _), mid in zip(keyed, mids) if k in stored])
        chunk = Chunk(batch, {}, [], stored)
        for (key, article), mid in zip(keyed, mids):
            self._sort_one(chunk, key, article, mid, seen)
        return chunk

    def _sort_one(self, chunk: Chunk, key: str, article: Article, mid: str, seen: set[str]) -> None:
        if mid in seen or mid in self.mentioning:
            self.report.unchanged += 1
            return
        seen.add(mid)
        self.mentioning.add(mid)
        chunk.mentions.append((key, article, mid))
        if key in chunk.stored or key in chunk.to_code or key in self.coding:
            self.report.duplicates += 1
            chunk.batch.add_log(article.origin, "skipped", f"same text as article {key}", key)
        else:
            chunk.to_code[key] = article
            self.coding.add(key)

    def done(self, chunk: Chunk) -> None:
        """The chunk is written (or given up): its keys are the store's business again."""
        self.coding.difference_update(chunk.to_code)
        self.mentioning.difference_update(mid for _, _, mid in chunk.mentions)


class _StoreRun:
    def __init__(self, store: Store, coder: Coder,
                 on_progress: Callable[[IngestReport], None] | None, cluster: bool) -> None:
        self.store, self.coder, self.on_progress = store, coder, on_progress
        self.cluster = cluster
        self.report = IngestReport()
        self.time_limit: float | None = None
        self.committed = 0  # articles coded in batches that the store has committed
        self.started = time.monotonic()
        self.intake = Intake(lambda keys: store.existing("articles", "id", keys),
                             lambda mids: store.existing("article_mentions", "mention_id", mids),
                             self.report)

    def stored_so_far(self) -> str:
        coded = self.committed
        return (f"this run stored {coded:,} articles before it stopped; rerun it when the store "
                "can be written: what is stored is skipped") if coded else "this run stored nothing"

    def progress(self) -> None:
        self.report.elapsed = time.monotonic() - self.started
        if self.on_progress is not None:
            self.on_progress(self.report)

    def run(self, chunks: Iterable[list[Article | InputError]]) -> None:
        window: deque[tuple[Chunk, Pending]] = deque()
        for items in chunks:
            chunk = self.intake.sort(items)
            window.append((chunk, submit(self.coder, list(chunk.to_code.values()), self.time_limit)))
            if len(window) > LOOKAHEAD:
                self.finish(*window.popleft())
        while window:
            self.finish(*window.popleft())

    def finish(self, chunk: Chunk, pending: Pending) -> None:
        self.store.yield_to_readers()  # coding is the long part: a dashboard may read meanwhile
        keep = chunk.stored | self.add_documents(chunk, pending.result())
        waiting = {key for key, _, _ in chunk.mentions if key not in keep}
        if waiting:  # texts an earlier chunk of this run coded (and wrote) are stored now
            keep |= self.store.existing("articles", "id", waiting)
        for key, article, mid in chunk.mentions:
            if key in keep:  # the mention of a text that failed to code waits for a rerun
                chunk.batch.add_mention(article, key, mid)
        self.store.write(chunk.batch, cluster=self.cluster)
        self.committed = self.report.articles_coded
        self.intake.done(chunk)
        self.progress()

    def add_documents(self, chunk: Chunk, results: list[Document | InputError]) -> set[str]:
        """Put the coded texts into the chunk's batch; return the keys coded."""
        done: set[str] = set()
        for (key, article), result in zip(chunk.to_code.items(), results, strict=True):
            if isinstance(result, Document):
                self.report.events += chunk.batch.add_document(result, key)
                self.report.quotes += len(result.quotes)
                self.report.articles_coded += 1
                chunk.batch.add_log(article.origin, "coded", None, key)
                done.add(key)
            else:
                chunk.batch.add_log(article.origin, "failed", result.reason)
                self.report.fail(article.origin, result.reason)
        return done
