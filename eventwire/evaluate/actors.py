"""Scoring actor resolution on NGEC-style actor tests (``method``, ``input``, ``expect``).

Each record names a phrase (``input.text``), optionally a context word or sentence
(``input.context``) and a date (``input.query_date``: "today" is the current date; no date is
left as none, so a person takes the latest office: NGEC would take today, but its tests were
written in 2022-23, and the current date ages their office holders out). The phrase is
coded as the subject of a sentence ("<Phrase> said on Monday.", after the context as a sentence of
its own) by the pipeline's actor step, and the actor the event coder would take for that subject
(``actor_for`` on the phrase's head) is compared with ``expect``.

Only the methods that test resolution itself are scored (``agent_to_code``,
``short_text_to_agent``, ``search_nat``); ``query_wiki`` and ``trf_agent_match`` test NGEC's
Wikipedia look-up, which eventwire does not have: they are counted as skipped.

Measures (each over the records that expect that field):
- country: expected ``country``/``country_code`` against Actor.country, with CAMEO aliases
  (evaluate.ALIASES); ``''`` means no country; ``IGO`` means any IGO, ``UNO``/``EUR`` an IGO of
  the UN system / of Europe (CAMEO ``IGOUNO...``/``IGOEUR...``);
- role: expected ``code_1`` against Actor.role; ``''`` means no role. NGEC's sector codes that
  name the same thing as one of eventwire's are read as it (ROLE_EQUIVALENTS: NGEC's MED is
  medical, CAMEO's HLH; a paramilitary is a militia, UAF; ``UNK``/``JNK`` say that no role is
  known, like eventwire's null role);
- none: an expected None means eventwire gives no actor (none at all, or one with neither
  country nor role: an unknown name keeps its name and a null code);
- all: every checked field of the record right.
Several asserts on one field (the source asserts ``code_1`` twice for a code and a sub-code) are
alternatives. Fields eventwire has no equivalent for (wiki, actor_wiki_job, code_2, pattern,
source, remaining_text) are not checked; a record left with nothing to check is skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.evaluate.events import ALIASES
from eventwire.evaluate.locations import _records as read_jsonl
from eventwire.model import Actor

log = logging.getLogger(__name__)

CHECKED_METHODS = frozenset({"agent_to_code", "short_text_to_agent", "search_nat"})
# the expect fields eventwire can answer, and the measure each one counts in
MEASURE_OF_FIELD = {"country": "country", "country_code": "country", "code_1": "role"}
NONE_OPS = frozenset({"is None", "falsy"})
# NGEC (PLOVER sector) codes read as the eventwire (CAMEO) role that means the same thing: its MED
# is medical (CAMEO HLH) and JRN the media (CAMEO MED); a paramilitary is a militia (UAF); UNK and
# JNK say that no role is known
ROLE_EQUIVALENTS = {"MED": "HLH", "JRN": "MED", "PRM": "UAF", "UNK": "", "JNK": ""}
# NGEC's country slot for IGOs: any IGO, or one of a region (CAMEO IGO + region code)
IGO_REGIONS = frozenset({"UNO", "EUR"})
SUBJECT_TEMPLATE = "{phrase} said on Monday."


@dataclass
class Outcome:
    """One scored record: what was expected, what eventwire gave, which checks held."""

    id: str
    text: str
    actor: Actor | None
    checks: dict[str, bool] = field(default_factory=dict)  # measure -> right

    @property
    def right(self) -> bool:
        return all(self.checks.values())


def is_actor_set(path: Path | str) -> bool:
    """True when the file's first record is an actor test (has ``method`` and ``expect``)."""
    with open(path, encoding="utf-8") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and "method" in record and "expect" in record


def read_actor_records(path: Path | str) -> list[dict[str, Any]]:
    """The file's records (a line that is not JSON raises DataFileError naming it)."""
    return read_jsonl(Path(path))


def query_date(value: object, today: date | None = None) -> date | None:
    """The record's date: "today" is the current date, else an ISO or written date; no date, or
    one that cannot be read, gives None (a person then takes the latest office)."""
    if not isinstance(value, str) or not value.strip():
        return None
    if value.strip().lower() == "today":
        return today or date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"])
        return parsed.date() if parsed else None


