"""The event scorers: readers and metrics on small files written here, and a short real run."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import Score, below_floor, floors, load_scorers
from eventwire.evaluate.events import (
    ActorCodes,
    macro_f1,
    main_event,
    read_cameo_class,
    read_cameo_ner,
    read_petrarch_records,
    story_type,
)
from eventwire.records import Event, Span


def _event(type_: str, start: int, how: str = "verb", status: str = "asserted") -> Event:
    return Event(
        id="E1",
        type=type_,
        trigger=Span(start, start + 1, "x"),
        sentence=Span(0, 10, "x" * 10),
        how=how,
        status=status,
        confidence=0.8,
    )


def test_macro_f1_averages_per_class_f1() -> None:
    assert macro_f1([1, 2, 0], [1, 2, 0], range(3)) == 1.0
    assert macro_f1([1, 1], [2, 2], (1, 2)) == 0.0
    assert macro_f1([1, 2], [1, 1], (1, 2)) == pytest.approx((2 / 3 + 0) / 2)


def test_main_event_prefers_verbs_then_position_and_can_skip_unreal_events() -> None:
    nominal = _event("ASSAULT", 0, how="nominal")
    later = _event("ACCUSE", 5)
    first = _event("SUPPORT", 2, status="hypothetical")
    assert main_event([nominal, later, first]) is first
    assert main_event([nominal, later, first], real_only=True) is later
    assert main_event([]) is None
    threat = _event("THREATEN", 1, status="future")
    assert main_event([threat, later], real_only=True) is threat


def test_story_type_is_the_most_frequent_real_type() -> None:
    events = [_event("ASSAULT", 0), _event("PROTEST", 1), _event("PROTEST", 2)]
    assert story_type(events) == "PROTEST"
    assert story_type([]) is None


def test_read_cameo_class_handles_quoted_rows(tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"
    path.write_text('Troops attacked.\t4\r\n"He said ""no"" twice."\t0\r\n', encoding="utf-8")
    assert read_cameo_class(path) == [("Troops attacked.", 4), ('He said "no" twice.', 0)]


def test_read_cameo_ner_turns_bio_tags_into_character_spans(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("Iraqi B-S\ntroops I-S\nhit O\nthe B-T\nbase I-T\n. O\n\nNo O\n", "utf-8")
    first, second = read_cameo_ner(path)
    assert first.text == "Iraqi troops hit the base ."
    assert first.spans == {("S", 0, 12), ("T", 17, 25)}
    assert second.spans == set()


def test_read_petrarch_records_skips_error_tests(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(
        """<Sentences>
<Sentence date="1" id="A-1" category="X" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="223"></EventCoding>
<Text>Arnor attacked Gondor.</Text></Sentence>
<Sentence date="1" id="E-1" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding><Text>Bad.</Text></Sentence>
<Sentence date="1" id="N-1" category="X" sentence="true">
<EventCoding noevents = "True"></EventCoding><Text>Nothing happened.</Text></Sentence>
</Sentences>""",
        "utf-8",
    )
    records = read_petrarch_records(path)
    assert [r.id for r in records] == ["A-1", "N-1"]
    assert records[0].events == [("ARN", "GON", "223")]
    assert records[1].no_events and records[1].events == []


def test_actor_codes_find_fictional_actors_by_longest_phrase(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- header -->\nARNOR_  [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\nITHILEN MILITARY  [ITHMIL]\n"
        "ITHILEN [ITH] # comment\nGOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n",
        "utf-8",
    )
    codes = ActorCodes(path)
    assert codes.roots("the army of Arnor") == {"ARN"}
    assert codes.roots("Minas Tirith officials") == {"GON"}
    assert codes.roots("Ithilen military and Smeagol") == {"ITH", "HOB"}
    assert codes.roots("nobody") == set()


def test_events_scorer_is_registered() -> None:
    assert load_scorers()["events"].default_path == "data/events"


@pytest.mark.shared
def test_events_scorer_runs_on_a_few_items_of_each_set(shared: Path) -> None:
    data = shared / "data" / "events"
    if not data.exists():
        pytest.skip(f"no events data at {data}")
    score = load_scorers()["events"].run(data, 12)
    for metric in ("quad_macro_f1", "span_f1", "petrarch_type_accuracy", "ngec_type_accuracy"):
        assert 0.0 <= score.metrics[metric] <= 1.0
    assert score.counts["quad_sentences"] == 12


def test_events_floors_include_a_ceiling_on_spurious_events() -> None:
    good = {name: 1.0 for name in floors()["events"] if not name.startswith("max ")}
    assert below_floor(Score("events", "x", {**good, "spurious_per_sentence": 0.1})) == []
    problems = below_floor(Score("events", "x", {**good, "spurious_per_sentence": 0.9}))
    assert problems == ["events spurious_per_sentence 0.900 > ceiling 0.300"]
    low = below_floor(
        Score("events", "x", {**good, "quad_macro_f1": 0.1, "spurious_per_sentence": 0})
    )
    floor = floors()["events"]["quad_macro_f1"]
    assert low == [f"events quad_macro_f1 0.100 < floor {floor:.3f}"]
