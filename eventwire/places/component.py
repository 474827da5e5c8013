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
from functools import lru_cache
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.actors.dateline import DASHES, datelines
from eventwire.model import Actor, Event, Location
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
DOMINANT_MIN_MENTIONS = 2


def _location_for(span: Span, context: set[str], rules: PlaceRules) -> Location:
    name, prefer = gazetteer_name(span, rules)
    found = resolve_place(name, context, prefer)
    # the place as the article names it ("Kiev" in 2004); coordinates and country from the gazetteer
    location = replace(found, name=name) if found else Location(name=span.text, precision="unresolved")
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
    """The place of the article's dateline: the first paragraph that opens with one ("KYIV,
    Ukraine (AP) —", "BELGRADE, Yugoslavia {AP} Mobs ..."), among the first paragraphs (a
    headline, a caption or a byline may come before it)."""
    lines = datelines(doc)
    if not lines or doc[lines[0]].idx > DATELINE_WITHIN:
        return _opening_dateline(doc)
    run = [lines[0]]
    for i in lines[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    words = [doc[i] for i in run]
    cut = [n for n, t in enumerate(words) if t.text in (",", "(", "{", "[") or t.text in DASHES or t.like_num]
    place = words[:cut[0]] if cut else words
    if not place or not (doc[place[0].i: place[-1].i + 1].text.isupper() or known_place(
            doc[place[0].i: place[-1].i + 1].text)):
        return None
    rest = words[len(place) + 1:] if cut and words[cut[0]].text == "," else []
    region = []
    for token in rest:
        if token.text in (",", "(", "{", "[") or token.text in DASHES or token.like_num:
            break
        region.append(token)
    return _dateline_location(doc, doc[place[0].i: place[-1].i + 1],
                              doc[region[0].i: region[-1].i + 1].text if region else None)


def _opening_dateline(doc: Doc) -> Location | None:
    """"Kyiv, Dec 1 (Reuters) -" at the very start, which the token rules may not take."""
    match = _DATELINE.match(doc[:60].text[:120])  # not doc.text: that joins the whole article
    if match is None:
        return None
    name = match.group("place").strip()
    if not (name.isupper() or known_place(name)):
        return None  # "Earlier - ..." is not a dateline; a dateline is in capitals or a known place
    start = match.start("place")
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    return _dateline_location(doc, span, match.group("region")) if span is not None else None


def _dateline_location(doc: Doc, place: Span, region: str | None) -> Location:
    name = place.text
    found_region = resolve_place(region) if region else None
    context = [found_region.country] if found_region and found_region.country else []
    found = resolve_place(name.title() if name.isupper() else name, context)
    location = replace(found, name=name.title() if name.isupper() else name) if found \
        else Location(name=name, precision="unresolved")
    location.span = TextSpan(place.start_char, place.end_char, place.text)
    location.source = "dateline"
    return location


# a dateline is looked for in the paragraphs that start within this many characters
DATELINE_WITHIN = 1500


def dominant_place(spans: list[Span]) -> Location | None:
    """The place the article names most, when it is named more than once and more than any other."""
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
        place_speakers(doc, spans)
        return doc

    def _locate_events(self, doc: Doc, spans: list[Span]) -> None:
        events = doc._.events or []
        if not events:
            return
        fallback = dateline(doc) or dominant_place(spans)
        latest: tuple[int, Location] | None = None  # the place the article has just set
        for event in sorted(events, key=lambda e: e.sentence_index):
            trigger = doc.char_span(event.trigger.start, event.trigger.end,
                                    alignment_mode="expand")
            found = locate(doc, trigger.root.i, spans, self.rules) if trigger else None
            if found is not None:
                event.location = replace(found._.location, source="sentence")
                if latest is None or latest[0] != event.sentence_index:  # the sentence's first place
                    latest = (event.sentence_index, event.location)
            elif (seat := seat_of(event, named_only=True)) is not None:
                event.location = seat  # "Moscow condemned ...": said in Moscow
            elif latest is not None and 0 < event.sentence_index - latest[0] <= CONTEXT_SENTENCES:
                event.location = replace(latest[1], source="context", span=None)
            elif (seat := seat_of(event)) is not None:
                event.location = seat  # "the foreign minister said ...": in the capital
            elif fallback is not None:
                event.location = replace(fallback)
            place_actors(event)


# "... Tskhinvali. Fighting continued tonight": an event the sentence does not place happened
# where the sentences just before it did, up to this many sentences back
CONTEXT_SENTENCES = 2
# roles of people who act where they are: "gunmen", "protesters", "the army" of no named country
# are of the country the event happened in (CAMEO codes domestic actors by place)
PLACED_ROLES = frozenset({"COP", "MIL", "GOV", "OPP", "REB", "INS", "CVL", "JUD", "LEG", "MED",
                          "BUS", "EDU", "HLH", "LAB", "REL", "SEP", "UAF", "CRM", "SPY"})


# statements, appeals, accusations, threats ... (not visits and meetings, which happen where the
# sentence or the article says): said where the government that says them sits
SAID_ROOTS = frozenset({"01", "02", "03", "05", "06", "07", "08", "09", "10", "11", "12", "13", "16"})


@lru_cache(maxsize=1)
def _seats() -> tuple[dict[str, str], dict[str, str]]:
    """(capital of each country, the kind of each name that stands for a government)."""
    from eventwire.actors.tables import default_tables

    tables = default_tables()
    capitals: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for key, (code, kind) in tables.countries.items():
        if kind == "capital":
            capitals.setdefault(code, tables.surfaces.get(("country", key), key))
        if kind in ("capital", "seat"):
            kinds[key] = kind
    return capitals, kinds


def seat_of(event: Event, named_only: bool = False) -> Location | None:
    """Where a government's statement was made: the capital that names it ("Moscow said"), the
    capital of the seat that names it ("the Kremlin said"), or (unless ``named_only``) the
    capital of the government that speaks ("the foreign ministry said")."""
    source = event.source
    if event.root not in SAID_ROOTS or source is None or not source.country or source.role != "GOV":
        return None
    capitals, kinds = _seats()
    kind = kinds.get(" ".join(source.name.lower().removeprefix("the ").split()))
    if named_only and kind is None:
        return None
    name = source.name.removeprefix("the ").removeprefix("The ") if kind == "capital" else capitals.get(source.country)
    if not name:
        return None
    found = resolve_place(name, [source.country], "city")
    location = replace(found, name=name) if found else Location(name=name, country=source.country, precision="city")
    return replace(location, source="actor", span=None)


def place_speakers(doc: Doc, spans: list[Span]) -> None:
    """A quoted speaker known only by its role ("a defence ministry spokeswoman", "police said")
    speaks from where the article is set: its dateline, else the place it names most."""
    quotes = [q for q in doc._.quotes or [] if _placeable(q.speaker)]
    setting = (dateline(doc) or dominant_place(spans)) if quotes else None
    for quote in quotes:
        quote.speaker = _placed(quote.speaker, setting)


def place_actors(event: Event) -> None:
    """Give an actor known only by its role the country of the place the event happened in."""
    for side in ("source", "target"):
        actor = getattr(event, side)
        if _placeable(actor):
            setattr(event, side, _placed(actor, event.location))


def _placeable(actor: Actor | None) -> bool:
    return actor is not None and actor.country is None and actor.code is None and actor.role in PLACED_ROLES


def _placed(actor: Actor, place: Location | None) -> Actor:
    """The actor of that role in the place's country (unchanged when the place has none)."""
    country = place.country if place is not None else None
    if not country or len(country) != 3:
        return actor
    return Actor(actor.name, country + actor.role, country, actor.role)


@Language.factory("eventwire_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
