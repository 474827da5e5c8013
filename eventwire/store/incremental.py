"""Incremental event clustering: a batch re-reads only its own blocks near its own dates.

The greedy rule of ``eventwire.store.dedup`` visits a block's events in (date, event id) order, and an
event can only join a cluster whose representative is at most ``max_day_gap`` days older. So a
new event at day d changes nothing before it, and after it only as long as assignments differ:

1. per touched block (``event_records.block_id``), read the stored events dated from
   ``d_first - gap`` to ``d_last + WINDOW_AFTER`` days (a narrow filtered scan, then the article
   text only for those rows), merge the new events in;
2. seed the clusterer with the representatives stored before the first new event, replay from
   there, and stop once ``gap`` days pass with no new event and no changed assignment: from then
   on the stored assignment is what a full re-clustering would give. A block whose replay runs
   past the window is read again without an upper bound (a long cascade: rare);
3. new events get their cluster id before they are inserted; stored events whose cluster
   changed are updated; the rows of the clusters that gained or lost members are deleted and
   rebuilt (clusters left without members stay deleted).

The result equals re-clustering every block from scratch, so it does not depend on the order
or the batching of the input. Undated events (no event or article date) form their own segment
of a block and are replayed whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.store.dedup import DedupSettings, _Cluster, _Clusterer, _stem, load_settings
from eventwire.store.keys import BLOCK_KEY_SQL, stable_hash
from eventwire.store.query import fetch_arrow

WINDOW_AFTER = 4  # days read past a block's last new event (at least 2 * max_day_gap + 1)
_ROWS_SCANNED_PER_UPDATE = 30_000  # an UPDATE by row id costs about what a scan of this many does

# What a cluster row copies from its representative (besides ids, sentence and URL).
REP_COLUMNS = ["source_name", "source_code", "source_country", "source_role", "target_name",
               "target_code", "target_country", "target_role", "cameo", "root", "quad",
               "goldstein", "date", "date_precision", "location_name", "location_country",
               "location_lat", "location_lon", "location_precision", "negated", "hypothetical"]
_READ = ["article_id", "event_index", "block_id", "trigger_text", "cluster_id", *REP_COLUMNS]

# Filter first, join after: the only full scan reads two narrow columns (block_id, date); the
# wide columns are read for the matching rows only, and articles through their primary key. ``$lo``/``$hi`` bound every window,
# so row groups outside the batch's dates are skipped by their zone maps.
_WINDOW_SQL = f"""
WITH hit AS (
    SELECT e.rowid AS rid FROM event_records e JOIN _windows w ON e.block_id = w.block_id
    WHERE {{dates}} AND ((e.date >= w.lo AND (w.hi IS NULL OR e.date <= w.hi))
                         OR (w.undated AND e.date IS NULL))
)
SELECT {", ".join(_READ)}, sentence, evidence_start, evidence_end, rowid AS rid
FROM event_records WHERE rowid IN (SELECT rid FROM hit)
"""
# Run on its own: joined in one query with the above, DuckDB may scan every article's text.
_ARTICLES_SQL = "SELECT id, url, text FROM articles WHERE id IN (SELECT id FROM _ids)"
_DATED = "e.date BETWEEN $lo AND $hi"
_UNDATED = "e.date IS NULL"


def rep_id(event_id: str) -> str:
    """The id of the cluster an event would start (see ``dedup``)."""
    return "c" + stable_hash(event_id)


@dataclass
class _Rows:
    """The candidate events of a batch (stored ones in the windows, then the new ones) as
    Python columns, in (block, date, event id) order."""

    table: pa.Table
    cols: dict[str, list[Any]]
    eid: list[str]
    new: list[int | None]  # position in the batch's event table, None for a stored event

    def final(self, i: int, assigned: dict[int, str]) -> str | None:
        return assigned.get(i, self.cols["cluster_id"][i])


def cluster_batch(con: duckdb.DuckDBPyConnection, events: pa.Table, sentences: list[str | None],
                  urls: pa.Array, settings: DedupSettings | None = None) -> pa.Table:
    """Cluster a batch's new ``events`` (rows not yet stored) into the store; return them with
    ``cluster_id`` set. Runs inside the caller's transaction, after the batch's articles and
    mentions are written."""
    settings = settings or load_settings()
    incoming = _incoming(events, sentences, urls)
    rows = _candidates(con, incoming, _windows(incoming, settings, set()))
    assigned, unsettled = _assign(rows, settings)
    if unsettled:  # a cascade ran past the window: read those blocks to their end
        rows = _candidates(con, incoming, _windows(incoming, settings, unsettled))
        assigned, _ = _assign(rows, settings, force=True)
    _store_changes(con, rows, assigned)
    new_ids = [None] * events.num_rows
    for i, position in enumerate(rows.new):
        if position is not None:
            new_ids[position] = assigned[i]
    return events.set_column(events.schema.get_field_index("cluster_id"), "cluster_id",
                             pa.array(new_ids, pa.string()))


def _incoming(events: pa.Table, sentences: list[str | None], urls: pa.Array) -> pa.Table:
    table = events.select(_READ).append_column("sentence", pa.array(sentences, pa.string()))
    table = table.append_column("source_url", urls.cast(pa.string()))
    table = table.append_column("rid", pa.nulls(events.num_rows, pa.int64()))
    return table.append_column("position", pa.array(range(events.num_rows), pa.int64()))


def _windows(incoming: pa.Table, settings: DedupSettings, unbounded: set[int]) -> pa.Table:
    """Per touched block: the date range of stored events to read (no upper bound for the
    ``unbounded`` blocks), and whether undated ones."""
    gap, after = timedelta(days=settings.max_day_gap), _after(settings)
    spans: dict[int, list[Any]] = {}  # block -> [first day, last day, any undated]
    for block, day in zip(incoming.column("block_id").to_pylist(),
                          incoming.column("date").to_pylist()):
        span = spans.setdefault(block, [None, None, False])
        if day is None:
            span[2] = True
        else:
            span[0] = day if span[0] is None else min(span[0], day)
            span[1] = day if span[1] is None else max(span[1], day)
    return pa.table({
        "block_id": pa.array(list(spans), pa.uint64()),
        "lo": pa.array([lo - gap if lo else date.max for lo, _, _ in spans.values()], pa.date32()),
        "hi": pa.array([None if b in unbounded or hi is None else hi + after
                        for b, (_, hi, _) in spans.items()], pa.date32()),
        "undated": pa.array([undated for _, _, undated in spans.values()], pa.bool_()),
    })


def _after(settings: DedupSettings) -> timedelta:
    return timedelta(days=max(WINDOW_AFTER, 2 * settings.max_day_gap + 1))


def _candidates(con: duckdb.DuckDBPyConnection, incoming: pa.Table, windows: pa.Table) -> _Rows:
    con.register("_windows", windows)
    try:
        parts = [_read_window(con, windows)]
        if pc.any(windows.column("undated")).as_py():
            parts.append(fetch_arrow(con, _WINDOW_SQL.format(dates=_UNDATED)))
    finally:
        con.unregister("_windows")
    stored = [_with_sentences(con, p).append_column(
                  "position", pa.nulls(p.num_rows, pa.int64())).cast(incoming.schema)
              for p in parts if p.num_rows]
    table = pa.concat_tables([*stored, incoming])
    order = pc.sort_indices(table, [("block_id", "ascending", "at_start"),
                                    ("date", "ascending", "at_start"),
                                    ("article_id", "ascending", "at_start"),
                                    ("event_index", "ascending", "at_start")])
    table = table.take(order)
    cols = {name: table.column(name).to_pylist() for name in
            ("block_id", "date", "cameo", "sentence", "trigger_text", "cluster_id",
             "article_id", "event_index")}
    eid = [f"{a}-{i:04d}" for a, i in zip(cols["article_id"], cols["event_index"])]
    return _Rows(table, cols, eid, table.column("position").to_pylist())


def _read_window(con: duckdb.DuckDBPyConnection, windows: pa.Table) -> pa.Table:
    lo = pc.min(windows.column("lo")).as_py()
    his = windows.column("hi")
    hi = date.max if his.null_count or lo == date.max else pc.max(his).as_py()
    return fetch_arrow(con, _WINDOW_SQL.format(dates=_DATED), {"lo": lo, "hi": hi})


def _with_sentences(con: duckdb.DuckDBPyConnection, stored: pa.Table) -> pa.Table:
    """Stored events with their evidence sentence (cut from the article text, as the
    ``events`` view does) and their article's URL."""
    ids = pc.unique(stored.column("article_id"))
    con.register("_ids", pa.table({"id": ids}))
    try:
        articles = fetch_arrow(con, _ARTICLES_SQL)
    finally:
        con.unregister("_ids")
    texts = dict(zip(articles.column("id").to_pylist(), articles.column("text").to_pylist()))
    urls = dict(zip(articles.column("id").to_pylist(), articles.column("url").to_pylist()))
    owners = stored.column("article_id").to_pylist()
    spans = zip(owners, stored.column("sentence").to_pylist(),
                stored.column("evidence_start").to_pylist(), stored.column("evidence_end").to_pylist())
    sentences = [odd if odd is not None else _cut(texts.get(owner), start, end)
                 for owner, odd, start, end in spans]
    table = stored.drop_columns(["sentence", "evidence_start", "evidence_end", "rid"])
    table = table.append_column("sentence", pa.array(sentences, pa.string()))
    table = table.append_column("source_url", pa.array([urls.get(o) for o in owners], pa.string()))
    return table.append_column("rid", stored.column("rid").cast(pa.int64()))


