"""Read queries for analysts: articles, actors, events, quotes, places, time series, network.

``Queries(store)`` is what the API, the dashboard and the reports read through. Results are plain
JSON-ready dicts (the API turns them into its response models at the HTTP edge).

Actors are records of one article; across articles an actor is known by its canonical ``name``
(the corpus-level actor base will give better keys; until then, the name is the key). An event's
date is its own ``date``, else the article's publication date (``date_source`` says which).
Its quad comes from its own ``quad`` field when the events stage sets one, else from its PLOVER
type (``eventwire.knowledge.quads``).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, RowMapping

from eventwire.errors import StoreError
from eventwire.knowledge.quads import quads
from eventwire.store.database import Store
from eventwire.store.schema import actors, articles, events, mentions, places, quotes
from eventwire.store.search import SearchIndex, parse_query, snippet

logger = logging.getLogger(__name__)

#: Ids looked up per IN (...) clause.
_CHUNK = 500

#: Column suffixes of spans, which events return as ``{start, end, text}`` objects.
_SPAN_PARTS = ("_start", "_end", "_text")

#: Time-series buckets.
INTERVALS = ("day", "week", "month")


class NotFoundError(StoreError):
    """The article or actor asked for is not in the database."""


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which events to read. Every field left empty matches everything.

    Attributes:
        types: PLOVER types (any of them).
        quad: a quad name or code (see ``eventwire.knowledge.quads``).
        status: an event status (``asserted``, ``negated``, …).
        actor: an actor's canonical name, as source or target.
        country: ISO alpha-3: the event's place is in it, or a source or target actor is of it.
        place: a place name.
        since, until: the event's date (inclusive).
        article: one article's id.
    """

    types: tuple[str, ...] = ()
    quad: str | None = None
    status: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None


@dataclass(slots=True)
class Page:
    """One page of results, with the total number that matched."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
        }


@dataclass(slots=True)
class Network:
    """Actors (nodes) and who acted on whom (edges), from events."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


def _event_day() -> sa.ColumnElement[str]:
    """The event's date, else the article's publication date, as YYYY-MM-DD."""
    return sa.func.substr(sa.func.coalesce(events.c.date, articles.c.published), 1, 10)


def _span(row: RowMapping, prefix: str) -> dict[str, Any] | None:
    start = row.get(f"{prefix}_start")
    if start is None:
        return None
    return {"start": start, "end": row[f"{prefix}_end"], "text": row[f"{prefix}_text"]}


