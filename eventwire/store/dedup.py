"""Event clusters: the same event reported in several articles (or twice in one) becomes one.

Rule (settings in ``store/dedup_settings.json``; a user file may override them):

* **Block**: events are compared only within a block of the same source actor, the same target
  actor (the CAMEO code, or the case-folded name when the actor has no code), the same CAMEO
  root, and the same ``negated`` flag.
* **Code**: two codes are compatible when one is a prefix of the other ("131" and "1312") or
  either is unspecific (a bare root "04", or a 3-digit base code ending in 0, "040"); two
  specific codes that differ ("042" and "043") are different events.
* **Date**: event dates (else the article date) at most ``max_day_gap`` days apart (same or
  adjacent day). Undated events meet only undated events.
* **Evidence**: the same trigger stem ("warned" ~ "warns") or a token Jaccard of the two evidence
  sentences (lower-cased words of ``min_token_length``+ characters) of at least
  ``min_evidence_jaccard``.

Events are visited in (block, date, event id) order; each joins the first earlier cluster whose
representative (its first event) passes all four tests, else starts a cluster. The order and the
ids (cluster id = hash of the representative's event id) depend only on the events, never on
ingest order, so two runs over the same inputs give identical clusters.

The store applies the rule incrementally (``eventwire.store.incremental``): a batch re-reads only
the stored events of its own blocks near its own dates, with the same result as re-clustering
every block (``recluster(con, None)``, kept for a store written without clustering).

Each cluster keeps num_mentions (event mentions, one per article copy: a text reprinted by three
outlets mentions each of its events three times), num_articles (distinct article mentions, i.e.
documents), num_sources (distinct outlets), first/last_seen (publication dates of those
documents), and every member row in ``events`` carries its ``cluster_id``.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pyarrow as pa

from eventwire.errors import DataFileError
from eventwire.store.keys import BLOCK_KEY_SQL, stable_hash
from eventwire.store.query import fetch_arrow

log = logging.getLogger(__name__)

BLOCK_KEY = BLOCK_KEY_SQL
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupSettings:
    max_day_gap: int = 1
    min_evidence_jaccard: float = 0.25
    min_token_length: int = 3
    trigger_suffixes: tuple[str, ...] = ("ing", "ed", "es", "s")


def load_settings(path: str | Path | None = None) -> DedupSettings:
    """The shipped settings, with the keys of a user JSON file (``path``) overriding them."""
    shipped = resources.files("eventwire.store").joinpath("dedup_settings.json").read_text()
    values = _parse(shipped, "dedup_settings.json")
    if path is not None:
        values.update(_parse(Path(path).read_text(encoding="utf-8"), str(path)))
    return _validate(values)


def _parse(text: str, name: str) -> dict[str, Any]:
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{name}: not valid JSON ({exc})") from exc
    if not isinstance(values, dict):
        raise DataFileError(f"{name}: expected a JSON object of settings")
    return values


def _validate(values: dict[str, Any]) -> DedupSettings:
    known = DedupSettings.__dataclass_fields__
    for key, value in values.items():
        if key not in known:
            raise DataFileError(f"dedup settings: unknown entry {key!r}")
        expected = list if key == "trigger_suffixes" else (int, float)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise DataFileError(f"dedup settings: entry {key!r} has a bad value {value!r}")
    if "trigger_suffixes" in values:
        values["trigger_suffixes"] = tuple(str(s) for s in values["trigger_suffixes"])
    return DedupSettings(**values)


@dataclass
class _Cluster:
    cluster_id: str
    day: date | None
    cameo: str
    sentence: str | None  # of the representative; its tokens are computed when first compared
    stem: str
    members: list[str] = field(default_factory=list)
    min_token_length: int = 3
    _tokens: frozenset[str] | None = None

    @property
    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = _tokens(self.sentence, self.min_token_length)
        return self._tokens


def _specific(code: str) -> bool:
    return len(code) >= 4 or (len(code) == 3 and not code.endswith("0"))


def codes_compatible(a: str, b: str) -> bool:
    """Same event type: one code refines the other, or either is unspecific."""
    if not (_specific(a) and _specific(b)):
        return True
    return a.startswith(b) or b.startswith(a)


def _stem(trigger: str | None, suffixes: tuple[str, ...]) -> str:
    words = (trigger or "").lower().split()
    word = words[0] if words else ""
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _tokens(sentence: str | None, min_length: int) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall((sentence or "").lower()) if len(w) >= min_length)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


class _Clusterer:
    """Greedy clustering of one block's events, visited in (date, event id) order."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self.clusters: list[_Cluster] = []

    def add(self, event_id: str, day: date | None, cameo: str, sentence: str | None,
            trigger: str | None) -> str:
        s = self.settings
        stem = _stem(trigger, s.trigger_suffixes)
        # the event as a would-be cluster: its tokens are computed only if a comparison needs them
        event = _Cluster("c" + stable_hash(event_id), day, cameo, sentence, stem, [event_id],
                         s.min_token_length)
        self._retire(day)
        for cluster in self.clusters:
            if self._matches(cluster, event):
                cluster.members.append(event_id)
                return cluster.cluster_id
        self.clusters.append(event)
        return event.cluster_id

    def _retire(self, day: date | None) -> None:
        """Drop clusters too old to match: events come in date order, so they never will."""
        if day is not None:
            gap = self.settings.max_day_gap
            self.clusters = [c for c in self.clusters if c.day is not None and (day - c.day).days <= gap]

    def _matches(self, c: _Cluster, event: _Cluster) -> bool:
        day = event.day
        if (c.day is None) != (day is None):
            return False
        if day is not None and abs((day - c.day).days) > self.settings.max_day_gap:
            return False
        if not codes_compatible(c.cameo, event.cameo):
            return False
        same_trigger = bool(event.stem) and event.stem == c.stem
        return same_trigger or jaccard(c.tokens, event.tokens) >= self.settings.min_evidence_jaccard


