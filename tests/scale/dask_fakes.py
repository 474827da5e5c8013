"""Coders the tests run on Dask workers instead of spaCy (importable there by module name).

``hungry_coder`` is the test hook for an article that blows up a worker: it honours
``EVENTWIRE_TEST_POISON`` (nothing in eventwire reads it), eating memory on an article holding
that marker until the worker's nanny kills the process, as a parser run out of memory would.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator

from store_fakes import fake_code, fake_coder

from eventwire.model import Article, Document

POISON = "EVENTWIRE_TEST_POISON"
CHUNK = 64 * 2**20
MOST = 64  # chunks: 4 GB, far over any test's memory limit; past it the hook gives up


def slow_coder(articles: Iterable[Article]) -> Iterator[Document]:
    """The fake coder at a few milliseconds an article: a run lasts long enough to be hit."""
    for article in articles:
        time.sleep(0.01)
        yield fake_code(article)


def hungry_coder(articles: Iterable[Article]) -> Iterator[Document]:
    articles = list(articles)
    marker = os.environ.get(POISON)
    if marker and any(marker in article.text for article in articles):
        eaten = []
        for _ in range(MOST):
            eaten.append(bytearray(CHUNK))  # zero-filled: resident at once
            time.sleep(0.05)
        raise MemoryError("the worker was not stopped by its memory limit")
    yield from fake_coder(articles)
