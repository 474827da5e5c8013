"""JSON Lines (.jsonl): one article a line, {"id", "text", "date", "title", "url", "outlet", ...}.

Read as a stream, line by line: a backfill file can be larger than memory, and no line is held
past ``max_text_bytes`` (a longer line is skipped unread and reported). A bad line gives one
InputError naming ``file:line``; the other lines are still read. Lines are UTF-8 as JSON wants;
a line that is not is decoded like a text file (``decode.decode_bytes``), and a file in UTF-16
or UTF-32 (with or without a BOM) is read in its encoding.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, TypeVar

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record
from eventwire.ingest.decode import SNIFF_BYTES, Decoded, binary_reason, decode_bytes, wide_encoding
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import GZIP_ERRORS, Source
from eventwire.model import Article

_SKIP_CHUNK = 1 << 20
T = TypeVar("T")


@dataclass(frozen=True)
class _Overlong:
    """A line longer than the limit, skipped unread: only its size is kept."""

    size: int


Line = bytes | _Overlong


def read_jsonl(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    with source.open() as raw:
        stream = io.BufferedReader(raw)  # type: ignore[arg-type]  # to peek at the start unread
        wide = _gzip_guard(lambda: wide_encoding(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]), source)
        limit = options.max_text_bytes
        lines = _wide_lines(stream, wide, limit) if wide else _bounded_lines(stream, limit)
        yield from read_jsonl_lines(_guarded(lines, source), source.origin, options, wide or "utf-8")


def _gzip_guard(read: Callable[[], T], source: Source) -> T:
    try:
        return read()
    except GZIP_ERRORS as exc:
        raise InputError(source.origin, f"not a readable gzip file ({exc})") from exc


def _guarded(lines: Iterator[Line], source: Source) -> Iterator[Line]:
    while (line := _gzip_guard(lambda: next(lines, None), source)) is not None:
        yield line


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            yield _Overlong(len(line) + _skip_rest_of_line(stream))
        else:
            yield line


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _wide_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[Line]:
    """Lines of a UTF-16/32 file, as UTF-8 bytes (a character is at most 4 bytes of UTF-8)."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")  # type: ignore[arg-type]
    chars = limit // 4
    while line := text.readline(chars + 1):
        if len(line) > chars and not line.endswith("\n"):
            size = len(line)
            while (more := text.readline(_SKIP_CHUNK)) and not more.endswith("\n"):
                size += len(more)
            yield _Overlong(size * 2)
        else:
            yield line.encode("utf-8")


def read_jsonl_lines(lines: Iterable[Line], origin: str, options: IngestOptions,
                     encoding: str = "utf-8") -> Iterator[Article | InputError]:
    """Articles of the lines; ``encoding``: the file's, recorded for lines read as UTF-8."""
    offset, records = 0, 0
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if isinstance(line, _Overlong):
            records += 1
            yield InputError(where, f"line too long: {line.size:,} bytes, over the limit of "
                                    f"{options.max_text_bytes:,} for one article (option max_chars)")
            offset += line.size
            continue
        if number == 1 and (reason := binary_reason(line)):
            raise InputError(origin, reason)
        if line.strip():
            records += 1
            yield _article(line, where, offset, options, encoding)
        offset += len(line)
    if records == 0:
        raise InputError(origin, "empty input (no JSON lines)")


def _article(line: bytes, where: str, offset: int, options: IngestOptions, encoding: str) -> Article | InputError:
    try:
        with time_limit(options.time_limit, where):
            decoded = _decode(line, where, offset, encoding)
            record = _record(decoded.text, where)
            return article_from_record(record, origin=where, options=options, encoding=decoded.encoding)
    except InputError as exc:
        return exc


def _decode(line: bytes, where: str, offset: int, encoding: str) -> Decoded:
    try:
        return Decoded(line.decode("utf-8-sig" if offset == 0 else "utf-8"), encoding)
    except UnicodeDecodeError as exc:
        try:
            return decode_bytes(line, where)
        except InputError as refused:
            raise InputError(where, f"invalid UTF-8 at byte offset {offset + exc.start:,} of the file, "
                                    f"and {refused.reason}") from exc


def _record(text: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:  # "[[[[..." thousands deep
        raise InputError(where, "malformed JSON: nested too deeply") from exc
    if not isinstance(record, dict):
        raise InputError(where, f"line holds a JSON {type(record).__name__}, not an object with a 'text' field")
    return record
