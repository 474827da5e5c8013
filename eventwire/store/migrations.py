"""Named schema migrations, recorded in the ``migrations`` table (sqlite-utils style).

Each migration is a (name, SQL) pair applied once, in order, inside one transaction with the
record of it: a store opened by a newer eventwire gains the new tables and columns, an old store
is never re-created. Append new migrations at the end; never edit or reorder applied ones.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

import duckdb

from eventwire.errors import StoreError
from eventwire.store.keys import BLOCK_KEY_SQL

log = logging.getLogger(__name__)

_ACTOR_COLUMNS = "name VARCHAR, code VARCHAR, country VARCHAR, role VARCHAR"


def _actor(prefix: str) -> str:
    return ", ".join(f"{prefix}_{column}" for column in _ACTOR_COLUMNS.split(", "))


ARTICLES = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,        -- content key: hash of the normalised text (see store.keys)
    input_id VARCHAR,              -- the id the input gave (or eventwire's text hash)
    title VARCHAR,
    published DATE,
    url VARCHAR,                   -- first URL it was seen under
    outlet VARCHAR,                -- first outlet it was seen under
    origin VARCHAR,
    text VARCHAR,                  -- Document.text: what every offset refers to
    num_events INTEGER,
    num_quotes INTEGER
)"""

ARTICLE_MENTIONS = """
CREATE TABLE article_mentions (
    mention_id VARCHAR PRIMARY KEY, -- hash of (article, url, outlet, origin): re-ingest adds nothing
    article_id VARCHAR NOT NULL,
    url VARCHAR,
    outlet VARCHAR,
    origin VARCHAR,
    title VARCHAR,
    published DATE,
    seen_at TIMESTAMP
)"""

# No primary key or index on events: bulk inserts stay at millions of rows/s, and idempotence is
# guaranteed one level up (events are written only with their article, in the same transaction).
EVENTS = f"""
CREATE TABLE events (
    event_id VARCHAR NOT NULL,     -- article id + position of the event in its document
    article_id VARCHAR NOT NULL,
    event_index INTEGER,
    sentence_index INTEGER,
    sentence VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    {_actor("source")},
    {_actor("target")},
    source_cc VARCHAR, target_cc VARCHAR, -- first 3 letters of the codes: country-level dyads
    cameo VARCHAR, root VARCHAR, quad TINYINT, goldstein DOUBLE,
    plover_event VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
    date DATE, date_precision VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_precision VARCHAR, location_source VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN,
    speaker_name VARCHAR, speaker_code VARCHAR,
    confidence DOUBLE, pattern VARCHAR,
    cluster_id VARCHAR
)"""

QUOTES = """
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    quote_index INTEGER,
    sentence_index INTEGER,
    text VARCHAR,
    speaker_name VARCHAR, speaker_code VARCHAR,
    start INTEGER, "end" INTEGER
)"""

EVENT_CLUSTERS = f"""
CREATE TABLE event_clusters (
    cluster_id VARCHAR PRIMARY KEY,
    block_key VARCHAR,             -- source|target|root|negated: what every member shares
    representative_event_id VARCHAR,
    {_actor("source")},
    {_actor("target")},
    source_cc VARCHAR, target_cc VARCHAR,
    cameo VARCHAR, root VARCHAR, quad TINYINT, goldstein DOUBLE,
    date DATE, date_precision VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_precision VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN,
    sentence VARCHAR, source_url VARCHAR,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    first_seen DATE, last_seen DATE
)"""

INGEST_LOG = """
CREATE TABLE ingest_log (
    origin VARCHAR,
    status VARCHAR,                -- coded | skipped | failed
    reason VARCHAR,
    article_id VARCHAR,
    time TIMESTAMP
)"""

INDEXES = """
CREATE INDEX article_mentions_article ON article_mentions(article_id)
"""

# Events stop storing their sentence (it was most of an event row's bytes): it is the article's
# text between the evidence offsets, so the view ``events`` cuts it from ``articles.text`` and
# readers see the same columns as before. ``event_records.sentence`` keeps only a sentence that
# is not that span (a coder breaking the contract), so nothing given to the store is lost.
# Writers insert into ``event_records``.
EVENTS_WITHOUT_SENTENCE = """
ALTER TABLE events RENAME TO event_records;
UPDATE event_records e SET sentence = NULL FROM articles a
WHERE a.id = e.article_id
  AND e.sentence = substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start);
CREATE VIEW events AS
SELECT e.event_id, e.article_id, e.event_index, e.sentence_index,
       coalesce(e.sentence,
                substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)) AS sentence,
       e.* EXCLUDE (event_id, article_id, event_index, sentence_index, sentence)
FROM event_records e LEFT JOIN articles a ON a.id = e.article_id
"""

