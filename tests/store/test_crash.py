"""SIGKILL of a real ingest at a random point, then the same command again: the store (or the
Parquet shards, once loaded) equals a clean run's: every event and cluster, none lost or twice.

Three ingests, each in a process of its own: coding in the process, coding on a local Dask
cluster of two workers, and Parquet shards written by two Dask workers. Each seed picks where
the kill falls: after a random number of coded articles, plus a random pause, so it lands
anywhere in the next chunk (sorting, coding, writing, clustering, a shard half written).
``make test`` runs one seed per ingest; ``make soak`` sets EVENTWIRE_CRASH_SEEDS=20.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from crash_ingest import BATCH
from store_fakes import snapshot

from eventwire.store.load import load

SCRIPT = Path(__file__).with_name("crash_ingest.py")
N = 400
SEEDS = int(os.environ.get("EVENTWIRE_CRASH_SEEDS", "1"))
MODES = ["process", "dask", "parquet"]


def run(mode: str, target: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), mode, str(target), str(N)],
                            stdout=subprocess.PIPE, text=True)


def finish(mode: str, target: Path) -> dict[str, list]:
    """Run to the end; what a user then reads (a Parquet folder through ``load``)."""
    rerun = subprocess.run([sys.executable, str(SCRIPT), mode, str(target), str(N)],
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0 and rerun.stdout.strip().endswith("done"), rerun.stderr[-2000:]
    if mode != "parquet":
        return snapshot(target)
    load(str(target), target.with_suffix(".duckdb"))
    return snapshot(target.with_suffix(".duckdb"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """A clean run, coded in the process: every ingest must end with what it stored."""
    return finish("process", tmp_path_factory.mktemp("clean") / "process")


def kill_when(proc: subprocess.Popen, coded: int, pause: float) -> None:
    """SIGKILL the ingest ``pause`` seconds after it reports ``coded`` articles or more."""
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("coded") and int(line.split()[1]) >= coded:
            time.sleep(pause)
            workers = psutil.Process(proc.pid).children(recursive=True)
            os.kill(proc.pid, signal.SIGKILL)
            psutil.wait_procs(workers, timeout=60)  # its Dask workers stop once it is gone
            break
    proc.wait()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(SEEDS))
@pytest.mark.parametrize("mode", MODES)
def test_sigkill_at_a_random_point_then_rerun_equals_a_clean_run(
        mode: str, seed: int, clean: dict[str, list], tmp_path: Path) -> None:
    rng = random.Random(f"{mode}-{seed}")
    target = tmp_path / mode
    proc = run(mode, target)
    kill_when(proc, coded=rng.randrange(1, N - 4 * BATCH), pause=rng.uniform(0, 0.05))
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    resumed = finish(mode, target)
    assert resumed["events"] and resumed["clusters"]
    for table in ("events", "clusters", "articles", "mentions", "quotes", "log"):
        assert resumed[table] == clean[table], f"{table} differ from a clean run's"
