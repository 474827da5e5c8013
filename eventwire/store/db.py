"""The DuckDB event store: open (and migrate) a file, write batches of coded articles atomically.

A batch is everything one transaction writes: new articles with their events and quotes, new
mentions (outlet/URL appearances) of articles, and ingest-log rows. The transaction also
re-clusters the event blocks the batch touched, so after any commit (or a SIGKILL between
commits) the store is consistent: each article once, with all its events, in clusters.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError
from eventwire.model import Article, Document
from eventwire.store import rows as R
from eventwire.store import sharing
from eventwire.store.faults import store_error
from eventwire.store.incremental import cluster_batch, refresh_counts
from eventwire.store.keys import mention_id
from eventwire.store.migrations import migrate

log = logging.getLogger(__name__)

DEFAULT_DB = Path("eventwire.duckdb")
CHECKPOINT_THRESHOLD = "256MB"
_KEYS_PER_QUERY = 1000  # bounds the length of one IN list
_ROWS_PER_KEY_LOOKUP = 500  # above this many stored rows per asked key, use the index


def outlet_of(article: Article) -> str | None:
    """The article's outlet, else its URL's host (without www.)."""
    if article.outlet:
        return article.outlet
    return _host(article.url) if article.url else None


@lru_cache(maxsize=1024)
def _host(url: str) -> str | None:
    """Cached: the ingest asks for an article's outlet several times per batch."""
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed URL ("https://a.]b/") names no outlet
        return None
    return host.removeprefix("www.") if host else None


@dataclass
class Batch:
    """What one transaction writes: coded documents (turned into Arrow columns only at write
    time, see ``rows``), and per-article mention and log rows as tuples."""

    documents: list[tuple[str, Document]] = field(default_factory=list)  # (store id, document)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    logs: list[tuple[Any, ...]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)  # article ids whose clusters may change

    def add_document(self, doc: Document, key: str) -> int:
        """Add a coded article under store id ``key``; return its number of events."""
        self.documents.append((key, doc))
        self.touched.add(key)
        return len(doc.events)

    def add_mention(self, article: Article, key: str, mid: str | None = None,
                    seen_at: Any = None) -> None:
        """Record that ``article`` appeared as stored article ``key`` (``mid``: its mention id,
        when the caller has computed it already)."""
        outlet = outlet_of(article)
        self.mentions.append(
            (mid or mention_id(key, article.url, outlet, article.origin), key, article.url,
             outlet, article.origin, article.title, article.published, seen_at or R.now())
        )
        self.touched.add(key)

    def add_log(self, origin: str | None, status: str, reason: str | None,
                article_id: str | None = None) -> None:
        self.logs.append((origin, status, reason, article_id, R.now()))

    def __len__(self) -> int:
        return len(self.documents) + len(self.mentions) + len(self.logs)


@dataclass
class Tables:
    """A batch as Arrow tables, ready to insert: built without the database (``prepare``)."""

    articles: pa.Table | None
    mentions: pa.Table | None
    events: pa.Table | None
    quotes: pa.Table | None
    coded: pa.Table | None  # log rows of the articles coded
    logs: pa.Table | None  # other log rows (failed, skipped): not logged again on a rerun
    sentences: list[str | None]  # each event's evidence sentence (the clusterer compares them)
    urls: pa.Array | None  # each event's article URL
    seen_again: list[str]  # stored articles that gained a mention: their clusters' counts change


def prepare(batch: Batch, *, cluster: bool = True) -> Tables:
    """Turn a batch into the Arrow tables ``Store.write_tables`` inserts (no database work);
    ``cluster``: with what the clusterer needs besides the rows."""
    docs = batch.documents
    articles = [R.article_row(doc, key, outlet_of(doc.article)) for key, doc in docs]
    quotes = [R.quote_row(q, key, i) for key, doc in docs for i, q in enumerate(doc.quotes)]
    events = any(doc.events for _, doc in docs)
    return Tables(
        articles=_table(articles, R.ARTICLE_SCHEMA),
        mentions=_table(batch.mentions, R.MENTION_SCHEMA),
        events=R.event_table(docs) if events else None,
        quotes=_table(quotes, R.QUOTE_SCHEMA),
        coded=_table([row for row in batch.logs if row[1] == "coded"], R.LOG_SCHEMA),
        logs=_table([row for row in batch.logs if row[1] != "coded"], R.LOG_SCHEMA),
        sentences=R.sentences(docs) if events and cluster else [],
        urls=R.event_urls(docs) if events and cluster else None,
        seen_again=sorted(batch.touched - {key for key, _ in docs}),
    )


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table | None:
    return R.to_table(rows, schema) if rows else None


