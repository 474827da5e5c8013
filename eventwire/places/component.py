"""The ``eventwire_places`` spaCy component: place mentions and each event's location.

Reads: the parse and NER, ``doc.spans["eventwire_actors"]`` (for the countries that
disambiguate place names) and ``doc._.events``.
Writes: ``doc.spans["eventwire_places"]`` (each span with ``span._.location``) and the
``location`` of every event in ``doc._.events``.

An event's location comes from its sentence (:func:`eventwire.places.extract.locate`); when the
sentence names none, from the article's dateline ("KYIV, Ukraine (AP) —", source ``dateline``)
or else from a place the article names clearly more often than any other (source ``article``).
A name the gazetteer does not know still gives a Location, with ``precision="unresolved"``.
"""

# no `from __future__ import annotations`: spaCy reads the factory signature at runtime

import logging
import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.model import Location
from eventwire.model import Span as TextSpan
from eventwire.nlp.extensions import ACTOR_SPANS, PLACE_SPANS
from eventwire.places.extract import gazetteer_name, locate, place_mentions
from eventwire.places.gazetteer import known_place, resolve_place
from eventwire.places.rules import PlaceRules, load_rules

log = logging.getLogger(__name__)

# "KYIV, Ukraine (AP) —", "MOSCOW —", "Kyiv, Dec 1 (Reuters) -": a place, an optional region or
# country, an optional date and agency, then a dash, at the very start of the article.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z. ]{1,30}?))?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*(?:—|–|--|-)\s")
# A place must be named this many times, and more than any other, to locate the whole article.
DOMINANT_MIN_MENTIONS = 3


def _location_for(span: Span, context: set[str], rules: PlaceRules) -> Location:
    name, prefer = gazetteer_name(span, rules)
    found = resolve_place(name, context, prefer)
    location = found or Location(name=span.text, precision="unresolved")
    location.span = TextSpan(span.start_char, span.end_char, span.text)
    return location


def _context_countries(doc: Doc, spans: list[Span]) -> dict[str, set[str]]:
    """For each place name, the countries of the article's actors and of its *other* places.

    A name's own first reading is left out: "Paris" must not vote for France against a "Texas"
    elsewhere in the article.
    """
    actors = {s._.actor.country for s in doc.spans.get(ACTOR_SPANS, []) if s._.actor}
    readings = {s.text: resolve_place(gazetteer_name(s, load_rules())[0]) for s in spans}
    context = {}
    for name in readings:
        others = {loc.country for other, loc in readings.items() if other != name and loc}
        context[name] = {c for c in actors | others if c}
    return context


def _qualifier(span: Span, spans: list[Span]) -> set[str]:
    """The country of a place named right after this one: "Paris, Texas", "Hama, Syria"."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        for other in spans:
            if other.start == span.end + 1:
                found = resolve_place(other.text)
                return {found.country} if found and found.country else set()
    return set()


def dateline(doc: Doc) -> Location | None:
    """The place of the article's dateline, if it opens with one."""
    match = _DATELINE.match(doc[:60].text[:120])  # not doc.text: that joins the whole article
    if match is None:
        return None
    name = match.group("place").strip()
    if not (name.isupper() or known_place(name)):
        return None  # "Earlier - ..." is not a dateline; a dateline is in capitals or a known place
    region = match.group("region")
    found_region = resolve_place(region) if region else None
    context = [found_region.country] if found_region and found_region.country else []
    location = resolve_place(name, context) \
        or Location(name=name, precision="unresolved")
    location.span = TextSpan(match.start("place"), match.start("place") + len(name), name)
    location.source = "dateline"
    return location


def dominant_place(spans: list[Span]) -> Location | None:
    """The place the article names most, when it is named often and more than any other."""
    counts = Counter(s._.location.name for s in spans if s._.location.precision != "unresolved")
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    first = next(s._.location for s in spans if s._.location.name == ranked[0][0])
    return replace(first, source="article")


class PlacesComponent:
    """See the module docstring."""

    def __init__(self, rules: PlaceRules | None = None) -> None:
        self.rules = rules or load_rules()

    def __call__(self, doc: Doc) -> Doc:
        spans = place_mentions(doc, self.rules, known_place)
        context = _context_countries(doc, spans)
        for span in spans:
            countries = _qualifier(span, spans) or context.get(span.text, set())
            span._.location = _location_for(span, countries, self.rules)
        doc.spans[PLACE_SPANS] = spans
        self._locate_events(doc, spans)
        return doc

    def _locate_events(self, doc: Doc, spans: list[Span]) -> None:
        events = doc._.events or []
        if not events:
            return
        fallback = dateline(doc) or dominant_place(spans)
        for event in events:
            trigger = doc.char_span(event.trigger.start, event.trigger.end,
                                    alignment_mode="expand")
            found = locate(doc, trigger.root.i, spans, self.rules) if trigger else None
            if found is not None:
                event.location = replace(found._.location, source="sentence")
            elif fallback is not None:
                event.location = replace(fallback)


@Language.factory("eventwire_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
