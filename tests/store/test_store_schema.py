"""Opening a store: migrations, SQLite settings, and errors that name the database."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy.dialects import postgresql

from eventwire.errors import StoreError
from eventwire.records import Extraction, Failure
from eventwire.store import Store
from eventwire.store.database import MIGRATIONS, failure_upsert
from eventwire.store.schema import metadata

TABLES = {"articles", "actors", "mentions", "quotes", "events", "places", "failures"} | {
    "article_copies",
    "article_signatures",
    "article_bands",
    "feeds",
    "feed_entries",
    "corpus_events",
    "corpus_event_reports",
    "corpus_pending",
}
KB_TABLES = {
    "kb_actors",
    "kb_aliases",
    "kb_roles",
    "kb_affiliations",
    "kb_links",
    "kb_articles",
    "kb_edits",
}


def test_opening_a_new_database_creates_every_table(store: Store) -> None:
    names = set(sa.inspect(store.engine).get_table_names())
    assert names == TABLES | KB_TABLES | {"alembic_version"}


def test_opening_a_new_database_stamps_the_head_revision(store: Store) -> None:
    with store.engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        assert revision == "0004_corpus_pending"


def test_head_migration_creates_the_schema_module_declares(store: Store) -> None:
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == []


def test_file_database_uses_wal_foreign_keys_and_normal_sync(db_path: Path) -> None:
    with Store(db_path) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


@pytest.mark.parametrize("form", ["path", "str", "url"])
def test_store_opens_a_path_or_sqlite_url(db_path: Path, form: str, extraction: Extraction) -> None:
    db: str | Path = {"path": db_path, "str": str(db_path), "url": f"sqlite:///{db_path}"}[form]
    with Store(db) as store:
        assert store.add(extraction)
    assert db_path.is_file()


def test_reopening_a_database_keeps_its_data_and_migrates_nothing(
    db_path: Path, extraction: Extraction
) -> None:
    with Store(db_path) as store:
        store.add(extraction)
        before = store.counts()
    with Store(db_path) as store:
        assert store.counts() == before


@pytest.mark.parametrize("where", ["directory", "missing_parent"])
def test_unopenable_path_raises_store_error_naming_it(tmp_path: Path, where: str) -> None:
    db = tmp_path if where == "directory" else tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(StoreError, match="cannot open database") as raised:
        Store(db)
    assert str(db) in str(raised.value)


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some text that is long enough to be checked\n" * 20)
    with pytest.raises(StoreError, match=r"notes\.txt"):
        Store(path)


def test_unsupported_backend_raises_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="sqlite or postgresql") as raised:
        Store("mysql://user:secret@localhost/news")
    assert "secret" not in str(raised.value)


def test_migrations_render_postgresql_sql() -> None:
    buffer = io.StringIO()
    config = Config(output_buffer=buffer)
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", "postgresql://localhost/eventwire")
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    for table in TABLES:
        assert f"CREATE TABLE {table} " in sql
    assert "CREATE INDEX ix_events_type ON events (type)" in sql
    assert "INSERT INTO alembic_version (version_num) VALUES ('0001')" in sql


def test_failure_upsert_counts_attempts_on_postgresql() -> None:
    statement = failure_upsert("postgresql", Failure("a.html", "empty"), datetime.now(UTC))
    sql = str(statement.compile(dialect=postgresql.dialect()))
    assert "ON CONFLICT (input, reason) DO UPDATE" in sql
    assert "attempts = (failures.attempts + " in sql
