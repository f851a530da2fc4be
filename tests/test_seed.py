"""End to end on the founding example, ../shared/seed/venezuela-eln.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Event, Extraction, Quote
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


def test_seed_places_resolve_to_caracas_and_the_countries(seed: Extraction) -> None:
    by_name = {p.name: p for p in seed.places}
    caracas = by_name.get("Caracas")
    assert caracas is not None, [p.name for p in seed.places]
    assert (caracas.country, caracas.feature, caracas.geonameid) == ("VEN", "city", 3646738)
    countries = {p.country: p for p in seed.places if p.feature == "country"}
    assert {"CUB", "COL", "VEN", "FRA", "GBR"} <= set(countries)
    assert "Britain" in {m.text for m in countries["GBR"].mentions}
    text = seed.article.text
    for place in seed.places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text


def test_seed_dates_resolve_against_publication(seed: Extraction) -> None:
    values = {d.text.lower(): d.value for d in seed.dates}
    assert values.get("yesterday") == "2019-02-23"
    assert values.get("last week") == "2019-W07"


# ---------------------------------------------------------------------- actors: who is who


def _holding(seed: Extraction, mention: str, kind: str | None = None) -> Actor:
    found = [a for a in seed.actors if mention in _texts(a) and (kind is None or a.kind == kind)]
    assert len(found) == 1, f"{mention!r}: {[(a.name, sorted(_texts(a))) for a in found]}"
    return found[0]


def test_seed_eln_is_colombian_rebels_with_its_descriptions(seed: Extraction) -> None:
    eln = _actor(seed, "National Liberation Army")
    assert (eln.kind, eln.country, eln.sector) == ("ORG", "COL", "REB")
    assert {"The Marxist group", "The rebels", "the guerrillas"} <= _texts(eln)
    descriptions = [m for m in eln.mentions if m.how == "description"]
    assert {m.text for m in descriptions} >= {"The Marxist group", "The rebels", "the guerrillas"}


def test_seed_beltran_is_the_eln_commander(seed: Extraction) -> None:
    beltran = _actor(seed, "Pablo Beltrán")
    eln = _actor(seed, "National Liberation Army")
    assert (beltran.country, beltran.sector) == ("COL", "REB")
    assert beltran.member_of == eln.id
    assert "commander" in beltran.roles
    assert "the ELN commander" in _texts(beltran)
    # "he said" after his quote is Beltrán
    assert any(m.how == "pronoun" and m.text == "he" for m in beltran.mentions)


def test_seed_maduro_is_the_venezuelan_government(seed: Extraction) -> None:
    maduro = _actor(seed, "Nicolás Maduro")
    assert (maduro.country, maduro.sector) == ("VEN", "GOV")
    assert "the Venezuelan President" in _texts(maduro)


def test_seed_trump_and_bolton_are_the_us_government(seed: Extraction) -> None:
    trump = _actor(seed, "Donald Trump")
    bolton = _actor(seed, "John Bolton")
    assert (trump.country, trump.sector) == ("USA", "GOV")
    assert (bolton.country, bolton.sector) == ("USA", "GOV")
    assert "the US President" in _texts(trump)
    assert "national security adviser" in bolton.roles


def test_seed_guaido_is_the_venezuelan_opposition(seed: Extraction) -> None:
    guaido = _actor(seed, "Juan Guaidó")
    assert (guaido.kind, guaido.country, guaido.sector) == ("PERSON", "VEN", "OPP")


def test_seed_yanez_is_the_venezuelan_military(seed: Extraction) -> None:
    yanez = _actor(seed, "Francisco Yanez")
    assert (yanez.country, yanez.sector) == ("VEN", "MIL")
    assert "an acting Venezuelan air force general" in _texts(yanez)


def test_seed_national_assembly_is_the_venezuelan_legislature(seed: Extraction) -> None:
    assembly = _holding(seed, "National Assembly", kind="ORG")
    assert (assembly.country, assembly.sector) == ("VEN", "LEG")


def test_seed_protesters_are_venezuelan(seed: Extraction) -> None:
    protesters = _holding(seed, "anti-government protesters")
    assert protesters.kind == "GROUP"
    assert protesters.country == "VEN"


def test_seed_mentions_by_description_and_pronoun_are_marked(seed: Extraction) -> None:
    hows = {m.how for a in seed.actors for m in a.mentions}
    assert {"description", "pronoun"} <= hows


def test_samples_knowledge_base_holds_one_entry_per_actor(tmp_path: Path) -> None:
    """Ingest the bundled samples: no person or organisation is entered twice."""
    from collections import Counter

    from eventwire.corpus.kb import KnowledgeBase
    from eventwire.knowledge.countries import normalize_name
    from eventwire.run import ingest
    from eventwire.store import Store

    samples = Path(__file__).resolve().parents[1] / "samples"
    with Store(tmp_path / "samples.db") as store:
        report = ingest([str(samples)], store, Pipeline())
        assert report.failed == 0 and report.linked == report.added > 0
        kb = KnowledgeBase(store)
        entries = kb.actors(limit=None)
        exported = {a["id"]: a for a in kb.export()["actors"]}
    countries = Counter(a.country for a in entries if a.kind == "COUNTRY")
    assert all(n == 1 for n in countries.values()), countries
    named = [a for a in entries if a.kind != "COUNTRY"]
    keys = Counter((normalize_name(a.name), a.country) for a in named)
    assert [k for k, n in keys.items() if n > 1] == []
    people = [a for a in named if a.kind == "PERSON"]
    full = {tuple(normalize_name(a.name).split()) for a in people}
    for person in people:
        words = tuple(normalize_name(person.name).split())
        # a surname or a shorter form of a full name must have been linked to the full name
        longer = [f for f in full if f != words and set(words) < set(f)]
        assert not longer, f"{person.name!r} is entered apart from {longer}"
        names = [normalize_name(n) for n in [person.name, *exported[person.id]["aliases"]]]
        assert len(set(names)) == len(names)


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
    # the vow of "a hard-left guerrilla group operating in the mountains that border
    # Venezuela and Colombia": the group (the ELN), not the countries
    vow = quote("respond to any military intervention")
    assert vow.speaker == _actor(seed, "National Liberation Army").id
    warning = quote("walking into his own Vietnam")
    assert (warning.kind, warning.speaker) == ("indirect", maduro)
    assert warning.cue is not None and warning.cue.text == "warned"
    text = seed.article.text
    for q in seed.quotes:
        assert text[q.content.start : q.content.end] == q.content.text


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


def test_seed_eln_threatens_the_us(seed: Extraction) -> None:
    eln, usa = _ids(seed, "National Liberation Army"), _ids(seed, "United States")
    threats = [
        e for e in seed.events if e.type == "THREATEN" and eln in e.source and usa in e.target
    ]
    assert threats
    assert threats[0].status in ("future", "conditional")


def test_seed_protesters_protest_against_maduros_government(seed: Extraction) -> None:
    event = _event(seed, "PROTEST", "rallied")
    names = {a.id: a for a in seed.actors}
    assert event.source and any("protester" in m.text for m in names[event.source[0]].mentions)
    maduro = _ids(seed, "Nicolás Maduro")
    assert any(t == maduro or "government" in names[t].name.lower() for t in event.target)
    assert event.status == "asserted"
    if Doc.has_extension("dates"):
        assert (event.date, event.date_source) == ("2019-02-23", "text")
