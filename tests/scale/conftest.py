"""Fixtures for the Dask tests: the store's fakes on the path (the workers import them too:
spawned worker processes inherit sys.path), and a check that no worker process outlives a test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

HERE = Path(__file__).parent
for folder in (HERE, HERE.parent / "store"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def dask_workers() -> list[psutil.Process]:
    """Worker processes started by distributed (spawned, so their command line says so)."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


@pytest.fixture
def no_leaked_workers() -> Iterator[None]:
    before = {p.pid for p in dask_workers()}
    yield
    leaked = [p for p in dask_workers() if p.pid not in before]
    _, alive = psutil.wait_procs(leaked, timeout=60)  # a closing nanny may need a moment (slow under load)
    assert not alive, f"Dask worker processes left running: {[p.pid for p in alive]}"


@pytest.fixture(scope="session")
def cluster() -> Iterator[object]:
    """One local cluster of two workers (as ``DaskRunner(workers=2)`` starts them), reached by
    its address like a user's cluster; its workers keep their pipelines between tests."""
    from eventwire.scale.cluster import start_local

    local = start_local(2)
    yield local
    local.close()
