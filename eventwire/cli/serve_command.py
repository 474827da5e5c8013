"""``eventwire serve``: the dashboard and REST API over a store (a thin wrapper over
``eventwire.web.serve``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console

from eventwire.errors import EventwireError
from eventwire.store import DEFAULT_DB

if TYPE_CHECKING:
    from eventwire.web import ServeSettings

err = Console(stderr=True)


def serve_command(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="The event store (a DuckDB file)."),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on; beyond localhost a token is required."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    token: Optional[str] = typer.Option(
        None, "--token", help="Require this token of every request (default: $EVENTWIRE_TOKEN).",
        show_default=False),
    coders: int = typer.Option(1, "--coders", min=0, max=16,
                               help="Processes (and codings at once) for POST /api/code; 0: off."),
) -> None:
    """Serve the dashboard and the JSON API over the store (read-only)."""
    from eventwire.web import TOKEN_ENV, ServeSettings, serve
    from eventwire.web.server import check

    settings = ServeSettings(db=db, host=host, port=port, coders=coders,
                             token=token or os.environ.get(TOKEN_ENV) or None)
    try:
        check(settings)
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    _announce(settings)
    serve(settings)


def _announce(settings: ServeSettings) -> None:
    where = f"http://{_url_host(settings.host)}:{settings.port}/"
    err.print(f"eventwire: serving {settings.db} (read-only) on {where}", markup=False,
              highlight=False, soft_wrap=True)
    if settings.token:
        err.print("a token is required: send 'Authorization: Bearer TOKEN' to the API, or open "
                  f"{where}?token=TOKEN once in a browser", markup=False, highlight=False,
                  soft_wrap=True)
    if not settings.db.exists():
        err.print(f"note: {settings.db} does not exist yet; pages say so until an ingest "
                  "creates it", markup=False, highlight=False, soft_wrap=True)
    err.print("press Ctrl+C to stop", markup=False, highlight=False)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