def _chunked(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for index in range(0, len(items), size):
        yield items[index : index + size]


def bucket(day: str, interval: str) -> str:
    """Return the first day of the ``interval`` (day, week from Monday, month) holding ``day``.

    >>> bucket("2024-05-02", "week"), bucket("2024-05-02", "month")
    ('2024-04-29', '2024-05-01')
    """
    if interval == "day":
        return day
    parsed = date.fromisoformat(day)
    if interval == "week":
        return (parsed - timedelta(days=parsed.weekday())).isoformat()
    if interval == "month":
        return parsed.replace(day=1).isoformat()
    raise ValueError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")


def _valid_day(value: object) -> str | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


class Queries:
    """Read-only queries over a store.

    Args:
        store: the open store to read.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self.dialect = self.engine.dialect.name
        self.search_index = SearchIndex(self.engine)
        self._quads = quads()

    # -- plumbing -------------------------------------------------------------------------------

    def _connect(self) -> Connection:
        try:
            return self.engine.connect()
        except exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read database {self.store.name!r}: {error}") from error

    def _json_has(self, column: sa.ColumnElement[Any], value: sa.ColumnElement[Any]) -> Any:
        """SQL: the JSON list in ``column`` holds ``value``."""
        if self.dialect == "postgresql":
            return sa.cast(column, JSONB).has_key(value)
        each = sa.func.json_each(column).table_valued("value")
        return sa.exists(sa.select(sa.literal(1)).select_from(each).where(each.c.value == value))

    def _involves(self, condition: sa.ColumnElement[bool]) -> Any:
        """SQL: a source or target actor of the event meets ``condition``."""
        return sa.exists(
            sa.select(sa.literal(1))
            .select_from(actors)
            .where(
                actors.c.article_id == events.c.article_id,
                condition,
                sa.or_(
                    self._json_has(events.c.source, actors.c.id),
                    self._json_has(events.c.target, actors.c.id),
                ),
            )
        )

    def _event_conditions(self, where: EventFilter) -> list[Any]:
        conditions: list[Any] = []
        if where.types:
            conditions.append(events.c.type.in_([t.upper() for t in where.types]))
        if where.quad:
            name = self._quads.normalize(where.quad)
            if name is None:
                known = ", ".join(self._quads.names)
                raise ValueError(f"unknown quad {where.quad!r}; use one of: {known} (or 1-4)")
            conditions.append(events.c.type.in_(self._quads.types(name)))
        if where.status:
            conditions.append(events.c.status == where.status.lower())
        if where.article:
            conditions.append(events.c.article_id == where.article)
        if where.actor:
            conditions.append(self._involves(actors.c.name == where.actor))
        if where.country:
            country = where.country.upper()
            conditions.append(
                sa.or_(places.c.country == country, self._involves(actors.c.country == country))
            )
        if where.place:
            conditions.append(places.c.name == where.place)
        day = _event_day()
        if where.since:
            conditions.append(day >= where.since.isoformat())
        if where.until:
            conditions.append(day <= where.until.isoformat())
        return conditions

    def _event_from(self) -> Any:
        return events.join(articles, articles.c.id == events.c.article_id).outerjoin(
            places,
            sa.and_(places.c.article_id == events.c.article_id, places.c.id == events.c.place),
        )

    def _actor_names(
        self, connection: Connection, article_ids: Iterable[str]
    ) -> dict[tuple[str, str], dict[str, Any]]:
        """Return ``{(article_id, actor_id): {name, kind, country}}`` for these articles."""
        ids = sorted(set(article_ids))
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for chunk in _chunked(ids):
            rows = connection.execute(
                sa.select(
                    actors.c.article_id, actors.c.id, actors.c.name, actors.c.kind, actors.c.country
                ).where(actors.c.article_id.in_(chunk))
            ).mappings()
            for row in rows:
                found[(row["article_id"], row["id"])] = {
                    "name": row["name"],
                    "kind": row["kind"],
                    "country": row["country"],
                }
        return found

    def _event_dict(
        self, row: RowMapping, names: dict[tuple[str, str], dict[str, Any]]
    ) -> dict[str, Any]:
        article_id = row["article_id"]

        def who(ids: Any) -> list[dict[str, Any]]:
            return [
                {"id": i, "name": names.get((article_id, i), {}).get("name")}
                for i in (ids or [])
                if isinstance(i, str)
            ]

        own_date = _valid_day(row["date"])
        published = _valid_day(row["published"])
        known = {c.name for c in events.columns}
        event: dict[str, Any] = {
            "article_id": article_id,
            "id": row["id"],
            "type": row["type"],
            "quad": self._quads.of_event(dict(row)),
            "mode": row["mode"],
            "cameo": row["cameo"],
            "status": row["status"],
            "date": own_date or published,
            "date_source": row.get("date_source")
            or ("event" if own_date else "published" if published else None),
            "intensity": row["intensity"],
            "confidence": row["confidence"],
            "trigger": _span(row, "trigger"),
            "sentence": _span(row, "sentence"),
            "source": who(row["source"]),
            "target": who(row["target"]),
            "place": None,
            "article": {"title": row["article_title"], "published": row["published"]},
        }
        if row["place_name"] is not None:
            event["place"] = {
                "id": row["place"],
                "name": row["place_name"],
                "country": row["place_country"],
                "lat": row["place_lat"],
                "lon": row["place_lon"],
            }
        # fields a later events stage adds to the table come through as they are
        for name, value in row.items():
            if name in known and name not in event and not name.endswith(_SPAN_PARTS):
                event[name] = value
        return event

    def _event_columns(self) -> list[Any]:
        return [
            *events.columns,
            articles.c.title.label("article_title"),
            articles.c.published,
            places.c.name.label("place_name"),
            places.c.country.label("place_country"),
            places.c.lat.label("place_lat"),
            places.c.lon.label("place_lon"),
        ]

    # -- overview -------------------------------------------------------------------------------

    def overview(self) -> dict[str, Any]:
        """Return counts (records, distinct actors, places), the date range, and events by quad."""
        counts = self.store.counts()
        with self._connect() as connection:
            distinct_actors = connection.scalar(
                sa.select(sa.func.count(sa.distinct(actors.c.name)))
            )
            distinct_places = connection.scalar(
                sa.select(sa.func.count()).select_from(
                    sa.select(places.c.name, places.c.country).distinct().subquery()
                )
            )
            first, last = connection.execute(
                sa.select(sa.func.min(articles.c.published), sa.func.max(articles.c.published))
            ).one()
            by_type = connection.execute(
                sa.select(events.c.type, sa.func.count()).group_by(events.c.type)
            ).all()
            sources = connection.scalar(sa.select(sa.func.count(sa.distinct(articles.c.source))))
        by_quad: Counter[str] = Counter()
        for type_, count in by_type:
            by_quad[self._quads.of_type.get(str(type_).upper(), "unknown")] += int(count)
        return {
            "counts": counts,
            "distinct_actors": int(distinct_actors or 0),
            "distinct_places": int(distinct_places or 0),
            "sources": int(sources or 0),
            "published": {"first": _valid_day(first), "last": _valid_day(last)},
            "events_by_type": dict(
                sorted(((str(t), int(c)) for t, c in by_type), key=lambda kv: -kv[1])
            ),
            "events_by_quad": {
                q: by_quad[q] for q in (*self._quads.names, "unknown") if by_quad[q]
            },
        }

    # -- articles -------------------------------------------------------------------------------

    def articles(
        self,
        q: str | None = None,
        *,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page:
        """Search or list articles, best match first (newest first without ``q``).

        Args:
            q: search words (quoted phrases, ``word*`` prefixes); every term must match.
            source: the outlet.
            since, until: publication date range (inclusive).
            limit, offset: the page.
        """
        terms = parse_query(q) if q else []
        conditions: list[Any] = []
        if source:
            conditions.append(articles.c.source == source)
        day = sa.func.substr(articles.c.published, 1, 10)
        if since:
            conditions.append(day >= since.isoformat())
        if until:
            conditions.append(day <= until.isoformat())
        base = sa.select(articles.c.id).select_from(articles).where(*conditions)
        if q and not terms:
            return Page([], 0, limit, offset)
        matched = self.search_index.apply(base, terms)
        counted = sa.select(sa.func.count()).select_from(matched.order_by(None).subquery())
        if not terms:
            matched = matched.order_by(
                sa.func.coalesce(articles.c.published, "").desc(), articles.c.seq.desc()
            )
        with self._connect() as connection:
            total = int(connection.scalar(counted) or 0)
            ids = [str(i) for i in connection.scalars(matched.limit(limit).offset(offset))]
            items = self._article_summaries(connection, ids)
        for item in items:
            text = item.pop("text")
            item["snippet"] = [
                {"text": part, "match": is_match} for part, is_match in snippet(text, terms)
            ]
        return Page(items, total, limit, offset)

    def _article_summaries(self, connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []

        def count(table: sa.Table) -> Any:
            return (
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.article_id == articles.c.id)
                .scalar_subquery()
            )

        rows = connection.execute(
            sa.select(
                articles.c.id,
                articles.c.title,
                articles.c.source,
                articles.c.url,
                articles.c.published,
                articles.c.text,
                count(actors).label("actors"),
                count(quotes).label("quotes"),
                count(events).label("events"),
                count(places).label("places"),
            ).where(articles.c.id.in_(ids))
        ).mappings()
        by_id = {row["id"]: dict(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def article(self, article_id: str) -> dict[str, Any]:
        """Return one article's whole record (``Extraction.to_dict()``) and when it was stored.

        Raises:
            NotFoundError: no article has this id.
        """
        with self._connect() as connection:
            row = connection.execute(
                sa.select(articles.c.record, articles.c.ingested_at, articles.c.seq).where(
                    articles.c.id == article_id
                )
            ).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        record = dict(row.record)
        for event in record.get("events", []):
            if isinstance(event, dict):
                event["quad"] = self._quads.of_event(event)
        return {"record": record, "ingested_at": row.ingested_at.isoformat(), "seq": row.seq}

    # -- actors ---------------------------------------------------------------------------------

    def actors(
        self,
        q: str | None = None,
        *,
        kind: str | None = None,
        country: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        """List actors by canonical name, most mentioned first.

        Args:
            q: part of the name or of an alias (case-insensitive).
            kind: PERSON, ORG, GROUP, COUNTRY, …
            country: ISO alpha-3.
            limit, offset: the page.
        """
        conditions: list[Any] = []
        if q:
            conditions.append(
                sa.or_(
                    actors.c.name.icontains(q, autoescape=True),
                    sa.cast(actors.c.aliases, sa.Text).icontains(q, autoescape=True),
                )
            )
        if kind:
            conditions.append(actors.c.kind == kind.upper())
        if country:
            conditions.append(actors.c.country == country.upper())
        mention_counts = (
            sa.select(mentions.c.article_id, mentions.c.actor_id, sa.func.count().label("n"))
            .group_by(mentions.c.article_id, mentions.c.actor_id)
            .subquery()
        )
        grouped = (
            sa.select(
                actors.c.name,
                sa.func.max(actors.c.kind).label("kind"),
                sa.func.max(actors.c.country).label("country"),
                sa.func.count(sa.distinct(actors.c.article_id)).label("articles"),
                sa.func.coalesce(sa.func.sum(mention_counts.c.n), 0).label("mentions"),
            )
            .select_from(
                actors.outerjoin(
                    mention_counts,
                    sa.and_(
                        mention_counts.c.article_id == actors.c.article_id,
                        mention_counts.c.actor_id == actors.c.id,
                    ),
                )
            )
            .where(*conditions)
            .group_by(actors.c.name)
        )
        with self._connect() as connection:
            total = int(
                connection.scalar(sa.select(sa.func.count()).select_from(grouped.subquery())) or 0
            )
            rows = connection.execute(
                grouped.order_by(sa.text("mentions DESC"), actors.c.name)
                .limit(limit)
                .offset(offset)
            ).mappings()
            items = [dict(row) for row in rows]
        for item in items:
            item["mentions"] = int(item["mentions"])
        return Page(items, total, limit, offset)

    def actor(self, name: str, *, limit: int = 200) -> dict[str, Any]:
        """Return everything about the actor with this canonical name.

        Aliases, roles, kinds, sectors and countries are merged over every article that names it;
        ``as_source`` and ``as_target`` list its events (newest first), ``quotes`` what it said,
        ``partners`` the actors it acted with, and ``articles`` where it appears.

        Raises:
            NotFoundError: no actor has this name.
        """
        with self._connect() as connection:
            rows = list(
                connection.execute(
                    sa.select(actors, articles.c.title, articles.c.published)
                    .join(articles, articles.c.id == actors.c.article_id)
                    .where(actors.c.name == name)
                    .order_by(sa.func.coalesce(articles.c.published, "").desc())
                ).mappings()
            )
            if not rows:
                raise NotFoundError(f"no actor named {name!r}")
            pairs = {(r["article_id"], r["id"]) for r in rows}
            article_ids = sorted({r["article_id"] for r in rows})
            mention_count = int(
                connection.scalar(
                    sa.select(sa.func.count())
                    .select_from(mentions)
                    .join(
                        actors,
                        sa.and_(
                            actors.c.article_id == mentions.c.article_id,
                            actors.c.id == mentions.c.actor_id,
                        ),
                    )
                    .where(actors.c.name == name)
                )
                or 0
            )
            event_rows: list[RowMapping] = []
            quote_rows: list[RowMapping] = []
            for chunk in _chunked(article_ids):
                event_rows.extend(
                    connection.execute(
                        sa.select(*self._event_columns())
                        .select_from(self._event_from())
                        .where(events.c.article_id.in_(chunk))
                    ).mappings()
                )
                quote_rows.extend(
                    connection.execute(
                        sa.select(
                            quotes, articles.c.title.label("article_title"), articles.c.published
                        )
                        .join(articles, articles.c.id == quotes.c.article_id)
                        .where(quotes.c.article_id.in_(chunk))
                    ).mappings()
                )
            names = self._actor_names(connection, article_ids)
        as_source: list[dict[str, Any]] = []
        as_target: list[dict[str, Any]] = []
        partners: Counter[str] = Counter()
        for row in event_rows:
            aid = row["article_id"]
            source = {i for i in row["source"] or [] if (aid, i) in pairs}
            target = {i for i in row["target"] or [] if (aid, i) in pairs}
            if not source and not target:
                continue
            event = self._event_dict(row, names)
            if source:
                as_source.append(event)
            if target:
                as_target.append(event)
            for other in (*event["source"], *event["target"]):
                if other["name"] and other["name"] != name:
                    partners[other["name"]] += 1
        newest = lambda e: (e["date"] or "", e["article_id"], e["id"])  # noqa: E731
        as_source.sort(key=newest, reverse=True)
        as_target.sort(key=newest, reverse=True)
        said = [
            self._quote_dict(row, name)
            for row in quote_rows
            if (row["article_id"], row["speaker"]) in pairs
        ]
        said.sort(key=lambda q: q["article"]["published"] or "", reverse=True)

        def merged(column: str) -> list[str]:
            seen: dict[str, None] = {}
            for row in rows:
                value = row[column]
                for item in value if isinstance(value, list) else [value]:
                    if item:
                        seen.setdefault(str(item), None)
            return list(seen)

        return {
            "name": name,
            "kinds": merged("kind"),
            "countries": merged("country"),
            "sectors": merged("sector"),
            "roles": merged("roles"),
            "aliases": [a for a in merged("aliases") if a != name],
            "mentions": mention_count,
            "articles": [
                {
                    "id": r["article_id"],
                    "actor_id": r["id"],
                    "title": r["title"],
                    "published": r["published"],
                }
                for r in rows
            ][:limit],
            "article_count": len(article_ids),
            "as_source": as_source[:limit],
            "as_target": as_target[:limit],
            "event_count": len({(e["article_id"], e["id"]) for e in (*as_source, *as_target)}),
            "quotes": said[:limit],
            "partners": [{"name": n, "events": c} for n, c in partners.most_common(20)],
        }

    # -- events ---------------------------------------------------------------------------------

    def events(self, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0) -> Page:
        """Return a page of events matching ``where``, newest first.

        Raises:
            ValueError: the filter names an unknown quad.
        """
        where = where or EventFilter()
        conditions = self._event_conditions(where)
        base = sa.select(*self._event_columns()).select_from(self._event_from()).where(*conditions)
        with self._connect() as connection:
            total = int(
                connection.scalar(
                    sa.select(sa.func.count()).select_from(self._event_from()).where(*conditions)
                )
                or 0
            )
            rows = list(
                connection.execute(
                    base.order_by(
                        sa.func.coalesce(_event_day(), "").desc(),
                        articles.c.seq.desc(),
                        events.c.trigger_start,
                    )
                    .limit(limit)
                    .offset(offset)
                ).mappings()
            )
            names = self._actor_names(connection, (r["article_id"] for r in rows))
        return Page([self._event_dict(r, names) for r in rows], total, limit, offset)

    def iter_events(self, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Yield every event matching ``where`` (for aggregates over all of them)."""
        where = where or EventFilter()
        statement = (
            sa.select(*self._event_columns())
            .select_from(self._event_from())
            .where(*self._event_conditions(where))
            .order_by(articles.c.seq, events.c.trigger_start)
        )
        with self._connect() as connection:
            rows = list(connection.execute(statement).mappings())
            names = self._actor_names(connection, (r["article_id"] for r in rows))
        for row in rows:
            yield self._event_dict(row, names)

    def timeseries(
        self, where: EventFilter | None = None, *, by: str = "type", interval: str = "day"
    ) -> dict[str, Any]:
        """Count events per ``interval`` and per type or quad, with the mean intensity.

        Args:
            where: which events.
            by: ``type`` or ``quad``.
            interval: ``day``, ``week`` (from Monday) or ``month``.

        Returns:
            ``{"by", "interval", "buckets": [dates], "series": {key: [counts]},
            "intensity": [mean or None], "undated": count}``.

        Raises:
            ValueError: ``by``, ``interval`` or the quad filter is unknown.
        """
        if by not in ("type", "quad"):
            raise ValueError(f"unknown grouping {by!r}; use type or quad")
        if interval not in INTERVALS:
            raise ValueError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
        where = where or EventFilter()
        day = _event_day().label("day")
        statement = (
            sa.select(
                day,
                events.c.type,
                sa.func.count().label("n"),
                sa.func.sum(events.c.intensity).label("intensity_sum"),
                sa.func.count(events.c.intensity).label("intensity_n"),
            )
            .select_from(self._event_from())
            .where(*self._event_conditions(where))
            .group_by(day, events.c.type)
        )
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        sums: dict[str, float] = defaultdict(float)
        rated: Counter[str] = Counter()
        undated = 0
        with self._connect() as connection:
            for row in connection.execute(statement).mappings():
                valid = _valid_day(row["day"])
                if valid is None:
                    undated += int(row["n"])
                    continue
                key = bucket(valid, interval)
                group = (
                    str(row["type"])
                    if by == "type"
                    else self._quads.of_type.get(str(row["type"]).upper(), "unknown")
                )
                counts[group][key] += int(row["n"])
                sums[key] += float(row["intensity_sum"] or 0.0)
                rated[key] += int(row["intensity_n"] or 0)
        keys = sorted({k for c in counts.values() for k in c})
        buckets = _fill(keys, interval)
        order = (
            [q for q in (*self._quads.names, "unknown") if q in counts]
            if by == "quad"
            else sorted(counts, key=lambda g: -sum(counts[g].values()))
        )
        return {
            "by": by,
            "interval": interval,
            "buckets": buckets,
            "series": {g: [counts[g][b] for b in buckets] for g in order},
            "intensity": [round(sums[b] / rated[b], 3) if rated[b] else None for b in buckets],
            "undated": undated,
        }

    def network(
        self, where: EventFilter | None = None, *, min_weight: int = 1, limit: int = 60
    ) -> Network:
        """Return the actor network: an edge per (source, target) pair of actor names.

        An edge's ``weight`` is the number of events from source to target, ``intensity`` their
        mean intensity (None if none is rated) and ``sign`` -1, 0 or +1 (conflict, neutral,
        cooperation). Nodes are the ``limit`` actors with the most events on kept edges.

        Args:
            where: which events.
            min_weight: leave out edges with fewer events.
            limit: most nodes kept.
        """
        weights: Counter[tuple[str, str]] = Counter()
        sums: dict[tuple[str, str], float] = defaultdict(float)
        rated: Counter[tuple[str, str]] = Counter()
        types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        info: dict[str, dict[str, Any]] = {}
        # only the columns an edge needs: this runs over every matching event
        statement = (
            sa.select(
                events.c.article_id,
                events.c.type,
                events.c.source,
                events.c.target,
                events.c.intensity,
            )
            .select_from(self._event_from())
            .where(*self._event_conditions(where or EventFilter()))
        )
        with self._connect() as connection:
            rows = connection.execute(statement).all()
            names = self._actor_names(connection, (r.article_id for r in rows))
        for row in rows:
            sources = {
                names[(row.article_id, i)]["name"]
                for i in row.source or []
                if (row.article_id, i) in names
            }
            targets = {
                names[(row.article_id, i)]["name"]
                for i in row.target or []
                if (row.article_id, i) in names
            }
            for source in sources:
                for target in targets:
                    if source == target:
                        continue
                    pair = (source, target)
                    weights[pair] += 1
                    types[pair][row.type] += 1
                    if row.intensity is not None:
                        sums[pair] += float(row.intensity)
                        rated[pair] += 1
        kept = [pair for pair, w in weights.items() if w >= min_weight]
        degree: Counter[str] = Counter()
        for source, target in kept:
            degree[source] += weights[(source, target)]
            degree[target] += weights[(source, target)]
        chosen = {n for n, _ in degree.most_common(limit)}
        if chosen:
            with self._connect() as connection:
                for chunk in _chunked(sorted(chosen)):
                    for found in connection.execute(
                        sa.select(
                            actors.c.name,
                            sa.func.max(actors.c.kind).label("kind"),
                            sa.func.max(actors.c.country).label("country"),
                        )
                        .where(actors.c.name.in_(chunk))
                        .group_by(actors.c.name)
                    ).mappings():
                        info[found["name"]] = {"kind": found["kind"], "country": found["country"]}
        network = Network()
        for name in sorted(chosen, key=lambda n: (-degree[n], n)):
            network.nodes.append({"id": name, "events": degree[name], **info.get(name, {})})
        for pair in sorted(kept, key=lambda p: (-weights[p], p)):
            if pair[0] in chosen and pair[1] in chosen:
                mean = round(sums[pair] / rated[pair], 3) if rated[pair] else None
                network.edges.append(
                    {
                        "source": pair[0],
                        "target": pair[1],
                        "weight": weights[pair],
                        "intensity": mean,
                        "sign": 0 if mean is None or mean == 0 else (1 if mean > 0 else -1),
                        "types": dict(types[pair].most_common()),
                    }
                )
        return network

    # -- quotes ---------------------------------------------------------------------------------

    def _quote_dict(self, row: RowMapping, speaker_name: str | None) -> dict[str, Any]:
        return {
            "article_id": row["article_id"],
            "id": row["id"],
            "kind": row["kind"],
            "content": _span(row, "content"),
            "cue": _span(row, "cue"),
            "speaker_span": _span(row, "speaker"),
            "speaker": row["speaker"],
            "speaker_name": speaker_name,
            "article": {"title": row["article_title"], "published": row["published"]},
        }

    def quotes(
        self,
        q: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        """Return quotes, newest first.

        Args:
            q: words in the quote (case-insensitive substring).
            speaker: the speaker's canonical actor name.
            kind: direct, mixed or indirect.
            since, until: the article's publication date range.
            limit, offset: the page.
        """
        speaker_actor = actors.alias("speaker_actor")
        joined = quotes.join(articles, articles.c.id == quotes.c.article_id).outerjoin(
            speaker_actor,
            sa.and_(
                speaker_actor.c.article_id == quotes.c.article_id,
                speaker_actor.c.id == quotes.c.speaker,
            ),
        )
        conditions: list[Any] = []
        if q:
            conditions.append(quotes.c.content_text.icontains(q, autoescape=True))
        if speaker:
            conditions.append(speaker_actor.c.name == speaker)
        if kind:
            conditions.append(quotes.c.kind == kind.lower())
        day = sa.func.substr(articles.c.published, 1, 10)
        if since:
            conditions.append(day >= since.isoformat())
        if until:
            conditions.append(day <= until.isoformat())
        with self._connect() as connection:
            total = int(
                connection.scalar(sa.select(sa.func.count()).select_from(joined).where(*conditions))
                or 0
            )
            rows = connection.execute(
                sa.select(
                    quotes,
                    articles.c.title.label("article_title"),
                    articles.c.published,
                    speaker_actor.c.name.label("speaker_name"),
                )
                .select_from(joined)
                .where(*conditions)
                .order_by(
                    sa.func.coalesce(articles.c.published, "").desc(),
                    articles.c.seq.desc(),
                    quotes.c.content_start,
                )
                .limit(limit)
                .offset(offset)
            ).mappings()
            items = [self._quote_dict(row, row["speaker_name"]) for row in rows]
        return Page(items, total, limit, offset)

    # -- places ---------------------------------------------------------------------------------

    def places(
        self,
        q: str | None = None,
        *,
        country: str | None = None,
        where: EventFilter | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> Page:
        """Return places (one per name and country), with mentions and events there.

        ``events`` counts the events matching ``where`` placed there; ``articles`` the articles
        that mention the place.

        Args:
            q: part of the place name.
            country: ISO alpha-3.
            where: which events to count.
            limit, offset: the page.
        """
        conditions: list[Any] = []
        if q:
            conditions.append(places.c.name.icontains(q, autoescape=True))
        if country:
            conditions.append(places.c.country == country.upper())
        grouped = (
            sa.select(
                places.c.name,
                places.c.country,
                sa.func.avg(places.c.lat).label("lat"),
                sa.func.avg(places.c.lon).label("lon"),
                sa.func.max(places.c.feature).label("feature"),
                sa.func.max(places.c.geonameid).label("geonameid"),
                sa.func.count(sa.distinct(places.c.article_id)).label("articles"),
            )
            .where(*conditions)
            .group_by(places.c.name, places.c.country)
        )
        event_counts = (
            sa.select(places.c.name, places.c.country, sa.func.count().label("events"))
            .select_from(self._event_from())
            .where(events.c.place.is_not(None), *self._event_conditions(where or EventFilter()))
            .group_by(places.c.name, places.c.country)
        )
        with self._connect() as connection:
            counted = {
                (row["name"], row["country"]): int(row["events"])
                for row in connection.execute(event_counts).mappings()
            }
            rows = [dict(r) for r in connection.execute(grouped).mappings()]
        for row in rows:
            row["events"] = counted.get((row["name"], row["country"]), 0)
        rows.sort(key=lambda r: (-r["events"], -r["articles"], r["name"]))
        return Page(rows[offset : offset + limit], len(rows), limit, offset)

    def event_places(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Return the places of events matching ``where``: one per name and country, with the
        number of events there and their mean intensity, most events first."""
        statement = (
            sa.select(
                places.c.name,
                places.c.country,
                sa.func.avg(places.c.lat).label("lat"),
                sa.func.avg(places.c.lon).label("lon"),
                sa.func.count().label("events"),
                sa.func.avg(events.c.intensity).label("intensity"),
            )
            .select_from(self._event_from())
            .where(places.c.name.is_not(None), *self._event_conditions(where or EventFilter()))
            .group_by(places.c.name, places.c.country)
        )
        with self._connect() as connection:
            rows = [dict(r) for r in connection.execute(statement).mappings()]
        for row in rows:
            row["events"] = int(row["events"])
            if row["intensity"] is not None:
                row["intensity"] = round(float(row["intensity"]), 3)
        rows.sort(key=lambda r: (-r["events"], r["name"]))
        return rows

    # -- lookups for forms ----------------------------------------------------------------------

    def choices(self) -> dict[str, list[str]]:
        """Return the values present in the database for filter menus."""
        with self._connect() as connection:
            types = sorted(connection.scalars(sa.select(events.c.type).distinct()))
            statuses = sorted(connection.scalars(sa.select(events.c.status).distinct()))
            countries = sorted(
                {
                    c
                    for c in (
                        *connection.scalars(sa.select(places.c.country).distinct()),
                        *connection.scalars(sa.select(actors.c.country).distinct()),
                    )
                    if c
                }
            )
            sources = sorted(
                s for s in connection.scalars(sa.select(articles.c.source).distinct()) if s
            )
        return {
            "types": types,
            "statuses": statuses,
            "quads": list(self._quads.names),
            "countries": countries,
            "sources": sources,
        }


def _fill(keys: list[str], interval: str) -> list[str]:
    """Return every bucket from the first to the last of ``keys`` (gaps filled)."""
    if not keys:
        return []
    first, last = date.fromisoformat(keys[0]), date.fromisoformat(keys[-1])
    filled: list[str] = []
    current = first
    # a guard against absurd ranges (a typo'd year): no more than 20 years of days
    while current <= last and len(filled) < 7400:
        filled.append(current.isoformat())
        if interval == "day":
            current += timedelta(days=1)
        elif interval == "week":
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    if filled[-1] != keys[-1]:
        # too long to fill: the buckets that have data, in order
        return keys
    return filled
