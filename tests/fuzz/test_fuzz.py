"""Fuzzing of the readers: inputs that once crashed are replayed, then a short coverage-guided run
(atheris, fixed seed, a fixed number of inputs) must find no new crash. Where atheris does not
install, hypothesis feeds the same check random bytes. ``make soak`` fuzzes far longer.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_readers import REGRESSIONS, check_input, kinds, seeds
from hypothesis import given
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
RUNS = int(os.environ.get("EVENTWIRE_FUZZ_RUNS", "3000"))
CASES = sorted(p for p in REGRESSIONS.rglob("*") if p.is_file())


@pytest.mark.parametrize("case", CASES, ids=[str(p.relative_to(REGRESSIONS)) for p in CASES])
def test_inputs_that_once_crashed_a_reader_are_read_or_refused(case: Path) -> None:
    kind = case.parent.name
    check_input(bytes([kinds().index(kind)]) + case.read_bytes())


def test_regression_folders_name_readers() -> None:
    assert {p.parent.name for p in CASES} <= set(kinds())


def test_seed_inputs_are_valid_articles() -> None:
    from eventwire.ingest import IngestOptions, read_source  # type: ignore[attr-defined]
    from eventwire.ingest.sources import Source
    from eventwire.model import Article

    for kind, data in seeds().items():
        items = list(read_source(Source("seed", kind, data=data[1:]), IngestOptions()))
        assert isinstance(items[0], Article), (kind, items)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed: see the hypothesis fallback")
def test_coverage_guided_fuzzing_finds_no_crash(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1])}
    result = subprocess.run(
        [sys.executable, str(HERE / "fuzz_readers.py"), f"-runs={RUNS}", "-seed=1", "-timeout=60",
         "-rss_limit_mb=4096", f"-artifact_prefix={tmp_path}/", str(tmp_path / "corpus")],
        capture_output=True, text=True, env=env, timeout=1800)
    crashes = sorted(tmp_path.glob("crash-*")) + sorted(tmp_path.glob("timeout-*")) + sorted(tmp_path.glob("oom-*"))
    assert result.returncode == 0 and not crashes, result.stderr[-3000:]
    assert f"Done {RUNS} runs" in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("atheris") is not None, reason="atheris fuzzes instead")
@given(st.binary(max_size=4000))
def test_random_bytes_find_no_crash(data: bytes) -> None:
    check_input(data)
