"""Documents to Arrow tables, column by column, with fixed types (the store's write format).

The write path never builds a Python row per event: each field becomes one Python list in a
single C-level pass over the events (``map(attrgetter(...))``), then one ``pa.array`` call per
column. Values DuckDB can derive (event ids, country codes, the event date's fallback to the
publication date) are computed in SQL on insert (``EVENT_DERIVED``). The evidence sentence is not
stored per event: it is ``articles.text`` cut at the evidence offsets (the ``events`` view).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from operator import attrgetter
from typing import Any, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.model import Actor, Document, Location, Quote

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()

# Stand-ins for a missing actor/location: one attribute pass then works for every event.
_NO_ACTOR = Actor(None)  # type: ignore[arg-type]
_NO_LOCATION = Location(None, precision=None, source=None)  # type: ignore[arg-type]

# Columns computed by DuckDB from the incoming Arrow table ``i`` (cheaper there than in Python):
# the event id, country-level codes for dyads, and the event's date (else the article's date,
# with precision 'article').
EVENT_DERIVED = """i.* EXCLUDE (day, day_precision, published),
    i.article_id || '-' || lpad(i.event_index::VARCHAR, 4, '0') AS event_id,
    substr(i.source_code, 1, 3) AS source_cc, substr(i.target_code, 1, 3) AS target_cc,
    coalesce(i.day, i.published) AS date,
    CASE WHEN i.day IS NULL THEN 'article' ELSE i.day_precision END AS date_precision"""

# (column, Arrow type, attribute path on the Event, or on its stand-in-filled actor/location).
_EVENT_FIELDS: list[tuple[str, pa.DataType, str]] = [
    ("sentence_index", _I, "sentence_index"),
    ("evidence_start", _I, "evidence.start"), ("evidence_end", _I, "evidence.end"),
    ("trigger_start", _I, "trigger.start"), ("trigger_end", _I, "trigger.end"),
    ("trigger_text", _S, "trigger.text"),
    ("cameo", _S, "cameo"), ("root", _S, "root"), ("quad", pa.int8(), "quad"),
    ("goldstein", _F, "goldstein"), ("day_precision", _S, "date_precision"),
    ("negated", _B, "negated"), ("hypothetical", _B, "hypothetical"),
    ("confidence", _F, "confidence"), ("pattern", _S, "pattern"),
]
_ACTOR_FIELDS = [("name", _S), ("code", _S), ("country", _S), ("role", _S)]
_LOCATION_FIELDS = [("name", _S), ("country", _S), ("lat", _F), ("lon", _F),
                    ("precision", _S), ("source", _S)]


def _actor_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{name}", kind) for name, kind in _ACTOR_FIELDS]


# The typed columns of an ``events`` (view) row, without the derived event_id/source_cc/target_cc:
# the contract exports build on (the write path itself goes column by column, see event_table).
EVENT_SCHEMA = pa.schema(
    [("article_id", _S), ("event_index", _I), ("sentence_index", _I),
     ("sentence", _S), ("evidence_start", _I), ("evidence_end", _I), ("trigger_start", _I),
     ("trigger_end", _I), ("trigger_text", _S)]
    + _actor_fields("source") + _actor_fields("target")
    + [("cameo", _S), ("root", _S), ("quad", pa.int8()),
       ("goldstein", _F), ("plover_event", _S), ("plover_mode", _S), ("plover_context", _S),
       ("date", _D), ("date_precision", _S), ("location_name", _S), ("location_country", _S),
       ("location_lat", _F), ("location_lon", _F), ("location_precision", _S),
       ("location_source", _S), ("negated", _B), ("hypothetical", _B), ("speaker_name", _S),
       ("speaker_code", _S), ("confidence", _F), ("pattern", _S), ("cluster_id", _S)]
)

QUOTE_SCHEMA = pa.schema(
    [("article_id", _S), ("quote_index", _I), ("sentence_index", _I), ("text", _S),
     ("speaker_name", _S), ("speaker_code", _S), ("start", _I), ("end", _I)]
)

ARTICLE_SCHEMA = pa.schema(
    [("id", _S), ("input_id", _S), ("title", _S), ("published", _D), ("url", _S),
     ("outlet", _S), ("origin", _S), ("text", _S), ("num_events", _I), ("num_quotes", _I)]
)

MENTION_SCHEMA = pa.schema(
    [("mention_id", _S), ("article_id", _S), ("url", _S), ("outlet", _S), ("origin", _S),
     ("title", _S), ("published", _D), ("seen_at", pa.timestamp("us"))]
)

LOG_SCHEMA = pa.schema(
    [("origin", _S), ("status", _S), ("reason", _S), ("article_id", _S),
     ("time", pa.timestamp("us"))]
)


def to_table(rows: Sequence[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    """Tuples to typed Arrow columns (for the per-article tables: a few rows per article)."""
    structs = pa.array(rows, type=pa.struct(list(schema)))
    return pa.Table.from_struct_array(structs).cast(schema)


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> date | None:
    """ISO day, month ("2024-05") or year ("2024") to the first day it covers; junk to None."""
    if not value:
        return None
    text = value[:10]
    padded = {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)
    try:
        return date.fromisoformat(padded)
    except ValueError:
        return None


def _column(objects: list[Any], path: str, kind: pa.DataType) -> pa.Array:
    return pa.array(list(map(attrgetter(path), objects)), kind)


def _days(values: list[str | None]) -> pa.Array:
    """Event date strings to dates, parsing each distinct string once (a batch has few)."""
    encoded = pc.dictionary_encode(pa.array(values, _S))
    days = pa.array([parse_date(v) for v in encoded.dictionary.to_pylist()], _D)
    return days.take(encoded.indices)


def _context(value: Any) -> str | None:
    """PLOVER context may be a list of tags: stored as one comma-separated string."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(str(part) for part in value)


