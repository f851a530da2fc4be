"""Parquet export: one file per table, the database columns, JSON text for lists and objects."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.corpus.kb import KnowledgeBase
from eventwire.export import EXPORTERS, export
from eventwire.export.parquet import arrow_schema
from eventwire.records import Extraction
from eventwire.store import Store
from eventwire.store.schema import EXPORT_TABLES, RECORD_TABLES


def test_parquet_is_a_registered_format() -> None:
    assert "parquet" in EXPORTERS


def test_parquet_export_writes_every_table(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    assert export(store, "parquet", tmp_path / "out") == 2
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(
        [f"{t.name}.parquet" for t in RECORD_TABLES] + [f"{t.name}.parquet" for t in EXPORT_TABLES]
    )
    articles = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert [a["article_id"] for a in articles] == [x.article.id for x in extractions]
    assert articles[0]["text"] == extractions[0].article.text
    assert json.loads(articles[0]["credits"]) == ["additional reporting AP"]
    actors = pq.read_table(tmp_path / "out" / "actors.parquet")
    assert actors.schema == arrow_schema(RECORD_TABLES[1])
    assert json.loads(actors.to_pylist()[1]["aliases"]) == ["Cairo"]
    events = pq.read_table(tmp_path / "out" / "events.parquet").to_pylist()
    assert events[0]["type"] == "CONSULT" and events[0]["intensity"] == 4.0
    failures = pq.read_table(tmp_path / "out" / "failures.parquet").to_pylist()
    assert failures[0]["input"] == "broken.html"


def test_empty_store_gives_empty_files_with_their_columns(tmp_path: Path) -> None:
    with Store(":memory:") as empty:
        assert export(empty, "parquet", tmp_path) == 0
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 0 and "sentence_text" in table.schema.names


@pytest.mark.parametrize("out", [None, "-"])
def test_parquet_needs_a_directory(store: Store, out: str | None) -> None:
    with pytest.raises(ValueError, match="directory"):
        export(store, "parquet", out)


def test_kb_links_join_each_article_actor_to_its_knowledge_base_actor(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    KnowledgeBase(store).link_pending()
    export(store, "parquet", tmp_path)
    kb = {r["id"]: r["name"] for r in pq.read_table(tmp_path / "kb_actors.parquet").to_pylist()}
    links = pq.read_table(tmp_path / "kb_links.parquet").to_pylist()
    actors = pq.read_table(tmp_path / "actors.parquet").to_pylist()
    linked = {(r["article_id"], r["actor_id"]): kb[r["kb_id"]] for r in links}
    assert {(a["article_id"], a["id"]) for a in actors} == set(linked)
    # the same name in two articles is one knowledge-base actor
    by_name: dict[str, set[str]] = {}
    for actor in actors:
        by_name.setdefault(actor["name"], set()).add(linked[(actor["article_id"], actor["id"])])
    assert all(len(names) == 1 for names in by_name.values())
    assert set(kb.values()) >= {a["name"] for a in actors if a["kind"] == "PERSON"}
