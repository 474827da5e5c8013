"""Shared fixtures: one spaCy pipeline per session; the shared gold data when ../shared exists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SHARED_GOLD = REPO.parent / "shared" / "data" / "gold"

# Property tests: a quick, repeatable run in `make test` (the same examples every time, no
# example database written); `make soak` sets EVENTWIRE_SOAK=1 for many more, random ones.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("quick", max_examples=40, deadline=None, derandomize=True,
                          database=None, suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile("soak", max_examples=1500, deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.load_profile("soak" if os.environ.get("EVENTWIRE_SOAK") else "quick")


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


PUBLISHED = date(2021, 12, 1)  # a Wednesday


@pytest.fixture(scope="session")
def coder(nlp):
    from eventwire.coding import Coder

    return Coder(nlp=nlp)


@pytest.fixture(scope="session")
def events_of(coder) -> Callable[..., list]:
    """Code a hand-written text through the session pipeline; its events."""
    from eventwire.model import Article

    def code(text: str, published: date | None = PUBLISHED) -> list:
        return next(coder.code_articles([Article(text, published=published)])).events

    return code
