"""The one-call layer: code(), code_many(), chunking of long texts, to_pandas, spaCy users' add_pipe,
and coding in several processes."""

from __future__ import annotations

import json
from datetime import date

import pytest

import eventwire
from eventwire.coding import Coder, Options, split_chunks
from eventwire.model import Article, Document

EXPULSION = "Russia expelled eight U.S. diplomats on Monday."
MEETING = "Blinken will meet Lavrov in Stockholm on Thursday."
PRAISE = "China praised Pakistan for its support."

PARAGRAPHS = [
    "Russia expelled eight U.S. diplomats on Monday, the foreign ministry said.",
    "France and Germany condemned Russia over the expulsions.",
    "Ukrainian police arrested dozens of protesters in Kyiv on Tuesday.",
    "The European Union imposed new sanctions on Belarus last week.",
    "China praised Pakistan for its support.",
]


@pytest.fixture(scope="module")
def coder(nlp) -> Coder:
    return Coder(nlp=nlp)


@pytest.fixture(scope="module")
def small_chunk_coder(nlp) -> Coder:
    return Coder(Options(chunk_chars=2000), nlp=nlp)


def test_code_returns_a_document_with_events_and_quotes(nlp) -> None:
    text = 'Russia expelled eight U.S. diplomats. "We will respond," Blinken told reporters.'
    doc = eventwire.code(text, published="2021-12-01", title="Expulsions")
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.article.title == "Expulsions"
    assert doc.article.published == date(2021, 12, 1)
    assert [(e.cameo, e.source.code[:3], e.target.code[:3]) for e in doc.events] == [("166", "RUS", "USA")]
    assert any(q.text.startswith("We will respond") for q in doc.quotes)


def test_to_dict_is_json_with_string_codes() -> None:
    doc = eventwire.code("China praised Pakistan.", published="2021-12-01")
    payload = json.loads(json.dumps(doc.to_dict()))
    event = payload["events"][0]
    assert event["cameo"] == "051" and isinstance(event["cameo"], str)
    assert event["root"] == "05" and isinstance(event["root"], str)
    assert event["source"]["code"] == "CHN"
    assert event["date"] == "2021-12-01" and event["date_precision"] == "article"
    assert set(payload) == {"article", "events", "quotes"}


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda text, i: text, id="str"),
        pytest.param(lambda text, i: {"id": f"a{i}", "text": text, "date": "2021-12-01"}, id="dict"),
        pytest.param(lambda text, i: Article(text, id=f"a{i}", published=date(2021, 12, 1)), id="Article"),
    ],
)
def test_code_many_keeps_input_order(make) -> None:
    texts = [EXPULSION, PRAISE, MEETING, PRAISE.replace("Pakistan", "Nepal")]
    docs = list(eventwire.code_many(make(t, i) for i, t in enumerate(texts)))
    assert [d.text for d in docs] == texts
    assert [d.events[0].cameo for d in docs] == ["166", "051", "036", "051"]


def test_dict_input_keeps_its_id_on_every_event() -> None:
    doc = next(eventwire.code_many([{"id": "wire-7", "text": EXPULSION, "date": "2021-12-01"}]))
    assert doc.article.id == "wire-7"
    assert {e.article_id for e in doc.events} == {"wire-7"}


def test_events_without_an_id_get_the_text_hash() -> None:
    doc = eventwire.code(EXPULSION)
    assert doc.article.id and all(e.article_id == doc.article.id for e in doc.events)


@pytest.mark.parametrize("limit", [50, 120, 2000])
def test_split_chunks_covers_the_text_without_loss(limit: int) -> None:
    text = "\n\n".join(PARAGRAPHS * 20)
    chunks = split_chunks(text, limit)
    assert "".join(c for _, c in chunks) == text
    assert all(text[off:off + len(c)] == c for off, c in chunks)
    assert all(len(c) <= limit for _, c in chunks[:-1])


REPEATS = 30


