"""`make soak`, the server's part: 50 clients for 30 s while an ingest writes the same store.

The store starts with the bundled samples; ``eventwire serve`` reads it; ``eventwire ingest``
(its own process) codes a corpus of distinct news-length articles made from the samples'
paragraphs (as ``make bench`` makes them) into it, batch by batch; meanwhile
``benchmarks/serve_load.py`` (a third process) runs 50 clients that do what dashboard users do
(pages, event lists, dyad series, summaries). Reported: requests, failed requests (the target is
none), p50/p95 latency, the server's RSS sampled every second (first, highest, last: flat means the
last is near the first), and whether the ingest was still writing when the load ended. Exits 1 if
any request failed or the ingest failed.

    python benchmarks/serve_soak.py [--clients 50] [--seconds 30] [--articles 400]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "web"))

from eventwire.ingest import samples_dir  # noqa: E402


def write_corpus(path: Path, n: int) -> None:
    from run import build_articles  # the same distinct articles make bench codes

    with path.open("w", encoding="utf-8") as out:
        for number, article in enumerate(build_articles(n, seed=29)):
            article["id"] = f"soak-{number}"
            out.write(json.dumps(article) + "\n")


def sample_rss(pid: int, stop: threading.Event, samples: list[float]) -> None:
    process = psutil.Process(pid)
    while not stop.wait(1.0):
        samples.append(process.memory_info().rss / 2**20)


def eventwire(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", *args]


def main(argv: list[str] | None = None) -> int:
    from live_server import LiveServer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-soak-") as tmp:
        db, corpus = Path(tmp) / "soak.duckdb", Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        subprocess.run(eventwire("ingest", str(samples_dir()), "--db", str(db)), check=True,
                       capture_output=True)
        with LiveServer(db, "--coders", "0") as server:
            ingest = subprocess.Popen(eventwire("ingest", str(corpus), "--db", str(db),
                                                "--batch-size", "16"),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(3)  # the ingest has the store and is coding its first batch
            stop, rss = threading.Event(), []
            sampler = threading.Thread(target=sample_rss, args=(server.pid(), stop, rss))
            sampler.start()
            load = subprocess.run([sys.executable, str(HERE / "serve_load.py"), server.url,
                                   "--clients", str(args.clients), "--seconds",
                                   str(args.seconds), "--kind", "mixed"],
                                  capture_output=True, text=True, check=True)
            still_writing = ingest.poll() is None
            stop.set()
            sampler.join()
            out, err = ingest.communicate(timeout=3600)
        final = stored_events(db)
        result = json.loads(load.stdout)
    print(f"soak: {args.clients} clients x {result['seconds']} s during an ingest "
          f"(still writing when the load ended: {still_writing})")
    print(f"  requests {result['requests']:,}, failed {result['failures']}, "
          f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms, "
          f"load process CPU {result['load_cpu_cores']} cores")
    for example in result["failure_examples"]:
        print(f"  failed: {example}")
    every5 = ", ".join(f"{mb:.0f}" for mb in rss[::5])
    print(f"  server RSS MB: first {rss[0]:.0f}, highest {max(rss):.0f}, last {rss[-1]:.0f}; "
          f"every 5 s: {every5}")
    print(f"  ingest exit {ingest.returncode}: {out.strip() or err.strip()[-300:]}; "
          f"events in the store {final:,}")
    return 0 if result["failures"] == 0 and ingest.returncode == 0 else 1


def stored_events(db: Path) -> int:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
