"""Questions over the store: dyad time series, a summary, quote search, and the aggregates the
dashboard draws (events over time, actors and their partners, the actor network, locations).

A dyad series counts *events* (event clusters, see ``eventwire.store.dedup``), not reports: an event
reported by ten outlets counts once, dated by its cluster's date. Negated events are left out
(they did not happen). ``articles`` is the number of reports of the period's events (the sum of
their clusters' num_articles, as GDELT sums NumArticles): the series reads one table only, so a
weekly series over ten million events stays well under a second. ``level="country"`` matches the first three letters of the actor codes
("USA" matches USAGOV, USAMIL ...); ``level="actor"`` the full code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pandas as pd

from eventwire.errors import EventwireError
from eventwire.store import Store, connection
from eventwire.store.queries import SURE_CLUSTERS, EventFilters, rows

Freq = Literal["day", "week", "month"]
Level = Literal["country", "actor"]

QUAD_COLUMNS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
SERIES_COLUMNS = ["period", *QUAD_COLUMNS, "events", "goldstein_sum", "goldstein_mean", "articles"]
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}

_CLUSTER_SERIES = """
SELECT date_trunc($freq, date)::DATE AS period,
       count(*) FILTER (WHERE quad = 1) AS verbal_coop,
       count(*) FILTER (WHERE quad = 2) AS material_coop,
       count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad = 4) AS material_conflict,
       count(*) AS events, sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
       sum(num_articles) AS articles
FROM event_clusters
WHERE {dyad} AND NOT negated AND date IS NOT NULL
GROUP BY ALL
"""

def _dyad_condition(level: Level) -> str:
    if level not in ("country", "actor"):
        raise EventwireError(f"unknown dyad level {level!r} (use country or actor)")
    column = "cc" if level == "country" else "code"
    return f"source_{column} = $source AND target_{column} = $target"


def dyad_series(db: Store | str | Path, source: str, target: str, freq: Freq = "week",
                level: Level = "country", min_confidence: float | None = None) -> pd.DataFrame:
    """Per period: events per quad class, Goldstein sum and mean, reports (articles) of them.

    Periods with no event between the first and the last are included with zero counts.
    ``min_confidence``: only events (clusters) of which at least one report was coded with that
    confidence or more.
    """
    if freq not in _PANDAS_FREQ:
        raise EventwireError(f"unknown frequency {freq!r} (use day, week or month)")
    params: dict[str, Any] = {"freq": freq, "source": _code(source, level), "target": _code(target, level)}
    condition = _dyad_condition(level)
    if min_confidence is not None:
        condition += f" AND {SURE_CLUSTERS.format(a='', value='$min_confidence')}"
        params["min_confidence"] = min_confidence
    with connection(db) as con:
        frame = con.execute(_CLUSTER_SERIES.format(dyad=condition), params).df()
    return _fill_periods(frame, freq)


def _code(value: str, level: Level) -> str:
    code = value.strip().upper()
    return code[:3] if level == "country" else code


def _fill_periods(frame: pd.DataFrame, freq: Freq) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if "goldstein" in c else "int64")
                             for c in SERIES_COLUMNS}).astype({"period": "datetime64[s]"})
    frame["period"] = pd.to_datetime(frame["period"])
    full = pd.date_range(frame["period"].min(), frame["period"].max(), freq=_PANDAS_FREQ[freq])
    frame = frame.set_index("period").reindex(full.union(frame["period"])).rename_axis("period")
    counts = [*QUAD_COLUMNS, "events", "articles", "goldstein_sum"]
    frame[counts] = frame[counts].fillna(0)
    frame = frame.astype({c: "int64" for c in [*QUAD_COLUMNS, "events", "articles"]})
    return frame.reset_index()[SERIES_COLUMNS]


def summary(db: Store | str | Path, top: int = 10) -> dict[str, Any]:
    """Counts of every table, the date span, top actors and top country dyads (by events)."""
    with connection(db) as con:
        def scalar(sql: str) -> Any:
            return con.execute(sql).fetchall()[0][0]

        counts = {name: scalar(f"SELECT count(*) FROM {table}") for name, table in _COUNTED}
        counts["outlets"] = scalar("SELECT count(DISTINCT outlet) FROM article_mentions")
        counts["failed_inputs"] = scalar(
            "SELECT count(DISTINCT origin) FROM ingest_log WHERE status = 'failed'")
        first, last = con.execute("SELECT min(date), max(date) FROM event_clusters").fetchall()[0]
        actors = con.execute(_TOP_ACTORS, [top]).df()
        dyads = con.execute(_TOP_DYADS, [top]).df()
    return {
        "counts": counts,
        "date_span": [first.isoformat() if first else None, last.isoformat() if last else None],
        "top_actors": actors.to_dict(orient="records"),
        "top_dyads": dyads.to_dict(orient="records"),
    }


_COUNTED = [("articles", "articles"), ("mentions", "article_mentions"),
            ("event_mentions", "events"), ("events", "event_clusters"), ("quotes", "quotes")]

_TOP_ACTORS = """
SELECT actor, count(*) AS events FROM (
    SELECT source_code AS actor FROM event_clusters WHERE NOT negated
    UNION ALL SELECT target_code FROM event_clusters WHERE NOT negated
) WHERE actor IS NOT NULL GROUP BY actor ORDER BY events DESC, actor LIMIT ?
"""

_TOP_DYADS = """
SELECT source_cc AS source, target_cc AS target, count(*) AS events,
       round(avg(goldstein), 2) AS goldstein_mean
