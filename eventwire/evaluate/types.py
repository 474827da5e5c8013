"""Event-type recall on snippets labelled with ACLED sub-event types (the CASE 2021 task 2 set).

Each snippet carries one label ("ARMED_CLASH", "PEACE_PROTEST", "NATURAL_DISASTER", ...).
``data/acled_to_cameo.csv`` says under which CAMEO roots an event of that type is coded; a
snippet counts as found when the coder gives it at least one event with one of those roots.
Disaster labels ("none") count as clean when the coder gives no violent event (roots 18-20):
floods and crashes kill, but nobody attacked anybody. Labels with no clear CAMEO reading are
not scored. Actors are not annotated in this set, so only types are scored.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import DataFileError, InputError

if TYPE_CHECKING:
    from eventwire.coding import Coder

VIOLENT_ROOTS = {"18", "19", "20"}
ONTOLOGY_PREFIX = "CASE2021"


def is_type_set(path: Path) -> bool:
    """A gold file whose events are labelled with ACLED-style types (CASE 2021 task 2)."""
    with open(path, encoding="utf-8") as fh:
        first = fh.readline()
    return f'"ontology": "{ONTOLOGY_PREFIX}' in first


def type_roots() -> dict[str, set[str]]:
    """Label -> CAMEO roots (an empty set: a disaster, which no violent event should code)."""
    text = resources.files("eventwire").joinpath("data", "acled_to_cameo.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO("".join(l for l in text.splitlines(True) if not l.startswith("#"))))
    table: dict[str, set[str]] = {}
    for row in rows:
        roots = row["roots"].split()
        if not roots or any(r != "none" and not (len(r) == 2 and r.isdigit()) for r in roots):
            raise DataFileError(f"acled_to_cameo.csv: bad roots for {row['label']!r}: {row['roots']!r}")
        table[row["label"]] = set() if roots == ["none"] else set(roots)
    return table


def score_type_set(path: Path, coder: "Coder") -> dict[str, Any]:
    from eventwire.ingest import article_from_text

    table = type_roots()
    scored, articles, failed = [], [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            label = (record.get("expected_events") or [{}])[0].get("code")
            if label not in table:
                continue
            try:
                articles.append(article_from_text(record.get("text") or "", origin=record["id"], id=record["id"]))
            except InputError:
                failed += 1
                continue
            scored.append(table[label])
    found = clean = typed = disasters = 0
    for roots, doc in zip(scored, coder.code_articles(articles)):
        got = {e.root for e in doc.events}
        if roots:
            typed += 1
            found += bool(got & roots)
        else:
            disasters += 1
            clean += not (got & VIOLENT_ROOTS)
    return {
        "set": Path(path).stem,
        "records": len(scored),
        "type_recall": round(found / typed, 4) if typed else 0.0,
        "disaster_clean": round(clean / disasters, 4) if disasters else 0.0,
        "failed_inputs": failed,
    }
