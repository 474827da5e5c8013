"""`make bench-scale`: eventwire's ingest on 1, 2, 4, ... Dask workers, against spaCy's own
``nlp.pipe(n_process=N)`` on the same texts, in one run.

The corpus is built as ``make bench`` builds its texts (``run.build_articles``: paragraphs of
the bundled samples recombined into distinct news-length articles; copies would be skipped as
duplicates), written to a JSONL file, and ingested as a user would: ``ingest`` reads the file,
keys and sorts the articles, codes them and writes them into a new store file (clusters
included). Per row:

* ``in-process``: ``ingest`` with no Dask (one core: the ingest's own figure);
* ``dask N``: ``ingest`` with a ``DaskRunner(workers=N)`` (a LocalCluster of N processes; the
  workers load their pipelines before the clock starts, on a warm-up batch);
* ``spacy N``: the bare spaCy pipeline, ``nlp.pipe(texts, n_process=N)`` (its worker processes
  start inside the timing, as a user calling it pays them).

Columns: articles/s and words/s (wall time), speedup and efficiency against the same kind's
N = 1 (efficiency = throughput(N) / (N x throughput(1))), the peak resident memory of a worker
(the largest; for the in-process row, this process; not measured for spaCy's processes), and
the CPU seconds the driver process spent (for Dask rows: reading, keying, writing the store,
the scheduler). On a machine
shared with other work the figures move: the load average before and after is printed, and
``--repeat`` runs the whole table again. Every process runs one BLAS thread (as Dask's workers
do), so that each row's N is the number of cores it uses.

    python benchmarks/scale_bench.py [--cores N] [--articles 2000] [--batch-size 64] [--repeat 1]
"""

from __future__ import annotations

import os

# One BLAS thread per process, set before numpy loads: Dask's workers get the same from Dask
# (distributed.nanny.pre-spawn-environ), and without it the in-process and spaCy rows would use
# a second core for their matrix products and not be single-core figures.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import build_articles, git_commit, show  # noqa: E402

TARGET_EFFICIENCY = 0.8
TARGET_WORKER_MB = 1024


@dataclass
class Row:
    name: str
    workers: int
    seconds: float
    articles: int
    words: int
    peak_mb: float | None  # of a worker (of this process in-process; not measured for spaCy)
    driver_cpu: float | None = None

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def worker_counts(cores: int) -> list[int]:
    """1, 2, 4, ... up to the number of cores (and the number of cores itself)."""
    counts, n = [], 1
    while n < cores:
        counts.append(n)
        n *= 2
    return counts + [cores]


def write_corpus(folder: Path, n: int) -> tuple[Path, list[str]]:
    articles = build_articles(n)
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path, [a["text"] for a in articles]


