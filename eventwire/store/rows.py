"""Documents to Arrow tables, column by column, with fixed types (the store's write format).

The write path never builds a Python row per event: one C-level pass reads every attribute
(``attrgetter`` of many names), ``zip`` transposes, and each column is one ``pa.array`` call.
Every stored column is computed here, the event date's fallback to the publication date and the
dedup block id included (the clusterer needs them before the rows reach the store). Event ids
and country-level codes are not stored (the view derives them), nor is the evidence sentence:
it is ``articles.text`` cut at the evidence offsets (the ``events`` view).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import date, datetime, timezone
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, is_
from typing import Any, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.model import Actor, Document, Location, Quote
from eventwire.store.keys import block_id

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()

# Stand-ins for a missing actor/location: one attribute pass then works for every event.
_NO_ACTOR = Actor(None)  # type: ignore[arg-type]
_NO_LOCATION = Location(None, precision=None, source=None)  # type: ignore[arg-type]

# Event attributes read in one C-level pass (``attrgetter`` of many names, then ``zip`` to
# transpose): plain columns with their types, then the nested records flattened below.
_PLAIN = [("sentence_index", _I), ("trigger_text", _S), ("cameo", _S), ("root", _S),
          ("quad", pa.int8()), ("goldstein", _F), ("day_precision", _S), ("negated", _B),
          ("hypothetical", _B), ("confidence", _F), ("pattern", _S)]
_NESTED = ["date", "evidence", "trigger", "source", "target", "location", "speaker", "plover"]
_READ = attrgetter("sentence_index", "trigger.text", "cameo", "root", "quad", "goldstein",
                   "date_precision", "negated", "hypothetical", "confidence", "pattern",
                   *_NESTED)
_ACTOR_FIELDS = [("name", _S), ("code", _S), ("country", _S), ("role", _S)]
_LOCATION_FIELDS = [("name", _S), ("country", _S), ("lat", _F), ("lon", _F),
                    ("precision", _S), ("source", _S)]
_SPEAKER_FIELDS = [("name", _S), ("code", _S)]


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
     ("outlet", _S), ("origin", _S), ("text", _S), ("num_events", _I), ("num_quotes", _I),
     ("encoding", _S), ("mojibake_repaired", _B)]
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


def _fields(objects: tuple[Any, ...], prefix: str, fields: list[tuple[str, pa.DataType]],
            stand_in: Any) -> dict[str, pa.Array]:
    """Columns ``prefix_field`` from optional records (None where the record is missing)."""
    n = len(objects)
    missing = sum(map(is_, objects, repeat(None)))  # tuple.count(None) would call __eq__
    if missing == n:
        return {f"{prefix}_{name}": pa.nulls(n, kind) for name, kind in fields}
    if missing:
        objects = tuple(stand_in if o is None else o for o in objects)
    # one struct conversion of the attribute tuples (no Python transpose), then its fields
    structs = pa.array(list(map(attrgetter(*(name for name, _ in fields)), objects)),
                       pa.struct(fields))
    return {f"{prefix}_{name}": column for (name, _), column in zip(fields, structs.flatten())}


def _days(values: Sequence[str | None]) -> pa.Array:
    """Event date strings to dates, parsing each distinct string once (a batch has few)."""
    encoded = pc.dictionary_encode(pa.array(values, _S))
    days = pa.array([parse_date(v) for v in encoded.dictionary.to_pylist()], _D)
    return days.take(encoded.indices)


def _context(value: Any) -> str | None:
    """PLOVER context may be a list of tags: stored as one comma-separated string."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(str(part) for part in value)


_PLOVER = pa.struct([("event", _S), ("mode", _S), ("context", _S)])


def _plover_columns(plovers: tuple[Any, ...]) -> dict[str, pa.Array]:
    try:  # one C-level conversion of the dicts; a list-valued context needs the slow path
        structs = pa.array(plovers, _PLOVER)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        structs = pa.array([_plover_record(p) for p in plovers], _PLOVER)
    # flatten, not field(): a missing plover (a null struct) must give null fields
    return {f"plover_{name}": column for name, column in zip(_PLOVER.names, structs.flatten())}


def _plover_record(plover: dict[str, Any] | None) -> dict[str, Any]:
    plover = plover or {}
    return {"event": plover.get("event"), "mode": plover.get("mode"),
            "context": _context(plover.get("context"))}


_SPAN = pa.struct([("start", _I), ("end", _I)])


def _span_columns(spans: tuple[Any, ...], prefix: str) -> dict[str, pa.Array]:
    starts, ends = pa.array(list(map(attrgetter("start", "end"), spans)), _SPAN).flatten()
    return {f"{prefix}_start": starts, f"{prefix}_end": ends}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The batch's hundreds of thousands of short-lived tuples would trigger full cyclic-GC
    passes over every live object (they create no cycles): pause it while building."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def event_table(docs: Sequence[tuple[str, Document]]) -> pa.Table:
    """Every event of the batch's documents, one Arrow column per field (see ``_event_table``)."""
    with _gc_paused():
        return _event_table(docs)


