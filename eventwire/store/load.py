"""Loading a Parquet shard folder (``store.shards``) into the store: ``eventwire load DIR``.

Idempotent, like ingest: a text already stored is not loaded again (its events neither), a
mention or a failure already recorded is not added twice, so loading a folder twice, or a folder
that grew since, adds only what is new. Only complete shards are read. Everything is inserted in
one transaction straight from the Parquet files (DuckDB reads them; an fsspec URL is read through
its fsspec filesystem), then the new events are clustered as ingest clusters them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from eventwire.errors import StoreError
from eventwire.store.db import DEFAULT_DB, Store
from eventwire.store.dedup import cluster_pending
from eventwire.store.keys import BLOCK_KEY_SQL
from eventwire.store.shards import Folder

log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    shards: int
    articles: int  # texts added
    already_stored: int  # texts the store held before
    events: int
    quotes: int
    mentions: int


def load(source: str, db_path: str | Path = DEFAULT_DB) -> LoadReport:
    """Load the complete shards under ``source`` (a path or an fsspec URL) into the store."""
    folder = Folder(str(source))
    shards = folder.complete()
    if not shards:
        raise StoreError(f"{source}: no Parquet shards here (expected articles/part-*.parquet, "
                         "as `eventwire ingest --out-parquet` writes)")
    with Store(db_path) as store:
        report = _load(store.con, folder, shards)
        cluster_pending(store.con)
    return report


def _load(con: duckdb.DuckDBPyConnection, folder: Folder, shards: set[str]) -> LoadReport:
    if not folder.local:
        con.register_filesystem(folder.fs)
    for dataset in ("articles", "events", "quotes", "mentions", "log"):
        _view(con, folder, dataset, shards)
    con.execute("BEGIN TRANSACTION")
    try:
        report = _insert(con, len(shards))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("loaded %s: %s", folder.url, report)
    return report


def _view(con: duckdb.DuckDBPyConnection, folder: Folder, dataset: str, shards: set[str]) -> None:
    """A temp table ``_<dataset>`` of the shards' rows with their shard id (empty if none)."""
    files = [folder.full(p) for p in folder.files(dataset, shards)]
    if not files:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _{dataset} AS SELECT NULL::VARCHAR AS shard "
                    "WHERE false")
        return
    try:
        relation = con.read_parquet(files, filename=True, hive_partitioning=dataset == "events")
        con.register("_files", relation)
        con.execute(f"CREATE OR REPLACE TEMP TABLE _{dataset} AS SELECT * EXCLUDE (filename), "
                    r"regexp_extract(filename, 'part-([0-9a-f]+)\.parquet$', 1) AS shard "
                    "FROM _files")
    except duckdb.Error as exc:
        raise StoreError(f"{folder.url}: cannot read the {dataset} shards ({exc})") from exc
    finally:
        con.unregister("_files")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The one number a query (a count, or an INSERT's row count) gives."""
    return con.execute(sql).fetchall()[0][0]


def _insert(con: duckdb.DuckDBPyConnection, shards: int) -> LoadReport:
    if not _count(con, "SELECT count(*) FROM _articles"):
        return LoadReport(shards, 0, 0, 0, 0, 0)
    # the first shard's copy of each text the store does not hold (a text is in one shard, unless
    # runs with other batch sizes wrote the same folder)
    con.execute("CREATE OR REPLACE TEMP TABLE _new AS SELECT id, min(shard) AS shard FROM _articles "
                "WHERE id NOT IN (SELECT id FROM articles) GROUP BY id")
    known = _count(con, "SELECT count(DISTINCT id) FROM _articles") - _count(con, "SELECT count(*) FROM _new")
    articles = _count(con, "INSERT INTO articles BY NAME SELECT a.* EXCLUDE (shard) "
                          "FROM _articles a SEMI JOIN _new n ON n.id = a.id AND n.shard = a.shard")
    events = _count(con, _EVENTS) if _has(con, "_events", "event_id") else 0
    quotes = _count(con, "INSERT INTO quotes BY NAME SELECT q.* EXCLUDE (shard) FROM _quotes q "
                        "SEMI JOIN _new n ON n.id = q.article_id AND n.shard = q.shard") \
        if _has(con, "_quotes", "article_id") else 0
    mentions = _count(con, _MENTIONS) if _has(con, "_mentions", "mention_id") else 0
    if _has(con, "_log", "status"):
        con.execute(_CODED_LOG)
        con.execute(_OTHER_LOG)
    return LoadReport(shards, articles, known, events, quotes, mentions)


def _has(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return column in [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


# Stored as ingest stores them: no event id (the view derives it), the sentence only when it is
# not the article's text between the evidence offsets, the block id for the clusterer.
_EVENTS = f"""
INSERT INTO event_records BY NAME
SELECT e.* EXCLUDE (event_id, month, shard, sentence, block_key),
       CASE WHEN e.sentence = substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)
            THEN NULL ELSE e.sentence END AS sentence,
       md5_number_lower(e.block_key) AS block_id
FROM (SELECT *, {BLOCK_KEY_SQL} AS block_key FROM _events) e
SEMI JOIN _new n ON n.id = e.article_id AND n.shard = e.shard
JOIN articles a ON a.id = e.article_id
"""

_MENTIONS = """
INSERT INTO article_mentions BY NAME
SELECT m.* EXCLUDE (shard) FROM _mentions m
WHERE m.mention_id NOT IN (SELECT mention_id FROM article_mentions)
  AND m.article_id IN (SELECT id FROM articles)
QUALIFY row_number() OVER (PARTITION BY m.mention_id ORDER BY m.shard) = 1
"""

_CODED_LOG = """
INSERT INTO ingest_log BY NAME
SELECT l.* EXCLUDE (shard) FROM _log l SEMI JOIN _new n ON n.id = l.article_id AND n.shard = l.shard
WHERE l.status = 'coded'
"""

# as ingest logs them: a failure or a skip seen again is not logged twice
_OTHER_LOG = """
INSERT INTO ingest_log BY NAME
SELECT l.* EXCLUDE (shard) FROM _log l
WHERE l.status <> 'coded' AND NOT EXISTS (SELECT 1 FROM ingest_log x WHERE x.status = l.status
    AND x.origin IS NOT DISTINCT FROM l.origin AND x.reason IS NOT DISTINCT FROM l.reason)
QUALIFY row_number() OVER (PARTITION BY l.status, l.origin, l.reason ORDER BY l.shard) = 1
"""
