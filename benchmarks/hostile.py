"""Figures of the hostile corpus (tests/ingest/hostile_corpus.py) for `make soak`: ingested at once
through the command line, then each input read and each article coded alone to find the slowest.

Prints: tracebacks seen by the user, good articles stored (of those expected), inputs failed,
peak memory (max RSS of the ingest process), wall time, the slowest input to read and the
slowest article to code. Usage: python benchmarks/hostile.py [--scale quick|soak]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "ingest"))

from hostile_corpus import STORED, build  # noqa: E402

GOOD_JSONL_LINES = (1, 5, 6, 8)  # the good lines of jsonl/mixed.jsonl (an entry of mixed lines)


def good_origins(corpus: Path, entries: list) -> set[str]:
    good = {str(corpus / e.name) for e in entries if e.expect == STORED}
    return good | {f"{corpus / 'jsonl' / 'mixed.jsonl'}:{n}" for n in GOOD_JSONL_LINES}


def ingest_once(corpus: Path, db: Path, good: set[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db)],
                            capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        coded = [o for (o,) in con.execute("SELECT origin FROM ingest_log WHERE status = 'coded'").fetchall()]
        failed = con.execute("SELECT count(*) FROM ingest_log WHERE status = 'failed'").fetchone()[0]
    stored_good = sum(any(o == g or o.startswith(f"{g}:") for o in coded) for g in good)
    return {"exit code": result.returncode, "tracebacks": (result.stdout + result.stderr).count("Traceback"),
            "good articles stored": stored_good, "good articles lost": len(good) - stored_good,
            "articles stored in all": len(coded), "inputs failed": failed,
            "seconds": round(elapsed, 1), "peak RSS MB": round(peak_mb)}


def slowest(corpus: Path) -> dict[str, object]:
    from eventwire.coding import Coder
    from eventwire.ingest import read_inputs
    from eventwire.model import Article

    reads, articles = [], []
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        start = time.perf_counter()
        items = list(read_inputs([path]))
        reads.append((time.perf_counter() - start, path.relative_to(corpus)))
        articles += [i for i in items if isinstance(i, Article)]
    coder, codes = Coder(), []
    next(coder.code_articles([Article("Russia warned NATO on Monday.")]))  # lazy tables load here, untimed
    for article in articles:
        start = time.perf_counter()
        try:
            next(coder.code_articles([article]))
        except Exception as exc:  # noqa: BLE001  (reported, as the ingest reports it)
            print(f"coding failed: {article.origin}: {type(exc).__name__}", file=sys.stderr)
        codes.append((time.perf_counter() - start, article.origin))
    read_s, read_what = max(reads)
    code_s, code_what = max(codes)
    return {"slowest read": f"{read_s:.1f} s ({read_what})",
            "slowest coding": f"{code_s:.2f} s ({Path(str(code_what)).relative_to(corpus)})"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="soak", choices=["quick", "soak"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        entries = build(corpus, args.scale)
        good = good_origins(corpus, entries)
        figures = {"inputs": len(entries), "good articles expected": len(good),
                   **ingest_once(corpus, Path(tmp) / "hostile.duckdb", good), **slowest(corpus)}
    for key, value in figures.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
