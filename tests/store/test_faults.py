"""Faults of the store file: a full disk, a read-only file, a damaged file, a store from a newer
eventwire, two ingests at once. Each gives one clear line and exit code 2 (never a traceback),
and nothing already stored is lost: the file is left as it was, or keeps every committed batch.

The full disk is real: a 4 MB tmpfs the test mounts (root only; CI runs as root). A read-only
file for root is an immutable one (chattr +i), since root writes through file modes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import typer
from store_fakes import article, build, fake_coder, reader_of
from typer.testing import CliRunner

from eventwire.cli import store_commands
from eventwire.errors import StoreError
from eventwire.code_and_store import ingest
from eventwire.store import Store

runner = CliRunner()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr("eventwire.code_and_store.default_coder", lambda n_process=1: fake_coder)
    app = typer.Typer()
    store_commands.register(app)
    return app


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": "FRAGOV 036 DEUGOV will meet in Paris next week, "
                                "the two foreign ministries said on Monday."}) + "\n")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles_in(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def refused(app: typer.Typer, inputs: Path, db: Path, words: str) -> str:
    """Run ``eventwire ingest`` and check it fails with one clear line containing ``words``."""
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"error: {db}: ") and words in lines[0], lines[0]
    return lines[0]


# --- two ingests at once -----------------------------------------------------------------------

HOLDER = """
import sys
from eventwire.store import Store
with Store(sys.argv[1]):
    print("open", flush=True)
    sys.stdin.readline()
"""


def test_a_second_ingest_on_a_store_in_use_is_refused_and_the_first_goes_on(
        app: typer.Typer, inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    build(db)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"  # type: ignore[union-attr]
        line = refused(app, inputs, db, f"process {holder.pid} is writing this store")
        assert "wait for the other ingest to finish, or ingest into another --db" in line
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    assert articles_in(db) == 3  # what was stored before is all there
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])  # now it can
    assert result.exit_code == 0 and articles_in(db) == 4


# --- a full disk --------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "eventwire-test", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def many_articles(start: int, count: int) -> list:
    filler = " ".join(f"word{k}" for k in range(2500))  # ~25 KB of text per article
    return [article(f"USAGOV 042 RUSGOV met in round {i}.\n{filler} {i}.", url=f"https://x.example/{i}")
            for i in range(start, start + count)]


def test_a_full_disk_stops_the_ingest_with_one_message_and_keeps_every_committed_batch(
        small_disk: Path) -> None:
    db = small_disk / "full.duckdb"
    first = ingest(["unused"], db, coder=fake_coder, reader=reader_of(many_articles(0, 10)))
    assert first.articles_coded == 10
    with pytest.raises(StoreError) as failed:
        ingest(["unused"], db, coder=fake_coder, reader=reader_of(many_articles(10, 400)),
               batch_size=5)
    message = str(failed.value)
    assert message.startswith(f"{db}: cannot write to the event store: the disk is full")
    assert "everything stored before is kept" in message and "this run stored" in message
    assert "\n" not in message
    stored = int(message.split("this run stored ")[1].split()[0].replace(",", ""))
    # room again: the store opens with every committed article, and a rerun completes the rest
    moved = shutil.move(str(db), str(small_disk.parent / "full.duckdb"))
    wal = small_disk / "full.duckdb.wal"
    if wal.exists():
        shutil.move(str(wal), str(small_disk.parent / "full.duckdb.wal"))
    assert articles_in(Path(moved)) == 10 + stored
    rerun = ingest(["unused"], moved, coder=fake_coder, reader=reader_of(many_articles(0, 410)))
    assert (rerun.unchanged, rerun.articles_coded) == (10 + stored, 400 - stored)
    assert articles_in(Path(moved)) == 410


def fill(folder: Path) -> None:
    with (folder / "filler").open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass  # no space left


def test_a_new_store_on_a_full_disk_is_one_message(app: typer.Typer, inputs: Path, small_disk: Path) -> None:
    fill(small_disk)
    refused(app, inputs, small_disk / "new.duckdb", "the disk is full")


# --- a read-only store --------------------------------------------------------------------------


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "ro.duckdb"
    build(db)
    if os.geteuid() != 0:
        db.chmod(0o444)
        yield db
        db.chmod(0o644)
        return
    locked = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if locked.returncode != 0:
        pytest.skip(f"cannot make a file read-only for root here: {locked.stderr.strip()}")
    try:
        yield db
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)


def test_a_read_only_store_is_one_message_and_still_readable(
        app: typer.Typer, inputs: Path, read_only_store: Path) -> None:
    before = digest(read_only_store)
    line = refused(app, inputs, read_only_store, "the event store cannot be written")
    assert "the reading commands (summary, dyad, export) open it read-only" in line
    summary = runner.invoke(app, ["summary", "--db", str(read_only_store), "--format", "json"])
    assert summary.exit_code == 0 and json.loads(summary.stdout)["counts"]["articles"] == 3
    assert digest(read_only_store) == before


# --- damaged files, other databases, newer stores ----------------------------------------------


def _garbage(db: Path) -> None:
    db.write_bytes(os.urandom(300_000))


def _damaged_header(db: Path) -> None:
    build(db)
    data = bytearray(db.read_bytes())
    data[5000:9000] = os.urandom(4000)  # inside DuckDB's first header block: its checksum fails
    db.write_bytes(bytes(data))


def _truncated(db: Path) -> None:
    build(db)
    db.write_bytes(db.read_bytes()[:20_000])


def _other_database(db: Path) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE sales (day DATE, amount DOUBLE)")


def _newer_eventwire(db: Path) -> None:
    build(db)
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE future (x INTEGER)")
        con.execute("INSERT INTO migrations VALUES ('099_from_the_future', now())")


@pytest.mark.parametrize("make, words", [
    (_garbage, "not an event store (the file is not a DuckDB database)"),
    (_damaged_header, "the event store file is damaged (Corrupt database file)"),
    (_truncated, "the event store file is damaged (Could not read enough bytes)"),
    (_other_database, "not an event store: the database holds other tables (sales)"),
    (_newer_eventwire, "written by a newer eventwire (it has schema migration '099_from_the_future'"),
], ids=["garbage", "damaged header", "truncated", "another database", "newer eventwire"])
def test_a_store_eventwire_must_not_write_is_refused_and_left_as_it_was(
        app: typer.Typer, inputs: Path, tmp_path: Path, make, words: str) -> None:
    db = tmp_path / "store.duckdb"
    make(db)
    before = digest(db)
    refused(app, inputs, db, words)
    assert digest(db) == before
    assert not (tmp_path / "store.duckdb.wal").exists()


def test_a_newer_store_can_still_be_read(app: typer.Typer, tmp_path: Path) -> None:
    db = tmp_path / "newer.duckdb"
    _newer_eventwire(db)
    summary = runner.invoke(app, ["summary", "--db", str(db), "--format", "json"])
    assert summary.exit_code == 0 and json.loads(summary.stdout)["counts"]["articles"] == 3


def test_store_error_names_the_file_in_the_library_too(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    _garbage(db)
    with pytest.raises(StoreError, match=rf"^{db}: cannot open the event store: not an event store"):
        Store(db)
