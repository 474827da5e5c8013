"""Remove the boilerplate of text pasted from web pages, keep the body paragraphs in order.

The patterns live in ``data/boilerplate.txt`` (one regex a line, each under a comment saying
what it catches); a user file in the same format extends them. Paragraph breaks come out as
``"\\n\\n"``; whitespace inside a paragraph is collapsed to single spaces. A dateline
("KYIV, Ukraine (AP) —") stays in the body: the places step reads it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.errors import DataFileError
from eventwire.ingest.dates import DATELINE_RE

log = logging.getLogger(__name__)

SCOPES = ("head", "line", "inline", "end")
TERMINAL = ".!?:;\"”’)]…"
# Characters that break offsets or word matching without carrying meaning; C0 control characters
# (NUL, bell, escape ...) also break XML tools and terminals, and a lone surrogate (a JSON
# "\ud800" escape without its pair) cannot be written as UTF-8 at all.
CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c")
SURROGATES = "".join(map(chr, range(0xD800, 0xE000)))
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff" + CONTROLS + SURROGATES), None)
_SPACES = dict.fromkeys(map(ord, "\t\u00a0\u2007\u2009\u200a\u202f\u3000"), " ")
_NEWLINES = dict.fromkeys(map(ord, "\r\u2028\u2029\x0b\x0c\x85"), "\n")
# The three tables map disjoint characters, so one pass does all; most texts have none of them,
# and ``str.translate`` looks up every character of a non-ASCII text in the table (slow).
_NORMALISE = {**_INVISIBLE, **_SPACES, **_NEWLINES}
_TO_NORMALISE = re.compile("[%s]" % re.escape("".join(chr(c) for c in _NORMALISE if not 0xD800 <= c < 0xE000))
                           + "|[\ud800-\udfff]")


@dataclass(frozen=True)
class Pattern:
    """One boilerplate rule: where it applies, the regex, what it catches, where it is written."""

    scope: str
    regex: re.Pattern[str]
    catches: str
    where: str


@dataclass(frozen=True)
class Boilerplate:
    patterns: tuple[Pattern, ...]

    def scoped(self, scope: str) -> tuple[Pattern, ...]:
        return tuple(p for p in self.patterns if p.scope == scope)

    def __add__(self, other: Boilerplate) -> Boilerplate:
        return Boilerplate(self.patterns + other.patterns)


def parse_boilerplate(text: str, source: str) -> Boilerplate:
    """Parse the boilerplate file format; raise DataFileError naming file:line of a bad entry."""
    patterns: list[Pattern] = []
    comment = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip()
            continue
        patterns.append(_parse_entry(line, comment, f"{source}:{number}"))
    return Boilerplate(tuple(patterns))


def _parse_entry(line: str, comment: str, where: str) -> Pattern:
    scope, _, regex = line.partition(" ")
    regex = regex.strip()
    if scope not in SCOPES:
        raise DataFileError(f"{where}: unknown scope {scope!r} (expected one of {', '.join(SCOPES)})")
    if not regex:
        raise DataFileError(f"{where}: scope {scope!r} has no regex after it")
    if not comment:
        raise DataFileError(f"{where}: pattern has no comment line above it saying what it catches")
    try:
        compiled = re.compile(regex, re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{where}: bad regex {regex!r}: {exc}") from exc
    if compiled.fullmatch(""):
        raise DataFileError(f"{where}: regex {regex!r} matches the empty string")
    return Pattern(scope, compiled, comment, where)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    data = resources.files("eventwire.ingest").joinpath("data", "boilerplate.txt")
    return parse_boilerplate(data.read_text(encoding="utf-8"), "eventwire/ingest/data/boilerplate.txt")


def load_boilerplate(path: str | Path | None = None) -> Boilerplate:
    """The bundled patterns, extended by the user file at ``path`` when given."""
    if path is None:
        return default_boilerplate()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read boilerplate file: {exc}") from exc
    return default_boilerplate() + parse_boilerplate(text, str(path))


def normalise_characters(text: str) -> str:
    """NFC, one kind of newline and space, no invisible characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    if _TO_NORMALISE.search(text) is None:
        return text
    return text.translate(_NORMALISE)


def clean_text(text: str, boilerplate: Boilerplate | None = None) -> str:
    """Drop web boilerplate from ``text`` and return the body, paragraphs joined by blank lines."""
    rules = boilerplate or default_boilerplate()
    lines = [" ".join(line.split()) for line in normalise_characters(text).split("\n")]
    kept = _filter_lines(lines, rules)
    blocks = _blocks(kept)
    wrapped = _hard_wrapped(blocks)
    paragraphs = [p for block in blocks for p in _paragraphs(block, wrapped)]
    return "\n\n".join(paragraphs)


def _filter_lines(lines: list[str], rules: Boilerplate) -> list[str]:
    """Keep body lines; blank strings stay as paragraph separators."""
    end, inline, whole, head = (rules.scoped(scope) for scope in ("end", "inline", "line", "head"))
    total = sum(len(line) + 1 for line in lines) or 1
    position, in_head, kept = 0, True, []
    for line in lines:
        position += len(line) + 1
        if not line:
            kept.append("")
            continue
        if position - len(line) > total / 2 and _matches(end, line):
            break  # comment sections and related-link lists: nothing of the body follows
        line = _strip_inline(inline, line)
        if not line or _matches(whole, line):
            continue
        if in_head and _matches(head, line):
            continue
        in_head = in_head and not _is_body_line(line)
        kept.append(line)
    return kept


def _matches(patterns: tuple[Pattern, ...], line: str) -> bool:
    for pattern in patterns:
        if pattern.regex.fullmatch(line):
            log.debug("boilerplate (%s, %s): %r", pattern.catches, pattern.where, line[:80])
            return True
    return False


def _strip_inline(patterns: tuple[Pattern, ...], line: str) -> str:
    for pattern in patterns:
        line = pattern.regex.sub("", line)
    return line.strip()


def _is_body_line(line: str) -> bool:
    """A prose paragraph or a dateline: what comes after it is the body, not the page head."""
    words = len(line.split())
    return (words >= 12 and line[-1] in TERMINAL) or words >= 25 or bool(DATELINE_RE.match(line))


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """Text wrapped at a fixed width (e-mail, terminals): most inner lines have similar length."""
    inner = [len(line) for block in blocks for line in block[:-1]]
    if len(inner) < 3 or len(blocks) < 2:
        return False
    width = max(inner)
    near = sum(1 for n in inner if 0.7 * width <= n <= width)
    return width <= 120 and near / len(inner) >= 0.6


def _paragraphs(block: list[str], wrapped: bool) -> list[str]:
    paragraphs = [block[0]]
    for line in block[1:]:
        previous = paragraphs[-1]
        if _continues(previous, line, wrapped):
            glue = "" if re.search(r"[a-z]-$", previous) and line[:1].islower() else " "
            paragraphs[-1] = previous + glue + line
        else:
            paragraphs.append(line)
    return paragraphs


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether ``line`` continues the paragraph of ``previous`` (a wrapped line) or starts one."""
    if previous[-1] in TERMINAL:
        return False
    return wrapped or line[:1].islower() or line[:1].isdigit() or previous[-1] in ",-–("
