"""Datelines give no actors; cities and place nouns give their country; peoples and places."""

from datetime import date

import pytest

from eventwire.actors.dateline import dateline_tokens
from eventwire.nlp.extensions import ACTOR_SPANS


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("ALMATY, Kazakhstan (AP) \u2014 Kazakhstan's president met Russian officials on Monday.", "ALMATY, Kazakhstan (AP) \u2014"),
        ("KYIV, Ukraine \u2014 Russian forces shelled the city on Tuesday.", "KYIV, Ukraine \u2014"),
        ("VIENNA (Meridian) - Iran rejected the proposal.", "VIENNA (Meridian) -"),
        ("BRUSSELS (Reuters) - NATO condemned the attack.", "BRUSSELS (Reuters) -"),
        ("GAZA CITY, Palestinian Territories: Four people were killed.", "GAZA CITY, Palestinian Territories:"),
        ("Iran said it would talk.\nMOSCOW - Russia agreed.", "MOSCOW -"),
    ],
)
def test_datelines_are_found(parse, text: str, dateline: str) -> None:
    doc = parse(text)
    found = sorted(dateline_tokens(doc))
    assert doc[found[0] : found[-1] + 1].text == dateline


@pytest.mark.parametrize(
    "text",
    [
        "US-led forces attacked the town.",
        "Russia said the talks - held in Geneva - failed.",
        "Iran: the talks failed, officials said.",
    ],
)
def test_sentences_are_not_datelines(parse, text: str) -> None:
    assert not dateline_tokens(parse(text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ALMATY, Kazakhstan (AP) \u2014 Kazakhstan's president met Russian officials.", ["Kazakhstan's president", "Russian officials"]),
        ("VIENNA (Meridian) - Iran rejected the proposal.", ["Iran"]),
        ("BRUSSELS (Reuters) - NATO condemned the attack.", ["NATO"]),
    ],
)
def test_a_dateline_and_its_agency_are_no_actors(parse, text: str, kept: list[str]) -> None:
    doc = parse(text)
    assert [s.text for s in doc.spans[ACTOR_SPANS]] == kept


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Shanghai police arrested dozens of protesters.", "police", "CHNCOP"),
        ("Russian forces shelled Kharkiv on Tuesday.", "Kharkiv", "UKR"),
        ("Russian artillery hit the Ukrainian town of Avdiivka.", "town", "UKR"),
        ("Hundreds of Iraqi Kurds marched through the city of Erbil.", "Kurds", "IRQCVL"),
        ("Hundreds of Iraqi Kurds marched through the city of Erbil.", "city", "IRQ"),
        ("Opposition groups in Zimbabwe demanded new elections.", "Opposition", "ZWEOPP"),
        ("The Albanians of southern Serbia demanded autonomy.", "Albanians", "SRB"),
        ("Students throughout Indonesia staged protests.", "Students", "IDNEDU"),
        ("Aid groups supplied the main Cambodian refugee camp in Thailand.", "refugee", "KHMREF"),
    ],
)
def test_places_give_their_country(code_of, text: str, word: str, code: str) -> None:
    assert code_of(text, word) == code


def test_a_sea_is_no_region_of_a_country(code_of) -> None:
    # Sudan has a state called Red Sea; in news the Red Sea is the water
    assert code_of("The Houthis attacked a tanker in the Red Sea.", "Sea") is None


def test_a_town_with_its_country_is_one_mention(parse) -> None:
    doc = parse("Russian artillery hit the Ukrainian town of Avdiivka.")
    assert [(s.text, s._.actor.code) for s in doc.spans[ACTOR_SPANS]] == [("Russian artillery", "RUSMIL"), ("the Ukrainian town of Avdiivka", "UKR")]


def test_a_surname_that_is_also_a_town_is_no_place(parse) -> None:
    doc = parse("Kenzo Oshima, the United Nations relief coordinator, spoke.")
    assert all(s._.actor.country != "JPN" for s in doc.spans[ACTOR_SPANS])


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The US, France, and Japan held talks on Monday.", "France", "FRA"),
        ("The US, France, and Japan held talks on Monday.", "US", "USA"),
        ("Soviet troops left Afghanistan.", "troops", "RUSMIL"),
        ("West German officials met East German officials.", "officials", "DEUGOV"),
        ("The Yugoslav army shelled the town.", "army", "SRBMIL"),
        ("The European Community gave aid to Poland.", "Community", "IGOEUREEC"),
        ("Chechen rebels attacked a convoy.", "rebels", "RUSREB"),
        ("Osama bin Laden's al-Qaeda network threatened the US.", "network", "IMGMUSALQ"),
    ],
)
def test_names_old_and_new(code_of, text: str, word: str, code: str) -> None:
    assert code_of(text, word, date(1990, 6, 1)) == code


@pytest.mark.parametrize(
    ("text", "published", "code"),
    [
        ("Ronald Reagan spoke.", date(1987, 5, 1), "USAGOV"),
        ("Ronald Reagan spoke.", date(1995, 5, 1), "USAELI"),
        ("Mikhail Gorbachev spoke.", date(1988, 5, 1), "RUSGOV"),
    ],
)
def test_leaders_of_the_eighties(parse, text: str, published: date, code: str) -> None:
    doc = parse(text, published)
    assert doc.spans[ACTOR_SPANS][0]._.actor.code == code


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Rebels will talk to U.N. envoy Diego Cordovez.", "Cordovez", "IGOUNO"),
        ("Vietnamese-led forces fired on the camps.", "forces", "VNMMIL"),
        ("Iranian-backed militias fired on the base.", "militias", None),
    ],
)
def test_names_through_a_title_or_a_participle(code_of, text: str, word: str, code: str | None) -> None:
    assert code_of(text, word) == code


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Two members of the Association of African Jurists toured the prison.", "Association", "NGO"),
        ("The Russian Football Federation banned the club.", "Federation", "RUS"),
        ("The Nigerian Union of Teachers called off the strike.", "Union", "NGAEDU"),
    ],
)
def test_a_named_association_without_a_country_is_an_ngo(code_of, text: str, word: str, code: str) -> None:
    assert code_of(text, word) == code
