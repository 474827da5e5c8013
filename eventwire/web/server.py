"""Run the app under uvicorn, refusing to listen beyond this machine without a token."""

from __future__ import annotations

import logging

from eventwire.errors import EventwireError
from eventwire.web.settings import TOKEN_ENV, ServeSettings

log = logging.getLogger(__name__)


def check(settings: ServeSettings) -> None:
    """Raise ``EventwireError`` for settings the server must not start with."""
    if settings.needs_token and not settings.token:
        raise EventwireError(
            f"--host {settings.host} listens beyond this machine: give a token with --token "
            f"or the {TOKEN_ENV} environment variable (or keep the default --host 127.0.0.1)")
    if settings.token is not None and len(settings.token) < 12:
        raise EventwireError("the token is too short: use at least 12 characters")


def serve(settings: ServeSettings) -> None:
    """Serve until interrupted (blocking)."""
    import uvicorn

    from eventwire.web.app import create_app

    check(settings)
    config = uvicorn.Config(create_app(settings), host=settings.host, port=settings.port,
                            log_level="warning", access_log=False, server_header=False,
                            timeout_graceful_shutdown=5)
    uvicorn.Server(config).run()
