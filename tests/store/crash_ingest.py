"""Run by test_crash.py in a subprocess: ingest many small articles with the fake coder.

Usage: python crash_ingest.py MODE TARGET N_ARTICLES, MODE one of
  process   into the store at TARGET, coding in this process;
  dask      into the store at TARGET, coding on a local Dask cluster of two workers;
  parquet   into Parquet shards under TARGET, written by two Dask workers.
Prints "started" when the ingest begins, "coded N" after every chunk it finishes (so the test
knows when to kill it) and "done" at the end.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store_fakes import article, fake_coder, reader_of  # noqa: E402

from eventwire.code_and_store import ingest  # noqa: E402
from eventwire.code_to_parquet import ingest_to_parquet  # noqa: E402

ROLES = ["GOV", "MIL", "CVL", "OPP"]
BATCH = 25


def text_of(i: int) -> str:
    """Article i holds 1 + i % 3 events on distinct lines."""
    lines = [f"Report {i}: USA{ROLES[k]} 04{k} RUS{ROLES[i % 4]} met officials, item {i}-{k}."
             for k in range(1 + i % 3)]
    return "\n".join(lines)


def items(n: int) -> list:
    """n articles from seven outlets, each tenth one a reprint of the one before it."""
    found = []
    for i in range(n):
        text = text_of(i - 1 if i % 10 == 9 else i)
        found.append(article(text, url=f"https://outlet{i % 7}.example/{i}"))
    return found


def show(report) -> None:  # noqa: ANN001
    print(f"coded {report.articles_coded}", flush=True)


def main(mode: str, target: str, n: int) -> None:
    from eventwire.scale import DaskRunner

    reader = reader_of(items(n))
    runner = nullcontext() if mode == "process" else DaskRunner(workers=2, code=fake_coder)
    with runner as dask:
        print("started", flush=True)
        if mode == "parquet":
            ingest_to_parquet(["-"], target, runner=dask, reader=reader, batch_size=BATCH,
                              on_progress=show)
        else:
            ingest(["-"], target, coder=dask or fake_coder, reader=reader, batch_size=BATCH,
                   on_progress=show)
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
