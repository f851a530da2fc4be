from __future__ import annotations

from eventwire.pipeline import Pipeline
from eventwire.records import Actor


def _actors(pipeline: Pipeline, text: str) -> list[Actor]:
    return pipeline.extract(text).actors


def _by_name(actors: list[Actor], name: str) -> Actor:
    found = [a for a in actors if a.name == name]
    assert found, f"no actor named {name!r} in {[a.name for a in actors]}"
    return found[0]


def _mention_texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_accented_and_plain_spellings_are_one_person(pipeline: Pipeline) -> None:
    text = (
        "President Nicolás Maduro spoke in the capital on Tuesday. "
        "Critics said Nicolas Maduro had ignored the courts."
    )
    people = [a for a in _actors(pipeline, text) if a.kind == "PERSON"]
    assert len(people) == 1
    assert people[0].name == "Nicolás Maduro"
    assert _mention_texts(people[0]) == ["Nicolás Maduro", "Nicolas Maduro"]


def test_surname_mentions_join_the_full_name(pipeline: Pipeline) -> None:
    text = (
        "Rebel leader Tomas Okonkwo-Reyes met the envoy on Friday. "
        "Analysts said Okonkwo-Reyes wanted a ceasefire, and Okonkwo-Reyes later agreed."
    )
    person = _by_name(_actors(pipeline, text), "Tomas Okonkwo-Reyes")
    assert [m.how for m in person.mentions] == ["name", "surname", "surname"]


def test_acronym_after_expansion_and_later_bare_acronym(pipeline: Pipeline) -> None:
    text = (
        "Fighters of the Popular Resistance Movement (PRM) attacked a checkpoint. "
        "The PRM has denied that it targets civilians."
    )
    group = _by_name(_actors(pipeline, text), "Popular Resistance Movement")
    assert "PRM" in group.aliases
    assert [m.how for m in group.mentions].count("acronym") == 2


def test_acronym_before_expansion_in_parentheses(pipeline: Pipeline) -> None:
    text = (
        "Talks with the Farc (Revolutionary Armed Forces of Colombia) collapsed in the spring. "
        "Officials said the Farc would return to the table."
    )
    group = _by_name(_actors(pipeline, text), "Revolutionary Armed Forces of Colombia")
    assert group.aliases == ["Farc"]
    assert _mention_texts(group).count("Farc") == 2


def test_alias_cue_joins_two_names_across_an_apposition(pipeline: Pipeline) -> None:
    text = (
        "Marcos Villalba Ruiz, the militia commander otherwise known as Tigre Sandoval, "
        "said the group would not disarm. Sandoval said talks had failed."
    )
    people = [a for a in _actors(pipeline, text) if a.kind == "PERSON"]
    assert len(people) == 1
    person = people[0]
    assert person.name == "Tigre Sandoval"
    assert person.aliases == ["Marcos Villalba Ruiz"]
    assert "surname" in [m.how for m in person.mentions]


def test_countries_and_demonyms_are_country_actors_with_iso_codes(pipeline: Pipeline) -> None:
    text = (
        "Venezuelan officials met US diplomats in Geneva. The United States said "
        "Americans would stay out of the dispute."
    )
    actors = _actors(pipeline, text)
    # other actors carry a country too ("US diplomats"); one COUNTRY actor per country
    usa = [a for a in actors if a.country == "USA" and a.kind == "COUNTRY"]
    assert len(usa) == 1
    assert {m.how for m in usa[0].mentions} == {"name", "demonym"}
    assert any(a.country == "VEN" and a.kind == "COUNTRY" for a in actors)


def test_single_name_tagged_as_organisation_is_the_persons_surname(pipeline: Pipeline) -> None:
    # The small model tends to call a bare surname after "against" an organisation.
    text = (
        "Donald Trump warned on Monday that sanctions would follow. "
        "Lawmakers moved to act against Trump, who said Trump alone would decide."
    )
    actors = _actors(pipeline, text)
    assert not [a for a in actors if a.kind == "ORG" and a.name == "Trump"]
    person = _by_name(actors, "Donald Trump")
    assert len(person.mentions) == 3


def test_mention_offsets_point_into_article_text(pipeline: Pipeline) -> None:
    text = "Leaders of the National Liberation Army (ELN) met in Havana. The ELN said no."
    extraction = pipeline.extract(text)
    for actor in extraction.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


def test_two_people_sharing_a_surname_stay_apart(pipeline: Pipeline) -> None:
    text = (
        "Maria Lopez, a senator, criticised the plan. Her brother Carlos Lopez, a general, "
        "backed it. Carlos Lopez said the army was ready."
    )
    people = {a.name for a in _actors(pipeline, text) if a.kind == "PERSON"}
    assert {"Maria Lopez", "Carlos Lopez"} <= people
