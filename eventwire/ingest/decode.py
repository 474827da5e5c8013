"""Bytes to text: the encoding a BOM or a declaration gives, else UTF-8, else a detected one.

Much older news is Windows-1252 or Latin-1 and many pages declare no charset (or a wrong one),
so text that is not valid UTF-8 is not refused: charset-normalizer finds the encoding it most
plausibly is. Only what is empty, binary, or readable in no encoding is refused. The encoding
used is returned with the text, for the article's record.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16-LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = b"\t\n\r\f\b\x1b"
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
SNIFF_BYTES = 8192
# English news that is not UTF-8 is most often Windows-1252: among readings the detector finds
# equally good (Central European cp1250 decodes the same letters but "ï" as "ď"), take it.
PREFERRED_SINGLE_BYTE = "cp1252"
_DETECT_BYTES = 1_000_000  # the detector reads a sample this long: enough to tell, bounded time


@dataclass(frozen=True)
class Decoded:
    """Text and the codec it was decoded with ("utf-8", "cp1252", "utf-16", ...)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> Decoded:
    """Decode ``data``: a BOM, else UTF-16/32 without one, else UTF-8, else the ``declared``
    charset when the bytes are valid in it, else the detected encoding; InputError when none fits.

    UTF-8 goes before the declaration: bytes valid as UTF-8 with non-ASCII letters are UTF-8
    (a page saved as UTF-8 under a template's old "iso-8859-1" meta is common), while text in
    a single-byte code page is almost never valid UTF-8 by chance."""
    check_not_empty(data, origin)
    for strategy in STRATEGIES:
        found = strategy(data, declared)
        if found is not None:
            return found
    reason = binary_reason(data)
    if reason:
        raise InputError(origin, reason)
    return _detected(data, origin)


def _by_bom(data: bytes, declared: str | None) -> Decoded | None:
    """Bytes starting with a byte-order mark: UTF-8, UTF-16 or UTF-32 whatever is declared."""
    name = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    return _strict(data, name) if name else None


def _by_wide_pattern(data: bytes, declared: str | None) -> Decoded | None:
    """UTF-16 or UTF-32 without a BOM (see ``wide_encoding``)."""
    name = wide_encoding(data[:SNIFF_BYTES])
    return _strict(data, name) if name else None


# Which bytes of each group of four are (nearly) always NUL in Latin text, per wide encoding.
_NUL_COLUMNS = (("utf-32-le", (1, 2, 3)), ("utf-32-be", (0, 1, 2)),
                ("utf-16-le", (1, 3)), ("utf-16-be", (0, 2)))


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32 from the first bytes: a BOM, or Latin text's NUL in every other byte (or
    three of four) without one; None for anything else."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) < 8 or b"\0" not in head:
        return None
    share = [head[i::4].count(0) / len(head[i::4]) for i in range(4)]
    for name, columns in _NUL_COLUMNS:
        others = [share[i] for i in range(4) if i not in columns]
        if all(share[i] > 0.9 for i in columns) and all(s < 0.5 for s in others):
            return name
    return None


def _by_declaration(data: bytes, declared: str | None) -> Decoded | None:
    """The charset the page or the HTTP header declares, when the bytes are valid in it."""
    name = _known_encoding(declared)
    return _strict(data, name) if name and not binary_reason(data) else None


def _by_utf8(data: bytes, declared: str | None) -> Decoded | None:
    return None if binary_reason(data) else _strict(data, "utf-8")


# Tried in order until one decodes; then the detector (which may still find nothing).
STRATEGIES: tuple[Callable[[bytes, str | None], Decoded | None], ...] = (
    _by_bom, _by_wide_pattern, _by_utf8, _by_declaration,
)
# What browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is read as Windows-1252.
_AS_WINDOWS_1252 = frozenset({"iso8859-1", "ascii"})


def _strict(data: bytes, encoding: str) -> Decoded | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    name = "utf-8" if encoding == "utf-8-sig" else codecs.lookup(encoding).name
    return Decoded(text, name)


def _detected(data: bytes, origin: str) -> Decoded:
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 input needs it

    matches = from_bytes(data[:_DETECT_BYTES])
    best = matches.best()
    if best is not None:
        ties = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
        if any(PREFERRED_SINGLE_BYTE in m.could_be_from_charset for m in ties):
            best_name = PREFERRED_SINGLE_BYTE
        else:
            best_name = best.encoding
        found = _strict(data, best_name) or _lenient_tail(data, best_name)
        if found is not None:
            return found
    raise InputError(origin, f"cannot tell the text's encoding: {_utf8_error(data)}, and no other "
                             "encoding reads it as text; save the file as UTF-8")


def _lenient_tail(data: bytes, encoding: str) -> Decoded | None:
    """The detector read only the first ``_DETECT_BYTES``: a bad byte after them is replaced."""
    if len(data) <= _DETECT_BYTES:
        return None
    text = data.decode(encoding, errors="replace")
    return Decoded(text, codecs.lookup(encoding).name)


def _utf8_error(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 (byte {data[exc.start:exc.start + 1]!r} at offset {exc.start:,})"
    return "not UTF-8"


def check_not_empty(data: bytes, origin: str) -> None:
    if not data.strip():
        raise InputError(origin, "empty input (no text at all)" if not data else "input holds only whitespace")


def check_text_bytes(data: bytes, origin: str) -> None:
    """Raise InputError when ``data`` is empty or binary."""
    check_not_empty(data, origin)
    reason = binary_reason(data)
    if reason:
        raise InputError(origin, reason)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like a binary file, or None when it looks like text."""
    sample = data[:SNIFF_BYTES]
    nul = sample.find(b"\0")
    if nul >= 0:
        return f"binary file, not text (NUL byte at byte offset {nul:,})"
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    if controls > 0.1 * len(sample):
        return f"binary file, not text ({controls / len(sample):.0%} control bytes in the first {len(sample):,})"
    return None


def _known_encoding(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None  # an unknown declared charset: decode as if none were declared
    return PREFERRED_SINGLE_BYTE if name in _AS_WINDOWS_1252 else name


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP Content-Type header or the page's <meta> declares, if any."""
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if match:
            return match.group(1)
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None
