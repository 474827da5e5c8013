"""A missing, empty, foreign, newer or locked store gives a clear page and a clear API error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from web_client import client_for

from eventwire.store import Store
from eventwire.web import ServeSettings

PAGES = ["/", "/dyad?source=USA&target=RUS", "/events", "/network", "/map", "/quotes"]
API = ["/api/health", "/api/summary", "/api/events", "/api/dyad?source=USA&target=RUS",
       "/api/quotes", "/api/network", "/api/locations", "/api/actors", "/api/timeline"]


def check_everywhere(db: Path, status: int, code: str, words: str, **settings: Any) -> None:
    with client_for(ServeSettings(db=db, **settings)) as client:
        for url in API:
            response = client.get(url)
            assert response.status_code == status, (url, response.text)
            assert response.json()["code"] == code
            assert words in response.json()["detail"]
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == status, url
            assert words in response.text and "Traceback" not in response.text


def test_missing_store(tmp_path: Path) -> None:
    check_everywhere(tmp_path / "none.duckdb", 503, "store_missing", "eventwire ingest")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are my notes")
    check_everywhere(path, 503, "store_unreadable", "cannot open the event store")


def test_a_database_that_is_not_an_eventwire_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    check_everywhere(path, 503, "store_unreadable", "not an eventwire event store")


def test_a_store_from_a_newer_eventwire(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    with Store(path) as store:
        store.con.execute("INSERT INTO migrations VALUES ('999_future', now())")
    check_everywhere(path, 503, "store_unreadable", "newer eventwire")


def test_an_empty_store_shows_empty_states(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    with client_for(ServeSettings(db=path)) as client:
        for url in API:
            assert client.get(url).status_code == 200, url
        assert client.get("/api/events").json() == {"total": 0, "limit": 50, "offset": 0,
                                                     "items": []}
        assert "holds no events yet" in client.get("/").text
        assert "No event matches" in client.get("/events").text
        assert "No event in this store has a location" in client.get("/map").text


def test_a_store_locked_by_a_writer_that_never_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with client_for(ServeSettings(db=path, lock_wait=0.5)) as client:
            response = client.get("/api/events")
            assert response.status_code == 503
            assert response.json()["code"] == "store_locked"
            assert response.headers["retry-after"]
            assert f"process {holder.pid}" in response.json()["detail"]
            page = client.get("/events")
            assert page.status_code == 503 and "try again" in page.text
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("url", ["/api/events/x", "/events/x", "/articles/x", "/api/articles/x"])
def test_unknown_records_are_404_not_errors(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "Traceback" not in response.text
