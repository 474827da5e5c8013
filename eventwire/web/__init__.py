"""The dashboard and REST API over an event store (``eventwire serve``).

``create_app(ServeSettings(db=...))`` is the FastAPI application; ``serve(settings)`` runs it under
uvicorn. The server only reads the store, and shares the file with an ingest that writes it
(``eventwire.store.sharing``).
"""

from eventwire.web.app import create_app
from eventwire.web.server import serve
from eventwire.web.settings import TOKEN_ENV, ServeSettings

__all__ = ["TOKEN_ENV", "ServeSettings", "create_app", "serve"]
