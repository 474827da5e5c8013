"""One writer and its readers take turns at a store file: how an ingest and a dashboard share it.

DuckDB lets one process write a file and locks it against every other process, readers included,
while a reader's lock keeps a writer out. So the two take turns, each telling the other with a
marker file beside the store, touched while it lasts:

* ``<store>.readers``: readers are around (``eventwire serve`` touches it every second while it
  runs, and while it waits for the file). A writer that finds it fresh
  (``Store.yield_to_readers``, which ingest calls before it codes a batch, the long part of a
  batch) closes the file, and opens it again to write the batch.
* ``<store>.writer-waiting``: a writer found the file held by readers. A reader that takes part
  (``eventwire.web.readers.ReadPool``) lets its running queries end, closes the file and opens it
  again only once the writer has it.

A marker not touched for ``STALE_AFTER`` seconds was left by a process that stopped: it is
ignored. A writer meeting another writer fails at once (two ingests must not interleave their
batches); a writer that has let readers in holds ``<store>.writer-turn`` (a ``flock``) so that no
second writer slips in meanwhile.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
from pathlib import Path
from typing import Callable, Literal

import duckdb

from eventwire.errors import StoreError

log = logging.getLogger(__name__)

Role = Literal["readers", "writer"]

STALE_AFTER = 5.0  # seconds: a waiting owner touches its marker every POLL
POLL = 0.02


class StoreLocked(StoreError):
    """The store is held by another process for longer than the caller would wait."""

    def __init__(self, message: str, holder: int | None = None) -> None:
        super().__init__(message)
        self.holder = holder


MARKERS = {"readers": "readers", "writer": "writer-waiting"}


def marker(path: str | Path, role: Role) -> Path:
    return Path(f"{path}.{MARKERS[role]}")


def signal(path: str | Path, role: Role) -> None:
    """Tell the other side (touch the marker); a store in a read-only folder cannot."""
    try:
        marker(path, role).write_text(str(os.getpid()))
    except OSError:
        log.debug("cannot write %s", marker(path, role), exc_info=True)


def waiting(path: str | Path, role: Role) -> bool:
    """Whether the other side has touched its marker lately (readers: are around; the writer:
    waits for the file)."""
    try:
        return time.time() - marker(path, role).stat().st_mtime < STALE_AFTER
    except OSError:
        return False


def clear(path: str | Path, role: Role) -> None:
    try:
        marker(path, role).unlink(missing_ok=True)
    except OSError:
        log.debug("cannot remove %s", marker(path, role), exc_info=True)


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and "Could not set lock" in str(exc)


def holder_pid(exc: BaseException) -> int | None:
    """The process DuckDB names as holding the lock, when it does."""
    found = re.search(r"\(PID (\d+)\)", str(exc))
    return int(found.group(1)) if found else None


def _held_by_readers(path: str) -> bool:
    """Whether the lock a writer met is readers' (a read-only open still succeeds)."""
    try:
        duckdb.connect(path, read_only=True).close()
        return True
    except duckdb.Error:
        return False


def open_in_turn(path: str, *, read_only: bool, wait: float,
                 connect: Callable[[], duckdb.DuckDBPyConnection],
                 my_turn: bool = False) -> duckdb.DuckDBPyConnection:
    """``connect()``, asking the holder of the file for it and retrying for up to ``wait``
    seconds; raises ``StoreLocked`` after that, or at once when a writer meets another writer
    (``my_turn``: the caller is a writer coming back from letting readers in)."""
    role: Role = "readers" if read_only else "writer"
    deadline = time.monotonic() + wait
    if not read_only and not my_turn and writer_turn_taken(path):
        raise StoreLocked(f"{path}: another process is writing this store (one ingest at a "
                          "time); wait for it to finish")
    try:
        while True:
            try:
                return connect()
            except duckdb.Error as exc:
                if not is_lock_error(exc):
                    raise
                _check_turn(path, exc, read_only, deadline, my_turn)
            signal(path, role)
            time.sleep(POLL)
    finally:
        if not read_only:  # the readers' marker says they are around: it stays
            clear(path, role)


def _check_turn(path: str, exc: duckdb.Error, read_only: bool, deadline: float,
                my_turn: bool) -> None:
    pid = holder_pid(exc)
    who = f"process {pid}" if pid else "another process"
    other_writer = not my_turn and writer_turn_taken(path)
    if not read_only and (other_writer or not _held_by_readers(path)):
        raise StoreLocked(f"{path}: {who} is writing this store (one ingest at a time); "
                          "wait for the other ingest to finish, or ingest into another --db", pid) from None
    if time.monotonic() > deadline:
        doing = "reading" if not read_only else "writing"
        raise StoreLocked(f"{path}: the store is busy: {who} has been {doing} it and did not "
                          "let go; try again later", pid) from None


class WriterTurn:
    """Held by a writer while it has let readers in: a second writer sees the store is taken."""

    def __init__(self, path: str) -> None:
        self.path = f"{path}.writer-turn"
        self._fd: int | None = None

    def take(self) -> None:
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # a read-only folder, or taken: the DuckDB lock still guards writes
                self.give_back()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def give_back(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None


def writer_turn_taken(path: str) -> bool:
    """Whether a writer of this store (another process) is letting readers in right now."""
    try:
        fd = os.open(f"{path}.writer-turn", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)
