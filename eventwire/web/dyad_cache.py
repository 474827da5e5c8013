"""Country-level dyad series for the API, aggregated once per store generation.

``analytics.dyad_series`` scans every event for each series asked for (tens of milliseconds on a
million events). A dashboard asks for many: here the weekly (or monthly) counts of every country
pair are aggregated in one scan into an in-memory DuckDB table, sorted by pair, the first time a
series is asked for under a generation of the read pool (the store cannot change within one);
each series is then a lookup of a few rows, filled with the empty periods in between exactly as
``dyad_series`` fills them (``tests/web/test_dyad_cache.py`` holds the two to the same answers).
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any, Literal

import duckdb

from eventwire.analytics import QUAD_COLUMNS
from eventwire.store import fetch_arrow
from eventwire.store.queries import rows

Freq = Literal["week", "month"]
CACHED: tuple[str, ...] = ("week", "month")

_AGGREGATE = """
SELECT source_cc, target_cc, date_trunc(?, date)::DATE AS period,
       count(*) FILTER (WHERE quad = 1) AS verbal_coop,
       count(*) FILTER (WHERE quad = 2) AS material_coop,
       count(*) FILTER (WHERE quad = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad = 4) AS material_conflict,
       count(*) AS events, sum(goldstein) AS goldstein_sum, sum(num_articles) AS articles
FROM event_clusters
WHERE NOT negated AND date IS NOT NULL AND source_cc IS NOT NULL AND target_cc IS NOT NULL
GROUP BY ALL ORDER BY source_cc, target_cc, period
"""


class DyadCache:
    """Weekly and monthly series of every country pair, for one store generation at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._generation: dict[str, int] = {}

    def series(self, con: duckdb.DuckDBPyConnection, generation: int, source: str,
               target: str, freq: Freq) -> list[dict[str, Any]]:
        """The series from ``source`` to ``target`` (country codes), empty periods filled."""
        memory = self._ensure(con, generation, freq)
        cursor = memory.cursor()
        try:
            found = rows(cursor, f"SELECT * EXCLUDE (source_cc, target_cc) FROM dyad_{freq} "
                                 "WHERE source_cc = ? AND target_cc = ? ORDER BY period",
                         [source[:3].upper(), target[:3].upper()])
        finally:
            cursor.close()
        return fill(found, freq)

    def _ensure(self, con: duckdb.DuckDBPyConnection, generation: int,
                freq: Freq) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._memory is None:
                self._memory, self._generation = duckdb.connect(":memory:"), {}
            if self._generation.get(freq) != generation:
                table = fetch_arrow(con, _AGGREGATE, [freq])
                self._memory.register("_aggregate", table)
                self._memory.execute(f"CREATE OR REPLACE TABLE dyad_{freq} AS "
                                     "SELECT * FROM _aggregate")
                self._memory.unregister("_aggregate")
                self._generation[freq] = generation
            return self._memory

    def close(self) -> None:
        """Drop the aggregates (a later series builds them again)."""
        with self._lock:
            if self._memory is not None:
                self._memory.close()
            self._memory = None


def _next(period: date, freq: Freq) -> date:
    if freq == "week":
        return period + timedelta(days=7)
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def fill(found: list[dict[str, Any]], freq: Freq) -> list[dict[str, Any]]:
    """Every period from the first to the last, zero where nothing happened; the mean Goldstein
    value of each period (None where it had no event)."""
    if not found:
        return []
    by_period = {row["period"]: row for row in found}
    out, period = [], found[0]["period"]
    while period <= found[-1]["period"]:
        row = by_period.get(period) or {"period": period, **dict.fromkeys(QUAD_COLUMNS, 0),
                                        "events": 0, "goldstein_sum": 0.0, "articles": 0}
        mean = row["goldstein_sum"] / row["events"] if row["events"] else None
        out.append({**row, "goldstein_sum": float(row["goldstein_sum"]), "goldstein_mean": mean})
        period = _next(period, freq)
    return out
