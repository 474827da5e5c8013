"""Parquet shards: the folder ``eventwire ingest --out-parquet DIR`` writes, ``eventwire load`` reads.

    DIR/articles/part-<shard>.parquet                 one row per coded text (the store's columns)
    DIR/events/month=YYYY-MM/part-<shard>.parquet     one row per event, every field of the event
    DIR/events/month=unknown/part-<shard>.parquet     record with its id and sentence; undated ones
    DIR/quotes/part-<shard>.parquet
    DIR/mentions/part-<shard>.parquet                 every outlet/URL/input a text appeared under
    DIR/log/part-<shard>.parquet                      inputs coded, skipped and failed, with reasons

Events are partitioned by event month in Hive style (the month is in the folder name, not in the
files), which DuckDB (``hive_partitioning``), pyarrow/pandas, Spark and BigQuery external tables
read as they are. DIR is a local path or any URL fsspec understands (``s3://``, ``gs://``, ...):
every worker writes its own shards straight there.

A shard is one chunk of inputs, written by the worker that coded it; its id is a hash of the
chunk's inputs, so a rerun gives the same chunk the same file names. Each file is written under a
hidden name and renamed into place, the articles file last: a shard is complete exactly when its
articles file exists. Files of an incomplete shard (its writer was killed) are removed by the
next run before it starts, and never loaded.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Sequence

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventwire.errors import StoreError
from eventwire.model import Document
from eventwire.store import rows as R
from eventwire.store.db import Batch, outlet_of

log = logging.getLogger(__name__)

DATASETS = ("events", "quotes", "mentions", "log", "articles")  # write order: articles last
_SHARD = re.compile(r"(?:^|/)part-([0-9a-f]+)\.parquet$")
_HIDDEN = re.compile(r"/\.part-[^/]*\.tmp$")

EVENT_SCHEMA = pa.schema([pa.field("event_id", pa.string())]
                         + [f for f in R.EVENT_SCHEMA if f.name != "cluster_id"])
SCHEMAS = {"articles": R.ARTICLE_SCHEMA, "events": EVENT_SCHEMA, "quotes": R.QUOTE_SCHEMA,
           "mentions": R.MENTION_SCHEMA, "log": R.LOG_SCHEMA}


def shard_of(path: str) -> str | None:
    match = _SHARD.search(path)
    return match.group(1) if match else None


class Folder:
    """A shard folder, local or behind an fsspec URL."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.fs, self.root = fsspec.core.url_to_fs(url)
        except (ImportError, ValueError, OSError) as exc:  # e.g. s3:// without s3fs installed
            raise StoreError(f"{url}: cannot open this folder ({exc})") from None

    @property
    def local(self) -> bool:
        return "file" in _protocols(self.fs)

    def full(self, path: str) -> str:
        """A path of this filesystem as others open it (a URL unless local)."""
        return path if self.local else self.fs.unstrip_protocol(path)

    def files(self, dataset: str, shards: set[str] | None = None) -> list[str]:
        """The dataset's shard files (of ``shards`` only, when given), sorted."""
        found = [p for p in self._find(dataset) if shard_of(p)]
        return sorted(p for p in found if shards is None or shard_of(p) in shards)

    def _find(self, folder: str) -> list[str]:
        return list(self.fs.find(f"{self.root}/{folder}"))

    def complete(self) -> set[str]:
        return {s for s in map(shard_of, self.files("articles")) if s}

    def remove_incomplete(self, done: set[str]) -> int:
        """Remove the files of shards not in ``done`` (without an articles file when it was
        listed), and stray hidden files. A shard that a late writer completes meanwhile is not
        in ``done`` either: the caller writes it again, and gets the same files."""
        stale = [p for dataset in DATASETS[:-1] for p in self.files(dataset)
                 if shard_of(p) not in done]
        stale += [p for dataset in DATASETS for p in self._find(dataset)
                  if _HIDDEN.search(p)]
        for path in stale:
            self.fs.rm(path)
        if stale:
            log.info("%s: removed %d files of shards a killed run left incomplete", self.url,
                     len(stale))
        return len(stale)

    def values(self, dataset: str, column: str, shards: set[str]) -> set[str]:
        """Every value of a string column in the given shards (ids already written)."""
        found: set[str] = set()
        for path in self.files(dataset, shards):
            with self.fs.open(path, "rb") as handle:
                found.update(pq.read_table(handle, columns=[column]).column(0).to_pylist())
        found.discard(None)  # type: ignore[arg-type]
        return found

    def write(self, shard: str, tables: dict[str, pa.Table]) -> None:
        """Write a shard's tables, the articles file last (it marks the shard complete)."""
        try:
            self._write(shard, tables)
        except OSError as exc:  # read-only, full, unreachable
            raise StoreError(f"{self.url}: cannot write shard {shard} ({exc})") from None

    def _write(self, shard: str, tables: dict[str, pa.Table]) -> None:
        for dataset in DATASETS:
            table = tables.get(dataset)
            if dataset == "events" and table is not None:
                for month, rows in by_month(table):
                    self._write_file(f"{dataset}/month={month}", shard, rows)
            elif table is not None and (table.num_rows or dataset == "articles"):
                self._write_file(dataset, shard, table)

    def _write_file(self, folder: str, shard: str, table: pa.Table) -> None:
        directory = f"{self.root}/{folder}"
        self.fs.makedirs(directory, exist_ok=True)
        hidden = f"{directory}/.part-{shard}.{uuid.uuid4().hex}.tmp"
        with self.fs.open(hidden, "wb") as handle:
            pq.write_table(table, handle)
        self.fs.mv(hidden, f"{directory}/part-{shard}.parquet")


