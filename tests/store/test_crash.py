"""Crash safety with a real process: SIGKILL mid-ingest, rerun, every article once, complete."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from crash_ingest import text_of

from eventwire.store import Store, content_key

SCRIPT = Path(__file__).with_name("crash_ingest.py")
N = 1500


def start(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), str(db), str(N)],
                            stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [30, 160])
def test_sigkill_then_rerun_stores_each_article_once(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "crash.duckdb"
    proc = start(db)
    for line in proc.stdout:  # type: ignore[union-attr]
        if line.startswith("coded") and int(line.split()[1]) >= kill_after:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    rerun = subprocess.run([sys.executable, str(SCRIPT), str(db), str(N)], capture_output=True,
                           text=True, check=True)
    assert rerun.stdout.strip().endswith("done")
    with Store(db) as store:
        per_article = dict(store.con.execute(
            "SELECT a.id, count(e.event_id) FROM articles a LEFT JOIN events e ON e.article_id = a.id"
            " GROUP BY a.id").fetchall())
        mentions = store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM article_mentions").fetchall()[0]
        unclustered = store.con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchall()[0][0]
    expected = {content_key(text_of(i)): 1 + i % 3 for i in range(N)}
    assert per_article == expected  # each article exactly once, with all its events
    assert mentions == (N, N) and unclustered == 0