def _cut(text: str | None, start: int | None, end: int | None) -> str | None:
    if text is None or start is None or end is None:
        return None
    return text[max(start, 0):max(end, start, 0)]


def _assign(rows: _Rows, settings: DedupSettings, force: bool = False
            ) -> tuple[dict[int, str], set[int]]:
    """Replay each block; return {row: cluster id} for replayed rows and the blocks whose
    replay could not be shown to settle inside the window."""
    assigned: dict[int, str] = {}
    unsettled: set[int] = set()
    blocks = rows.cols["block_id"]
    start = 0
    for end in range(1, len(blocks) + 1):
        if end == len(blocks) or blocks[end] != blocks[start]:
            days = rows.cols["date"]
            for segment in ([i for i in range(start, end) if days[i] is None],
                            [i for i in range(start, end) if days[i] is not None]):
                if not _replay(rows, segment, settings, assigned) and not force:
                    unsettled.add(blocks[start])
            start = end
    return assigned, unsettled


def _replay(rows: _Rows, segment: list[int], settings: DedupSettings,
            assigned: dict[int, str]) -> bool:
    """Replay one segment from its first new (or never clustered) event; False when it may
    not have settled within the rows read."""
    old, days = rows.cols["cluster_id"], rows.cols["date"]
    todo = [k for k, i in enumerate(segment) if rows.new[i] is not None or old[i] is None]
    if not todo:
        return True
    clusterer = _Clusterer(settings)
    clusterer.clusters = [_seed(rows, i, settings) for i in segment[:todo[0]]
                          if old[i] == rep_id(rows.eid[i])]
    gap, changed_day = settings.max_day_gap, None
    for k in range(todo[0], len(segment)):
        i = segment[k]
        if k > todo[-1] and days[i] is not None and changed_day is not None \
                and (days[i] - changed_day).days > gap:
            return True  # settled: the stored assignment holds from here on
        cid = clusterer.add(rows.eid[i], days[i], rows.cols["cameo"][i] or "",
                            rows.cols["sentence"][i], rows.cols["trigger_text"][i])
        if rows.new[i] is not None or cid != old[i]:
            assigned[i] = cid
            changed_day = days[i]
    return days[segment[-1]] is None or _window_covers(rows, segment, changed_day, settings)


