"""The app in process behind starlette's test client (an ASGI client, no network)."""

from __future__ import annotations

import warnings
from typing import Any

from eventwire.web import ServeSettings, create_app

with warnings.catch_warnings():  # starlette's TestClient warns, once, that it will move to
    warnings.simplefilter("ignore")  # another httpx package; the pinned one works
    from fastapi.testclient import TestClient


def client_for(settings: ServeSettings, **kwargs: Any) -> TestClient:
    return TestClient(create_app(settings, **kwargs))
