"""Descriptions, pronouns, governments and attributes within one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.records import Actor
from eventwire.settings import Settings


def _actors(pipeline: Pipeline, text: str) -> list[Actor]:
    return pipeline.extract(text, published="2024-05-02").actors


def _holding(actors: list[Actor], mention: str) -> Actor:
    found = [a for a in actors if mention in {m.text for m in a.mentions}]
    assert len(found) == 1, (
        f"{mention!r} in {[(a.name, [m.text for m in a.mentions]) for a in actors]}"
    )
    return found[0]


def _how(actor: Actor, text: str) -> str:
    return next(m.how for m in actor.mentions if m.text == text)


def test_apposition_after_a_name_gives_role_country_and_sector(pipeline: Pipeline) -> None:
    text = "Grace Adeyemi, the Nigerian defence minister, said troops would stay in the north."
    person = _holding(_actors(pipeline, text), "Grace Adeyemi")
    assert (person.country, person.sector) == ("NGA", "GOV")
    assert person.roles == ["defence minister"]
    assert _how(person, "the Nigerian defence minister") == "description"


def test_apposition_before_a_name_joins_it(pipeline: Pipeline) -> None:
    text = (
        "A senior Kenyan police officer, James Mwangi Kariuki, said on Monday that the "
        "road would reopen."
    )
    person = _holding(_actors(pipeline, text), "James Mwangi Kariuki")
    assert "A senior Kenyan police officer" in {m.text for m in person.mentions}
    assert (person.country, person.sector) == ("KEN", "COP")


def test_title_before_a_name_gives_attributes(pipeline: Pipeline) -> None:
    text = "Interior Minister Farid Haddad of Lebanon met reporters in Beirut on Monday."
    person = _holding(_actors(pipeline, text), "Farid Haddad")
    assert person.sector == "GOV"
    assert person.roles == ["Interior Minister"]


def test_definite_description_joins_the_named_group_it_agrees_with(pipeline: Pipeline) -> None:
    text = (
        "Fighters of the Popular Resistance Movement (PRM) attacked a checkpoint near the "
        "border on Sunday. The rebels have been blamed for a string of ambushes, and the "
        "army said it would pursue the guerrillas into the hills."
    )
    actors = _actors(pipeline, text)
    group = _holding(actors, "Popular Resistance Movement")
    texts = {m.text for m in group.mentions}
    assert {"The rebels", "the guerrillas"} <= texts
    assert group.sector == "REB"
    army = _holding(actors, "the army")
    assert army is not group and army.sector == "MIL"


def test_description_with_a_country_joins_the_person_of_that_country(pipeline: Pipeline) -> None:
    text = (
        "President Lena Varga of Hungary met Tomas Berg in Vienna on Tuesday. "
        "The Hungarian President said the talks had gone well."
    )
    actors = _actors(pipeline, text)
    varga = _holding(actors, "Lena Varga")
    assert "The Hungarian President" in {m.text for m in varga.mentions}
    assert varga.country == "HUN"
    berg = _holding(actors, "Tomas Berg")
    assert berg.roles == []


def test_description_that_names_no_one_becomes_its_own_actor(pipeline: Pipeline) -> None:
    text = (
        "Anti-government protesters marched through Lima on Monday, demanding that President "
        "Dina Quispe resign. The protesters later clashed with riot police."
    )
    actors = _actors(pipeline, text)
    protesters = _holding(actors, "Anti-government protesters")
    assert protesters.kind == "GROUP"
    assert "The protesters" in {m.text for m in protesters.mentions}
    assert protesters.sector == "OPP"
    assert protesters.country == "PER"
    assert all(m.how == "description" for m in protesters.mentions)
    police = _holding(actors, "riot police")
    assert police is not protesters and police.sector == "COP"


def test_indefinite_descriptions_are_not_joined_to_each_other(pipeline: Pipeline) -> None:
    text = "A soldier was wounded on Monday. A soldier was killed on Tuesday."
    actors = [a for a in _actors(pipeline, text) if a.name.endswith("soldier")]
    assert len(actors) == 2


def test_pronoun_joins_the_person_before_it(pipeline: Pipeline) -> None:
    text = (
        "Maria Ruiz Ortega, the mayor of the town, said on Monday that the water was safe. "
        "She added that tests would continue."
    )
    person = _holding(_actors(pipeline, text), "Maria Ruiz Ortega")
    assert _how(person, "She") == "pronoun"


def test_pronoun_after_a_quote_is_the_current_speaker(pipeline: Pipeline) -> None:
    text = (
        "Carlos Mena, the union leader, said the deal was dead after Diego Soto walked out "
        "of the meeting.\n\n"
        '"Nobody asked the workers what they wanted," he said.'
    )
    actors = _actors(pipeline, text)
    mena = _holding(actors, "Carlos Mena")
    assert "he" in {m.text for m in mena.mentions}
    # "they" inside the quotation marks is left alone
    assert not any(m.text == "they" for a in actors for m in a.mentions)


def test_possessive_pronoun_goes_to_the_subject_of_its_clause(pipeline: Pipeline) -> None:
    text = (
        "Rosa Blanco warned Pedro Lima that the governor was risking his career. "
        "Lima did not reply."
    )
    actors = _actors(pipeline, text)
    assert "his" not in {m.text for m in _holding(actors, "Rosa Blanco").mentions}


def test_capital_used_as_an_agent_is_the_government(pipeline: Pipeline) -> None:
    text = (
        "Caracas rejected the statement on Monday. Officials in Caracas said it was an "
        "insult, and Washington said it would respond."
    )
    actors = _actors(pipeline, text)
    venezuela = _holding(actors, "Caracas")
    assert (venezuela.name, venezuela.kind, venezuela.country, venezuela.sector) == (
        "Government of Venezuela",
        "ORG",
        "VEN",
        "GOV",
    )
    assert [m.how for m in venezuela.mentions] == ["metonym"]  # "in Caracas" is a place
    usa = _holding(actors, "Washington")
    assert (usa.country, usa.sector) == ("USA", "GOV")


def test_possessive_country_before_an_organisation(pipeline: Pipeline) -> None:
    text = "Leaders of Peru's National Workers Federation met on Friday in the capital."
    federation = _holding(_actors(pipeline, text), "National Workers Federation")
    assert federation.country == "PER"


def test_member_of_comes_from_a_description_naming_the_group(pipeline: Pipeline) -> None:
    text = (
        "Kofi Mensah Boateng, the NLA commander, said his fighters would not disarm. "
        "The Northern Liberation Army (NLA) has fought the army since 2019 in Ghana."
    )
    actors = _actors(pipeline, text)
    person = _holding(actors, "Kofi Mensah Boateng")
    group = _holding(actors, "Northern Liberation Army")
    assert person.member_of == group.id
    assert person.roles == ["commander"]
    assert group.sector == "REB"
    assert person.sector == "REB"


def test_relative_clause_makes_a_leader_a_member(pipeline: Pipeline) -> None:
    text = (
        "The deal was signed by Joana Pereira, who heads the Democratic Renewal Front, on Monday."
    )
    actors = _actors(pipeline, text)
    person = _holding(actors, "Joana Pereira")
    front = _holding(actors, "Democratic Renewal Front")
    assert person.member_of == front.id and "head" in person.roles


def test_international_organisations_are_known_by_their_acronyms(pipeline: Pipeline) -> None:
    text = "The UN said on Monday that aid would resume. NATO declined to comment."
    actors = _actors(pipeline, text)
    un = _holding(actors, "UN")
    assert (un.name, un.sector, un.country) == ("United Nations", "IGO", None)
    nato = _holding(actors, "NATO")
    assert nato.sector == "IGO"


def test_user_actor_file_overrides_what_the_text_says(pipeline: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: Joana Pereira\n  aliases: [Pereira]\n  kind: PERSON\n  country: PRT\n"
        "  sector: GOV\n  roles: [{role: foreign minister, start: 2020-01-01}]\n",
        encoding="utf-8",
    )
    custom = Pipeline(Settings(actors=[str(path)]), nlp=None)
    text = "Joana Pereira, an opposition leader from Brazil, spoke in Lisbon on Monday."
    person = _holding(custom.extract(text, published="2024-05-02").actors, "Joana Pereira")
    assert (person.country, person.sector) == ("PRT", "GOV")
    assert "foreign minister" in person.roles


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the the the",
        "He said. She said. They said.",
        '"" ,,, (( )) —',
        "Paris " * 200,
    ],
)
def test_odd_texts_do_not_break_the_stage(pipeline: Pipeline, text: str) -> None:
    if not text.strip():
        return
    for actor in pipeline.extract(text).actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_component_saves_and_loads_its_knowledge(pipeline: Pipeline, tmp_path: Path) -> None:
    from eventwire.nlp.actors import ActorRecognizer

    path = tmp_path / "actors.json"
    path.write_text('[{"name": "Isla Watch", "kind": "ORG", "country": "CUB", "sector": "NGO"}]')
    saved = ActorRecognizer(pipeline.nlp, actors=[str(path)])
    saved.to_disk(tmp_path / "component")
    loaded = ActorRecognizer(pipeline.nlp).from_disk(tmp_path / "component")
    found = loaded.knowledge.lookup(["Isla Watch"])
    assert found is not None and (found.country, found.sector) == ("CUB", "NGO")
    assert found.actor.origin == "user"


def test_first_person_inside_a_quote_is_the_person_quoted(pipeline: Pipeline) -> None:
    text = (
        "Maria Ruiz Ortega, the mayor, spoke to reporters on Monday. "
        '"I will not resign, and my deputies will stay," Ruiz Ortega said.'
    )
    person = _holding(_actors(pipeline, text), "Maria Ruiz Ortega")
    assert {"I", "my"} <= {m.text for m in person.mentions if m.how == "pronoun"}
