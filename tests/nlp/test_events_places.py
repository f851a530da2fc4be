"""Where events happen: the place in their sentence, else the same kind of event placed
elsewhere in the article, else the dateline, else the article's main place."""

from __future__ import annotations

from collections import Counter

from eventwire.nlp.events import _dateline, _main_place
from eventwire.pipeline import Pipeline
from eventwire.records import Event, Extraction


def _place(extraction: Extraction, event: Event) -> str | None:
    names = {p.id: p.name for p in extraction.places}
    return names.get(event.place or "")


def _first(extraction: Extraction, type_: str, trigger: str) -> Event:
    found = [e for e in extraction.events if e.type == type_ and e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in extraction.events]
    return found[0]


def test_event_takes_the_place_named_in_its_sentence(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("Police arrested two journalists in Quito on Monday.")
    assert _place(extraction, _first(extraction, "COERCE", "arrested")) == "Quito"


def test_event_without_a_place_takes_that_of_the_same_event_told_elsewhere(
    pipeline: Pipeline,
) -> None:
    text = (
        "Thousands of students protested against the new law yesterday. "
        "Police watched from a distance. "
        "The protests in Lima drew crowds from across Peru."
    )
    extraction = pipeline.extract(text, published="2020-03-10")
    event = _first(extraction, "PROTEST", "protested")
    assert _place(extraction, event) == "Lima"
    assert (event.date, event.date_source) == ("2020-03-09", "text")


def test_coreference_needs_the_same_type(pipeline: Pipeline) -> None:
    text = (
        "Thousands of students protested against the new law. "
        "Separately, an attack in Lima killed two soldiers. "
        "Officials in Chile said little, and Chile waited."
    )
    extraction = pipeline.extract(text)
    # no protest is placed: the ASSAULT in Lima does not lend its place; the main place does
    assert _place(extraction, _first(extraction, "PROTEST", "protested")) == "Chile"


def test_event_without_a_place_falls_back_to_the_dateline() -> None:
    text = "QUITO, Ecuador — The ministry said on Monday that it was satisfied."
    places = [(0, 5, "P1"), (7, 14, "P2"), (200, 205, "P3")]
    assert _dateline(text, places) == "P1"
    assert _dateline("In Quito, the ministry said.", [(3, 8, "P1")]) is None


def test_dateline_places_an_event_in_a_later_sentence(pipeline: Pipeline) -> None:
    text = (
        "QUITO, Ecuador — The ministry said on Monday that it was satisfied.\n\n"
        "Police arrested two journalists on Sunday. Officials in Peru and Peru's capital "
        "were told, and Peru protested."
    )
    extraction = pipeline.extract(text)
    # Peru is named more often; the dateline wins over the main place
    assert _place(extraction, _first(extraction, "COERCE", "arrested")) in ("Quito", "Ecuador")


def test_main_place_prefers_a_city_inside_the_main_country() -> None:
    places = [(0, 5, "VE"), (10, 15, "CO"), (20, 25, "VE"), (30, 37, "CCS"), (40, 45, "US")]
    counts = {"VE": 2, "CO": 1, "CCS": 1, "US": 1}
    country_of = {"VE": "VEN", "CO": "COL", "CCS": "VEN", "US": "USA"}

    assert _main_place(places, Counter(counts), country_of, {"CCS"}) == "CCS"
    assert _main_place(places, Counter(counts), country_of, set()) == "VE"
    assert _main_place([], Counter(), {}, set()) is None


def test_a_place_that_is_the_target_is_still_where_the_event_happens(pipeline: Pipeline) -> None:
    text = "Thai authorities imposed a curfew in Bangkok. Officials in Chiang Mai said little."
    extraction = pipeline.extract(text)
    assert _place(extraction, _first(extraction, "COERCE", "imposed a curfew")) == "Bangkok"
