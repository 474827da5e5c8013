"""The hostile corpus (hostile_corpus.py) ingested at once through the command line, as a user
would: the run finishes, every good article is stored (with the encoding it was read in), every
bad input is logged with one reason, no traceback reaches the user, and the bombs and huge files
are refused by their size limits (so memory stays bounded: ``make soak`` reports the figures).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hostile_corpus import ACCOUNTED, FAILED, STORED, Entry, build

REPO = Path(__file__).resolve().parents[2]
# Reasons that are no user's mistake: a reader or the coder raised something unexpected.
BUG_REASONS = ("could not be read (", "coding failed:")
JSONL_LINES = {1: STORED, 2: FAILED, 3: FAILED, 4: FAILED, 5: STORED, 6: STORED, 7: FAILED, 8: STORED}
ENCODINGS = {"enc/utf16-bom.txt": "utf-16", "enc/utf16le-no-bom.txt": "utf-16-le",
             "enc/utf16be-no-bom.txt": "utf-16-be", "enc/windows-1252.txt": "cp1252",
             "enc/latin1-no-charset.html": "cp1252", "enc/wrong-charset.html": "cp1252",
             "enc/feed-wrong-encoding.xml": "cp1252", "good/plain.txt": "utf-8"}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Entry], subprocess.CompletedProcess[str], list[tuple]]:
    folder = tmp_path_factory.mktemp("hostile")
    entries = build(folder / "corpus")
    db = folder / "hostile.duckdb"
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(folder / "corpus"), "--db", str(db),
                             "--time-limit", "60"], capture_output=True, text=True, env=env, timeout=900)
    with duckdb.connect(str(db), read_only=True) as con:
        log = con.execute("SELECT origin, status, reason FROM ingest_log").fetchall()
    return folder / "corpus", entries, result, log


def rows_of(log: list[tuple], path: Path) -> list[tuple]:
    return [row for row in log if row[0] == str(path) or row[0].startswith(f"{path}:")]


@pytest.mark.slow
def test_the_run_finishes_without_a_traceback(hostile_run) -> None:
    corpus, entries, result, log = hostile_run
    assert result.returncode == 1, result.stderr[-2000:]  # some inputs failed, the rest coded
    assert "Traceback" not in result.stdout + result.stderr
    assert not [row for row in log if row[2] and row[2].startswith(BUG_REASONS)]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for origin, status, reason in log:
        if status == "failed":
            assert lines.count(f"{origin}: {reason}") == 1  # each failure is one line on stderr
    assert all(line.startswith(str(corpus)) for line in lines), lines  # and each line names an input


@pytest.mark.slow
def test_every_input_is_accounted_for_as_expected(hostile_run) -> None:
    corpus, entries, result, log = hostile_run
    for entry in entries:
        rows = rows_of(log, corpus / entry.name)
        assert rows, f"{entry.name} left no trace in the ingest log"
        if entry.expect == STORED:
            assert all(status == "coded" for _, status, _ in rows), (entry.name, rows)
        elif entry.expect == FAILED:
            assert [status for _, status, _ in rows] == ["failed"], (entry.name, rows)
            assert entry.words in rows[0][2], (entry.name, rows[0][2])
    mixed = corpus / "jsonl" / "mixed.jsonl"
    statuses = {int(origin.rsplit(":", 1)[1]): status for origin, status, _ in rows_of(log, mixed)}
    assert statuses == {n: "coded" if e == STORED else "failed" for n, e in JSONL_LINES.items()}
    assert [e for e in entries if e.expect not in (STORED, FAILED, ACCOUNTED)] == []


@pytest.mark.slow
def test_good_articles_are_stored_with_the_encoding_they_were_read_in(hostile_run) -> None:
    corpus, entries, result, log = hostile_run
    db = corpus.parent / "hostile.duckdb"
    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT origin, encoding FROM articles").fetchall())
        repaired = con.execute("SELECT input_id FROM articles WHERE mojibake_repaired").fetchall()
        texts = [t for (t,) in con.execute("SELECT text FROM articles").fetchall()]
    for name, encoding in ENCODINGS.items():
        origin = next(o for o in stored if o == str(corpus / name) or o.startswith(f"{corpus / name}:"))
        assert stored[origin] == encoding, name
    assert repaired == [("moji",)]
    assert sum("café near the Zürich–Basel line" in text for text in texts) == 8  # every accented one, intact
