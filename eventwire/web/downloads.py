"""Tables as downloads: CSV (one flat row per record) and JSONL (one JSON record a line).

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a
spreadsheet: article text can carry one, so such text cells get a leading apostrophe (OWASP's
advice for CSV injection); numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any, Iterable, Literal

from fastapi.responses import Response

Format = Literal["json", "csv", "jsonl"]

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """Nested records one level down become prefixed columns (trigger.start -> trigger_start);
    lists are left out of a flat row."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update({f"{key}_{k}": v for k, v in value.items()})
        elif not isinstance(value, list):
            flat[key] = value
    return flat


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def to_csv(records: Iterable[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _cell(v) for k, v in flatten(record).items()})
    return out.getvalue()


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, default=_json_default, ensure_ascii=False) + "\n"
                   for r in records)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def download(records: list[dict[str, Any]], fmt: Format, name: str,
             columns: list[str]) -> Response:
    """``records`` as an attachment ``name.csv`` or ``name.jsonl``."""
    body = to_csv(records, columns) if fmt == "csv" else to_jsonl(records)
    return Response(body, media_type=MEDIA_TYPES[fmt], headers={
        "content-disposition": f'attachment; filename="{name}.{fmt}"'})


def columns_of(model: Any) -> list[str]:
    """The flat CSV columns of a pydantic record type, its own fields before those it inherits
    (nested records as prefixed columns, lists left out)."""
    names: list[str] = []
    for name in _own_first(model):
        field = model.model_fields[name]
        nested = getattr(field.annotation, "model_fields", None) or _optional_model(field)
        if nested:
            names += [f"{name}_{sub}" for sub in nested]
        elif "list" not in str(field.annotation):
            names.append(name)
    return names


def _own_first(model: Any) -> list[str]:
    ordered: list[str] = []
    for cls in model.__mro__:
        for name in getattr(cls, "__annotations__", {}):
            if name in model.model_fields and name not in ordered:
                ordered.append(name)
    return ordered


def _optional_model(field: Any) -> dict[str, Any] | None:
    for arg in getattr(field.annotation, "__args__", ()):
        if hasattr(arg, "model_fields"):
            return arg.model_fields
    return None
