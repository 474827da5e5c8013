"""Fixtures for store tests: a small ingested store built with the fake coder (no spaCy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_fakes import article, fake_coder, reader_of

from eventwire.ingest_run import ingest

BODY = ("USAGOV 042 RUSGOV met in Geneva on Monday to discuss arms control and sanctions.\n"
        "Officials said the talks were long, and a spokesman said \"talks were useful\" later.")


def corpus() -> list:
    """A wire story, its reprint under another byline, a second report, and a conflict event."""
    return [
        article("By John Doe\n" + BODY, url="https://www.reuters.com/a1"),
        article("By Jane Roe, AP\n" + BODY + "\nCopyright AP 2024", url="https://apnews.com/b2"),
        article("USAGOV 042 RUSGOV met in Geneva, officials said on Tuesday after talks.",
                url="https://bbc.co.uk/c3", day=date(2024, 1, 9)),
        article("RUSMIL 190 UKRMIL shelled positions near the border overnight, the army said.",
                url="https://kyivindependent.com/d4", day=date(2024, 1, 16)),
    ]


def build(path: Path, items: list | None = None, **kwargs) -> object:
    return ingest(["unused"], path, coder=fake_coder, reader=reader_of(items or corpus()),
                  **kwargs)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    build(path)
    return path
