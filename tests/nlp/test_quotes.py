"""Quotes and their speakers: each quote form and speaker form on small texts, plus found and
attribution rates on the annotated articles in tests/data/quotes/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.model import Quote
from eventwire.nlp.quotes import extract_quotes, quote_char_spans

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "data" / "quotes").glob("*.json"))


@pytest.fixture(scope="module")
def parse(base_nlp):
    return base_nlp


def _quotes(nlp, text: str) -> list[Quote]:
    return extract_quotes(nlp(text))


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


@pytest.mark.parametrize("text, quoted, speaker", [
    ('"The threat on our Western frontier is really growing," Putin said.',
     "The threat on our Western frontier is really growing", "Putin"),
    ("\u201cWe will not back down,\u201d said Foreign Minister Sergei Lavrov.",
     "We will not back down", "Sergei Lavrov"),
    ('"Sanctions are working," Antony Blinken told reporters in Washington.',
     "Sanctions are working", "Antony Blinken"),
    ('Olaf Scholz said in a statement: "Germany stands with its allies."',
     "Germany stands with its allies.", "Olaf Scholz"),
    ('According to Jens Stoltenberg, "the alliance stands united."',
     "the alliance stands united.", "Jens Stoltenberg"),
    ("Vladimir Putin: \u201cWe did not start this war.\u201d",
     "We did not start this war.", "Vladimir Putin"),
    ("Joe Biden said Washington would impose \u201chigh-impact economic measures\u201d on Moscow.",
     "high-impact economic measures", "Joe Biden"),
])
def test_quote_and_speaker_forms(parse, text, quoted, speaker):
    quotes = _quotes(parse, text)
    assert [q.text for q in quotes] == [quoted]
    assert _speaker(quotes[0]) == speaker
    start = quotes[0].evidence.start
    assert text[start:quotes[0].evidence.end] == quoted


def test_speaker_in_next_sentence_and_pronoun(parse):
    text = ('Emmanuel Macron spoke in Paris on Monday. "Europe must be ready to defend itself." '
            "He said.")
    quotes = _quotes(parse, text)
    assert [_speaker(q) for q in quotes] == ["Emmanuel Macron"]


def test_pronoun_refers_back_to_named_person(parse):
    text = 'Emmanuel Macron arrived in Berlin. "We are stronger together," he said.'
    [quote] = _quotes(parse, text)
    assert _speaker(quote) == "Emmanuel Macron"
    assert quote.speaker_span is not None and quote.speaker_span.text == "he"


def test_quote_over_several_sentences_and_continuation(parse):
    text = ("\u201cWe will not back down,\u201d said Sergei Lavrov. "
            "\u201cThis is our red line. Nobody should doubt it.\u201d")
    quotes = _quotes(parse, text)
    assert [q.text for q in quotes] == ["We will not back down",
                                        "This is our red line. Nobody should doubt it."]
    assert [_speaker(q) for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov"]
    assert [q.sentence_index for q in quotes] == [0, 1]


@pytest.mark.parametrize("text", [
    'Moscow calls the war a so-called "special military operation".',
    'The "peace plan" was published on Friday.',
])
def test_scare_quotes_are_not_quotes(parse, text):
    assert _quotes(parse, text) == []


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" and "no".', [(9, 12), (19, 21)]),
    ("\u201cFirst paragraph.\n\n\u201cSecond paragraph,\u201d she said.",
     [(1, 17), (20, 36)]),
    ("It's 5\" long, she said.", []),
])
def test_quote_marks(text, expected):
    assert quote_char_spans(text) == expected


def _matches(found: Quote, expected: dict) -> bool:
    a, b = found.evidence.start, found.evidence.end
    return found.text.strip(" .,") in expected["text"] or expected["text"].strip(" .,") in found.text


def _same_speaker(found: Quote, expected: dict) -> bool:
    name = _speaker(found)
    if name is None:
        return False
    last = expected["speaker"].split()[-1].lower()
    return last in name.lower()


def _rates(nlp) -> tuple[int, int, int]:
    total = found = attributed = 0
    for path in ARTICLES:
        article = json.loads(path.read_text(encoding="utf-8"))
        quotes = _quotes(nlp, article["text"])
        for expected in article["quotes"]:
            total += 1
            match = next((q for q in quotes if _matches(q, expected)), None)
            found += match is not None
            attributed += match is not None and _same_speaker(match, expected)
    return total, found, attributed


def test_found_and_attribution_rates_on_annotated_articles(parse):
    assert len(ARTICLES) >= 3
    total, found, attributed = _rates(parse)
    assert found / total >= 0.9, (found, total)
    assert attributed / total >= 0.85, (attributed, total)
