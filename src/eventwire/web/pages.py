"""The dashboard: HTML pages over the same queries as the API, rendered on the server.

Templates are Jinja2 with autoescaping on: every value from the database is escaped. Charts are
inline SVG from ``eventwire.web.charts``; the only script (``static/app.js``) shows the record
behind a highlighted span, and writes text with ``textContent``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from eventwire.api.params import MAX_TEXT, event_filter, parse_country
from eventwire.api.routes import Services, services
from eventwire.knowledge.quads import quads
from eventwire.store.queries import EventFilter
from eventwire.web import charts
from eventwire.web.highlight import segments

#: Rows per page in tables.
PAGE_SIZE = 50

Deps = Annotated[Services, Depends(services)]
Filter = Annotated[EventFilter, Depends(event_filter)]
PageNumber = Annotated[int, Query(ge=1, le=200_000)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]

router = APIRouter()


def actor_url(name: str) -> str:
    """The dashboard page of the actor with this canonical name."""
    return "/actors/" + quote(name, safe="")


def article_url(article_id: str, ref: str | None = None) -> str:
    """The dashboard page of an article, scrolled to a record (``E1``) when given."""
    return "/articles/" + quote(article_id, safe="") + (f"#{quote(ref, safe='')}" if ref else "")


def safe_href(url: object) -> str | None:
    """Return ``url`` if it is an http(s) address, else None (never a ``javascript:`` link)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _query(request: Request, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if isinstance(value, list | tuple):
            params.extend((key, str(v)) for v in value)
        elif value is not None and value != "":
            params.append((key, str(value)))
    return "?" + urlencode(params) if params else "?"


def _filter_query(where: EventFilter, **extra: Any) -> str:
    params: list[tuple[str, str]] = [("type", t) for t in where.types]
    for key in ("quad", "status", "actor", "country", "place", "article"):
        value = getattr(where, key)
        if value:
            params.append((key, str(value)))
    if where.since:
        params.append(("since", where.since.isoformat()))
    if where.until:
        params.append(("until", where.until.isoformat()))
    params.extend((k, str(v)) for k, v in extra.items() if v not in (None, ""))
    return "?" + urlencode(params)


def _intensity(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


@cache
def templates() -> Jinja2Templates:
    """The page templates (autoescaped), loaded once."""
    environment = Environment(
        loader=PackageLoader("eventwire.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        actor_url=actor_url,
        article_url=article_url,
        safe_href=safe_href,
        colour=charts.colour,
        intensity_colour=charts.intensity_colour,
        quad_of=quads().of_type.get,
    )
    environment.filters["intensity"] = _intensity
    return Jinja2Templates(env=environment)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with the common context."""
    context.setdefault("title", "eventwire")
    response: HTMLResponse = templates().TemplateResponse(
        request,
        name,
        {
            "query": lambda **changes: _query(request, **changes),
            "path": request.url.path,
            **context,
        },
        status_code=status,
    )
    return response


def render_error(request: Request, status: int, error: str, message: str) -> Response:
    """The error page: what went wrong, in words."""
    return render(request, "error.html", status, title=error, error=error, message=message)


def _pages(total: int, page: int) -> dict[str, int]:
    return {"page": page, "pages": max(1, math.ceil(total / PAGE_SIZE)), "total": total}


def _interval(buckets_hint: tuple[str | None, str | None]) -> str:
    first, last = buckets_hint
    if not first or not last:
        return "day"
    try:
        days = (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days
    except ValueError:
        return "day"
    return "day" if days <= 120 else "week" if days <= 3 * 365 else "month"


def _bucket_end(start: str, interval: str) -> str:
    first = date.fromisoformat(start)
    if interval == "day":
        return start
    if interval == "week":
        return (first + timedelta(days=6)).isoformat()
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).isoformat()


def _timeline_link(where: EventFilter, by: str, interval: str) -> charts.Link:
    def link(bucket: str, key: str) -> str:
        narrowed = EventFilter(
            types=(key,) if by == "type" else where.types,
            quad=key if by == "quad" else where.quad,
            status=where.status,
            actor=where.actor,
            country=where.country,
            place=where.place,
            since=date.fromisoformat(bucket),
            until=date.fromisoformat(_bucket_end(bucket, interval)),
            article=where.article,
        )
        return "/events" + _filter_query(narrowed)

    return link


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, deps: Deps) -> Response:
    queries = deps.queries
    summary = queries.overview()
    interval = _interval((summary["published"]["first"], summary["published"]["last"]))
    series = queries.timeseries(by="quad", interval=interval)
    top_actors = queries.actors(limit=10).items
    return render(
        request,
        "overview.html",
        title="Overview",
        summary=summary,
        interval=interval,
        trend=charts.timeline(
            series["series"],
            series["buckets"],
            series["intensity"],
            link=_timeline_link(EventFilter(), "quad", interval),
            label="Events per " + interval + " by quad",
        ),
        types_chart=charts.bars(
            list(summary["events_by_type"].items())[:12],
            link=lambda t: f"/events?type={quote(t)}",
            label="Events by type",
        ),
        actors_chart=charts.bars(
            [(a["name"], a["mentions"]) for a in top_actors],
            link=actor_url,
            colours=lambda name: charts.colour(
                next((str(a["kind"]) for a in top_actors if a["name"] == name), ""), 0
            ),
            label="Most mentioned actors",
        ),
        latest=queries.articles(limit=8).items,
        recent=queries.events(limit=8).items,
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, deps: Deps, q: Text = None, page: PageNumber = 1) -> Response:
    queries = deps.queries
    words = (q or "").strip()
    found = queries.articles(words or None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "search.html",
        title=f"Search: {words}" if words else "Articles",
        q=words,
        articles=found.items,
        paging=_pages(found.total, page),
        actors=queries.actors(words, limit=12).items if words else [],
        quotes=queries.quotes(words, limit=8).items if words else [],
        method=queries.search_index.method,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, deps: Deps, article_id: str) -> Response:
    found = deps.queries.article(article_id)
    record = found["record"]
    names = {a["id"]: a["name"] for a in record.get("actors", [])}
    place_names = {p["id"]: p["name"] for p in record.get("places", [])}
    return render(
        request,
        "article.html",
        title=(record["article"].get("title") or article_id),
        record=record,
        meta=found,
        segments=segments(record),
        names=names,
        place_names=place_names,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request,
    deps: Deps,
    q: Text = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    country: Annotated[str | None, Query(max_length=40)] = None,
    page: PageNumber = 1,
) -> Response:
    found = deps.queries.actors(
        (q or "").strip() or None,
        kind=kind or None,
        country=parse_country(country),
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "actors.html",
        title="Actors",
        actors=found.items,
        paging=_pages(found.total, page),
        q=q or "",
        kind=kind or "",
        country=country or "",
        choices=deps.queries.choices(),
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, deps: Deps, name: str) -> Response:
    found = deps.queries.actor(name)
    return render(
        request,
        "actor.html",
        title=name,
        actor=found,
        network=charts.network(
            [{"id": name, "events": found["event_count"], "kind": (found["kinds"] or [""])[0]}]
            + [{"id": p["name"], "events": p["events"]} for p in found["partners"][:15]],
            _actor_edges(found),
            height=360,
            link=actor_url,
            label=f"Actors {name} acted with",
        ),
    )


def _actor_edges(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Edges between an actor and its partners, from its events."""
    name = found["name"]
    partners = {p["name"] for p in found["partners"][:15]}
    weights: dict[tuple[str, str], list[float | None]] = {}
    seen: set[tuple[str, str]] = set()
    for event in (*found["as_source"], *found["as_target"]):
        key = (event["article_id"], event["id"])
        if key in seen:
            continue
        seen.add(key)
        sources = {a["name"] for a in event["source"] if a["name"]}
        targets = {a["name"] for a in event["target"] if a["name"]}
        for source in sources:
            for target in targets:
                if (
                    source != target
                    and name in (source, target)
                    and (source in partners or target in partners)
                ):
                    weights.setdefault((source, target), []).append(event["intensity"])
    edges = []
    for (source, target), values in weights.items():
        rated = [v for v in values if v is not None]
        mean = sum(rated) / len(rated) if rated else None
        edges.append(
            {
                "source": source,
                "target": target,
                "weight": len(values),
                "intensity": mean,
                "sign": 0 if not mean else (1 if mean > 0 else -1),
            }
        )
    return edges


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, deps: Deps, where: Filter, page: PageNumber = 1) -> Response:
    found = deps.queries.events(where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render(
        request,
        "events.html",
        title="Events",
        events=found.items,
        paging=_pages(found.total, page),
        where=where,
        choices=deps.queries.choices(),
        filters=_filter_query(where),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    deps: Deps,
    q: Text = None,
    speaker: Text = None,
    page: PageNumber = 1,
) -> Response:
    found = deps.queries.quotes(
        (q or "").strip() or None,
        speaker=(speaker or "").strip() or None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "quotes.html",
        title="Quotes",
        quotes=found.items,
        paging=_pages(found.total, page),
        q=q or "",
        speaker=speaker or "",
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    deps: Deps,
    where: Filter,
    by: Annotated[str, Query(pattern="^(type|quad)$")] = "type",
    interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "day",
) -> Response:
    series = deps.queries.timeseries(where, by=by, interval=interval)
    return render(
        request,
        "timeline.html",
        title="Timeline",
        series=series,
        chart=charts.timeline(
            series["series"],
            series["buckets"],
            series["intensity"],
            link=_timeline_link(where, by, interval),
            label=f"Events per {interval} by {by}",
        ),
        where=where,
        by=by,
        interval=interval,
        choices=deps.queries.choices(),
    )


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    deps: Deps,
    where: Filter,
    min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1,
    nodes: Annotated[int, Query(ge=2, le=150)] = 40,
) -> Response:
    graph = deps.queries.network(where, min_weight=min_weight, limit=nodes)
    return render(
        request,
        "network.html",
        title="Actor network",
        graph=graph,
        chart=charts.network(graph.nodes, graph.edges, link=actor_url),
        where=where,
        min_weight=min_weight,
        nodes=nodes,
        choices=deps.queries.choices(),
        filters=_filter_query(where),
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request,
    deps: Deps,
    where: Filter,
    world: Annotated[bool, Query()] = False,
) -> Response:
    points = deps.queries.event_places(where)

    def link(point: dict[str, Any]) -> str:
        narrowed = EventFilter(**{**_as_dict(where), "place": point["name"]})
        return "/events" + _filter_query(narrowed)

    return render(
        request,
        "map.html",
        title="Map",
        points=points,
        chart=charts.world_map(points, fit=not world, link=link),
        where=where,
        world=world,
        choices=deps.queries.choices(),
    )


def _as_dict(where: EventFilter) -> dict[str, Any]:
    return {name: getattr(where, name) for name in EventFilter.__dataclass_fields__}


@router.get("/api", response_class=HTMLResponse)
def api_reference(request: Request) -> Response:
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                    ],
                }
            )
    return render(request, "api.html", title="API", endpoints=endpoints)


@router.get("/palette.css")
def palette() -> Response:
    """Badge colours, from the same table as the charts."""
    rules = [
        f".badge.t-{name} {{ background: {value}; }}" for name, value in charts.TYPE_COLOURS.items()
    ]
    rules += [
        f".badge.q-{name.replace(' ', '-')} {{ background: {value}; }}"
        for name, value in charts.QUAD_COLOURS.items()
    ]
    rules += [
        f".badge.k-{name} {{ background: {value}; }}" for name, value in charts.KIND_COLOURS.items()
    ]
    return Response(
        "\n".join(rules) + "\n",
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )
