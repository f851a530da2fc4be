"""Full-text search: FTS5 built on a database ingested earlier, kept up to date, safe queries."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from eventwire.store import Store
from eventwire.store.queries import Queries
from eventwire.store.schema import articles
from eventwire.store.search import SearchIndex, Term, parse_query, snippet
from tests.analyst import corpus


def test_index_is_built_for_a_database_ingested_before_and_follows_new_articles(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    extractions = corpus()
    with Store(db) as store:  # ingested with no search index
        store.add_many(extractions[:3])
        tables = sa.inspect(store.engine).get_table_names()
        assert "articles_fts" not in tables
    with Store(db) as store:
        queries = Queries(store)
        assert queries.articles("ceasefire").total == 0
        assert queries.search_index.method == "fts5"
        store.add_many(extractions[3:])  # a later ingest, while the server runs
        assert [a["id"] for a in queries.articles("ceasefire").items] == ["phl-1"]
    with Store(db) as store:  # a new process reuses the index
        assert Queries(store).articles("teachers").total == 1


def test_parse_query_keeps_words_phrases_and_prefixes() -> None:
    assert parse_query('"peace talks" Madur* AND (x)') == [
        Term(("peace", "talks")),
        Term(("Madur",), prefix=True),
        Term(("AND",)),
        Term(("x",)),
    ]
    assert parse_query('"" * ()') == []


def test_snippet_marks_matches_around_the_first_one() -> None:
    text = "word " * 60 + "The ceasefire held. " + "more " * 60
    parts = snippet(text, parse_query("ceasefire"))
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert ("ceasefire", True) in parts
    assert len("".join(p for p, _ in parts)) < 300


def test_postgresql_search_uses_tsvector() -> None:
    engine = sa.create_engine("sqlite://")
    index = SearchIndex(engine)
    index.dialect = "postgresql"
    index._usable = True  # as after creating the GIN index on a server
    index.ensure = lambda: True  # type: ignore[method-assign]
    statement = index.apply(sa.select(articles.c.id), parse_query('"peace talks" eln'))
    sql = str(statement.compile(dialect=postgresql.dialect()))
    assert "to_tsvector" in sql and "websearch_to_tsquery" in sql and "ts_rank" in sql