FROM event_clusters WHERE NOT negated AND source_cc IS NOT NULL AND target_cc IS NOT NULL
GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?
"""


def find_quotes(db: Store | str | Path, speaker: str | None = None, text: str | None = None,
                limit: int = 100) -> pd.DataFrame:
    """Quotes whose speaker name or code contains ``speaker`` and whose text contains ``text``
    (case-insensitive), newest first, with the article behind each."""
    with connection(db) as con:
        return con.execute(_QUOTES, {"speaker": f"%{speaker or ''}%", "text": f"%{text or ''}%",
                                     "limit": limit}).df()


_QUOTES = """
SELECT a.published, q.speaker_name, q.speaker_code, q.text, a.title, a.url, a.outlet,
       q.article_id, q.start, q."end"
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE (coalesce(q.speaker_name, '') ILIKE $speaker OR coalesce(q.speaker_code, '') ILIKE $speaker)
  AND q.text ILIKE $text
ORDER BY a.published DESC NULLS LAST, q.article_id, q.quote_index
LIMIT $limit
"""


def top_dyads(db: Store | str | Path, limit: int = 10) -> list[dict[str, Any]]:
    """Country-level dyads by number of events (negated left out), with their mean Goldstein."""
    with connection(db) as con:
        return rows(con, _TOP_DYADS, [limit])


def timeline(db: Store | str | Path, filters: EventFilters | None = None,
             freq: Freq = "week") -> list[dict[str, Any]]:
    """Events (clusters) per period and quad class, oldest period first: the overview's chart."""
    if freq not in _PANDAS_FREQ:
        raise EventwireError(f"unknown frequency {freq!r} (use day, week or month)")
    where, params = (filters or EventFilters()).where()
    with connection(db) as con:
        return rows(con, _TIMELINE.format(where=where), [freq, *params])


_TIMELINE = """
SELECT date_trunc(?, date)::DATE AS period,
       count(*) FILTER (WHERE quad = 1) AS verbal_coop,
       count(*) FILTER (WHERE quad = 2) AS material_coop,
       count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad = 4) AS material_conflict,
       count(*) AS events
FROM event_clusters WHERE date IS NOT NULL AND {where}
GROUP BY ALL ORDER BY period
"""


def actors(db: Store | str | Path, like: str | None = None, limit: int = 50,
           offset: int = 0) -> list[dict[str, Any]]:
    """Actor codes by number of events (as source, as target), with the name seen most often;
    ``like``: part of a code or a name."""
    with connection(db) as con:
        return rows(con, _ACTORS, [like or "", like or "", limit, offset])


