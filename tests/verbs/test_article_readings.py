"""Readings that whole articles need (sentences written for these tests): events told by a noun,
headlines and captions, background acts."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Actor, Event


def country(actor: Actor | None) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


def roots(events: list[Event]) -> list[str]:
    return [e.root for e in events]


def test_a_caption_under_a_headline_is_coded_apart(events_of) -> None:
    text = ("Kenya recalls ambassador\n\n"
            "Protesters gather outside the Kenyan embassy in Kampala on Monday.\n\n"
            "Kenya recalled its ambassador to Uganda on Tuesday.")
    sentences = {e.sentence for e in events_of(text)}
    assert sentences and all("\n" not in s for s in sentences)


@pytest.mark.parametrize(("text", "root"), [
    # an event noun that stands as a fact in its clause: subject, object of a preposition,
    # object of a verb that is no frame
    ("Three soldiers were wounded in clashes with Maoist rebels near the border.", "19"),
    ("He came to power after the assassination of the Peruvian president in 1990.", "18"),
    ("The rallies against the Nepalese government went on for a week.", "14"),
    ("Russia condemned the Ukrainian shelling of Donetsk.", "19"),
    ("The expulsions of Dutch diplomats angered the Dutch government.", "16"),
])
def test_an_event_noun_told_as_a_fact_is_an_event(events_of, text: str, root: str) -> None:
    assert root in roots(events_of(text)), text


@pytest.mark.parametrize(("text", "root"), [
    ("Analysts voiced fears of clashes between Armenian and Azerbaijani troops.", "19"),  # feared
    ("Ghana called for talks with Togo over the border.", "04"),  # asked for, as a frame's content
    ("Chile prepared plans for an attack on the rebel camp.", "19"),  # planned
    ("There were no clashes with Bolivian police on Sunday.", "19"),  # denied by "no"
    ("Germany lifted the sanctions against Iranian banks.", "16"),  # the act told is the lifting
    ("Firefighters are winning their battle against the wildfires in Greece.", "19"),  # a figure
    ("A fire broke out in a warehouse in the Kenyan port of Mombasa.", "19"),  # a blaze, not gunfire
])
def test_an_event_noun_that_is_not_told_as_a_fact_is_no_event(events_of, text: str, root: str) -> None:
    assert root not in roots(events_of(text)), text


def test_the_actors_of_an_event_noun_come_from_its_own_phrase(events_of) -> None:
    events = events_of("Talks stalled after a renewed offensive by Sudanese troops on Darfur.")
    offensive = [e for e in events if e.trigger.text == "offensive"]
    assert offensive and country(offensive[0].source) == "SDN"


def test_a_verb_and_the_noun_under_it_tell_one_act(events_of) -> None:
    events = events_of("Two Malian soldiers were killed in an attack on their base near Gao.")
    assert roots(events).count("19") == 1


@pytest.mark.parametrize(("text", "root"), [
    ("President Mugabe of Zimbabwe has stepped down.", "08"),  # "down" parsed as an adverb
    ("The foreign ministry summoned Ambassador Li on Monday.", "11"),  # a title compounded with a name
    ("Thousands of protesters gathered in the centre of Minsk.", "14"),  # what a number counts
    ("Soldiers deployed across the capital on Wednesday.", "15"),  # forces that deploy themselves
])
def test_conditions_read_through_the_parse(events_of, text: str, root: str) -> None:
    assert root in roots(events_of(text)), text


@pytest.mark.parametrize(("published", "code"), [
    (date(2000, 10, 5), "USAGOV"),  # Bill Clinton, president
    (date(2011, 5, 1), "USAGOV"),  # Hillary Clinton, secretary of state
    (date(2021, 12, 1), None),  # no Clinton in office: the surname stays unknown
])
def test_a_surname_alone_is_the_one_office_holder_of_that_name(events_of, published: date, code: str | None) -> None:
    [event] = [e for e in events_of("Clinton urged Russia to act.", published=published) if e.root == "02"]
    assert event.source is not None and event.source.code == code


def test_the_army_is_the_army_named_just_before(events_of) -> None:
    events = events_of("M23 rebels entered Goma on Monday.\n\nThe rebels seized the airport on Tuesday.")
    [seized] = [e for e in events if e.trigger.text == "seized"]
    assert seized.source is not None and seized.source.code.startswith("CODREB")
