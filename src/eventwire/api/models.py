"""Pydantic models of the HTTP edge: what the API accepts and returns (and documents in OpenAPI).

Inside eventwire the records are dataclasses and the queries return plain dicts; these models
only validate requests and describe responses.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ErrorOut(BaseModel):
    """Every error: a short name, a message saying what went wrong, and details if any."""

    error: str = Field(examples=["not found"])
    message: str = Field(examples=["no article with id 'abc'"])
    details: list[dict[str, Any]] | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, how many matched in all, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ActorRef(BaseModel):
    """An actor of the event's article: its id there and its canonical name."""

    id: str
    name: str | None


class PlaceRef(BaseModel):
    id: str | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class ArticleRef(BaseModel):
    title: str | None
    published: str | None


class EventOut(BaseModel):
    """An event with its article, the names of its actors and its place.

    ``date`` is the event's own date, else the article's publication date (``date_source``
    says which); ``quad`` is the PLOVER quad category. Fields the events stage adds later are
    passed through.
    """

    model_config = ConfigDict(extra="allow")

    article_id: str
    id: str
    type: str
    quad: str | None
    mode: str | None
    cameo: str | None
    status: str
    date: str | None
    date_source: str | None
    intensity: float | None
    confidence: float
    trigger: SpanOut | None
    sentence: SpanOut | None
    source: list[ActorRef]
    target: list[ActorRef]
    place: PlaceRef | None
    article: ArticleRef


class SnippetPart(BaseModel):
    """A piece of a search snippet; ``match`` marks the words that matched."""

    text: str
    match: bool


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    actors: int
    quotes: int
    events: int
    places: int
    snippet: list[SnippetPart]


class ArticleDetail(BaseModel):
    """One article: its whole eventwire/1 record (``Extraction.to_dict()``) and when stored."""

    record: dict[str, Any]
    ingested_at: str
    seq: int


class ActorSummary(BaseModel):
    name: str
    kind: str | None
    country: str | None
    articles: int
    mentions: int


class QuoteOut(BaseModel):
    article_id: str
    id: str
    kind: str
    content: SpanOut | None
    cue: SpanOut | None
    speaker_span: SpanOut | None
    speaker: str | None
    speaker_name: str | None
    article: ArticleRef


class ActorArticle(BaseModel):
    id: str
    actor_id: str
    title: str | None
    published: str | None


class Partner(BaseModel):
    name: str
    events: int


class ActorDetail(BaseModel):
    """An actor across every article naming it (the key is the canonical name)."""

    name: str
    kinds: list[str]
    countries: list[str]
    sectors: list[str]
    roles: list[str]
    aliases: list[str]
    mentions: int
    articles: list[ActorArticle]
    article_count: int
    as_source: list[EventOut]
    as_target: list[EventOut]
    event_count: int
    quotes: list[QuoteOut]
    partners: list[Partner]


class PlaceOut(BaseModel):
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    geonameid: int | None
    articles: int
    events: int


class TimeSeriesOut(BaseModel):
    """Event counts per bucket for each type or quad, and the mean intensity per bucket."""

    by: str
    interval: str
    buckets: list[str]
    series: dict[str, list[int]]
    intensity: list[float | None]
    undated: int


class NetworkNode(BaseModel):
    id: str
    events: int
    kind: str | None = None
    country: str | None = None


class NetworkEdge(BaseModel):
    """Events from ``source`` to ``target``: how many, their mean intensity and its sign."""

    source: str
    target: str
    weight: int
    intensity: float | None
    sign: int
    types: dict[str, int]


class NetworkOut(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class Overview(BaseModel):
    counts: dict[str, int]
    distinct_actors: int
    distinct_places: int
    sources: int
    published: dict[str, str | None]
    events_by_type: dict[str, int]
    events_by_quad: dict[str, int]


class IngestArticle(BaseModel):
    """One article to analyse and store."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=1_000_000)
    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=2_000)
    url: str | None = Field(default=None, max_length=4_000)
    published: str | None = Field(default=None, max_length=64)
    source: str | None = Field(default=None, max_length=500)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[IngestArticle] = Field(min_length=1)


class IngestFailure(BaseModel):
    input: str
    reason: str


class IngestResult(BaseModel):
    added: list[str]
    skipped: list[str]
    failed: list[IngestFailure]
