"""Place mentions, event locations from the sentence, the dateline fallback, the gold floor."""

from __future__ import annotations

import pytest

from eventwire.model import Event
from eventwire.model import Span as TextSpan
from eventwire.places.component import PlacesComponent, dateline
from eventwire.places.extract import locate


@pytest.fixture(scope="module")
def places():
    return PlacesComponent()


def _event(doc, verb: str) -> Event:
    start = doc.text.index(verb)
    return Event(article_id="t", sentence_index=0, sentence="", evidence=TextSpan(0, len(doc.text)),
                 trigger=TextSpan(start, start + len(verb), verb), source=None, target=None,
                 cameo="190", root="19", quad=4, goldstein=-10.0, plover={})


def _run(base_nlp, places, text: str, verb: str) -> Event:
    doc = base_nlp(text)
    doc._.events = [_event(doc, verb)]
    places(doc)
    return doc._.events[0]


@pytest.mark.parametrize("text, verb, place", [
    ("NATO ministers met at a conference in Riga on Tuesday.", "met", "Riga"),
    ("Russian forces shelled villages in the Donbas overnight.", "shelled", "Donbas"),
    ("Ukrainian troops repelled an attack near Bakhmut.", "repelled", "Bakhmut"),
    ("At least nine civilians were killed in the bombardment of the Abu Kamal district.",
     "killed", "Abu Kamal"),
    ("Rebels captured the town of Qaryat al-Ulya on Sunday.", "captured", "Qaryat al-Ulya"),
    ("Protesters marched through central Tbilisi on Saturday.", "marched", "Tbilisi"),
])
def test_event_location_from_sentence(base_nlp, places, text, verb, place):
    event = _run(base_nlp, places, text, verb)
    assert event.location is not None
    assert event.location.span.text == place
    assert event.location.source == "sentence"


@pytest.mark.parametrize("text, verb", [
    ("Ukrainian troops repelled the attack.", "repelled"),  # a nationality is not a place
    ("Nigeria's largest parties signed the accord.", "signed"),  # a possessor is not a place
    ("France criticised the decision.", "criticised"),  # the actor is not the place
])
def test_no_location_when_the_sentence_names_none(base_nlp, places, text, verb):
    assert _run(base_nlp, places, text, verb).location is None


def test_unresolved_place_still_named(base_nlp, places):
    event = _run(base_nlp, places, "Gunmen killed two farmers in the Zqarbuli district.", "killed")
    assert event.location.span.text == "Zqarbuli"
    assert event.location.precision == "unresolved" and event.location.country is None


def test_context_disambiguates_paris(base_nlp, places):
    doc = base_nlp("A man was shot in Paris on Friday. Police in Texas said the suspect fled.")
    places(doc)
    paris = next(s for s in doc.spans["eventwire_places"] if s.text == "Paris")
    assert paris._.location.country == "USA"


@pytest.mark.parametrize("text, name, country", [
    ("KYIV, Ukraine (AP) — Officials said talks would resume.", "Kyiv", "UKR"),
    ("MOSCOW — The Kremlin said talks would resume.", "Moscow", "RUS"),
    ("Kyiv, Dec 1 (Reuters) - Officials said talks would resume.", "Kyiv", "UKR"),
])
def test_dateline(base_nlp, text, name, country):
    found = dateline(base_nlp(text))
    assert (found.name, found.country, found.source) == (name, country, "dateline")


def test_no_dateline_in_plain_text(base_nlp):
    assert dateline(base_nlp("Officials said talks would resume - eventually.")) is None


def test_dateline_fallback_when_sentence_has_no_place(base_nlp, places):
    event = _run(base_nlp, places, "KYIV, Ukraine (AP) — Russia launched missiles overnight.",
                 "launched")
    assert event.location.name == "Kyiv"
    assert event.location.source == "dateline"


def test_locate_without_the_component(base_nlp):
    doc = base_nlp("Police arrested three men at the airport in Lagos.")
    span = locate(doc, [t.text for t in doc].index("arrested"))
    assert span is not None and span.text == "Lagos"


# Floors just under the figures measured when the rules were written; the lead pins the
# official ones in eval_floors.json.
def test_location_gold_floor(shared_gold, base_nlp):
    from eventwire.evaluate_locations import score_locations

    scores = score_locations(shared_gold / "event_location_gold.jsonl", base_nlp)
    assert scores["precision"] >= 0.76
    assert scores["recall"] >= 0.72
