"""Fixtures for the dashboard's tests: a small store, the app in process, a real server
(uvicorn on 127.0.0.1) and a real headless Chromium (Debian's, driven by playwright).

pytest runs in importlib mode: this folder is put on sys.path for the helper modules.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browser import BrowserMissing, launch  # noqa: E402
from live_server import LiveServer  # noqa: E402
from web_client import TestClient, client_for  # noqa: E402
from web_store import build  # noqa: E402

from eventwire.web import ServeSettings  # noqa: E402

_BROWSER_SKIPS: list[str] = []


@pytest.fixture(scope="session")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("web") / "events.duckdb")


@pytest.fixture(scope="session")
def client(store_file: Path) -> Iterator[TestClient]:
    with client_for(ServeSettings(db=store_file)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def server(store_file: Path) -> Iterator[LiveServer]:
    with LiveServer(store_file) as live:
        yield live


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        with launch() as chromium:
            yield chromium
    except BrowserMissing as exc:
        _BROWSER_SKIPS.append(str(exc))
        pytest.skip(f"BROWSER TESTS SKIPPED: {exc}")


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Say loudly, at the end of the run, that the browser tests did not run."""
    if _BROWSER_SKIPS:
        write = terminalreporter.write_line  # type: ignore[attr-defined]
        write("!" * 78)
        write(f"BROWSER TESTS SKIPPED: {_BROWSER_SKIPS[0]}")
        write("!" * 78)