def _plover_columns(events: list[Any]) -> dict[str, pa.Array]:
    plovers = [p or {} for p in map(attrgetter("plover"), events)]
    contexts = [p.get("context") for p in plovers]
    if not all(c is None or isinstance(c, str) for c in contexts):
        contexts = [_context(c) for c in contexts]
    return {"plover_event": pa.array([p.get("event") for p in plovers], _S),
            "plover_mode": pa.array([p.get("mode") for p in plovers], _S),
            "plover_context": pa.array(contexts, _S)}


def _filled(objects: list[Any], stand_in: Any) -> list[Any]:
    return [stand_in if o is None else o for o in objects]


def _nested_columns(events: list[Any]) -> dict[str, pa.Array]:
    """Actor, location and speaker fields, flattened to prefix_field columns."""
    columns: dict[str, pa.Array] = {}
    for prefix in ("source", "target"):
        actors = _filled(list(map(attrgetter(prefix), events)), _NO_ACTOR)
        for name, kind in _ACTOR_FIELDS:
            columns[f"{prefix}_{name}"] = _column(actors, name, kind)
    places = _filled(list(map(attrgetter("location"), events)), _NO_LOCATION)
    for name, kind in _LOCATION_FIELDS:
        columns[f"location_{name}"] = _column(places, name, kind)
    speakers = _filled(list(map(attrgetter("speaker"), events)), _NO_ACTOR)
    columns["speaker_name"] = _column(speakers, "name", _S)
    columns["speaker_code"] = _column(speakers, "code", _S)
    return columns


def event_table(docs: Sequence[tuple[str, Document]]) -> pa.Table:
    """Every event of the batch's documents, one Arrow column per field.

    ``day``/``day_precision`` (the event's own date) and ``published`` (its article's) become
    the stored ``date``/``date_precision`` in ``EVENT_DERIVED``.
    """
    counts = np.fromiter((len(doc.events) for _, doc in docs), np.int64, len(docs))
    events = [event for _, doc in docs for event in doc.events]
    owner = pa.array(np.repeat(np.arange(len(docs)), counts))
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    columns: dict[str, pa.Array] = {
        "article_id": pa.array([key for key, _ in docs], _S).take(owner),
        "event_index": pa.array((np.arange(len(events)) - starts).astype(np.int32)),
        "published": pa.array([doc.article.published for _, doc in docs], _D).take(owner),
        "day": _days(list(map(attrgetter("date"), events))),
    }
    for name, kind, path in _EVENT_FIELDS:
        columns[name] = _column(events, path, kind)
    columns.update(_nested_columns(events))
    columns.update(_plover_columns(events))
    columns["sentence"] = pa.array(_odd_sentences(docs), _S)
    return pa.table(columns)


def _odd_sentences(docs: Sequence[tuple[str, Document]]) -> list[str | None]:
    """None for each event whose sentence is its evidence span in the text (the view derives it);
    the sentence itself otherwise, so a coder that breaks this contract loses nothing."""
    return [None if doc.text[e.evidence.start:e.evidence.end] == e.sentence else e.sentence
            for _, doc in docs for e in doc.events]


def article_row(doc: Document, key: str, outlet: str | None) -> tuple[Any, ...]:
    art = doc.article
    return (key, art.id, art.title, art.published, art.url, outlet, art.origin, doc.text,
            len(doc.events), len(doc.quotes))


def quote_row(quote: Quote, article_id: str, index: int) -> tuple[Any, ...]:
    speaker = quote.speaker
    return (
        article_id, index, quote.sentence_index, quote.text,
        speaker.name if speaker else None, speaker.code if speaker else None,
        quote.evidence.start, quote.evidence.end,
    )


def now() -> datetime:
    """Naive UTC timestamp (DuckDB TIMESTAMP has no zone)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
