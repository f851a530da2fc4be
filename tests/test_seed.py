"""End to end on the founding example, ../shared/seed/venezuela-eln.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Event, Extraction
from eventwire.schema import validate


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline, shared: Path) -> Extraction:
    path = shared / "seed" / "venezuela-eln.txt"
    if not path.exists():
        pytest.skip(f"seed story not found at {path}")
    return pipeline.extract(path.read_text(encoding="utf-8"), published="2019-02-24")


def _actor(seed: Extraction, name: str) -> Actor:
    found = [a for a in seed.actors if a.name == name]
    assert len(found) == 1, f"{name!r} not one actor: {[a.name for a in seed.actors]}"
    return found[0]


def _texts(actor: Actor) -> set[str]:
    return {m.text for m in actor.mentions}


def test_seed_output_satisfies_the_json_schema(seed: Extraction) -> None:
    validate(seed.to_dict())


def test_seed_text_is_the_input_unchanged_and_offsets_hold(seed: Extraction) -> None:
    text = seed.article.text
    for actor in seed.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_seed_beltran_is_israel_ramirez_pineda(seed: Extraction) -> None:
    beltran = _actor(seed, "Pablo Beltrán")
    assert beltran.kind == "PERSON"
    assert "Israel Ramírez Pineda" in beltran.aliases
    assert {"Pablo Beltrán", "Israel Ramírez Pineda", "Beltrán"} <= _texts(beltran)


def test_seed_eln_acronym_joins_its_expansion(seed: Extraction) -> None:
    eln = _actor(seed, "National Liberation Army")
    assert "ELN" in eln.aliases
    assert [m.text for m in eln.mentions].count("ELN") >= 3


def test_seed_farc_acronym_before_expansion(seed: Extraction) -> None:
    farc = _actor(seed, "Revolutionary Armed Forces of Colombia")
    assert farc.aliases == ["Farc"]


def test_seed_maduro_and_trump_are_people_not_organisations(seed: Extraction) -> None:
    maduro = _actor(seed, "Nicolás Maduro")
    trump = _actor(seed, "Donald Trump")
    assert maduro.kind == trump.kind == "PERSON"
    assert "Trump" in _texts(trump)
    assert not [a for a in seed.actors if a.kind == "ORG" and a.name in ("Maduro", "Trump")]
    assert len(maduro.mentions) >= 9


def test_seed_countries_have_iso_codes(seed: Extraction) -> None:
    countries = {a.country: a for a in seed.actors if a.kind == "COUNTRY"}
    assert {"VEN", "COL", "USA", "CUB", "FRA", "GBR"} <= set(countries)
    assert {"US", "Americans", "United States"} <= _texts(countries["USA"])


def test_seed_duplicate_caption_and_credits_are_removed(seed: Extraction) -> None:
    text = seed.article.text
    reasons = [(r.reason, text[r.start : r.end]) for r in seed.article.removed]
    caption = [t for reason, t in reasons if reason == "caption"]
    duplicate = [t for reason, t in reasons if reason == "duplicate"]
    assert len(caption) == 1 and caption[0].endswith("Photo / AP")
    assert duplicate == caption
    assert "Photo / AP" in seed.article.credits
    assert "additional reporting Washington Post" in seed.article.credits
    assert not [a for a in seed.actors if "AP" in a.name or "Washington Post" in a.name]


# ------------------------------------------------------------------ events
def _event(seed: Extraction, type_: str, trigger: str) -> Event:
    found = [e for e in seed.events if e.type == type_ and e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in seed.events]
    return found[0]


def _ids(seed: Extraction, name: str) -> str:
    return _actor(seed, name).id


def test_seed_maduro_threatens_trump_with_the_vietnam_warning(seed: Extraction) -> None:
    event = _event(seed, "THREATEN", "warned")
    assert event.source == [_ids(seed, "Nicolás Maduro")]
    assert event.target == [_ids(seed, "Donald Trump")]
    assert event.status == "asserted"


def test_seed_bolton_threatens_venezuela_all_options_on_the_table(seed: Extraction) -> None:
    event = _event(seed, "THREATEN", "all options are on the table")
    assert event.source == [_ids(seed, "John Bolton")]
    assert _ids(seed, "Venezuela") in event.target
    assert event.status == "asserted"


def test_seed_beltran_accuses_the_us_of_staging_a_coup(seed: Extraction) -> None:
    event = _event(seed, "ACCUSE", "accused")
    assert event.source == [_ids(seed, "Pablo Beltrán")]
    assert event.target == [_ids(seed, "United States")]
    assert event.status == "asserted"
    coup = _event(seed, "COERCE", "staging a coup")
    assert coup.status == "reported"
    assert coup.source == [_ids(seed, "United States")]


def test_seed_yanez_accuses_maduro_and_supports_guaido(seed: Extraction) -> None:
    yanez = _ids(seed, "Francisco Yanez")
    accuse = _event(seed, "ACCUSE", "denounced")
    support = _event(seed, "SUPPORT", "recognised")
    assert (accuse.source, accuse.target) == ([yanez], [_ids(seed, "Nicolás Maduro")])
    assert (support.source, support.target) == ([yanez], [_ids(seed, "Juan Guaidó")])
    assert accuse.status == support.status == "asserted"


def test_seed_eln_blamed_for_attacks_is_reported_with_the_eln_as_source(seed: Extraction) -> None:
    attacks = _event(seed, "ASSAULT", "attacks")
    assert attacks.status == "reported"
    assert attacks.source == [_ids(seed, "National Liberation Army")]


def test_seed_events_have_triggers_quads_and_dates(seed: Extraction) -> None:
    text = seed.article.text
    assert seed.events
    for event in seed.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.quad in (1, 2, 3, 4)
        assert event.date is not None and event.date_source in ("text", "published")


@pytest.mark.xfail(
    reason="needs the actors stage (not merged): 'A hard-left guerrilla group' as a description "
    "of the ELN, which the small parser also misattaches; or the quotes stage with Beltrán as "
    "an ELN member for 'If they come for us, we will respond'",
    strict=False,
)
def test_seed_eln_threatens_the_us(seed: Extraction) -> None:
    eln, usa = _ids(seed, "National Liberation Army"), _ids(seed, "United States")
    threats = [
        e for e in seed.events if e.type == "THREATEN" and eln in e.source and usa in e.target
    ]
    assert threats
    assert threats[0].status in ("future", "conditional")


@pytest.mark.xfail(
    reason="needs the actors stage (not merged) to make 'anti-government protesters' an actor; "
    "the date check needs the dates stage (doc._.dates)",
    strict=False,
)
def test_seed_protesters_protest_against_maduros_government(seed: Extraction) -> None:
    event = _event(seed, "PROTEST", "rallied")
    names = {a.id: a for a in seed.actors}
    assert event.source and any("protester" in m.text for m in names[event.source[0]].mentions)
    maduro = _ids(seed, "Nicolás Maduro")
    assert any(t == maduro or "government" in names[t].name.lower() for t in event.target)
    assert event.status == "asserted"
    if Doc.has_extension("dates"):
        assert (event.date, event.date_source) == ("2019-02-23", "text")
