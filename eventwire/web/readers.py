"""Read-only connections for the server's requests, given up to an ingest when it asks for the file.

One read-only DuckDB database serves every request, each on a cursor of its own (a DuckDB
connection is not shared between threads), and stays open between requests. When a writer asks for
the file (``sharing.waiting(path, "writer")``, see ``eventwire.store.sharing``), no new cursor is
handed out, the running queries end and the database is closed; the next request opens it again
once the writer has let go between two batches, waiting up to ``wait`` seconds for that. A
request that cannot get the store in that time fails with ``StoreLocked`` (a 503 for the user).

``generation`` counts the opens: what was read under one generation holds until the next (only a
writer changes the store, and it cannot while this pool has the file open).
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from eventwire.errors import StoreError
from eventwire.store import MIGRATIONS, sharing

log = logging.getLogger(__name__)

WATCH_EVERY = 0.05  # seconds between two looks for a waiting writer while no request runs
PRESENT_EVERY = 1.0  # seconds between two touches of the readers' marker


class StoreMissing(StoreError):
    """No file at the store's path."""


class ReadPool:
    """Cursors on one read-only database, shared with an ingest by taking turns."""

    def __init__(self, path: str | Path, *, wait: float = 30.0) -> None:
        self.path = str(path)
        self.wait = wait
        self.generation = 0
        self._db: duckdb.DuckDBPyConnection | None = None
        self._active = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._start_watching()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of its own for one request (raises ``StoreError`` and its kinds)."""
        con = self._acquire()
        try:
            yield con
        finally:
            con.close()
            self._release()

    def close(self) -> None:
        """Close the file and stop watching (a later request opens it again)."""
        self._stop.set()
        with self._cond:
            self._close()
        sharing.clear(self.path, "readers")

    def _start_watching(self) -> None:
        if self._watcher is not None and self._watcher.is_alive() and not self._stop.is_set():
            return
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, args=(self._stop,), daemon=True,
                                         name="eventwire-store-watch")
        self._watcher.start()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait
        with self._cond:
            while sharing.waiting(self.path, "writer"):
                self._close_if_idle()
                if time.monotonic() > deadline:
                    raise sharing.StoreLocked(f"{self.path}: an ingest is writing the store; "
                                              "try again in a few seconds")
                self._cond.wait(sharing.POLL)
            if self._db is None:
                self._start_watching()
                self._open(max(deadline - time.monotonic(), 0.0))
            assert self._db is not None
            self._active += 1
            return self._db.cursor()

    def _release(self) -> None:
        with self._cond:
            self._active -= 1
            self._close_if_idle()
            self._cond.notify_all()

    def _close_if_idle(self) -> None:
        if self._active == 0 and self._db is not None and sharing.waiting(self.path, "writer"):
            self._close()
            log.debug("%s: closed for a writer", self.path)

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self, wait: float) -> None:
        if not Path(self.path).is_file():
            raise StoreMissing(f"{self.path}: no event store here (create one with "
                               f"`eventwire ingest FILES --db {self.path}` or "
                               f"`eventwire demo --db {self.path}`)")
        try:
            db = sharing.open_in_turn(self.path, read_only=True, wait=wait, connect=lambda:
                                      duckdb.connect(self.path, read_only=True))
        except sharing.StoreLocked:
            raise
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the event store ({exc})") from None
        try:
            check_schema(db, self.path)
        except StoreError:
            db.close()
            raise
        self._db = db
        self.generation += 1

    def _watch(self, stop: threading.Event) -> None:
        """Give the file up to a waiting writer even when no request runs, and tell writers
        that readers are around (so an ingest lets go of the file while it codes)."""
        touched = 0.0
        while not stop.wait(WATCH_EVERY):
            if time.monotonic() - touched > PRESENT_EVERY:
                sharing.signal(self.path, "readers")
                touched = time.monotonic()
            with self._cond:
                self._close_if_idle()


def check_schema(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """The file is an eventwire store of this version (its migrations are the ones we know)."""
    try:
        applied = {name for (name,) in con.execute("SELECT name FROM migrations").fetchall()}
    except duckdb.Error:
        raise StoreError(f"{path}: not an eventwire event store (no migrations table)") from None
    known = [name for name, _ in MIGRATIONS]
    if applied - set(known):
        raise StoreError(f"{path}: made by a newer eventwire (migrations "
                         f"{', '.join(sorted(applied - set(known)))}); upgrade eventwire")
    missing = [name for name in known if name not in applied]
    if missing:
        raise StoreError(f"{path}: made by an older eventwire; open it once for writing "
                         f"(`eventwire ingest --db {path}` with any input) to upgrade it")
