"""Questions over the store: dyad time series, a summary, quote search.

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
                level: Level = "country") -> pd.DataFrame:
    """Per period: events per quad class, Goldstein sum and mean, reports (articles) of them.

    Periods with no event between the first and the last are included with zero counts.
    """
    if freq not in _PANDAS_FREQ:
        raise EventwireError(f"unknown frequency {freq!r} (use day, week or month)")
    params = {"freq": freq, "source": _code(source, level), "target": _code(target, level)}
    with connection(db) as con:
        frame = con.execute(_CLUSTER_SERIES.format(dyad=_dyad_condition(level)), params).df()
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
