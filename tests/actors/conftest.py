"""One spaCy pipeline with only the actor component, shared by the actor tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.extensions import ACTOR_SPANS


@pytest.fixture(scope="session")
def actors_nlp() -> Language:
    import spacy

    import eventwire.actors.component  # noqa: F401  (registers the factory)
    from eventwire.nlp.pipeline import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("eventwire_actors")
    return nlp


@pytest.fixture(scope="session")
def parse(actors_nlp: Language) -> Callable[..., Doc]:
    def run(text: str, published: date | None = None) -> Doc:
        doc = actors_nlp.make_doc(text)
        doc._.published = published
        return actors_nlp(doc)

    return run


@pytest.fixture(scope="session")
def spans_by_text() -> Callable[[Doc], dict[str, list]]:
    """Actor spans of a Doc keyed by their text, in order."""

    def collect(doc: Doc) -> dict[str, list]:
        found: dict[str, list] = {}
        for span in doc.spans[ACTOR_SPANS]:
            found.setdefault(span.text, []).append(span)
        return found

    return collect


@pytest.fixture(scope="session")
def code_of(parse: Callable[..., Doc]) -> Callable[..., str | None]:
    """The code ``actor_for`` gives the first token spelled ``word`` in ``text``."""
    from eventwire.actors.component import actor_for

    def run(text: str, word: str, published: date | None = None) -> str | None:
        doc = parse(text, published)
        actor = actor_for(doc, next(t for t in doc if t.text == word))
        return actor.code if actor else None

    return run
