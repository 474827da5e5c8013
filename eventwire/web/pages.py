"""The dashboard's pages, rendered on the server from the same queries as the API.

Every value from the store reaches the page through Jinja2's autoescaping (and URLs through
``safe_href``: only http and https links are links); the charts, the network and the map are drawn
by the shipped scripts from the JSON API, with text set as text, never as markup. Filters live in
the URL, so a view can be shared, and each table links its CSV and JSONL download.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any, Optional
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from eventwire import analytics
from eventwire.store import queries
from eventwire.store.queries import QuoteFilters
from eventwire.web.api import (Filters, FreeText, Freq, Level, Limit, Offset, Sort,
                               found_or_404, read, with_names)
from eventwire.web.highlight import article_pieces, event_pieces
from eventwire.web.schemas import Day

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(directory=str(resources.files("eventwire.web").joinpath("templates")))

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
NAV = [("/", "Overview"), ("/dyad", "Dyads"), ("/events", "Events"), ("/network", "Network"),
       ("/map", "Map"), ("/quotes", "Quotes")]


def safe_href(url: Optional[str]) -> Optional[str]:
    """The URL if it is an http(s) link, else None (a ``javascript:`` URL is never a link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def with_params(request: Request, path: str | None = None, **changes: Any) -> str:
    """This page's URL (or ``path``) with its query changed (``None`` drops a parameter)."""
    params = dict(request.query_params)
    params.update({k: v for k, v in changes.items()})
    kept = {k: v for k, v in params.items() if v not in (None, "") and k != "token"}
    query = urlencode(kept)
    return (path or request.url.path) + (f"?{query}" if query else "")


templates.env.filters["safe_href"] = safe_href
templates.env.globals.update(with_params=with_params, QUADS=QUADS, NAV=NAV,
                             event_pieces=event_pieces)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, detail: str,
               headers: dict[str, str] | None = None) -> Response:
    response = render(request, "error.html", status, status=status, detail=detail)
    response.headers.update(headers or {})
    return response


@router.get("/")
def overview(request: Request, freq: Freq = "week") -> Response:
    def facts(con: Any) -> dict[str, Any]:
        latest = queries.list_events(con, queries.EventFilters(), sort="-date", limit=10)
        return {"summary": analytics.summary(con), "latest": with_names(latest)}

    return render(request, "overview.html", freq=freq, **read(request, facts))


@router.get("/dyad")
def dyad(request: Request,
         source: Annotated[Optional[str], Query(max_length=20, pattern=r"^[A-Za-z0-9]*$")] = None,
         target: Annotated[Optional[str], Query(max_length=20, pattern=r"^[A-Za-z0-9]*$")] = None,
         freq: Freq = "week", level: Level = "country") -> Response:
    top = read(request, analytics.summary, top=12)["top_dyads"]
    return render(request, "dyad.html", source=(source or "").upper(),
                  target=(target or "").upper(), freq=freq, level=level, top_dyads=top)


@router.get("/events")
def events(request: Request, filters: Filters, sort: Sort = "-date", limit: Limit = 50,
           offset: Offset = 0) -> Response:
    def page(con: Any) -> dict[str, Any]:
        return {"total": queries.count_events(con, filters),
                "events": with_names(queries.list_events(con, filters, sort=sort, limit=limit,
                                                         offset=offset))}

    return render(request, "events.html", filters=filters, sort=sort, limit=limit,
                  offset=offset, **read(request, page))


@router.get("/events/{cluster_id}")
def event(request: Request, cluster_id: str) -> Response:
    found = found_or_404(read(request, queries.get_event, cluster_id), "event")
    return render(request, "event.html", event=with_names([found])[0])


@router.get("/network")
def network(request: Request, filters: Filters, level: Level = "country",
            limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
    total = read(request, queries.count_events, filters)
    return render(request, "network.html", filters=filters, level=level, limit=limit,
                  total=total)


@router.get("/map")
def map_page(request: Request, filters: Filters) -> Response:
    located = read(request, lambda con: con.execute(
        "SELECT count(*) FROM event_clusters WHERE location_country IS NOT NULL "
        "OR location_lat IS NOT NULL").fetchone()[0])
    return render(request, "map.html", filters=filters, located=located)


@router.get("/quotes")
def quotes(request: Request, speaker: FreeText = None, text: FreeText = None,
           since: Day = None, until: Day = None, limit: Limit = 50,
           offset: Offset = 0) -> Response:
    filters = QuoteFilters(speaker or None, text or None, since, until)

    def page(con: Any) -> dict[str, Any]:
        return {"total": queries.count_quotes(con, filters),
                "quotes": queries.list_quotes(con, filters, limit=limit, offset=offset)}

    return render(request, "quotes.html", filters=filters, limit=limit, offset=offset,
                  **read(request, page))


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    found = found_or_404(read(request, queries.get_article, article_id), "article")
    return render(request, "article.html", article=found, pieces=article_pieces(found))
