"""The FastAPI application: the JSON API under ``/api``, the pages, the shipped static files.

``create_app(settings)`` wires the store's read pool, the coding pool and the guards; errors
become a clear JSON body (``{"detail", "code"}``) for the API and a clear page for a browser,
never a traceback.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib import resources
from typing import AsyncIterator

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from eventwire import __version__
from eventwire.errors import EventwireError, StoreError
from eventwire.store.sharing import StoreLocked
from eventwire.web import api, pages
from eventwire.web.coding import CodingBusy, CodingFailed, CodingPool
from eventwire.web.dyad_cache import DyadCache
from eventwire.web.guards import BodyLimit, DropEmptyParams, SecurityHeaders, TokenCheck
from eventwire.web.readers import ReadPool, StoreMissing
from eventwire.web.settings import ServeSettings

log = logging.getLogger(__name__)

RETRY_AFTER_LOCKED = "5"
RETRY_AFTER_BUSY = "10"


def create_app(settings: ServeSettings | None = None, *,
               coding: CodingPool | None = None) -> FastAPI:
    """The dashboard and API over ``settings.db`` (read-only)."""
    settings = settings or ServeSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.pool.close()
        app.state.coding.close()
        app.state.dyads.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan,
                  description=API_DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.pool = ReadPool(settings.db, wait=settings.lock_wait)
    app.state.coding = coding or CodingPool(settings.coders)
    app.state.dyads = DyadCache()
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("eventwire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _add_error_handlers(app)
    _add_guards(app, settings)
    return app


API_DESCRIPTION = """Political events coded by eventwire (CAMEO, with evidence), read from its
DuckDB store. Events are event clusters: one event reported by many articles, with its counts and
its mentions. Lists take `limit` (at most 500) and `offset`; `format=csv` or `format=jsonl`
downloads every row that matches the filters (at most 100,000). Errors are
`{"detail": ..., "code": ...}`."""


def _add_guards(app: FastAPI, settings: ServeSettings) -> None:
    def limit_for(path: str) -> int:
        return settings.code_max_body if path == "/api/code" else settings.max_body

    # the last added runs first: headers on everything, then the token, then the body limit
    app.add_middleware(DropEmptyParams)
    app.add_middleware(BodyLimit, limit_for=limit_for)
    if settings.token:
        app.add_middleware(TokenCheck, token=settings.token)
    app.add_middleware(SecurityHeaders)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, code: str, detail: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The API's JSON error, or the error page for a browser."""
    if _is_api(request):
        return JSONResponse({"detail": detail, "code": code}, status, headers=headers)
    return pages.error_page(request, status, detail, headers)


def _add_error_handlers(app: FastAPI) -> None:
    def handler(status: int, code: str, retry: str | None = None):  # noqa: ANN202
        def handle(request: Request, exc: Exception) -> Response:
            headers = {"retry-after": retry} if retry else None
            return error_response(request, status, code, str(exc), headers)
        return handle

    app.add_exception_handler(StoreMissing, handler(503, "store_missing"))
    app.add_exception_handler(StoreLocked, handler(503, "store_locked", RETRY_AFTER_LOCKED))
    app.add_exception_handler(StoreError, handler(503, "store_unreadable"))
    app.add_exception_handler(CodingBusy, _busy)
    app.add_exception_handler(CodingFailed, _coding_failed)
    app.add_exception_handler(EventwireError, handler(400, "bad_input"))
    app.add_exception_handler(duckdb.Error, _store_failed)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)


def _busy(request: Request, exc: Exception) -> Response:
    size = request.app.state.coding.size
    detail = (f"{size} coding(s) already running; try again shortly" if size
              else "coding is turned off on this server (eventwire serve --coders 0)")
    return error_response(request, 429 if size else 503, "busy", detail,
                          {"retry-after": RETRY_AFTER_BUSY})


def _coding_failed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CodingFailed)
    if exc.input_error:
        return error_response(request, 422, "bad_input", f"cannot code this text: {exc.reason}")
    return error_response(request, 503, "busy", exc.reason, {"retry-after": RETRY_AFTER_BUSY})


def _store_failed(request: Request, exc: Exception) -> Response:
    log.warning("store query failed: %s", exc)
    return error_response(request, 503, "store_unreadable",
                          f"the event store could not answer: {str(exc).splitlines()[0]}")


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 413: "too_large"}.get(exc.status_code, "bad_input")
    detail = exc.detail if isinstance(exc.detail, str) else "bad request"
    return error_response(request, exc.status_code, code, detail, exc.headers)


def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        return JSONResponse({"detail": _plain(exc.errors()), "code": "bad_input"}, 422)
    problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
    return pages.error_page(request, 422, f"some filters are not valid: {problems}")


def _plain(errors: object) -> object:
    """Validation errors as JSON-safe values (pydantic may hold the exception or raw bytes)."""
    import json

    return json.loads(json.dumps(errors, default=str))


def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return error_response(request, 500, "internal", "internal error (see the server's log)")