def expectations(record: dict[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    """measure -> [(op, value)] for the fields eventwire can answer."""
    found: dict[str, list[tuple[str, Any]]] = {}
    for item in record.get("expect") or []:
        op = item.get("op")
        if op in NONE_OPS and item.get("field") is None:
            found.setdefault("none", []).append((op, None))
        elif item.get("field") in MEASURE_OF_FIELD:
            found.setdefault(MEASURE_OF_FIELD[item["field"]], []).append((op, item.get("value")))
    return found


def actor_view(actor: Actor | None) -> tuple[str, str]:
    """(country, role) of an actor in NGEC's layout: '' for none; IGOs keep their region."""
    if actor is None:
        return "", ""
    country = actor.country or ""
    if country == "NGO":  # NGEC gives an NGO no country and the sector NGO
        return "", actor.role or "NGO"
    return country, actor.role or ""


def country_fits(want: str, actor: Actor | None) -> bool:
    got, _ = actor_view(actor)
    want = ALIASES.get(want.upper(), want.upper()) if want else ""
    if got == "IGO" and want in IGO_REGIONS:
        return (actor.code or "")[3:6] == want if actor is not None else False
    return got == want


def role_fits(want: str, actor: Actor | None) -> bool:
    _, got = actor_view(actor)
    want = ROLE_EQUIVALENTS.get(want, want) if want else ""
    return got == want


def gives_actor(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.country or actor.role)


def fits(measure: str, op: str, value: Any, actor: Actor | None) -> bool:
    if measure == "none":
        return not gives_actor(actor)
    test = country_fits if measure == "country" else role_fits
    if op == "in" and isinstance(value, list):
        return any(test(str(v), actor) for v in value)
    if op == "!=":
        return not test(str(value or ""), actor)
    return test(str(value or ""), actor)


def check(record: dict[str, Any], actor: Actor | None) -> dict[str, bool]:
    """measure -> right, for the measures the record expects (alternatives on one field)."""
    return {measure: any(fits(measure, op, value, actor) for op, value in wanted)
            for measure, wanted in expectations(record).items()}


def subject_text(record: dict[str, Any]) -> tuple[str, int, int]:
    """The sentence to parse and the character span of the phrase in it."""
    inputs = record.get("input") or {}
    phrase = str(inputs.get("text") or "").strip()
    phrase = phrase[:1].upper() + phrase[1:]  # a subject opens its sentence
    context = str(inputs.get("context") or "").strip()
    prefix = f"{context.rstrip('.')}. " if context else ""
    return prefix + SUBJECT_TEMPLATE.format(phrase=phrase), len(prefix), len(prefix) + len(phrase)


def subject_actor(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor of the phrase at [start, end) as the event coder would take it for a subject."""
    from eventwire.actors.component import actor_for

    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return actor_for(doc, span.root)


def actor_pipeline(nlp: Language | None) -> Language:
    """spaCy with the actor step only (the later steps do not change actors)."""
    from eventwire.actors import component  # noqa: F401  (registers the factory)
    from eventwire.nlp.pipeline import add_eventwire, load_base

    if nlp is None:
        return add_eventwire(load_base(), ["eventwire_actors"])
    return nlp


def resolve_records(records: list[dict[str, Any]], nlp: Language | None = None,
                    today: date | None = None) -> Iterable[tuple[dict[str, Any], Actor | None]]:
    """(record, actor) for every record of a checked method, in order."""
    nlp = actor_pipeline(nlp)
    later = [n for n in nlp.pipe_names if n.startswith("eventwire_") and n != "eventwire_actors"]
    spans, docs = [], []
    for record in records:
        text, start, end = subject_text(record)
        doc = nlp.make_doc(text)
        doc._.published = query_date((record.get("input") or {}).get("query_date"), today)
        spans.append((start, end))
        docs.append(doc)
    with nlp.select_pipes(disable=later):
        for record, (start, end), doc in zip(records, spans, nlp.pipe(docs)):
            yield record, subject_actor(doc, start, end)


def actor_outcomes(path: Path | str, nlp: Language | None = None,
                   today: date | None = None) -> tuple[list[Outcome], int, int]:
    """Outcomes of the scored records, the number of records, the number skipped."""
    records = read_actor_records(path)
    scored = [r for r in records if r.get("method") in CHECKED_METHODS and expectations(r)]
    outcomes = []
    for record, actor in resolve_records(scored, nlp, today):
        outcome = Outcome(record.get("id", ""), (record.get("input") or {}).get("text", ""), actor,
                          check(record, actor))
        if not outcome.right:
            log.debug("actor miss %s %r -> %s: %s", outcome.id, outcome.text, actor, outcome.checks)
        outcomes.append(outcome)
    return outcomes, len(records), len(records) - len(scored)


def score_actor_set(path: Path | str, nlp: Language | None = None, today: date | None = None) -> dict[str, Any]:
    """Accuracy of country, role, none and all-fields on an actor test file."""
    outcomes, total, skipped = actor_outcomes(path, nlp, today)

    def accuracy(measure: str) -> float:
        asked = [o.checks[measure] for o in outcomes if measure in o.checks]
        return round(sum(asked) / len(asked), 4) if asked else 0.0

    return {
        "set": Path(path).stem,
        "records": total,
        "skipped": skipped,
        "country": accuracy("country"),
        "role": accuracy("role"),
        "none": accuracy("none"),
        "all": round(sum(o.right for o in outcomes) / len(outcomes), 4) if outcomes else 0.0,
    }


__all__ = ["Outcome", "actor_outcomes", "is_actor_set", "score_actor_set"]
