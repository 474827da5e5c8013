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
from pathlib import Path
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError
from eventwire.model import Article, Document
from eventwire.store import rows as R
from eventwire.store.keys import mention_id
from eventwire.store.migrations import migrate

log = logging.getLogger(__name__)

DEFAULT_DB = Path("eventwire.duckdb")


def outlet_of(article: Article) -> str | None:
    """The article's outlet, else its URL's host (without www.)."""
    if article.outlet:
        return article.outlet
    host = urlsplit(article.url).hostname if article.url else None
    return host.removeprefix("www.") if host else None


@dataclass
class Batch:
    """Rows for one transaction, accumulated as tuples (see ``rows``)."""

    articles: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    logs: list[tuple[Any, ...]] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)  # article ids whose clusters may change

    def add_document(self, doc: Document, key: str) -> int:
        """Add a coded article under store id ``key``; return its number of events."""
        art = doc.article
        self.articles.append(
            (key, art.id, art.title, art.published, art.url, outlet_of(art), art.origin,
             doc.text, len(doc.events), len(doc.quotes))
        )
        self.events.extend(R.event_rows(doc.events, key, art.published))
        self.quotes.extend(R.quote_row(q, key, i) for i, q in enumerate(doc.quotes))
        self.touched.add(key)
        return len(doc.events)

    def add_mention(self, article: Article, key: str, seen_at: Any = None) -> None:
        outlet = outlet_of(article)
        self.mentions.append(
            (mention_id(key, article.url, outlet, article.origin), key, article.url, outlet,
             article.origin, article.title, article.published, seen_at or R.now())
        )
        self.touched.add(key)

    def add_log(self, origin: str | None, status: str, reason: str | None,
                article_id: str | None = None) -> None:
        self.logs.append((origin, status, reason, article_id, R.now()))

    def __len__(self) -> int:
        return len(self.articles) + len(self.mentions) + len(self.logs)


class Store:
    """An open event store. Use as a context manager; ``path=":memory:"`` for a scratch store."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
            self.con.execute("SET enable_progress_bar = false")  # the CLI draws its own
            if not read_only:
                migrate(self.con)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the event store ({exc})") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def existing(self, table: str, column: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` are already in ``table.column`` (one query for the whole batch)."""
        wanted = pa.table({"k": pa.array(sorted(set(keys)), type=pa.string())})
        if not wanted.num_rows:
            return set()
        self.con.register("_wanted", wanted)
        try:
            found = self.con.execute(
                f"SELECT {column} FROM {table} WHERE {column} IN (SELECT k FROM _wanted)"
            ).fetchall()
        finally:
            self.con.unregister("_wanted")
        return {value for (value,) in found}

    def write(self, batch: Batch, *, cluster: bool = True) -> None:
        """Write a batch in one transaction (all of it or nothing), then re-cluster what it touched."""
        from eventwire.dedup import recluster  # dedup reads the store schema: import late

        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert_all(batch)
            if cluster and batch.touched:
                recluster(self.con, sorted(batch.touched))
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _insert_all(self, batch: Batch) -> None:
        self._insert("articles", batch.articles, R.ARTICLE_SCHEMA)
        self._insert("article_mentions", batch.mentions, R.MENTION_SCHEMA)
        self._insert("events", batch.events, R.EVENT_SCHEMA)
        self._insert("quotes", batch.quotes, R.QUOTE_SCHEMA)
        self._insert("ingest_log", batch.logs, R.LOG_SCHEMA)

    def _insert(self, table: str, rows: list[tuple[Any, ...]], schema: pa.Schema) -> None:
        if rows:
            where = _NEW_LOG_ROWS if table == "ingest_log" else ""
            self.insert_arrow(table, R.to_table(rows, schema), where)

    def insert_arrow(self, table: str, data: pa.Table, where: str = "") -> None:
        """Bulk insert an Arrow table by column name (the only way rows enter the store)."""
        derived = f", {R.EVENT_DERIVED}" if table == "events" else ""
        self.con.register("_incoming", data)
        try:
            self.con.execute(
                f"INSERT INTO {table} BY NAME SELECT *{derived} FROM _incoming i {where}")
        finally:
            self.con.unregister("_incoming")

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


# A failure seen again on a rerun is not logged twice: the same input twice adds nothing.
_NEW_LOG_ROWS = """WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.status = i.status
    AND l.origin IS NOT DISTINCT FROM i.origin AND l.reason IS NOT DISTINCT FROM i.reason)"""



def fetch_arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
                ) -> pa.Table:
    """A query's result as an Arrow table (DuckDB renamed this call across versions)."""
    relation = con.sql(sql, params=params) if params else con.sql(sql)
    if relation is None:
        raise StoreError(f"query returned no result: {sql[:60]}")
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


@contextmanager
def connection(db: "Store | str | Path") -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for reading: the open store's own, or a read-only one to an existing file."""
    if isinstance(db, Store):
        yield db.con
        return
    if str(db) != ":memory:" and not Path(db).exists():
        raise StoreError(f"{db}: no event store here (run `eventwire ingest` first)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"{db}: cannot open the event store ({exc})") from exc
    try:
        yield con
    finally:
        con.close()
