"""Coding a hand-written sentence through the session pipeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire.coding import Coder
from eventwire.model import Article, Event

PUBLISHED = date(2021, 12, 1)  # a Wednesday


@pytest.fixture(scope="session")
def coder(nlp) -> Coder:
    return Coder(nlp=nlp)


@pytest.fixture(scope="session")
def events_of(coder: Coder) -> Callable[..., list[Event]]:
    def code(text: str, published: date | None = PUBLISHED) -> list[Event]:
        return next(coder.code_articles([Article(text, published=published)])).events

    return code

