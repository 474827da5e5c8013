"""Sentences in, CAMEO events out: codes, actors, modality flags, dates, reported speech.

Actors are compared at country level (first three letters of the code) unless the role matters.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import ontology
from eventwire.model import Actor, Event


def country(actor: Actor | None) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


def dyads(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    """(cameo, source country, target country) of each event, in order."""
    return [(e.cameo, country(e.source), country(e.target)) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia expelled eight U.S. diplomats.", [("166", "RUS", "USA")]),
        ("China praised Pakistan.", [("051", "CHN", "PAK")]),
        ("Russia invaded Ukraine.", [("190", "RUS", "UKR")]),
        ("Russia accused Ukraine of provoking the conflict.", [("112", "RUS", "UKR")]),
        ("The European Union imposed new sanctions on Belarus.", [("163", "IGO", "BLR")]),
        ("The EU adopted new sanctions against Russia.", [("163", "IGO", "RUS")]),
        ("The UN urged Ethiopia to allow aid into Tigray.", [("023", "IGO", "ETH")]),
        ("China rejected the criticism from Japan.", [("120", "CHN", "JPN")]),
        ("Germany arrested a Russian spy on Wednesday.", [("173", "DEU", "RUS")]),
        ("Britain presented evidence against Iran.", [("112", "GBR", "IRN")]),
        # a show of force unless it is done with a partner
        ("China held military drills near Taiwan.", [("150", "CHN", "TWN")]),
        ("Russia held military drills in Alaska.", [("150", "RUS", "USA")]),  # a state's region
        ("India held joint naval exercises with Japan.", [("062", "IND", "JPN"), ("062", "JPN", "IND")]),
        # "X wants Y to ...": X asks it of Y
        ("Germany wants Poland to release the activists.", [("0253", "DEU", "POL")]),
        # a report released is no release of prisoners
        ("A report released by Amnesty on Monday criticised Egypt.", [("111", "NGO", "EGY")]),
        ("Germany paid compensation to Namibia.", [("080", "DEU", "NAM")]),
        ("Sudan violated the ceasefire agreement with South Sudan.", [("196", "SDN", "SSD")]),
        # bombs and grenades: thrown, exploded, or a suicide bomber's own
        ("Militants hurled a grenade at an Indian army patrol in Kashmir.", [("183", None, "IND")]),
        # a bomb is no nuclear weapon unless the text says so
        ("Rebels detonated a bomb in Damascus.", [("183", "SYR", "SYR")]),
        ("North Korea detonated a nuclear device.", [("2042", "PRK", None)]),
        ("Two suicide bombers blew themselves up in a market in Maiduguri.", [("1831", "NGA", None)]),
        # protesters rallying or taking to the streets demonstrate
        ("Thousands of Sudanese protesters rallied in Khartoum.", [("141", "SDN", "SDN")]),
        ("Libyan guards sexually abused Eritrean migrants.", [("1821", "LBY", "ERI")]),
        ("Thousands of Afghans sought refuge in Pakistan.", [("0233", "AFG", "PAK")]),
        ("Serbia lifted the curfew in Kosovo.", [("0813", "SRB", "XKX")]),  # those under it
        ("Red Cross teams carried the injured out of the stadium.", []),  # "the injured": people
        ("India put its troops on high alert.", [("152", "IND", None)]),  # its own troops: no target
        ("Armenia and Azerbaijan exchanged prisoners on Tuesday.", [("0841", "ARM", "AZE"), ("0841", "AZE", "ARM")]),
        ("Armenia and Azerbaijan agreed a ceasefire.", [("0356", "ARM", "AZE"), ("0356", "AZE", "ARM")]),
        ("Syrian troops recaptured the city of Aleppo.", [("192", "SYR", "SYR")]),
        ("Hamas militants fired dozens of rockets at Israel.", [("190", "PSE", "ISR")]),
        ("Syrian forces used chemical weapons against rebels in Idlib.", [("2041", "SYR", "SYR")]),
        ("Syrian troops fired shells filled with chlorine at the rebels.", [("2041", "SYR", None)]),
        # a state's forces firing on protesters repress them (175)
        ("Iraqi security forces opened fire on protesters in Baghdad.", [("175", "IRQ", "IRQ")]),
        ("Egyptian police fired shots to disperse demonstrators.", [("175", "EGY", "EGY")]),
        ("Houthi rebels took over the city of Aden.", [("192", "YEM", "YEM")]),
        # agreeing to do something is the intention to do it
        ("Kenya and Uganda reached a consensus to exchange intelligence.",
         [("0314", "KEN", "UGA"), ("0314", "UGA", "KEN")]),
        ("Indonesia forced the Dutch observers out of Papua.", [("174", "IDN", "NLD")]),
        # violence by protesters is a riot; a withdrawal is from where it leaves
        ("Protesters torched the Iranian consulate in Basra.", [("145", "IRQ", "IRN")]),  # an English name of Basrah
        ("Turkey withdrew its troops from Syria.", [("087", "TUR", "SYR")]),
        # the target is what lies southwest of the city, not the city
        ("France launched an air strike against a Wagner base southwest of Bamako.",
         [("195", "FRA", "RUS")]),
    ],
)
def test_plain_acts(events_of, text: str, expected: list[tuple]) -> None:
    assert dyads(events_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Russia expelled eight U.S. diplomats.", "RUS", "USAGOV"),
        # the people coerced, of no named country, are of the coercer's state (CAMEO reading)
        ("Ukrainian police arrested dozens of protesters on Tuesday.", "UKRCOP", "UKRCVL"),
        ("Police fired tear gas at thousands of protesters in Almaty.", "KAZCOP", "KAZCVL"),
        ("Secretary of State Antony Blinken warned Moscow that the United States would impose "
         "high-impact economic measures if it invaded Ukraine.", "USAGOV", "RUSGOV"),
    ],
)
def test_roles_are_kept_in_the_codes(events_of, text: str, source: str, target: str | None) -> None:
    event = events_of(text)[0]
    assert event.source.code == source
    assert (event.target.code if event.target else None) == target


def test_event_records_are_complete(events_of) -> None:
    text = "Russia expelled eight U.S. diplomats."
    event = events_of(text)[0]
    assert (event.root, event.quad) == ("16", 4)
    assert event.goldstein == ontology.cameo("166").goldstein < 0
    assert event.plover["event"]
    assert event.sentence == text and (event.evidence.start, event.evidence.end) == (0, len(text))
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text == "expelled"
    assert not event.negated and not event.hypothetical


# ---- modality: intentions, threats, denials, negation ----------------------------------------

def test_planned_meeting_is_a_hypothetical_036_dated_on_the_day(events_of) -> None:
    events = events_of("Blinken will meet Lavrov in Stockholm on Thursday.", date(2021, 12, 1))
    assert ("036", "USA", "RUS") in dyads(events)
    assert {e.cameo for e in events} == {"036"}
    assert all(e.hypothetical for e in events)
    assert {(e.date, e.date_precision) for e in events} == {("2021-12-02", "day")}


@pytest.mark.parametrize(
    "text",
    [
        "Blinken warned that Washington would impose high-impact economic measures on Russia if it invaded Ukraine.",
        "Secretary of State Antony Blinken warned Moscow that the United States would impose "
        "high-impact economic measures if it invaded Ukraine.",
    ],
)
def test_conditional_threat_is_one_1312_and_no_invasion(events_of, text: str) -> None:
    events = events_of(text)
    assert dyads(events) == [("1312", "USA", "RUS")]
    assert events[0].hypothetical
    assert not any(e.root in ("16", "19") and not e.hypothetical for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin denied any plan to invade Ukraine.",
        "The Kremlin denied it was planning to invade Ukraine.",
    ],
)
def test_denial_is_coded_and_the_denied_act_is_not(events_of, text: str) -> None:
    events = events_of(text)
    assert [(e.cameo, country(e.source)) for e in events] == [("016", "RUS")]
    assert not any(e.root == "19" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops did not attend the ceremony.",
        "The United States did not impose sanctions on Russia.",
        "Russia never threatened Ukraine.",
        "Russian troops did not leave the border region.",
    ],
)
def test_negated_acts_give_no_event(events_of, text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov said Russia would not attack Ukraine.",
        "Blinken said Russia was preparing to invade Ukraine.",
        "The Kremlin denied any plan to invade Ukraine.",
    ],
)
def test_unrealised_attacks_are_not_coded_as_attacks(events_of, text: str) -> None:
    assert not any(e.root in ("18", "19", "20") and not (e.hypothetical or e.negated) for e in events_of(text))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Japan pledged $10 million in humanitarian aid to Ethiopia.", "0333"),
        ("Japan will send aid to the Philippines.", "033"),
        ("Turkey threatened to attack Kurdish rebels in Syria.", "1384"),
    ],
)
def test_intents_and_threats_are_hypothetical(events_of, text: str, code: str) -> None:
    events = events_of(text)
    assert [e.cameo for e in events] == [code]
    assert all(e.hypothetical for e in events)


def test_threat_with_an_instrument_is_one_event(events_of) -> None:
    assert dyads(events_of("Russia threatened Ukraine with military action.")) in (
        [("130", "RUS", "UKR")], [("138", "RUS", "UKR")], [("1384", "RUS", "UKR")])


# ---- compound actors and reciprocal acts -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France and Germany condemned Russia.", [("111", "FRA", "RUS"), ("111", "DEU", "RUS")]),
        ("The United States and Britain imposed sanctions on Iran.", [("163", "USA", "IRN"), ("163", "GBR", "IRN")]),
        ("Russia imposed sanctions on the United States and Britain.", [("163", "RUS", "USA"), ("163", "RUS", "GBR")]),
        ("Russia and China condemned the sanctions.", [("111", "RUS", None), ("111", "CHN", None)]),
    ],
)
def test_compound_actors_give_one_event_each(events_of, text: str, expected: list[tuple]) -> None:
    assert dyads(events_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "code", "a", "b"),
    [
        ("Putin met Xi in Beijing on Friday.", "044", "RUS", "CHN"),
        ("Russia and China held talks on Monday.", "046", "RUS", "CHN"),
        ("Armenia and Azerbaijan signed a peace agreement on Friday.", "057", "ARM", "AZE"),
        ("The United States signed an agreement with Japan.", "057", "USA", "JPN"),
    ],
)
def test_reciprocal_acts_go_both_ways(events_of, text: str, code: str, a: str, b: str) -> None:
    assert sorted(dyads(events_of(text))) == sorted([(code, a, b), (code, b, a)])


def test_exchange_of_fire_is_reciprocal(events_of) -> None:
    events = events_of("Israeli troops exchanged fire with Hamas militants on Saturday.")
    assert {(e.root, country(e.source)) for e in events} >= {("19", "ISR")}
    assert len(events) == 2


def test_killing_is_coded_as_violence(events_of) -> None:
    events = events_of("Israeli troops killed two Palestinians on Friday.")
    assert [e.root for e in events] and all(e.root in ("18", "19", "20") for e in events)
    assert country(events[0].source) == "ISR"


# ---- reported speech ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "code", "source", "target", "speaker"),
    [
        ("The White House said Russia had expelled two American diplomats.", "166", "RUS", "USA", "USA"),
        # an attack with no named target aims at the state of the place hit (here the attackers' own)
        ("Lavrov said Ukrainian forces shelled villages in Donetsk.", "194", "UKR", "UKR", "RUS"),
        ("Ukrainian forces shelled villages near Donetsk yesterday, Russia said.", "194", "UKR", "UKR", "RUS"),
    ],
)
def test_reported_act_is_coded_with_the_speaker_recorded(events_of, text: str, code: str, source: str,
                                                         target: str | None, speaker: str) -> None:
    events = events_of(text)
    assert dyads(events) == [(code, source, target)]
    assert country(events[0].speaker) == speaker


def test_saying_alone_is_no_event_when_a_reported_act_is_coded(events_of) -> None:
    codes = [e.cameo for e in events_of("Russia said Ukrainian forces shelled villages near Donetsk.")]
    assert "010" not in codes


# ---- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Russia expelled eight U.S. diplomats.", "2021-12-01", "article"),
        ("Putin met Xi in Beijing on Monday.", "2021-11-29", "day"),
        ("Ukrainian forces shelled villages near Donetsk yesterday, Russia said.", "2021-11-30", "day"),
        ("The European Union imposed new sanctions on Belarus last week.", "2021-11-24", "week"),
        ("Biden met Putin in Geneva on June 16, 2021.", "2021-06-16", "day"),
    ],
)
def test_events_are_dated_against_the_publication_date(events_of, text: str, day: str, precision: str) -> None:
    events = events_of(text, date(2021, 12, 1))
    assert events
    assert {(e.date, e.date_precision) for e in events} == {(day, precision)}


def test_without_a_publication_date_events_have_no_date(events_of) -> None:
    events = events_of("Russia expelled eight U.S. diplomats on Monday.", None)
    assert events and all(e.date is None for e in events)