def _event_table(docs: Sequence[tuple[str, Document]]) -> pa.Table:
    """Every event of the batch's documents, one Arrow column per field.

    ``date`` is the event's own date, else its article's (``date_precision`` 'article').
    """
    counts = np.fromiter((len(doc.events) for _, doc in docs), np.int64, len(docs))
    events = [event for _, doc in docs for event in doc.events]
    owner = pa.array(np.repeat(np.arange(len(docs)), counts))
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    values = list(zip(*map(_READ, events)))
    plain, nested = values[:len(_PLAIN)], dict(zip(_NESTED, values[len(_PLAIN):]))
    columns: dict[str, pa.Array] = {
        "article_id": pa.array([key for key, _ in docs], _S).take(owner),
        "event_index": pa.array((np.arange(len(events)) - starts).astype(np.int32)),
    }
    columns.update({name: pa.array(column, kind) for (name, kind), column in zip(_PLAIN, plain)})
    published = pa.array([doc.article.published for _, doc in docs], _D).take(owner)
    columns.update(_event_dates(_days(nested["date"]), published, columns.pop("day_precision")))
    columns.update(_span_columns(nested["evidence"], "evidence"))
    columns.update(_span_columns(nested["trigger"], "trigger"))
    for prefix in ("source", "target"):
        columns.update(_fields(nested[prefix], prefix, _ACTOR_FIELDS, _NO_ACTOR))
    columns.update(_fields(nested["location"], "location", _LOCATION_FIELDS, _NO_LOCATION))
    columns.update(_fields(nested["speaker"], "speaker", _SPEAKER_FIELDS, _NO_ACTOR))
    columns.update(_plover_columns(nested["plover"]))
    columns["sentence"] = pa.array(_odd_sentences(docs), _S)
    columns["block_id"] = block_ids(block_keys(columns))
    columns["cluster_id"] = pa.nulls(len(events), _S)
    return pa.table(columns)


def _event_dates(day: pa.Array, published: pa.Array, precision: pa.Array) -> dict[str, pa.Array]:
    """The event's own date, else its article's, with precision 'article' (said so)."""
    undated = pc.is_null(day)
    return {"date": pc.coalesce(day, published),
            "date_precision": pc.if_else(undated, pa.scalar("article", _S), precision)}


def _actor_key(code: pa.Array, name: pa.Array) -> pa.Array:
    named = pc.binary_join_element_wise("name:", pc.utf8_lower(name), "")
    return pc.coalesce(code, named, pa.scalar("-", _S))


def block_keys(columns: dict[str, pa.Array] | pa.Table) -> pa.Array:
    """Each event's dedup block key, as ``keys.BLOCK_KEY_SQL`` spells it in SQL."""
    negated = pc.if_else(pc.fill_null(columns["negated"], False), "neg", "pos")
    return pc.binary_join_element_wise(
        _actor_key(columns["source_code"], columns["source_name"]),
        _actor_key(columns["target_code"], columns["target_name"]),
        pc.coalesce(columns["root"], pa.scalar("-", _S)), negated, "|")


def block_ids(keys: pa.Array) -> pa.Array:
    """Block keys to stored ids, hashing each distinct key of the batch once."""
    encoded = pc.dictionary_encode(keys)
    ids = pa.array([block_id(k) for k in encoded.dictionary.to_pylist()], pa.uint64())
    return ids.take(encoded.indices)


def _odd_sentences(docs: Sequence[tuple[str, Document]]) -> list[str | None]:
    """None for each event whose sentence is its evidence span in the text (the view derives it);
    the sentence itself otherwise, so a coder that breaks this contract loses nothing."""
    return [None if doc.text[e.evidence.start:e.evidence.end] == e.sentence else e.sentence
            for _, doc in docs for e in doc.events]


def sentences(docs: Sequence[tuple[str, Document]]) -> list[str | None]:
    """Each event's evidence sentence, as the ``events`` view gives it back."""
    return [e.sentence for _, doc in docs for e in doc.events]


def event_urls(docs: Sequence[tuple[str, Document]]) -> pa.Array:
    """Each event's article URL (the article's first URL, as ``articles.url`` stores it)."""
    counts = np.fromiter((len(doc.events) for _, doc in docs), np.int64, len(docs))
    urls = pa.array([doc.article.url for _, doc in docs], _S)
    return urls.take(pa.array(np.repeat(np.arange(len(docs)), counts)))


def article_row(doc: Document, key: str, outlet: str | None) -> tuple[Any, ...]:
    art = doc.article
    return (key, art.id, art.title, art.published, art.url, outlet, art.origin, doc.text,
            len(doc.events), len(doc.quotes), art.encoding, art.mojibake_repaired)


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
