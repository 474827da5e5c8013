"""WARC files (.warc, .warc.gz), as in the CC-NEWS crawl: one article per HTML response record.

The URL is the record's WARC-Target-URI; the date is the page's own publication date when
trafilatura finds one, else the crawl date (WARC-Date). Requests, metadata records, redirects,
errors and non-HTML payloads are not articles and are passed over.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.errors import InputError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.html_page import html_article
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import GZIP_ERRORS, Source, too_large
from eventwire.model import Article

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_ERRORS = (ArchiveLoadFailed, ValueError, *GZIP_ERRORS)
# warcio parsing a forged record fails in its own code (a request record without a target URI
# gives AttributeError): caught only around finding the next record.
RECORD_PARSE_ERRORS = (*WARC_ERRORS, AttributeError, TypeError, KeyError, IndexError)
MAX_HEADER_BYTES = 65536


def read_warc(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    pages, compressed = 0, _check_header(source)
    with source.open_raw() as stream:
        records = ArchiveIterator(stream)
        iterator = iter(records)
        while (record := _next_record(iterator, source, pages, options)) is not None:
            if _is_html_response(record):
                pages += 1
                yield _page(record, f"{source.origin}:record {pages}", options)
    if records.err_count:
        raise InputError(source.origin, f"damaged WARC file: {records.err_count} record(s) with a wrong length")
    if compressed:
        _check_gzip_complete(source, pages)  # warcio stops quietly at a truncated gzip member
    if pages == 0:
        raise InputError(source.origin, "WARC file holds no HTML response records")


def _next_record(records: Iterator[Any], source: Source, pages: int, options: IngestOptions) -> Any:
    """The next record, or None at the end. Finding it is limited in time like an article: a
    forged header of endless lines (a gzip bomb made of them) must not hold the batch."""
    try:
        with time_limit(options.time_limit, source.origin, f"to find the next WARC record ({_after(pages)})"):
            return next(records, None)
    except RECORD_PARSE_ERRORS as exc:
        raise InputError(source.origin, f"not a readable WARC file ({_after(pages)}): {exc}") from exc


def _after(pages: int) -> str:
    return f"after {pages} HTML records" if pages else "at its start"


def _check_header(source: Source) -> bool:
    """Whether the WARC is gzipped; InputError when it does not start like a WARC at all, or
    when its first record header does not end within ``MAX_HEADER_BYTES`` (real ones take a
    few hundred bytes; endless header lines are a forgery that warcio would read for ever)."""
    with source.open_raw() as stream:
        head = stream.read(MAX_HEADER_BYTES)
    compressed = head[:2] == b"\x1f\x8b"
    if compressed:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, MAX_HEADER_BYTES)
        except zlib.error as exc:
            raise InputError(source.origin, f"not a readable gzip file ({exc})") from exc
    if not head.startswith(b"WARC/"):
        raise InputError(source.origin, "not a WARC file (it does not start with a WARC/1.x record header)")
    if b"\r\n\r\n" not in head and len(head) >= MAX_HEADER_BYTES:
        raise InputError(source.origin, f"not a WARC file (its first record header does not end within "
                                        f"{MAX_HEADER_BYTES:,} bytes)")
    return compressed


def _check_gzip_complete(source: Source, pages: int) -> None:
    with source.open_raw() as raw, gzip.GzipFile(fileobj=raw) as stream:
        try:
            while stream.read(1 << 20):
                pass
        except GZIP_ERRORS as exc:
            raise InputError(source.origin, f"truncated or corrupt WARC.gz ({_after(pages)}): {exc}") from exc


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(HTML_TYPES)


def _page(record: Any, where: str, options: IngestOptions) -> Article | InputError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type")
    origin = f"{where} ({url})"
    payload = record.content_stream().read(options.max_markup_bytes + 1)
    if len(payload) > options.max_markup_bytes:  # the rest of the record is skipped unread
        return InputError(origin, too_large(options.max_markup_bytes, unpacked=True))
    try:
        with time_limit(options.time_limit, origin):
            article = html_article(payload, origin=origin, options=options, url=url, content_type=content_type)
    except InputError as exc:
        return exc
    article.metadata["warc_date"] = record.rec_headers.get_header("WARC-Date")
    if article.published is None:
        article.published = parse_date(article.metadata["warc_date"])
    return article
