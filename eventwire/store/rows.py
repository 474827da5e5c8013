"""Documents to Arrow tables, column by column, with fixed types (the store's write format).

Rows are built as tuples and transposed once: Python work per event stays a single tuple, and
DuckDB reads the Arrow columns in bulk (never row-by-row inserts).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Iterable, Sequence

import pyarrow as pa

from eventwire.model import Actor, Event, Quote

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()


def _actor_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{name}", _S) for name in ("name", "code", "country", "role")]


# Derived columns (event_id, source_cc, target_cc) are computed by DuckDB on insert
# (``EVENT_DERIVED``): cheaper there than per event in Python.
EVENT_DERIVED = ("article_id || '-' || lpad(event_index::VARCHAR, 4, '0') AS event_id, "
                 "substr(source_code, 1, 3) AS source_cc, substr(target_code, 1, 3) AS target_cc")

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
    """Tuples to typed Arrow columns. Converting them as one struct array is a single C++ pass
    over the Python objects (about 3x faster than transposing and converting column by column)."""
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


def _actor(actor: Actor | None) -> tuple[Any, Any, Any, Any]:
    if actor is None:
        return (None, None, None, None)
    return (actor.name, actor.code, actor.country, actor.role)


def event_row(
    event: Event, article_id: str, index: int, published: date | None
) -> tuple[Any, ...]:
    """One events-table row; the event's own date, else the article's (precision 'article')."""
    day = parse_date(event.date)
    precision = event.date_precision if day else "article"
    loc, src, tgt, plover = event.location, event.source, event.target, event.plover or {}
    return (
        article_id, index, event.sentence_index, event.sentence,
        event.evidence.start, event.evidence.end, event.trigger.start, event.trigger.end,
        event.trigger.text, *_actor(src), *_actor(tgt), event.cameo, event.root, event.quad, event.goldstein,
        plover.get("event"), plover.get("mode"), _context(plover.get("context")),
        day or published, precision,
        *((loc.name, loc.country, loc.lat, loc.lon, loc.precision, loc.source) if loc
          else (None,) * 6),
        event.negated, event.hypothetical,
        event.speaker.name if event.speaker else None,
        event.speaker.code if event.speaker else None,
        event.confidence, event.pattern, None,
    )


def _context(value: Any) -> str | None:
    """PLOVER context may be a list of tags: stored as one comma-separated string."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(str(part) for part in value)


def quote_row(quote: Quote, article_id: str, index: int) -> tuple[Any, ...]:
    speaker = quote.speaker
    return (
        article_id, index, quote.sentence_index, quote.text,
        speaker.name if speaker else None, speaker.code if speaker else None,
        quote.evidence.start, quote.evidence.end,
    )


def event_rows(
    events: Iterable[Event], article_id: str, published: date | None
) -> list[tuple[Any, ...]]:
    return [event_row(e, article_id, i, published) for i, e in enumerate(events)]


def now() -> datetime:
    """Naive UTC timestamp (DuckDB TIMESTAMP has no zone)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
