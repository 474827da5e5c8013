"""`make bench`: eventwire's coding speed against the bare spaCy pipeline it builds on, peak memory,
and the store benchmarks (benchmarks/store_bench.py).

In one process: 120 news articles (paragraphs of the bundled samples recombined into distinct
texts of news length) go first through the bare spaCy pipeline (``load_base()``, ``nlp.pipe``),
then through ``eventwire.code_many`` (cleaning, parse, actors, events, dates, places, quotes, to
Event records): the same texts, the same spaCy components and the same ``nlp.pipe`` batch size.
Both are warmed up first, then timed ``--rounds`` times each, interleaved and alternating which
goes first, so that a change in the machine's load hits both alike: the ratio is the median of
the rounds' ratios (each from a bare run and an eventwire run next to each other in time), the
words/s are medians, and every round's ratio is printed, by wall time and by CPU time (on a
shared machine the CPU-time ratio varies less). Targets: eventwire keeps >= 0.75 of the bare
words/s (median wall-time ratio); peak RSS < 1 GB.

    python benchmarks/run.py [--quick] [--articles N] [--rounds N] [--processes N]

--quick skips the 10M-event store (write throughput is still measured); --processes N also times
``code_many(n_process=N)`` (its workers' memory is not in the peak RSS figure).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
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
from eventwire.coding import default_coder  # noqa: E402
from eventwire.nlp.pipeline import load_base  # noqa: E402

ARTICLES = 120
PARAGRAPHS = (10, 18)  # per article: ~400-700 words, the length of a wire story
WARMUP = 5
ROUNDS = 3
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


def timed(run: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def bare_run(texts: list[str]) -> Callable[[], int]:
    """The baseline: the bare pipeline with the coder's batch size (warmed up)."""
    nlp, batch_size = load_base(), default_coder().options.batch_size
    list(nlp.pipe(texts[:WARMUP], batch_size=batch_size))
    return lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def eventwire_run(articles: list[dict[str, Any]], n_process: int = 1) -> Callable[[], int]:
    """All of eventwire, from text to event records (warmed up); returns the number of events."""
    list(eventwire.code_many(articles[:WARMUP], n_process=n_process))
    return lambda: sum(len(d.events) for d in eventwire.code_many(articles, n_process=n_process))


def interleaved(bare: Callable[[], int], ours: Callable[[], int], rounds: int) -> tuple[list, list]:
    """``rounds`` timings of each, alternating which runs first."""
    bare_times, our_times = [], []
    for number in range(rounds):
        pair = ((bare, bare_times), (ours, our_times))
        for run, times in pair if number % 2 == 0 else reversed(pair):
            times.append(timed(run))
    return bare_times, our_times


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


def coding_benchmark(n: int, processes: int, rounds: int = ROUNDS) -> None:
    articles = build_articles(n)
    words = sum(len(a["text"].split()) for a in articles)
    show("articles", f"{len(articles)} ({words:,} words, {words // len(articles)} per article)")
    bare, ours = interleaved(bare_run([a["text"] for a in articles]), eventwire_run(articles), rounds)
    wall = [b[0] / o[0] for b, o in zip(bare, ours)]
    cpu = [b[1] / o[1] for b, o in zip(bare, ours)]
    bare_wall, our_wall = statistics.median(t[0] for t in bare), statistics.median(t[0] for t in ours)
    ratio = statistics.median(wall)
    show("bare spaCy words/s", f"{words / bare_wall:,.0f}", f"(median of {rounds})")
    show("eventwire code_many words/s", f"{words / our_wall:,.0f}", f"({ours[0][2]} events)")
    show("ratio eventwire / bare", f"{ratio:.2f}", f"target >= {TARGET_RATIO} {'ok' if ratio >= TARGET_RATIO else 'MISSED'}")
    show("  ratio per round, wall time", " ".join(f"{r:.2f}" for r in wall))
    show("  ratio per round, CPU time", " ".join(f"{r:.2f}" for r in cpu), f"(median {statistics.median(cpu):.2f})")
    rss = peak_rss_mb()
    show("peak RSS MB (coding)", f"{rss:,.0f}", f"target < {TARGET_RSS_MB} {'ok' if rss < TARGET_RSS_MB else 'MISSED'}")
    if processes > 1:
        seconds, _, _ = timed(eventwire_run(articles, n_process=processes))
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
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="timed runs of each, interleaved (median)")
    parser.add_argument("--processes", type=int, default=1, help="also time code_many(n_process=N)")
    args = parser.parse_args(argv)
    show("commit", git_commit())
    show("python / spaCy", f"{sys.version.split()[0]} / {__import__('spacy').__version__}")
    coding_benchmark(args.articles, args.processes, args.rounds)
    store_benchmark(args.quick)
    show("peak RSS MB (whole run)", f"{peak_rss_mb():,.0f}")


if __name__ == "__main__":
    main()
