"""Plain-text articles (.txt): the file's content is one article.

A headline-like first line (short, no final punctuation, then a blank line) becomes the title.
The date comes from an optional sidecar ``<name>.meta.json`` next to the file
({"date", "title", "url", "outlet", "id", ...: other keys are kept as metadata}), else from a
dated dateline ("WASHINGTON, Dec. 1, 2021 (Reuters) —").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.article import article_from_record
from eventwire.ingest.dates import dateline_date
from eventwire.ingest.decode import decode_bytes
from eventwire.ingest.limits import time_limit
from eventwire.ingest.options import IngestOptions
from eventwire.ingest.sources import Source, sidecar_path
from eventwire.model import Article


def read_plain(source: Source, options: IngestOptions) -> Iterator[Article | InputError]:
    data = source.read_bytes(options.max_text_bytes)
    with time_limit(options.time_limit, source.origin):
        decoded = decode_bytes(data, source.origin)
        record = {**read_sidecar(source), "text": decoded.text}
        article = article_from_record(record, origin=source.origin, options=options, guess_title=True,
                                      encoding=decoded.encoding)
        if article.published is None:
            article.published = dateline_date(article.text)
    if article.outlet is None and source.path is not None:
        article.outlet = source.path.resolve().parent.name or None
    yield article


def read_sidecar(source: Source) -> dict[str, Any]:
    """The metadata in ``<name>.meta.json`` next to the file, or {} when there is none."""
    if source.path is None:
        return {}
    path = sidecar_path(source.path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(source.origin, f"sidecar {path.name} is not readable JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(source.origin, f"sidecar {path.name} must hold a JSON object, not {type(data).__name__}")
    data.pop("text", None)  # the article text is the file's content, never the sidecar's
    return data
