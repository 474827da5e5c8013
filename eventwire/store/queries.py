"""Read-only questions of the store for the dashboard and its API: a page of events, an event
with its mentions, an article with its evidence, quotes.

Every value a user gives is a query parameter, never SQL text; the only SQL chosen from user input
is the sort column, looked up in ``SORTS``. Events are event clusters (what happened), each with
its counts; its mentions are the event records of the articles that reported it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Literal

import duckdb

Match = Literal["prefix", "exact"]
Row = dict[str, Any]

# events (clusters) of which at least one report was coded with some confidence or more
SURE_CLUSTERS = "{a}cluster_id IN (SELECT cluster_id FROM events WHERE confidence >= {value})"
SORTS = {"date": "date", "mentions": "num_mentions", "goldstein": "goldstein",
         "code": "cameo", "source": "source_code", "target": "target_code"}


@dataclass(frozen=True)
class EventFilters:
    """What a user can select events by; ``None`` selects everything.

    Actor codes match by their beginning (``USA`` matches USAGOV, USAMIL), or whole with
    ``match="exact"``; ``code`` is a CAMEO code or its beginning; ``text`` is found anywhere in
    the evidence sentence, case-insensitive; ``location`` is a country code or part of a place
    name."""

    since: date | None = None
    until: date | None = None
    source: str | None = None
    target: str | None = None
    actor: str | None = None  # source or target
    match: Match = "prefix"
    root: str | None = None
    code: str | None = None
    quad: int | None = None
    text: str | None = None
    location: str | None = None
    negated: bool | None = None
    hypothetical: bool | None = None

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """SQL conditions joined by AND ("TRUE" when none) and their parameters, in order."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            conds.append(sql)
            params.extend(values)

        self._dates(add, p)
        self._actors(add, p)
        self._codes(add, p)
        if self.text:
            add(f"contains(lower({p}sentence), lower(?))", self.text)
        if self.location:
            add(f"({p}location_country = upper(?) OR contains(lower({p}location_name), lower(?)))",
                self.location, self.location)
        for flag in ("negated", "hypothetical"):
            if getattr(self, flag) is not None:
                add(f"{p}{flag} = ?", getattr(self, flag))
        return " AND ".join(conds) or "TRUE", params

    def _dates(self, add: Any, p: str) -> None:
        if self.since:
            add(f"{p}date >= ?", self.since)
        if self.until:
            add(f"{p}date <= ?", self.until)

    def _actors(self, add: Any, p: str) -> None:
        test = "{col} = upper(?)" if self.match == "exact" else "starts_with({col}, upper(?))"
        if self.source:
            add(test.format(col=f"{p}source_code"), self.source.strip())
        if self.target:
            add(test.format(col=f"{p}target_code"), self.target.strip())
        if self.actor:
            either = f"({test.format(col=f'{p}source_code')} OR {test.format(col=f'{p}target_code')})"
            add(either, self.actor.strip(), self.actor.strip())

    def _codes(self, add: Any, p: str) -> None:
        if self.root:
            add(f"{p}root = lpad(?, 2, '0')", self.root.strip())
        if self.code:
            add(f"starts_with({p}cameo, ?)", self.code.strip())
        if self.quad is not None:
            add(f"{p}quad = ?", self.quad)

    def as_params(self) -> dict[str, Any]:
        """The filters that are set, by name (to carry them into links)."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None and not (f.name == "match" and
                                                              self.match == "prefix")}


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Row]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


EVENT_COLUMNS = """cluster_id, date, date_precision, source_name, source_code, target_name,
    target_code, cameo, root, quad, goldstein, location_name, location_country, location_lat,
    location_lon, location_precision, negated, hypothetical, sentence, source_url, num_mentions,
    num_articles, num_sources, first_seen, last_seen, representative_event_id, block_id"""


def order_by(sort: str) -> str:
    """``date`` ascending, ``-date`` descending (a column of ``SORTS``); ties by cluster id."""
    column = SORTS.get(sort.lstrip("-"))
    if column is None:
        raise ValueError(f"unknown sort {sort!r} (use one of {', '.join(SORTS)})")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{column} {direction} NULLS LAST, cluster_id"


def count_events(con: duckdb.DuckDBPyConnection, filters: EventFilters) -> int:
    where, params = filters.where()
    return con.execute(f"SELECT count(*) FROM event_clusters WHERE {where}", params).fetchone()[0]


def list_events(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, sort: str = "-date",
                limit: int = 50, offset: int = 0) -> list[Row]:
    """A page of events (clusters) with their counts and the representative event's trigger."""
    where, params = filters.where()
    found = rows(con, f"SELECT {EVENT_COLUMNS} FROM event_clusters WHERE {where} "
                      f"ORDER BY {order_by(sort)} LIMIT ? OFFSET ?", [*params, limit, offset])
    return _with_triggers(con, found)


