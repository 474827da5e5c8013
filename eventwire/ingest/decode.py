"""Bytes to text, refusing what is not text: empty, binary, or not valid in its encoding."""

from __future__ import annotations

import codecs
import re

from eventwire.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
SNIFF_BYTES = 8192


def decode_bytes(data: bytes, origin: str, encoding: str | None = None) -> str:
    """Decode ``data`` (UTF-8 unless a BOM or ``encoding`` says otherwise) or raise InputError."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, origin, name)
    check_text_bytes(data, origin)
    return _decode(data, origin, _known_encoding(encoding))


def check_text_bytes(data: bytes, origin: str) -> None:
    """Raise InputError when ``data`` is empty or binary."""
    if not data.strip():
        raise InputError(origin, "empty input (no text at all)" if not data else "input holds only whitespace")
    reason = binary_reason(data)
    if reason:
        raise InputError(origin, reason)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like a binary file, or None when it looks like text."""
    sample = data[:SNIFF_BYTES]
    nul = sample.find(b"\0")
    if nul >= 0:
        return f"binary file, not text (NUL byte at byte offset {nul:,})"
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    if controls > 0.1 * len(sample):
        return f"binary file, not text ({controls / len(sample):.0%} control bytes in the first {len(sample):,})"
    return None


def _known_encoding(encoding: str | None) -> str:
    if not encoding:
        return "utf-8"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"  # an unknown declared charset: UTF-8 is the likeliest truth


def _decode(data: bytes, origin: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4]
        name = "UTF-8" if encoding.replace("_", "-") in ("utf-8", "utf8", "utf-8-sig") else encoding
        raise InputError(
            origin, f"invalid {name} at byte offset {exc.start:,} (bytes {bad!r}); save the file as UTF-8"
        ) from exc


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP Content-Type header or the page's <meta> declares, if any."""
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if match:
            return match.group(1)
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None
