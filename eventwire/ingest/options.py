"""All knobs of reading inputs, in one record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.ingest.clean import Boilerplate, load_boilerplate

DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIME_LIMIT = 120.0
BYTES_PER_CHAR = 4  # UTF-8 and UTF-32 take at most 4 bytes a character (UTF-16 takes 2 or 4)
MARKUP_BYTES_PER_CHAR = 10  # a page or feed may be this many times its article's size


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.

    max_chars: an article longer than this (before cleaning) is refused with an InputError;
        it also bounds the bytes read for one article (``max_text_bytes``, ``max_markup_bytes``),
        so a huge file or a gzip bomb is refused without being held in memory.
    time_limit: seconds one article may take to be read, and again to be coded, before it is
        given up as failed ("time limit"); None for no limit.
    check_language: refuse text that does not look like English (eventwire codes English news).
    clean: remove web boilerplate (clean.clean_text); off keeps the text as given, stripped.
    boilerplate: a user pattern file that extends the bundled one (same format).
    date, title: given by the user; they replace what the input says.
    """

    max_chars: int = DEFAULT_MAX_CHARS
    time_limit: float | None = DEFAULT_TIME_LIMIT
    check_language: bool = True
    clean: bool = True
    boilerplate: Path | None = None
    date: date | None = None
    title: str | None = None

    @property
    def max_text_bytes(self) -> int:
        return self.max_chars * BYTES_PER_CHAR

    @property
    def max_markup_bytes(self) -> int:
        return self.max_chars * MARKUP_BYTES_PER_CHAR

    def rules(self) -> Boilerplate:
        return _rules(str(self.boilerplate) if self.boilerplate else None)


@lru_cache(maxsize=8)
def _rules(path: str | None) -> Boilerplate:
    return load_boilerplate(path)
