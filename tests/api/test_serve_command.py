"""`eventwire serve`: refuses a missing database or ingest without a token, else runs uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store
from eventwire.store.queries import EventFilter, Queries
from eventwire.store.schema import events
from tests.analyst import corpus


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_serve_refuses_ingest_without_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.db"
    Store(db).close()
    monkeypatch.delenv("EVENTWIRE_API_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 2 and "EVENTWIRE_API_TOKEN" in result.output


def test_serve_runs_uvicorn_on_loopback_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_many(corpus())
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw)
    )
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].title == "eventwire"


def test_actor_filter_compiles_for_postgresql() -> None:
    with Store(":memory:") as store:
        queries = Queries(store)
        queries.dialect = "postgresql"
        conditions = queries._event_conditions(EventFilter(actor="Colombia", country="COL"))
        sql = str(sa.select(events.c.id).where(*conditions).compile(dialect=postgresql.dialect()))
    assert "CAST(events.source AS JSONB) ?" in sql and "json_each" not in sql
