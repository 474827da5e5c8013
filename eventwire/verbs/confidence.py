"""The ``eventwire_confidence`` component: how sure the coder is of each event, 0 to 1.

Reads ``doc._.events`` once every other step has written them (dates, places and the actors a
place gives). Writes each event's ``confidence``: the weight of how its act was found (a verb of
the project's own lexicon, a frame, the tone of reported words, an event noun told as a fact, a
pattern derived from another coder's dictionary) times the weight of how each of its two actors
was found (named in the sentence, resolved from elsewhere in the article, inferred as the other
country of the story, known only by its role, or missing). The weights are data (``verbs/data/confidence.csv``).

Measured on the news_articles set (``eventwire eval`` prints precision by band): an event whose
act and both actors are named in the sentence is right far more often than one missing an actor.
"""

# no `from __future__ import annotations`: spaCy reads the factory signature at runtime

from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import DataFileError
from eventwire.model import Actor, Event
from eventwire.nlp import extensions  # noqa: F401
from eventwire.verbs.counterpart import INFERRED_KEY

ACT_KINDS = ("verb", "frame", "tone", "nominal", "derived")
ACTOR_KINDS = ("named", "resolved", "inferred", "no-country", "missing")


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    text = resources.files("eventwire.verbs").joinpath("data", "confidence.csv").read_text("utf-8")
    table: dict[str, float] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition(",")
        try:
            table[key.strip()] = float(value)
        except ValueError:
            raise DataFileError(f"confidence.csv:{lineno}: {value.strip()!r} is not a number") from None
        if not 0.0 <= table[key.strip()] <= 1.0:
            raise DataFileError(f"confidence.csv:{lineno}: a weight lies between 0 and 1")
    missing = [f"act:{k}" for k in ACT_KINDS if f"act:{k}" not in table] + \
              [f"actor:{k}" for k in ACTOR_KINDS if f"actor:{k}" not in table]
    if missing:
        raise DataFileError(f"confidence.csv: no weight for {', '.join(missing)}")
    return table


def act_kind(event: Event) -> str:
    """How the act was found, read from the id of the pattern that found it."""
    pattern = event.pattern or ""
    if pattern.startswith("phoenix_acts.csv"):
        return "derived"
    if pattern.startswith("tone:"):
        return "tone"
    if pattern.endswith("/noun"):
        return "nominal"
    if pattern.startswith("frame:"):
        return "frame"
    return "verb"


def actor_kind(actor: Actor | None, sentence: str) -> str:
    """Named in the sentence ("Russia", "Lavrov"), resolved from elsewhere ("it", "the ministry",
    a name from the sentences before), known only by its role, or missing."""
    if actor is None:
        return "missing"
    if not actor.country:
        return "no-country"
    name = actor.name or ""
    if name in sentence and any(ch.isupper() for ch in name):  # "two Ukrainian diplomats", not "it"
        return "named"
    return "resolved"


def confidence(event: Event, target_inferred: bool = False) -> float:
    """``target_inferred``: the target is the other country of the story, not read from the
    sentence (see ``verbs/counterpart.py``)."""
    table = weights()
    value = table[f"act:{act_kind(event)}"]
    value *= table[f"actor:{actor_kind(event.source, event.sentence)}"]
    value *= table["actor:inferred" if target_inferred else f"actor:{actor_kind(event.target, event.sentence)}"]
    return round(value, 3)


class ConfidenceScorer:
    def __call__(self, doc: Doc) -> Doc:
        inferred = set(doc.user_data.get(INFERRED_KEY, ()))
        for event in doc._.events or []:
            event.confidence = confidence(event, id(event) in inferred)
        return doc


@Language.factory("eventwire_confidence")
def make_confidence_scorer(nlp: Language, name: str) -> ConfidenceScorer:
    return ConfidenceScorer()
