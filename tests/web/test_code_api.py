"""``POST /api/code``: codes a text in a worker process, refuses what is too big, holds a bounded
number of codings at once and never makes the read endpoints wait."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from web_client import client_for

from eventwire.web import ServeSettings
from eventwire.web.coding import CodingPool


def test_a_text_is_coded_in_a_worker_process(client: Any) -> None:
    response = client.post("/api/code", json={
        "text": "Russia expelled eight U.S. diplomats on Tuesday.", "date": "2021-12-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert {(e["source"]["code"], e["target"]["code"]) for e in body["events"]} == \
        {("RUS", "USAGOV")}
    event = body["events"][0]
    assert event["sentence"][event["trigger"]["start"] - event["evidence"]["start"]:][:8] \
        == "expelled"
    assert body["article"]["published"] == "2021-12-01"


def test_what_cannot_be_coded_is_a_clear_422(client: Any) -> None:
    empty = client.post("/api/code", json={"text": ""})
    assert empty.status_code == 422
    blank = client.post("/api/code", json={"text": "   \n\n  "})  # refused by the coder itself
    assert blank.status_code == 422, blank.text
    assert blank.json()["detail"] == "cannot code this text: article text is empty"


def test_a_text_over_the_limit_is_refused(store_file: Path) -> None:
    with client_for(ServeSettings(db=store_file, code_max_chars=1000)) as client:
        response = client.post("/api/code", json={"text": "word " * 300})
        assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_codings_beyond_the_bound_get_429_and_reads_go_on(store_file: Path) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_code(text: str, *_: Any) -> dict[str, Any]:
        started.set()
        release.wait(30)
        return {"article": {"text": text}, "events": [], "quotes": []}

    pool = CodingPool(1, function=slow_code, executor=ThreadPoolExecutor)
    with client_for(ServeSettings(db=store_file), coding=pool) as client:
        results: list[Any] = []
        first = threading.Thread(target=lambda: results.append(
            client.post("/api/code", json={"text": "first"})))
        first.start()
        assert started.wait(10)
        busy = client.post("/api/code", json={"text": "second"})
        assert busy.status_code == 429 and busy.json()["code"] == "busy"
        assert int(busy.headers["retry-after"]) > 0
        reads: list[int] = []  # while the coding holds its slot (released only below)
        reader = threading.Thread(target=lambda: reads.extend(
            client.get(url).status_code for url in ("/api/events", "/events")))
        reader.start()
        reader.join(60)  # a guard against a hang, not a speed check
        assert reads == [200, 200] and not release.is_set()
        release.set()
        first.join(30)
        assert results[0].status_code == 200
        assert client.post("/api/code", json={"text": "third"}).status_code == 200


def test_coding_can_be_turned_off(store_file: Path) -> None:
    with client_for(ServeSettings(db=store_file, coders=0)) as client:
        response = client.post("/api/code", json={"text": "Russia expelled diplomats."})
        assert response.status_code == 503 and "turned off" in response.json()["detail"]


def test_the_date_is_passed_on(store_file: Path) -> None:
    seen: list[Any] = []

    def record(text: str, published: date | None, title: str | None,
               url: str | None) -> dict[str, Any]:
        seen.append((published, title, url))
        return {"article": {}, "events": [], "quotes": []}

    pool = CodingPool(1, function=record, executor=ThreadPoolExecutor)
    with client_for(ServeSettings(db=store_file), coding=pool) as client:
        client.post("/api/code", json={"text": "x", "date": "2022-02-24", "title": "T",
                                       "url": "https://example.org/a"})
    assert seen == [(date(2022, 2, 24), "T", "https://example.org/a")]


def test_the_workers_can_be_started_before_the_first_request(store_file: Path) -> None:
    seen: list[str] = []

    def record(text: str, *_: Any) -> dict[str, Any]:
        seen.append(text)
        return {"article": {}, "events": [], "quotes": []}

    pool = CodingPool(1, function=record, executor=ThreadPoolExecutor)
    pool.start()
    assert len(seen) == 1  # one sentence coded: the worker is up
    pool.close()
