"""What went wrong with the store file, as one clear message: DuckDB's errors translated.

DuckDB says "IO Error: Could not set lock on file ... Conflicting lock is held in ... (PID 812)";
a user needs to hear that another ingest is writing to this store and what to do. Each fault is
one row of ``FAULTS`` (a pattern of DuckDB's message and the explanation), tried in order; an
error none of them matches keeps DuckDB's own words. In every case the store keeps what was
committed before: a batch is one transaction, written whole or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import duckdb

from eventwire.errors import StoreError

Explain = Callable[[re.Match[str]], str]

FAULTS: tuple[tuple[str, Explain], ...] = (
    (r"Conflicting lock is held in .*?\(PID (\d+)\)",
     lambda m: f"the event store is in use by another process (PID {m.group(1)}), and DuckDB lets "
               "one process open a store for writing at a time: wait for the other ingest to "
               "finish, or ingest into another --db"),
    (r"No space left on device|Disk quota exceeded|File too large",
     lambda m: f"the disk is full ({m.group(0).lower()}): nothing of the batch being written was "
               "stored, and everything stored before is kept; free some space and rerun (stored "
               "articles are skipped)"),
    (r"Read-only file system|Permission denied|Operation not permitted",
     lambda m: f"the event store cannot be written ({m.group(0).lower()}): ingest needs a store "
               "it can write; the reading commands (summary, dyad, export) open it read-only"),
    (r"not a valid DuckDB database file",
     lambda m: "not an event store (the file is not a DuckDB database); eventwire leaves it as it "
               "is: give --db another file name"),
    (r"version number|newer version|created with a newer|unsupported storage version",
     lambda m: "the event store was written by a newer DuckDB than this eventwire's; upgrade "
               "eventwire to use it (the file is left as it is)"),
    (r"Corrupt database file|checksum|Could not read enough bytes|database has been invalidated",
     lambda m: f"the event store file is damaged ({m.group(0)}); eventwire leaves it as it is: "
               "restore it from a backup, or ingest into another --db"),
)


def store_error(path: str, exc: duckdb.Error | OSError, doing: str) -> StoreError:
    """One StoreError naming the store and saying what went wrong and what to do."""
    message = str(exc)
    for pattern, explain in FAULTS:
        match = re.search(pattern, message, re.IGNORECASE)
        if match:
            return StoreError(f"{path}: cannot {doing} the event store: {explain(match)}")
    first_line = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return StoreError(f"{path}: cannot {doing} the event store ({first_line})")
