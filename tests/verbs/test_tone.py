"""Reported speech that tells of no act is coded by its tone (tone.csv); sentences written for
these tests."""

from __future__ import annotations

import pytest

from eventwire.model import Actor


def country(actor: Actor | None) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


@pytest.mark.parametrize(("text", "code", "source", "target"), [
    ('A Chinese foreign ministry spokesman said: "Tokyo\'s decision is irresponsible."', "111", "CHN", "JPN"),
    ('"We are grateful to Norway for its help," the Sudanese foreign minister said.', "051", "SDN", "NOR"),
    ("The Kenyan president said he was deeply saddened by the deaths in Somalia.", "018", "KEN", None),
    ("Iran said the sanctions would have grave consequences for the United States.", "130", "IRN", "USA"),
    ('"Peru has a right to defend its borders," the Peruvian defence minister said.', "052", "PER", None),
    ("The Indian foreign minister said the situation in Nepal was alarming.", "012", "IND", None),
])
def test_reported_speech_is_coded_by_its_tone(events_of, text: str, code: str, source: str, target: str | None) -> None:
    events = [e for e in events_of(text) if e.pattern and e.pattern.startswith("tone:")]
    assert events, text
    event = events[0]
    assert (event.cameo[:len(code)], country(event.source)) == (code, source)
    if target is not None:
        assert country(event.target) == target
    assert event.hypothetical is code.startswith("13")


def test_a_negated_word_counts_for_its_negated_code(events_of) -> None:
    events = events_of('"The Belgian proposal is not acceptable," the Dutch prime minister said.')
    assert [e.cameo for e in events if e.pattern.startswith("tone:")] == ["111"]


def test_a_report_of_an_act_is_coded_by_the_act_not_the_tone(events_of) -> None:
    events = events_of("Ghana said Togolese troops had attacked a border post in a dangerous escalation.")
    assert all(not e.pattern.startswith("tone:") for e in events)


def test_a_later_sentence_of_a_quotation_is_its_speakers_speech(events_of) -> None:
    text = ('The Polish foreign minister said: "Minsk is behind this.\n\n'
            '"Their actions are reckless and dangerous."')
    events = [e for e in events_of(text) if e.sentence.startswith('"Their actions')]
    assert events and events[0].cameo == "111" and country(events[0].source) == "POL"
    assert events[0].speaker is not None


def test_we_in_a_quotation_is_its_speaker(events_of) -> None:
    events = events_of('"We have deployed our troops along the border," the Malian army chief said.')
    deployed = [e for e in events if e.root == "15"]
    assert deployed and country(deployed[0].source) == "MLI"
