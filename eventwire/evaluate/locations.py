"""Score event locations on the shared event-location gold set.

Each record has ``text``, ``event_verbs`` ([{start, end, text}]) and ``expected_event_locations``
(the same, empty when the sentence names no place where the event happened). For each record
with a verb we predict one location span with :func:`eventwire.places.extract.locate`; a
prediction is right when it overlaps an expected span.

precision = right predictions / predictions made; recall = records with an expected location
that got a right prediction / records with an expected location.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import DataFileError
from eventwire.places.extract import locate

log = logging.getLogger(__name__)


def _records(path: Path) -> list[dict[str, Any]]:
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{path}:{line_no}: not JSON: {exc}") from None
    return records


def _trigger_index(doc: Doc, verb: dict[str, Any]) -> int | None:
    span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def _overlaps(start: int, end: int, expected: list[dict[str, Any]]) -> bool:
    return any(start < e["end"] and e["start"] < end for e in expected)


def predict(doc: Doc, verb: dict[str, Any]) -> tuple[int, int] | None:
    """The predicted location's character span for one gold verb, or None."""
    index = _trigger_index(doc, verb)
    if index is None:
        return None
    span = locate(doc, index)
    return (span.start_char, span.end_char) if span is not None else None


def score_locations(gold_path: Path | str, nlp: Language) -> dict[str, Any]:
    """Precision/recall of predicted event locations against the gold file."""
    records = [r for r in _records(Path(gold_path)) if r.get("event_verbs")]
    counts = {"records": len(records), "with_location": 0, "predicted": 0, "correct": 0,
              "found": 0}
    docs = nlp.pipe(r["text"] for r in records)
    for record, doc in zip(records, docs):
        expected = record.get("expected_event_locations") or []
        counts["with_location"] += bool(expected)
        hits = [predict(doc, verb) for verb in record["event_verbs"]]
        made = [h for h in hits if h is not None]
        right = [h for h in made if _overlaps(h[0], h[1], expected)]
        counts["predicted"] += len(made)
        counts["correct"] += len(right)
        counts["found"] += bool(expected) and bool(right)
    precision = counts["correct"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["found"] / counts["with_location"] if counts["with_location"] else 0.0
    return {"set": "event_location_gold", "precision": round(precision, 4),
            "recall": round(recall, 4), **counts}


def format_scores(scores: dict[str, Any]) -> str:
    return (f"event locations: precision {scores['precision']:.3f} "
            f"({scores['correct']}/{scores['predicted']}), recall {scores['recall']:.3f} "
            f"({scores['found']}/{scores['with_location']}) over {scores['records']} records")


def main(argv: list[str] | None = None) -> int:  # `python -m eventwire.evaluate_locations GOLD`
    import sys

    from eventwire.nlp.pipeline import load_base

    args = sys.argv[1:] if argv is None else argv
    print(format_scores(score_locations(Path(args[0]), load_base())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
