"""JSON Lines (.jsonl): one article a line, {"id", "text", "date", "title", "url", "outlet", ...}.

Read as a stream, line by line: a backfill file can be larger than memory. A bad line gives one
InputError naming ``file:line``; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record
from eventwire.ingest.decode import binary_reason
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import GZIP_ERRORS, Source
from eventwire.model import Article


def read_jsonl(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    with source.open() as stream:
        yield from read_jsonl_lines(_lines(stream, source), source.origin, options)


def _lines(stream: Iterable[bytes], source: Source) -> Iterator[bytes]:
    try:
        yield from stream
    except GZIP_ERRORS as exc:
        raise InputError(source.origin, f"not a readable gzip file ({exc})") from exc


def read_jsonl_lines(lines: Iterable[bytes], origin: str, options: IngestOptions) -> Iterator[Article | InputError]:
    offset, records = 0, 0
    for number, line in enumerate(lines, start=1):
        if number == 1 and (reason := binary_reason(line)):
            raise InputError(origin, reason)
        where = f"{origin}:{number}"
        if line.strip():
            records += 1
            yield _article(line, where, offset, options)
        offset += len(line)
    if records == 0:
        raise InputError(origin, "empty input (no JSON lines)")


def _article(line: bytes, where: str, offset: int, options: IngestOptions) -> Article | InputError:
    try:
        record = _record(line, where, offset)
        return article_from_record(record, origin=where, options=options)
    except InputError as exc:
        return exc


def _record(line: bytes, where: str, offset: int) -> dict[str, Any]:
    try:
        text = line.decode("utf-8-sig" if offset == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"invalid UTF-8 at byte offset {offset + exc.start:,} of the file") from exc
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(where, f"line holds a JSON {type(record).__name__}, not an object with a 'text' field")
    return record