def self_peak_mb() -> float:
    """This process's own peak resident memory: VmHWM, not ru_maxrss, which a spawned process
    inherits from its parent (a Dask worker would report the driver's peak as its own)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def worker_peak_mb() -> float:
    """Run on each Dask worker (defined in __main__: sent by value, with self_peak_mb)."""
    return self_peak_mb()


def timed_ingest(corpus: Path, db: Path, words: int, name: str, workers: int,
                 coder: object = None, batch_size: int = 64) -> Row:
    from eventwire.code_and_store import ingest

    cpu, start = time.process_time(), time.perf_counter()
    report = ingest([corpus], db, coder=coder, batch_size=batch_size)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    if report.failed or report.duplicates:
        print(f"  warning: {report.failed} failed, {report.duplicates} duplicates", flush=True)
    return Row(name, workers, seconds, report.articles_coded, words, self_peak_mb(),
               time.process_time() - cpu)


def in_process(corpus: Path, folder: Path, words: int, batch_size: int) -> Row:
    import eventwire

    list(eventwire.code_many(["Russia expelled eight U.S. diplomats on Tuesday."]))  # warm up
    return timed_ingest(corpus, folder / "in-process.duckdb", words, "in-process", 1,
                        batch_size=batch_size)


def on_dask(corpus: Path, folder: Path, words: int, workers: int, batch_size: int) -> Row:
    from eventwire.model import Article
    from eventwire.scale import DaskRunner

    with DaskRunner(workers=workers) as runner:
        warm = [Article(f"Russia expelled {k} U.S. diplomats on Tuesday.") for k in range(2 * workers)]
        list(runner.code(warm))  # every worker loads its pipeline before the clock starts
        row = timed_ingest(corpus, folder / f"dask-{workers}.duckdb", words, f"dask {workers}",
                           workers, runner, batch_size)
        peaks = runner.client.run(worker_peak_mb)
        print(f"  peak MB of each worker: {sorted(round(mb) for mb in peaks.values())}", flush=True)
        row.peak_mb = max(peaks.values())
    return row


def spacy_pipe(texts: list[str], words: int, n_process: int) -> Row:
    from eventwire.coding import default_coder
    from eventwire.nlp.pipeline import load_base

    nlp, batch_size = load_base(), default_coder().options.batch_size
    list(nlp.pipe(texts[:5], batch_size=batch_size))
    start = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    return Row(f"spacy {n_process}", n_process, time.perf_counter() - start, count, words, None)


def efficiency(row: Row, base: Row) -> tuple[float, float]:
    speedup = row.per_second / base.per_second
    return speedup, speedup / row.workers


def print_table(rows: list[Row]) -> None:
    print(f"{'run':12s} {'workers':>7s} {'articles/s':>10s} {'words/s':>9s} {'speedup':>8s} "
          f"{'effic.':>7s} {'peak MB':>8s} {'driver CPU s':>12s}")
    bases = {kind: next(r for r in rows if r.name.startswith(kind) and r.workers == 1)
             for kind in ("dask", "spacy") if any(r.name.startswith(kind) for r in rows)}
    for row in rows:
        base = bases.get(row.name.split()[0])
        speedup, eff = efficiency(row, base) if base else (None, None)
        cells = [f"{row.name:12s}", f"{row.workers:7d}", f"{row.per_second:10.1f}",
                 f"{row.words / row.seconds:9,.0f}",
                 f"{speedup:8.2f}" if speedup else f"{'':8s}",
                 f"{eff:7.2f}" if eff else f"{'':7s}",
                 f"{row.peak_mb:8.0f}" if row.peak_mb is not None else f"{'':8s}",
                 f"{row.driver_cpu:12.1f}" if row.driver_cpu is not None else ""]
        print(" ".join(cells), flush=True)


def verdict(rows: list[Row]) -> None:
    ours = {r.workers: r for r in rows if r.name.startswith("dask")}
    theirs = {r.workers: r for r in rows if r.name.startswith("spacy")}
    if 2 in ours and 1 in ours:
        eff = efficiency(ours[2], ours[1])[1]
        show("dask 2 efficiency", f"{eff:.2f}", f"target >= {TARGET_EFFICIENCY} "
             f"{'ok' if eff >= TARGET_EFFICIENCY else 'MISSED'}")
        if 2 in theirs and 1 in theirs:
            spacy = efficiency(theirs[2], theirs[1])[1]
            show("spaCy n_process=2 efficiency", f"{spacy:.2f}",
                 f"dask 2 {'not below: ok' if eff >= spacy else 'below: MISSED'}")
    worst = max((r.peak_mb or 0.0 for r in rows if r.name.startswith("dask")), default=0.0)
    show("peak MB per Dask worker", f"{worst:.0f}",
         f"target < {TARGET_WORKER_MB} {'ok' if worst < TARGET_WORKER_MB else 'MISSED'}")


def one_table(corpus: Path, texts: list[str], words: int, counts: list[int], batch_size: int,
              skip_spacy: bool) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="eventwire-scale-") as tmp:
        steps: list[Callable[[], Row]] = [lambda: in_process(corpus, Path(tmp), words, batch_size)]
        steps += [lambda n=n: on_dask(corpus, Path(tmp), words, n, batch_size) for n in counts]
        if not skip_spacy:
            steps += [lambda n=n: spacy_pipe(texts, words, n) for n in counts]
        for step in steps:
            rows.append(step())
            print(f"  {rows[-1].name}: {rows[-1].seconds:.1f} s", flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1,
                        help="largest number of workers (default: this machine's cores)")
    parser.add_argument("--articles", type=int, default=2000, help="distinct articles (>= 2000 "
                        "for the target)")
    parser.add_argument("--batch-size", type=int, default=64, help="ingest --batch-size")
    parser.add_argument("--repeat", type=int, default=1, help="run the whole table this often")
    parser.add_argument("--skip-spacy", action="store_true", help="leave out spaCy's rows")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventwire-corpus-") as tmp:
        corpus, texts = write_corpus(Path(tmp), args.articles)
        words = sum(len(t.split()) for t in texts)
        show("commit", git_commit())
        show("corpus", f"{len(texts)} distinct articles, {words:,} words")
        show("cores", f"{os.cpu_count()} here, workers {worker_counts(args.cores)}")
        for number in range(1, args.repeat + 1):
            show(f"table {number}: load average before", " ".join(f"{x:.2f}" for x in os.getloadavg()))
            rows = one_table(corpus, texts, words, worker_counts(args.cores), args.batch_size,
                             args.skip_spacy)
            show("load average after", " ".join(f"{x:.2f}" for x in os.getloadavg()))
            print_table(rows)
            verdict(rows)


if __name__ == "__main__":
    main()
