"""HTML pages (.html/.htm, WARC responses): main text and metadata through trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.article import NOTHING_LEFT, article_from_record
from eventwire.ingest.decode import declared_charset, decode_bytes
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.plain import read_sidecar
from eventwire.ingest.sources import Source
from eventwire.model import Article

log = logging.getLogger(__name__)

NO_MAIN_TEXT = "no main text found in the HTML page"
_KEPT_METADATA = ("sitename", "author", "description", "hostname")
# No extensive search: it takes "Copyright 2021" in a footer for a publication date (2021-01-01).
# A page without a date in its markup gets None here (WARC falls back to the crawl date).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    data = source.read_bytes(options.max_markup_bytes)
    sidecar = read_sidecar(source)
    with time_limit(options.time_limit, source.origin):
        article = html_article(data, origin=source.origin, options=options, extra=sidecar)
    if article.outlet is None and source.path is not None:
        article.outlet = source.path.resolve().parent.name or None
    yield article


def html_article(
    data: bytes,
    *,
    origin: str,
    options: IngestOptions,
    url: str | None = None,
    content_type: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Article:
    """One Article from an HTML page; ``extra`` (sidecar, WARC headers) overrides page metadata."""
    limit = options.max_markup_bytes
    if len(data) > limit:
        raise InputError(origin, f"HTML page too large: {len(data):,} bytes, over the limit of {limit:,}")
    decoded = decode_bytes(data, origin, declared_charset(data, content_type))
    record = {**extract(decoded.text, origin, url), **(extra or {})}
    try:
        return article_from_record(record, origin=origin, options=options, encoding=decoded.encoding)
    except InputError as exc:
        if exc.reason == NOTHING_LEFT:  # trafilatura kept only menus or share buttons
            raise InputError(origin, NO_MAIN_TEXT) from exc
        raise


def extract(html: str, origin: str, url: str | None = None) -> dict[str, Any]:
    """trafilatura's main text and metadata as an article record (text, title, date, url, ...)."""
    from trafilatura import bare_extraction  # imported late: only HTML inputs need it

    try:
        found = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(origin, f"HTML page could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise InputError(origin, NO_MAIN_TEXT)
    record: dict[str, Any] = {
        "text": text,
        "title": found.title,
        "date": found.date,
        "url": url or found.url,
    }
    record.update({k: getattr(found, k) for k in _KEPT_METADATA if getattr(found, k, None)})
    return record
