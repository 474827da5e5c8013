"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item (content, else summary).

Elements are found by local name, so namespace prefixes (content:encoded, dc:date, atom:) do not
matter. HTML inside content is turned into text with paragraph breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record, host_of
from eventwire.ingest.decode import check_text_bytes
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import Source
from eventwire.model import Article

CONTENT_TAGS = ("encoded", "content")  # full text, preferred
SUMMARY_TAGS = ("description", "summary")
DATE_TAGS = ("pubDate", "published", "date", "issued", "updated", "modified")
ID_TAGS = ("guid", "id")
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "figure", "pre"}
_DROPPED = ("script", "style", "noscript", "iframe", "figcaption", "form", "button")
_LOOKS_HTML = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z]|!--)")


def read_feed(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    root = parse_xml(source.read_bytes(), source.origin)
    items = [el for el in root.iter() if _local(el) in ("item", "entry")]
    if not items:
        raise InputError(source.origin, f"not an RSS or Atom feed with items (root element <{_local(root)}>)")
    channel = next((el for el in root.iter() if _local(el) == "channel"), root)
    channel_link = _link(channel)
    for item in items:
        where = f"{source.origin}:{item.sourceline}"
        try:
            yield article_from_record(_record(item, where, channel_link), origin=where, options=options)
        except InputError as exc:
            yield exc


def parse_xml(data: bytes, origin: str) -> etree._Element:
    check_text_bytes(data, origin)  # the encoding is the XML declaration's, lxml reads it
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(origin, f"not well-formed XML: {exc}") from exc


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(item: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    return [child for name in names for child in item if _local(child) == name]


def _text_of(item: etree._Element, names: tuple[str, ...]) -> str | None:
    for child in _children(item, names):
        value = _element_text(child)
        if value.strip():
            return value
    return None


def _element_text(el: etree._Element) -> str:
    """Atom type="xhtml" content is markup inside the element; everything else is its text."""
    if el.get("type") == "xhtml" and len(el):
        return "".join(etree.tostring(c, encoding="unicode") for c in el)
    return el.text or ""


def _link(item: etree._Element) -> str | None:
    for child in _children(item, ("link",)):
        if child.get("href") and child.get("rel") in (None, "alternate"):
            return child.get("href")
        if (child.text or "").strip():
            return child.text.strip()
    guid = next(iter(_children(item, ("guid",))), None)
    if guid is not None and guid.get("isPermaLink", "true") == "true" and (guid.text or "").startswith("http"):
        return guid.text.strip()
    return None


def _record(item: etree._Element, where: str, channel_link: str | None) -> dict[str, Any]:
    body = _text_of(item, CONTENT_TAGS) or _text_of(item, SUMMARY_TAGS)
    if not body:
        raise InputError(where, "feed item has no content or summary")
    link = _link(item)
    title = _text_of(item, ("title",))
    return {
        "text": html_to_text(body),
        "title": html_to_text(title) if title else None,
        "url": link,
        "date": _text_of(item, DATE_TAGS),
        "outlet": host_of(link) or host_of(channel_link),
        "guid": _text_of(item, ID_TAGS),
    }


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element; plain text passes through."""
    if not _LOOKS_HTML.search(fragment):
        return fragment
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