_ACTORS = """
WITH sides AS (
    SELECT source_code AS code, source_name AS name, 1 AS as_source, 0 AS as_target
    FROM event_clusters WHERE source_code IS NOT NULL AND NOT negated
    UNION ALL
    SELECT target_code, target_name, 0, 1 FROM event_clusters
    WHERE target_code IS NOT NULL AND NOT negated
)
SELECT code, mode(name) AS name, sum(as_source)::BIGINT AS as_source,
       sum(as_target)::BIGINT AS as_target, count(*) AS events
FROM sides
WHERE contains(lower(code), lower(?)) OR contains(lower(coalesce(name, '')), lower(?))
GROUP BY code ORDER BY events DESC, code LIMIT ? OFFSET ?
"""


def actor_partners(db: Store | str | Path, code: str, limit: int = 20) -> list[dict[str, Any]]:
    """Who an actor acts on and is acted on by most: events each way and their mean Goldstein."""
    with connection(db) as con:
        return rows(con, _PARTNERS, [code.strip().upper(), limit])


_PARTNERS = """
WITH mine AS (
    SELECT CASE WHEN source_code = $1 THEN target_code ELSE source_code END AS partner,
           source_code = $1 AS outgoing, goldstein
    FROM event_clusters
    WHERE (source_code = $1 OR target_code = $1) AND NOT negated
)
SELECT partner, count(*) FILTER (WHERE outgoing) AS events_to,
       count(*) FILTER (WHERE NOT outgoing) AS events_from, count(*) AS events,
       round(avg(goldstein), 2) AS goldstein_mean
FROM mine WHERE partner IS NOT NULL
GROUP BY partner ORDER BY events DESC, partner LIMIT $2
"""


def network(db: Store | str | Path, filters: EventFilters | None = None,
            level: Level = "country", limit: int = 100) -> dict[str, list[dict[str, Any]]]:
    """The ``limit`` heaviest edges (source, target, quad class: number of events) and their
    actors as nodes (events they take part in among those edges)."""
    _dyad_condition(level)  # validates the level
    column = "cc" if level == "country" else "code"
    where, params = (filters or EventFilters()).where()
    with connection(db) as con:
        edges = rows(con, _EDGES.format(column=column, where=where), [*params, limit])
    weight: dict[str, int] = {}
    for edge in edges:
        for side in ("source", "target"):
            weight[edge[side]] = weight.get(edge[side], 0) + edge["events"]
    nodes = [{"id": code, "events": n} for code, n in sorted(weight.items())]
    return {"nodes": nodes, "edges": edges}


_EDGES = """
SELECT source_{column} AS source, target_{column} AS target, quad, count(*) AS events,
       round(avg(goldstein), 2) AS goldstein_mean
FROM event_clusters
WHERE source_{column} IS NOT NULL AND target_{column} IS NOT NULL AND NOT negated AND {where}
GROUP BY ALL ORDER BY events DESC, source, target, quad LIMIT ?
"""


def locations(db: Store | str | Path, filters: EventFilters | None = None,
              limit: int = 2000) -> dict[str, list[dict[str, Any]]]:
    """Located events: places with coordinates (``points``: events per place) and events per
    country of location (``countries``, every precision)."""
    where, params = (filters or EventFilters()).where()
    with connection(db) as con:
        points = rows(con, _POINTS.format(where=where), [*params, limit])
        countries = rows(con, _COUNTRIES.format(where=where), params)
    return {"points": points, "countries": countries}


_POINTS = """
SELECT location_name AS name, location_country AS country, location_lat AS lat,
       location_lon AS lon, count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean
FROM event_clusters
WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL AND {where}
GROUP BY ALL ORDER BY events DESC, name LIMIT ?
"""
_COUNTRIES = """
SELECT location_country AS country, count(*) AS events FROM event_clusters
WHERE location_country IS NOT NULL AND {where}
GROUP BY ALL ORDER BY events DESC, country
"""
