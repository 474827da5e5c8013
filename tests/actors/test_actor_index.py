"""The per-Doc index behind ``actor_for``/``spans_at``: same answers as scanning the span group,
kept up to date when the group changes, and never keeping a Doc alive."""

from __future__ import annotations

import gc
import weakref

import pytest
from spacy.tokens import Span

from eventwire.actors.component import actor_at, best, spans_at
from eventwire.nlp.extensions import ACTOR_SPANS

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met Chinese diplomats in Beijing on Tuesday.",
    "Hungarian and Romanian officials said the minister would visit Kyiv. He declined to comment.",
]


def scanned(doc, token) -> list[Span]:
    return [s for s in doc.spans[ACTOR_SPANS] if s.start <= token.i < s.end]


@pytest.mark.parametrize("text", TEXTS)
def test_index_answers_as_a_scan_of_the_group(nlp, text: str) -> None:
    doc = nlp(text)
    for token in doc:
        assert spans_at(doc, token) == scanned(doc, token)
        assert actor_at(doc, token) == best(scanned(doc, token), token)


def test_index_follows_a_replaced_group(nlp) -> None:
    doc = nlp(TEXTS[0])
    token = doc[0]
    assert spans_at(doc, token)
    doc.spans[ACTOR_SPANS] = []
    assert spans_at(doc, token) == []
    assert actor_at(doc, token) is None


def test_coded_doc_is_freed(nlp) -> None:
    doc = nlp(TEXTS[1])
    found = [actor_at(doc, token) for token in doc]
    assert any(found)
    ref = weakref.ref(doc)
    del doc
    gc.collect()
    assert ref() is None
