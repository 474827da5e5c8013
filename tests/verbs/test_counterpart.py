"""The other side of a story about two countries: a target the sentence leaves out."""

from __future__ import annotations

from collections.abc import Callable

TWO_COUNTRIES = ("Russian troops shelled Georgian villages on Friday. Georgia accused Russia of "
                 "aggression. Georgian troops withdrew from the town.")


def test_an_act_without_a_target_aims_at_the_other_country_of_the_story(events_of: Callable[..., list]) -> None:
    withdrawal = next(e for e in events_of(TWO_COUNTRIES) if e.trigger.text == "withdrew")
    assert withdrawal.source.country == "GEO"
    assert withdrawal.target is not None and withdrawal.target.code == "RUS"


def test_an_inferred_target_is_less_sure_than_a_named_one(events_of: Callable[..., list]) -> None:
    events = events_of(TWO_COUNTRIES)
    accusation = next(e for e in events if e.trigger.text == "accused")  # both named
    withdrawal = next(e for e in events if e.trigger.text == "withdrew")  # Russia inferred
    assert withdrawal.confidence < accusation.confidence


def test_a_story_about_one_country_gets_no_invented_target(events_of: Callable[..., list]) -> None:
    events = events_of("Kenyan police arrested ten protesters in Nairobi. Kenya's government said it "
                       "would investigate. Police withdrew from the square.")
    withdrawal = next(e for e in events if e.trigger.text == "withdrew")
    assert withdrawal.target is None


def test_a_country_named_once_is_not_the_other_side(events_of: Callable[..., list]) -> None:
    events = events_of("Georgian troops withdrew from the town near the Russian border.")
    assert all(e.target is None for e in events if e.trigger.text == "withdrew")
