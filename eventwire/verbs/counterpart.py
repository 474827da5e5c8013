"""The ``eventwire_counterparts`` component: the other side of a story about two countries.

Reads ``doc.spans["eventwire_actors"]`` and ``doc._.events`` (after places have given role-only
actors their country). Writes the ``target`` of events that have a source but no target, when the
article is about two countries: news about Russia and Georgia that says "Georgian troops withdrew"
or "Moscow denied targeting" means from, or at, the other of the two. The article is about two
countries when two countries are named clearly more often than any other (``MIN_MENTIONS`` each,
together ``MIN_SHARE`` of the country mentions) and the event's source belongs to one of them.
Events whose act aims at no one (statements, the CAMEO roots in ``SELF_DIRECTED_ROOTS``) and events
between a country and itself (protests at home) are left alone.

The targets found so are less sure than a target named in the sentence: the confidence component
weighs them as ``inferred`` (their events are listed in ``doc.user_data[INFERRED_KEY]``).
"""

# no `from __future__ import annotations`: spaCy reads the factory signature at runtime

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.model import Actor, Event
from eventwire.nlp.extensions import ACTOR_SPANS

INFERRED_KEY = "eventwire_inferred_targets"  # ids of the events whose target was inferred
MIN_MENTIONS = 2
MIN_SHARE = 0.6
# statements, appeals for no one in particular, yielding at home, protests: aimed at no other side
SELF_DIRECTED_ROOTS = frozenset({"01", "14"})


def _country(actor: Actor | None) -> str | None:
    country = actor.country if actor is not None else None
    return country if country and len(country) == 3 and country.isalpha() else None


def main_pair(doc: Doc) -> tuple[tuple[str, str], dict[str, str]] | None:
    """The two countries the article is about, and the name each is most often named by."""
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    spans = doc.spans[ACTOR_SPANS] if ACTOR_SPANS in doc.spans else []
    for span in spans:
        country = _country(span._.actor)
        if country is None or country in ("IGO", "NGO"):
            continue
        counts[country] += 1
        if span._.actor.code == country:  # the country itself, not one of its groups
            names.setdefault(country, Counter())[span.text] += 1
    top = counts.most_common(3)
    if len(top) < 2 or top[1][1] < MIN_MENTIONS:
        return None
    if len(top) == 3 and top[2][1] == top[1][1]:
        return None  # no clear second country
    if (top[0][1] + top[1][1]) < MIN_SHARE * sum(counts.values()):
        return None
    pair = (top[0][0], top[1][0])
    return pair, {c: (names[c].most_common(1)[0][0] if c in names else c) for c in pair}


def infer_targets(doc: Doc) -> None:
    events = doc._.events or []
    if not any(e.target is None and e.source is not None for e in events):
        return
    found = main_pair(doc)
    if found is None:
        return
    (first, second), names = found
    inferred = doc.user_data.setdefault(INFERRED_KEY, [])
    for event in events:
        source = _country(event.source)
        if event.target is not None or source not in (first, second) or event.root in SELF_DIRECTED_ROOTS:
            continue
        other = second if source == first else first
        event.target = Actor(names[other], other, other)
        inferred.append(id(event))


class CounterpartFinder:
    def __call__(self, doc: Doc) -> Doc:
        infer_targets(doc)
        return doc


@Language.factory("eventwire_counterparts")
def make_counterpart_finder(nlp: Language, name: str) -> CounterpartFinder:
    return CounterpartFinder()
