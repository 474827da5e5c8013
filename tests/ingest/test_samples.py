"""The bundled sample articles read cleanly, with dates, titles and no boilerplate left."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import read_inputs, samples_dir
from eventwire.ingest.clean import default_boilerplate
from eventwire.model import Article

SAMPLES = samples_dir()


@pytest.fixture(scope="module")
def samples() -> list[Article | InputError]:
    return list(read_inputs([SAMPLES]))


def test_all_samples_read_without_errors(samples: list[Article | InputError]) -> None:
    assert [i for i in samples if isinstance(i, InputError)] == []
    assert len(samples) >= 8


def test_samples_mix_formats(samples: list[Article]) -> None:
    suffixes = {Path(a.origin.split(":")[0]).suffix for a in samples}
    assert {".txt", ".html", ".jsonl"} <= suffixes


@pytest.mark.parametrize("field", ["published", "title", "url", "outlet"])
def test_every_sample_has_metadata(samples: list[Article], field: str) -> None:
    assert all(getattr(a, field) for a in samples), [a.origin for a in samples if not getattr(a, field)]


def test_no_boilerplate_left_in_samples(samples: list[Article]) -> None:
    rules = default_boilerplate()
    for article in samples:
        for paragraph in article.text.split("\n\n"):
            assert not any(p.regex.fullmatch(paragraph) for p in rules.scoped("line")), (article.origin, paragraph)
            assert "QuickTake" not in paragraph and "Kommentar" not in paragraph


def test_samples_start_with_a_dateline(samples: list[Article]) -> None:
    # (after their headline, which the text keeps: a headline's events are coded too)
    leads = [a.text.split("\n\n", 1)[1] if a.title and a.text.startswith(a.title) else a.text for a in samples]
    assert all(lead.split(" ")[0].isupper() for lead in leads), [lead[:40] for lead in leads]


def test_blinken_sample(samples: list[Article]) -> None:
    [article] = [a for a in samples if a.title and a.title.startswith("Blinken warns Russia")]
    assert article.published.isoformat() == "2021-12-01"
    for words in ("high-impact economic measures", "Lavrov in Stockholm on Thursday", "“", '"'):
        assert words in article.text


def test_one_wire_story_is_reprinted_by_two_outlets(samples: list[Article]) -> None:
    texts: dict[str, set[str]] = {}
    for article in samples:
        texts.setdefault(article.text, set()).add(article.outlet)
    assert any(len(outlets) == 2 for outlets in texts.values())
