"""End to end on the founding example, ../shared/seed/venezuela-eln.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Extraction, Quote
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


def test_seed_quotes_are_attributed_to_their_speakers(seed: Extraction) -> None:
    beltran = _actor(seed, "Pablo Beltrán").id
    bolton = _actor(seed, "John Bolton").id
    maduro = _actor(seed, "Nicolás Maduro").id

    def quote(words: str) -> Quote:
        found = [q for q in seed.quotes if words in q.content.text]
        assert len(found) == 1, f"{words!r}: {[q.content.text for q in seed.quotes]}"
        return found[0]

    # Beltrán's two direct quotes ("…," he said. "…"): "he" is Beltrán
    for words in ("It's certain that the US attack plan", "We won't run away and hide"):
        assert quote(words).kind == "direct"
        assert quote(words).speaker == beltran
    options = quote("all options are on the table")
    assert (options.kind, options.speaker) == ("mixed", bolton)
    assert options.cue is not None and options.cue.text == "insisted"
    warning = quote("walking into his own Vietnam")
    assert (warning.kind, warning.speaker) == ("indirect", maduro)
    assert warning.cue is not None and warning.cue.text == "warned"
    text = seed.article.text
    for q in seed.quotes:
        assert text[q.content.start : q.content.end] == q.content.text
