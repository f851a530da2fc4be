"""Corpus events: the same event reported by several outlets is one event with a source count."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from eventwire.corpus.events import (
    merge_extractions,
    rebuild_corpus_events,
    update_corpus_events,
)
from eventwire.records import Actor, Article, Event, Extraction, Place, Span, content_hash
from eventwire.store import Store
from eventwire.store.database import MIGRATIONS


def article(
    text: str,
    *,
    source: str | None,
    published: str | None = "2024-03-04",
    url: str | None = None,
) -> Article:
    digest = content_hash(text + (source or "") + (url or ""))
    return Article(id=digest, hash=digest, text=text, source=source, url=url, published=published)


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def report(
    outlet: str | None,
    *,
    type: str = "ASSAULT",
    source: tuple[str, str, str | None] = ("Army", "ORG", None),
    target: tuple[str, str, str | None] | None = ("Protesters", "GROUP", None),
    place: tuple[str, str | None, int | None, str] | None = ("Quito", "ECU", 3652462, "city"),
    date: str | None = "2024-03-04",
    published: str | None = "2024-03-04",
    status: str = "asserted",
    url: str | None = None,
    extra: str = "",
) -> Extraction:
    """One article reporting one event; ``extra`` makes the text (and so the id) differ."""
    text = f"The soldiers attacked the crowd in the square. {extra}"
    actors = [Actor(id="A1", name=source[0], kind=source[1], country=source[2])]
    targets = []
    if target is not None:
        actors.append(Actor(id="A2", name=target[0], kind=target[1], country=target[2]))
        targets = ["A2"]
    places = []
    if place is not None:
        places.append(
            Place(id="P1", name=place[0], country=place[1], geonameid=place[2], feature=place[3])
        )
    event = Event(
        id="E1",
        type=type,
        trigger=span(text, "attacked"),
        sentence=span(text, "The soldiers attacked the crowd in the square."),
        source=["A1"],
        target=targets,
        place="P1" if places else None,
        date=date,
        status=status,
    )
    return Extraction(
        article=article(text, source=outlet, published=published, url=url),
        actors=actors,
        events=[event],
        places=places,
    )


def test_three_outlets_reporting_one_event_give_one_event_with_three_sources() -> None:
    (event,) = merge_extractions(
        [report("Wire A"), report("Wire B", date="2024-03-05"), report("Daily C", date=None)]
    )
    assert (event.sources, event.articles, len(event.members)) == (3, 3, 3)
    assert event.names("source") == ["Army"] and event.names("target") == ["Protesters"]
    assert (event.first.isoformat(), event.last.isoformat()) == ("2024-03-04", "2024-03-05")


def test_one_outlet_reporting_twice_counts_as_one_source() -> None:
    (event,) = merge_extractions(
        [report("Wire A", extra="First."), report("wire a", extra="Update.")]
    )
    assert (event.sources, event.articles) == (1, 2)


def test_outlet_falls_back_to_the_url_host() -> None:
    (event,) = merge_extractions(
        [
            report(None, url="https://www.one.example/a"),
            report(None, url="https://one.example/b", extra="x"),
            report(None, url="https://two.example/c", extra="y"),
        ]
    )
    assert event.sources == 2


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"type": "PROTEST"}, "another type"),
        ({"date": "2024-03-06"}, "two days later"),
        ({"target": ("Journalists", "GROUP", None)}, "another target"),
        ({"source": ("Police", "ORG", None)}, "another source"),
        ({"place": ("Guayaquil", "ECU", 3657509, "city")}, "another city"),
        ({"status": "negated"}, "denied, not reported"),
    ],
)
def test_events_that_differ_are_not_merged(change: dict[str, object], why: str) -> None:
    events = merge_extractions([report("Wire A"), report("Wire B", **change)])  # type: ignore[arg-type]
    assert len(events) == 2, why


def test_a_window_of_one_day_is_counted_from_the_earliest_report() -> None:
    events = merge_extractions(
        [
            report("A", date="2024-03-04"),
            report("B", date="2024-03-05"),
            report("C", date="2024-03-06"),
        ]
    )
    assert [len(e.members) for e in events] == [2, 1]


def test_unknown_sides_and_a_country_level_place_are_compatible() -> None:
    events = merge_extractions(
        [
            report("A"),
            report("B", target=None, place=("Ecuador", "ECU", 3658394, "country")),
        ]
    )
    assert len(events) == 1


def test_nothing_in_common_but_type_and_day_is_not_enough() -> None:
    events = merge_extractions(
        [
            report("A", target=None, place=None),
            report("B", source=("Rebels", "GROUP", None), target=None, place=None),
        ]
    )
    assert len(events) == 2


def test_actors_match_across_articles_by_alias_country_code_or_surname() -> None:
    surname = merge_extractions(
        [
            report("A", source=("Nicolás Maduro", "PERSON", None)),
            report("B", source=("Maduro", "PERSON", None)),
        ]
    )
    assert len(surname) == 1
    country = merge_extractions(
        [
            report("A", source=("Venezuela", "COUNTRY", "VEN")),
            report("B", source=("Venezuelan government", "COUNTRY", "VEN")),
        ]
    )
    assert len(country) == 1
    first = report("A", source=("National Liberation Army", "ORG", None))
    first.actors[0].aliases.append("ELN")
    alias = merge_extractions([first, report("B", source=("ELN", "ORG", None))])
    assert len(alias) == 1


def test_undated_events_stay_apart() -> None:
    events = merge_extractions(
        [report("A", date=None, published=None), report("B", date=None, published=None)]
    )
    assert len(events) == 2


def test_grouping_does_not_depend_on_input_order() -> None:
    items = [report("A"), report("B", date="2024-03-05"), report("C", type="PROTEST")]
    forward = {(e.id, e.sources) for e in merge_extractions(items)}
    backward = {(e.id, e.sources) for e in merge_extractions(reversed(items))}
    assert forward == backward


def test_store_keeps_corpus_events_up_to_date_as_articles_arrive() -> None:
    with Store(":memory:") as store:
        store.add_many([report("Wire A"), report("Wire B", type="PROTEST")])
        assert update_corpus_events(store) == 2
        assert store.corpus_counts()["corpus_events"] == 2
        # A later article about the first event joins it; nothing is counted twice.
        store.add_many([report("Daily C", date="2024-03-05")])
        update_corpus_events(store)
        assert update_corpus_events(store) == 0  # nothing left to group
        with store.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT type, sources, articles, date_start, date_end FROM corpus_events "
                "ORDER BY type"
            ).all()
            links = connection.exec_driver_sql(
                "SELECT count(*), count(DISTINCT corpus_event_id) FROM corpus_event_reports"
            ).one()
        assert [tuple(r) for r in rows] == [
            ("ASSAULT", 2, 2, "2024-03-04", "2024-03-05"),
            ("PROTEST", 1, 1, "2024-03-04", "2024-03-04"),
        ]
        assert tuple(links) == (3, 2)


def test_store_regroups_the_days_around_a_late_report_without_counting_twice() -> None:
    with Store(":memory:") as store:
        store.add_many([report("Wire A", date="2024-03-03"), report("Daily C", date="2024-03-05")])
        update_corpus_events(store)
        assert store.corpus_counts()["corpus_events"] == 2  # two days apart
        store.add_many([report("Wire B", date="2024-03-04")])
        update_corpus_events(store)
        counts = store.corpus_counts()
        assert (counts["corpus_events"], counts["corpus_event_reports"]) == (2, 3)
        with store.engine.connect() as connection:
            sizes = connection.exec_driver_sql(
                "SELECT date_start, articles FROM corpus_events ORDER BY date_start"
            ).all()
        assert [tuple(r) for r in sizes] == [("2024-03-03", 2), ("2024-03-05", 1)]


def _generated_corpus(count: int, seed: int) -> list[Extraction]:
    """Articles with one to three events drawn from small pools, so that many merge."""
    rng = random.Random(seed)
    people = [("Army", "ORG"), ("Police", "ORG"), ("Protesters", "GROUP"), ("ELN", "ORG")]
    people += [("Gustavo Petro", "PERSON"), ("Petro", "PERSON"), ("Students", "GROUP")]
    towns = [("Quito", "ECU", 3652462, "city"), ("Ecuador", "ECU", 3658394, "country")]
    towns += [("Cali", "COL", 3687925, "city")]
    found = []
    for number in range(count):
        text = f"Article {number}. " + " ".join(f"Sentence {k} here." for k in range(3))
        day = date(2024, 3, 1) + timedelta(rng.randrange(12))
        actors = [
            Actor(id=f"A{k + 1}", name=name, kind=kind)
            for k, (name, kind) in enumerate(rng.sample(people, 3))
        ]
        town = rng.choice(towns)
        places = [Place(id="P1", name=town[0], country=town[1], geonameid=town[2], feature=town[3])]
        events = []
        for k in range(rng.randint(1, 3)):
            sentence = span(text, f"Sentence {k} here.")
            when = rng.choice([day.isoformat(), None, (day - timedelta(1)).isoformat()])
            events.append(
                Event(
                    id=f"E{k + 1}",
                    type=rng.choice(["ASSAULT", "PROTEST", "MEET"]),
                    trigger=Span(sentence.start, sentence.start + 8, "Sentence"),
                    sentence=sentence,
                    source=[rng.choice(actors).id],
                    target=rng.choice([[], [actors[2].id]]),
                    place=rng.choice(["P1", None]),
                    date=when,
                    status=rng.choice(["asserted", "asserted", "reported", "denied"]),
                )
            )
        published = rng.choice([day.isoformat(), day.isoformat(), None])
        digest = content_hash(text)
        found.append(
            Extraction(
                article=Article(
                    id=digest,
                    hash=digest,
                    text=text,
                    source=rng.choice(["Wire A", "Wire B", "Daily C", "Post D", None]),
                    url=f"https://news{number % 5}.example/{number}",
                    published=published,
                ),
                actors=actors,
                events=events,
                places=places,
            )
        )
    return found


def _corpus_tables(store: Store) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    with store.engine.connect() as connection:
        events = connection.exec_driver_sql(
            "SELECT id, type, status, date_start, date_end, source_actors, target_actors, "
            "places, sources, articles, reports FROM corpus_events"
        ).all()
        links = connection.exec_driver_sql(
            "SELECT article_id, event_id, corpus_event_id, date FROM corpus_event_reports"
        ).all()

    def hashable(row: Sequence[object]) -> tuple[object, ...]:
        return tuple(repr(v) if isinstance(v, list | dict) else v for v in row)

    return {hashable(row) for row in events}, {hashable(row) for row in links}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_updates_give_what_a_rebuild_gives(seed: int) -> None:
    corpus = _generated_corpus(240, seed)
    random.Random(seed).shuffle(corpus)  # batches arrive in no date order
    with Store(":memory:") as store:
        for start in range(0, len(corpus), 17):
            batch = corpus[start : start + 17]
            store.add_many(batch)
            update_corpus_events(store, batch[: len(batch) // 2])  # the rest read back
        incremental = _corpus_tables(store)
        assert rebuild_corpus_events(store) == len(incremental[0])
        rebuilt = _corpus_tables(store)
    assert incremental == rebuilt
    expected = merge_extractions(corpus)
    assert len(expected) == len(rebuilt[0])
    assert {e.id for e in expected} == {row[0] for row in rebuilt[0]}
    assert any(row[9] > 1 for row in rebuilt[0])  # the corpus does merge reports


def test_a_database_made_before_pending_lists_its_ungrouped_events(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_many([report("Wire A"), report("Wire B")])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.downgrade(config, "0003_corpus")  # as made before: nothing lists pending articles
    with Store(path) as store:  # upgraded on opening: the ungrouped articles are pending
        assert update_corpus_events(store) == 1
        assert store.corpus_counts()["corpus_event_reports"] == 2
        assert update_corpus_events(store) == 0


def test_corpus_events_rebuild_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "events.db"
    with Store(path) as store:
        store.add_many([report("Wire A"), report("Wire B"), report("Wire C", type="PROTEST")])
        update_corpus_events(store)
        before = _corpus_tables(store)
    result = CliRunner().invoke(app, ["corpus-events", "rebuild", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 corpus events from 3 reports" in result.output
    with Store(path) as store:
        assert _corpus_tables(store) == before
    missing = CliRunner().invoke(app, ["corpus-events", "rebuild", "--db", str(tmp_path / "no")])
    assert missing.exit_code == 2 and "no such database" in missing.output


def test_updater_memory_is_bounded_and_keeps_no_undated_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventwire.corpus.events import CorpusEventUpdater

    monkeypatch.setattr("eventwire.corpus.events.CACHED_ARTICLES", 10)
    undated = [report(f"Wire {n}", date=None, published=None, extra=str(n)) for n in range(5)]
    dated = [report(f"Post {n}", extra=f"d{n}") for n in range(25)]
    with Store(":memory:") as store:
        updater = CorpusEventUpdater(store)
        store.add_many(undated)
        assert updater.update(undated) == 5
        assert len(updater._reports) == 0 and not updater._held
        store.add_many(dated)
        updater.hold(dated)
        updater.update()
        assert len(updater._reports) == 10 and not updater._held