# Event ids and country-level codes are functions of other columns; stored, the unique id strings
# were the costliest column to insert. The view computes them (same columns, same order).
_EVENT_VIEW_COLUMNS = """e.sentence_index,
       coalesce(e.sentence,
                substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start)) AS sentence,
       e.evidence_start, e.evidence_end, e.trigger_start, e.trigger_end, e.trigger_text,
       e.source_name, e.source_code, e.source_country, e.source_role,
       e.target_name, e.target_code, e.target_country, e.target_role,
       substr(e.source_code, 1, 3) AS source_cc, substr(e.target_code, 1, 3) AS target_cc,
       e.* EXCLUDE (article_id, event_index, sentence_index, sentence, evidence_start,
                    evidence_end, trigger_start, trigger_end, trigger_text, source_name,
                    source_code, source_country, source_role, target_name, target_code,
                    target_country, target_role)"""

EVENT_IDS_DERIVED = f"""
DROP VIEW events;
ALTER TABLE event_records DROP COLUMN event_id;
ALTER TABLE event_records DROP COLUMN source_cc;
ALTER TABLE event_records DROP COLUMN target_cc;
CREATE VIEW events AS
SELECT e.article_id || '-' || lpad(e.event_index::VARCHAR, 4, '0') AS event_id,
       e.article_id, e.event_index, {_EVENT_VIEW_COLUMNS}
FROM event_records e LEFT JOIN articles a ON a.id = e.article_id
"""

# Incremental clustering: each event stores the id of its dedup block (``keys.block_id``), so a
# batch reads only the events of its own blocks near its dates instead of whole blocks; clusters
# keep it too. The view hides it (an internal key, not part of the event record).
EVENT_BLOCK_IDS = f"""
ALTER TABLE event_records ADD COLUMN block_id UBIGINT;
UPDATE event_records SET block_id = md5_number_lower({BLOCK_KEY_SQL});
ALTER TABLE event_clusters ADD COLUMN block_id UBIGINT;
UPDATE event_clusters SET block_id = md5_number_lower(block_key);
DROP VIEW events;
CREATE VIEW events AS
SELECT e.article_id || '-' || lpad(e.event_index::VARCHAR, 4, '0') AS event_id,
       e.article_id, e.event_index,
       {_EVENT_VIEW_COLUMNS.replace("target_role)", "target_role, block_id)")}
FROM event_records e LEFT JOIN articles a ON a.id = e.article_id
"""

# How each article's bytes were read (ingest decodes non-UTF-8 pages and repairs mojibake):
# NULL for articles stored before, and for text given as a string.
ARTICLE_ENCODING = """
ALTER TABLE articles ADD COLUMN encoding VARCHAR;
ALTER TABLE articles ADD COLUMN mojibake_repaired BOOLEAN
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("001_articles", ARTICLES),
    ("002_article_mentions", ARTICLE_MENTIONS),
    ("003_events", EVENTS),
    ("004_quotes", QUOTES),
    ("005_event_clusters", EVENT_CLUSTERS),
    ("006_ingest_log", INGEST_LOG),
    ("007_indexes", INDEXES),
    ("008_events_without_sentence", EVENTS_WITHOUT_SENTENCE),
    ("009_event_ids_derived", EVENT_IDS_DERIVED),
    ("010_event_block_ids", EVENT_BLOCK_IDS),
    ("011_article_encoding", ARTICLE_ENCODING),
]


def _check_is_event_store(con: duckdb.DuckDBPyConnection) -> None:
    tables = {name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if tables and "migrations" not in tables:
        raise StoreError(
            f"not an event store: the database holds other tables ({', '.join(sorted(tables)[:5])}) "
            "and no eventwire migrations record; eventwire leaves it as it is: give --db another file")


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations recorded in this database, in the order they were applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
    )
    rows = con.execute("SELECT name FROM migrations ORDER BY applied_at, name").fetchall()
    return [name for (name,) in rows]


def migrate(
    con: duckdb.DuckDBPyConnection, migrations: list[tuple[str, str]] | None = None
) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now.

    Raises StoreError, changing nothing, for a database that is not an event store (tables but
    no migrations record) and for a store written by a newer eventwire (a migration this one
    does not know: writing to it could break what the newer version relies on)."""
    known = migrations or MIGRATIONS
    _check_is_event_store(con)
    done = applied(con)
    unknown = [name for name in done if name not in {name for name, _ in known}]
    if unknown:
        raise StoreError(
            f"the event store was written by a newer eventwire (it has schema migration "
            f"{unknown[-1]!r}, which this eventwire does not know); upgrade eventwire to write "
            "to it (the store is left as it is; the reading commands still work)")
    new = [(name, sql) for name, sql in known if name not in set(done)]
    for name, sql in new:
        _apply(con, name, sql)
    return [name for name, _ in new]


def _apply(con: duckdb.DuckDBPyConnection, name: str, sql: str) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        con.execute("INSERT INTO migrations VALUES (?, ?)", [name, now])
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    log.info("applied migration %s", name)