def _window_covers(rows: _Rows, segment: list[int], changed_day: date | None,
                   settings: DedupSettings) -> bool:
    """True when no stored event past the rows read could still be affected: the window ends
    ``_after`` days past the last new event, more than ``gap`` days after the last change."""
    new_days = [rows.cols["date"][i] for i in segment if rows.new[i] is not None]
    if not new_days or changed_day is None:
        return True
    return (max(new_days) + _after(settings) - changed_day).days > settings.max_day_gap


def _seed(rows: _Rows, i: int, settings: DedupSettings) -> _Cluster:
    """A stored cluster as the clusterer sees it: its representative's attributes."""
    c = rows.cols
    return _Cluster(c["cluster_id"][i], c["date"][i], c["cameo"][i] or "", c["sentence"][i],
                    _stem(c["trigger_text"][i], settings.trigger_suffixes), [rows.eid[i]],
                    settings.min_token_length)


def _store_changes(con: duckdb.DuckDBPyConnection, rows: _Rows, assigned: dict[int, str]) -> None:
    """Update stored events that moved, rebuild the clusters that changed, drop emptied ones."""
    old = rows.cols["cluster_id"]
    affected = {cid for i, cid in assigned.items()} | {old[i] for i in assigned if old[i]}
    members = [i for i in range(len(old)) if rows.final(i, assigned) in affected]
    final = pa.array([rows.final(i, assigned) for i in members], pa.string())
    table = rows.table.take(pa.array(members, pa.int64())).set_column(
        rows.table.schema.get_field_index("cluster_id"), "cluster_id", final)
    moved = [k for k, i in enumerate(members) if i in assigned and rows.new[i] is None]
    if moved:
        _update_moved(con, table.take(pa.array(moved, pa.int64())))
    reps = pc.equal(final, pa.array([rep_id(rows.eid[i]) for i in members], pa.string()))
    stale = sorted({old[i] for i in range(len(old)) if old[i] in affected})  # rows to replace
    write_cluster_rows(con, table.filter(reps), table.select(["cluster_id", "article_id"]), stale)


