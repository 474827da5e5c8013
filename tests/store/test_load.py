"""``eventwire load DIR``: Parquet shards into the store, idempotent, clustered as ingest clusters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import typer
from store_fakes import article, build, corpus, fake_coder, reader_of, snapshot
from typer.testing import CliRunner

from eventwire.cli import store_commands
from eventwire.code_to_parquet import ingest_to_parquet
from eventwire.errors import InputError, StoreError
from eventwire.store.load import load


def inputs() -> list:
    """The store tests' corpus (a reprint, two outlets), a failure, an undated article."""
    return [InputError("empty.txt", "empty input"), article("FAILCODE here", origin="bad.txt"),
            *corpus(), article("USAGOV 036 CHNGOV will meet in Beijing, aides said.", day=None,
                               url="https://example.org/undated")]


def shards(out: Path, items: list, batch_size: int = 2) -> None:
    ingest_to_parquet(["-"], str(out), coder=fake_coder, reader=reader_of(items),
                      batch_size=batch_size)


def test_loading_shards_gives_the_store_an_ingest_gives(tmp_path: Path) -> None:
    shards(tmp_path / "shards", inputs())
    first = load(str(tmp_path / "shards"), tmp_path / "loaded.duckdb")
    again = load(str(tmp_path / "shards"), tmp_path / "loaded.duckdb")
    build(tmp_path / "ingested.duckdb", inputs(), batch_size=2)
    assert snapshot(tmp_path / "loaded.duckdb") == snapshot(tmp_path / "ingested.duckdb")
    assert (first.articles, first.events, first.mentions) == (4, 4, 5)
    assert (again.articles, again.events, again.mentions, again.already_stored) == (0, 0, 0, 4)


def test_a_folder_that_grew_loads_only_what_is_new(tmp_path: Path) -> None:
    items = inputs()
    shards(tmp_path / "shards", items[:4])
    load(str(tmp_path / "shards"), tmp_path / "loaded.duckdb")
    shards(tmp_path / "shards", items)  # the same command on more input: a new shard
    report = load(str(tmp_path / "shards"), tmp_path / "loaded.duckdb")
    assert report.already_stored == 1 and report.articles == 3
    build(tmp_path / "ingested.duckdb", items, batch_size=2)
    loaded, ingested = snapshot(tmp_path / "loaded.duckdb"), snapshot(tmp_path / "ingested.duckdb")
    assert loaded["events"] == ingested["events"] and loaded["clusters"] == ingested["clusters"]
    assert loaded["mentions"] == ingested["mentions"]


def test_a_folder_without_shards_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no Parquet shards here"):
        load(str(tmp_path), tmp_path / "x.duckdb")


def test_the_load_command(tmp_path: Path) -> None:
    app = typer.Typer()
    store_commands.register(app)
    shards(tmp_path / "shards", inputs())
    db = str(tmp_path / "cli.duckdb")
    result = CliRunner().invoke(app, ["load", str(tmp_path / "shards"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "articles added 4, events 4" in result.stdout
    empty = CliRunner().invoke(app, ["load", str(tmp_path / "nothing"), "--db", db])
    assert empty.exit_code == 2 and empty.stderr.startswith("error: ")
    assert "Traceback" not in empty.output
