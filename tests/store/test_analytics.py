"""Dyad series and summaries over a hand-built store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_fakes import article, build

from eventwire.analytics import dyad_series, find_quotes, summary


@pytest.fixture
def weekly(tmp_path: Path) -> Path:
    """Two cooperative USA->RUS events in week 1, none in week 2, one threat in week 3."""
    path = tmp_path / "w.duckdb"
    build(path, [
        article("USAGOV 042 RUSGOV met in Geneva for arms talks.", url="https://a.com/1",
                day=date(2024, 1, 1)),
        article("USAGOV 042 RUSGOV met in Geneva for arms talks.\nUSAGOV 061 RUSGOV signed a trade deal.",
                url="https://b.com/2", day=date(2024, 1, 1)),
        article("USAMIL 138 RUSMIL threatened strikes near the border.", url="https://c.com/3",
                day=date(2024, 1, 17)),
    ])
    return path


def test_weekly_series_counts_events_not_reports(weekly: Path) -> None:
    frame = dyad_series(weekly, "USA", "RUS", "week")
    assert [str(p.date()) for p in frame["period"]] == ["2024-01-01", "2024-01-08", "2024-01-15"]
    assert frame["events"].tolist() == [2, 0, 1]  # the meeting reported twice counts once
    assert frame["verbal_coop"].tolist() == [1, 0, 0]
    assert frame["material_coop"].tolist() == [1, 0, 0]
    assert frame["verbal_conflict"].tolist() == [0, 0, 1]
    assert frame["articles"].tolist() == [3, 0, 1]  # reports: the meeting twice, the deal once


def test_a_minimum_confidence_keeps_only_the_events_the_coder_is_sure_of(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    build(path, [
        article("USAGOV 042 RUSGOV met in Geneva.", url="https://a.com/1", day=date(2024, 1, 1)),
        article("USAGOV 061 RUSGOV reportedly signed a deal.", url="https://b.com/2", day=date(2024, 1, 2)),
    ])
    assert dyad_series(path, "USA", "RUS", "week")["events"].sum() == 2
    assert dyad_series(path, "USA", "RUS", "week", min_confidence=0.7)["events"].sum() == 1


def test_actor_level_matches_full_codes(weekly: Path) -> None:
    assert dyad_series(weekly, "USAMIL", "RUSMIL", "week", level="actor")["events"].sum() == 1
    assert dyad_series(weekly, "USAGOV", "RUSMIL", "week", level="actor").empty


def test_monthly_goldstein(weekly: Path) -> None:
    frame = dyad_series(weekly, "usa", "rus", "month")
    assert len(frame) == 1 and frame["goldstein_sum"].iloc[0] == pytest.approx(3.0 + 3.0 - 2.0)


def test_summary(weekly: Path) -> None:
    result = summary(weekly)
    assert result["counts"]["events"] == 3 and result["counts"]["articles"] == 3
    assert result["date_span"] == ["2024-01-01", "2024-01-17"]
    assert result["top_dyads"][0] == {"source": "USA", "target": "RUS", "events": 3,
                                      "goldstein_mean": pytest.approx(1.33)}


def test_quotes_with_their_article(store_path: Path) -> None:
    found = find_quotes(store_path, speaker="spokes", text="USEFUL")
    assert found["text"].tolist() == ["talks were useful"]
    assert found["url"].iloc[0].startswith("https://")
    assert find_quotes(store_path, speaker="nobody").empty
