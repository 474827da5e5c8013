"""Resolving date expressions against the publication date (eventwire.nlp.dates.resolve)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eventwire.nlp.dates import resolve, weekday_date

WEDNESDAY = date(2021, 12, 1)


@pytest.mark.parametrize(
    ("expression", "future", "expected"),
    [
        ("Thursday", False, date(2021, 11, 25)),  # past events: the latest Thursday before
        ("on Monday", False, date(2021, 11, 29)),
        ("on Wednesday", False, date(2021, 12, 1)),  # the day of publication itself
        ("Thursday", True, date(2021, 12, 2)),  # plans: the next Thursday
        ("Wednesday", True, date(2021, 12, 8)),  # a plan for "Wednesday" is not today
        ("next Monday", True, date(2021, 12, 6)),
    ],
)
def test_weekdays_look_back_for_facts_and_ahead_for_plans(expression: str, future: bool, expected: date) -> None:
    assert resolve(expression, WEDNESDAY, future) == (expected, "day")


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("yesterday", date(2021, 11, 30), "day"),
        ("today", date(2021, 12, 1), "day"),
        ("two days ago", date(2021, 11, 29), "day"),
        ("last week", date(2021, 11, 24), "week"),
        ("last month", date(2021, 11, 1), "month"),
        ("last year", date(2020, 1, 1), "year"),
        # "earlier/late" only narrows a span it does not change
        ("Earlier this week", date(2021, 12, 1), "week"),
        ("earlier this month", date(2021, 12, 1), "month"),
        ("late last year", date(2020, 1, 1), "year"),
    ],
)
def test_relative_expressions(expression: str, expected: date, precision: str) -> None:
    assert resolve(expression, WEDNESDAY) == (expected, precision)


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("December 3, 2021", date(2021, 12, 3), "day"),
        ("3 December 2021", date(2021, 12, 3), "day"),
        ("on June 16, 2021", date(2021, 6, 16), "day"),
        ("Nov. 28", date(2021, 11, 28), "day"),
        ("2021-11-20", date(2021, 11, 20), "day"),
        ("March 2020", date(2020, 3, 1), "month"),
        ("in March", date(2021, 3, 1), "month"),
        ("in 2019", date(2019, 1, 1), "year"),
    ],
)
def test_explicit_dates_keep_their_precision(expression: str, expected: date, precision: str) -> None:
    assert resolve(expression, WEDNESDAY) == (expected, precision)


def test_a_plan_for_a_month_day_lies_ahead() -> None:
    assert resolve("Dec. 3", WEDNESDAY, future=True) == (date(2021, 12, 3), "day")


@pytest.mark.parametrize("expression", ["three years", "two weeks", "decades", "several months", "the past"])
def test_durations_and_vague_spans_date_nothing(expression: str) -> None:
    assert resolve(expression, WEDNESDAY) is None


@pytest.mark.parametrize("published", [date(2021, 11, 29) + timedelta(days=n) for n in range(7)])
def test_weekday_date_is_never_more_than_six_days_away(published: date) -> None:
    for word in ("monday", "thursday", "sunday"):
        past = weekday_date(word, published, future=False)
        ahead = weekday_date(word, published, future=True)
        assert 0 <= (published - past).days <= 6 and 1 <= (ahead - published).days <= 7
        assert past.strftime("%A").lower() == ahead.strftime("%A").lower() == word


def test_the_night_of_a_weekday_dates_the_clause(nlp) -> None:
    from eventwire.coding import Coder
    from eventwire.model import Article

    doc = next(Coder(nlp=nlp).code_articles([Article("On Monday night, Israeli jets struck Gaza.",
                                                     published=WEDNESDAY)]))
    assert [(e.date, e.date_precision) for e in doc.events] == [("2021-11-29", "day")]


def test_an_undated_event_takes_the_day_the_story_has_just_named(events_of) -> None:
    # published Wednesday 2021-12-01: "on Sunday" is 2021-11-28
    arrest, detention, plan, *_ = events_of(
        "Police arrested three protesters in Kyiv. Troops entered the town on Sunday. "
        "Soldiers detained dozens of men. Russia will meet Ukraine.")
    assert (arrest.date, arrest.date_precision) == ("2021-12-01", "article")  # before any day named
    assert (detention.date, detention.date_precision) == ("2021-11-28", "story")
    assert (plan.date, plan.date_precision) == ("2021-12-01", "article")  # a plan is not of that day


def test_a_day_long_past_is_no_story_day(events_of) -> None:
    events = events_of("The two armies fought on March 3, 2020. Soldiers detained dozens of men.")
    assert events[-1].date_precision == "article"
