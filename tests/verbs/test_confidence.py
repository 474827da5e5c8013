"""The coder's confidence: how sure it is of each event, from how the act and actors were found."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Actor, Event, Span
from eventwire.verbs import confidence as C


def _event(pattern: str, source: Actor | None, target: Actor | None,
           sentence: str = "Russia expelled two Ukrainian diplomats.") -> Event:
    return Event(article_id="a", sentence_index=0, sentence=sentence, evidence=Span(0, len(sentence)),
                 trigger=Span(7, 15), source=source, target=target, cameo="1246", root="12", quad=3,
                 goldstein=-4.0, plover={}, pattern=pattern)


RUSSIA = Actor("Russia", "RUS", "RUS")
UKRAINE = Actor("Ukrainian diplomats", "UKRGOV", "UKR", "GOV")


def test_every_event_gets_a_confidence_between_0_and_1(events_of: Callable[..., list]) -> None:
    events = events_of("Russia expelled two Ukrainian diplomats on Tuesday. They were accused of "
                       "spying. Protests followed in Kyiv, where crowds condemned the move.")
    assert events
    assert all(e.confidence is not None and 0.0 <= e.confidence <= 1.0 for e in events)


def test_an_act_with_both_actors_named_is_surer_than_one_missing_its_target(
        events_of: Callable[..., list]) -> None:
    [both] = events_of("Russia expelled two Ukrainian diplomats.")
    [alone] = events_of("Russia expelled diplomats.")  # whose: unknown
    assert both.target is not None and both.target.country == "UKR"
    assert alone.target is None or alone.target.country is None
    assert both.confidence > alone.confidence


def test_an_actor_named_in_the_sentence_is_surer_than_one_resolved_from_elsewhere() -> None:
    named = _event("acts.csv:1", RUSSIA, UKRAINE, "Russia expelled Ukrainian diplomats.")
    resolved = _event("acts.csv:1", RUSSIA, UKRAINE, "It expelled them.")  # 'it': Russia, before
    assert C.actor_kind(RUSSIA, named.sentence) == "named"
    assert C.actor_kind(RUSSIA, resolved.sentence) == "resolved"
    assert C.confidence(named) > C.confidence(resolved)


@pytest.mark.parametrize("pattern, kind", [
    ("acts.csv:12", "verb"), ("acts.csv:12/noun", "nominal"), ("frame:threat", "frame"),
    ("tone:condemn", "tone"), ("phoenix_acts.csv:99", "derived"),
])
def test_how_the_act_was_found_is_read_from_its_pattern(pattern: str, kind: str) -> None:
    assert C.act_kind(_event(pattern, RUSSIA, UKRAINE)) == kind


def test_a_pattern_of_the_own_lexicon_is_surer_than_a_derived_one() -> None:
    assert C.confidence(_event("acts.csv:1", RUSSIA, UKRAINE)) > C.confidence(_event("phoenix_acts.csv:1", RUSSIA, UKRAINE))


def test_a_role_without_a_country_counts_as_barely_known() -> None:
    police = Actor("police", None, None, "COP")
    assert C.actor_kind(police, "police detained him") == "no-country"
