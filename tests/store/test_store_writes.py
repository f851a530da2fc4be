"""Writing and reading a store: articles are added once, never changed, and read back exactly."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from eventwire.errors import StoreError
from eventwire.records import Extraction, Failure
from eventwire.store import Store
from eventwire.store.schema import events, mentions, quotes

Make = Callable[..., Extraction]

EMPTY = {
    "articles": 0,
    "actors": 0,
    "mentions": 0,
    "quotes": 0,
    "events": 0,
    "places": 0,
    "failures": 0,
}


def test_new_store_counts_nothing(store: Store) -> None:
    assert store.counts() == EMPTY


def test_add_stores_the_article_and_every_record(store: Store, extraction: Extraction) -> None:
    assert store.add(extraction) is True
    assert store.counts() == {
        **EMPTY,
        "articles": 1,
        "actors": 2,
        "mentions": 3,
        "quotes": 1,
        "events": 1,
        "places": 1,
    }


def test_adding_a_stored_article_again_returns_false_and_adds_nothing(
    store: Store, extraction: Extraction
) -> None:
    store.add(extraction)
    before = store.counts()
    changed = dataclasses.replace(extraction, actors=[], events=[])
    assert store.add(extraction) is False
    assert store.add(changed) is False
    assert store.counts() == before
    assert [x.to_dict() for x in store.extractions()] == [extraction.to_dict()]


@pytest.mark.parametrize("batch", [1, 2, 50])
def test_add_many_skips_stored_and_repeated_articles(
    store: Store, make_extraction: Make, batch: int
) -> None:
    first, second, third = (make_extraction(f" Report {i}.") for i in range(3))
    store.add(first)
    added = store.add_many(iter([first, second, second, third]), batch=batch)
    assert added == 2
    assert store.counts()["articles"] == 3


def test_add_many_rejects_a_batch_size_below_one(store: Store, extraction: Extraction) -> None:
    with pytest.raises(ValueError, match="batch"):
        store.add_many([extraction], batch=0)


def _with_duplicate_actor(extraction: Extraction) -> Extraction:
    return dataclasses.replace(extraction, actors=[extraction.actors[0], extraction.actors[0]])


def test_add_raises_store_error_and_writes_nothing_for_a_rejected_record(
    store: Store, extraction: Extraction
) -> None:
    with pytest.raises(StoreError, match=extraction.article.id):
        store.add(_with_duplicate_actor(extraction))
    assert store.counts() == EMPTY


def test_add_many_skips_a_rejected_record_and_records_the_failure(
    store: Store, make_extraction: Make
) -> None:
    good, bad, other = (make_extraction(f" Report {i}.") for i in range(3))
    added = store.add_many([good, _with_duplicate_actor(bad), other], batch=10)
    assert added == 2
    assert not store.has(bad.article.id)
    assert store.has(good.article.id) and store.has(other.article.id)
    [failure] = store.failures()
    assert failure["input"] == bad.article.id
    assert failure["stage"] == "store"


def test_has_reports_whether_an_article_is_stored(store: Store, extraction: Extraction) -> None:
    assert not store.has(extraction.article.id)
    store.add(extraction)
    assert store.has(extraction.article.id)


def test_extractions_round_trip_to_dict_exactly_in_ingest_order(
    store: Store, make_extraction: Make
) -> None:
    added = [make_extraction(f" Report {i}.", title=f"Título {i} — ✓") for i in range(5)]
    added.reverse()  # ingest order differs from id and text order
    store.add(added[0])
    store.add_many(added[1:], batch=2)
    read = list(store.extractions())
    assert [x.to_dict() for x in read] == [x.to_dict() for x in added]
    assert [json.dumps(r, ensure_ascii=False) for r in store.records()] == [
        json.dumps(x.to_dict(), ensure_ascii=False) for x in added
    ]


def test_stored_offsets_point_into_the_article_text(store: Store, extraction: Extraction) -> None:
    store.add(extraction)
    text = extraction.article.text
    with store.engine.connect() as connection:
        for row in connection.execute(sa.select(mentions)).mappings():
            assert text[row["start_char"] : row["end_char"]] == row["text"]
        quote = connection.execute(sa.select(quotes)).mappings().one()
        assert text[quote["content_start"] : quote["content_end"]] == quote["content_text"]
        event = connection.execute(sa.select(events)).mappings().one()
        assert text[event["trigger_start"] : event["trigger_end"]] == event["trigger_text"]
        assert event["source"] == ["a2"]


def test_deleting_an_article_by_hand_removes_its_records(
    store: Store, extraction: Extraction
) -> None:
    store.add(extraction)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM articles")
    assert store.counts() == EMPTY


def test_record_failure_counts_attempts_per_input_and_reason(store: Store) -> None:
    store.record_failure(Failure("feed.xml", "not a feed"))
    store.record_failure(Failure("feed.xml", "not a feed", stage="ingest"))
    store.record_failure(Failure("feed.xml", "timed out"))
    store.record_failure(Failure("page.html", "not a feed", stage="nlp"))
    rows = store.failures()
    assert [(r["input"], r["reason"], r["stage"], r["attempts"]) for r in rows] == [
        ("feed.xml", "not a feed", "ingest", 2),
        ("feed.xml", "timed out", "ingest", 1),
        ("page.html", "not a feed", "nlp", 1),
    ]
    assert store.counts()["failures"] == 3


def test_failures_report_utc_times_and_last_seen_moves(store: Store) -> None:
    store.record_failure(Failure("feed.xml", "not a feed"))
    store.record_failure(Failure("feed.xml", "not a feed"))
    [row] = store.failures()
    first, last = (
        datetime.fromisoformat(row["first_seen"]),
        datetime.fromisoformat(row["last_seen"]),
    )
    assert first.utcoffset() == timedelta(0)
    assert last >= first


def test_dates_travel_in_the_stored_record(store: Store, extraction: Extraction) -> None:
    from eventwire.records import DateMention

    start = extraction.article.text.index("Monday")
    dated = dataclasses.replace(
        extraction,
        dates=[DateMention("D1", start, start + 6, "Monday", "2019-02-18", "day", True)],
    )
    store.add(dated)
    [record] = list(store.records())
    assert record["dates"] == [d.to_dict() for d in dated.dates]
    assert Extraction.from_dict(record).dates == dated.dates


def test_sqlite_bulk_insert_stores_what_a_sqlalchemy_insert_stores() -> None:
    from eventwire.store.database import bulk_insert
    from eventwire.store.schema import kb_actors

    when = datetime(2024, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    rows = [
        {
            "id": n,
            "name": f"Actor {n}",
            "kind": "PERSON",
            "country": None if n % 2 else "COL",
            "sector": None,
            "tallies": {"countries": {"COL": n}, "sectors": {}},
            "articles": n,
            "mentions": 2 * n,
            "first_seen": "2024-03-04",
            "last_seen": None,
            "origin": "learned",
            "locked": bool(n % 2),
            "merged_into": None,
            "updated_at": when,
        }
        for n in range(1, 6)
    ]
    stored = []
    for write in (bulk_insert, lambda c, t, r: c.execute(sa.insert(t), r)):
        with Store(":memory:") as store:
            with store.engine.begin() as connection:
                write(connection, kb_actors, rows)
            with store.engine.connect() as connection:
                raw = connection.exec_driver_sql("SELECT * FROM kb_actors ORDER BY id").all()
                typed = connection.execute(sa.select(kb_actors).order_by(kb_actors.c.id)).all()
        stored.append(([tuple(r) for r in raw], [tuple(r) for r in typed]))
    assert stored[0] == stored[1]
    assert stored[0][1][0][5] == rows[0]["tallies"]


def test_sqlite_bulk_insert_rejects_a_duplicate_key_as_sqlalchemy_does() -> None:
    from eventwire.store.database import bulk_insert
    from eventwire.store.schema import feeds

    row = {"id": "k", "url": "https://f.example/rss", "checked_at": datetime.now(UTC)}
    with (
        Store(":memory:") as store,
        pytest.raises(sa.exc.IntegrityError),
        store.engine.begin() as connection,
    ):
        bulk_insert(connection, feeds, [row, row])