def _update_moved(con: duckdb.DuckDBPyConnection, moved: pa.Table) -> None:
    """Stored events whose cluster changed. Few: one UPDATE each by row id, which DuckDB finds
    without scanning the table (about 1 ms each). Many (a batch of reprints can move hundreds):
    one UPDATE joined on the row ids, which scans the table (about 30,000 rows a millisecond)."""
    stored = con.execute("SELECT count(*) FROM event_records").fetchall()[0][0]
    if moved.num_rows * _ROWS_SCANNED_PER_UPDATE < stored:
        rows = zip(moved.column("cluster_id").to_pylist(), moved.column("rid").to_pylist())
        con.executemany("UPDATE event_records SET cluster_id = ? WHERE rowid = ?",
                        [[cluster, rid] for cluster, rid in rows])
        return
    con.register("_moved", moved.select(["rid", "cluster_id"]))
    try:
        con.execute("UPDATE event_records SET cluster_id = m.cluster_id FROM _moved m "
                    "WHERE event_records.rowid = m.rid")
    finally:
        con.unregister("_moved")


CLUSTER_ROWS_SQL = f"""
INSERT INTO event_clusters BY NAME
WITH stats AS (
    SELECT m.cluster_id, count(*) AS num_mentions, count(DISTINCT am.mention_id) AS num_articles,
           count(DISTINCT coalesce(am.outlet, am.url, am.origin)) AS num_sources,
           min(am.published) AS first_seen, max(am.published) AS last_seen
    FROM _members m JOIN _mentions am ON am.article_id = m.article_id
    GROUP BY m.cluster_id
)
SELECT r.cluster_id, r.block_id, {", ".join("r." + c for c in REP_COLUMNS)},
       {BLOCK_KEY_SQL} AS block_key,
       r.article_id || '-' || lpad(r.event_index::VARCHAR, 4, '0') AS representative_event_id,
       substr(r.source_code, 1, 3) AS source_cc, substr(r.target_code, 1, 3) AS target_cc,
       r.sentence, r.source_url,
       coalesce(s.num_mentions, 1) AS num_mentions, coalesce(s.num_articles, 1) AS num_articles,
       coalesce(s.num_sources, 0) AS num_sources,
       coalesce(s.first_seen, r.date) AS first_seen, coalesce(s.last_seen, r.date) AS last_seen
FROM _reps r LEFT JOIN stats s ON s.cluster_id = r.cluster_id
"""
# Its own query, so that DuckDB looks the articles up in the index instead of scanning mentions.
_MENTIONS_SQL = """SELECT article_id, mention_id, outlet, url, origin, published
FROM article_mentions WHERE article_id IN (SELECT id FROM _ids)"""


