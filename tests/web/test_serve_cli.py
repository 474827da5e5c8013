"""``eventwire serve`` as a user starts it: localhost by default, a token required beyond it."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
from live_server import LiveServer


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", "serve", *args],
                          capture_output=True, text=True, timeout=60, env=env)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_beyond_localhost_it_will_not_start_without_a_token(host: str, tmp_path: Path) -> None:
    done = serve("--db", str(tmp_path / "e.duckdb"), "--host", host, env={"PATH": ""})
    assert done.returncode == 2
    assert "--token" in done.stderr and "EVENTWIRE_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_short_token_is_refused(tmp_path: Path) -> None:
    done = serve("--db", str(tmp_path / "e.duckdb"), "--token", "abc")
    assert done.returncode == 2 and "too short" in done.stderr


def test_by_default_it_listens_on_localhost_only(store_file: Path) -> None:
    with LiveServer(store_file) as server:
        assert urllib.request.urlopen(server.url + "/api/health").status == 200
        listening = {c.laddr.ip for c in psutil.Process(server.pid()).net_connections("inet")
                     if c.status == psutil.CONN_LISTEN}
        said = server.output()
    assert listening == {"127.0.0.1"}
    assert "on http://127.0.0.1:" in said


def test_with_a_token_it_says_so_and_asks_for_it(store_file: Path) -> None:
    token = "a-long-enough-token"
    with LiveServer(store_file, env={"EVENTWIRE_TOKEN": token}) as server:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.url + "/api/health")
        assert refused.value.code == 401
        asked = urllib.request.Request(server.url + "/api/health",
                                       headers={"Authorization": f"Bearer {token}"})
        assert urllib.request.urlopen(asked).status == 200
        said = server.output()
    assert "a token is required" in said and token not in said
