"""Event types on ACLED-labelled snippets: found when a coded root fits the label; disasters clean
when nothing violent is coded; labels with no CAMEO reading are not scored."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.coding import Coder
from eventwire.evaluate.types import is_type_set, score_type_set, type_roots

ONTOLOGY = "CASE2021-Task2 (ACLED sub-event types + unseen types)"


def write(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, (label, text) in enumerate(rows):
            event = {"source_actor": None, "target_actor": None, "code": label, "ontology": ONTOLOGY}
            fh.write(json.dumps({"id": f"t{i}", "text": text, "date": None, "expected_events": [event]}) + "\n")
    return path


def test_the_label_table_maps_types_to_roots() -> None:
    table = type_roots()
    assert table["PEACE_PROTEST"] == {"14"}
    assert table["NATURAL_DISASTER"] == set()  # a disaster: no attack should be coded
    assert "ORG_CRIME" not in table  # no clear CAMEO reading: not scored


def test_types_found_disasters_clean_and_unscored_labels(tmp_path: Path, nlp) -> None:
    gold = write(tmp_path / "case.jsonl", [
        ("PEACE_PROTEST", "Thousands of students demonstrated in Nairobi on Tuesday."),
        ("ARMED_CLASH", "The weather was fine in Lyon on Sunday."),
        ("NATURAL_DISASTER", "Floods killed 30 people in Bangladesh."),
        ("ORG_CRIME", "A gang robbed a bank in Lima."),
    ])
    assert is_type_set(gold)
    result = score_type_set(gold, Coder(nlp=nlp))
    assert result["records"] == 3
    assert result["type_recall"] == 0.5  # the protest found, the "clash" text has none
    assert result["disaster_clean"] == 1.0


def test_an_event_gold_file_is_not_a_type_set(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "expected_events": [
        {"code": "190", "ontology": "CAMEO"}]}) + "\n", encoding="utf-8")
    assert not is_type_set(path)
