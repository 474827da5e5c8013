"""Ingest to Parquet shards: ``eventwire ingest --out-parquet DIR``, for when a cluster codes more
than one driver should receive.

The driver reads the inputs and sorts each chunk as ``ingest`` does (``code_and_store.Intake``),
against the texts and mentions the folder already holds; each chunk becomes a ``ShardJob`` that a
worker codes and writes straight to DIR (``store.shards``), sending back only counts. Nothing
goes through the driver's memory but the inputs. ``eventwire load DIR`` then fills a store.

Resuming: the chunks are cut from the inputs as they come, so the same command cuts the same
chunks and names their shards the same; a rerun skips every chunk whose shard is complete,
removes what a killed run left incomplete, and codes the rest. A chunk's coding failures are
part of its complete shard: they are not retried by a rerun into the same folder.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from eventwire.code_and_store import (Coder, Intake, IngestReport, Reader, chunks, code_isolated,
                                      default_coder, read)
from eventwire.errors import InputError
from eventwire.model import Article, Document
from eventwire.store import Batch, content_key, mention_id, outlet_of
from eventwire.store.keys import stable_hash
from eventwire.store.shards import Folder, shard_tables

log = logging.getLogger(__name__)


@dataclass
class ShardJob:
    """One chunk's work: what to code, the mention and log rows the driver made, where to write."""

    out: str
    shard: str
    articles: list[tuple[str, Article]]  # (content key, article) to code
    batch: Batch  # mentions and log rows from the driver; the worker adds the coded documents
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason) given up

    def without(self, ids: set[int], reason: str) -> ShardJob:
        """The job with the articles of ``ids`` (``id()`` of Article) given up for ``reason``."""
        gone = [(key, a) for key, a in self.articles if id(a) in ids]
        return replace(self, articles=[(k, a) for k, a in self.articles if id(a) not in ids],
                       failed=self.failed + [(a.origin or "-", reason) for _, a in gone])


@dataclass
class ShardResult:
    coded: list[str]  # content keys written
    events: int
    quotes: int
    failures: list[tuple[str, str]]  # (origin, reason) of articles that failed to code


def run_job(job: ShardJob, coder: Coder) -> ShardResult:
    """Code the job's articles and write its shard (run on a worker, or in this process)."""
    results = code_isolated(coder, [article for _, article in job.articles])
    batch, failures, failed_keys = job.batch, list(job.failed), set()
    for (key, article), result in zip(job.articles, results, strict=True):
        if isinstance(result, Document):
            batch.add_document(result, key)
            batch.add_log(article.origin, "coded", None, key)
        else:
            failures.append((article.origin or "-", result.reason))
            failed_keys.add(key)
    for origin, reason in failures:
        batch.add_log(origin, "failed", reason)
    # the mention of a text that failed to code waits for a rerun, as in the store
    batch.mentions = [row for row in batch.mentions if row[1] not in failed_keys]
    Folder(job.out).write(job.shard, shard_tables(batch))
    docs = [doc for _, doc in batch.documents]
    return ShardResult([key for key, _ in batch.documents], sum(len(d.events) for d in docs),
                       sum(len(d.quotes) for d in docs), failures)


def shard_id(items: list[Article | InputError]) -> str:
    """The same chunk of inputs, the same id (and so the same file names)."""
    return stable_hash(*(_identity(item) for item in items))


def _identity(item: Article | InputError) -> str:
    if isinstance(item, InputError):
        return f"failed:{item.origin}:{item.reason}"
    return mention_id(content_key(item.text), item.url, outlet_of(item), item.origin)


def ingest_to_parquet(
    paths: Sequence[str | Path],
    out: str,
    *,
    batch_size: int = 64,
    runner: Any = None,
    coder: Coder | None = None,
    reader: Reader | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    date: Any = None,
    title: str | None = None,
    options: Any = None,
) -> IngestReport:
    """Code the inputs into Parquet shards under ``out`` (a path or an fsspec URL). With a
    ``DaskRunner`` the workers code and write; without one, this process does (with ``coder``).
    ``options`` (``IngestOptions``): how inputs are read."""
    run = _ShardRun(Folder(str(out)), runner, coder or default_coder(), on_progress)
    run.run(chunks(read(paths, reader, date, title, options), batch_size))
    return run.report


class _ShardRun:
    def __init__(self, folder: Folder, runner: Any, coder: Coder,
                 on_progress: Callable[[IngestReport], None] | None) -> None:
        self.folder, self.runner, self.coder, self.on_progress = folder, runner, coder, on_progress
        self.report = IngestReport()
        self.started = time.monotonic()
        self.complete = folder.complete()
        folder.remove_incomplete(self.complete)
        self.written = folder.values("articles", "id", self.complete)
        self.mentioned = folder.values("mentions", "mention_id", self.complete)
        self.intake = Intake(lambda keys: self.written.intersection(keys),
                             lambda mids: self.mentioned.intersection(mids), self.report)

    def run(self, chunks: Any) -> None:
        window: deque[tuple[Any, ShardJob, Any]] = deque()
        size = 2 * self.runner.slots() if self.runner is not None else 1
        for items in chunks:
            shard = shard_id(items)
            if shard in self.complete:  # written by an earlier run of the same command
                self.report.unchanged += sum(isinstance(item, Article) for item in items)
                continue
            chunk = self.intake.sort(items)
            for key, article, mid in chunk.mentions:
                chunk.batch.add_mention(article, key, mid)
            job = ShardJob(self.folder.url, shard, list(chunk.to_code.items()), chunk.batch)
            window.append((chunk, job, self._submit(job)))
            if len(window) >= size:
                self._finish(*window.popleft())
        while window:
            self._finish(*window.popleft())
        self._progress()

    def _submit(self, job: ShardJob) -> Any:
        return self.runner.submit_shard(job) if self.runner is not None else None

    def _finish(self, chunk: Any, job: ShardJob, future: Any) -> None:
        if self.runner is not None:
            result = self.runner.shard_result(job, future)
        else:
            result = run_job(job, self.coder)
        self.report.articles_coded += len(result.coded)
        self.report.events += result.events
        self.report.quotes += result.quotes
        for origin, reason in result.failures:
            self.report.fail(origin, reason)
        self.written.update(result.coded)
        self.mentioned.update(row[0] for row in job.batch.mentions)
        self.intake.done(chunk)
        self._progress()

    def _progress(self) -> None:
        self.report.elapsed = time.monotonic() - self.started
        if self.on_progress is not None:
            self.on_progress(self.report)
