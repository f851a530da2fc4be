"""The store: extractions and failures in SQLite (default, WAL mode) or PostgreSQL.

One process writes; readers (export, API) may run beside it. Writes only ever insert: an article
already stored is skipped, so nothing ingested before is lost or changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from eventwire.errors import StoreError
from eventwire.records import Extraction, Failure
from eventwire.store.schema import (
    CORPUS_TABLES,
    RECORD_TABLES,
    article_bands,
    article_copies,
    article_signatures,
    articles,
    corpus_pending,
    extraction_rows,
    failures,
    feed_entries,
    feeds,
    kb_links,
)

if TYPE_CHECKING:
    from eventwire.corpus.duplicates import Copy, Signature

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Backends whose upsert and migrations are supported.
DIALECTS = ("sqlite", "postgresql")

#: Rows fetched at a time when streaming extractions.
STREAM_ROWS = 200

#: Ids per ``IN (...)`` query (SQLite allows 32,766 bound parameters; PostgreSQL 65,535).
IN_CHUNK = 500

# Bad data in one record (duplicate ids, a value the database rejects): skip that record.
_BAD_RECORD = (exc.IntegrityError, exc.DataError)

#: Rows from which a PostgreSQL bulk write uses COPY instead of a multi-row INSERT.
COPY_MIN_ROWS = 8


def bulk_insert(connection: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows into a table in the connection's transaction, as fast as the backend allows.

    PostgreSQL through psycopg 3 streams them with ``COPY ... FROM STDIN`` (the same columns,
    JSON columns encoded as SQLAlchemy would); SQLite gets one ``executemany`` of the driver,
    values converted by the columns' own SQLAlchemy types (so stored exactly as an ORM insert
    would store them, without its per-row statement work); anything else, and a few rows on
    PostgreSQL, a SQLAlchemy ``executemany`` INSERT. A row the database rejects raises
    SQLAlchemy's ``IntegrityError`` or ``DataError`` either way, and the transaction is rolled
    back by the caller.
    """
    if not rows:
        return
    dialect = connection.dialect
    keys = set().union(*(row.keys() for row in rows))
    columns = [column for column in table.columns if column.name in keys]
    if dialect.name == "sqlite" and dialect.driver == "pysqlite":
        _sqlite_insert(connection, table, columns, rows)
        return
    if dialect.name != "postgresql" or dialect.driver != "psycopg" or len(rows) < COPY_MIN_ROWS:
        connection.execute(sa.insert(table), list(rows))
        return
    encode = [isinstance(column.type, sa.JSON) for column in columns]
    quote = dialect.identifier_preparer
    statement = (
        f"COPY {quote.format_table(table)} "
        f"({', '.join(quote.quote(column.name) for column in columns)}) FROM STDIN"
    )
    import psycopg  # the driver in use: present

    raw: Any = connection.connection.dbapi_connection
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row.get(column.name)) if as_json else row.get(column.name)
                        for column, as_json in zip(columns, encode, strict=True)
                    ]
                )
    except psycopg.errors.IntegrityError as error:
        raise exc.IntegrityError(statement, None, error) from error
    except psycopg.errors.DataError as error:
        raise exc.DataError(statement, None, error) from error
    except psycopg.Error as error:
        raise exc.DBAPIError(statement, None, error) from error