def _long_text() -> str:
    return "\n\n".join(p for _ in range(REPEATS) for p in PARAGRAPHS)


def test_long_text_is_coded_in_chunks_with_true_offsets(small_chunk_coder: Coder, coder: Coder) -> None:
    text = _long_text()
    assert len(split_chunks(text, 2000)) >= 4
    article = Article(text, published=date(2021, 12, 1))
    doc = next(small_chunk_coder.code_articles([article]))
    assert doc.text == text
    for event in doc.events:
        assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert doc.text[event.evidence.start:event.evidence.end] == event.sentence
    # every repetition of every paragraph is coded: nothing dropped at chunk edges
    assert sum(e.cameo == "166" for e in doc.events) == REPEATS
    assert sum(e.cameo == "163" for e in doc.events) == REPEATS
    # sentence indices run over the whole article, not restarting in each chunk
    indices = [e.sentence_index for e in doc.events]
    assert indices == sorted(indices) and indices[-1] >= REPEATS * len(PARAGRAPHS) - 1
    whole = next(coder.code_articles([article]))
    assert [(e.cameo, e.trigger.start) for e in doc.events] == [(e.cameo, e.trigger.start) for e in whole.events]


def test_quotes_of_later_chunks_point_at_their_text(small_chunk_coder: Coder) -> None:
    para = '"We will not accept this," Lavrov told reporters in Moscow.'
    text = "\n\n".join([*PARAGRAPHS * 10, para])
    doc = next(small_chunk_coder.code_articles([Article(text)]))
    assert doc.quotes
    for quote in doc.quotes:
        assert doc.text[quote.evidence.start:quote.evidence.end] == quote.text


def test_to_pandas_gives_one_row_per_event() -> None:
    docs = list(eventwire.code_many([EXPULSION, PRAISE, "The weather was fine."]))
    frame = eventwire.to_pandas(docs)
    assert len(frame) == sum(len(d.events) for d in docs) == 2
    assert {"cameo", "source.code", "target.code", "trigger.text", "date"} <= set(frame.columns)
    assert list(frame["cameo"]) == ["166", "051"]


def test_to_pandas_of_nothing_is_an_empty_frame() -> None:
    assert eventwire.to_pandas([]).empty


def test_add_pipe_on_a_bare_pipeline_gives_doc_events() -> None:
    from eventwire.nlp.pipeline import load_base

    bare = load_base()  # a fresh copy: the session fixtures must stay as they are
    bare.add_pipe("eventwire")
    assert "eventwire_events" in bare.pipe_names
    doc = bare("France and Germany condemned Russia.")
    assert [(e.cameo, e.source.code, e.target.code) for e in doc._.events] == [
        ("111", "FRA", "RUS"), ("111", "DEU", "RUS")]


def _signature(doc: Document) -> list[tuple]:
    return [(e.cameo, e.source and e.source.code, e.target and e.target.code, e.date, e.trigger.start)
            for e in doc.events]


def test_two_processes_give_the_same_documents_in_order(coder: Coder) -> None:
    articles = [Article(t, id=f"n{i}", published=date(2021, 12, 1))
                for i, t in enumerate([EXPULSION, MEETING, PRAISE, "\n\n".join(PARAGRAPHS), "Nothing happened."])]
    small_batches = Coder(Options(batch_size=2), nlp=coder.nlp)
    one = list(small_batches.code_articles(articles, n_process=1))
    two = list(small_batches.code_articles(articles, n_process=2))
    assert [d.article.id for d in two] == [a.id for a in articles]
    assert [_signature(d) for d in two] == [_signature(d) for d in one]
    assert [len(d.quotes) for d in two] == [len(d.quotes) for d in one]


def test_code_many_accepts_n_process() -> None:
    docs = list(eventwire.code_many([EXPULSION, PRAISE], n_process=2))
    assert [d.events[0].cameo for d in docs] == ["166", "051"]
