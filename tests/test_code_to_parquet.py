"""``ingest --out-parquet``: the same command again skips what is written and finishes what a
killed run left incomplete."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "store"))

from store_fakes import fake_coder, reader_of, snapshot  # noqa: E402
from test_load import inputs, shards  # noqa: E402

from eventwire.code_to_parquet import ingest_to_parquet  # noqa: E402
from eventwire.store.load import load  # noqa: E402


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.parquet")}


def test_the_report_accounts_for_every_input(tmp_path: Path) -> None:
    report = ingest_to_parquet(["-"], str(tmp_path), coder=fake_coder, reader=reader_of(inputs()),
                               batch_size=2)
    assert (report.articles_coded, report.duplicates, report.failed) == (4, 1, 2)
    assert report.exit_code == 1 and {o for o, _ in report.failures} == {"empty.txt", "bad.txt"}


def test_the_same_command_again_writes_nothing(tmp_path: Path) -> None:
    shards(tmp_path, inputs())
    written = _files(tmp_path)
    report = ingest_to_parquet(["-"], str(tmp_path), coder=fake_coder, reader=reader_of(inputs()),
                               batch_size=2)
    assert report.unchanged == 6 and report.articles_coded == 0  # the failed one is written too
    assert _files(tmp_path) == written


def test_a_shard_a_killed_run_left_incomplete_is_written_again(tmp_path: Path) -> None:
    shards(tmp_path / "clean", inputs())
    shards(tmp_path / "killed", inputs())
    killed = tmp_path / "killed"
    # as a worker killed between its events file and its articles file leaves a shard
    victim = next(p for p in (killed / "articles").iterdir() if (killed / "quotes" / p.name).exists())
    victim.unlink()
    (killed / "events" / ".part-0123.abc.tmp").write_bytes(b"half a file")
    report = ingest_to_parquet(["-"], str(killed), coder=fake_coder, reader=reader_of(inputs()),
                               batch_size=2)
    assert report.articles_coded == 1 and report.unchanged == 4
    assert set(_files(killed)) == set(_files(tmp_path / "clean"))
    assert not list(killed.rglob(".part-*"))
    for name in ("clean", "killed"):
        load(str(tmp_path / name), tmp_path / f"{name}.duckdb")
    clean, resumed = snapshot(tmp_path / "clean.duckdb"), snapshot(tmp_path / "killed.duckdb")
    assert resumed["events"] == clean["events"] and resumed["clusters"] == clean["clusters"]
