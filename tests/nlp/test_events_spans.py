"""The words that name an event's participants (``source_spans``, ``target_spans``): the
argument's noun phrase as written, one span per coordinated actor, the recipient of a transfer,
the actor behind a thing-like object, and the reporting subject behind a pronoun."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.nlp.events import (
    _misattached_objects,
    _misattached_subject,
    _subject_and_patient,
)
from eventwire.pipeline import Pipeline
from eventwire.records import Event, Extraction, Span


def _event(extraction: Extraction, type_: str) -> Event:
    found = [e for e in extraction.events if e.type == type_]
    assert found, [(e.type, e.trigger.text) for e in extraction.events]
    return found[0]


def _texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]


def test_each_coordinated_actor_is_its_own_span(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("Spain, Portugal and Italy signed the accord with France."), "SUPPORT"
    )
    assert _texts(event.source_spans) == ["Spain", "Portugal", "Italy"]
    assert _texts(event.target_spans) == ["France"]


def test_the_recipient_of_a_transfer_is_the_target(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "The United States returned two paintings to the government of Brazil."
    )
    event = _event(extraction, "RETREAT")
    assert _texts(event.source_spans) == ["The United States"]
    assert _texts(event.target_spans) == ["the government of Brazil"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Mexico shared evidence with Canada.", "COOPERATE", "Canada"),
        ("Kenya condemned the violations by the Ugandan army.", "ACCUSE", "the Ugandan army"),
        # the owner of a thing ("of", "from") does not replace the thing
        (
            "The President conceded to the demands of the Kenyan unions.",
            "CONCEDE",
            "the demands of the Kenyan unions",
        ),
    ],
)
def test_a_thing_like_object_stands_for_the_actor_its_preposition_names(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


def test_a_reported_pronoun_is_named_by_the_reporting_subject(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("The Syrian government said it would release the prisoners.")
    event = _event(extraction, "CONCEDE")
    assert _texts(event.source_spans) == ["The Syrian government"]


def test_a_pronoun_after_made_it_clear_is_named_by_the_subject(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "The Peruvian army has made it clear it will not release the rebel commanders."
    )
    event = _event(extraction, "REJECT")
    assert _texts(event.source_spans) == ["The Peruvian army"]


def test_a_list_of_names_in_a_modifier_gives_one_span_per_name(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("The army detained refugees from Chad , Niger and Mali .")
    event = _event(extraction, "COERCE")
    assert _texts(event.target_spans) == ["refugees from Chad", "Niger", "Mali"]


def test_a_mention_inside_a_phrase_gives_the_whole_phrase(pipeline: Pipeline) -> None:
    text = "The union said it will refuse to comply with the European Commission's rules."
    event = _event(pipeline.extract(text), "REJECT")
    assert _texts(event.source_spans) == ["The union"]
    assert _texts(event.target_spans) == ["the European Commission's rules"]


def test_a_comma_list_read_as_an_apposition_is_still_a_list(pipeline: Pipeline) -> None:
    text = "The United States, India, Israel and other governments have sent supplies to Nepal."
    event = _event(pipeline.extract(text), "AID")
    assert _texts(event.source_spans) == [
        "The United States",
        "India",
        "Israel",
        "other governments",
    ]
    assert _texts(event.target_spans) == ["Nepal"]


def test_a_phrase_ends_before_a_finite_clause(pipeline: Pipeline) -> None:
    text = "Police arrested the Kenyan journalist who had reported on the strike."
    event = _event(pipeline.extract(text), "COERCE")
    assert _texts(event.target_spans) == ["the Kenyan journalist"]


def test_an_order_to_act_is_a_request(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("The court ordered the newspaper to suspend publication."), "REQUEST"
    )
    assert _texts(event.source_spans) == ["The court"]
    assert _texts(event.target_spans) == ["the newspaper"]


def test_an_appeal_is_not_coded(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("The union urged its members to read the report.")
    assert [e.type for e in extraction.events] == []


@pytest.mark.parametrize(
    ("text", "source", "target", "mode"),
    [
        # the structured codebook's REQUEST rows: "Request the end of sanctions", "Make a
        # request for the release of prisoners"; the act asked for is not itself an event
        ("China urged Washington to lift the sanctions.", "China", "Washington", "yield"),
        (
            "The bishops called on the rebels to free the hostages.",
            "The bishops",
            "the rebels",
            "yield",
        ),
        (
            "Haiti asked the United Nations to send food aid.",
            "Haiti",
            "the United Nations",
            "assist",
        ),
    ],
)
def test_an_appeal_for_an_act_that_is_coded_is_a_request(
    pipeline: Pipeline, text: str, source: str, target: str, mode: str
) -> None:
    events = pipeline.extract(text).events
    assert [e.type for e in events] == ["REQUEST"]
    assert _texts(events[0].source_spans) == [source]
    assert _texts(events[0].target_spans) == [target]
    assert events[0].mode == mode


def test_a_phone_call_to_act_is_not_a_request(pipeline: Pipeline) -> None:
    # "called X to apologise" on a date: the call's "on" is no addressee
    events = pipeline.extract("On Monday, the envoy called the minister to apologise.").events
    assert "REQUEST" not in [e.type for e in events]


def test_we_and_they_in_a_quote_are_the_speakers_group_and_the_actor_named_before(
    pipeline: Pipeline,
) -> None:
    text = (
        'Juan Ortiz, the FARC commander, said: "The Colombian army is preparing an '
        'offensive. If they attack us, we will respond."'
    )
    extraction = pipeline.extract(text)
    names = {a.id: a.name for a in extraction.actors}
    respond = [e for e in extraction.events if e.trigger.text == "respond"]
    assert respond, [(e.type, e.trigger.text) for e in extraction.events]
    event = respond[0]
    assert event.type == "THREATEN" and event.status == "conditional"
    assert any("army" in names[t].lower() or "colombia" in names[t].lower() for t in event.target)


def test_a_call_for_an_event_is_a_request_but_a_call_for_reform_is_not(
    pipeline: Pipeline,
) -> None:
    event = _event(pipeline.extract("Greece called for sanctions against Turkey."), "REQUEST")
    assert _texts(event.source_spans) == ["Greece"]
    assert _texts(event.target_spans) == ["Turkey"]
    assert pipeline.extract("The union called for reform of the labour law.").events == []


def test_what_an_accusation_says_is_reported(pipeline: Pipeline) -> None:
    text = "The minister rejected accusations his government had arrested journalists."
    event = _event(pipeline.extract(text), "COERCE")
    assert event.status == "reported"


def test_a_coordination_of_common_nouns_is_one_span(pipeline: Pipeline) -> None:
    event = _event(pipeline.extract("Police and soldiers attacked the protesters."), "ASSAULT")
    assert _texts(event.source_spans) == ["Police and soldiers"]


def test_a_purpose_clause_takes_the_main_subject(pipeline: Pipeline) -> None:
    text = "Germany summoned the Chinese ambassador to complain about the sanctions."
    event = _event(pipeline.extract(text), "ACCUSE")
    assert _texts(event.source_spans) == ["Germany"]


def test_the_holder_of_a_plan_carries_it_out(pipeline: Pipeline) -> None:
    text = "Turkish police launched operations to detain 110 soldiers."
    event = _event(pipeline.extract(text), "COERCE")
    assert _texts(event.source_spans) == ["Turkish police"]
    assert event.status == "hypothetical"


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Japan lifted the sanctions imposed on India.", "RETREAT", "India"),
        # a force aimed at no actor targets where it is
        ("Israeli troops remained on alert in Haifa.", "MOBILIZE", "Haifa"),
        ("Thai authorities imposed a curfew in Bangkok.", "COERCE", "Bangkok"),
    ],
)
def test_targets_named_through_the_theme_or_the_place(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


def test_who_claims_responsibility_is_the_source_of_the_claimed_event(
    pipeline: Pipeline,
) -> None:
    text = "The Taliban claimed responsibility for the attack on the police station."
    event = _event(pipeline.extract(text), "ASSAULT")
    assert _texts(event.source_spans) == ["The Taliban"]
    assert _texts(event.target_spans) == ["the police station"]
    assert event.status == "reported"


def test_a_possessive_pronoun_source_is_the_subject_of_its_verb(pipeline: Pipeline) -> None:
    text = "The United States completed its withdrawal of troops from Iraq."
    event = _event(pipeline.extract(text), "RETREAT")
    assert _texts(event.source_spans) == ["The United States"]
    assert "Iraq" in _texts(event.target_spans)


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        # a possessive the tokenizer split off stays in the phrase
        (
            "Ortega defended Nicaragua ’ s handling of the epidemic .",
            "SUPPORT",
            "Nicaragua ’ s handling of the epidemic",
        ),
        ("The court rejected Peru ’ s request for extradition .", "REJECT", "Peru ’ s request"),
        # no trailing date
        ("Germany summoned Turkey 's ambassador Monday .", "ACCUSE", "Turkey 's ambassador"),
    ],
)
def test_a_phrase_keeps_a_split_possessive_and_drops_a_trailing_date(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


def test_an_agentless_passive_force_has_the_place_as_its_source(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("Two journalists were arrested in Burundi for spying."), "COERCE"
    )
    assert _texts(event.source_spans) == ["Burundi"]
    assert _texts(event.target_spans) == ["Two journalists"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("The envoy surrendered in Colombia.", "RETREAT", "Colombia"),
        ("The United Nations suspended aid deliveries in Borno State.", "SANCTION", "Borno State"),
        ("The army imposed a curfew in parts of Kashmir.", "COERCE", "parts of Kashmir"),
    ],
)
def test_the_place_an_act_is_done_in_is_the_target_when_no_one_is(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


def test_a_thing_is_not_a_target(pipeline: Pipeline) -> None:
    event = _event(pipeline.extract("Thailand agreed to open its borders."), "CONCEDE")
    assert _texts(event.source_spans) == ["Thailand"]
    assert event.target_spans == []


def test_whom_help_is_for_comes_from_the_purpose_clause(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("Japan donated ten ambulances to assist Malawi with its health.")
    event = next(e for e in extraction.events if e.trigger.text == "donated")
    assert _texts(event.target_spans) == ["Malawi"]


def test_the_speaker_is_the_source_of_an_intent_stated_for_an_unnamed_group(
    pipeline: Pipeline,
) -> None:
    extraction = pipeline.extract("Union leaders said the workers will not end the strike.")
    event = _event(extraction, "REJECT")
    assert _texts(event.source_spans) == ["Union leaders"]
    named = _event(pipeline.extract("Rivas said Peru will not lift the ban on Chile."), "REJECT")
    assert _texts(named.source_spans) == ["Peru"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("Israel mobilized the army for an assault against Hamas.", "MOBILIZE", "Hamas"),
        ("Suharto resigned as president of Indonesia in 1998.", "RETREAT", "Indonesia"),
        (
            "The rebels committed killings throughout Central African Republic.",
            "ASSAULT",
            "Central African Republic",
        ),
    ],
)
def test_targets_of_a_mobilization_a_resignation_and_a_widespread_force(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        # a count split at its thousands comma, with its approximating word
        (
            "About 1 , 200 contract workers stopped work at the mine .",
            "PROTEST",
            "About 1 , 200 contract workers",
        ),
        (
            "Almost 12 , 000 Syrian refugees have sought refuge in Jordan .",
            "REQUEST",
            "Almost 12 , 000 Syrian refugees",
        ),
        # a possessor before a split "’ s" that the phrase began after
        (
            "Kenya ’ s High Court rejected the appeal of the lawyers .",
            "REJECT",
            "Kenya ’ s High Court",
        ),
    ],
)
def test_a_phrase_keeps_its_split_count_and_possessor(
    pipeline: Pipeline, text: str, type_: str, source: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).source_spans) == [source]


def test_a_year_before_a_count_is_not_part_of_it(pipeline: Pipeline) -> None:
    event = _event(pipeline.extract("In 2015 , 148 students were killed by gunmen ."), "ASSAULT")
    assert _texts(event.target_spans) == ["148 students"]


def test_a_thing_named_by_its_owner_ends_at_its_head(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("The court rejected the Croatian government 's request for a new trial."),
        "REJECT",
    )
    assert _texts(event.target_spans) == ["the Croatian government 's request"]


def test_who_claims_an_attack_is_the_source_of_the_killing_it_did(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "The Taliban claimed responsibility for the attack, which killed dozens of people."
    )
    killing = next(e for e in extraction.events if e.trigger.text == "killed")
    assert _texts(killing.source_spans) == ["The Taliban"]


def test_a_thing_placed_in_a_country_stands_for_it_unless_attacked(pipeline: Pipeline) -> None:
    agreed = _event(pipeline.extract("Turkey agreed to a ceasefire in Syria ."), "AGREE")
    assert _texts(agreed.target_spans) == ["Syria"]
    attack = _event(
        pipeline.extract("The rebels attacked a military base in Borno State ."), "ASSAULT"
    )
    assert _texts(attack.target_spans) == ["a military base in Borno State"]


def test_a_fixed_phrase_takes_the_object_outside_it_and_the_phrase_cuts_the_span(
    pipeline: Pipeline,
) -> None:
    event = _event(
        pipeline.extract("The militants held 3 , 000 civilians as human shields in the city ."),
        "ASSAULT",
    )
    assert _texts(event.target_spans) == ["3 , 000 civilians"]


def test_a_mediation_targets_whom_it_mediates_between(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract(
            "Norway launched a mediation effort to resolve the rift between Sudan and Chad."
        ),
        "CONSULT",
    )
    assert _texts(event.target_spans) == ["Sudan", "Chad"]


def test_a_withdrawal_targets_what_is_left_not_the_actors_own_troops(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("Russia has begun withdrawing some of its troops from Syria ."), "RETREAT"
    )
    assert _texts(event.target_spans) == ["Syria"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("NATO troops remained on alert in the border region .", "MOBILIZE", "the border region"),
        ("The president declared a state of siege in the town .", "COERCE", "the town"),
        (
            "Kenya lifted the state of emergency in four of the country 's counties .",
            "RETREAT",
            "four of the country 's counties",
        ),
        (
            "Honduras withdrew its troops from a five kilometer zone along the border .",
            "RETREAT",
            "a five kilometer zone along the border",
        ),
    ],
)
def test_an_area_named_by_a_common_noun_is_the_place_aimed_at(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


def test_a_gerund_after_a_preposition_is_done_by_the_clause_subject(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "China continued its aid to Africa by donating medical supplies to Kenya ."
    )
    event = next(e for e in extraction.events if e.trigger.text == "donating")
    assert _texts(event.source_spans) == ["China"]
    assert _texts(event.target_spans) == ["Kenya"]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        (
            "Biden called Emmanuel Macron on Monday to congratulate him .",
            "SUPPORT",
            "Emmanuel Macron",
        ),
        (
            "The rebels held 200 villagers in the town to use them as human shields .",
            "ASSAULT",
            "200 villagers",
        ),
    ],
)
def test_an_object_pronoun_stands_for_the_closest_fitting_phrase_before_it(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        # whom returned goods were seized from; a recipient named by a people noun
        (
            "The militia said it will return the weapons it seized from the army .",
            "CONCEDE",
            "the army",
        ),
        ("The museum returned the painting to its owner .", "RETREAT", "its owner"),
        # a recipient deeper in what is handed over
        ("Japan sent supplies and personnel such as doctors to Nepal .", "AID", "Nepal"),
        # a concession's target is who made the demands
        ("Nepal 's government accepted the demands by protesters .", "CONCEDE", "protesters"),
        # a resignation's target is the country the sentence names
        (
            "President Jeenbekov resigned after days of unrest in Kyrgyzstan .",
            "RETREAT",
            "Kyrgyzstan",
        ),
        # the place linked to the act comes before an actor merely named in the clause
        (
            "Thousands of Syrians sought refuge in Turkey after the army attacked Aleppo .",
            "REQUEST",
            "Turkey",
        ),
        # a fixed phrase's patient hung under any of its words
        ("Ethiopia let free some 74 political leaders .", "RETREAT", "some 74 political leaders"),
    ],
)
def test_targets_of_returns_transfers_concessions_resignations_and_refuge(
    pipeline: Pipeline, text: str, type_: str, target: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == [target]


@pytest.mark.parametrize(
    ("text", "type_", "source"),
    [
        # deployed forces of an agentless passive deployment act
        (
            "The Ghanaian peacekeepers were deployed to relieve the Malian soldiers .",
            "AID",
            "The Ghanaian peacekeepers",
        ),
        # the only verb misread as a participle of its subject
        (
            "Islamic State militants held 3 , 000 civilians as human shields in Raqqa .",
            "ASSAULT",
            "Islamic State militants",
        ),
        # an "in" phrase that says no place is not part of the phrase
        ("The Taliban gunmen in reaction killed two soldiers .", "ASSAULT", "The Taliban gunmen"),
    ],
)
def test_sources_of_passive_deployments_misread_verbs_and_without_a_stray_phrase(
    pipeline: Pipeline, text: str, type_: str, source: str
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).source_spans) == [source]


def test_a_description_in_apposition_to_a_place_is_not_part_of_it(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("The rebels agreed to a ceasefire in Hodeidah , a major port city ."),
        "AGREE",
    )
    assert _texts(event.target_spans) == ["Hodeidah"]
    # a title after a person's name stays ("X, Leader of the House")
    event = _event(
        pipeline.extract("Zabihullah Mujahid , the Taliban spokesman , condemned the attack ."),
        "ACCUSE",
    )
    assert _texts(event.source_spans) == ["Zabihullah Mujahid , the Taliban spokesman"]


@pytest.mark.parametrize(
    ("text", "type_", "trigger", "target"),
    [
        ("American troops began leaving Afghanistan .", "RETREAT", "leaving", "Afghanistan"),
        (
            "The government forced aid workers out of the region .",
            "SANCTION",
            "forced",
            "aid workers",
        ),
        (
            "The authorities suspended publication of the newspaper .",
            "COERCE",
            "suspended",
            "publication of the newspaper",
        ),
    ],
)
def test_lexicon_withdrawals_expulsions_and_censorship(
    pipeline: Pipeline, text: str, type_: str, trigger: str, target: str
) -> None:
    event = _event(pipeline.extract(text), type_)
    assert event.trigger.text == trigger
    assert _texts(event.target_spans) == [target]


def test_the_owner_of_a_plan_to_act_acts(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "The government 's decision to expel the diplomats angered Russia ."
    )
    event = next(e for e in extraction.events if e.trigger.text == "expel")
    assert _texts(event.source_spans) == ["The government"]


def test_a_light_verbs_indirect_object_is_the_target(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("Obama gave Russian President Vladimir Putin a stern warning ."),
        "THREATEN",
    )
    assert _texts(event.target_spans) == ["Russian President Vladimir Putin"]


def test_a_participle_telling_the_same_act_names_its_target(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("The army carried out a raid , targeting rebel commanders .")
    raid = next(e for e in extraction.events if e.trigger.text == "carried out a raid")
    assert _texts(raid.target_spans) == ["rebel commanders"]


def test_a_concession_targets_whom_it_settles_with(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract(
            "The dock workers called off the strike after reaching an agreement with the port "
            "authority ."
        ),
        "CONCEDE",
    )
    assert _texts(event.target_spans) == ["the port authority"]


def test_a_subject_hung_on_the_auxiliary_is_the_verbs_subject() -> None:
    words = ["Chile", "and", "Peru", "however", "have", "opposed", "the", "plan", "."]
    heads = [4, 0, 0, 5, 5, 5, 7, 5, 5]
    deps = ["nsubj", "cc", "conj", "advmod", "aux", "ROOT", "det", "dobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert [t.text for t in _misattached_subject(doc[5])] == ["Chile"]
    deps[0], heads[0] = "nsubj", 5
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert _misattached_subject(doc[5]) == []


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an example list set off by a comma, a count in apposition, an adverbial
        # preposition and a participle of saying are not part of the phrase
        (
            "Sudan expelled aid workers, including those from Oxfam, on Monday.",
            "aid workers",
        ),
        (
            "The agency cut food aid for 50,000 people in Idlib due to security concerns.",
            "50,000 people in Idlib",
        ),
        (
            "Iraq expelled the weapons inspectors charging that they were spies.",
            "the weapons inspectors",
        ),
    ],
)
def test_asides_after_a_participant_are_not_part_of_it(
    pipeline: Pipeline, text: str, target: str
) -> None:
    events = pipeline.extract(text).events
    assert _texts(events[0].target_spans) == [target]


def test_both_belongs_to_the_pair_not_to_its_first_name(pipeline: Pipeline) -> None:
    events = pipeline.extract("Japan lifted sanctions against both India and Pakistan.").events
    assert _texts(events[0].target_spans) == ["India", "Pakistan"]


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        # two subjects or two objects of one verb with nothing between them are one phrase
        # the parser split
        (
            "The rebel Free Syrian Army on Wednesday threatened to shell the town.",
            "source",
            ["The rebel Free Syrian Army"],
        ),
        (
            "Erdogan will meet his counterpart Italian President Sergio Mattarella today.",
            "target",
            ["his counterpart Italian President Sergio Mattarella"],
        ),
    ],
)
def test_one_phrase_read_as_two_arguments_is_one_span(
    pipeline: Pipeline, text: str, role: str, expected: list[str]
) -> None:
    event = pipeline.extract(text).events[0]
    spans = event.source_spans if role == "source" else event.target_spans
    assert _texts(spans) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On Friday , a car bomb in Mosul killed three police officers .",
        "A truck bombing by the rebels killed three police officers in Mosul .",
    ],
)
def test_a_weapon_carried_by_a_vehicle_kills_as_an_attack(pipeline: Pipeline, text: str) -> None:
    event = next(e for e in pipeline.extract(text).events if e.trigger.text == "killed")
    assert event.type == "ASSAULT"
    assert _texts(event.target_spans)[0].startswith("three police officers")


def test_a_vehicle_that_kills_is_still_a_mishap(pipeline: Pipeline) -> None:
    extraction = pipeline.extract("On Friday , a car crash in Mosul killed three police officers .")
    assert not [e for e in extraction.events if e.trigger.text == "killed"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # the parser hangs the infinitive of these appeals as a purpose clause (advcl)
        (
            "Brazil and Chile call on Peru to lift sanctions against Bolivia .",
            ["Brazil", "Chile"],
            ["Peru"],
        ),
        (
            "The unions have called for farmers to join the strike against the government .",
            ["The unions"],
            ["farmers"],
        ),
    ],
)
def test_an_appeal_read_as_a_purpose_clause_is_a_request_to_its_addressee(
    pipeline: Pipeline, text: str, source: list[str], target: list[str]
) -> None:
    events = pipeline.extract(text).events
    assert [e.type for e in events] == ["REQUEST"]
    assert _texts(events[0].source_spans) == source
    assert _texts(events[0].target_spans) == target


def test_an_agentless_release_and_the_pardon_that_says_who_freed_are_one_event(
    pipeline: Pipeline,
) -> None:
    events = pipeline.extract(
        "The journalist Ali Musa was released on Monday after President Omar Kiir pardoned him ."
    ).events
    assert [e.trigger.text for e in events] == ["pardoned"]
    assert _texts(events[0].source_spans) == ["President Omar Kiir"]
    assert _texts(events[0].target_spans) == ["Ali Musa"]


def test_a_coordinated_object_hung_on_the_verb_is_an_object() -> None:
    # "The junta banned the Green Party and the new People Front ." with the second phrase
    # parsed as a conjunct of the verb
    words = ["The", "junta", "banned", "the", "Green", "Party", "and", "the", "new", "Front", "."]
    heads = [1, 2, 2, 5, 5, 2, 2, 9, 9, 2, 2]
    deps = ["det", "nsubj", "ROOT", "det", "compound", "dobj", "cc", "det", "amod", "conj", "punct"]
    pos = ["DET", "NOUN", "VERB", "DET", "PROPN", "PROPN", "CCONJ", "DET", "ADJ", "PROPN", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in _misattached_objects(doc[2], [doc[5]])] == ["Front"]
    # not when something else stands between the object and the conjunct ("with artillery")
    words[6:7] = ["with", "guns", "and"]
    heads = [1, 2, 2, 5, 5, 2, 2, 6, 2, 11, 11, 2, 2]
    deps[6:7] = ["prep", "pobj", "cc"]
    pos[6:7] = ["ADP", "NOUN", "CCONJ"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert _misattached_objects(doc[2], [doc[5]]) == []


def test_against_names_the_target_before_a_place_written_first(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract(
            "Hundreds of students held a rally at the Cairo University against the military "
            "government ."
        ),
        "PROTEST",
    )
    assert _texts(event.target_spans) == ["the military government"]


def test_a_name_read_as_an_adverb_before_a_subjectless_verb_is_its_subject() -> None:
    words = ["UNHCR", "had", "announced", "a", "suspension", "."]
    heads = [2, 2, 2, 4, 2, 2]
    deps = ["advmod", "aux", "ROOT", "det", "dobj", "punct"]
    ents = ["B-ORG", "O", "O", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents)
    assert [t.text for t in _misattached_subject(doc[2])] == ["UNHCR"]
    ents[0] = "O"  # an acronym the parser did not recognise is a name too
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents)
    assert [t.text for t in _misattached_subject(doc[2])] == ["UNHCR"]
    words[0] = "Recently"  # an adverb that names no one is not
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents)
    assert _misattached_subject(doc[2]) == []


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "The United States completed its withdrawal of troops from Iraq in December 2011 .",
            ["The United States"],
            ["Iraq"],
        ),
        (
            "The withdrawal of Ugandan troops from Somalia began on Monday .",
            ["Ugandan troops"],
            ["Somalia"],
        ),
    ],
)
def test_the_forces_a_withdrawal_names_are_not_its_target(
    pipeline: Pipeline, text: str, source: list[str], target: list[str]
) -> None:
    event = _event(pipeline.extract(text), "RETREAT")
    assert _texts(event.source_spans) == source
    assert _texts(event.target_spans) == target


def test_an_acronym_in_brackets_is_not_a_subject() -> None:
    # "Chile sent a note to the Andean Community ( CAN ) threatening to leave ." with the
    # acronym parsed as the participle's subject
    words = ["Chile", "sent", "a", "note", "to", "the", "Community", "(", "CAN", ")"]
    words += ["threatening", "to", "leave", "."]
    heads = [1, 1, 3, 1, 1, 6, 4, 8, 10, 8, 1, 12, 10, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "dative", "det", "pobj", "punct", "nsubj", "punct"]
    deps += ["advcl", "aux", "xcomp", "punct"]
    tags = ["NNP", "VBD", "DT", "NN", "IN", "DT", "NNP", "-LRB-", "NNP", "-RRB-", "VBG"]
    tags += ["TO", "VB", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert [t.text for t in _subject_and_patient(doc[10])[0]] == ["Chile"]
    words[7], words[9] = ",", ","
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert [t.text for t in _subject_and_patient(doc[10])[0]] == ["CAN"]


def test_who_telephones_someone_to_act_acts_and_aims_it_at_the_one_called(
    pipeline: Pipeline,
) -> None:
    called = _event(
        pipeline.extract(
            "UN Secretary General Kofi Annan called Mugabe to apologize for the remarks ."
        ),
        "CONCEDE",
    )
    assert _texts(called.source_spans) == ["UN Secretary General Kofi Annan"]
    assert _texts(called.target_spans) == ["Mugabe"]
    urged = _event(
        pipeline.extract(
            "UN Secretary General Kofi Annan urged Mugabe to apologize for the remarks ."
        ),
        "REQUEST",
    )
    assert _texts(urged.target_spans) == ["Mugabe"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The US embargo on Cuba was eased last year .", ["US"]),
        ("Russia 's ban on Georgian wine was lifted .", ["Russia"]),
    ],
)
def test_who_imposed_a_restriction_lifts_it(
    pipeline: Pipeline, text: str, source: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "RETREAT").source_spans) == source


def test_an_accepted_invitation_targets_whom_it_invites_to_meet(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract(
            "The Iranian president has accepted an invitation to meet with Vladimir Putin in "
            "Moscow ."
        ),
        "AGREE",
    )
    assert _texts(event.target_spans) == ["Vladimir Putin"]
    assert event.target  # the actor is linked, not only the words


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Japan has sent medical teams and supplies to fight the cholera outbreak in Haiti .",
            ["Haiti"],
        ),
        (
            "Canada is providing 20 million dollars to address the urgent needs of refugees in "
            "Jordan .",
            ["the urgent needs of refugees in Jordan"],
        ),
        ("Canada is providing 20 million dollars to address the issue .", []),
    ],
)
def test_help_that_fights_a_misfortune_or_meets_a_need_is_for_whom_it_strikes_or_who_needs(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "AID").target_spans) == target


@pytest.mark.parametrize(
    "text",
    [
        "Norway gave 40 million dollars to promote trade and sustainable farming in Kenya .",
        "France has provided 20 million euros for humanitarian aid and research to stem and "
        "ultimately end the cholera outbreak in Kenya .",
    ],
)
def test_help_that_builds_something_up_or_fights_a_shared_misfortune_is_for_its_place(
    pipeline: Pipeline, text: str
) -> None:
    assert _texts(_event(pipeline.extract(text), "AID").target_spans) == ["Kenya"]


def test_an_offer_to_send_troops_to_hand_out_supplies_is_for_where_they_are_handed_out(
    pipeline: Pipeline,
) -> None:
    text = "Canada has offered to send 500 troops to distribute food in Kenya ."
    assert _texts(_event(pipeline.extract(text), "AGREE").target_spans) == ["Kenya"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Norway has provided 10 million dollars to pay for food aid for refugees in Kenya .",
            ["refugees in Kenya"],
        ),
        ("Norway has provided 10 million dollars to fund the programme for five years .", []),
    ],
)
def test_help_that_pays_for_something_is_for_whom_that_is_for(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "AID").target_spans) == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Japan has agreed to lift a ban on imports of Brazilian beef .", ["Brazilian beef"]),
        ("Venezuela releases dozens of political activists .", ["dozens of political activists"]),
    ],
)
def test_a_trade_stands_for_the_goods_it_is_of_but_a_count_keeps_its_people(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    event = pipeline.extract(text).events[0]
    assert _texts(event.target_spans) == target


@pytest.mark.parametrize(
    "text",
    [
        "Canada deployed five medical teams as part of an international relief effort in Kenya .",
        "Canada deployed five medical teams as part of a relief effort that saved hundreds of "
        "lives in Kenya .",
    ],
)
def test_help_given_as_part_of_an_effort_in_a_country_is_for_the_country(
    pipeline: Pipeline, text: str
) -> None:
    assert _texts(_event(pipeline.extract(text), "AID").target_spans) == ["Kenya"]


@pytest.mark.parametrize(
    "text",
    [
        "A French court has authorized the banker to be extradited to Italy .",
        "A French court has given final authorization for the banker to be extradited to Italy .",
    ],
)
def test_who_lets_someone_be_extradited_is_the_source(pipeline: Pipeline, text: str) -> None:
    assert _texts(_event(pipeline.extract(text), "COOPERATE").source_spans) == ["A French court"]


def test_an_example_the_rejected_thing_includes_is_no_party_to_it(pipeline: Pipeline) -> None:
    text = (
        "The governor rejected several proposals drafted by the city council , including "
        "clauses guaranteeing free housing for every Kenyan family ."
    )
    targets = _texts(_event(pipeline.extract(text), "REJECT").target_spans)
    assert targets and not any("Kenyan" in t for t in targets)


def test_a_with_phrase_right_after_the_theme_is_the_themes(pipeline: Pipeline) -> None:
    # the parser hangs "with Somalia" on "closed"
    event = _event(pipeline.extract("Kenya closed its border with Somalia on Monday ."), "COERCE")
    assert _texts(event.target_spans) == ["Somalia"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Bahrain lifted the travel ban between it and Qatar .", ["Qatar"]),
        ("Bahrain lifted the travel ban between Qatar and Egypt .", ["Qatar", "Egypt"]),
    ],
)
def test_a_themes_between_phrase_names_the_parties_other_than_the_actor(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "RETREAT").target_spans) == target


def test_the_object_of_coordinated_prepositions_is_the_target(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("Kuwait eased travel restrictions to and from Iraq ."), "RETREAT"
    )
    assert _texts(event.target_spans) == ["Iraq"]


def test_a_subject_after_a_fixed_phrase_is_its_patient(pipeline: Pipeline) -> None:
    # the parser reads "Ali Rezaei" as the subject of "free"
    event = _event(
        pipeline.extract(
            "Iran finally let free the 34 - year old British - Iranian Ali Rezaei , who had been "
            "held in a prison in Tehran for two years ."
        ),
        "RETREAT",
    )
    assert _texts(event.target_spans) == ["the 34 - year old British - Iranian Ali Rezaei"]


def test_the_recipient_of_a_return_may_hang_on_a_clause_of_what_is_returned(
    pipeline: Pipeline,
) -> None:
    event = _event(
        pipeline.extract(
            "The museum returned a bronze statue engraved with the image of Alexander the Great "
            "to Greek authorities on Monday ."
        ),
        "RETREAT",
    )
    assert _texts(event.target_spans) == ["Greek authorities"]


def test_a_named_thing_returned_is_not_the_target_when_a_recipient_is_named(
    pipeline: Pipeline,
) -> None:
    # the parser tags "Latin Bible" as a place
    event = _event(
        pipeline.extract(
            "The museum returned a 15th century two - volume Latin Bible to its owners ."
        ),
        "RETREAT",
    )
    assert _texts(event.target_spans) == ["its owners"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # what an owner decided to do is no part of the decision named; where people were
        # sent is no part of the people
        (
            "Workers went on strike to protest the company's decision of firing engineers.",
            "the company's decision",
        ),
        ("Guatemalan authorities deported 2,374 migrants to Honduras last week.", "2,374 migrants"),
    ],
)
def test_a_decisions_content_and_a_destination_end_the_phrase(
    pipeline: Pipeline, text: str, target: str
) -> None:
    events = pipeline.extract(text).events
    assert target in _texts(events[0].target_spans)


@pytest.mark.parametrize(
    ("text", "type_", "target"),
    [
        ("The Red Cross announced a suspension of aid in Somalia .", "SANCTION", ["Somalia"]),
        ("Germany provided 5 million euros for humanitarian aid and medical research .", "AID", []),
        # staff named by "aid" in a compound are still people
        ("Uganda expelled aid workers from the north .", "SANCTION", ["aid workers"]),
    ],
)
def test_aid_alone_is_help_not_people(
    pipeline: Pipeline, text: str, type_: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), type_).target_spans) == target


def test_who_claims_responsibility_on_an_attack_is_its_source(pipeline: Pipeline) -> None:
    event = _event(
        pipeline.extract("The rebels claimed responsibility on the attacks on the army base ."),
        "ASSAULT",
    )
    assert _texts(event.source_spans) == ["The rebels"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "The mayor has refused to resign , despite the pressure by the city council .",
            ["the city council"],
        ),
        (
            "The minister refused to step down despite the prime minister 's request .",
            ["the prime minister"],
        ),
    ],
)
def test_a_refusal_despite_a_demand_targets_who_demands(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "REJECT").target_spans) == target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The opposition agreed to postpone Friday 's demonstration in Caracas .", ["Caracas"]),
        # a thing set up somewhere is not an act done there
        ("The German government has agreed to set up a new company in Berlin .", []),
    ],
)
def test_an_agreement_to_an_act_targets_the_place_of_the_act(
    pipeline: Pipeline, text: str, target: list[str]
) -> None:
    assert _texts(_event(pipeline.extract(text), "AGREE").target_spans) == target


def test_an_act_meant_to_end_fighting_somewhere_targets_that_place(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        "Egypt announced a ceasefire initiative to halt the fighting in Libya ."
    )
    event = next(e for e in extraction.events if e.how == "light")
    assert _texts(event.target_spans) == ["Libya"]


@pytest.mark.parametrize(
    "text",
    [
        # help to a mission in a country, even one a body leads, helps the country
        "Britain is deploying 300 troops to the UN peacekeeping mission in Mali.",
        "Finland is ready to contribute to the development of the deployment plan in Mali.",
    ],
)
def test_help_to_a_mission_in_a_country_is_for_the_country(pipeline: Pipeline, text: str) -> None:
    events = pipeline.extract(text).events
    assert _texts(events[0].target_spans) == ["Mali"]


def test_help_for_a_mission_of_no_one_is_for_where_it_arrives(pipeline: Pipeline) -> None:
    text = (
        "Some 160 Chinese peacekeepers arrived in South Sudan on Thursday for peacekeeping mission."
    )
    events = pipeline.extract(text).events
    assert _texts(events[0].target_spans) == ["South Sudan"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile said the Peruvian ambassador had been summoned to protest the incident .",
        "The Peruvian ambassador was summoned by Chile to protest the incident .",
    ],
)
def test_the_one_summoned_does_not_do_the_summons_purpose(pipeline: Pipeline, text: str) -> None:
    protest = next(e for e in pipeline.extract(text).events if e.trigger.text == "protest")
    assert _texts(protest.source_spans) == ["Chile"]
