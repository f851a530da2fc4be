"""The JSON endpoints under ``/api``: read-only queries, exports, and (when enabled) ingest."""

from __future__ import annotations

import hmac
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.background import BackgroundTask

from eventwire.api.ingest import HttpIngest
from eventwire.api.models import (
    ActorDetail,
    ActorSummary,
    ArticleDetail,
    ArticleSummary,
    ErrorOut,
    EventOut,
    IngestFailure,
    IngestRequest,
    IngestResult,
    NetworkOut,
    Overview,
    Page,
    PlaceOut,
    QuoteOut,
    TimeSeriesOut,
)
from eventwire.api.params import MAX_TEXT, BadParameter, event_filter, parse_country, parse_day
from eventwire.api.settings import ApiSettings
from eventwire.export import export as run_export
from eventwire.ingest import Document
from eventwire.store import Store
from eventwire.store.queries import EventFilter, Queries

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter cannot be used"},
    404: {"model": ErrorOut, "description": "Not found"},
    422: {"model": ErrorOut, "description": "A parameter or the body is not valid"},
}


@dataclass(slots=True)
class Services:
    """What the endpoints work with; one per app."""

    settings: ApiSettings
    store: Store
    queries: Queries
    ingest: HttpIngest | None


def services(request: Request) -> Services:
    """The app's services (a FastAPI dependency)."""
    found: Services = request.app.state.services
    return found


Deps = Annotated[Services, Depends(services)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _limit(request: Request, limit: int) -> int:
    ceiling = services(request).settings.max_page
    if limit > ceiling:
        raise BadParameter("limit", f"at most {ceiling} items per request; page with offset")
    return limit


def limit_param(request: Request, limit: Annotated[int, Query(ge=1)] = 50) -> int:
    """The page size, at most ``max_page``."""
    return _limit(request, limit)


Limit = Annotated[int, Depends(limit_param)]

router = APIRouter(responses=ERRORS)


@router.get("/health", summary="Is the server up and the database readable")
def health(deps: Deps) -> dict[str, Any]:
    return {"status": "ok", "articles": deps.store.counts()["articles"]}


@router.get("/overview", response_model=Overview, summary="Counts, date range, events by type")
def overview(deps: Deps) -> dict[str, Any]:
    return deps.queries.overview()


@router.get(
    "/articles",
    response_model=Page[ArticleSummary],
    summary="Search articles (full text) or list them, newest first",
)
def list_articles(
    deps: Deps,
    limit: Limit,
    q: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description='search words; "a phrase"; prefix*'),
    ] = None,
    source: Text = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    return deps.queries.articles(
        q,
        source=source or None,
        since=parse_day("since", since),
        until=parse_day("until", until),
        limit=limit,
        offset=offset,
    ).to_dict()


@router.get(
    "/articles/{article_id:path}",
    response_model=ArticleDetail,
    summary="One article with everything extracted from it",
)
def get_article(deps: Deps, article_id: str) -> dict[str, Any]:
    return deps.queries.article(article_id)


