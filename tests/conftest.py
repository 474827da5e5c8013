"""Shared fixtures: one spaCy pipeline per session; the shared gold data when ../shared exists."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_GOLD = REPO.parent / "shared" / "data" / "gold"


@pytest.fixture(scope="session")
def base_nlp():
    from eventwire.nlp.pipeline import load_base

    return load_base()


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp.pipeline import load

    return load()


@pytest.fixture(scope="session")
def shared_gold() -> Path:
    if not SHARED_GOLD.is_dir():
        pytest.skip("../shared/data/gold is absent (a user's clone): gold checks skipped")
    return SHARED_GOLD
