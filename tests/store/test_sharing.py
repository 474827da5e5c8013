"""A writer and readers in other processes take turns at one store file (eventwire.store.sharing).

Each test holds the file from a second process (DuckDB's lock is per process) and checks what the
user of the other side sees: a reader gets in between batches, a writer gets in after readers let
go, a second writer is told at once that the store is being written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.store import Store, sharing

# A writer that writes a row, offers the file to waiting readers, "codes" for a while, and
# writes again: as ingest does between batches.
WRITER = """
import sys, time
from eventwire.store import Store
store = Store(sys.argv[1])
store.con.execute("CREATE TABLE IF NOT EXISTS rows_written (i INT)")
print("open", flush=True)
for i in range(int(sys.argv[2])):
    store.con.execute("INSERT INTO rows_written VALUES (?)", [i])
    store.yield_to_readers()
    time.sleep(float(sys.argv[3]))
store.close()
print("done", flush=True)
"""

# A reader that holds the file for a while without taking part in the turns.
HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("open", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def start(code: str, *args: object) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", code, *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "open", process.stderr.read()  # type: ignore[union-attr]
    return process


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "shared.duckdb"
    Store(path).close()
    return path


def test_a_reader_gets_in_while_the_writer_codes(store_file: Path) -> None:
    writer = start(WRITER, store_file, 5, 0.25)
    try:
        con = sharing.open_in_turn(str(store_file), read_only=True, wait=10, connect=lambda:
                                   duckdb.connect(str(store_file), read_only=True))
        seen = con.execute("SELECT count(*) FROM rows_written").fetchone()[0]
        con.close()  # let the writer have it back
        assert 1 <= seen < 5  # in the middle of the run, what was committed so far
        assert sharing.waiting(store_file, "readers")  # the reader said it is around
    finally:
        out, err = writer.communicate(timeout=30)
    assert writer.returncode == 0, err
    assert "done" in out


def test_the_writer_takes_the_file_back_after_readers_let_go(store_file: Path) -> None:
    reader = start(HOLDER, store_file, "ro", 1.0)
    began = time.monotonic()
    with Store(store_file, lock_wait=20) as store:  # waits for the reader, then writes
        waited = time.monotonic() - began
        store.con.execute("CREATE TABLE t AS SELECT 1 AS x")
    reader.wait(timeout=10)
    assert waited >= 0.5
    with duckdb.connect(str(store_file), read_only=True) as con:
        assert con.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_a_second_writer_is_told_at_once(store_file: Path) -> None:
    other = start(HOLDER, store_file, "rw", 5.0)
    try:
        began = time.monotonic()
        with pytest.raises(sharing.StoreLocked, match="is writing this store") as caught:
            Store(store_file, lock_wait=20)
        assert time.monotonic() - began < 10  # not the 20 s it would wait for readers
        assert caught.value.holder == other.pid
    finally:
        other.kill()
        other.wait()


def test_a_writer_letting_readers_in_still_keeps_out_a_second_writer(store_file: Path) -> None:
    sharing.signal(store_file, "readers")  # a reader waits: the writer yields at once
    writer = start(WRITER, store_file, 2, 1.0)
    try:
        time.sleep(0.5)  # the writer is "coding", the file closed for readers
        with pytest.raises(sharing.StoreLocked, match="is writing this store"):
            Store(store_file, lock_wait=20)
    finally:
        out, err = writer.communicate(timeout=30)
    assert writer.returncode == 0, err  # and it took the file back for its second batch


def test_a_marker_left_by_a_dead_process_is_ignored(store_file: Path) -> None:
    sharing.signal(store_file, "readers")
    assert sharing.waiting(store_file, "readers")
    old = time.time() - sharing.STALE_AFTER - 1
    os.utime(sharing.marker(store_file, "readers"), (old, old))
    assert not sharing.waiting(store_file, "readers")
    with Store(store_file) as store:
        assert not store.yield_to_readers()  # nobody waits: the writer keeps the file


def test_without_waiting_readers_the_writer_keeps_the_file(store_file: Path) -> None:
    with Store(store_file) as store:
        con = store.con
        assert not store.yield_to_readers()
        assert store.con is con
