"""Publication dates from metadata values and from an article's dateline.

Accepted: date/datetime objects, ISO dates and timestamps ("2021-12-01", "2021-12-01T10:00:00Z"),
compact "20211201", RFC 822 as feeds and WARC headers write it ("Wed, 01 Dec 2021 10:00:00 GMT"),
and written dates ("December 1, 2021", "Dec. 1, 2021", "1 December 2021"). A value without a day,
month and year gives None: a publication date is never guessed.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\b)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WRITTEN = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}})\b",
    re.IGNORECASE,
)
# "WASHINGTON, Dec. 1, 2021 (Reuters) —", "KYIV, Ukraine (AP) —": an upper-case place, optional
# region/date/agency, then a dash. The places step reads the same shape.
DATELINE_RE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’\- ]{1,40})(?:,\s*[A-Z][\w.'’ ]{1,30}?)??"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\([\w .&-]{1,30}\))?\s*(?:[—–]|--?)\s+"
)


def parse_date(value: object) -> date | None:
    """A calendar date from a metadata value, or None when it has no full date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    if isinstance(value, str):
        return _parse_string(value.strip())
    return None


def _from_timestamp(seconds: float) -> date | None:
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


def _parse_string(text: str) -> date | None:
    for parse in (_parse_iso, _parse_compact, _parse_rfc822, _parse_written):
        found = parse(text)
        if found:
            return found
    log.debug("no date in %r", text[:60])
    return None


def _ymd(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _parse_iso(text: str) -> date | None:
    match = _ISO.match(text)
    return _ymd(*match.groups()) if match else None


def _parse_compact(text: str) -> date | None:
    match = _COMPACT.fullmatch(text)
    return _ymd(*match.groups()) if match else None


def _parse_rfc822(text: str) -> date | None:
    if not re.search(r"\d{4}", text):
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_written(text: str) -> date | None:
    match = _WRITTEN.search(text)
    if not match:
        return None
    import dateparser  # imported late: only written dates need it

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    found = dateparser.parse(match.group(0), languages=["en"], settings=settings)
    return found.date() if found else None


def dateline_date(text: str) -> date | None:
    """The date written in the article's dateline ("MOSCOW, Dec. 1, 2021 (Reuters) —"), if any.

    Only a full date inside the dateline counts: a date in the first sentence is usually the
    date of some earlier event, not of publication.
    """
    for paragraph in text.split("\n\n")[:3]:
        match = DATELINE_RE.match(paragraph)
        if match:
            return _parse_written(match.group("date")) if match.group("date") else None
    return None
