"""Scoring the coder on gold sets in the shared format (id, text, date, expected_events).

Measures (DESIGN.md, "Scoring"):
- root recall: share of records with expected events for which some predicted event has an
  expected root; code recall: the same with the exact code;
- precision: share of predicted events whose root matches an expected event of their record
  (records that expect no event count every prediction as wrong);
- dyad: share of records where a predicted event has the expected root and the expected source
  and target at country/IGO level (first three letters, CAMEO aliases such as JAP = JPN; a bare
  IGO/NGO matches any organisation of that kind; ``---`` matches an actor of unknown country; a
  gold side that is empty is not compared);
- for PETR2-style sets also F1 over (source, target, root) triples.
PLOVER sets compare the PLOVER event type (``code_current_plover_derived``) instead of roots.
Other kinds of set have their own modules in this package.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.coding import Coder
from eventwire.errors import InputError
from eventwire.model import Actor, Article, Document, Event

log = logging.getLogger(__name__)

ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "UAR": "EGY", "GMY": "DEU", "SPN": "ESP"}
ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM")


def country_of(code: str | None) -> str | None:
    if not code:
        return None
    head = code[:3].upper()
    return ALIASES.get(head, head)


def actor_matches(gold: str | None, predicted: Actor | None) -> bool:
    """Compare one gold actor code (possibly 'A;B' compound) with a predicted actor."""
    if not gold:
        return True
    got = country_of(predicted.code) if predicted and predicted.code else None
    for part in gold.split(";"):
        want = country_of(part.strip())
        if want == "---":
            if predicted is not None and got is None:
                return True
        elif want in ORG_PREFIXES and part.strip().upper() in ORG_PREFIXES:
            if got in ORG_PREFIXES:
                return True
        elif got == want:
            return True
    return False


@dataclass
class Record:
    id: str
    text: str
    date: str | None
    expected: list[dict[str, Any]]
    plover: bool

    def expected_types(self) -> set[str]:
        if self.plover:
            return {e.get("code_current_plover_derived") or e["code"] for e in self.expected}
        return {e["code"][:2] for e in self.expected}


def predicted_type(event: Event, plover: bool) -> str | None:
    return event.plover.get("event") if plover else event.root


@dataclass
class SetScore:
    name: str
    records: int = 0
    with_expected: int = 0
    root_hits: int = 0
    code_hits: int = 0
    dyad_hits: int = 0
    predicted: int = 0
    predicted_right: int = 0
    triples_gold: int = 0
    triples_predicted: int = 0
    triples_matched_gold: int = 0
    triples_matched_pred: int = 0
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        p = ratio(self.triples_matched_pred, self.triples_predicted)
        r = ratio(self.triples_matched_gold, self.triples_gold)
        return {
            "set": self.name,
            "records": self.records,
            "root_recall": ratio(self.root_hits, self.with_expected),
            "code_recall": ratio(self.code_hits, self.with_expected),
            "precision": ratio(self.predicted_right, self.predicted),
            "dyad": ratio(self.dyad_hits, self.with_expected),
            "triple_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "predicted_events": self.predicted,
            "failed_inputs": len(self.failed),
        }


def read_records(path: Path) -> list[Record]:
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            expected = raw.get("expected_events") or []
            plover = any(str(e.get("ontology", "")).startswith("PLOVER") for e in expected)
            records.append(Record(raw["id"], raw.get("text") or "", raw.get("date"), expected, plover))
    return records


def _triple_match(gold: dict[str, Any], event: Event, plover: bool) -> bool:
    want = gold.get("code_current_plover_derived") or gold["code"] if plover else gold["code"][:2]
    return (predicted_type(event, plover) == want
            and actor_matches(gold.get("source_actor"), event.source)
            and actor_matches(gold.get("target_actor"), event.target))


def score_record(score: SetScore, record: Record, doc: Document | None) -> None:
    events = doc.events if doc else []
    types = record.expected_types()
    score.records += 1
    score.predicted += len(events)
    score.predicted_right += sum(1 for e in events if predicted_type(e, record.plover) in types)
    score.triples_gold += len(record.expected)
    score.triples_predicted += len(events)
    score.triples_matched_gold += sum(1 for g in record.expected if any(_triple_match(g, e, record.plover) for e in events))
    score.triples_matched_pred += sum(1 for e in events if any(_triple_match(g, e, record.plover) for g in record.expected))
    if not record.expected:
        return
    score.with_expected += 1
    score.root_hits += any(predicted_type(e, record.plover) in types for e in events)
    codes = {g["code"] for g in record.expected}
    score.code_hits += any(e.cameo in codes for e in events) if not record.plover else 0
    score.dyad_hits += any(_triple_match(g, e, record.plover) for g in record.expected for e in events)


def _articles(records: Iterable[Record], score: SetScore) -> Iterable[tuple[Record, Article | None]]:
    from eventwire.ingest import article_from_text

    for record in records:
        try:
            yield record, article_from_text(record.text, origin=record.id, published=record.date,
                                            id=record.id)
        except InputError as exc:
            score.failed.append(str(exc))
            yield record, None


def score_set(path: Path, coder: Coder) -> SetScore:
    score = SetScore(Path(path).stem)
    pairs = list(_articles(read_records(Path(path)), score))
    docs = iter(coder.code_articles(a for _, a in pairs if a is not None))
    for record, article in pairs:
        score_record(score, record, next(docs) if article is not None else None)
    return score
