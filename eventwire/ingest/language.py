"""A cheap "is this English?" check: the share of very common English words.

English news prose has roughly a third of its words among a few dozen function words ("the",
"of", "to", "said"); German, French or Spanish text shares almost none of them, and text in
another script has few Latin letters at all. Short texts get the benefit of the doubt: a
headline-sized snippet says too little to reject it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from eventwire.errors import DataFileError

MIN_WORDS = 25  # below this, the ratio is too noisy to reject a text
MIN_STOPWORD_RATIO = 0.14  # English news sentences: 0.17 and up; other languages: 0.10 at most
MIN_LATIN_SHARE = 0.6  # share of letters that are Latin script

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Letters at regex speed: [^\W\d_] is every str.isalpha() character plus a few numerals ("½",
# "Ⅻ"), which are weeded out one by one; they are never ASCII.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_LATIN = re.compile(r"[^\x00-\u024f]")


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    path = "eventwire/ingest/data/english_stopwords.txt"
    text = resources.files("eventwire.ingest").joinpath("data", "english_stopwords.txt").read_text("utf-8")
    words = set()
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not word.isalpha() or word != word.lower():
            raise DataFileError(f"{path}:{number}: {word!r} is not one lower-case word")
        words.add(word)
    return frozenset(words)


def english_ratio(text: str) -> tuple[int, float]:
    """(number of words, share of them that are common English function words)."""
    words = list(map(str.lower, _WORD.findall(text)))
    if not words:
        return 0, 0.0
    return len(words), sum(map(english_stopwords().__contains__, words)) / len(words)


def letter_counts(text: str) -> tuple[int, int]:
    """(letters, letters of the Latin script) in ``text``, letters as ``str.isalpha`` says."""
    run = "".join(_LETTER_RUN.findall(text))
    letters = len(run) - sum(1 for c in _NON_ASCII.findall(run) if not c.isalpha())
    other = sum(1 for c in _NON_LATIN.findall(run) if c.isalpha())
    return letters, letters - other


def latin_share(text: str) -> float:
    letters, latin = letter_counts(text)
    return latin / letters if letters else 1.0


def looks_english(text: str) -> bool:
    """True unless the text is long enough to judge and clearly not English."""
    letters, latin = letter_counts(text)
    if letters < 30:
        return True
    if latin / letters < MIN_LATIN_SHARE:
        return False  # a few dozen CJK or Cyrillic letters already make a sentence
    count, ratio = english_ratio(text)
    return count < MIN_WORDS or ratio >= MIN_STOPWORD_RATIO
