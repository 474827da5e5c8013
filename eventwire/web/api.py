"""The JSON API (``/api/...``): thin routes over ``eventwire.store.queries`` and
``eventwire.analytics``, each reading through the server's read pool.

Every filter is validated here (types, lengths, patterns) and passed to the queries as a
parameter; a value that is not valid gives a 422 naming it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Callable, Literal, Optional, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from eventwire import analytics
from eventwire.ontology import all_codes
from eventwire.store import queries
from eventwire.store.queries import EventFilters, QuoteFilters
from eventwire.web import schemas as S
from eventwire.web.downloads import Format, columns_of, download
from eventwire.web.dyad_cache import CACHED
from eventwire.web.schemas import Day

T = TypeVar("T")

_ERROR = {"model": S.ErrorBody}
router = APIRouter(prefix="/api", tags=["api"], responses={
    503: {**_ERROR, "description": "The store is missing, unreadable, or held by an ingest "
                                   "for longer than the server waits (see Retry-After)."}})
_NOT_FOUND = {404: {**_ERROR, "description": "No such record."}}
_DOWNLOADS = {200: {"content": {"text/csv": {"schema": {"type": "string"}},
                                "application/x-ndjson": {"schema": {"type": "string"}}},
                    "description": "JSON, or with format=csv|jsonl every matching row."}}

ActorCode = Annotated[Optional[str], Query(max_length=20, pattern=r"^[A-Za-z0-9]+$",
                                           description="An actor code or its beginning.")]
FreeText = Annotated[Optional[str], Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Freq = Literal["day", "week", "month"]
Level = Literal["country", "actor"]
Sort = Literal["date", "-date", "mentions", "-mentions", "goldstein", "-goldstein", "code",
               "-code", "source", "-source", "target", "-target"]


def read(request: Request, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``query(connection, ...)`` on a connection of the read pool."""
    with request.app.state.pool.cursor() as con:
        return query(con, *args, **kwargs)


async def event_filters(
    since: Day = None, until: Day = None,
    source: ActorCode = None, target: ActorCode = None, actor: ActorCode = None,
    match: Literal["prefix", "exact"] = "prefix",
    root: Annotated[Optional[str], Query(pattern=r"^\d{1,2}$")] = None,
    code: Annotated[Optional[str], Query(pattern=r"^\d{1,4}$")] = None,
    quad: Annotated[Optional[int], Query(ge=1, le=4)] = None,
    text: FreeText = None, location: FreeText = None,
    negated: Optional[bool] = None, hypothetical: Optional[bool] = None,
) -> EventFilters:
    """The event filters every list, chart and page takes (all optional)."""
    return EventFilters(since, until, source, target, actor, match, root, code, quad, text or None,
                        location or None, negated, hypothetical)


Filters = Annotated[EventFilters, Depends(event_filters)]