def assign_clusters(
    events: pa.Table, settings: DedupSettings | None = None
) -> Iterator[tuple[str, str, bool]]:
    """(event_id, cluster_id, is_representative) for events sorted by block, date, event id."""
    settings = settings or load_settings()
    cols = [events.column(n).to_pylist() for n in
            ("block_key", "event_id", "date", "cameo", "sentence", "trigger_text")]
    block, clusterer = None, _Clusterer(settings)
    for key, eid, day, cameo, sentence, trigger in zip(*cols):
        if key != block:
            block, clusterer = key, _Clusterer(settings)
        cluster_id = clusterer.add(eid, day, cameo or "", sentence, trigger)
        yield eid, cluster_id, cluster_id == "c" + stable_hash(eid)


def recluster(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None = None,
              settings: DedupSettings | None = None) -> int:
    """Re-cluster the blocks holding events of ``article_ids`` (all blocks when None).

    Runs inside the caller's transaction; returns the number of clusters of those blocks.
    """
    _register_blocks(con, article_ids)
    try:
        members = fetch_arrow(
            con,
            f"SELECT {BLOCK_KEY} AS block_key, event_id, date, cameo, sentence, trigger_text "
            f"FROM events WHERE {BLOCK_KEY} IN (SELECT block_key FROM _blocks) "
            "ORDER BY block_key, date NULLS FIRST, event_id",
        )
        assigned = list(assign_clusters(members, settings))
        _write_assignment(con, assigned)
        return sum(1 for _, _, rep in assigned if rep)
    finally:
        for view in ("_blocks", "_assigned"):
            con.execute(f"DROP TABLE IF EXISTS {view}")


