"""The actor knowledge base: one entry per real-world actor across every stored article.

On ``eventwire ingest`` each article's actors are linked to knowledge-base (KB) actors after the
article is stored (:meth:`KnowledgeBase.link_pending`, called by the local executor, the one
writer). A KB actor gathers what the articles said about it: names and aliases, roles with the
first and last date they were seen, affiliations (``member_of``), and counts of the countries and
sectors it was given, from which its country and sector are chosen (most often said wins).

**Linking** an article actor:

- a country links to the KB country with its ISO code;
- a named actor links to a KB actor of the same kind family (person; organisation or group;
  country) sharing one of its names (folded: accents, case, "the" ignored). A person named by
  a surname only ("Beltrán") links to the KB person with that surname, and a full name to a KB
  person with the same surname whose first name agrees (or is unknown): two different people
  sharing a surname stay apart because their first names differ, and a surname alone goes to
  the candidate whose country, sector, roles and company (the other actors it appears with)
  agree best. A country the two disagree on keeps them apart;
- a description-only organisation of the state (government, military, police, legislature,
  judiciary) with a country is an institution ("the Colombian military", "Haitian police") and
  links by country, sector and head word;
- other descriptions ("anti-government protesters", "a police spokesman") and pronouns are not
  entered: nothing tells two articles' protesters are the same people.

An actor no entry matches becomes a new entry with what the text said about it, so the KB
learns: "Pablo Beltrán, the ELN commander" enters as a COL REB person, member of the ELN, and a
later article saying only "Beltrán" resolves to him.

**Curation** (``eventwire actors merge|split|rename|import``) changes the KB and is recorded in
``kb_edits`` by names, not ids, so that :meth:`KnowledgeBase.rebuild` (which relinks every
stored article from scratch) replays it, and new articles follow it: merged names point to the
merged actor, split names to the new one. Imported (user) entries keep their name, country and
sector whatever the articles say.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection

from eventwire.errors import KnowledgeError, StoreError
from eventwire.knowledge.actors import user_actor
from eventwire.knowledge.countries import country_index, normalize_name
from eventwire.knowledge.roles import role_lexicon
from eventwire.records import Actor, Extraction
from eventwire.store import Store
from eventwire.store.database import bulk_insert
from eventwire.store.schema import (
    KB_TABLES,
    articles,
    kb_actors,
    kb_affiliations,
    kb_aliases,
    kb_articles,
    kb_edits,
    kb_links,
    kb_roles,
)

logger = logging.getLogger(__name__)

#: Mention kinds that name an actor (as opposed to describing or pointing at it).
NAMING = frozenset({"name", "alias", "acronym", "metonym"})

# Scores for linking an article actor to a KB candidate (see the module docstring).
EXACT = 10.0
FULL_NAME_AGREES = 8.0
SURNAME_ONLY = 5.0
COUNTRY_AGREES = 2.0
COUNTRY_CONFLICT = -7.0
SECTOR_AGREES = 1.0
SECTOR_CONFLICT = -2.0
ROLE_AGREES = 1.0
COMPANY = 0.5  # per other actor of the article seen with the candidate before (at most 3)
ACCEPT = 4.0

#: Articles linked per transaction.
LINK_CHUNK = 200

_FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GROUP": "ORG", "COUNTRY": "COUNTRY"}

#: Sectors of bodies a country has one of: an actor described only as "the Colombian
#: military" or "Haitian police" is that body. A party, gang or company described so is not.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})


def _family(kind: str) -> str:
    return _FAMILY.get(kind, kind)


def _day(extraction: Extraction) -> str:
    published = extraction.article.published
    return published[:10] if published else date.today().isoformat()


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class KbActor:
    """A knowledge-base actor, as listed."""

    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "articles": self.articles,
            "mentions": self.mentions,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "origin": self.origin,
        }


@dataclass(slots=True)
class KbActorDetail:
    """A knowledge-base actor with its aliases, roles, affiliations and articles."""

    actor: KbActor
    aliases: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    affiliations: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.actor.to_dict(),
            "aliases": self.aliases,
            "roles": self.roles,
            "affiliations": self.affiliations,
            "members": self.members,
            "article_ids": [a["id"] for a in self.articles],
        }


@dataclass(slots=True)
class _Candidate:
    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    locked: bool = False
    score: float = 0.0


def actor_keys(actor: Actor) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The names an article actor is known by, as (key, alias, how), and its surname keys.

    Keys are folded names; a country's key is ``country:<alpha-3>``; a description-only
    institution's is ``institution:<country>:<sector>:<head word>``; an organisation whose name
    is only generic institution words ("National Assembly", "Supreme Court") has its names
    keyed by country too (``VEN:national assembly``), and none without a country. Surname keys
    (``surname:<folded surname>``) are the last word of a person's full names.
    """
    if actor.kind == "COUNTRY" and actor.country:
        return [(f"country:{actor.country}", actor.name, "code")], []
    names: list[tuple[str, str, str]] = []
    seen: set[str] = set()

    def add(text: str, how: str) -> None:
        key = normalize_name(text)
        if key and key not in seen:
            seen.add(key)
            names.append((key, text, how))

    named = [m for m in actor.mentions if m.how in NAMING]
    surnames = [m for m in actor.mentions if m.how == "surname"]
    if named or surnames or actor.aliases:
        add(actor.name, "name")
        for alias in actor.aliases:
            add(alias, "alias")
        for m in named:
            add(m.text, m.how)
    elif actor.kind == "ORG" and actor.country and actor.sector in STATE_SECTORS:
        head = normalize_name(actor.name).split()[-1:] or [""]
        key = f"institution:{actor.country}:{actor.sector}:{head[0]}"
        return [(key, actor.name, "institution")], []
    else:
        return [], []
    if (
        actor.country
        and actor.sector in STATE_SECTORS
        and any(m.how == "metonym" for m in actor.mentions)
    ):
        # "Caracas said" and "the Venezuelan government" are one government
        word = "government" if actor.sector == "GOV" else normalize_name(actor.name).split()[-1]
        key = f"institution:{actor.country}:{actor.sector}:{word}"
        if key not in seen:
            names.append((key, actor.name, "institution"))
    if actor.kind in ("ORG", "GROUP") and role_lexicon().is_institution(
        normalize_name(actor.name).split()
    ):
        if not actor.country:
            return [], []
        return [(f"{actor.country}:{key}", alias, how) for key, alias, how in names], []
    surname_keys: list[str] = []
    if actor.kind == "PERSON":
        for key, _, _ in names:
            words = key.split()
            if words and f"surname:{words[-1]}" not in surname_keys:
                surname_keys.append(f"surname:{words[-1]}")
        for m in surnames:
            key = f"surname:{normalize_name(m.text)}"
            if key not in surname_keys:
                surname_keys.append(key)
    return names, surname_keys


