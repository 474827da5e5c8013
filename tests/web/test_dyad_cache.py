"""The API's cached dyad series answer exactly as ``analytics.dyad_series`` does."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.analytics import dyad_series
from eventwire.web.dyad_cache import DyadCache, fill


@pytest.mark.parametrize("freq", ["week", "month"])
@pytest.mark.parametrize("source, target", [("USA", "RUS"), ("RUS", "UKR"), ("usa", "rus"),
                                            ("RUS", "USA"), ("XSS", "RUR"), ("CHN", "JPN")])
def test_cached_series_equal_the_library_series(store_file: Path, source: str, target: str,
                                                freq: str) -> None:
    cache = DyadCache()
    with duckdb.connect(str(store_file), read_only=True) as con:
        cached = cache.series(con, 1, source, target, freq)  # type: ignore[arg-type]
        frame = dyad_series(con, source, target, freq)  # type: ignore[arg-type]
    expected = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    assert [p["period"] for p in cached] == [p["period"].date() for p in expected]
    for got, want in zip(cached, expected):
        for key in ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                    "events", "articles"):
            assert got[key] == want[key]
        assert got["goldstein_sum"] == pytest.approx(want["goldstein_sum"])
        assert got["goldstein_mean"] == pytest.approx(want["goldstein_mean"])
    cache.close()


def test_months_roll_over_the_year() -> None:
    from datetime import date

    rows = [{"period": date(2021, 11, 1), "verbal_coop": 1, "material_coop": 0,
             "verbal_conflict": 0, "material_conflict": 0, "events": 1, "goldstein_sum": 2.0,
             "articles": 1},
            {"period": date(2022, 2, 1), "verbal_coop": 0, "material_coop": 0,
             "verbal_conflict": 1, "material_conflict": 0, "events": 1, "goldstein_sum": -2.0,
             "articles": 3}]
    periods = [p["period"] for p in fill(rows, "month")]
    assert periods == [date(2021, 11, 1), date(2021, 12, 1), date(2022, 1, 1), date(2022, 2, 1)]


def test_the_app_answers_after_a_lifespan_ended(store_file: Path) -> None:
    from web_client import TestClient

    from eventwire.web import ServeSettings, create_app

    app = create_app(ServeSettings(db=store_file))
    for _ in range(2):  # the lifespan runs twice on one app, as a test client may run it
        with TestClient(app) as client:
            assert client.get("/api/dyad?source=USA&target=RUS").status_code == 200
            assert client.get("/api/events").status_code == 200
