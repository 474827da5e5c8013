"""The ``eventwire_dates`` component: the day each event happened or was said.

A DATE entity attached to the event's clause ("on Wednesday", "last week", "Dec. 3") is resolved
against the publication date: weekdays by hand (past events take the latest such day on or before
publication, intentions and threats the next one after it), everything else by dateparser's
``parse`` with RELATIVE_BASE (never ``search_dates``, which misreads "Wednesday at a"). Without a
usable expression the event keeps the publication date with precision ``article``.
"""

import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.model import Event
from eventwire.nlp import extensions  # noqa: F401

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec")
DATED = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|ago|last|this|next|earlier|%s|%s|\d{4}|\d{1,2}/\d{1,2})\b"
    % ("|".join(WEEKDAYS), "|".join(MONTHS)), re.I)
PRECISION = (
    (re.compile(r"\b(week|weekend)\b", re.I), "week"),
    (re.compile(r"\bmonth\b", re.I), "month"),
    (re.compile(r"\byear\b", re.I), "year"),
)


def weekday_date(word: str, published: date, future: bool) -> date:
    target = WEEKDAYS.index(word.lower())
    delta = (target - published.weekday()) % 7
    if future:
        return published + timedelta(days=delta or 7)
    return published - timedelta(days=(published.weekday() - target) % 7)


def _precision(expression: str) -> str:
    for pattern, name in PRECISION:
        if pattern.search(expression):
            return name
    if re.fullmatch(r"\s*(in\s+)?\d{4}\s*", expression):
        return "year"
    if re.fullmatch(r"\s*(in\s+)?(%s)(\s+\d{4})?\s*" % "|".join(MONTHS), expression, re.I):
        return "month"
    return "day"


@lru_cache(maxsize=4096)
def resolve(expression: str, published: date, future: bool = False) -> tuple[date, str] | None:
    """(date, precision) for a date expression read against the publication date, or None."""
    if not DATED.search(expression):
        return None  # durations and vague spans ("three years", "decades") date nothing
    words = expression.lower().split()
    weekday = next((w.strip(".,") for w in words if w.strip(".,") in WEEKDAYS), None)
    if weekday and not any(w in MONTHS for w in words):
        return weekday_date(weekday, published, future), "day"
    import dateparser  # slow to import: only when an expression needs it

    settings = {"RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
                "PREFER_DATES_FROM": "future" if future else "past",
                "RETURN_AS_TIMEZONE_AWARE": False}
    cleaned = re.sub(r"^(on|in|at|since|by|from|until|during)\s+", "", expression.strip(), flags=re.I)
    cleaned = re.sub(r"^(earlier|later|early|late)\s+(?=(this|last|next)\b)", "", cleaned, flags=re.I)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    precision = _precision(cleaned)
    day = parsed.date()
    if precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "month":
        day = day.replace(day=1)
    return day, precision


def _date_entity(event: Event, sent: SpacySpan, doc: Doc, dates: list[SpacySpan]) -> SpacySpan | None:
    """``dates``: the Doc's DATE entities (``sent.ents`` would rebuild every entity per event)."""
    ents = [e for e in dates if e.start >= sent.start and e.end <= sent.end]
    if not ents:
        return None
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is not None:
        heads = {t.i for t in trigger}
        for ent in (e for e in ents if _modifies_a_clause(e)):  # attached to the trigger's clause
            node = ent.root
            while node.head != node and node.i not in heads and node.pos_ not in ("VERB", "AUX"):
                node = node.head
            if node.i in heads:
                return ent
    only = ents[0] if len(ents) == 1 and _modifies_a_clause(ents[0]) else None
    return only if only is not None and _governing_verb(only).dep_ == "ROOT" else None


def _governing_verb(ent: SpacySpan):  # noqa: ANN202
    node = ent.root
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def _modifies_a_clause(ent: SpacySpan) -> bool:
    """"on Tuesday" dates a clause; "last year's war" only dates the war."""
    node = ent.root
    if node.dep_ == "compound" and node.head.lower_ in DAY_PARTS:
        node = node.head  # "on Monday night": the night of a day still dates the clause
    start = node
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        if node.dep_ in ("poss", "compound", "amod") or (node != start and node.pos_ in ("NOUN", "PROPN")):
            return False
        node = node.head
    return True


DAY_PARTS = {"morning", "afternoon", "evening", "night", "overnight"}


FUTURE_AUX = {"will", "shall", "'ll", "to"}


def _future_clause(ent: SpacySpan) -> bool:
    """Does the date belong to a clause about the future ("will meet on Thursday")?"""
    node = ent.root
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children)


def date_events(doc: Doc) -> None:
    published = doc._.published
    if published is None or not doc._.events:
        return
    sents = list(doc.sents)
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    for event in doc._.events:
        ent = _date_entity(event, sents[event.sentence_index], doc, dates)
        if ent is None:
            continue
        found = resolve(ent.text, published, future=event.hypothetical and _future_clause(ent))
        if found is not None:
            event.date, event.date_precision = found[0].isoformat(), found[1]
    carry_the_story_day(doc._.events, _story_days(doc, sents, dates, published))


STORY_DAYS_BACK = 7  # a day further back is a past episode the story recalls, not its news


def _story_days(doc: Doc, sents: list[SpacySpan], dates: list[SpacySpan], published: date) -> dict[int, str]:
    """Sentence index -> the recent past day the sentence tells of ("on Sunday", "yesterday")."""
    index = {s.start: i for i, s in enumerate(sents)}
    days: dict[int, str] = {}
    for ent in dates:
        if not _modifies_a_clause(ent) or _future_clause(ent):
            continue
        found = resolve(ent.text, published)
        if found is None or found[1] != "day" or not 0 < (published - found[0]).days <= STORY_DAYS_BACK:
            continue
        days.setdefault(index[ent.sent.start], found[0].isoformat())
    return days


def carry_the_story_day(events: list[Event], days: dict[int, str]) -> None:
    """An event whose sentence names no day happened on the day the story has just named ("Troops
    entered the town on Sunday. They detained ...": Sunday too), when that day is a recent past
    day; an event before any such day keeps the publication date, and so do plans and threats."""
    for event in events:
        if event.date_precision != "article" or event.hypothetical:
            continue
        earlier = [i for i in days if i <= event.sentence_index]
        if earlier:
            event.date, event.date_precision = days[max(earlier)], "story"


class EventDater:
    def __call__(self, doc: Doc) -> Doc:
        date_events(doc)
        return doc


@Language.factory("eventwire_dates")
def make_event_dater(nlp: Language, name: str) -> EventDater:
    return EventDater()
