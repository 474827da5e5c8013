"""Scoring on gold sets: the measures on hand-made records, and the pinned floors on the shared sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire import ontology
from eventwire.evaluate import check_floors
from eventwire.evaluate.events import Record, SetScore, actor_matches, read_records, score_record
from eventwire.model import Actor, Article, Document, Event, Span

REPO = Path(__file__).resolve().parents[2]
FLOORS = REPO / "eval_floors.json"
GOLD_SETS = ("news_articles", "cameo_manual_examples", "plover_gsr_cameo", "up_petr2_gsr_validation", "event_location_gold",
             "case2021_task2_test", "ngec_actor_resolution_tests")


def actor(code: str | None, name: str = "someone") -> Actor:
    return Actor(name, code, code[:3] if code else None)


def event(cameo: str, source: str | None = None, target: str | None = None) -> Event:
    entry = ontology.cameo(cameo)
    return Event("a", 0, "s", Span(0, 1), Span(0, 1, "s"), actor(source) if source else None,
                 actor(target) if target else None, entry.code, entry.root, entry.quad, entry.goldstein,
                 ontology.plover(entry.code))


def document(*events: Event) -> Document:
    return Document(Article("s"), "s", list(events))


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ("USA", "USAGOV", True),
        ("USAGOV", "USA", True),  # compared at country level
        ("USA", "RUSGOV", False),
        ("JAP", "JPNGOV", True),  # CAMEO aliases
        ("JPNGOV", "JAP", True),
        ("GMY", "DEU", True),
        ("---", None, True),  # an actor of unknown country
        ("---GOV", None, True),
        ("---", "USA", False),
        ("IGO", "IGOUNO", True),  # a bare IGO means any organisation of that kind
        ("IGO", "USA", False),
        ("NGO", "NGOHRW", True),
        ("USA;GBR", "GBRGOV", True),  # compound gold: any part
        ("USA;GBR", "FRA", False),
        ("", "FRA", True),  # an empty gold side is not compared
        (None, None, True),
    ],
)
def test_actor_matches(gold: str | None, predicted: str | None, matches: bool) -> None:
    assert actor_matches(gold, actor(predicted)) is matches


@pytest.mark.parametrize("gold", ["USA", "---", "IGO"])
def test_no_predicted_actor_matches_no_named_gold(gold: str) -> None:
    assert actor_matches(gold, None) is False


def record(*expected: tuple[str, str, str], plover: bool = False) -> Record:
    rows = [{"code": c, "source_actor": s, "target_actor": t} for c, s, t in expected]
    return Record("r", "text", "2021-12-01", rows, plover)


def test_precision_counts_every_predicted_event() -> None:
    score = SetScore("set")
    score_record(score, record(("1312", "USA", "RUS")),
                 document(event("130", "USA", "RUS"), event("190", "RUS", "UKR"), event("131", "USA", "RUS")))
    score_record(score, record(), document(event("010", "USA")))  # nothing expected: a wrong guess
    result = score.as_dict()
    assert (result["records"], result["predicted_events"]) == (2, 4)
    assert result["precision"] == 0.5  # two 13x of four predictions
    assert result["root_recall"] == 1.0 and result["code_recall"] == 0.0
    assert result["dyad"] == 1.0


def test_recall_counts_records_with_expected_events_only() -> None:
    score = SetScore("set")
    score_record(score, record(("166", "RUS", "USA")), document(event("166", "RUS", "USAGOV")))
    score_record(score, record(("051", "CHN", "PAK")), document(event("051", "CHN", "IND")))
    score_record(score, record(("036", "USA", "RUS")), None)  # the input failed
    score_record(score, record(), document())
    result = score.as_dict()
    assert result["root_recall"] == result["code_recall"] == round(2 / 3, 4)
    assert result["dyad"] == round(1 / 3, 4)
    assert result["precision"] == 1.0


def test_triple_f1() -> None:
    score = SetScore("set")
    score_record(score, record(("190", "RUS", "UKR"), ("111", "FRA", "RUS")),
                 document(event("190", "RUS", "UKR"), event("111", "DEU", "RUS")))
    assert score.as_dict()["triple_f1"] == 0.5


def test_plover_sets_compare_the_plover_event_type() -> None:
    rows = [{"code": "190", "code_current_plover_derived": "ASSAULT", "ontology": "PLOVER",
             "source_actor": "RUS", "target_actor": "UKR"}]
    plover = Record("p", "text", None, rows, True)
    score = SetScore("plover")
    score_record(score, plover, document(event("190", "RUS", "UKR")))
    assert ontology.plover("190")["event"] == "ASSAULT"
    assert score.as_dict()["root_recall"] == 1.0


def test_read_records_detects_plover_sets(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [{"id": "1", "text": "A.", "date": "2021-12-01",
             "expected_events": [{"code": "190", "ontology": "PLOVER 2021", "code_current_plover_derived": "ASSAULT"}]},
            {"id": "2", "text": "B.", "expected_events": [{"code": "0331"}]}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    records = read_records(path)
    assert [(r.id, r.plover) for r in records] == [("1", True), ("2", False)]
    assert records[0].expected_types() == {"ASSAULT"} and records[1].expected_types() == {"03"}


def test_check_floors_names_what_fell() -> None:
    results = [{"set": "a", "root_recall": 0.70, "precision": 0.9}, {"set": "b", "recall": 0.5}]
    below = check_floors(results, {"a": {"root_recall": 0.75, "precision": 0.9}, "b": {"recall": 0.5}})
    assert below == ["a: root_recall 0.700 is below the floor 0.750"]


def test_floors_file_covers_every_gold_set() -> None:
    floors = json.loads(FLOORS.read_text("utf-8"))
    assert set(floors) == set(GOLD_SETS)
    bounds = [value for measures in floors.values() for value in measures.values()]
    assert all(0 < value <= 1 for value in bounds if not isinstance(value, dict))
    assert all(set(value) == {"max"} for value in bounds if isinstance(value, dict))  # ceilings


def test_scores_on_the_shared_gold_sets_hold_the_floors(shared_gold: Path, nlp) -> None:
    from eventwire.coding import Coder
    from eventwire.evaluate import evaluate

    floors = json.loads(FLOORS.read_text("utf-8"))
    paths = [shared_gold / name if (shared_gold / name).is_dir() else shared_gold / f"{name}.jsonl"
             for name in GOLD_SETS]
    results = evaluate(paths, Coder(nlp=nlp))
    assert check_floors(results, floors) == []
