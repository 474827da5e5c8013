"""Stable keys: the content key that makes a reprint the same article, and mention/event ids.

The same text reprinted by another outlet usually differs only at its edges: a byline ("By Jane
Doe"), a credit ("Reporting by ...; Editing by ..."), a dateline paragraph or a copyright line.
``content_key`` therefore:

1. splits the text into non-empty lines (paragraphs);
2. drops up to ``EDGE_LINES`` leading and trailing lines that look like bylines or credits:
   short (at most ``SHORT_LINE`` words) and not ending like a sentence (no final . ! ? or
   closing quote), as long as some line remains; the story body is made of sentences;
3. case-folds, keeps letters and digits only and collapses whitespace;
4. hashes the result (SHA-1, first 16 hex digits).

A one-paragraph text is hashed whole (after step 3), so two different short texts never collide
because of this rule. A reprint edited inside its body is a different article (and its events
meet the original's in the same event cluster).
"""

from __future__ import annotations

import hashlib
import re

SHORT_LINE = 12
EDGE_LINES = 3
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019", ":")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# ASCII bytes that are not letters or digits become spaces (what _NON_WORD matches in ASCII).
_ASCII_NON_WORD = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_SPACES = re.compile(rb"  +")


def content_key(text: str) -> str:
    """The article id in the store: a hash of the text without edge bylines, case or punctuation."""
    lines = [line for line in map(str.strip, text.splitlines()) if line]
    return stable_hash(_words(" ".join(_drop_short_edges(lines))))


def _words(text: str) -> str:
    """Case-folded letters and digits, each run of anything else one space (step 3)."""
    if text.isascii():  # the common case, several times faster on bytes; same result
        folded = text.encode("ascii").lower().translate(_ASCII_NON_WORD)
        return _SPACES.sub(b" ", folded).strip().decode("ascii")
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _credit_like(line: str) -> bool:
    # maxsplit: a paragraph's length need not be counted past SHORT_LINE words
    return len(line.split(None, SHORT_LINE)) <= SHORT_LINE and not line.endswith(_SENTENCE_ENDS)


def _drop_short_edges(lines: list[str]) -> list[str]:
    short = _credit_like
    if all(short(line) for line in lines):
        return lines
    start, end = 0, len(lines)
    while start < min(EDGE_LINES, end) and short(lines[start]):
        start += 1
    while len(lines) - end < EDGE_LINES and end > start and short(lines[end - 1]):
        end -= 1
    return lines[start:end]


def stable_hash(*parts: object) -> str:
    """16 hex digits of SHA-1 over the parts (None kept distinct from the empty string)."""
    joined = "\x1f".join("\x00" if part is None else str(part) for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def mention_id(article_id: str, url: str | None, outlet: str | None, origin: str | None) -> str:
    return stable_hash(article_id, url, outlet, origin)


def event_id(article_id: str, index: int) -> str:
    return f"{article_id}-{index:04d}"


# The dedup block of an event (see ``eventwire.store.dedup``): source, target (the CAMEO code, else the
# case-folded name), CAMEO root and negation. SQL and Python spell the same rule; ``block_id`` is
# the low 64 bits of its MD5, as DuckDB's ``md5_number_lower`` computes it, so a migration can
# fill old rows in SQL and the writer in Python, with the same ids.
BLOCK_KEY_SQL = (
    "concat_ws('|', coalesce(source_code, 'name:' || lower(source_name), '-'),"
    " coalesce(target_code, 'name:' || lower(target_name), '-'), coalesce(root, '-'),"
    " CASE WHEN negated THEN 'neg' ELSE 'pos' END)"
)


def block_id(key: str) -> int:
    """The stored id of a block key (an unsigned 64-bit integer)."""
    return int.from_bytes(hashlib.md5(key.encode("utf-8")).digest()[8:], "little")
