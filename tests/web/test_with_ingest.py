"""The dashboard keeps answering while ``eventwire ingest`` writes the same store: both run as a
user runs them (two processes), clients read all the while, and not one request fails.

This is the quick version of the load test (``make soak`` runs 50 clients for 30 s and reports
latency and memory); it asserts what a user would notice, never a timing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
from live_server import LiveServer

from eventwire.ingest import samples_dir
from eventwire.store import Store

READS = ["/api/events?limit=50&source=USA", "/api/summary", "/api/dyad?source=USA&target=RUS",
         "/api/health", "/", "/events?quad=4", "/api/network", "/api/quotes?speaker=a"]
CLIENTS = 4


def read_until(url: str, stop: threading.Event, seen: list[tuple[str, int]],
               events: list[int]) -> None:
    number = 0
    while not stop.is_set():
        path = READS[number % len(READS)]
        number += 1
        try:
            with urllib.request.urlopen(url + path, timeout=60) as response:
                body = response.read()
                seen.append((path, response.status))
                if path == "/api/health":
                    events.append(json.loads(body)["events"])
        except urllib.error.HTTPError as exc:
            seen.append((f"{path}: {exc.read()[:200]!r}", exc.code))
        except OSError as exc:
            seen.append((f"{path}: {exc}", 0))


def test_reads_go_on_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    Store(db).close()
    with LiveServer(db) as server:
        stop = threading.Event()
        seen: list[tuple[str, int]] = []
        counts: list[int] = []
        clients = [threading.Thread(target=read_until, args=(server.url, stop, seen, counts))
                   for _ in range(CLIENTS)]
        for client in clients:
            client.start()
        ingest = subprocess.run(
            [sys.executable, "-m", "eventwire", "ingest", str(samples_dir()), "--db", str(db),
             "--batch-size", "2"], capture_output=True, text=True, timeout=600)
        time.sleep(1)  # and some reads after it
        stop.set()
        for client in clients:
            client.join(60)
        with urllib.request.urlopen(server.url + "/api/health") as response:
            final = json.load(response)["events"]
    assert ingest.returncode == 0, ingest.stderr
    failed = [(path, status) for path, status in seen if status != 200]
    assert failed == [], failed[:5]
    assert len(seen) > 2 * len(READS)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
    assert final == stored > 0
    assert counts == sorted(counts)  # the server never saw the store go back
