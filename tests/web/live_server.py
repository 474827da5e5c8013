"""``eventwire serve`` as a user starts it, in its own process on 127.0.0.1 and a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, db: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = [sys.executable, "-m", "eventwire", "serve", "--db", str(db),
                        "--port", str(self.port), *args]
        inherited = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
        self.env = {**inherited, **(env or {})}
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> "LiveServer":
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=subprocess.STDOUT,
                                        text=True, env=self.env)
        deadline = time.monotonic() + 60
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {self.output()}")
            time.sleep(0.1)
        return self

    def _answers(self) -> bool:
        try:
            urllib.request.urlopen(self.url + "/openapi.json", timeout=2).close()
            return True
        except urllib.error.HTTPError:
            return True  # it answered (e.g. 401 without a token)
        except OSError:
            return False

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __exit__(self, *exc: Any) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
