"""Publication dates from metadata values and datelines."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwire.ingest.dates import dateline_date, parse_date

DEC1 = date(2021, 12, 1)


@pytest.mark.parametrize(
    "value",
    [
        "2021-12-01",
        "2021-12-01T10:00:00Z",
        "2021-12-01T23:30:00+02:00",
        "2021-12-01 10:00",
        "20211201",
        "Wed, 01 Dec 2021 10:00:00 GMT",
        "Wed, 01 Dec 2021 10:00:00 +0000",
        "December 1, 2021",
        "Dec. 1, 2021",
        "1 December 2021",
        "Published Dec 1, 2021 10:02 a.m.",
        DEC1,
        datetime(2021, 12, 1, 10, 0),
        1638352800,
    ],
)
def test_common_forms(value: object) -> None:
    assert parse_date(value) == DEC1


@pytest.mark.parametrize("value", [None, "", "yesterday", "December 2021", "2021-13-45", "not a date", True])
def test_no_full_date_gives_none(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("WASHINGTON, Dec. 1, 2021 (Testwire) — The talks ended.", DEC1),
        ("KYIV, Ukraine, December 1, 2021 (Testwire) -- The talks ended.", DEC1),
        ("Some headline\n\nMOSCOW, Dec 1, 2021 — The talks ended.", DEC1),
        ("KYIV, Ukraine (AP) — The talks ended on Dec. 1, 2021.", None),
        ("On Dec. 1, 2021, the talks ended.", None),
    ],
)
def test_dateline_date(text: str, expected: date | None) -> None:
    assert dateline_date(text) == expected
