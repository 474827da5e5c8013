"""Scoring actor resolution on NGEC-style actor tests, on small hand-made files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluate.actors import actor_view, check, is_actor_set, query_date, score_actor_set
from eventwire.model import Actor


def record(text: str, expect: list[dict], method: str = "agent_to_code", **inputs: str) -> dict:
    return {"id": text, "method": method, "input": {"text": text, **inputs}, "expect": expect}


def want(field: str | None, value: object, op: str = "==") -> dict:
    return {"field": field, "op": op, "value": value}


def write(tmp_path: Path, records: list[dict], name: str = "actors.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_an_actor_set_is_told_from_an_event_set(tmp_path: Path) -> None:
    actors = write(tmp_path, [record("NATO", [want("country", "IGO")])])
    events = write(tmp_path, [{"id": "1", "text": "Russia said.", "expected_events": []}], "events.jsonl")
    assert is_actor_set(actors)
    assert not is_actor_set(events)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("today", date(2024, 5, 6)), ("Today", date(2024, 5, 6)), ("2009-01-01", date(2009, 1, 1)),
     ("10 May 2015", date(2015, 5, 10)), ("October 1, 2021", date(2021, 10, 1)), ("", None), (None, None),
     ("not a date", None)],
)
def test_query_dates(value: str | None, expected: date | None) -> None:
    assert query_date(value, today=date(2024, 5, 6)) == expected


@pytest.mark.parametrize(
    ("expect", "actor", "right"),
    [
        ([want("country", "RUS"), want("code_1", "MIL")], Actor("Russian troops", "RUSMIL", "RUS", "MIL"), True),
        ([want("country", "RUS"), want("code_1", "")], Actor("Russia", "RUS", "RUS"), True),
        ([want("country", "JAP")], Actor("Japan", "JPN", "JPN"), True),  # CAMEO alias
        ([want("country", ""), want("code_1", "UAF")], Actor("militia", None, None, "UAF"), True),
        ([want("code_1", "PRM")], Actor("militia", None, None, "UAF"), True),  # paramilitary = militia
        ([want("code_1", "MED")], Actor("paramedics", None, None, "HLH"), True),  # medical, not media
        ([want("code_1", "MED")], Actor("reporters", None, None, "MED"), False),
        ([want("code_1", "UNK")], Actor("two men", None, None, None), True),  # no role known
        ([want("country", "UNO")], Actor("WHO", "IGOUNOWHO", "IGO"), True),
        ([want("country", "EUR")], Actor("WHO", "IGOUNOWHO", "IGO"), False),
        ([want("country", "IGO")], Actor("IMF", "IGOWLDIMF", "IGO"), True),
        ([want("country", ""), want("code_1", "NGO")], Actor("Red Cross", "NGO", "NGO"), True),
        ([want("code_1", ["PTY", "REB"], "in")], Actor("Hezbollah", "LBNREBHZB", "LBN", "REB"), True),
        ([want("country", "GBR", "!=")], Actor("someone", None), True),
        ([want("code_1", "OPP"), want("code_1", "CVL")], Actor("protesters", None, None, "CVL"), True),
        ([want(None, None, "is None")], Actor("Marcus Beam", None), True),  # a name with a null code
        ([want(None, None, "is None")], Actor("soldiers", None, None, "MIL"), False),
        ([want("country", "FRA"), want("code_1", "GOV")], Actor("Paris", "FRA", "FRA"), False),
    ],
)
def test_checks(expect: list[dict], actor: Actor, right: bool) -> None:
    assert all(check(record("x", expect), actor).values()) is right


def test_an_ngo_has_no_country_in_the_ngec_layout() -> None:
    assert actor_view(Actor("Amnesty", "NGO", "NGO")) == ("", "NGO")
    assert actor_view(None) == ("", "")


def test_score_resolves_phrases_as_subjects(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    path = write(tmp_path, [
        record("Russian troops", [want("country", "RUS"), want("code_1", "MIL")]),
        record("soldiers", [want("code_1", "MIL"), want("country", "")], method="short_text_to_agent"),
        record("an American destroyer", [want("country_code", "USA"), want("remaining_text", "destroyer")],
               method="search_nat"),
        record("Vladimir Putin", [want("country", "RUS"), want("code_1", "GOV")], query_date="2009-01-01"),
        record("puppies", [want(None, None, "is None")]),
        record("France", [want("country", "DEU")]),  # a wrong expectation: counted as a miss
        record("NATO", [want("title", "NATO")], method="query_wiki"),  # Wikipedia look-up: skipped
        record("Some Name", [want("wiki", "Some Name")]),  # nothing eventwire answers: skipped
    ])
    scores = score_actor_set(path, nlp)
    assert scores["set"] == "actors"
    assert (scores["records"], scores["skipped"]) == (8, 2)
    assert scores["country"] == pytest.approx(4 / 5, abs=1e-4)
    assert scores["role"] == 1.0
    assert scores["none"] == 1.0
    assert scores["all"] == pytest.approx(5 / 6, abs=1e-4)


def test_context_is_read_before_the_phrase(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    path = write(tmp_path, [record("the ministry", [want("country", "DEU"), want("code_1", "GOV")],
                                   context="German officials met on Sunday")])
    # the context is a sentence of its own: it gives no country to the phrase of the next one
    assert score_actor_set(path, nlp)["role"] == 1.0
