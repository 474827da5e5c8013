"""Event clusters: the same event across articles, counted as GDELT counts mentions."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fakes import article, build, corpus

from eventwire.store.dedup import codes_compatible, load_settings
from eventwire.errors import DataFileError
from eventwire.store import Store


def clusters(path: Path) -> list[tuple]:
    with Store(path) as store:
        return store.con.execute(
            "SELECT source_code, target_code, cameo, num_mentions, num_articles, num_sources,"
            " first_seen::VARCHAR, last_seen::VARCHAR FROM event_clusters ORDER BY date, source_code"
        ).fetchall()


def test_cluster_counts_reports_outlets_and_documents(store_path: Path) -> None:
    meeting, shelling = clusters(store_path)
    # one text in two outlets (a reprint) + a second report the next day = 3 documents
    assert meeting == ("USAGOV", "RUSGOV", "042", 3, 3, 3, "2024-01-08", "2024-01-09")
    assert shelling[3:6] == (1, 1, 1)


def test_every_event_carries_its_cluster(store_path: Path) -> None:
    with Store(store_path) as store:
        orphans = store.con.execute(
            "SELECT count(*) FROM events e LEFT JOIN event_clusters c USING (cluster_id)"
            " WHERE c.cluster_id IS NULL").fetchall()[0][0]
    assert orphans == 0


@pytest.mark.parametrize("second, merged", [
    ("USAGOV 042 RUSGOV met in Geneva again for talks.", True),     # same day, same trigger
    ("USAGOV 043 RUSGOV met in Geneva again for talks.", False),    # other specific code
    ("RUSGOV 042 USAGOV met in Geneva again for talks.", False),    # other direction
])
def test_merge_rule(tmp_path: Path, second: str, merged: bool) -> None:
    items = [article("USAGOV 042 RUSGOV met in Geneva for talks.", url="https://a.com/1"),
             article(second, url="https://b.com/2")]
    build(tmp_path / "d.duckdb", items)
    assert (len(clusters(tmp_path / "d.duckdb")) == 1) is merged


def test_dates_more_than_a_day_apart_stay_apart(tmp_path: Path) -> None:
    from datetime import date

    items = [article("USAGOV 042 RUSGOV met in Geneva for talks.", url="https://a.com/1"),
             article("USAGOV 042 RUSGOV met in Geneva for talks, again.", url="https://b.com/2",
                     day=date(2024, 1, 11))]
    build(tmp_path / "d.duckdb", items)
    assert len(clusters(tmp_path / "d.duckdb")) == 2


@pytest.mark.parametrize("a, b, ok", [("042", "042", True), ("131", "1312", True),
                                      ("04", "043", True), ("040", "042", True),
                                      ("042", "043", False), ("1312", "1313", False)])
def test_codes_compatible(a: str, b: str, ok: bool) -> None:
    assert codes_compatible(a, b) is ok


def test_clusters_do_not_depend_on_input_order(tmp_path: Path) -> None:
    build(tmp_path / "one.duckdb", corpus())
    build(tmp_path / "two.duckdb", list(reversed(corpus())), batch_size=1)
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "two.duckdb") as two:
        query = "SELECT event_id, cluster_id FROM events ORDER BY event_id"
        assert one.con.execute(query).fetchall() == two.con.execute(query).fetchall()


def test_two_runs_give_identical_tables(tmp_path: Path) -> None:
    for name in ("x", "y"):
        build(tmp_path / f"{name}.duckdb")
    volatile = {"article_mentions": "seen_at", "ingest_log": "time"}
    for table in ("articles", "article_mentions", "events", "quotes", "event_clusters", "ingest_log"):
        query = f"SELECT * EXCLUDE ({volatile[table]}) FROM {table}" if table in volatile \
            else f"SELECT * FROM {table}"
        rows = []
        for name in ("x", "y"):
            with Store(tmp_path / f"{name}.duckdb") as store:
                rows.append(sorted(store.con.execute(query).fetchall(), key=repr))
        assert rows[0] == rows[1], table


def test_user_settings_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "dedup.json"
    bad.write_text('{"max_day_gap": "two"}')
    with pytest.raises(DataFileError, match="max_day_gap"):
        load_settings(bad)
    bad.write_text('{"min_evidence_jaccard": 0.5}')
    assert load_settings(bad).min_evidence_jaccard == 0.5
