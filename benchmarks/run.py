"""`make bench`: eventwire's coding speed against the bare spaCy pipeline it builds on, peak memory,
and the store benchmarks (benchmarks/store_bench.py).

In one process: 120 news articles (paragraphs of the bundled samples recombined into distinct
texts of news length) go first through the bare spaCy pipeline (``load_base()``, ``nlp.pipe``),
then through ``eventwire.code_many`` (cleaning, parse, actors, events, dates, places, quotes, to
Event records). Both are warmed up first. Targets: eventwire keeps >= 0.75 of the bare words/s;
peak RSS < 1 GB.

    python benchmarks/run.py [--quick] [--articles N] [--processes N]

--quick skips the 10M-event store (write throughput is still measured); --processes N also times
``code_many(n_process=N)`` (its workers' memory is not in the peak RSS figure).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import eventwire  # noqa: E402
from eventwire.ingest import read_inputs, samples_dir  # noqa: E402
from eventwire.model import Article  # noqa: E402
from eventwire.nlp.pipeline import load_base  # noqa: E402

ARTICLES = 120
PARAGRAPHS = (10, 18)  # per article: ~400-700 words, the length of a wire story
WARMUP = 5
TARGET_RATIO = 0.75
TARGET_RSS_MB = 1024


def sample_paragraphs() -> list[tuple[str, Article]]:
    """Every paragraph of the bundled samples with the article it came from."""
    found = []
    for item in read_inputs([samples_dir()]):
        if isinstance(item, Article):
            found.extend((p.strip(), item) for p in item.text.split("\n\n") if len(p.split()) >= 8)
    if not found:
        raise SystemExit("no sample articles found: is the package installed with its data?")
    return found


def build_articles(n: int, seed: int = 13) -> list[dict[str, Any]]:
    """``n`` distinct articles, each a random draw of sample paragraphs, dated like its first one."""
    pool = sample_paragraphs()
    rng = random.Random(seed)
    articles, seen = [], set()
    while len(articles) < n:
        picked = rng.sample(pool, min(rng.randint(*PARAGRAPHS), len(pool)))
        text = "\n\n".join(p for p, _ in picked)
        if text in seen:
            continue
        seen.add(text)
        first = picked[0][1]
        articles.append({"id": f"bench-{len(articles)}", "text": text,
                         "date": first.published.isoformat() if first.published else None})
    return articles


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def bench_bare(texts: list[str]) -> float:
    nlp = load_base()
    list(nlp.pipe(texts[:WARMUP]))
    seconds, _ = timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    return seconds


def bench_eventwire(articles: list[dict[str, Any]], n_process: int = 1) -> tuple[float, int]:
    list(eventwire.code_many(articles[:WARMUP]))
    seconds, docs = timed(lambda: list(eventwire.code_many(articles, n_process=n_process)))
    return seconds, sum(len(d.events) for d in docs)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                             text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE,
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def show(name: str, value: Any, note: str = "") -> None:
    print(f"{name:44s} {value}{'  ' + note if note else ''}")


def coding_benchmark(n: int, processes: int) -> None:
    articles = build_articles(n)
    words = sum(len(a["text"].split()) for a in articles)
    show("articles", f"{len(articles)} ({words:,} words, {words // len(articles)} per article)")
    bare = bench_bare([a["text"] for a in articles])
    ours, events = bench_eventwire(articles)
    ratio = bare / ours
    show("bare spaCy words/s", f"{words / bare:,.0f}")
    show("eventwire code_many words/s", f"{words / ours:,.0f}", f"({events} events)")
    show("ratio eventwire / bare", f"{ratio:.2f}", f"target >= {TARGET_RATIO} {'ok' if ratio >= TARGET_RATIO else 'MISSED'}")
    rss = peak_rss_mb()
    show("peak RSS MB (coding)", f"{rss:,.0f}", f"target < {TARGET_RSS_MB} {'ok' if rss < TARGET_RSS_MB else 'MISSED'}")
    if processes > 1:
        seconds, _ = bench_eventwire(articles, n_process=processes)
        show(f"eventwire code_many n_process={processes} words/s", f"{words / seconds:,.0f}")


def store_benchmark(quick: bool) -> None:
    import store_bench

    if quick:
        with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
            results = store_bench.bench_write(Path(tmp))
        show("store", "dyad latency over 10M events skipped (--quick)")
    else:
        results = store_bench.run()
    for key, value in results.items():
        show(key, value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10M-event store benchmark")
    parser.add_argument("--articles", type=int, default=ARTICLES, help="articles to code (>= 100 for the target)")
    parser.add_argument("--processes", type=int, default=1, help="also time code_many(n_process=N)")
    args = parser.parse_args(argv)
    show("commit", git_commit())
    show("python / spaCy", f"{sys.version.split()[0]} / {__import__('spacy').__version__}")
    coding_benchmark(args.articles, args.processes)
    store_benchmark(args.quick)
    show("peak RSS MB (whole run)", f"{peak_rss_mb():,.0f}")


if __name__ == "__main__":
    main()
