"""Corpus events: one real-world event, however many articles report it.

Per-article events stay as they are (the evidence). Two of them report the same real-world event
when they have the same type and status group, their dates (the event's date, else the article's
publication date) lie within one day of each other, their actors are compatible (on each side,
source and target, either one side is unknown or the two share an actor) and so are their places
(either unknown, the same place, or a country and a place in it), and at least one actor or the
place is shared: two events with nothing in common but a type and a day are not merged.

A corpus event counts the independent sources that report it: distinct outlets (the article's
``source``, else its URL's host). Near-duplicate copies are not analysed (see
``eventwire.corpus.duplicates``), so a syndicated story counts once, which is how eventwire
avoids counting one event many times as GDELT and ICEWS do.

:class:`EventMerger` does the grouping in memory; :class:`CorpusEventUpdater` (and
:func:`update_corpus_events`) keeps the ``corpus_events`` tables of a store equal to what
:func:`rebuild_corpus_events` would make, re-running the grouping only from the days of new
events until it agrees with what is stored.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from unidecode import unidecode

from eventwire.records import Actor, Event, Extraction, Place
from eventwire.store.database import bulk_insert
from eventwire.store.schema import corpus_event_reports, corpus_events

if TYPE_CHECKING:
    from eventwire.store import Store

logger = logging.getLogger(__name__)

#: Statuses that report the same fact; other statuses group only with themselves.
FACTUAL = frozenset({"asserted", "reported"})
#: The most days between the earliest and the latest report of one corpus event.
MAX_SPAN_DAYS = 1
#: Place features that stand for a whole country.
COUNTRY_FEATURES = frozenset({"country", "pcli", "pcl"})
_WORD = re.compile(r"[^\W_]+")


def _normal(name: str) -> str:
    return " ".join(_WORD.findall(unidecode(name).casefold()))


@dataclass(slots=True, frozen=True)
class ActorRef:
    """An actor as an event names it, reduced to what can be compared across articles."""

    name: str
    keys: frozenset[str]
    tokens: tuple[str, ...]
    kind: str

    @classmethod
    def of(cls, actor: Actor) -> ActorRef:
        keys = {_normal(actor.name)} | {_normal(alias) for alias in actor.aliases}
        if actor.kind == "COUNTRY" and actor.country:
            keys.add("country:" + actor.country)
        keys.discard("")
        return cls(actor.name, frozenset(keys), tuple(_normal(actor.name).split()), actor.kind)

    def matches(self, other: ActorRef) -> bool:
        """Whether both name the same actor: a shared name, alias or country code, or, for
        people, one name's words all in the other's with the same last word ("Maduro",
        "Nicolás Maduro")."""
        if self.keys & other.keys:
            return True
        if self.kind == other.kind == "PERSON" and self.tokens and other.tokens:
            short, long = sorted((self.tokens, other.tokens), key=len)
            return short[-1] == long[-1] and set(short) <= set(long)
        return False


@dataclass(slots=True, frozen=True)
class PlaceRef:
    """A place as an event names it."""

    name: str
    key: str
    country: str | None
    whole_country: bool

    @classmethod
    def of(cls, place: Place) -> PlaceRef:
        key = f"geonames:{place.geonameid}" if place.geonameid else _normal(place.name)
        whole = (place.feature or "").lower() in COUNTRY_FEATURES
        return cls(place.name, key, place.country, whole)


@dataclass(slots=True, frozen=True)
class EventReport:
    """One per-article event, with what is needed to tell whether two report the same event."""

    article_id: str
    event_id: str
    type: str
    status: str
    day: date | None
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    place: PlaceRef | None
    outlet: str
    sentence: tuple[int, int]

    @property
    def status_group(self) -> str:
        return "factual" if self.status in FACTUAL else self.status


def outlet(extraction: Extraction) -> str:
    """Return the outlet an article comes from: its source, else its URL's host, else itself."""
    article = extraction.article
    if article.source and article.source.strip():
        return _normal(article.source)
    if article.url:
        host = (urlsplit(article.url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    return "article:" + article.id


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def reports(extraction: Extraction) -> list[EventReport]:
    """Return the event reports of one article (events whose date is unknown get the
    article's publication date)."""
    actors = {actor.id: ActorRef.of(actor) for actor in extraction.actors}
    places = {place.id: PlaceRef.of(place) for place in extraction.places}
    source = outlet(extraction)
    published = _day(extraction.article.published)
    found = []
    for event in extraction.events:
        found.append(_report(extraction.article.id, event, actors, places, source, published))
    return found


def _report(
    article_id: str,
    event: Event,
    actors: dict[str, ActorRef],
    places: dict[str, PlaceRef],
    source: str,
    published: date | None,
) -> EventReport:
    return EventReport(
        article_id=article_id,
        event_id=event.id,
        type=event.type,
        status=event.status,
        day=_day(event.date) or published,
        sources=tuple(actors[a] for a in event.source if a in actors),
        targets=tuple(actors[a] for a in event.target if a in actors),
        place=places.get(event.place) if event.place else None,
        outlet=source,
        sentence=(event.sentence.start, event.sentence.end),
    )


@dataclass(slots=True)
class CorpusEvent:
    """One real-world event and every per-article event reporting it."""

    id: str
    type: str
    status: str
    first: date | None
    last: date | None
    members: list[EventReport] = field(default_factory=list)

    @property
    def sources(self) -> int:
        """Independent sources: distinct outlets among the reporting articles."""
        return len({member.outlet for member in self.members})

    @property
    def articles(self) -> int:
        return len({member.article_id for member in self.members})

    def names(self, side: str) -> list[str]:
        """The actor names on one side (``"source"`` or ``"target"``), most reported first."""
        counts: Counter[str] = Counter()
        for member in self.members:
            refs = member.sources if side == "source" else member.targets
            counts.update({ref.name for ref in refs})
        return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    def place_names(self) -> list[str]:
        counts = Counter(m.place.name for m in self.members if m.place is not None)
        return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    def accepts(self, report: EventReport) -> int:
        """Return how strongly ``report`` belongs here: 0 if it does not, else the number of
        shared anchors (source actor, target actor, place)."""
        if report.type != self.type or report.status_group != _group(self.status):
            return 0
        if report.day is None or self.first is None or self.last is None:
            return 0
        if max(self.last, report.day) - min(self.first, report.day) > timedelta(MAX_SPAN_DAYS):
            return 0
        anchors = 0
        for side in ("sources", "targets"):
            mine = [ref for member in self.members for ref in getattr(member, side)]
            theirs = getattr(report, side)
            if not mine or not theirs:
                continue
            if not any(a.matches(b) for a in theirs for b in mine):
                return 0
            anchors += 1
        places = [member.place for member in self.members if member.place is not None]
        if report.place is not None and places:
            verdicts = [_places_agree(report.place, place) for place in places]
            if not all(verdicts):
                return 0
            anchors += any(verdict == 2 for verdict in verdicts)
        return anchors

    def add(self, report: EventReport) -> None:
        self.members.append(report)
        if report.day is not None:
            self.first = min(self.first, report.day) if self.first else report.day
            self.last = max(self.last, report.day) if self.last else report.day


def _group(status: str) -> str:
    return "factual" if status in FACTUAL else status


def _places_agree(a: PlaceRef, b: PlaceRef) -> int:
    """2: the same place; 1: compatible (a country and a place in it); 0: different places."""
    if a.key == b.key:
        return 2
    if a.country and a.country == b.country and (a.whole_country or b.whole_country):
        return 1
    return 0


def corpus_event_id(first: EventReport) -> str:
    """A stable id for a corpus event, from its earliest report."""
    digest = hashlib.sha256(f"{first.article_id}/{first.event_id}".encode()).hexdigest()
    return "C" + digest[:16]


class EventMerger:
    """Group event reports into corpus events.

    Reports are taken in (date, article, event) order, so the grouping does not depend on the
    order articles were ingested in. Each report joins the open corpus event that accepts it
    with most shared anchors, else starts one; a report without a date starts its own.
    """

    def __init__(self) -> None:
        self._open: dict[tuple[str, str], list[CorpusEvent]] = {}

    def merge(self, items: Iterable[EventReport]) -> list[CorpusEvent]:
        """Return the corpus events the reports form, in order of their first report."""
        ordered = sorted(items, key=lambda r: (r.day or date.max, r.article_id, r.event_id))
        result: list[CorpusEvent] = []
        self._open.clear()
        for report in ordered:
            key = (report.type, report.status_group)
            candidates = self._open.setdefault(key, [])
            if report.day is not None:
                # Events whose window has closed cannot take this or any later report.
                horizon = report.day - timedelta(MAX_SPAN_DAYS)
                candidates[:] = [
                    c for c in candidates if c.first is not None and c.first >= horizon
                ]
            best: CorpusEvent | None = None
            best_score = 0
            for candidate in candidates:
                score = candidate.accepts(report)
                if score > best_score:
                    best, best_score = candidate, score
            if best is None:
                best = CorpusEvent(
                    id=corpus_event_id(report),
                    type=report.type,
                    status=report.status,
                    first=None,
                    last=None,
                )
                result.append(best)
                if report.day is not None:
                    candidates.append(best)
            best.add(report)
        return result


def merge_extractions(extractions: Iterable[Extraction]) -> list[CorpusEvent]:
    """Return the corpus events that the events of these articles form."""
    return EventMerger().merge(r for extraction in extractions for r in reports(extraction))


# Keeping a store's corpus events up to date.

#: Pending articles grouped per transaction.
PENDING_CHUNK = 2000
#: Articles whose dated event reports an updater keeps in memory (the neighbours of later
#: articles): about 4 KB each for news articles, so at most some 12 MB.
CACHED_ARTICLES = 3_000

_Key = tuple[str, str]  # (type, status group)
_Member = tuple[str, str]  # (article id, event id)


class CorpusEventUpdater:
    """Keep a store's corpus events equal to a full rebuild, touching only what new events change.

    The articles whose events are not grouped yet are listed in ``corpus_pending`` (written with
    each article). For each (type, status group) of their events, :class:`EventMerger`'s pass is
    resumed at the first new day from the stored state (the corpus events that began the day
    before) and run day by day over the stored and new reports of that type, read through the
    ``corpus_event_reports.date`` index, until the open corpus events at the end of a day are the
    stored ones: from there on the stored grouping is what a rebuild would give, so nothing
    later is read. The result is the same as :func:`rebuild_corpus_events` (tested).

    An updater keeps the event reports of recent articles in memory (bounded): the writer of an
    ingest hands it the records it has just stored (:meth:`hold`) and calls :meth:`update` now
    and then, so that neither the new articles nor, mostly, their neighbours are read back.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        # The reports of articles handed over by hold() and not grouped yet.
        self._held: dict[str, list[EventReport]] = {}
        # Dated reports of recent articles (undated ones are never anyone's neighbour).
        self._reports: OrderedDict[str, dict[str, EventReport]] = OrderedDict()

    def update(self, extractions: Iterable[Extraction] = ()) -> int:
        """Group the events of every pending article; return the corpus events written.

        Args:
            extractions: records of pending articles the caller holds (read from the store
                otherwise).
        """
        from eventwire.store.schema import corpus_pending

        self.hold(extractions)
        written = 0
        while True:
            with self.store.engine.connect() as connection:
                ids = list(
                    connection.scalars(
                        sa.select(corpus_pending.c.article_id)
                        .order_by(corpus_pending.c.article_id)
                        .limit(PENDING_CHUNK)
                    )
                )
            if not ids:
                self._held.clear()  # held but not pending: not stored, or without events
                return written
            with self.store.engine.begin() as connection:
                written += self._group(connection, ids)
                for chunk in _chunks(ids):
                    connection.execute(
                        sa.delete(corpus_pending).where(corpus_pending.c.article_id.in_(chunk))
                    )

    def hold(self, extractions: Iterable[Extraction]) -> None:
        """Keep the event reports of these (stored or about to be) articles for the next
        :meth:`update`, which then reads none of them back."""
        for extraction in extractions:
            self._held[extraction.article.id] = reports(extraction)

    # ------------------------------------------------------------------ reports
    def _remember(self, article_id: str, found: list[EventReport]) -> None:
        dated = {r.event_id: r for r in found if r.day is not None}
        if not dated:
            return
        self._reports[article_id] = dated
        self._reports.move_to_end(article_id)
        while len(self._reports) > CACHED_ARTICLES:
            self._reports.popitem(last=False)

    def _read(self, connection: sa.Connection, ids: Iterable[str]) -> dict[str, list[EventReport]]:
        """The reports of stored articles, from their records."""
        from eventwire.store.schema import articles

        found: dict[str, list[EventReport]] = {}
        for chunk in _chunks(sorted(set(ids))):
            rows = connection.execute(
                sa.select(articles.c.id, articles.c.record).where(articles.c.id.in_(chunk))
            )
            for article_id, record in rows:
                try:
                    found[article_id] = reports(Extraction.from_dict(record))
                except (KeyError, TypeError, ValueError) as error:
                    logger.warning("article %s: record unreadable (%s)", article_id, error)
                    found[article_id] = []
        return found

    def _load(self, connection: sa.Connection, ids: Iterable[str]) -> None:
        """Make sure the dated reports of these stored articles are in memory."""
        missing = [a for a in ids if a not in self._reports]
        for article_id, found in self._read(connection, missing).items():
            self._remember(article_id, found)

    def _report(self, member: _Member) -> EventReport | None:
        found = self._reports.get(member[0])
        return found.get(member[1]) if found is not None else None

    # ------------------------------------------------------------------ grouping
    def _group(self, connection: sa.Connection, ids: list[str]) -> int:
        pending = {a: self._held.pop(a) for a in ids if a in self._held}
        pending |= self._read(connection, [a for a in ids if a not in pending])
        by_key: dict[_Key, list[EventReport]] = {}
        undated: list[EventReport] = []
        for article_id in ids:
            found_in = pending.get(article_id, [])
            self._remember(article_id, found_in)  # the neighbours of later articles
            for found in found_in:
                if found.day is None:
                    undated.append(found)
                else:
                    by_key.setdefault((found.type, found.status_group), []).append(found)
        grouped: list[CorpusEvent] = EventMerger().merge(undated)  # each stands alone
        stale: set[str] = set()
        for key in sorted(by_key):
            grouped += self._walk(connection, key, by_key[key], stale)
        for chunk in _chunks(sorted(stale)):
            connection.execute(
                sa.delete(corpus_event_reports).where(
                    corpus_event_reports.c.corpus_event_id.in_(chunk)
                )
            )
            connection.execute(sa.delete(corpus_events).where(corpus_events.c.id.in_(chunk)))
        # A pending event already grouped (a database made before 0004): regrouped now.
        members = [(m.article_id, m.event_id) for e in grouped for m in e.members]
        pair = sa.tuple_(corpus_event_reports.c.article_id, corpus_event_reports.c.event_id)
        for start in range(0, len(members), 400):
            connection.execute(
                sa.delete(corpus_event_reports).where(pair.in_(members[start : start + 400]))
            )
        _write(connection, grouped)
        logger.info("corpus events: %d articles grouped, %d events written", len(ids), len(grouped))
        return len(grouped)

    def _stored_day(
        self, connection: sa.Connection, key: _Key, day: date
    ) -> list[tuple[str, date | None, EventReport]]:
        """The stored reports of ``key`` on ``day``: (corpus event id, its first day, report)."""
        rows = connection.execute(
            sa.select(
                corpus_event_reports.c.article_id,
                corpus_event_reports.c.event_id,
                corpus_event_reports.c.corpus_event_id,
                corpus_events.c.date_start,
                corpus_events.c.status,
            )
            .select_from(
                corpus_event_reports.join(
                    corpus_events, corpus_events.c.id == corpus_event_reports.c.corpus_event_id
                )
            )
            .where(corpus_event_reports.c.date == day.isoformat())
            .where(corpus_events.c.type == key[0])
        ).all()
        rows = [row for row in rows if _group(row.status) == key[1]]
        self._load(connection, (row.article_id for row in rows))
        found = []
        for row in rows:
            report = self._report((row.article_id, row.event_id))
            if report is None:
                logger.warning(
                    "corpus event %s: report %s/%s not found",
                    row.corpus_event_id,
                    row.article_id,
                    row.event_id,
                )
                continue
            found.append((row.corpus_event_id, _day(row.date_start), report))
        return found

    def _walk(
        self, connection: sa.Connection, key: _Key, new: list[EventReport], stale: set[str]
    ) -> list[CorpusEvent]:
        """Re-run the merge of one (type, status group) from each new day until it agrees with
        the store; return the corpus events to write, adding those they replace to ``stale``."""
        by_day: dict[date, list[EventReport]] = {}
        for found in new:
            if found.day is not None:
                by_day.setdefault(found.day, []).append(found)
        new_members = {(r.article_id, r.event_id) for r in new}
        days = sorted(by_day)
        result: list[CorpusEvent] = []
        index = 0
        while index < len(days):
            day = days[index]
            # The stored state when the pass reaches ``day``: corpus events begun the day before,
            # with the reports of that day, in the order they were begun.
            before = day - timedelta(MAX_SPAN_DAYS)
            opened: dict[str, CorpusEvent] = {}
            for event_id, first, found in self._stored_day(connection, key, before):
                if first != before or (found.article_id, found.event_id) in new_members:
                    continue
                event = opened.setdefault(
                    event_id, CorpusEvent(event_id, found.type, found.status, None, None)
                )
                event.members.append(found)
            state = sorted(opened.values(), key=lambda e: _order(min(e.members, key=_order)))
            for event in state:
                event.members.sort(key=_order)
                event.first = event.last = before
                stale.add(event.id)
            while True:
                stored = [
                    item
                    for item in self._stored_day(connection, key, day)
                    if (item[2].article_id, item[2].event_id) not in new_members
                ]
                today = sorted([item[2] for item in stored] + by_day.get(day, []), key=_order)
                begun: list[CorpusEvent] = []
                for found in today:
                    best: CorpusEvent | None = None
                    best_score = 0
                    for candidate in (*state, *begun):
                        score = candidate.accepts(found)
                        if score > best_score:
                            best, best_score = candidate, score
                    if best is None:
                        best = CorpusEvent(
                            corpus_event_id(found), found.type, found.status, None, None
                        )
                        begun.append(best)
                    best.add(found)
                result.extend(state)  # begun before ``day``: complete now
                mine = {e.id: {(m.article_id, m.event_id) for m in e.members} for e in begun}
                theirs: dict[str, set[_Member]] = {}
                for event_id, first, found in stored:
                    if first == day:
                        theirs.setdefault(event_id, set()).add((found.article_id, found.event_id))
                while index < len(days) and days[index] <= day:
                    index += 1
                if mine == theirs:
                    break  # the pass is back in step with the store: the rest stands
                stale.update(theirs)
                state = begun
                day += timedelta(1)
        return result


def _order(found: EventReport) -> tuple[date, str, str]:
    return (found.day or date.max, found.article_id, found.event_id)


def update_corpus_events(store: Store, extractions: Iterable[Extraction] = ()) -> int:
    """Group the events of the stored articles not grouped yet; return the corpus events written.

    The articles waiting are listed in the store (``corpus_pending``), so an ingest that was
    interrupted is caught up by the next one. See :class:`CorpusEventUpdater`.
    """
    return CorpusEventUpdater(store).update(extractions)


def rebuild_corpus_events(store: Store) -> int:
    """Group every stored event from scratch (after a change to the grouping rules)."""
    from eventwire.store.schema import corpus_pending, events

    with store.engine.begin() as connection:
        connection.execute(sa.delete(corpus_event_reports))
        connection.execute(sa.delete(corpus_events))
        connection.execute(sa.delete(corpus_pending))
        connection.execute(
            sa.insert(corpus_pending).from_select(
                ["article_id"], sa.select(events.c.article_id).distinct()
            )
        )
    return update_corpus_events(store)


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write(connection: sa.Connection, grouped: list[CorpusEvent]) -> None:
    if not grouped:
        return
    event_rows: list[dict[str, Any]] = []
    report_rows: list[dict[str, Any]] = []
    for event in grouped:
        event_rows.append(
            {
                "id": event.id,
                "type": event.type,
                "status": event.status,
                "date_start": event.first.isoformat() if event.first else None,
                "date_end": event.last.isoformat() if event.last else None,
                "source_actors": event.names("source"),
                "target_actors": event.names("target"),
                "places": event.place_names(),
                "sources": event.sources,
                "articles": event.articles,
                "reports": len(event.members),
            }
        )
        report_rows.extend(
            {
                "article_id": m.article_id,
                "event_id": m.event_id,
                "corpus_event_id": event.id,
                "date": m.day.isoformat() if m.day else None,
                "sentence_start": m.sentence[0],
                "sentence_end": m.sentence[1],
            }
            for m in event.members
        )
    bulk_insert(connection, corpus_events, event_rows)
    bulk_insert(connection, corpus_event_reports, report_rows)


__all__ = [
    "ActorRef",
    "CorpusEvent",
    "CorpusEventUpdater",
    "EventMerger",
    "EventReport",
    "PlaceRef",
    "corpus_event_id",
    "merge_extractions",
    "outlet",
    "rebuild_corpus_events",
    "reports",
    "update_corpus_events",
]
