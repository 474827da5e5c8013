"""All knobs of reading inputs, in one record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.ingest.clean import Boilerplate, load_boilerplate

DEFAULT_MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.

    max_chars: an article longer than this (before cleaning) is refused with an InputError.
    check_language: refuse text that does not look like English (eventwire codes English news).
    clean: remove web boilerplate (clean.clean_text); off keeps the text as given, stripped.
    boilerplate: a user pattern file that extends the bundled one (same format).
    date, title: given by the user; they replace what the input says.
    """

    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True
    clean: bool = True
    boilerplate: Path | None = None
    date: date | None = None
    title: str | None = None

    def rules(self) -> Boilerplate:
        return _rules(str(self.boilerplate) if self.boilerplate else None)


@lru_cache(maxsize=8)
def _rules(path: str | None) -> Boilerplate:
    return load_boilerplate(path)
