"""The API's records, as the OpenAPI description publishes them (``/openapi.json``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Optional

from pydantic import BaseModel, BeforeValidator, Field


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD is a date here (not a timestamp number, not a date-time)."""
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("a date must be written YYYY-MM-DD")
    return value


Day = Annotated[Optional[dt.date], BeforeValidator(iso_day)]


class ErrorBody(BaseModel):
    detail: str = Field(description="What went wrong, in a sentence.")
    code: str = Field(description="store_missing, store_locked, store_unreadable, not_found, "
                                  "too_large, busy, unauthorized, bad_input")


class _Actors(BaseModel):
    source_name: Optional[str] = None
    source_code: Optional[str] = None
    target_name: Optional[str] = None
    target_code: Optional[str] = None


class _Flags(BaseModel):
    negated: Optional[bool] = Field(None, description="The text says it did not happen.")
    hypothetical: Optional[bool] = Field(None, description="Threatened, planned or promised.")


class _Published(BaseModel):
    """Where a text appeared."""

    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[dt.date] = None


class _QuoteText(BaseModel):
    quote_index: Optional[int] = None
    text: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_code: Optional[str] = None


class Span(BaseModel):
    start: int
    end: int
    text: Optional[str] = None


class Event(_Actors, _Flags):
    """An event: a cluster of event mentions that report the same event."""

    cluster_id: str
    date: Optional[dt.date] = None
    date_precision: Optional[str] = None
    cameo: Optional[str] = None
    cameo_name: Optional[str] = None
    root: Optional[str] = None
    quad: Optional[int] = None
    goldstein: Optional[float] = None
    location_name: Optional[str] = None
    location_country: Optional[str] = None
    location_lat: Optional[float] = None
    location_lon: Optional[float] = None
    location_precision: Optional[str] = None
    sentence: Optional[str] = Field(None, description="The representative evidence sentence.")
    source_url: Optional[str] = None
    num_mentions: Optional[int] = None
    num_articles: Optional[int] = None
    num_sources: Optional[int] = None
    first_seen: Optional[dt.date] = None
    last_seen: Optional[dt.date] = None
    representative_event_id: Optional[str] = None
    trigger: Optional[Span] = Field(None, description="The trigger words, as offsets into "
                                                      "`sentence`.")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Event]


class Mention(_Actors, _Flags, _Published):
    """One event record of the cluster, in the article that reported it."""

    event_id: str
    article_id: str
    sentence: Optional[str] = None
    trigger_start: Optional[int] = Field(None, description="Offset into `sentence`.")
    trigger_end: Optional[int] = None
    trigger_text: Optional[str] = None
    cameo: Optional[str] = None
    date: Optional[dt.date] = None
    speaker_name: Optional[str] = None
    location_name: Optional[str] = None
    copies: int = Field(description="Outlets/URLs the article appeared under.")


class EventDetail(Event):
    mentions: list[Mention]


class DyadPoint(BaseModel):
    period: dt.date
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    events: int
    goldstein_sum: float
    goldstein_mean: Optional[float] = None
    articles: int


class DyadSeries(BaseModel):
    source: str
    target: str
    freq: str
    level: str
    points: list[DyadPoint]


class TimelinePoint(BaseModel):
    period: dt.date
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    events: int


class Timeline(BaseModel):
    freq: str
    points: list[TimelinePoint]


class Actor(BaseModel):
    code: str
    name: Optional[str] = None
    as_source: int
    as_target: int
    events: int


class ActorPage(BaseModel):
    limit: int
    offset: int
    items: list[Actor]


class Partner(BaseModel):
    partner: str
    events_to: int
    events_from: int
    events: int
    goldstein_mean: Optional[float] = None


class ActorDetail(BaseModel):
    code: str
    name: Optional[str] = None
    as_source: int
    as_target: int
    events: int
    partners: list[Partner]


class Node(BaseModel):
    id: str
    events: int


class Edge(BaseModel):
    source: str
    target: str
    quad: Optional[int] = None
    events: int
    goldstein_mean: Optional[float] = None


class Network(BaseModel):
    level: str
    nodes: list[Node]
    edges: list[Edge]


class Point(BaseModel):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: float
    lon: float
    events: int
    goldstein_mean: Optional[float] = None


class CountryCount(BaseModel):
    country: str
    numeric: Optional[str] = Field(None, description="ISO 3166 numeric code (the map's ids).")
    events: int


class Locations(BaseModel):
    points: list[Point]
    countries: list[CountryCount]


class ArticleEvent(_Actors, _Flags):
    event_id: str
    cluster_id: Optional[str] = None
    cameo: Optional[str] = None
    evidence_start: Optional[int] = None
    evidence_end: Optional[int] = None
    trigger_start: Optional[int] = None
    trigger_end: Optional[int] = None
    trigger_text: Optional[str] = None
    date: Optional[dt.date] = None


class ArticleQuote(_QuoteText):
    start: Optional[int] = None
    end: Optional[int] = None


class ArticleMention(_Published):
    pass


class Article(_Published):
    """An article's text (every offset refers to it) with its events, quotes and mentions."""

    id: str
    text: Optional[str] = None
    events: list[ArticleEvent]
    quotes: list[ArticleQuote]
    mentions: list[ArticleMention]


class Quote(_QuoteText, _Published):
    article_id: str


class QuotePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[Quote]


class TopActor(BaseModel):
    actor: str
    events: int


class TopDyad(BaseModel):
    source: str
    target: str
    events: int
    goldstein_mean: Optional[float] = None


class Summary(BaseModel):
    counts: dict[str, int]
    date_span: list[Optional[dt.date]]
    top_actors: list[TopActor]
    top_dyads: list[TopDyad]


class Health(BaseModel):
    status: str = Field(description="ok, or why the store cannot be read")
    store: str
    events: Optional[int] = None


class CodeRequest(BaseModel):
    """A text to code, as `eventwire.code` takes it."""

    text: str = Field(min_length=1, description="The article text (size-limited).")
    date: Day = Field(None, description="Publication date, YYYY-MM-DD.")
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2000)


class CodeResponse(BaseModel):
    """The coded document: `{"article", "events", "quotes"}` as `eventwire code --format json`
    prints it (event records as in the README's event record table)."""

    article: dict[str, Any]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