def with_names(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with the name of its CAMEO code."""
    table = all_codes()
    for event in events:
        known = table.get(event.get("cameo") or "")
        event["cameo_name"] = known.name if known else None
    return events


@router.get("/health", response_model=S.Health)
def health(request: Request) -> dict[str, Any]:
    """Whether the store can be read, and how many events it holds."""
    count = read(request, lambda con: con.execute(
        "SELECT count(*) FROM event_clusters").fetchone()[0])
    return {"status": "ok", "store": request.app.state.settings.db.name, "events": count}


@router.get("/summary", response_model=S.Summary)
def summary(request: Request, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    """Counts of every table, the date span, the top actors and country-level dyads."""
    return read(request, analytics.summary, top=top)


@router.get("/timeline", response_model=S.Timeline)
def timeline(request: Request, filters: Filters, freq: Freq = "week") -> dict[str, Any]:
    """Events per period and quad class."""
    return {"freq": freq, "points": read(request, analytics.timeline, filters, freq)}


@router.get("/events", response_model=S.EventPage, responses=_DOWNLOADS)
def events(request: Request, filters: Filters, sort: Sort = "-date", limit: Limit = 50,
           offset: Offset = 0, format: Format = "json") -> Any:
    """Events (clusters) with their counts, newest first by default."""
    if format != "json":
        most = request.app.state.settings.download_max
        found = read(request, queries.list_events, filters, sort=sort, limit=most)
        return download(with_names(found), format, "events", columns_of(S.Event))

    def page(con: Any) -> dict[str, Any]:
        items = queries.list_events(con, filters, sort=sort, limit=limit, offset=offset)
        return {"total": total(con, items, limit, offset, queries.count_events, filters),
                "limit": limit, "offset": offset, "items": items}

    found = read(request, page)
    with_names(found["items"])
    return found


def total(con: Any, items: list[Any], limit: int, offset: int,
          count: Callable[[Any, Any], int], filters: Any) -> int:
    """How many rows match: known without counting when this page is the last one."""
    if len(items) < limit and (items or offset == 0):
        return offset + len(items)
    return count(con, filters)


@router.get("/events/{cluster_id}", response_model=S.EventDetail,
            responses={**_NOT_FOUND, **_DOWNLOADS})
def event(request: Request, cluster_id: str, format: Format = "json") -> Any:
    """One event with its mentions: every record of it, in the article that reported it
    (``format=csv|jsonl``: the mentions as a table)."""
    found = with_names([found_or_404(read(request, queries.get_event, cluster_id), "event")])[0]
    if format != "json":
        return download(found["mentions"], format, f"mentions-{cluster_id[:20]}",
                        columns_of(S.Mention))
    return found


def found_or_404(record: T | None, what: str) -> T:
    if record is None:
        raise HTTPException(404, f"no such {what}")
    return record


@router.get("/dyad", response_model=S.DyadSeries, responses=_DOWNLOADS)
def dyad(request: Request,
         source: Annotated[str, Query(max_length=20, pattern=r"^[A-Za-z0-9]+$")],
         target: Annotated[str, Query(max_length=20, pattern=r"^[A-Za-z0-9]+$")],
         freq: Freq = "week", level: Level = "country", format: Format = "json") -> Any:
    """The series of events from one actor to another: per period, events per quad class,
    Goldstein sum and mean, and articles. Counts events, not reports; leaves negated events out."""
    def series(con: Any) -> list[dict[str, Any]]:
        if level == "country" and freq in CACHED:  # one aggregate serves every pair
            generation = request.app.state.pool.generation
            return request.app.state.dyads.series(con, generation, source, target, freq)
        return dyad_records(con, source, target, freq, level)

    points = read(request, series)
    if format != "json":
        return download(points, format, f"dyad-{source}-{target}", columns_of(S.DyadPoint))
    return {"source": source.upper(), "target": target.upper(), "freq": freq, "level": level,
            "points": points}


def dyad_records(con: Any, source: str, target: str, freq: str,
                 level: str) -> list[dict[str, Any]]:
    """``analytics.dyad_series`` as JSON-ready records."""
    frame = analytics.dyad_series(con, source, target, freq, level)  # type: ignore[arg-type]
    points = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    for point in points:
        point["period"] = point["period"].date()
    return points


@router.get("/dyads", response_model=list[S.TopDyad], responses=_DOWNLOADS)
def dyads(request: Request, limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
          format: Format = "json") -> Any:
    """Country-level dyads by number of events, with their mean Goldstein value."""
    found = read(request, analytics.top_dyads, limit)
    if format != "json":
        return download(found, format, "dyads", columns_of(S.TopDyad))
    return found


@router.get("/actors", response_model=S.ActorPage, responses=_DOWNLOADS)
def actors(request: Request, q: FreeText = None, limit: Limit = 50, offset: Offset = 0,
           format: Format = "json") -> Any:
    """Actors by number of events; ``q`` is part of a code or name."""
    if format != "json":
        most = request.app.state.settings.download_max
        found = read(request, analytics.actors, q, most)
        return download(found, format, "actors", columns_of(S.Actor))
    return {"limit": limit, "offset": offset,
            "items": read(request, analytics.actors, q, limit, offset)}


@router.get("/actors/{code}", response_model=S.ActorDetail, responses=_NOT_FOUND)
def actor(request: Request, code: str,
          limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """One actor's counts and the partners it acts on and is acted on by most."""
    def detail(con: Any) -> dict[str, Any] | None:
        found = [a for a in analytics.actors(con, code, 50) if a["code"] == code.upper()]
        if not found:
            return None
        return {**found[0], "partners": analytics.actor_partners(con, code, limit)}

    return found_or_404(read(request, detail), "actor")


@router.get("/network", response_model=S.Network)
def network(request: Request, filters: Filters, level: Level = "country",
            limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    """Actors as nodes, events as edges weighted by count, one edge per quad class."""
    return {"level": level, **read(request, analytics.network, filters, level, limit)}


@router.get("/locations", response_model=S.Locations)
def locations(request: Request, filters: Filters,
              limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    """Places with coordinates and their events; events per country of location."""
    found = read(request, analytics.locations, filters, limit)
    for country in found["countries"]:
        country["numeric"] = iso_numeric(country["country"])
    return found


@lru_cache(maxsize=512)
def iso_numeric(alpha3: str) -> str | None:
    import pycountry

    known = pycountry.countries.get(alpha_3=alpha3)
    return known.numeric if known else None


@router.get("/articles/{article_id}", response_model=S.Article, responses=_NOT_FOUND)
def article(request: Request, article_id: str) -> dict[str, Any]:
    """An article's text with the offsets of its events' evidence and triggers, its quotes and
    the outlets/URLs it appeared under."""
    return found_or_404(read(request, queries.get_article, article_id), "article")


async def quote_filters(speaker: FreeText = None, text: FreeText = None,
                        since: Day = None, until: Day = None) -> QuoteFilters:
    return QuoteFilters(speaker or None, text or None, since, until)


@router.get("/quotes", response_model=S.QuotePage, responses=_DOWNLOADS)
def quotes(request: Request, filters: Annotated[QuoteFilters, Depends(quote_filters)],
           limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Any:
    """Who said what: quotes by speaker (part of a name, or a code's beginning), words, date."""
    if format != "json":
        most = request.app.state.settings.download_max
        found = read(request, queries.list_quotes, filters, limit=most)
        return download(found, format, "quotes", columns_of(S.Quote))

    def page(con: Any) -> dict[str, Any]:
        items = queries.list_quotes(con, filters, limit=limit, offset=offset)
        return {"total": total(con, items, limit, offset, queries.count_quotes, filters),
                "limit": limit, "offset": offset, "items": items}

    return read(request, page)


@router.post("/code", response_model=S.CodeResponse, responses={
    400: {**_ERROR, "description": "The body is not JSON."},
    413: {**_ERROR, "description": "The request body is over the limit."},
    422: {"description": "Not valid, or a text that cannot be coded (empty, not English...)."},
    429: {**_ERROR, "description": "All coding slots are busy; try again after Retry-After."}})
async def code(request: Request, body: S.CodeRequest) -> dict[str, Any]:
    """Code a text and return its events and quotes (nothing is stored)."""
    most = request.app.state.settings.code_max_chars
    if len(body.text) > most:
        raise HTTPException(413, f"text over {most:,} characters")
    return await request.app.state.coding.code(body.text, body.date, body.title, body.url)
