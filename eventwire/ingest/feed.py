"""RSS (0.9x, 1.0, 2.0) and Atom feeds through feedparser: one article per item.

Feeds found in the wild are broken XML, declare the wrong encoding, write dates in dozens of
formats and use odd namespaces: feedparser reads what can be read of them (its loose parser
takes over when the XML is not well-formed), and sanitises the HTML inside items. An item's
text is its full content, else its summary, as text with paragraph breaks. Only what no
feedparser reading gives an item for is refused, with one reason.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record, host_of
from eventwire.ingest.dates import parse_date
from eventwire.ingest.decode import SNIFF_BYTES, check_not_empty, check_text_bytes, wide_encoding
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import Source
from eventwire.model import Article

log = logging.getLogger(__name__)

DATE_KEYS = ("published", "updated", "created")
FEEDPARSER_ERRORS = (UnicodeError, LookupError)
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "figure", "pre"}
_DROPPED = ("script", "style", "noscript", "iframe", "figcaption", "form", "button")
_LOOKS_HTML = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z]|!--)")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
# Characters XML 1.0 does not allow (C0 controls, lone surrogates, U+FFFE/FFFF): lxml refuses
# strings holding any of them.
_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_feed(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    data = source.read_bytes(options.max_markup_bytes)
    with time_limit(options.time_limit, source.origin, "to parse the feed"):
        parsed = parse_feed(data, source.origin)
    channel_link = parsed.feed.get("link")
    encoding = _codec_name(parsed.get("encoding"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source.origin}:item {number}"
        try:
            with time_limit(options.time_limit, where):
                record = _record(entry, where, channel_link)
                yield article_from_record(record, origin=where, options=options, encoding=encoding)
        except InputError as exc:
            yield exc


def parse_feed(data: bytes, origin: str) -> Any:
    """feedparser's reading of ``data``; InputError when it holds no feed item at all."""
    import feedparser  # imported late: only feeds need it

    if wide_encoding(data[:SNIFF_BYTES]):
        check_not_empty(data, origin)  # UTF-16/32: feedparser reads it
    else:
        check_text_bytes(data, origin)
    # A stream, never bytes: given bytes, feedparser first tries them as a file name to open.
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=True)
    except FEEDPARSER_ERRORS as exc:  # a declared encoding it cannot look up or apply
        raise InputError(origin, f"not a readable feed ({type(exc).__name__}: {exc})") from exc
    if parsed.entries:
        if parsed.bozo:
            log.info("%s: feed read despite %s", origin, parsed.get("bozo_exception"))
        return parsed
    raise InputError(origin, _no_items_reason(data, parsed))


def _codec_name(name: str | None) -> str | None:
    try:
        return codecs.lookup(name).name if name else None
    except LookupError:
        return name


def _no_items_reason(data: bytes, parsed: Any) -> str:
    if _HTML_ROOT.search(data[:4096]):
        return "not an RSS or Atom feed: it is an HTML page (save it as .html to read its article)"
    if parsed.version:
        return "feed has no items"
    problem = parsed.get("bozo_exception")
    detail = f" ({problem})" if problem else ""
    return f"not an RSS or Atom feed with items{detail}"


def _record(entry: Mapping[str, Any], where: str, channel_link: str | None) -> dict[str, Any]:
    body = _content(entry) or _detail_text(entry.get("summary_detail"), entry.get("summary"))
    if not body or not body.strip():
        raise InputError(where, "feed item has no content or summary")
    link = entry.get("link")
    title = _detail_text(entry.get("title_detail"), entry.get("title"))
    record = {
        "text": body,
        "title": title,
        "url": link,
        "date": _date(entry),
        "outlet": host_of(link) or host_of(channel_link),
    }
    if entry.get("id"):
        record["guid"] = entry["id"]
    return record


def _content(entry: Mapping[str, Any]) -> str | None:
    """The longest full-content block of the item (content:encoded, Atom content)."""
    texts = [_detail_text(block, block.get("value")) for block in entry.get("content") or []]
    texts = [t for t in texts if t and t.strip()]
    return max(texts, key=len) if texts else None


def _detail_text(detail: Mapping[str, Any] | None, value: str | None) -> str | None:
    if not value:
        return None
    kind = (detail or {}).get("type", "text/html")
    return html_to_text(value) if "html" in kind else value


def _date(entry: Mapping[str, Any]) -> date | str | None:
    """The item's date as the feed writes it (the outlet's own calendar day), else as feedparser
    parsed it (UTC) from one of the many formats it knows. Plain dict lookups: feedparser maps a
    missing "updated" to "published" with a deprecation warning."""
    for key in DATE_KEYS:
        raw = dict.get(entry, key)
        if raw and parse_date(raw):
            return raw
    for key in DATE_KEYS:
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return next((dict.get(entry, k) for k in DATE_KEYS if dict.get(entry, k)), None)  # kept as unparsed


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element; plain text passes through."""
    if not _LOOKS_HTML.search(fragment):
        return fragment
    fragment = _NOT_IN_XML.sub("", fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for el in list(root.iter(*_DROPPED)):
        el.drop_tree()
    for el in root.iter():
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n\n" + (el.text or "")
    return root.text_content()
