"""What ``eventwire serve`` is told: the store, where to listen, the token, and the limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from eventwire.store import DEFAULT_DB

TOKEN_ENV = "EVENTWIRE_TOKEN"


@dataclass(frozen=True)
class ServeSettings:
    db: Path = DEFAULT_DB
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # required of every request when set
    coders: int = 1  # coding processes behind POST /api/code, and codings at once; 0: none
    code_max_chars: int = 100_000  # the text of POST /api/code
    code_max_body: int = 256 * 1024  # bytes of a POST /api/code request
    max_body: int = 16 * 1024  # bytes of any other request
    page_max: int = 500  # rows of one API page
    download_max: int = 100_000  # rows of one CSV/JSONL download (eventwire export for more)
    lock_wait: float = 30.0  # seconds a request waits for an ingest to let go of the store

    @property
    def needs_token(self) -> bool:
        """Bound beyond this machine, the server must not answer without a token."""
        return not is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