@dataclass(slots=True)
class _Entry:
    """A KB actor held in memory while linking."""

    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    tallies: dict[str, dict[str, int]]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    locked: bool
    new: bool = False


@dataclass(slots=True)
class _Sighting:
    """How often, and first and last when, a name, role or affiliation was seen."""

    count: int
    first_seen: str | None
    last_seen: str | None
    values: dict[str, Any] = field(default_factory=dict)  # the other columns of a new row

    def see(self, day: str) -> None:
        self.count += 1
        self.first_seen = min(filter(None, [self.first_seen, day]))
        self.last_seen = max(filter(None, [self.last_seen, day]))


class _Index:
    """The knowledge base in memory, for its one writer while linking; written back with
    :meth:`write` (a few statements per chunk of articles, not a few per actor)."""

    def __init__(self, connection: Connection) -> None:
        redirect: dict[int, int] = {}
        self.entries: dict[int, _Entry] = {}
        # New actors get their ids here and are inserted in bulk by write(): this is the KB's
        # one writer, and sync_ids() catches up with rows written since (curation).
        self.next_id = 1
        for row in connection.execute(sa.select(kb_actors)).all():
            self.next_id = max(self.next_id, row.id + 1)
            if row.merged_into is not None:
                redirect[row.id] = row.merged_into
                continue
            self.entries[row.id] = _Entry(
                row.id,
                row.name,
                row.kind,
                row.country,
                row.sector,
                {
                    "countries": dict(row.tallies.get("countries", {})),
                    "sectors": dict(row.tallies.get("sectors", {})),
                },
                row.articles,
                row.mentions,
                row.first_seen,
                row.last_seen,
                bool(row.locked),
            )

        def live(kb_id: int) -> int:
            for _ in range(20):
                if kb_id not in redirect:
                    break
                kb_id = redirect[kb_id]
            return kb_id

        self.keys: dict[str, set[int]] = {}
        self.keys_of: dict[int, set[str]] = {}
        self.aliases: dict[tuple[int, str], _Sighting] = {}
        for kb_id, key, count, first, last in connection.execute(
            sa.select(
                kb_aliases.c.kb_id,
                kb_aliases.c.key,
                kb_aliases.c.count,
                kb_aliases.c.first_seen,
                kb_aliases.c.last_seen,
            )
        ).all():
            self.aliases[(kb_id, key)] = _Sighting(count, first, last)
            self._hold(live(kb_id), key)
        self.roles: dict[tuple[int, str], _Sighting] = {}
        self.role_keys: dict[int, set[str]] = {}
        for kb_id, key, count, first, last in connection.execute(
            sa.select(
                kb_roles.c.kb_id,
                kb_roles.c.key,
                kb_roles.c.count,
                kb_roles.c.first_seen,
                kb_roles.c.last_seen,
            )
        ).all():
            self.roles[(kb_id, key)] = _Sighting(count, first, last)
            self.role_keys.setdefault(kb_id, set()).add(key)
        self.affiliations: dict[tuple[int, int], _Sighting] = {}
        for kb_id, org_id, count, first, last in connection.execute(
            sa.select(
                kb_affiliations.c.kb_id,
                kb_affiliations.c.org_id,
                kb_affiliations.c.count,
                kb_affiliations.c.first_seen,
                kb_affiliations.c.last_seen,
            )
        ).all():
            self.affiliations[(kb_id, org_id)] = _Sighting(count, first, last)
        self._reset()

    def _reset(self) -> None:
        self.created: list[int] = []
        self.dirty: set[int] = set()
        self.new_aliases: set[tuple[int, str]] = set()
        self.seen_aliases: set[tuple[int, str]] = set()
        self.new_roles: set[tuple[int, str]] = set()
        self.seen_roles: set[tuple[int, str]] = set()
        self.new_affiliations: set[tuple[int, int]] = set()
        self.seen_affiliations: set[tuple[int, int]] = set()
        self.links: list[dict[str, Any]] = []
        self.linked_articles: list[str] = []

    def _hold(self, kb_id: int, key: str) -> None:
        self.keys.setdefault(key, set()).add(kb_id)
        self.keys_of.setdefault(kb_id, set()).add(key)

    def holders(self, keys: Iterable[str]) -> set[int]:
        """The KB actors known by any of ``keys``."""
        found: set[int] = set()
        for key in keys:
            found |= self.keys.get(key, set())
        return found

    def sync_ids(self, connection: Connection) -> None:
        """Allocate new ids after every row the table holds now."""
        top = connection.scalar(sa.select(sa.func.max(kb_actors.c.id)))
        self.next_id = max(self.next_id, int(top or 0) + 1)

    def create(self, actor: Actor, name: str, day: str) -> int:
        """Enter a new KB actor in memory; :meth:`write` inserts it."""
        if actor.kind == "COUNTRY" and actor.country:
            name = country_index().by_alpha3[actor.country].name
        kb_id = self.next_id
        self.next_id += 1
        self.entries[kb_id] = _Entry(
            kb_id,
            name,
            actor.kind,
            actor.country,
            actor.sector,
            {"countries": {}, "sectors": {}},
            0,
            0,
            day,
            day,
            False,
            new=True,
        )
        self.created.append(kb_id)
        return kb_id

    def update(
        self,
        kb_id: int,
        actor: Actor,
        names: list[tuple[str, str, str]],
        surnames: list[str],
        day: str,
        first: bool,
    ) -> None:
        """Add what one article actor says to a KB actor (``first``: the first actor of its
        article linked to it, so the article counts once)."""
        entry = self.entries[kb_id]
        if actor.country:
            countries = entry.tallies["countries"]
            countries[actor.country] = countries.get(actor.country, 0) + 1
        if actor.sector:
            sectors = entry.tallies["sectors"]
            sectors[actor.sector] = sectors.get(actor.sector, 0) + 1
        entry.articles += 1 if first else 0
        entry.mentions += len(actor.mentions)
        entry.first_seen = min(filter(None, [entry.first_seen, day]))
        entry.last_seen = max(filter(None, [entry.last_seen, day]))
        if not entry.locked:
            entry.country = _top(entry.tallies["countries"]) or entry.country
            entry.sector = _top(entry.tallies["sectors"]) or entry.sector
            if actor.kind == "PERSON" and _better_name(actor.name, entry.name):
                entry.name = actor.name
        self.dirty.add(kb_id)
        for key, alias, how in [*names, *((s, s.split(":", 1)[1], "surname") for s in surnames)]:
            self._sight(
                self.aliases,
                self.new_aliases,
                self.seen_aliases,
                (kb_id, key),
                day,
                {"alias": alias, "how": how},
            )
            self._hold(kb_id, key)
        for role in actor.roles:
            self._sight(
                self.roles,
                self.new_roles,
                self.seen_roles,
                (kb_id, role.lower()),
                day,
                {"role": role, "country": actor.country, "sector": actor.sector},
            )
            self.role_keys.setdefault(kb_id, set()).add(role.lower())

    def affiliate(self, kb_id: int, org_id: int, role: str | None, day: str) -> None:
        self._sight(
            self.affiliations,
            self.new_affiliations,
            self.seen_affiliations,
            (kb_id, org_id),
            day,
            {"role": role},
        )

    @staticmethod
    def _sight(
        table: dict[Any, _Sighting],
        new: set[Any],
        seen: set[Any],
        key: Any,
        day: str,
        values: dict[str, Any],
    ) -> None:
        sighting = table.get(key)
        if sighting is None:
            table[key] = _Sighting(1, day, day, values)
            new.add(key)
        else:
            sighting.see(day)
            if key not in new:
                seen.add(key)

    @staticmethod
    def _write_counted(
        connection: Connection,
        table: sa.Table,
        second: str,
        new: set[Any],
        seen: set[Any],
        store: dict[Any, _Sighting],
    ) -> None:
        """Insert the new ``(kb_id, second)`` rows of a counted table and update the others."""
        if new:
            bulk_insert(
                connection,
                table,
                [
                    {
                        "kb_id": key[0],
                        second: key[1],
                        "count": store[key].count,
                        "first_seen": store[key].first_seen,
                        "last_seen": store[key].last_seen,
                        **store[key].values,
                    }
                    for key in sorted(new)
                ],
            )
        if seen:
            connection.execute(
                sa.update(table)
                .where(table.c.kb_id == sa.bindparam("b_kb"))
                .where(table.c[second] == sa.bindparam("b_second")),
                [
                    {
                        "b_kb": key[0],
                        "b_second": key[1],
                        "count": store[key].count,
                        "first_seen": store[key].first_seen,
                        "last_seen": store[key].last_seen,
                    }
                    for key in sorted(seen)
                ],
            )

    def write(self, connection: Connection) -> None:
        """Write what changed since the last write, in one go per table."""
        now = _now()
        if self.created:
            bulk_insert(
                connection,
                kb_actors,
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "kind": e.kind,
                        "country": e.country,
                        "sector": e.sector,
                        "tallies": e.tallies,
                        "articles": e.articles,
                        "mentions": e.mentions,
                        "first_seen": e.first_seen,
                        "last_seen": e.last_seen,
                        "origin": "learned",
                        "locked": False,
                        "merged_into": None,
                        "updated_at": now,
                    }
                    for e in (self.entries[i] for i in self.created)
                ],
            )
            if connection.dialect.name == "postgresql":
                # Ids were given explicitly: move the serial past them for other inserts.
                connection.execute(
                    sa.text(
                        "SELECT setval(pg_get_serial_sequence('kb_actors', 'id'), "
                        "(SELECT max(id) FROM kb_actors))"
                    )
                )
            self.dirty.difference_update(self.created)
        if self.dirty:
            connection.execute(
                sa.update(kb_actors).where(kb_actors.c.id == sa.bindparam("b_id")),
                [
                    {
                        "b_id": e.id,
                        "name": e.name,
                        "country": e.country,
                        "sector": e.sector,
                        "tallies": e.tallies,
                        "articles": e.articles,
                        "mentions": e.mentions,
                        "first_seen": e.first_seen,
                        "last_seen": e.last_seen,
                        "updated_at": now,
                    }
                    for e in (self.entries[i] for i in sorted(self.dirty))
                ],
            )
        self._write_counted(
            connection, kb_aliases, "key", self.new_aliases, self.seen_aliases, self.aliases
        )
        self._write_counted(
            connection, kb_roles, "key", self.new_roles, self.seen_roles, self.roles
        )
        self._write_counted(
            connection,
            kb_affiliations,
            "org_id",
            self.new_affiliations,
            self.seen_affiliations,
            self.affiliations,
        )
        bulk_insert(connection, kb_links, self.links)
        bulk_insert(
            connection,
            kb_articles,
            [{"article_id": a, "linked_at": now} for a in self.linked_articles],
        )
        self._reset()


