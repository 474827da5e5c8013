"""Office holders before ~2015 of the countries most in the news: a person's code follows the
article's date (in office, before, between and after the listed terms)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire.actors.resolver import resolve


@pytest.mark.parametrize(
    ("text", "on", "code"),
    [
        ("Lebanese Prime Minister Fouad Siniora", date(2006, 7, 20), "LBNGOV"),
        ("Siniora", date(2012, 1, 1), "LBNELI"),
        ("Michel Suleiman", date(2007, 8, 1), "LBNMIL"),  # army commander before the presidency
        ("Michel Sleiman", date(2010, 1, 1), "LBNGOV"),
        ("Michel Suleiman", date(2015, 1, 1), "LBNELI"),
        ("Rafik Hariri", date(2003, 1, 1), "LBNGOV"),
        ("Rafiq Hariri", date(2005, 2, 14), "LBNELI"),  # resigned in October 2004
        ("Saad Hariri", date(2010, 1, 1), "LBNGOV"),
        ("Saad Hariri", date(2014, 1, 1), "LBNELI"),  # between his two governments
        ("Saad Hariri", date(2018, 1, 1), "LBNGOV"),
        ("Emile Lahoud", date(2005, 1, 1), "LBNGOV"),
        ("Émile Lahoud", date(2008, 1, 1), "LBNELI"),
        ("Nabih Berri", date(2024, 11, 1), "LBNLEG"),
        ("Hoshyar Zebari", date(2010, 1, 1), "IRQGOV"),
        # an international post is no nationality: outside his terms ElBaradei is Egyptian
        ("Mohamed ElBaradei", date(2005, 1, 1), "IGOUNOIAE"),
        ("Mohamed ElBaradei", date(2011, 2, 1), "EGYELI"),
        ("Amr Moussa", date(2000, 1, 1), "EGYGOV"),
        ("Amr Moussa", date(2005, 1, 1), "IGOMEAARL"),  # Arab League chief
        ("Fayez al-Sarraj", date(2019, 4, 5), "LBYGOV"),
        ("Fayez al-Sarraj", date(2022, 1, 1), "LBYELI"),
        ("Abd Rabbuh Mansur Hadi", date(2015, 3, 26), "YEMGOV"),
        ("Abubakar Shekau", date(2014, 4, 15), "NGAINSBKH"),
        ("Goodluck Jonathan", date(2010, 3, 1), "NGAGOV"),  # acting president
        ("Goodluck Jonathan", date(2016, 1, 1), "NGAELI"),
        ("Morgan Tsvangirai", date(2008, 6, 1), "ZWEOPP"),
        ("Morgan Tsvangirai", date(2010, 6, 1), "ZWEGOV"),
        ("Ahmed Yassin", date(2003, 9, 6), "PSEREBHMS"),
        ("Aung San Suu Kyi", date(2010, 11, 13), "MMROPP"),
        ("Raila Odinga", date(2010, 1, 1), "KENGOV"),
        ("Raila Odinga", date(2017, 8, 8), "KENELI"),
        ("Taro Aso", date(2006, 1, 1), "JPNGOV"),  # foreign minister before he was premier
        ("Kemal Kilicdaroglu", date(2015, 6, 1), "TUROPP"),
        ("Yoriko Kawaguchi", date(2003, 3, 1), "JPNGOV"),
        ("Yoriko Kawaguchi", date(2006, 1, 1), "JPNELI"),
    ],
)
def test_office_holder_by_date(text: str, on: date, code: str) -> None:
    actor = resolve(text, on)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize(("text", "code"), [("Hariri", None), ("Kawaguchi", "JPN")])
def test_shared_or_place_surnames_are_not_people(text: str, code: str | None) -> None:
    """A surname of two people (Rafik and Saad Hariri) names nobody; a city's name stays a city."""
    actor = resolve(text, date(2010, 1, 1))
    assert (actor.code if actor else None) == code


def test_office_holder_in_a_parsed_article(code_of: Callable[..., str | None]) -> None:
    text = "Prime Minister Fouad Siniora met the envoy in Beirut. Siniora said talks would go on."
    assert code_of(text, "Siniora", date(2006, 7, 20)) == "LBNGOV"
