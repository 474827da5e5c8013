"""A paragraph break ends a sentence, so a headline or a caption is coded on its own."""

from __future__ import annotations

import pytest


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_headline_is_a_sentence_of_its_own(nlp) -> None:
    text = ("Norway expels Russian envoys after spy row\n\n"
            "Oslo expelled three Russian diplomats on Tuesday, the foreign ministry said.")
    assert sentences(nlp, text)[0] == "Norway expels Russian envoys after spy row"


@pytest.mark.parametrize("text, count", [
    ("Police detained two men\nThe men were released later.", 2),  # a single break before a capital
    ("Police detained two men who had\nthrown stones at the embassy.", 1),  # a wrapped line goes on
])
def test_single_line_breaks(nlp, text: str, count: int) -> None:
    assert len(sentences(nlp, text)) == count