@router.get("/actors", response_model=Page[ActorSummary], summary="Search actors by name or alias")
def list_actors(
    deps: Deps,
    limit: Limit,
    q: Text = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    country: Annotated[str | None, Query(max_length=40)] = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    return deps.queries.actors(
        q or None, kind=kind or None, country=parse_country(country), limit=limit, offset=offset
    ).to_dict()


@router.get(
    "/actors/{name:path}",
    response_model=ActorDetail,
    summary="One actor: aliases, roles, events as source and target, quotes",
)
def get_actor(deps: Deps, name: str) -> dict[str, Any]:
    return deps.queries.actor(name)


@router.get("/events", response_model=Page[EventOut], summary="Events, filtered, newest first")
def list_events(deps: Deps, where: Filter, limit: Limit, offset: Offset = 0) -> dict[str, Any]:
    return deps.queries.events(where, limit=limit, offset=offset).to_dict()


@router.get("/quotes", response_model=Page[QuoteOut], summary="Quotes by speaker or words")
def list_quotes(
    deps: Deps,
    limit: Limit,
    speaker: Annotated[str | None, Query(max_length=MAX_TEXT, description="actor name")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, description="words in the quote")] = None,
    kind: Annotated[str | None, Query(pattern="^(direct|mixed|indirect|)$")] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    return deps.queries.quotes(
        q or None,
        speaker=speaker or None,
        kind=kind or None,
        since=parse_day("since", since),
        until=parse_day("until", until),
        limit=limit,
        offset=offset,
    ).to_dict()


@router.get(
    "/places", response_model=Page[PlaceOut], summary="Places, with articles and events there"
)
def list_places(
    deps: Deps,
    where: Filter,
    limit: Limit,
    q: Text = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    return deps.queries.places(
        q or None, country=where.country, where=where, limit=limit, offset=offset
    ).to_dict()


@router.get(
    "/timeseries",
    response_model=TimeSeriesOut,
    summary="Events per day (or week, month) by type or quad, with mean intensity",
)
def timeseries(
    deps: Deps,
    where: Filter,
    by: Annotated[str, Query(pattern="^(type|quad)$")] = "type",
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "day",
) -> dict[str, Any]:
    return deps.queries.timeseries(where, by=by, interval=interval)


@router.get(
    "/network",
    response_model=NetworkOut,
    summary="Actor network: edges weighted by events, signed by mean intensity",
)
def network(
    deps: Deps,
    where: Filter,
    min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1,
    nodes: Annotated[int, Query(ge=1, le=500)] = 60,
) -> dict[str, Any]:
    return deps.queries.network(where, min_weight=min_weight, limit=nodes).to_dict()


@router.get(
    "/export",
    summary="The whole database as JSON Lines (what `eventwire extract` prints) or CSV (zip)",
    response_class=FileResponse,
    responses={200: {"content": {"application/x-ndjson": {}, "application/zip": {}}}},
)
def export(
    deps: Deps, format: Annotated[str, Query(pattern="^(jsonl|csv)$")] = "jsonl"
) -> FileResponse:
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-export-"))
    cleanup = BackgroundTask(shutil.rmtree, workdir, ignore_errors=True)
    try:
        if format == "jsonl":
            path = workdir / "eventwire.jsonl"
            run_export(deps.store, "jsonl", path)
            media = "application/x-ndjson"
        else:
            run_export(deps.store, "csv", workdir / "eventwire-csv")
            path = Path(
                shutil.make_archive(
                    str(workdir / "eventwire-csv"), "zip", workdir / "eventwire-csv"
                )
            )
            media = "application/zip"
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return FileResponse(path, media_type=media, filename=path.name, background=cleanup)


bearer = HTTPBearer(auto_error=False, description="the token set in EVENTWIRE_API_TOKEN")


@router.post(
    "/ingest",
    response_model=IngestResult,
    summary="Analyse and store articles (off unless the server enables it; needs the token)",
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}},
)
def ingest(
    deps: Deps,
    body: IngestRequest,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> dict[str, Any]:
    settings = deps.settings
    if deps.ingest is None or settings.token is None:
        raise HTTPException(
            403,
            "ingest over HTTP is off; start the server with EVENTWIRE_API_INGEST=true and "
            "EVENTWIRE_API_TOKEN set, or run `eventwire ingest`",
        )
    if credentials is None:
        raise HTTPException(
            401, "send the token as 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
        )
    expected = settings.token.get_secret_value().encode()
    if not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise HTTPException(401, "the token is not right", {"WWW-Authenticate": "Bearer"})
    if len(body.articles) > settings.max_ingest_articles:
        raise BadParameter(
            "articles", f"at most {settings.max_ingest_articles} articles per request"
        )
    documents = [
        Document(
            text=a.text,
            origin=a.id or f"request[{index}]",
            id=a.id,
            title=a.title,
            url=a.url,
            published=a.published,
            source=a.source,
        )
        for index, a in enumerate(body.articles)
    ]
    outcome = deps.ingest(documents)
    return IngestResult(
        added=outcome.added,
        skipped=outcome.skipped,
        failed=[IngestFailure(input=f.input, reason=f.reason) for f in outcome.failed],
    ).model_dump()
