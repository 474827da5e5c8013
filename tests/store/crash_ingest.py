"""Run by test_crash.py in a subprocess: ingest many small articles with the fake coder.

Usage: python crash_ingest.py DB N_ARTICLES. Prints "coded N" after every article it codes
(so the test knows when to kill it) and "done" at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from store_fakes import article, fake_coder, reader_of  # noqa: E402

from eventwire.code_and_store import ingest  # noqa: E402

ROLES = ["GOV", "MIL", "CVL", "OPP"]


def text_of(i: int) -> str:
    """Article i holds 1 + i % 3 events on distinct lines."""
    lines = [f"Report {i}: USA{ROLES[k]} 04{k} RUS{ROLES[i % 4]} met officials, item {i}-{k}."
             for k in range(1 + i % 3)]
    return "\n".join(lines)


def main(db: str, n: int) -> None:
    items = [article(text_of(i), url=f"https://outlet{i % 7}.example/{i}") for i in range(n)]

    def show(report) -> None:
        print(f"coded {report.articles_coded}", flush=True)

    ingest(["unused"], db, coder=fake_coder, reader=reader_of(items), batch_size=25,
           on_progress=show)
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