def _with_triggers(con: duckdb.DuckDBPyConnection, events: list[Row]) -> list[Row]:
    """Each event's trigger, as offsets into its sentence, from its representative record
    (looked up by the clusters' block ids first: an integer scan, cheaper than the ids')."""
    wanted = {e["representative_event_id"] for e in events if e["representative_event_id"]}
    articles = sorted({rid.rsplit("-", 1)[0] for rid in wanted})
    blocks = sorted({e["block_id"] for e in events if e.get("block_id") is not None})
    triggers = {}
    if articles:
        by_block = len(blocks) == len(events)
        found = rows(con, _TRIGGERS_BY_BLOCK if by_block else _TRIGGERS,
                     [blocks, articles] if by_block else [articles])
        for r in found:
            triggers[f"{r['article_id']}-{r['event_index']:04d}"] = r
    for event in events:
        found_one = triggers.get(event["representative_event_id"] or "")
        event["trigger"] = _relative_trigger(found_one)
    return events


_TRIGGER_COLUMNS = """article_id, event_index, trigger_start - evidence_start AS start,
       trigger_end - evidence_start AS "end", trigger_text AS text"""
_TRIGGERS = f"""
SELECT {_TRIGGER_COLUMNS} FROM event_records
WHERE article_id IN (SELECT unnest(?::VARCHAR[]))
"""
_TRIGGERS_BY_BLOCK = f"""
SELECT {_TRIGGER_COLUMNS} FROM event_records
WHERE block_id IN (SELECT unnest(?::UBIGINT[])) AND article_id IN (SELECT unnest(?::VARCHAR[]))
"""


def _relative_trigger(found: Row | None) -> Row | None:
    if not found or found["start"] is None or found["end"] is None:
        return None
    return {"start": found["start"], "end": found["end"], "text": found["text"]}


def get_event(con: duckdb.DuckDBPyConnection, cluster_id: str) -> Row | None:
    """One event (cluster) with ``mentions``: every event record in it, with its article."""
    found = rows(con, f"SELECT {EVENT_COLUMNS} FROM event_clusters WHERE cluster_id = ?",
                 [cluster_id])
    if not found:
        return None
    event = _with_triggers(con, found)[0]
    event["mentions"] = rows(con, _MENTIONS, [cluster_id])
    return event


_MENTIONS = """
SELECT e.event_id, e.article_id, e.sentence, e.trigger_start - e.evidence_start AS trigger_start,
       e.trigger_end - e.evidence_start AS trigger_end, e.trigger_text, e.source_name,
       e.source_code, e.target_name, e.target_code, e.cameo, e.date, e.negated, e.hypothetical,
       e.speaker_name, e.location_name, a.title, a.url, a.outlet, a.published,
       (SELECT count(*) FROM article_mentions m WHERE m.article_id = e.article_id) AS copies
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.cluster_id = ?
ORDER BY a.published NULLS LAST, e.event_id
"""


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> Row | None:
    """An article's text and metadata, its events (with offsets into the text), its quotes and
    every outlet/URL it appeared under."""
    found = rows(con, "SELECT id, title, published, url, outlet, text FROM articles WHERE id = ?",
                 [article_id])
    if not found:
        return None
    article = found[0]
    article["events"] = rows(con, _ARTICLE_EVENTS, [article_id])
    article["quotes"] = rows(con, _ARTICLE_QUOTES, [article_id])
    article["mentions"] = rows(con, _ARTICLE_MENTIONS, [article_id])
    return article


_ARTICLE_EVENTS = """
SELECT event_id, cluster_id, cameo, source_name, source_code, target_name, target_code,
       evidence_start, evidence_end, trigger_start, trigger_end, trigger_text, date,
       negated, hypothetical
FROM events WHERE article_id = ? ORDER BY event_index
"""
_ARTICLE_QUOTES = """
SELECT quote_index, text, speaker_name, speaker_code, start, "end"
FROM quotes WHERE article_id = ? ORDER BY quote_index
"""
_ARTICLE_MENTIONS = """
SELECT url, outlet, title, published FROM article_mentions WHERE article_id = ?
ORDER BY seen_at, mention_id
"""


@dataclass(frozen=True)
class QuoteFilters:
    speaker: str | None = None  # part of the speaker's name, or the beginning of their code
    text: str | None = None  # part of the quoted words
    since: date | None = None  # the article's publication date
    until: date | None = None

    def where(self) -> tuple[str, list[Any]]:
        conds, params = [], []
        if self.speaker:
            conds.append("(contains(lower(coalesce(q.speaker_name, '')), lower(?)) "
                         "OR starts_with(coalesce(q.speaker_code, ''), upper(?)))")
            params += [self.speaker, self.speaker]
        if self.text:
            conds.append("contains(lower(q.text), lower(?))")
            params.append(self.text)
        if self.since:
            conds.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            conds.append("a.published <= ?")
            params.append(self.until)
        return " AND ".join(conds) or "TRUE", params


def list_quotes(con: duckdb.DuckDBPyConnection, filters: QuoteFilters, *, limit: int = 50,
                offset: int = 0) -> list[Row]:
    """Quotes, newest article first, each with its article's title, date, URL and outlet."""
    where, params = filters.where()
    return rows(con, _QUOTES.format(where=where), [*params, limit, offset])


def count_quotes(con: duckdb.DuckDBPyConnection, filters: QuoteFilters) -> int:
    where, params = filters.where()
    sql = f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
    return con.execute(sql, params).fetchone()[0]


_QUOTES = """
SELECT q.article_id, q.quote_index, q.text, q.speaker_name, q.speaker_code, a.published,
       a.title, a.url, a.outlet
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE {where}
ORDER BY a.published DESC NULLS LAST, q.article_id, q.quote_index
LIMIT ? OFFSET ?
"""
