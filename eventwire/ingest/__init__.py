"""Reading articles: files, directories, globs and stdin to cleaned ``Article`` records.

    for item in read_inputs(["news/", "feed.xml", "crawl.warc.gz"]):
        if isinstance(item, InputError): report(item.origin, item.reason)
        else: code(item)

Bad inputs come back as InputError *values*, not raised, so a batch goes on; every input named
gives at least one item (an Article or an InputError), so nothing is lost silently.
Formats: .txt, .html/.htm, .jsonl, RSS/Atom (.xml/.rss/.atom), WARC (.warc/.warc.gz), and .gz
of any of them; '-' reads stdin and detects which of these it holds.
"""

from __future__ import annotations

import gzip
import logging
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record, article_from_text, host_of
from eventwire.ingest.clean import Boilerplate, clean_text, load_boilerplate
from eventwire.ingest.dates import parse_date
from eventwire.ingest.feed import read_feed
from eventwire.ingest.html_page import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.language import looks_english
from eventwire.ingest.options import DEFAULT_MAX_CHARS, DEFAULT_TIME_LIMIT, IngestOptions
from eventwire.ingest.plain import read_plain
from eventwire.ingest.sources import GZIP_ERRORS, FORMATS, Source, expand
from eventwire.ingest.warc import read_warc
from eventwire.model import Article

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_TIME_LIMIT",
    "FORMATS",
    "Boilerplate",
    "IngestOptions",
    "InputError",
    "article_from_record",
    "article_from_text",
    "clean_text",
    "host_of",
    "load_boilerplate",
    "looks_english",
    "parse_date",
    "read_bytes",
    "read_inputs",
    "read_text",
    "samples_dir",
    "sniff",
]

log = logging.getLogger(__name__)

_GZIP_MAGIC = b"\x1f\x8b"

Reader = Callable[[Source, IngestOptions], Iterator[Article | InputError]]
READERS: dict[str, Reader] = {
    "text": read_plain,
    "html": read_html,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": read_warc,
}


def read_inputs(
    paths: Iterable[str | Path],
    *,
    date: date | None = None,
    title: str | None = None,
    options: IngestOptions | None = None,
) -> Iterator[Article | InputError]:
    """Articles from files, directories (recursive), globs and '-' (stdin), in a stable order.

    ``date`` and ``title``, when given, replace what the inputs say (the CLI's --date/--title).
    """
    opts = _with_overrides(options, date, title)
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given bare: not an iterable of its characters
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        elif item.kind == "stdin":
            yield from read_bytes(sys.stdin.buffer.read(), origin="-", options=opts)
        else:
            yield from read_source(item, opts)


def read_text(text: str, origin: str = "-", *, options: IngestOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from text held in memory: JSON Lines, HTML, a feed or a plain article (detected)."""
    yield from read_bytes(text.encode("utf-8"), origin=origin, options=options)


def read_bytes(data: bytes, origin: str = "-", *, options: IngestOptions | None = None) -> Iterator[Article | InputError]:
    """Articles from bytes (stdin): gzip, WARC, JSON Lines, feed, HTML or plain text (detected)."""
    opts = options or IngestOptions()
    if data[:2] == _GZIP_MAGIC and not _gunzip_head(data).startswith(b"WARC/"):
        try:
            data = gzip.decompress(data)
        except GZIP_ERRORS as exc:
            yield InputError(origin, f"not a readable gzip stream ({exc})")
            return
    yield from read_source(Source(origin=origin, kind=sniff(data), data=data), opts)


def _gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes; gzipped WARC stays compressed (warcio reads it by member)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def samples_dir() -> Path:
    """The folder of the bundled sample articles (package data: eventwire/data/samples)."""
    return Path(__file__).resolve().parent.parent / "data" / "samples"


def read_source(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    """One Source through its reader; whatever goes wrong becomes an InputError for it."""
    try:
        yield from READERS[source.kind](source, options)
    except InputError as exc:
        yield exc
    except Exception as exc:  # a reader bug must not end the batch: report it as this input's failure
        log.debug("reading %s failed", source.origin, exc_info=True)
        yield InputError(source.origin, f"could not be read ({type(exc).__name__}: {exc})")


def sniff(data: bytes) -> str:
    """The format of bytes without a file name: warc, jsonl, feed, html or text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head[:1024].lower()
    if head.startswith(b"WARC/") or data[:2] == _GZIP_MAGIC:
        return "warc"  # gzip still here means gzipped WARC members (see read_bytes)
    if head.startswith(b"{"):
        return "jsonl"
    if any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith(b"<") and any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<head", b"<p", b"<div", b"<article")):
        return "html"
    return "text"


def _with_overrides(options: IngestOptions | None, date: date | None, title: str | None) -> IngestOptions:
    opts = options or IngestOptions()
    if date is not None:
        opts = replace(opts, date=date)
    if title is not None:
        opts = replace(opts, title=title)
    return opts