def write_cluster_rows(con: duckdb.DuckDBPyConnection, reps: pa.Table, members: pa.Table,
                       stale: list[str]) -> None:
    """Replace the ``stale`` cluster rows by one row per representative in ``reps`` (event
    columns plus cluster_id, sentence, source_url), counting mentions over ``members``
    (cluster_id, article_id: one row per member event). Rows are deleted and inserted, never
    upserted: DuckDB checks an upsert's every row against the whole table."""
    if stale:
        con.register("_stale", pa.table({"cluster_id": pa.array(stale, pa.string())}))
        try:
            con.execute("DELETE FROM event_clusters WHERE cluster_id IN "
                        "(SELECT cluster_id FROM _stale)")
        finally:
            con.unregister("_stale")
    if not reps.num_rows:
        return
    con.register("_ids", pa.table({"id": pc.unique(members.column("article_id"))}))
    try:
        mentions = fetch_arrow(con, _MENTIONS_SQL)
    finally:
        con.unregister("_ids")
    for name, table in (("_reps", reps), ("_members", members), ("_mentions", mentions)):
        con.register(name, table)
    try:
        con.execute(CLUSTER_ROWS_SQL)
    finally:
        for name in ("_reps", "_members", "_mentions"):
            con.unregister(name)


_CLUSTERS_OF_ARTICLES = """
SELECT DISTINCT cluster_id FROM event_records
WHERE article_id IN (SELECT id FROM _touched) AND cluster_id IS NOT NULL
"""

_CLUSTER_MEMBERS = f"""
SELECT {", ".join(_READ)}, sentence, evidence_start, evidence_end, rowid AS rid
FROM event_records WHERE cluster_id IN (SELECT cluster_id FROM _refresh)
"""


def refresh_counts(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Recount the clusters holding events of ``article_ids`` (stored articles seen under a
    new outlet or URL: their clusters gain mentions, not members)."""
    if not article_ids:
        return
    con.register("_touched", pa.table({"id": pa.array(article_ids, pa.string())}))
    try:
        clusters = fetch_arrow(con, _CLUSTERS_OF_ARTICLES)
    finally:
        con.unregister("_touched")
    if not clusters.num_rows:
        return
    con.register("_refresh", clusters)
    try:
        members = _with_sentences(con, fetch_arrow(con, _CLUSTER_MEMBERS))
    finally:
        con.unregister("_refresh")
    eids = pc.binary_join_element_wise(
        members.column("article_id"),
        pc.utf8_lpad(members.column("event_index").cast(pa.string()), 4, "0"), "-")
    reps = pc.equal(members.column("cluster_id"),
                    pa.array([rep_id(e) for e in eids.to_pylist()], pa.string()))
    write_cluster_rows(con, members.filter(reps), members.select(["cluster_id", "article_id"]),
                       clusters.column("cluster_id").to_pylist())
