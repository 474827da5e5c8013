"""Fixtures for store tests: a small ingested store built with the fake coder (no spaCy).

pytest runs in importlib mode, which puts no test folder on sys.path: this folder is added so
the test modules can import their helpers (store_fakes, crash_ingest).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store_fakes import build  # noqa: E402


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    build(path)
    return path