def _close_quietly(con: duckdb.DuckDBPyConnection | None, path: str) -> None:
    """Close a connection whose opening failed half-way (the error at hand is the one to report)."""
    if con is not None:
        try:
            con.close()
        except duckdb.Error:
            log.debug("closing %s after a failed open", path, exc_info=True)


class Store:
    """An open event store. Use as a context manager; ``path=":memory:"`` for a scratch store.

    A writer shares its file with readers (``eventwire serve``) by taking turns
    (``eventwire.store.sharing``): ``yield_to_readers`` closes the file when readers are around,
    and the next use of ``con`` opens it again, waiting up to ``lock_wait`` seconds for them.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 lock_wait: float = 60.0) -> None:
        self.path = str(path)
        self.read_only, self.lock_wait = read_only, lock_wait
        shared = self.path != ":memory:" and not read_only
        self._turn = sharing.WriterTurn(self.path) if shared else None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._con = self._open()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:  # given to readers for a while: take it back
            self._con = self._open()
        return self._con

    def _open(self) -> duckdb.DuckDBPyConnection:
        def connect() -> duckdb.DuckDBPyConnection:
            return duckdb.connect(self.path, read_only=self.read_only)

        con: duckdb.DuckDBPyConnection | None = None
        try:
            con = connect() if self._turn is None else sharing.open_in_turn(
                self.path, read_only=False, wait=self.lock_wait, connect=connect,
                my_turn=self._turn.held)
            con.execute("SET enable_progress_bar = false")  # the CLI draws its own
            # Fewer, larger checkpoints while ingesting: commits stay durable in the WAL, and
            # merging many small batches into the file at once is cheaper (see the benchmark).
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            if not self.read_only:
                # A batch insert is too small to share among threads: one thread writes ~20%
                # faster (benchmarks/store_bench.py). Read-only opens keep DuckDB's default.
                con.execute("SET threads = 1")
                migrate(con)
            return con
        except sharing.StoreLocked:
            raise
        except StoreError as exc:  # a store this eventwire must not write (see migrations)
            _close_quietly(con, self.path)
            raise StoreError(f"{self.path}: {exc}") from exc
        except duckdb.Error as exc:
            _close_quietly(con, self.path)
            raise store_error(self.path, exc, "open") from exc
        finally:
            if self._turn is not None:
                self._turn.give_back()

    def yield_to_readers(self) -> bool:
        """Close the file if readers are around (ingest calls this before coding a batch, so a
        dashboard can read while it codes); the next use of ``con`` opens it again. Returns
        whether it closed it."""
        if self._turn is None or self._con is None or not sharing.waiting(self.path, "readers"):
            return False
        self._turn.take()
        self._con.close()
        self._con = None
        log.debug("%s: closed for readers", self.path)
        return True

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close; a checkpoint that fails here (a full disk) loses nothing: the committed
        transactions stay in the write-ahead log, replayed when the store is next opened."""
        if self._con is not None:
            try:
                self._con.close()
            except duckdb.Error as exc:
                log.warning("%s", store_error(self.path, exc, "close"))
            self._con = None
        if self._turn is not None:
            self._turn.give_back()

    def existing(self, table: str, column: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` are already in ``table.column`` (a primary key), in one or a few
        queries for the whole batch.

        Two plans, chosen by size (measured here: a join scans ~45 ns per stored row, an index
        lookup costs ~20 µs per key): a small table is joined with the keys, a large one is
        asked for a literal ``IN (?, ...)`` list, which DuckDB answers from the key's index;
        so the check stays a few milliseconds per batch as the store grows to millions."""
        wanted = sorted(set(keys))
        if not wanted:
            return set()
        if self.count(table) < len(wanted) * _ROWS_PER_KEY_LOOKUP:
            return self._existing_by_join(table, column, wanted)
        found: set[str] = set()
        for start in range(0, len(wanted), _KEYS_PER_QUERY):
            chunk = wanted[start:start + _KEYS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = self.con.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk).fetchall()
            found.update(value for (value,) in rows)
        return found

    def _existing_by_join(self, table: str, column: str, wanted: list[str]) -> set[str]:
        # the keys as one list parameter: no Arrow table to register per call
        found = self.con.execute(
            f"SELECT {column} FROM {table} WHERE {column} IN (SELECT unnest($1::VARCHAR[]))",
            [wanted]).fetchall()
        return {value for (value,) in found}

    def write(self, batch: Batch, *, cluster: bool = True) -> None:
        """Write a batch in one transaction (all of it or nothing), then re-cluster what it touched."""
        self.write_tables(prepare(batch, cluster=cluster), cluster=cluster)

    def write_tables(self, tables: "Tables", *, cluster: bool = True) -> None:
        """Write a prepared batch (see ``prepare``) in one transaction; StoreError when the file
        cannot take it (full disk, damaged file): the store keeps what was committed before."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._insert_all(tables, cluster)
                self.con.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except duckdb.Error as exc:
            raise store_error(self.path, exc, "write to") from exc

    def _rollback(self) -> None:
        """Undo the open transaction; a failed COMMIT has already ended it (DuckDB then says
        "no transaction is active"), which must not hide the error that made it fail."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            log.debug("rollback of %s after a failed write", self.path, exc_info=True)

    def _insert_all(self, tables: "Tables", cluster: bool) -> None:
        self._insert("articles", tables.articles)
        self._insert("article_mentions", tables.mentions)
        if tables.events is not None:
            events = tables.events
            if cluster:  # clusters are counted over the mentions just written
                events = cluster_batch(self.con, events, tables.sentences, tables.urls)
            self.insert_arrow("event_records", events)
        if cluster:  # stored texts seen again: their clusters gain mentions
            refresh_counts(self.con, tables.seen_again)
        self._insert("quotes", tables.quotes)
        self._insert("ingest_log", tables.coded)
        self._insert("ingest_log", tables.logs, _NEW_LOG_ROWS)

    def _insert(self, table: str, data: pa.Table | None, where: str = "") -> None:
        if data is not None:
            self.insert_arrow(table, data, where)

    def insert_arrow(self, table: str, data: pa.Table, where: str = "") -> None:
        """Bulk insert an Arrow table by column name (the only way rows enter the store)."""
        self.con.register("_incoming", data)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming i {where}")
        finally:
            _unregister(self.con, "_incoming")

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


# A failure seen again on a rerun is not logged twice: the same input twice adds nothing. Rows of
# coded articles skip this check (a rerun codes only texts not stored; the check scans the log).
_NEW_LOG_ROWS = """WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.status = i.status
    AND l.origin IS NOT DISTINCT FROM i.origin AND l.reason IS NOT DISTINCT FROM i.reason)"""



def _unregister(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a registered Arrow view; in an aborted transaction this fails, and must not hide the
    error that aborted it (the next ``register`` of the name replaces the view anyway)."""
    try:
        con.unregister(name)
    except duckdb.Error:
        log.debug("could not unregister %s", name, exc_info=True)


@contextmanager
def connection(db: "Store | duckdb.DuckDBPyConnection | str | Path"
               ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for reading: the open store's own, the one given, or a read-only one to an
    existing file."""
    if isinstance(db, Store):
        yield db.con
        return
    if isinstance(db, duckdb.DuckDBPyConnection):  # a reader's own (eventwire serve)
        yield db
        return
    if str(db) != ":memory:" and not Path(db).exists():
        raise StoreError(f"{db}: no event store here (run `eventwire ingest` first)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise store_error(str(db), exc, "open") from exc
    try:
        yield con
    finally:
        con.close()