def _sqlite_insert(
    connection: Connection,
    table: sa.Table,
    columns: list[sa.Column[Any]],
    rows: Sequence[Mapping[str, Any]],
) -> None:
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    statement = (
        f"INSERT INTO {quote.format_table(table)} "
        f"({', '.join(quote.quote(column.name) for column in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    convert = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    names = [column.name for column in columns]
    values = [
        tuple(
            value if to is None else to(value)
            for value, to in zip((row.get(name) for name in names), convert, strict=True)
        )
        for row in rows
    ]
    raw: Any = connection.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        cursor.executemany(statement, values)
    except sqlite3.IntegrityError as error:
        raise exc.IntegrityError(statement, None, error) from error
    except sqlite3.DataError as error:
        raise exc.DataError(statement, None, error) from error
    except sqlite3.Error as error:
        raise exc.DBAPIError(statement, None, error) from error
    finally:
        cursor.close()


def database_url(db: str | os.PathLike[str]) -> URL:
    """Return the SQLAlchemy URL for a file path, ``":memory:"`` or a SQLAlchemy URL.

    Args:
        db: a SQLite file path, ``":memory:"``, or a URL such as ``postgresql+psycopg://…``.
    """
    text = os.fspath(db)
    if "://" in text:
        return make_url(text)
    if text == ":memory:":
        return URL.create("sqlite")
    return URL.create("sqlite", database=text)


def _is_memory(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_sqlite_connect_manual_begin(
    dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry
) -> None:
    # pysqlite would run DDL outside of a transaction; with BEGIN emitted by SQLAlchemy itself
    # (_on_sqlite_begin) a migration or a batch is one real transaction.
    dbapi_connection.isolation_level = None


def _on_sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if _is_memory(url):
        # One shared connection, or every checkout would see a new, empty database. Its
        # transactions stay with pysqlite, since a read streaming on the connection must not
        # stop a write on it.
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _on_sqlite_connect_manual_begin)
        sa.event.listen(engine, "begin", _on_sqlite_begin)
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def _upgrade(connection: Connection) -> None:
    config = Config()
    # ConfigParser interpolates "%"; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def failure_upsert(dialect: str, failure: Failure, now: datetime) -> sa.Insert:
    """Return the statement recording ``failure``: a new row, or one more attempt of a known one.

    Args:
        dialect: ``"sqlite"`` or ``"postgresql"``.
        failure: the failed input.
        now: the time of this attempt.
    """
    values = {**failure.to_dict(), "first_seen": now, "last_seen": now, "attempts": 1}
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(failures).values(values)
    return statement.on_conflict_do_update(
        index_elements=[failures.c.input, failures.c.reason],
        set_={
            "attempts": failures.c.attempts + 1,
            "last_seen": statement.excluded.last_seen,
            "stage": statement.excluded.stage,
        },
    )


def _detail(error: BaseException) -> str:
    if isinstance(error, exc.DBAPIError) and error.orig is not None:
        return str(error.orig)
    return str(error)


def _chunks(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _key(text: str) -> str:
    """A fixed-length key for a URL or feed guid of any length."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _utc(value: datetime) -> datetime:
    # SQLite keeps no time zone; every time written here is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class Store:
    """Extractions and failures in a database, migrated to the latest schema on opening.

    Args:
        db: a SQLite file path (created if missing; its directory must exist), ``":memory:"``,
            or a SQLAlchemy URL (``sqlite:///…``, ``postgresql+psycopg://…``).

    Raises:
        StoreError: the database cannot be opened or migrated.
    """

    def __init__(self, db: str | os.PathLike[str]) -> None:
        self.db = os.fspath(db)
        try:
            url = database_url(db)
        except exc.ArgumentError as error:
            raise StoreError(
                f"cannot open database {self.db!r}: not a file path or SQLAlchemy URL ({error})"
            ) from error
        self.url = url
        #: The database as named in messages (never shows a password).
        self.name = self.db if "://" not in self.db else url.render_as_string(hide_password=True)
        if url.get_backend_name() not in DIALECTS:
            raise StoreError(
                f"cannot open database {self.name!r}: eventwire stores data in "
                f"{' or '.join(DIALECTS)}, not {url.get_backend_name()}"
            )
        try:
            self._engine = _create_engine(url)
        except ImportError as error:
            raise StoreError(
                f"cannot open database {self.name!r}: its driver is not installed ({error}); "
                "install it (for PostgreSQL: pip install 'psycopg[binary]')"
            ) from error
        try:
            with self._engine.begin() as connection:
                _upgrade(connection)
        except (exc.SQLAlchemyError, CommandError) as error:
            self._engine.dispose()
            hint = (
                "check that its directory exists and you can write to it, and that an existing "
                "file there is an eventwire SQLite database"
                if url.get_backend_name() == "sqlite"
                else "check that the server is running and the URL, user and password are right"
            )
            raise StoreError(
                f"cannot open database {self.name!r}: {_detail(error)}; {hint}"
            ) from error
        logger.debug("opened database %s", self.name)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for read queries over ``eventwire.store.schema`` tables."""
        return self._engine

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """Open a transaction; database errors other than bad record data become StoreError."""
        try:
            with self._engine.begin() as connection:
                yield connection
        except _BAD_RECORD:
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(f"cannot write to database {self.name!r}: {_detail(error)}") from error

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read database {self.name!r}: {_detail(error)}") from error

    def _insert(
        self,
        connection: Connection,
        extractions: list[Extraction],
        signatures: Mapping[str, Signature] | None = None,
    ) -> int:
        """Insert the extractions whose article is not stored yet; return how many.

        ``signatures`` (article id -> MinHash signature and bands) are stored with their new
        articles.
        """
        ids = [x.article.id for x in extractions]
        seen = set(connection.scalars(sa.select(articles.c.id).where(articles.c.id.in_(ids))))
        new: list[Extraction] = []
        for extraction in extractions:
            if extraction.article.id not in seen:
                seen.add(extraction.article.id)
                new.append(extraction)
        if not new:
            return 0
        last = connection.scalar(sa.select(sa.func.coalesce(sa.func.max(articles.c.seq), 0)))
        now = datetime.now(UTC)
        rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in RECORD_TABLES}
        for seq, extraction in enumerate(new, start=int(last or 0) + 1):
            for name, table_rows in extraction_rows(extraction).items():
                rows[name].extend(table_rows)
            rows["articles"][-1].update(seq=seq, ingested_at=now)
        for table in RECORD_TABLES:
            bulk_insert(connection, table, rows[table.name])
        # Their events wait for eventwire.corpus.events.update_corpus_events.
        bulk_insert(
            connection, corpus_pending, [{"article_id": x.article.id} for x in new if x.events]
        )
        if signatures:
            signed = [x.article.id for x in new if x.article.id in signatures]
            if signed:
                bulk_insert(
                    connection,
                    article_signatures,
                    [{"article_id": a, "minhash": signatures[a].minhash} for a in signed],
                )
                bulk_insert(
                    connection,
                    article_bands,
                    [
                        {"band": band, "article_id": a}
                        for a in signed
                        for band in dict.fromkeys(signatures[a].bands)
                    ],
                )
        return len(new)

    def add(self, extraction: Extraction) -> bool:
        """Store one extraction in one transaction; return False if its article is already there.

        Args:
            extraction: the article and everything extracted from it.

        Raises:
            StoreError: the database rejected the record (for example two actors with one id)
                or cannot be written; nothing of the record is written.
        """
        try:
            with self._begin() as connection:
                return self._insert(connection, [extraction]) == 1
        except _BAD_RECORD as error:
            raise StoreError(
                f"cannot store article {extraction.article.id} in {self.name!r}: {_detail(error)}"
            ) from error

    def add_many(
        self,
        extractions: Iterable[Extraction],
        batch: int = 50,
        signatures: Mapping[str, Signature] | None = None,
    ) -> int:
        """Store extractions, one transaction per batch; return how many were added.

        Articles already stored are skipped. A record the database rejects is logged, recorded
        as a failure (stage ``store``, input = article id) and skipped; the rest of its batch
        is stored.

        Args:
            extractions: the records to store, consumed lazily.
            batch: records per transaction.
            signatures: MinHash signatures and LSH bands (article id -> Signature) stored with
                their articles, in the same transaction, for near-duplicate detection.

        Raises:
            StoreError: the database cannot be written.
        """
        if batch < 1:
            raise ValueError(f"batch must be at least 1, got {batch}")
        added = 0
        for chunk in _chunks(extractions, batch):
            try:
                with self._begin() as connection:
                    added += self._insert(connection, chunk, signatures)
                continue
            except _BAD_RECORD:
                logger.debug("batch rejected; storing its %d records one by one", len(chunk))
            for extraction in chunk:
                try:
                    with self._begin() as connection:
                        added += self._insert(connection, [extraction], signatures)
                except _BAD_RECORD as error:
                    reason = f"database rejected the record: {_detail(error)}"
                    logger.warning("article %s: %s", extraction.article.id, reason)
                    self.record_failure(Failure(extraction.article.id, reason, stage="store"))
        return added

    def has(self, article_id: str) -> bool:
        """Return whether an article with this id is stored."""
        with self._read() as connection:
            found = connection.scalar(sa.select(articles.c.id).where(articles.c.id == article_id))
        return found is not None

    def known(self, ids: Iterable[str]) -> set[str]:
        """Return which of ``ids`` are stored, as analysed articles or as copies of one."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._read() as connection:
            for start in range(0, len(wanted), IN_CHUNK):
                chunk = wanted[start : start + IN_CHUNK]
                for table in (articles, article_copies):
                    found.update(
                        connection.scalars(sa.select(table.c.id).where(table.c.id.in_(chunk)))
                    )
        return found

    def add_copies(self, copies: Iterable[Copy]) -> list[Copy]:
        """Store near-duplicates as extra sources of their analysed articles, in one transaction.

        A copy is keyed by its id and URL: the same copy read again is skipped, and so is an
        identical text at the original's own URL (the original read again). Returns the copies
        whose original article is not stored (yet): they are not written.

        Args:
            copies: the copies, each naming the analysed article it copies (``of``).
        """
        pending = list(copies)
        if not pending:
            return []
        now = datetime.now(UTC)
        with self._begin() as connection:
            originals = {c.of for c in pending}
            found = connection.execute(
                sa.select(articles.c.id, articles.c.url).where(articles.c.id.in_(originals))
            )
            stored: dict[str, str | None] = {row.id: row.url for row in found}
            keys = {_key(f"{c.id}\n{c.url or ''}"): c for c in pending if c.of in stored}
            done = set(
                connection.scalars(
                    sa.select(article_copies.c.key).where(article_copies.c.key.in_(list(keys)))
                )
            )
            rows = [
                {
                    "key": key,
                    "id": copy.id,
                    "article_id": copy.of,
                    "hash": copy.hash,
                    "title": copy.title,
                    "url": copy.url,
                    "source": copy.source,
                    "published": copy.published,
                    "similarity": copy.similarity,
                    "ingested_at": now,
                }
                for key, copy in keys.items()
                if key not in done and not (copy.id == copy.of and copy.url == stored[copy.of])
            ]
            if rows:
                connection.execute(sa.insert(article_copies), rows)
        return [c for c in pending if c.of not in stored]

    def copies(self, article_id: str | None = None) -> list[dict[str, Any]]:
        """Return the stored copies (of one article, or all), oldest first."""
        statement = sa.select(article_copies).order_by(
            article_copies.c.ingested_at, article_copies.c.key
        )
        if article_id is not None:
            statement = statement.where(article_copies.c.article_id == article_id)
        with self._read() as connection:
            return [dict(row) for row in connection.execute(statement).mappings()]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stream ``(article_id, minhash bytes)`` for every analysed article that has one."""
        statement = sa.select(article_signatures.c.article_id, article_signatures.c.minhash)
        with self._read() as connection:
            result = connection.execution_options(yield_per=STREAM_ROWS * 10).execute(statement)
            for article_id, minhash in result:
                yield str(article_id), bytes(minhash)

    def band_candidates(self, bands: Sequence[int]) -> set[str]:
        """Return the stored articles that share at least one LSH band key with ``bands``."""
        if not bands:
            return set()
        statement = (
            sa.select(article_bands.c.article_id)
            .where(article_bands.c.band.in_(list(bands)))
            .distinct()
        )
        with self._read() as connection:
            return set(connection.scalars(statement))

    def signatures_of(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Return the stored MinHash signature bytes of these articles."""
        wanted = list(ids)
        found: dict[str, bytes] = {}
        with self._read() as connection:
            for start in range(0, len(wanted), IN_CHUNK):
                rows = connection.execute(
                    sa.select(article_signatures.c.article_id, article_signatures.c.minhash).where(
                        article_signatures.c.article_id.in_(wanted[start : start + IN_CHUNK])
                    )
                )
                found.update({str(row.article_id): bytes(row.minhash) for row in rows})
        return found

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """Return what is known of a polled feed (``etag``, ``last_modified``, ...), if any."""
        with self._read() as connection:
            row = connection.execute(sa.select(feeds).where(feeds.c.id == _key(url))).mappings()
            found = row.first()
        return dict(found) if found is not None else None

    def save_feed_state(
        self,
        url: str,
        *,
        title: str | None,
        etag: str | None,
        last_modified: str | None,
        changed: bool,
    ) -> None:
        """Record a poll of a feed: its validators, and when it was checked (and changed)."""
        now = datetime.now(UTC)
        values: dict[str, Any] = {"checked_at": now}
        if changed:
            values.update(title=title, etag=etag, last_modified=last_modified, changed_at=now)
        with self._begin() as connection:
            updated = connection.execute(
                sa.update(feeds).where(feeds.c.id == _key(url)).values(**values)
            )
            if updated.rowcount == 0:
                connection.execute(
                    sa.insert(feeds).values(
                        id=_key(url),
                        url=url,
                        title=title,
                        etag=etag,
                        last_modified=last_modified,
                        checked_at=now,
                        changed_at=now,
                    )
                )

    def seen_entries(self, feed_url: str, keys: Iterable[str]) -> set[str]:
        """Return which feed entry keys (guids or links) of a feed were handled before."""
        hashed = {_key(key): key for key in keys}
        with self._read() as connection:
            found = connection.scalars(
                sa.select(feed_entries.c.key).where(
                    feed_entries.c.feed_id == _key(feed_url),
                    feed_entries.c.key.in_(list(hashed)),
                )
            )
            return {hashed[k] for k in found}

    def mark_entries(self, feed_url: str, entries: Iterable[tuple[str, str | None]]) -> None:
        """Record feed entries ``(key, link)`` as handled; the feed must have been saved."""
        now = datetime.now(UTC)
        rows = {
            _key(key): {"feed_id": _key(feed_url), "key": _key(key), "link": link, "seen_at": now}
            for key, link in entries
        }
        if not rows:
            return
        with self._begin() as connection:
            done = set(
                connection.scalars(
                    sa.select(feed_entries.c.key).where(
                        feed_entries.c.feed_id == _key(feed_url),
                        feed_entries.c.key.in_(list(rows)),
                    )
                )
            )
            new = [row for key, row in rows.items() if key not in done]
            if new:
                connection.execute(sa.insert(feed_entries), new)

    def record_failure(self, failure: Failure) -> None:
        """Record a failed input; the same input failing for the same reason counts an attempt.

        Args:
            failure: the input, the reason and the stage that failed.
        """
        statement = failure_upsert(self._engine.dialect.name, failure, datetime.now(UTC))
        with self._begin() as connection:
            connection.execute(statement)

    def records(self) -> Iterator[dict[str, Any]]:
        """Stream the stored ``Extraction.to_dict()`` objects, in the order they were added."""
        statement = sa.select(articles.c.record).order_by(articles.c.seq)
        with self._read() as connection:
            result = connection.execution_options(yield_per=STREAM_ROWS).scalars(statement)
            yield from result

    def kb_ids(self, article_ids: Sequence[str]) -> dict[tuple[str, str], int]:
        """The knowledge-base actor of each linked article actor of ``article_ids``:
        ``(article_id, actor_id) -> kb_id`` (merges already point links at the kept actor)."""
        found: dict[tuple[str, str], int] = {}
        ids = list(dict.fromkeys(article_ids))
        with self._read() as connection:
            for start in range(0, len(ids), IN_CHUNK):
                statement = sa.select(
                    kb_links.c.article_id, kb_links.c.actor_id, kb_links.c.kb_id
                ).where(kb_links.c.article_id.in_(ids[start : start + IN_CHUNK]))
                for article_id, actor_id, kb_id in connection.execute(statement):
                    found[(article_id, actor_id)] = int(kb_id)
        return found

    def extractions(self) -> Iterator[Extraction]:
        """Stream the stored extractions, in the order they were added."""
        for record in self.records():
            yield Extraction.from_dict(record)

    def failures(self) -> list[dict[str, Any]]:
        """Return every recorded failure, oldest first, with ISO 8601 UTC times."""
        columns = [c for c in failures.c if c.name != "id"]
        with self._read() as connection:
            rows = connection.execute(sa.select(*columns).order_by(failures.c.id)).mappings()
            result = [dict(row) for row in rows]
        for row in result:
            row["first_seen"] = _utc(row["first_seen"]).isoformat()
            row["last_seen"] = _utc(row["last_seen"]).isoformat()
        return result

    def corpus_counts(self) -> dict[str, int]:
        """Return the number of rows in each corpus-level table (copies, corpus events, feeds)."""
        with self._read() as connection:
            return {
                table.name: int(
                    connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                )
                for table in CORPUS_TABLES
            }

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table, by table name."""
        with self._read() as connection:
            return {
                table.name: int(
                    connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                )
                for table in (*RECORD_TABLES, failures)
            }