def _first_names_agree(keys: Sequence[str], known_keys: Iterable[str]) -> bool | None:
    """Whether a person's full names agree with a KB person's: True (a first name in common,
    or an initial), False (one side has no first name), None (they differ)."""
    full = [k.split() for k in keys if len(k.split()) >= 2]
    known = [k.split() for k in known_keys if ":" not in k and len(k.split()) >= 2]
    if not full or not known:
        return False
    for words in full:
        for other in known:
            shorter, longer = sorted((words, other), key=len)
            if len(shorter) < len(longer) and longer[-len(shorter) :] == shorter:
                return True  # "Quintero Salas" is "Rafael Quintero Salas" without his first name
            if words[-1] != other[-1] and words[-1] not in other and other[-1] not in words:
                continue
            a, b = words[0], other[0]
            if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
                return True
    return None


class KnowledgeBase:
    """The actor knowledge base of a store.

    Args:
        store: the open store (migrated, so the KB tables exist).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self._index: _Index | None = None  # held between link runs; curation drops it

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except exc.SQLAlchemyError as error:
            raise StoreError(f"cannot write the actor knowledge base: {error}") from error

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read the actor knowledge base: {error}") from error

    # ------------------------------------------------------------------ linking
    def link_pending(self) -> int:
        """Link every stored article that is not linked yet, in the order they were stored.

        Returns the number of articles linked. An article whose record cannot be read is
        logged and marked linked, so one bad record never stops the rest. The KB is held in
        memory while linking (this is its one writer) and written once per chunk of articles.
        """
        linked = 0
        while True:
            with self._read() as connection:
                statement = (
                    sa.select(articles.c.id, articles.c.record)
                    .where(~articles.c.id.in_(sa.select(kb_articles.c.article_id)))
                    .order_by(articles.c.seq)
                    .limit(LINK_CHUNK)
                )
                rows = connection.execute(statement).all()
            if not rows:
                return linked
            items: list[tuple[str, Extraction | None]] = []
            for article_id, record in rows:
                try:
                    items.append((article_id, Extraction.from_dict(record)))
                except (KeyError, TypeError, ValueError) as error:
                    logger.warning("article %s: record unreadable (%s)", article_id, error)
                    items.append((article_id, None))
            linked += self._link_chunk(items)

    def link(self, extractions: Sequence[Extraction]) -> int:
        """Link the actors of articles the caller has just stored and still holds in memory.

        The writer's fast path: no record is read back. Articles that are not stored, or are
        linked already, are left out. Returns the number of articles linked.
        """
        ids = list(dict.fromkeys(x.article.id for x in extractions))
        todo: set[str] = set()
        with self._read() as connection:
            for start in range(0, len(ids), LINK_CHUNK):
                chunk = ids[start : start + LINK_CHUNK]
                todo.update(
                    connection.scalars(
                        sa.select(articles.c.id)
                        .where(articles.c.id.in_(chunk))
                        .where(~articles.c.id.in_(sa.select(kb_articles.c.article_id)))
                    )
                )
        items: list[tuple[str, Extraction | None]] = []
        for extraction in extractions:
            if extraction.article.id in todo:
                todo.discard(extraction.article.id)
                items.append((extraction.article.id, extraction))
        linked = 0
        for start in range(0, len(items), LINK_CHUNK):
            linked += self._link_chunk(items[start : start + LINK_CHUNK])
        return linked

    def _link_chunk(self, items: list[tuple[str, Extraction | None]]) -> int:
        """Link articles (``None``: a record that could not be read, marked linked) and write
        the KB in one transaction."""
        try:
            with self._begin() as connection:
                index = self._index or _Index(connection)
                self._index = index
                index.sync_ids(connection)
                for article_id, extraction in items:
                    if extraction is not None:
                        try:
                            self._link(connection, index, extraction)
                        except exc.SQLAlchemyError:
                            raise
                        except Exception:  # one odd record must not stop the rest
                            logger.exception("article %s: actors not linked", article_id)
                    index.linked_articles.append(article_id)
                index.write(connection)
        except BaseException:
            self._index = None  # the database rolled back: read it again next time
            raise
        return len(items)

    def links(self, article_id: str) -> dict[str, int]:
        """The KB actor of each linked actor of an article: ``{actor id: kb id}``."""
        with self._read() as connection:
            rows = connection.execute(
                sa.select(kb_links.c.actor_id, kb_links.c.kb_id).where(
                    kb_links.c.article_id == article_id
                )
            ).all()
        return {actor_id: kb_id for actor_id, kb_id in rows}

    def _link(
        self, connection: Connection, index: _Index, extraction: Extraction
    ) -> dict[str, int]:
        day = _day(extraction)
        linked: dict[str, int] = {}
        keyed = [(actor, *actor_keys(actor)) for actor in extraction.actors]
        # named actors first, so a surname alone can use the company of the full names
        order = sorted(
            keyed, key=lambda item: (not item[1], len(item[0].name.split()) < 2, item[0].id)
        )
        for actor, names, surnames in order:
            if not names:
                continue
            kb_id = self._match(connection, index, actor, names, surnames, linked)
            if kb_id is None:
                kb_id = index.create(actor, names[0][1], day)
            first = kb_id not in linked.values()
            index.update(kb_id, actor, names, surnames, day, first)
            linked[actor.id] = kb_id
        by_id = {actor.id: actor for actor in extraction.actors}
        for actor_id, kb_id in linked.items():
            org = by_id[actor_id].member_of
            if org is not None and org in linked and linked[org] != kb_id:
                roles = by_id[actor_id].roles
                index.affiliate(kb_id, linked[org], roles[0] if roles else None, day)
        index.links.extend(
            {"article_id": extraction.article.id, "actor_id": a, "kb_id": k}
            for a, k in linked.items()
        )
        return linked

    def _resolve(self, connection: Connection, kb_id: int) -> int:
        """Follow merges to the actor that holds ``kb_id`` now."""
        for _ in range(20):
            merged = connection.scalar(
                sa.select(kb_actors.c.merged_into).where(kb_actors.c.id == kb_id)
            )
            if merged is None:
                return kb_id
            kb_id = merged
        return kb_id

    def _candidates(self, connection: Connection, keys: Sequence[str]) -> dict[int, set[str]]:
        """KB actors holding any of ``keys``: ``{kb id: the keys it holds}``."""
        if not keys:
            return {}
        rows = connection.execute(
            sa.select(kb_aliases.c.kb_id, kb_aliases.c.key).where(kb_aliases.c.key.in_(keys))
        ).all()
        found: dict[int, set[str]] = {}
        for kb_id, key in rows:
            found.setdefault(self._resolve(connection, kb_id), set()).add(key)
        return found

    def _match(
        self,
        connection: Connection,
        index: _Index,
        actor: Actor,
        names: list[tuple[str, str, str]],
        surnames: list[str],
        linked: dict[str, int],
    ) -> int | None:
        """The KB actor an article actor is, or None (see the module docstring)."""
        keys = [key for key, _, _ in names]
        exact = index.holders(keys)
        family = _family(actor.kind)
        single = actor.kind == "PERSON" and all(len(k.split()) < 2 for k in keys)
        by_surname = index.holders(surnames) if actor.kind == "PERSON" and surnames else set()
        candidates: list[_Candidate] = []
        for kb_id in exact | by_surname:
            entry = index.entries.get(kb_id)
            if entry is None or _family(entry.kind) != family:
                continue
            candidate = _Candidate(
                kb_id, entry.name, entry.kind, entry.country, entry.sector, entry.locked
            )
            if kb_id in exact and not single:
                candidate.score = EXACT
            elif actor.kind == "PERSON":
                agreement = _first_names_agree(keys, index.keys_of.get(kb_id, set()))
                if agreement is None:
                    continue  # different first names: a different person
                if kb_id in exact:
                    candidate.score = EXACT
                elif single or not agreement:
                    candidate.score = SURNAME_ONLY
                else:
                    candidate.score = FULL_NAME_AGREES
            elif kb_id in exact:
                candidate.score = EXACT
            else:
                continue
            self._score_attributes(index, candidate, actor)
            candidates.append(candidate)
        if not candidates:
            return None
        if len(candidates) > 1:
            self._score_company(connection, index, candidates, set(linked.values()))
        candidates.sort(key=lambda c: (-c.score, c.id))
        best = candidates[0]
        if best.score < ACCEPT:
            return None
        if len(candidates) > 1 and candidates[1].score == best.score:
            logger.debug("%r: %d equally good KB candidates", actor.name, len(candidates))
        return best.id

    def _score_attributes(self, index: _Index, candidate: _Candidate, actor: Actor) -> None:
        # an entry a user made or edited says who it is: an article disagreeing does not count
        if actor.country and candidate.country and not candidate.locked:
            candidate.score += (
                COUNTRY_AGREES if actor.country == candidate.country else COUNTRY_CONFLICT
            )
        if actor.sector and candidate.sector and not candidate.locked:
            candidate.score += (
                SECTOR_AGREES if actor.sector == candidate.sector else SECTOR_CONFLICT
            )
        roles = index.role_keys.get(candidate.id, set())
        if any(r.lower() in roles for r in actor.roles):
            candidate.score += ROLE_AGREES

    def _score_company(
        self,
        connection: Connection,
        index: _Index,
        candidates: list[_Candidate],
        company: set[int],
    ) -> None:
        """Add to each candidate's score for the article's other actors seen with it before."""
        if not company:
            return
        ids = [c.id for c in candidates]
        together = sa.select(kb_links.c.article_id).where(kb_links.c.kb_id.in_(company))
        rows = connection.execute(
            sa.select(kb_links.c.kb_id, sa.func.count(sa.distinct(kb_links.c.article_id)))
            .where(kb_links.c.kb_id.in_(ids), kb_links.c.article_id.in_(together))
            .group_by(kb_links.c.kb_id)
        ).all()
        shared: dict[int, int] = {int(k): int(v) for k, v in rows}
        # links of this chunk are not written yet
        pending: dict[str, set[int]] = {}
        for link in index.links:
            pending.setdefault(link["article_id"], set()).add(link["kb_id"])
        for members in pending.values():
            if members & company:
                for kb_id in members & set(ids):
                    shared[kb_id] = shared.get(kb_id, 0) + 1
        for candidate in candidates:
            candidate.score += COMPANY * min(3, shared.get(candidate.id, 0))

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        """The number of KB actors (merged ones not counted)."""
        with self._read() as connection:
            return int(
                connection.scalar(
                    sa.select(sa.func.count()).where(kb_actors.c.merged_into.is_(None))
                )
                or 0
            )

    def actors(
        self,
        kind: str | None = None,
        country: str | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[KbActor]:
        """KB actors, most seen first, filtered by kind, country and a name or alias."""
        statement = sa.select(kb_actors).where(kb_actors.c.merged_into.is_(None))
        if kind:
            statement = statement.where(kb_actors.c.kind == kind.upper())
        if country:
            statement = statement.where(kb_actors.c.country == country.upper())
        if search:
            key = normalize_name(search)
            holders = sa.select(kb_aliases.c.kb_id).where(kb_aliases.c.key.contains(key))
            statement = statement.where(
                kb_actors.c.id.in_(holders) | kb_actors.c.name.contains(search)
            )
        statement = statement.order_by(kb_actors.c.articles.desc(), kb_actors.c.id)
        if limit:
            statement = statement.limit(limit)
        with self._read() as connection:
            return [_view(row) for row in connection.execute(statement).all()]

    def find(self, ref: str | int) -> int:
        """The id of the KB actor ``ref`` names: an id, a name or an alias.

        Raises:
            KnowledgeError: nothing, or more than one actor, has that name.
        """
        with self._read() as connection:
            if isinstance(ref, int) or str(ref).isdigit():
                kb_id = int(ref)
                exists = connection.scalar(sa.select(kb_actors.c.id).where(kb_actors.c.id == kb_id))
                if exists is None:
                    raise KnowledgeError(f"no knowledge-base actor with id {kb_id}")
                return self._resolve(connection, kb_id)
            key = normalize_name(str(ref))
            by_name = connection.scalars(
                sa.select(kb_actors.c.id).where(
                    kb_actors.c.merged_into.is_(None), kb_actors.c.name == str(ref)
                )
            ).all()
            ids = (
                set(by_name)
                or set(self._candidates(connection, [key]))
                or set(self._candidates(connection, [f"surname:{key}"]))
            )
        if not ids:
            raise KnowledgeError(f"no knowledge-base actor named {ref!r} (see `actors list`)")
        if len(ids) > 1:
            listed = ", ".join(str(i) for i in sorted(ids))
            raise KnowledgeError(f"{ref!r} names several actors ({listed}); give an id")
        return int(ids.pop())

    def show(self, ref: str | int) -> KbActorDetail:
        """Everything the KB holds about one actor."""
        kb_id = self.find(ref)
        with self._read() as connection:
            row = connection.execute(sa.select(kb_actors).where(kb_actors.c.id == kb_id)).one()
            detail = KbActorDetail(_view(row))
            for alias in connection.execute(
                sa.select(kb_aliases)
                .where(kb_aliases.c.kb_id == kb_id)
                .order_by(kb_aliases.c.count.desc(), kb_aliases.c.key)
            ).mappings():
                detail.aliases.append(
                    {k: alias[k] for k in ("alias", "how", "count", "first_seen", "last_seen")}
                )
            for role in connection.execute(
                sa.select(kb_roles)
                .where(kb_roles.c.kb_id == kb_id)
                .order_by(kb_roles.c.first_seen, kb_roles.c.key)
            ).mappings():
                detail.roles.append(
                    {
                        k: role[k]
                        for k in ("role", "country", "sector", "count", "first_seen", "last_seen")
                    }
                )
            org = kb_actors.alias("org")
            for aff in connection.execute(
                sa.select(kb_affiliations, org.c.name)
                .join(org, org.c.id == kb_affiliations.c.org_id)
                .where(kb_affiliations.c.kb_id == kb_id)
            ).mappings():
                detail.affiliations.append(
                    {
                        "id": aff["org_id"],
                        "name": aff["name"],
                        "role": aff["role"],
                        "count": aff["count"],
                        "first_seen": aff["first_seen"],
                        "last_seen": aff["last_seen"],
                    }
                )
            member = kb_actors.alias("member")
            for aff in connection.execute(
                sa.select(kb_affiliations, member.c.name)
                .join(member, member.c.id == kb_affiliations.c.kb_id)
                .where(kb_affiliations.c.org_id == kb_id)
            ).mappings():
                detail.members.append(
                    {"id": aff["kb_id"], "name": aff["name"], "role": aff["role"]}
                )
            for article_id, title, published in connection.execute(
                sa.select(articles.c.id, articles.c.title, articles.c.published)
                .where(
                    articles.c.id.in_(
                        sa.select(kb_links.c.article_id).where(kb_links.c.kb_id == kb_id)
                    )
                )
                .order_by(articles.c.seq)
            ).all():
                detail.articles.append({"id": article_id, "title": title, "published": published})
        return detail

    # ------------------------------------------------------------------ curation
    def _keys(self, connection: Connection, kb_id: int) -> list[str]:
        return list(
            connection.scalars(
                sa.select(kb_aliases.c.key).where(
                    kb_aliases.c.kb_id == kb_id, ~kb_aliases.c.key.startswith("surname:")
                )
            ).all()
        )

    def _holder(self, connection: Connection, keys: Iterable[str]) -> int | None:
        """The KB actor holding the most of ``keys``, or None."""
        found = self._candidates(connection, list(keys))
        if not found:
            return None
        return max(found, key=lambda k: (len(found[k]), -k))

    def _record(self, connection: Connection, op: str, payload: dict[str, Any]) -> None:
        self._index = None  # the tables changed under the linking index
        connection.execute(sa.insert(kb_edits).values(op=op, payload=payload, created_at=_now()))

    def merge(self, target: str | int, sources: Sequence[str | int]) -> KbActor:
        """Make ``sources`` one actor with ``target``; recorded, so it survives a rebuild.

        Raises:
            KnowledgeError: an actor is not found, or a source is the target.
        """
        into = self.find(target)
        ids = [self.find(s) for s in sources]
        if into in ids:
            raise KnowledgeError("cannot merge an actor into itself")
        with self._begin() as connection:
            payload = {
                "into": self._keys(connection, into),
                "from": [self._keys(connection, i) for i in ids],
            }
            for source in ids:
                self._merge(connection, into, source)
            self._record(connection, "merge", payload)
        return self.show(into).actor

    def _merge(self, connection: Connection, into: int, source: int) -> None:
        for table in (kb_aliases, kb_roles):
            for row in connection.execute(
                sa.select(table).where(table.c.kb_id == source)
            ).mappings():
                kept = {k: v for k, v in row.items() if k not in ("kb_id", "key", "count")}
                where = (table.c.kb_id == into) & (table.c.key == row["key"])
                existing = connection.execute(sa.select(table.c.count).where(where)).first()
                if existing is None:
                    connection.execute(
                        sa.insert(table).values(
                            kb_id=into, key=row["key"], count=row["count"], **kept
                        )
                    )
                else:
                    connection.execute(
                        sa.update(table).where(where).values(count=existing[0] + row["count"])
                    )
            connection.execute(sa.delete(table).where(table.c.kb_id == source))
        for column in (kb_affiliations.c.kb_id, kb_affiliations.c.org_id):
            for row in connection.execute(
                sa.select(kb_affiliations).where(column == source)
            ).mappings():
                new = dict(row)
                new[column.name] = into
                connection.execute(
                    sa.delete(kb_affiliations).where(
                        (kb_affiliations.c.kb_id == row["kb_id"])
                        & (kb_affiliations.c.org_id == row["org_id"])
                    )
                )
                if new["kb_id"] == new["org_id"]:
                    continue
                clash = connection.execute(
                    sa.select(kb_affiliations.c.count).where(
                        (kb_affiliations.c.kb_id == new["kb_id"])
                        & (kb_affiliations.c.org_id == new["org_id"])
                    )
                ).first()
                if clash is None:
                    connection.execute(sa.insert(kb_affiliations).values(**new))
        connection.execute(sa.update(kb_links).where(kb_links.c.kb_id == source).values(kb_id=into))
        a = connection.execute(sa.select(kb_actors).where(kb_actors.c.id == into)).one()
        b = connection.execute(sa.select(kb_actors).where(kb_actors.c.id == source)).one()
        tallies = {
            part: dict(Counter(a.tallies.get(part, {})) + Counter(b.tallies.get(part, {})))
            for part in ("countries", "sectors")
        }
        values: dict[str, Any] = {
            "tallies": tallies,
            "articles": connection.scalar(
                sa.select(sa.func.count(sa.distinct(kb_links.c.article_id))).where(
                    kb_links.c.kb_id == into
                )
            )
            or 0,
            "mentions": a.mentions + b.mentions,
            "first_seen": min(filter(None, [a.first_seen, b.first_seen]), default=None),
            "last_seen": max(filter(None, [a.last_seen, b.last_seen]), default=None),
            "updated_at": _now(),
        }
        if not a.locked:
            values["country"] = _top(tallies["countries"]) or a.country or b.country
            values["sector"] = _top(tallies["sectors"]) or a.sector or b.sector
        connection.execute(sa.update(kb_actors).where(kb_actors.c.id == into).values(**values))
        connection.execute(
            sa.update(kb_actors)
            .where(kb_actors.c.id == source)
            .values(merged_into=into, articles=0, mentions=0, updated_at=_now())
        )
        connection.execute(
            sa.update(kb_actors).where(kb_actors.c.merged_into == source).values(merged_into=into)
        )

    def split(self, ref: str | int, aliases: Sequence[str], name: str | None = None) -> KbActor:
        """Move ``aliases`` (and the article actors known by them) to a new actor.

        Raises:
            KnowledgeError: the actor is not found, or does not hold one of the aliases, or
                would keep none of its names.
        """
        kb_id = self.find(ref)
        keys = [normalize_name(a) for a in aliases]
        with self._begin() as connection:
            new_id = self._split(connection, kb_id, keys, name or aliases[0])
            self._record(
                connection,
                "split",
                {"from": self._keys(connection, kb_id), "keys": keys, "name": name or aliases[0]},
            )
        return self.show(new_id).actor

    def _split(self, connection: Connection, kb_id: int, keys: list[str], name: str) -> int:
        held = set(self._keys(connection, kb_id))
        missing = [k for k in keys if k not in held]
        if missing:
            raise KnowledgeError(f"actor {kb_id} is not known by {', '.join(missing)}")
        if held <= set(keys):
            raise KnowledgeError("a split must leave the actor at least one of its names")
        row = connection.execute(sa.select(kb_actors).where(kb_actors.c.id == kb_id)).one()
        result = connection.execute(
            sa.insert(kb_actors).values(
                name=name,
                kind=row.kind,
                country=row.country,
                sector=row.sector,
                tallies={"countries": {}, "sectors": {}},
                articles=0,
                mentions=0,
                first_seen=None,
                last_seen=None,
                origin="user",
                locked=True,
                merged_into=None,
                updated_at=_now(),
            )
        )
        new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        connection.execute(
            sa.update(kb_aliases)
            .where(kb_aliases.c.kb_id == kb_id, kb_aliases.c.key.in_(keys))
            .values(kb_id=new_id)
        )
        # article actors known by a moved name follow it
        moved = 0
        for article_id, actor_id in connection.execute(
            sa.select(kb_links.c.article_id, kb_links.c.actor_id).where(kb_links.c.kb_id == kb_id)
        ).all():
            record = connection.scalar(
                sa.select(articles.c.record).where(articles.c.id == article_id)
            )
            actor = next(
                (a for a in (record or {}).get("actors", []) if a.get("id") == actor_id), None
            )
            if actor is None:
                continue
            names = [actor.get("name", ""), *actor.get("aliases", [])]
            if {normalize_name(n) for n in names} & set(keys):
                connection.execute(
                    sa.update(kb_links)
                    .where(kb_links.c.article_id == article_id, kb_links.c.actor_id == actor_id)
                    .values(kb_id=new_id)
                )
                moved += 1
        for actor_id in (kb_id, new_id):
            count = connection.scalar(
                sa.select(sa.func.count(sa.distinct(kb_links.c.article_id))).where(
                    kb_links.c.kb_id == actor_id
                )
            )
            connection.execute(
                sa.update(kb_actors).where(kb_actors.c.id == actor_id).values(articles=count or 0)
            )
        logger.info("split %d names and %d article actors off actor %d", len(keys), moved, kb_id)
        return new_id

    def rename(self, ref: str | int, name: str) -> KbActor:
        """Give an actor a new canonical name (kept from then on)."""
        if not name.strip():
            raise KnowledgeError("a name cannot be empty")
        kb_id = self.find(ref)
        with self._begin() as connection:
            self._rename(connection, kb_id, name.strip())
            self._record(
                connection, "rename", {"keys": self._keys(connection, kb_id), "name": name.strip()}
            )
        return self.show(kb_id).actor

    def _rename(self, connection: Connection, kb_id: int, name: str) -> None:
        connection.execute(
            sa.update(kb_actors)
            .where(kb_actors.c.id == kb_id)
            .values(name=name, locked=True, updated_at=_now())
        )
        key = normalize_name(name)
        exists = connection.scalar(
            sa.select(kb_aliases.c.key).where(kb_aliases.c.kb_id == kb_id, kb_aliases.c.key == key)
        )
        if exists is None and key:
            connection.execute(
                sa.insert(kb_aliases).values(
                    kb_id=kb_id,
                    key=key,
                    alias=name,
                    how="name",
                    count=0,
                    first_seen=None,
                    last_seen=None,
                )
            )

    def import_actors(self, entries: Sequence[dict[str, Any]], where: str = "import") -> int:
        """Add or update actors from user-file entries (see
        :func:`eventwire.knowledge.actors.load_user_file`); their name, country and sector are
        kept whatever the articles say. Returns the number of entries applied.

        Raises:
            KnowledgeError: an entry is malformed.
        """
        known = [user_actor(entry, f"{where} actor {k + 1}") for k, entry in enumerate(entries)]
        with self._begin() as connection:
            for entry, raw in zip(known, entries, strict=True):
                self._import(connection, raw, entry.name, entry.kind, entry.country, entry.sector)
                self._record(connection, "import", {"actor": _jsonable(raw)})
        return len(known)

    def _import(
        self,
        connection: Connection,
        raw: dict[str, Any],
        name: str,
        kind: str | None,
        country: str | None,
        sector: str | None,
    ) -> int:
        entry = user_actor(raw, "import")
        names = [entry.name, *entry.aliases]
        keys = [normalize_name(n) for n in names if normalize_name(n)]
        if kind == "COUNTRY" and country:
            keys.insert(0, f"country:{country}")
        kb_id = self._holder(connection, keys)
        if kb_id is None:
            result = connection.execute(
                sa.insert(kb_actors).values(
                    name=name,
                    kind=kind or "ORG",
                    country=country,
                    sector=sector,
                    tallies={"countries": {}, "sectors": {}},
                    articles=0,
                    mentions=0,
                    first_seen=None,
                    last_seen=None,
                    origin="user",
                    locked=True,
                    merged_into=None,
                    updated_at=_now(),
                )
            )
            kb_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        else:
            values: dict[str, Any] = {"name": name, "origin": "user", "locked": True}
            if country:
                values["country"] = country
            if sector:
                values["sector"] = sector
            if kind:
                values["kind"] = kind
            connection.execute(sa.update(kb_actors).where(kb_actors.c.id == kb_id).values(**values))
        for text, key in [(n, normalize_name(n)) for n in names] + (
            [(name, f"country:{country}")] if kind == "COUNTRY" and country else []
        ):
            if not key:
                continue
            exists = connection.scalar(
                sa.select(kb_aliases.c.key).where(
                    kb_aliases.c.kb_id == kb_id, kb_aliases.c.key == key
                )
            )
            if exists is None:
                connection.execute(
                    sa.insert(kb_aliases).values(
                        kb_id=kb_id,
                        key=key,
                        alias=text,
                        how="name",
                        count=0,
                        first_seen=None,
                        last_seen=None,
                    )
                )
        if (kind or "") == "PERSON":
            for text in names:
                words = normalize_name(text).split()
                if len(words) >= 2:
                    key = f"surname:{words[-1]}"
                    exists = connection.scalar(
                        sa.select(kb_aliases.c.key).where(
                            kb_aliases.c.kb_id == kb_id, kb_aliases.c.key == key
                        )
                    )
                    if exists is None:
                        connection.execute(
                            sa.insert(kb_aliases).values(
                                kb_id=kb_id,
                                key=key,
                                alias=words[-1],
                                how="surname",
                                count=0,
                                first_seen=None,
                                last_seen=None,
                            )
                        )
        for role in entry.roles:
            if not role.role:
                continue
            key = role.role.lower()
            exists = connection.scalar(
                sa.select(kb_roles.c.key).where(kb_roles.c.kb_id == kb_id, kb_roles.c.key == key)
            )
            if exists is None:
                connection.execute(
                    sa.insert(kb_roles).values(
                        kb_id=kb_id,
                        key=key,
                        role=role.role,
                        country=role.country or country,
                        sector=role.sector or sector,
                        count=0,
                        first_seen=role.start.isoformat() if role.start else None,
                        last_seen=role.end.isoformat() if role.end else None,
                    )
                )
        return kb_id

    def export(self) -> dict[str, Any]:
        """The KB as a user actor file (``{"actors": [...], "edits": [...]}``): importing it
        into another database gives the same names, codes and roles."""
        out: list[dict[str, Any]] = []
        with self._read() as connection:
            rows = connection.execute(
                sa.select(kb_actors)
                .where(kb_actors.c.merged_into.is_(None))
                .order_by(kb_actors.c.id)
            ).all()
            names = {row.id: row.name for row in rows}
            for row in rows:
                aliases = [
                    alias
                    for alias, how in connection.execute(
                        sa.select(kb_aliases.c.alias, kb_aliases.c.how)
                        .where(kb_aliases.c.kb_id == row.id)
                        .order_by(kb_aliases.c.count.desc(), kb_aliases.c.key)
                    ).all()
                    if how not in ("surname", "code", "institution") and alias != row.name
                ]
                roles = [
                    {
                        "role": r.role,
                        "country": r.country,
                        "sector": r.sector,
                        "start": r.first_seen,
                        "end": r.last_seen,
                    }
                    for r in connection.execute(
                        sa.select(kb_roles).where(kb_roles.c.kb_id == row.id)
                    ).all()
                ]
                for aff in connection.execute(
                    sa.select(kb_affiliations).where(kb_affiliations.c.kb_id == row.id)
                ).all():
                    roles.append(
                        {
                            "role": aff.role,
                            "member_of": names.get(aff.org_id),
                            "start": aff.first_seen,
                            "end": aff.last_seen,
                        }
                    )
                out.append(
                    {
                        "id": row.id,
                        "name": row.name,
                        "kind": row.kind,
                        "country": row.country,
                        "sector": row.sector,
                        "aliases": list(dict.fromkeys(aliases)),
                        "roles": roles,
                        "articles": row.articles,
                        "mentions": row.mentions,
                        "first_seen": row.first_seen,
                        "last_seen": row.last_seen,
                        "origin": row.origin,
                    }
                )
            edits = [
                {"op": op, "payload": payload}
                for op, payload in connection.execute(
                    sa.select(kb_edits.c.op, kb_edits.c.payload).order_by(kb_edits.c.id)
                ).all()
            ]
        return {"actors": out, "edits": edits}

    def replay(self, edits: Sequence[dict[str, Any]]) -> int:
        """Apply recorded edits (merge, split, rename, import) by the names they name; an edit
        whose actors are no longer there is skipped. Returns how many applied."""
        applied = 0
        with self._begin() as connection:
            for edit in edits:
                if self._replay(connection, edit.get("op", ""), edit.get("payload") or {}):
                    self._record(connection, edit["op"], edit["payload"])
                    applied += 1
        return applied

    def _replay(self, connection: Connection, op: str, payload: dict[str, Any]) -> bool:
        try:
            if op == "import":
                raw = payload["actor"]
                entry = user_actor(raw, "replayed import")
                self._import(connection, raw, entry.name, entry.kind, entry.country, entry.sector)
                return True
            if op == "merge":
                into = self._holder(connection, payload["into"])
                if into is None:
                    return False
                done = False
                for keys in payload["from"]:
                    source = self._holder(connection, keys)
                    if source is not None and source != into:
                        self._merge(connection, into, source)
                        done = True
                return done
            if op == "split":
                source = self._holder(connection, payload["from"])
                if source is None:
                    return False
                held = set(self._keys(connection, source))
                keys = [k for k in payload["keys"] if k in held]
                if not keys or held <= set(keys):
                    return False
                self._split(connection, source, keys, payload["name"])
                return True
            if op == "rename":
                target = self._holder(connection, payload["keys"])
                if target is None:
                    return False
                self._rename(connection, target, payload["name"])
                return True
        except (KeyError, TypeError, KnowledgeError) as error:
            logger.warning("edit %s not replayed: %s", op, error)
            return False
        logger.warning("unknown knowledge-base edit %r skipped", op)
        return False

    def rebuild(self) -> int:
        """Relink every stored article from scratch and replay the recorded edits.

        Imports are replayed before linking (user entries attract the articles' names), the
        other edits after. Returns the number of articles linked.
        """
        with self._read() as connection:
            edits = [
                {"op": op, "payload": payload}
                for op, payload in connection.execute(
                    sa.select(kb_edits.c.op, kb_edits.c.payload).order_by(kb_edits.c.id)
                ).all()
            ]
        self._index = None
        with self._begin() as connection:
            connection.execute(sa.update(kb_actors).values(merged_into=None))
            for table in (*KB_TABLES, kb_edits):
                connection.execute(sa.delete(table))
        self.replay([e for e in edits if e["op"] == "import"])
        linked = self.link_pending()
        self.replay([e for e in edits if e["op"] != "import"])
        return linked


def _top(counts: dict[str, int]) -> str | None:
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _better_name(new: str, old: str) -> bool:
    """Whether a person's name seen now is fuller than the KB's ("Pablo Beltrán" over
    "Beltrán")."""
    a, b = normalize_name(new).split(), normalize_name(old).split()
    return len(a) > len(b) and (not b or b[-1] in a)


def _view(row: Any) -> KbActor:
    return KbActor(
        id=row.id,
        name=row.name,
        kind=row.kind,
        country=row.country,
        sector=row.sector,
        articles=row.articles,
        mentions=row.mentions,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        origin=row.origin,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
