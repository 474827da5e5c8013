"""From raw text and metadata to a checked, cleaned Article (or an InputError saying why not)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from eventwire.errors import InputError
from eventwire.ingest.clean import clean_text, normalise_characters
from eventwire.ingest.dates import DATELINE_RE, parse_date
from eventwire.ingest.language import MIN_LATIN_SHARE, english_ratio, latin_share, looks_english
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.repair import repair_mojibake
from eventwire.model import Article

log = logging.getLogger(__name__)

# Field names of common news corpora (news-please, NewsAPI, GDELT GKG exports) besides ours.
TEXT_FIELDS = ("text", "body", "content", "maintext", "article")
DATE_FIELDS = ("date", "published", "publish_date", "date_publish", "published_at", "pubdate")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
OUTLET_FIELDS = ("outlet", "source", "source_domain", "publisher")
ID_FIELDS = ("id",)
NOTHING_LEFT = "no article text left after removing page boilerplate"
KNOWN_FIELDS = TEXT_FIELDS + DATE_FIELDS + TITLE_FIELDS + URL_FIELDS + OUTLET_FIELDS + ID_FIELDS


def host_of(url: str | None) -> str | None:
    """The outlet of a URL: its host without "www." (None when there is no host)."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:  # "https://testwire.]example/": no host can be read from it
        return None
    return host.removeprefix("www.") or None


def article_from_text(
    text: str,
    *,
    origin: str = "-",
    options: IngestOptions | None = None,
    id: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    guess_title: bool = False,
    encoding: str | None = None,
) -> Article:
    """Clean and check one article's text; raise InputError when it cannot be coded.

    guess_title: when no title is given, take a headline-like first paragraph as the title
    (plain-text files: a short line without final punctuation above the body).
    encoding: the codec the input's bytes were decoded with, kept in the article's record.
    """
    opts = options or IngestOptions()
    _check_size(text, origin, opts.max_chars)
    text, repaired = repair_mojibake(text)
    title = _one_line(opts.title or title)
    body = _body(text, opts, title)
    if guess_title and not title:
        title = split_title(body)[0]  # the headline stays in the text: its events are coded too
    if not body:
        reason = NOTHING_LEFT if text.strip() else "article text is empty"
        raise InputError(origin, reason)
    if opts.check_language:
        _check_english(body, origin)
    meta = dict(metadata or {})
    return Article(
        text=body,
        id=str(id) if id not in (None, "") else None,
        published=opts.date or _published(published, meta, origin),
        title=title,
        url=url.strip() if url else None,
        outlet=outlet or host_of(url),
        origin=origin,
        metadata=meta,
        encoding=encoding,
        mojibake_repaired=repaired,
    )


def article_from_record(
    record: Mapping[str, Any], *, origin: str, options: IngestOptions | None = None,
    guess_title: bool = False, encoding: str | None = None,
) -> Article:
    """An Article from a dict with text/id/date/title/url/outlet; other fields go to metadata.

    A known field of an unusable type (a title that is a list, a URL that is a number) is not
    used as such: it is kept in the metadata under its own name, so nothing given is lost."""
    text_key = next((k for k in TEXT_FIELDS if k in record), None)
    if text_key is None:
        raise InputError(origin, f"record has no text (expected a {TEXT_FIELDS[0]!r} field; it has {_keys(record)})")
    text = record[text_key]
    if not isinstance(text, str):
        raise InputError(origin, f"record field {text_key!r} is {type(text).__name__}, not a string")
    metadata = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    return article_from_text(
        text,
        origin=origin,
        options=options,
        id=_scalar(record, ID_FIELDS, metadata),
        published=_first(record, DATE_FIELDS),
        title=_scalar(record, TITLE_FIELDS, metadata),
        url=_scalar(record, URL_FIELDS, metadata),
        outlet=_outlet(_first(record, OUTLET_FIELDS)),
        metadata=metadata,
        guess_title=guess_title,
        encoding=encoding,
    )


def _scalar(record: Mapping[str, Any], names: tuple[str, ...], metadata: dict[str, Any]) -> str | None:
    """The first of ``names`` holding a string (or a number, as text); others go to metadata."""
    for name in names:
        value = record.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        metadata[name] = value
    return None


def _keys(record: Mapping[str, Any]) -> str:
    names = ", ".join(repr(k) for k in list(record)[:8])
    return names or "no fields"


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[n] for n in names if record.get(n) not in (None, "")), None)


def _outlet(value: Any) -> str | None:
    if isinstance(value, Mapping):  # NewsAPI: "source": {"id": ..., "name": ...}
        value = value.get("name") or value.get("id")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    return " ".join(str(value).split()) or None


def _check_size(text: str, origin: str, limit: int) -> None:
    if len(text) > limit:
        raise InputError(
            origin,
            f"article too large: {len(text):,} characters, over the limit of {limit:,} (option max_chars)",
        )


def _body(text: str, opts: IngestOptions, title: str | None) -> str:
    """The cleaned text. A headline the text repeats as its first paragraph stays in it: the
    events of headlines are coded like those of any other sentence."""
    return clean_text(text, opts.rules()) if opts.clean else normalise_characters(text).strip()


def split_title(body: str) -> tuple[str | None, str]:
    """(title, rest) when the first paragraph reads as a headline, else (None, body)."""
    first, _, rest = body.partition("\n\n")
    headline = (
        rest
        and len(first) <= 200
        and len(first.split()) <= 25
        and first[-1] not in ".!?;:,"
        and not DATELINE_RE.match(first)
    )
    return (first, rest) if headline else (None, body)


def _one_line(title: str | None) -> str | None:
    if not title:
        return None
    title, _ = repair_mojibake(str(title))
    return " ".join(normalise_characters(title).split()) or None


def _check_english(body: str, origin: str) -> None:
    if looks_english(body):
        return
    if latin_share(body) < MIN_LATIN_SHARE:
        raise InputError(origin, "text is not in English (mostly non-Latin script); eventwire codes English news only")
    words, ratio = english_ratio(body)
    raise InputError(
        origin,
        f"text does not look like English ({ratio:.0%} of {words:,} words are common English words); "
        "eventwire codes English news only",
    )


def _published(value: Any, metadata: dict[str, Any], origin: str) -> date | None:
    found = parse_date(value)
    if value not in (None, "") and found is None:
        log.warning("%s: cannot read the date %r; the article has no publication date", origin, value)
        metadata["unparsed_date"] = str(value)
    return found
