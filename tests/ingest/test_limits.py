"""The per-article time limit: a slow input is given up as failed ("time limit"), the rest goes on.

What is checked is the outcome (the work is interrupted, the error names the input), never how
fast: a block that is not interrupted runs into its own bound and the test fails.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from ingest_helpers import BODY

from eventwire.errors import InputError, TimeLimitError
from eventwire.ingest import IngestOptions, read_inputs
from eventwire.ingest.limits import time_limit
from eventwire.model import Article

BOUND = 60.0  # a limited block that runs this long was not interrupted


def spin(seconds: float = BOUND) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "not interrupted"


def test_limit_interrupts_busy_work_and_names_the_input() -> None:
    with pytest.raises(TimeLimitError) as stopped:
        with time_limit(0.2, "slow.txt", "to read"):
            spin()
    assert stopped.value.origin == "slow.txt"
    assert stopped.value.reason == "took longer than the time limit of 0.2 s to read (option time_limit)"
    assert isinstance(stopped.value, InputError)


def test_library_code_catching_exception_cannot_swallow_the_limit() -> None:
    def careless() -> str:
        try:
            return spin()
        except Exception:  # noqa: BLE001  (what trafilatura does around its stages)
            return "swallowed"

    with pytest.raises(TimeLimitError):
        with time_limit(0.2, "page.html"):
            careless()


def test_inner_limit_fires_first_and_the_outer_one_still_runs() -> None:
    with pytest.raises(TimeLimitError) as outer:
        with time_limit(1.0, "outer"):
            with pytest.raises(TimeLimitError) as inner:
                with time_limit(0.1, "inner"):
                    spin()
            assert inner.value.origin == "inner"
            spin()
    assert outer.value.origin == "outer"


def test_work_within_the_limit_is_untouched_and_no_alarm_is_left() -> None:
    with time_limit(5, "quick"):
        result = sum(range(1000))
    assert result == 499500
    spin(0.3)  # an alarm left armed would interrupt this


def test_no_limit_outside_the_main_thread() -> None:
    results: list[str] = []

    def work() -> None:
        with time_limit(0.1, "threaded"):
            results.append(spin(0.4))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == ["not interrupted"]


def test_slow_article_is_one_failure_and_the_other_lines_are_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.ingest import article as article_module

    real = article_module.clean_text

    def slow_on_marker(text: str, *args: object) -> str:
        if "SLOWMARKER" in text:
            spin()
        return real(text, *args)

    monkeypatch.setattr(article_module, "clean_text", slow_on_marker)
    path = tmp_path / "batch.jsonl"
    lines = [{"text": BODY}, {"text": BODY + " SLOWMARKER"}, {"text": BODY + " Third."}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items = list(read_inputs([path], options=IngestOptions(time_limit=0.3)))
    assert [type(i).__name__ for i in items] == ["Article", "TimeLimitError", "Article"]
    assert items[1].origin == f"{path}:2" and "time limit of 0.3 s" in items[1].reason
    assert all(isinstance(i, Article) for i in (items[0], items[2]))