def _protocols(fs: fsspec.AbstractFileSystem) -> set[str]:
    protocol = fs.protocol
    return {protocol} if isinstance(protocol, str) else set(protocol)


def by_month(events: pa.Table) -> list[tuple[str, pa.Table]]:
    """The events split by event month (``YYYY-MM``, or ``unknown`` when undated)."""
    months = pc.fill_null(pc.strftime(events.column("date"), format="%Y-%m"), "unknown")
    return [(month, events.filter(pc.equal(months, month)))
            for month in sorted(pc.unique(months).to_pylist())]


def shard_tables(batch: Batch) -> dict[str, pa.Table]:
    """A batch (coded documents, mentions, log rows) as the shard's tables."""
    docs = batch.documents
    articles = [R.article_row(doc, key, outlet_of(doc.article)) for key, doc in docs]
    quotes = [R.quote_row(q, key, i) for key, doc in docs for i, q in enumerate(doc.quotes)]
    return {"articles": _table(articles, "articles"), "events": event_table(docs),
            "quotes": _table(quotes, "quotes"), "mentions": _table(batch.mentions, "mentions"),
            "log": _table(batch.logs, "log")}


def _table(rows: list[tuple], dataset: str) -> pa.Table:
    schema = SCHEMAS[dataset]
    return R.to_table(rows, schema) if rows else schema.empty_table()


def event_table(docs: Sequence[tuple[str, Document]]) -> pa.Table:
    """Every event with its id and sentence: a shard must stand without the store's view."""
    if not any(doc.events for _, doc in docs):
        return EVENT_SCHEMA.empty_table()
    table = R.event_table(docs)
    ids = pc.binary_join_element_wise(
        table.column("article_id"),
        pc.utf8_lpad(table.column("event_index").cast(pa.string()), 4, "0"), "-")
    table = table.set_column(table.schema.get_field_index("sentence"), "sentence",
                             pa.array(R.sentences(docs), pa.string()))
    return table.append_column("event_id", ids).select(EVENT_SCHEMA.names).cast(EVENT_SCHEMA)