def cluster_pending(con: duckdb.DuckDBPyConnection) -> int:
    """Cluster, in one transaction, the blocks of every event not in a cluster yet (left by a
    backfill or a load); returns how many articles had such events."""
    pending = [row[0] for row in con.execute(
        "SELECT DISTINCT article_id FROM event_records WHERE cluster_id IS NULL").fetchall()]
    if not pending:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        recluster(con, pending)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(pending)


def _register_blocks(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None) -> None:
    where = "" if article_ids is None else "WHERE article_id IN (SELECT id FROM _touched)"
    if article_ids is not None:
        con.register("_touched", pa.table({"id": pa.array(article_ids, type=pa.string())}))
    try:
        con.execute(
            f"CREATE TEMP TABLE _blocks AS SELECT DISTINCT {BLOCK_KEY} AS block_key "
            f"FROM event_records {where}"
        )
    finally:
        if article_ids is not None:
            con.unregister("_touched")


def _write_assignment(con: duckdb.DuckDBPyConnection, assigned: list[tuple[str, str, bool]]) -> None:
    ids, clusters, reps = (list(col) for col in zip(*assigned)) if assigned else ([], [], [])
    table = pa.table({"event_id": pa.array(ids, pa.string()),
                      "cluster_id": pa.array(clusters, pa.string()),
                      "is_rep": pa.array(reps, pa.bool_())})
    con.register("_assigned_view", table)
    try:
        con.execute("CREATE TEMP TABLE _assigned AS SELECT *, "
                    "split_part(event_id, '-', 1) AS article_id, "
                    "split_part(event_id, '-', 2)::INTEGER AS event_index FROM _assigned_view")
    finally:
        con.unregister("_assigned_view")
    # event_records has no event_id column (the view derives it): match on its two parts
    con.execute("UPDATE event_records SET cluster_id = a.cluster_id FROM _assigned a "
                "WHERE event_records.article_id = a.article_id "
                "AND event_records.event_index = a.event_index")
    con.execute("DELETE FROM event_clusters WHERE block_key IN (SELECT block_key FROM _blocks)")
    con.execute(CLUSTER_ROWS_SQL)


CLUSTER_ROWS_SQL = f"""
INSERT INTO event_clusters BY NAME
WITH members AS (  -- joined on the stored key parts: the view computes event_id per row
    SELECT e.*, {BLOCK_KEY} AS block_key FROM events e
    SEMI JOIN _assigned x ON x.article_id = e.article_id AND x.event_index = e.event_index
), docs AS (
    SELECT m.cluster_id, m.event_id, am.mention_id, am.published,
           coalesce(am.outlet, am.url, am.origin) AS outlet
    FROM members m JOIN article_mentions am ON am.article_id = m.article_id
), stats AS (
    SELECT cluster_id, count(*) AS num_mentions, count(DISTINCT mention_id) AS num_articles,
           count(DISTINCT outlet) AS num_sources,
           min(published) AS first_seen, max(published) AS last_seen
    FROM docs GROUP BY cluster_id
)
SELECT r.cluster_id, r.block_key, md5_number_lower(r.block_key) AS block_id,
       r.event_id AS representative_event_id,
       r.source_name, r.source_code, r.source_country, r.source_role,
       r.target_name, r.target_code, r.target_country, r.target_role,
       r.source_cc, r.target_cc, r.cameo, r.root, r.quad, r.goldstein,
       r.date, r.date_precision, r.location_name, r.location_country,
       r.location_lat, r.location_lon, r.location_precision, r.negated, r.hypothetical,
       r.sentence, a.url AS source_url,
       coalesce(s.num_mentions, 1) AS num_mentions, coalesce(s.num_articles, 1) AS num_articles,
       coalesce(s.num_sources, 0) AS num_sources,
       coalesce(s.first_seen, r.date) AS first_seen, coalesce(s.last_seen, r.date) AS last_seen
FROM members r
JOIN _assigned x ON x.event_id = r.event_id AND x.is_rep
LEFT JOIN stats s ON s.cluster_id = r.cluster_id
LEFT JOIN articles a ON a.id = r.article_id
"""
