"""The Parquet shard folder: its layout, readable as it is, through a local path or fsspec URL."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from test_load import inputs, shards

from eventwire.store.load import load
from eventwire.store.shards import Folder


def test_the_layout_is_hive_partitioned_by_event_month(tmp_path: Path) -> None:
    shards(tmp_path, inputs())
    names = sorted(str(p.relative_to(tmp_path).parent) for p in tmp_path.rglob("part-*.parquet"))
    assert set(names) == {"articles", "events/month=2024-01", "events/month=unknown", "log",
                          "mentions", "quotes"}
    assert not list(tmp_path.rglob(".part-*"))  # no file left under its hidden name


def test_duckdb_and_pandas_read_it_as_it_is(tmp_path: Path) -> None:
    shards(tmp_path, inputs())
    months = duckdb.sql(f"SELECT month, count(*) FROM read_parquet('{tmp_path}/events/*/*.parquet', "
                        "hive_partitioning = true) GROUP BY month ORDER BY month").fetchall()
    assert months == [("2024-01", 3), ("unknown", 1)]
    events = pd.read_parquet(tmp_path / "events")  # pyarrow finds the month partitions
    assert set(events["month"].astype(str)) == {"2024-01", "unknown"}
    assert events["event_id"].notna().all() and events["sentence"].notna().all()
    assert events["cameo"].tolist() and all(isinstance(c, str) for c in events["cameo"])
    articles = pd.read_parquet(tmp_path / "articles")
    assert len(articles) == 4 and articles["text"].str.len().min() > 0


def test_an_fsspec_url_is_written_and_loaded(tmp_path: Path) -> None:
    url = "memory://eventwire-test/shards"
    shards(url, inputs())  # type: ignore[arg-type]
    folder = Folder(url)
    assert len(folder.complete()) == 4 and folder.files("events")
    report = load(url, tmp_path / "from-memory.duckdb")
    assert (report.articles, report.events) == (4, 4)
    folder.fs.rm(folder.root, recursive=True)
