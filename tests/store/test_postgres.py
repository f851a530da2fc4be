"""PostgreSQL through the same schema and migrations: a real server named by EVENTWIRE_TEST_PG.

CI starts one (``.ci/postgres.sh``); elsewhere these tests skip unless the variable is set:
``eval "$(bash .ci/postgres.sh)"`` starts a local server and sets it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from eventwire.corpus.duplicates import Copy, Signature
from eventwire.corpus.events import update_corpus_events
from eventwire.corpus.kb import KnowledgeBase
from eventwire.export import export
from eventwire.records import Extraction, Failure
from eventwire.store import Store
from eventwire.store.schema import metadata
from tests.corpus.test_events import report
from tests.store.conftest import make_extraction

pytestmark = pytest.mark.postgres

URL = os.environ.get("EVENTWIRE_TEST_PG")


@pytest.fixture
def pg() -> Iterator[Store]:
    """A store in a schema of its own, dropped afterwards: other users of the server (or
    another test run) do not see it, nor it theirs."""
    if not URL:
        pytest.skip(
            "EVENTWIRE_TEST_PG is not set: no PostgreSQL server to test against "
            '(start one with: eval "$(bash .ci/postgres.sh)")'
        )
    schema = f"eventwire_test_{os.getpid()}"
    engine = sa.create_engine(URL)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        with Store(url.render_as_string(hide_password=False)) as store:
            yield store
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


def test_migrations_build_the_schema_the_module_declares(pg: Store) -> None:
    with pg.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        revision = MigrationContext.configure(connection).get_current_revision()
        assert revision == "0004_corpus_pending"


def test_bulk_write_and_read_back_in_order(pg: Store) -> None:
    extractions = [make_extraction(f" Story {n}.") for n in range(300)]
    assert pg.add_many(extractions, batch=100) == 300
    assert pg.add_many(extractions[:10]) == 0  # idempotent
    read = list(pg.extractions())
    assert [x.to_dict() for x in read] == [x.to_dict() for x in extractions]
    counts = pg.counts()
    assert (counts["articles"], counts["actors"], counts["mentions"]) == (300, 600, 900)


def test_bad_record_in_a_batch_is_a_store_failure_and_the_rest_is_kept(pg: Store) -> None:
    good = make_extraction(" good")
    bad = make_extraction(" bad")
    bad.actors[1].id = bad.actors[0].id  # duplicate primary key
    assert pg.add_many([good, bad]) == 1
    (failure,) = pg.failures()
    assert failure["stage"] == "store" and failure["input"] == bad.article.id


def test_failures_count_attempts(pg: Store) -> None:
    for _ in range(3):
        pg.record_failure(Failure("page.html", "no article body"))
    (row,) = pg.failures()
    assert row["attempts"] == 3


def test_copies_signatures_and_known_ids(pg: Store, extraction: Extraction) -> None:
    signature = Signature(b"\x01\x02\x03\x04", (-(2**63), 7, 2**63 - 1))
    pg.add_many([extraction], signatures={extraction.article.id: signature})
    left = pg.add_copies(
        [
            Copy("c1", extraction.article.id, "h1", 0.91, url="https://two.example/x"),
            Copy("c2", "not-stored", "h2", 0.95),
        ]
    )
    assert [c.id for c in left] == ["c2"]
    assert pg.known([extraction.article.id, "c1", "c2"]) == {extraction.article.id, "c1"}
    assert list(pg.signatures()) == [(extraction.article.id, b"\x01\x02\x03\x04")]
    assert pg.band_candidates([7, 8]) == {extraction.article.id}
    assert pg.band_candidates([8]) == set()
    assert pg.signatures_of(["c1", extraction.article.id]) == {
        extraction.article.id: b"\x01\x02\x03\x04"
    }


def test_corpus_events_and_feeds(pg: Store) -> None:
    pg.add_many([report("Wire A"), report("Wire B", date="2024-03-05")])
    assert update_corpus_events(pg) == 1
    pg.save_feed_state(
        "https://f.example/rss", title="F", etag='"1"', last_modified=None, changed=True
    )
    pg.mark_entries("https://f.example/rss", [("guid-1", "https://f.example/1")])
    assert pg.seen_entries("https://f.example/rss", ["guid-1", "guid-2"]) == {"guid-1"}
    assert pg.feed_state("https://f.example/rss")["etag"] == '"1"'  # type: ignore[index]
    assert pg.corpus_counts()["corpus_events"] == 1


def test_parquet_export_from_postgresql(pg: Store, tmp_path: Path) -> None:
    pg.add_many([make_extraction(f" {n}") for n in range(5)])
    assert export(pg, "parquet", tmp_path) == 5
    assert pq.read_table(tmp_path / "actors.parquet").num_rows == 10


def test_knowledge_base_bulk_ids_and_curation_share_the_serial(pg: Store) -> None:
    from tests.corpus.test_kb import _actor, _article

    first = [
        _article("a1", "2024-01-05", _actor("A1", "Frente Sur", kind="ORG")),
        _article("a2", "2024-01-06", _actor("A1", "Southern Front", kind="ORG")),
    ]
    pg.add_many(first)
    kb = KnowledgeBase(pg)
    assert kb.link(first) == 2
    kb.merge("Frente Sur", ["Southern Front"])
    made = kb.split("Frente Sur", ["Southern Front"], name="Southern Front (Chile)")
    later = _article("a3", "2024-01-07", _actor("A1", "Ana Souza"))
    pg.add(later)
    assert kb.link([later]) == 1
    ids = [a.id for a in kb.actors(limit=None)]
    assert len(ids) == len(set(ids)) == 3 and made.id in ids


def test_bulk_writes_use_copy_and_read_back_as_the_sqlite_store_does(
    pg: Store, tmp_path: Path
) -> None:
    batch = [make_extraction(f" {n}") for n in range(12)]
    signatures = {
        x.article.id: Signature(bytes([n, 0, 255]), (n, -n - 1)) for n, x in enumerate(batch)
    }
    statements: list[str] = []

    def spy(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    sa.event.listen(pg.engine, "before_cursor_execute", spy)
    try:
        assert pg.add_many(batch, batch=12, signatures=signatures) == 12
    finally:
        sa.event.remove(pg.engine, "before_cursor_execute", spy)
    assert not any(s.lstrip().upper().startswith("INSERT INTO ACTORS") for s in statements)
    with Store(tmp_path / "same.db") as lite:
        lite.add_many(batch, batch=12, signatures=signatures)
        assert [x.to_dict() for x in pg.extractions()] == [x.to_dict() for x in lite.extractions()]
        assert pg.counts() == lite.counts()
        assert sorted(pg.signatures()) == sorted(lite.signatures())
        assert pg.band_candidates([3]) == lite.band_candidates([3]) == {batch[3].article.id}
    with pg.engine.connect() as connection:
        kinds = connection.exec_driver_sql(
            "SELECT DISTINCT jsonb_typeof(roles::jsonb) FROM actors"
        ).scalars()
        assert set(kinds) == {"array"}  # JSON columns hold JSON, not quoted strings


def test_a_bad_record_in_a_copied_batch_is_a_store_failure(
    pg: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("eventwire.store.database.COPY_MIN_ROWS", 1)
    good = make_extraction(" good")
    bad = make_extraction(" bad")
    bad.actors[1].id = bad.actors[0].id  # duplicate primary key
    assert pg.add_many([good, bad]) == 1
    (failure,) = pg.failures()
    assert failure["stage"] == "store" and failure["input"] == bad.article.id


def test_incremental_corpus_events_equal_a_rebuild_on_postgresql(pg: Store) -> None:
    from eventwire.corpus.events import rebuild_corpus_events
    from tests.corpus.test_events import _corpus_tables, _generated_corpus

    corpus = _generated_corpus(120, 5)
    for start in range(0, len(corpus), 25):
        pg.add_many(corpus[start : start + 25])
        update_corpus_events(pg)
    incremental = _corpus_tables(pg)
    rebuild_corpus_events(pg)
    assert _corpus_tables(pg) == incremental
