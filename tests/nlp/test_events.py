"""The eventwire_events component, on sentences written for these tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from spacy.tokens import Doc

from eventwire.nlp.events import EventExtractor
from eventwire.pipeline import Pipeline
from eventwire.records import Event, Extraction, Mention, Place, Quote, Span


def _extract(pipeline: Pipeline, text: str, published: str | None = None) -> Extraction:
    return pipeline.extract(text, published=published)


def _named(extraction: Extraction, ids: list[str]) -> set[str]:
    names = {a.id: a.name for a in extraction.actors}
    return {names[i] for i in ids}


def _one(extraction: Extraction, type_: str) -> Event:
    found = [e for e in extraction.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in extraction.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "type_", "trigger", "source", "target"),
    [
        ("Russia attacked Ukraine on Monday.", "ASSAULT", "attacked", "Russia", "Ukraine"),
        ("France condemned Iran for the raid.", "ACCUSE", "condemned", "France", "Iran"),
        ("China held talks with Japan.", "CONSULT", "held talks", "China", "Japan"),
        ("Germany sent humanitarian aid to Syria.", "AID", "sent", "Germany", "Syria"),
        ("Egypt released 20 prisoners held by Israel.", "RETREAT", "released", "Egypt", None),
        ("Iraq rejected the Turkish proposal.", "REJECT", "rejected", "Iraq", None),
        (
            "Israel launched an attack on Lebanon.",
            "ASSAULT",
            "launched an attack",
            "Israel",
            "Lebanon",
        ),
        (
            "The United States imposed sanctions on Russia.",
            "SANCTION",
            "imposed sanctions",
            "United States",
            "Russia",
        ),
        (
            "Pakistan deployed troops along the border with India.",
            "MOBILIZE",
            "deployed",
            "Pakistan",
            None,
        ),
        ("Canada praised Mexico for its reforms.", "SUPPORT", "praised", "Canada", "Mexico"),
        ("Serbia withdrew its troops from Kosovo.", "RETREAT", "withdrew", "Serbia", None),
        (
            "Iraq demanded that Turkey withdraw its troops.",
            "REQUEST",
            "demanded that Turkey withdraw",
            "Iraq",
            "Turkey",
        ),
    ],
)
def test_events_code_type_trigger_and_participants(
    pipeline: Pipeline, text: str, type_: str, trigger: str, source: str, target: str | None
) -> None:
    extraction = _extract(pipeline, text)
    event = _one(extraction, type_)
    assert event.trigger.text == trigger
    assert extraction.article.text[event.trigger.start : event.trigger.end] == trigger
    assert source in _named(extraction, event.source)
    if target is not None:
        assert target in _named(extraction, event.target)
    assert event.quad == {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "AID": 2, "RETREAT": 2}.get(
        type_, event.quad
    )
    assert -10 <= (event.intensity or 0) <= 10


def test_events_passive_agent_is_the_source(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Ukraine was attacked by Russia.")
    event = _one(extraction, "ASSAULT")
    assert _named(extraction, event.source) == {"Russia"}
    assert _named(extraction, event.target) == {"Ukraine"}


def test_events_coordinated_actors_on_both_sides(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "France and Britain condemned Iran and Syria.")
    event = _one(extraction, "ACCUSE")
    assert _named(extraction, event.source) == {"France", "United Kingdom"}
    assert _named(extraction, event.target) == {"Iran", "Syria"}
    assert [s.text for s in event.source_spans] == ["France", "Britain"]
    assert [t.text for t in event.target_spans] == ["Iran", "Syria"]


def test_events_coordinated_verbs_share_the_subject(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Kenya condemned the raid and praised Ethiopia.")
    praise = _one(extraction, "SUPPORT")
    assert _named(extraction, praise.source) == {"Kenya"}
    assert _named(extraction, praise.target) == {"Ethiopia"}


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        ("Turkey did not attack Syria.", "ASSAULT", "negated"),
        ("Turkey never attacked Syria.", "ASSAULT", "negated"),
        (
            "If Iran closes the strait, the United States will attack Iran.",
            "ASSAULT",
            "conditional",
        ),
        ("Chile could impose sanctions on Peru.", "SANCTION", "hypothetical"),
        ("Russia vowed to attack Ukraine.", "THREATEN", "future"),
        ("Kenya accused Somalia of attacking its border posts.", "ASSAULT", "reported"),
        ("Mali allegedly attacked Niger.", "ASSAULT", "reported"),
        ("Russia attacked Ukraine.", "ASSAULT", "asserted"),
    ],
)
def test_events_status(pipeline: Pipeline, text: str, type_: str, status: str) -> None:
    assert _one(_extract(pipeline, text), type_).status == status


def test_events_threat_to_act_names_the_threatened_side(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Russia vowed to attack Ukraine.")
    event = _one(extraction, "THREATEN")
    assert event.trigger.text == "vowed to attack"
    assert event.mode == "violence"
    assert _named(extraction, event.target) == {"Ukraine"}
    assert not [e for e in extraction.events if e.type == "ASSAULT"]


def test_events_future_cooperation_is_an_intent(pipeline: Pipeline) -> None:
    event = _one(_extract(pipeline, "Japan plans to send aid to Nepal."), "AGREE")
    assert event.status == "future"
    assert event.cameo == "033"


def test_events_refusal_to_cooperate_is_a_rejection(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Iran refused to meet the United States.")
    event = _one(extraction, "REJECT")
    assert (event.mode, event.trigger.text) == ("meet", "refused to meet")
    assert _named(extraction, event.target) == {"United States"}


def test_events_accusation_makes_the_inner_event_reported_with_the_accused_as_source(
    pipeline: Pipeline,
) -> None:
    extraction = _extract(pipeline, "Hamas was blamed for a wave of attacks in Israel.")
    accuse = _one(extraction, "ACCUSE")
    attack = _one(extraction, "ASSAULT")
    assert accuse.status == "asserted" and accuse.source == []
    assert _named(extraction, accuse.target) == {"Hamas"}
    assert (attack.trigger.text, attack.status, attack.how) == ("attacks", "reported", "nominal")
    assert _named(extraction, attack.source) == {"Hamas"}


def test_events_nominal_event_with_participants(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Officials described the Russian invasion of Ukraine.")
    event = _one(extraction, "ASSAULT")
    assert (event.trigger.text, event.how) == ("invasion", "nominal")
    assert _named(extraction, event.source) == {"Russia"}
    assert event.confidence < 0.9


def test_events_nominal_event_that_occurs(pipeline: Pipeline) -> None:
    event = _one(_extract(pipeline, "A defection occurred on Sunday."), "REJECT")
    assert (event.trigger.text, event.source) == ("defection", [])


@pytest.mark.parametrize(
    "text", ["The attack plan was discussed at length.", "Nobody mentioned an attack on Sunday."]
)
def test_events_noun_without_participants_or_happening_is_no_event(
    pipeline: Pipeline, text: str
) -> None:
    assert [e for e in _extract(pipeline, text).events if e.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    ("text", "type_", "trigger"),
    [
        ("Teachers staged a protest in Nairobi.", "PROTEST", "staged a protest"),
        ("Rebels carried out attacks on army posts.", "ASSAULT", "carried out attacks"),
        ("Workers went on strike on Monday.", "PROTEST", "went on strike"),
        ("The leader stepped down last week.", "RETREAT", "stepped down"),
        ("The army opened fire on the crowd.", "ASSAULT", "opened fire"),
        (
            "Kuwait launched a mediation effort between Qatar and Egypt.",
            "CONSULT",
            "launched a mediation effort",
        ),
    ],
)
def test_events_light_verbs_and_phrases(
    pipeline: Pipeline, text: str, type_: str, trigger: str
) -> None:
    event = _one(_extract(pipeline, text), type_)
    assert event.trigger.text == trigger
    assert event.how in ("light", "phrase", "verb")


def _without_actors(pipeline: Pipeline, text: str) -> list[Event]:
    # with the actor stage off no word is an actor: the event must still be reported
    with pipeline.nlp.select_pipes(disable=["eventwire_actors"]):
        return list(pipeline.nlp(text)._.events)


def test_events_unresolved_source_still_reported_with_its_words(pipeline: Pipeline) -> None:
    (event,) = [
        e
        for e in _without_actors(pipeline, "Police arrested 20 protesters in Cairo.")
        if e.type == "COERCE"
    ]
    assert event.source == []
    assert [s.text for s in event.source_spans] == ["Police"]
    assert [t.text for t in event.target_spans] == ["20 protesters"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy was growing.",
        "Brazil urged calm after the vote.",
        "Thank you for coming.",
        "Lawyers filed papers claiming the state of emergency is unconstitutional.",
        "It is hard to stay calm when I meet someone famous.",
    ],
)
def test_events_statements_appeals_and_imperatives_are_not_events(
    pipeline: Pipeline, text: str
) -> None:
    assert [(e.type, e.trigger.text) for e in _extract(pipeline, text).events] == []


def test_events_state_of_emergency_needs_a_verb_that_imposes_it(pipeline: Pipeline) -> None:
    event = _one(_extract(pipeline, "Peru declared a state of emergency."), "COERCE")
    assert (event.mode, event.trigger.text) == ("martial-law", "declared")
    lifted = _one(_extract(pipeline, "Peru lifted the state of emergency."), "RETREAT")
    assert lifted.trigger.text == "lifted"


def test_events_confidence_reflects_how_they_were_found(pipeline: Pipeline) -> None:
    full = _one(_extract(pipeline, "Russia attacked Ukraine."), "ASSAULT")
    (partial,) = [
        e for e in _without_actors(pipeline, "Police arrested 20 protesters.") if e.type == "COERCE"
    ]
    assert full.confidence > partial.confidence
    assert full.how == "verb"


def test_events_date_falls_back_to_publication_date(pipeline: Pipeline) -> None:
    event = _one(_extract(pipeline, "Russia attacked Ukraine.", published="2022-02-24"), "ASSAULT")
    assert (event.date, event.date_source) == ("2022-02-24", "published")
    bare = _one(_extract(pipeline, "Russia attacked Ukraine."), "ASSAULT")
    assert (bare.date, bare.date_source) == (None, None)


def test_events_records_round_trip(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Israel launched an attack on Lebanon.", published="2020-01-02")
    for event in extraction.events:
        assert Event.from_dict(event.to_dict()) == event
    ids = [e.id for e in extraction.events]
    assert ids == [f"E{n}" for n in range(1, len(ids) + 1)]


@pytest.mark.parametrize(
    "text",
    [
        "...",
        "(((",
        "attack attack attack attack",
        "Él atacó. 攻击了。 \u200b",
        "The " + "very " * 300 + "long sentence attacked nothing.",
    ],
)
def test_events_odd_sentences_do_not_crash(pipeline: Pipeline, text: str) -> None:
    extraction = _extract(pipeline, text)
    for event in extraction.events:
        assert (
            extraction.article.text[event.trigger.start : event.trigger.end] == event.trigger.text
        )


def test_events_a_failing_sentence_is_skipped_not_fatal(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    component = pipeline.nlp.get_pipe("eventwire_events")
    assert isinstance(component, EventExtractor)
    original = component._sentence

    def flaky(doc: Doc, sent: Any, ctx: Any) -> list[Event]:
        if "Mali" in sent.text:
            raise ValueError("boom")
        return original(doc, sent, ctx)

    monkeypatch.setattr(component, "_sentence", flaky)
    extraction = _extract(pipeline, "Mali attacked Niger. Russia attacked Ukraine.")
    assert [e.trigger.text for e in extraction.events] == ["attacked"]
    assert extraction.events[0].sentence.text == "Russia attacked Ukraine."


# ------------------------------------------------------------------ other stages' records
def _run_with(
    pipeline: Pipeline, text: str, published: str | None = None, **extensions: Any
) -> tuple[Doc, list[Event]]:
    """Run the pipeline up to the events component, set other stages' records, then events."""
    doc = pipeline.nlp.make_doc(text)
    doc._.published = published
    for name, proc in pipeline.nlp.pipeline:
        if name == "eventwire_events":
            break
        doc = proc(doc)
    for name, value in extensions.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
        doc._.set(name, value)
    doc = pipeline.nlp.get_pipe("eventwire_events")(doc)
    try:
        return doc, list(doc._.events)
    finally:
        for name in extensions:
            doc._.set(name, None)


def test_events_we_in_a_quote_is_the_speakers_group(pipeline: Pipeline) -> None:
    text = 'Pablo Beltran of the National Liberation Army said: "We will attack Colombia."'
    actors = _extract(pipeline, text).actors
    beltran = next(a for a in actors if "Beltran" in a.name)
    army = next(a for a in actors if "Army" in a.name)
    beltran.member_of = army.id
    start, end = text.index('"') + 1, text.rindex('"')
    quote = Quote("Q1", "direct", Span(start, end, text[start:end]), speaker=beltran.id)
    _, events = _run_with(pipeline, text, actors=actors, quotes=[quote])
    threat = [e for e in events if e.type == "THREATEN"]
    assert threat, [(e.type, e.trigger.text) for e in events]
    assert threat[0].source == [army.id]
    assert threat[0].status == "future"


def test_events_place_from_the_clause_and_date_from_the_text(pipeline: Pipeline) -> None:
    text = "Protesters rallied in Caracas yesterday against Nicolas Maduro."
    at = text.index("Caracas")
    caracas = Place("P1", "Caracas", "VEN", mentions=[Mention(at, at + 7, "Caracas")])
    when = text.index("yesterday")
    dates = [SimpleNamespace(start=when, end=when + 9, value="2019-02-23")]
    _, events = _run_with(pipeline, text, "2019-02-24", places=[caracas], dates=dates)
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.place == "P1"
    assert (protest.date, protest.date_source) == ("2019-02-23", "text")


def test_events_without_a_place_in_the_sentence_take_the_articles_main_place(
    pipeline: Pipeline,
) -> None:
    text = "Soldiers were seen in Goma. Rebels attacked the army base."
    at = text.index("Goma")
    goma = Place("P1", "Goma", "COD", mentions=[Mention(at, at + 4, "Goma")])
    _, events = _run_with(pipeline, text, places=[goma])
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.place == "P1"


def test_events_date_of_a_relative_clause_is_not_the_main_events(pipeline: Pipeline) -> None:
    text = "The rebels, who last month seized the town, attacked the army base yesterday."
    early = text.index("last month")
    late = text.index("yesterday")
    dates = [
        SimpleNamespace(start=early, end=early + 10, value="2019-01"),
        SimpleNamespace(start=late, end=late + 9, value="2019-02-23"),
    ]
    _, events = _run_with(pipeline, text, "2019-02-24", places=[], dates=dates[:1])
    attack = next(e for e in events if e.type == "ASSAULT")
    assert (attack.date, attack.date_source) == ("2019-02-24", "published")
    _, events = _run_with(pipeline, text, "2019-02-24", places=[], dates=dates)
    attack = next(e for e in events if e.type == "ASSAULT")
    assert (attack.date, attack.date_source) == ("2019-02-23", "text")


def test_events_in_an_adnominal_clause_are_not_dated_by_the_clause_above(
    pipeline: Pipeline,
) -> None:
    text = "Last week the rebels announced a plan to attack the army base."
    when = text.index("Last week")
    dates = [SimpleNamespace(start=when, end=when + 9, value="2019-02-17")]
    _, events = _run_with(pipeline, text, "2019-02-24", places=[], dates=dates)
    attack = next(e for e in events if e.trigger.text == "attack")
    assert (attack.date, attack.date_source) == ("2019-02-24", "published")


def test_events_date_of_a_governing_clause_counts(pipeline: Pipeline) -> None:
    text = "On Monday, the minister said that rebels attacked the army base."
    when = text.index("Monday")
    dates = [SimpleNamespace(start=when, end=when + 6, value="2019-02-18")]
    _, events = _run_with(pipeline, text, "2019-02-24", places=[], dates=dates)
    attack = next(e for e in events if e.type == "ASSAULT")
    assert (attack.date, attack.date_source) == ("2019-02-18", "text")


def test_events_date_of_a_complement_counts(pipeline: Pipeline) -> None:
    text = "The army vowed to attack the rebels on Monday."
    when = text.index("Monday")
    dates = [SimpleNamespace(start=when, end=when + 6, value="2019-02-25")]
    _, events = _run_with(pipeline, text, "2019-02-24", places=[], dates=dates)
    assert events
    assert all((e.date, e.date_source) == ("2019-02-25", "text") for e in events)


def test_an_event_noun_governing_another_event_is_one_event(pipeline: Pipeline) -> None:
    extraction = _extract(pipeline, "Peru's refusal to meet Chile angered the envoys.")
    refusal = _one(extraction, "REJECT")
    assert refusal.trigger.text == "refusal"
    assert [s.text for s in refusal.target_spans] == ["Chile"]
    assert not [e for e in extraction.events if e.type == "CONSULT"]


def test_a_rising_death_toll_is_violence_unless_a_misfortune_caused_it(
    pipeline: Pipeline,
) -> None:
    extraction = _extract(pipeline, "Eriador's death toll has risen in the war with Osgiliath.")
    toll = _one(extraction, "ASSAULT")
    assert [s.text for s in toll.target_spans] == ["Osgiliath"]
    assert not _extract(pipeline, "The death toll from the floods rose to 40.").events


def test_an_agentless_passive_and_the_clause_saying_who_did_it_are_one_event(
    pipeline: Pipeline,
) -> None:
    extraction = _extract(
        pipeline, "Three people were killed when Hamas launched an attack on the Israeli embassy."
    )
    attack = _one(extraction, "ASSAULT")
    assert attack.trigger.text == "launched an attack"
    assert [s.text for s in attack.source_spans] == ["Hamas"]
    # without an agent in the clause, the passive stays
    alone = _extract(pipeline, "Three people were killed when a bomb exploded in the market.")
    assert "killed" in [e.trigger.text for e in alone.events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # a concession promised is PLOVER's verbal concession; other cooperation promised is AGREE
        ("The rebels said they will release the hostages.", "CONCEDE"),
        ("The government agreed to lift the curfew.", "CONCEDE"),
        ("Pakistan is willing to withdraw its troops from Kashmir.", "CONCEDE"),
        ("Japan plans to send aid to Nepal.", "AGREE"),
        ("The two countries agreed to hold talks.", "AGREE"),
    ],
)
def test_a_promised_concession_is_concede(pipeline: Pipeline, text: str, type_: str) -> None:
    events = [e for e in _extract(pipeline, text).events if e.status in ("future", "conditional")]
    assert [e.type for e in events] == [type_]
    assert events[0].quad == 1
    assert (events[0].cameo or "").startswith("03")


@pytest.mark.parametrize(
    ("text", "released"),
    [
        ("The rebels released two hostages on Monday.", True),
        ("Police released the suspect without charge.", True),
        ("The newspaper released hundreds of pages of chat messages.", False),
        ("The ministry released its casualty estimate and a map of the area.", False),
    ],
)
def test_releasing_documents_is_not_a_release_of_captives(
    pipeline: Pipeline, text: str, released: bool
) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert ("RETREAT" in types) is released, types


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("The minister said Iran must release the sailors.", True),
        ("Paet said the European Union must be ready to mediate.", True),
        ('"It should shock the conscience of every American," he added.', False),
        ("He said she must be the worst candidate in years.", False),
    ],
)
def test_a_reported_obligation_is_a_demand_only_on_someone_asked_to_act(
    pipeline: Pipeline, text: str, demand: bool
) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert ("REQUEST" in types) is demand, types


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("A car bomb exploded outside the ministry in Kabul.", True),
        ("The rebels exploded a device near the convoy.", True),
        ("The prison population has exploded since 1972.", False),
        ("The plane hit the ocean shortly after take-off.", False),
        ("Soldiers beat the protesters with batons.", True),
        ("In the poll, Clinton would beat Trump by two points.", False),
        ("The home team beat the visitors 3-1 in the final.", False),
    ],
)
def test_violence_words_in_other_senses_are_not_assaults(
    pipeline: Pipeline, text: str, assault: bool
) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert ("ASSAULT" in types) is assault, types


def test_the_owner_of_an_act_done_to_someone_is_its_target(pipeline: Pipeline) -> None:
    arrest = _one(_extract(pipeline, "Her arrest by police sparked protests."), "COERCE")
    assert [s.text for s in arrest.source_spans] == ["police"]
    assert [s.text for s in arrest.target_spans] == ["Her"]
    # with an "of" phrase the owner is the one who acts
    expulsion = _one(
        _extract(pipeline, "Russia's expulsion of ten diplomats angered Washington."), "SANCTION"
    )
    assert [s.text for s in expulsion.source_spans] == ["Russia"]
    assert [s.text for s in expulsion.target_spans] == ["ten diplomats"]


@pytest.mark.parametrize(
    ("text", "type_", "coded"),
    [
        ("Japan contributed $5 million to the relief fund.", "AID", True),
        ("Two of the authors contributed to the paper.", "AID", False),
        ("The airline contributed to human suffering across the region.", "AID", False),
        ("China invested $2 billion in Pakistan's ports.", "COOPERATE", True),
        ("Sanders has invested a lot of time in Minnesota.", "COOPERATE", False),
    ],
)
def test_giving_and_investing_in_other_senses_are_not_aid_or_cooperation(
    pipeline: Pipeline, text: str, type_: str, coded: bool
) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert (type_ in types) is coded, types


@pytest.mark.parametrize(
    ("text", "type_", "cameo", "status"),
    [
        # ceasing an attack is a ceasefire, ceasing a protest a concession (CAMEO 0871, 082)
        ("The rebels stopped fighting on Monday.", "RETREAT", "0871", "asserted"),
        ("Militants halted the shelling of the town.", "RETREAT", "0871", "asserted"),
        ("The dockers ended their strike on Friday.", "CONCEDE", "082", "asserted"),
        ("The teachers suspended their protests for a week.", "CONCEDE", "082", "asserted"),
        # promised, it is a verbal concession (CONCEDE with the intent's code)
        ("The militia agreed to stop shooting at the soldiers.", "CONCEDE", "0356", "future"),
        ("The union pledged to stop holding protests in the capital.", "CONCEDE", "035", "future"),
        ("The army is ready to end all military action in the north.", "CONCEDE", "0356", "future"),
        # a negated cessation stays negated
        ("The police did not stop shooting.", "RETREAT", "0871", "negated"),
    ],
)
def test_ceasing_attacks_and_protests_is_a_de_escalation(
    pipeline: Pipeline, text: str, type_: str, cameo: str, status: str
) -> None:
    events = _extract(pipeline, text).events
    found = [e for e in events if e.type == type_]
    assert found, [(e.type, e.trigger.text, e.status) for e in events]
    assert (found[0].cameo, found[0].status) == (cameo, status)
    assert not [e for e in events if e.type in ("ASSAULT", "PROTEST") and e.status == "negated"]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        # CAMEO codes eased curfews and states of emergency apart (0813, 0814), both RETREAT
        ("The governor ended the curfew in the capital on Sunday.", "0813"),
        ("Authorities lifted the emergency in the province.", "0814"),
        ("The ministry halted travel restrictions on Monday.", "085"),
    ],
)
def test_ending_restrictions_is_a_retreat(pipeline: Pipeline, text: str, cameo: str) -> None:
    retreat = _one(_extract(pipeline, text), "RETREAT")
    assert retreat.cameo == cameo
    assert retreat.status == "asserted"


def test_an_ended_curfew_announced_for_the_future_is_a_concession(pipeline: Pipeline) -> None:
    events = _extract(pipeline, "The mayor said he will be ending the curfew next week.").events
    assert [(e.type, e.status) for e in events] == [("CONCEDE", "future")]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        # yielding to demands or pressure (CAMEO 080, 083)
        ("The government gave in to the demands of the strikers.", "080"),
        ("The junta agreed to the demands of the students.", "083"),
        ("The minister bowed to pressure from the unions.", "080"),
        ("The council heeded the demands of the residents.", "083"),
        ("The president announced a series of concessions to the opposition.", "080"),
    ],
)
def test_yielding_to_demands_is_concede(pipeline: Pipeline, text: str, cameo: str) -> None:
    concession = _one(_extract(pipeline, text), "CONCEDE")
    assert concession.cameo == cameo


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # joint military exercises are military cooperation (PLOVER COOPERATE, CAMEO 062)
        ("The two navies held combined naval drills near the strait.", "COOPERATE"),
        ("Troops from five countries began multinational exercises on Monday.", "COOPERATE"),
        ("The army held military drills near the border.", "MOBILIZE"),
        # forces moved or raised are a mobilization (CAMEO 154)
        ("The army began moving troops into the border region.", "MOBILIZE"),
        ("The warlord raised a militia in the south.", "MOBILIZE"),
    ],
)
def test_exercises_and_moved_forces(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(_extract(pipeline, text), type_).status == "asserted"


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        # a promise not to carry out a hostile act is a verbal concession, not a threat
        ("The rebels vowed not to attack civilians.", "0356"),
        ("The government promised not to arrest the protest leaders.", "0351"),
        ("Montenegro agreed not to deport the suspect.", "0351"),
        ("The union promised not to strike this year.", "0352"),
    ],
)
def test_a_promise_to_refrain_from_hostility_is_concede(
    pipeline: Pipeline, text: str, cameo: str
) -> None:
    events = _extract(pipeline, text).events
    assert [(e.type, e.cameo, e.status) for e in events] == [("CONCEDE", cameo, "future")]


def test_a_threat_not_to_cooperate_stays_a_threat(pipeline: Pipeline) -> None:
    events = _extract(pipeline, "Iran threatened not to allow inspectors in.").events
    assert [e.type for e in events] == ["THREATEN"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The opposition approved a two-day suspension of protests.", "CONCEDE"),
        ("The army announced a suspension of the bombing.", "RETREAT"),
        ("The government is easing rules that limit civil society groups.", "RETREAT"),
    ],
)
def test_suspensions_and_eased_rules(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(_extract(pipeline, text), type_).status == "asserted"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # expanding cooperation is PLOVER's COOPERATE (CAMEO 06); closer ties stay SUPPORT (050)
        ("Vietnam and Laos have expanded cooperation on border security.", "COOPERATE"),
        ("The two navies will boost their cooperation next year.", "AGREE"),
        ("India and Japan strengthened their ties.", "SUPPORT"),
    ],
)
def test_expanded_cooperation(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(_extract(pipeline, text), type_).type == type_


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        # "out" read as a preposition governing "of" is still the particle of "pull out"
        ("The navy has pulled out of the disputed islands.", "RETREAT", "withdraw"),
        ("Russia pulled out of the Council of Europe.", "SANCTION", "withdraw"),
        # security forces mobilised are not aid
        ("The government mobilized security forces in the capital.", "MOBILIZE", "police"),
        ("The army mobilized troops along the border.", "MOBILIZE", "troops"),
    ],
)
def test_withdrawals_and_mobilizations(
    pipeline: Pipeline, text: str, type_: str, mode: str
) -> None:
    assert _one(_extract(pipeline, text), type_).mode == mode


def test_traded_fire_is_an_assault_without_the_fire_as_target(pipeline: Pipeline) -> None:
    text = "Government troops and rebels traded fire near the border on Monday."
    assault = _one(_extract(pipeline, text), "ASSAULT")
    assert assault.trigger.text == "traded"
    assert not [s.text for s in assault.target_spans if "fire" in s.text]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # a span of time "of" an act stands for the act as an object ("ended months of violence")
        ("The insurgents ended months of violence in the north.", "RETREAT"),
        ("The union suspended two weeks of protests.", "CONCEDE"),
    ],
)
def test_a_duration_of_an_act_stands_for_the_act(pipeline: Pipeline, text: str, type_: str) -> None:
    assert _one(_extract(pipeline, text), type_).status == "asserted"


@pytest.mark.parametrize(
    ("text", "type_", "cameo"),
    [
        # the codebook's AID includes debt forgiveness; MOBILIZE includes testing weapons
        ("Germany wrote off Ghana's debt.", "AID", "071"),
        ("The creditors forgave the country's debt last year.", "AID", "071"),
        ("North Korea test-fired a ballistic missile on Sunday.", "MOBILIZE", "150"),
        ("Thai and Malaysian police began joint patrols along the border.", "COOPERATE", "062"),
    ],
)
def test_codebook_modes_of_aid_mobilize_and_cooperate(
    pipeline: Pipeline, text: str, type_: str, cameo: str
) -> None:
    events = _extract(pipeline, text).events
    assert [(e.type, e.cameo) for e in events] == [(type_, cameo)]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # an actor's own intent to carry out a hostile act is a threat (PLOVER: THREATEN is a
        # hostile act that is hypothetical) ...
        ("The government plans to impose a curfew on the capital.", "THREATEN"),
        ("Israel is preparing to attack the nuclear sites.", "THREATEN"),
        ("The president wants to ban the opposition parties.", "THREATEN"),
        # ... but not someone else's fear (a call on someone to act is that one's REQUEST)
        ("The UN fears the army could attack the town.", "ASSAULT"),
        ("Activists urged the government to arrest the officers.", "REQUEST"),
    ],
)
def test_an_intent_to_act_with_hostility_is_a_threat(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    events = _extract(pipeline, text).events
    assert [e.type for e in events] == [type_]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        # the PLOVER manual: expressions of regret and withdrawn demands are concessions
        ("NATO's chief apologized to Turkey for the incident.", "055"),
        ("The union withdrew its demand for a pay rise.", "080"),
    ],
)
def test_apologies_and_withdrawn_demands_are_concede(
    pipeline: Pipeline, text: str, cameo: str
) -> None:
    assert _one(_extract(pipeline, text), "CONCEDE").cameo == cameo


@pytest.mark.parametrize(
    "text",
    [
        "Kokesh, who hails from Arizona, joined the movement in 2007.",
        "This would cap immigration at 16,000, as opposed to the current 80,000.",
        "Thank you for your time, she told the reporters.",
        "He was taken to hospital after a heart attack.",
        "Trump held his first campaign rally in Tulsa on Saturday.",
        "Stocks rallied on Friday after the report.",
        "The campaign released an ad showing the senator at a rally.",
    ],
)
def test_idioms_and_other_senses_code_no_event(pipeline: Pipeline, text: str) -> None:
    assert [(e.type, e.trigger.text) for e in _extract(pipeline, text).events] == []


def test_protesters_rallying_still_protest(pipeline: Pipeline) -> None:
    events = _extract(pipeline, "Thousands of protesters rallied in the capital.").events
    assert [e.type for e in events] == ["PROTEST"]


def test_an_act_named_by_whom_it_was_done_to_is_an_event(pipeline: Pipeline) -> None:
    murder = _one(_extract(pipeline, "Nabil's murder is unacceptable."), "ASSAULT")
    assert murder.source_spans == []
    assert [s.text for s in murder.target_spans] == ["Nabil"]


@pytest.mark.parametrize(
    "text",
    [
        # charges or a case dropped are a concession (like an acquittal, CAMEO 081) ...
        "Prosecutors dropped the case against the journalist on Monday.",
        "The company withdrew its lawsuit against the newspaper.",
    ],
)
def test_dropped_charges_are_concede(pipeline: Pipeline, text: str) -> None:
    concession = _one(_extract(pipeline, text), "CONCEDE")
    assert concession.cameo == "081"
    # ... and one's own case withdrawn does not make its owner the target
    assert not {s.text for s in concession.target_spans} & {s.text for s in concession.source_spans}


def test_an_enquiry_convened_is_an_investigation(pipeline: Pipeline) -> None:
    text = "The commission convened an enquiry into the killings on Monday."
    assert _one(_extract(pipeline, text), "ACCUSE").mode == "investigate"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # an exercise held by more than one party is military cooperation; by one, a mobilization
        ("Russia and China held naval drills in the Sea of Japan.", "COOPERATE"),
        ("Russia held naval drills with China in the Sea of Japan.", "COOPERATE"),
        ("The army held military exercises near the border.", "MOBILIZE"),
    ],
)
def test_exercises_of_several_parties_are_cooperation(
    pipeline: Pipeline, text: str, type_: str
) -> None:
    assert [e.type for e in _extract(pipeline, text).events] == [type_]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("The government ordered the killing of 300,000 pigs.", False),
        ("Rangers shot two elephants near the park.", False),
        ("She died after a long battle with cancer.", False),
        ("The government ordered the killing of the protesters.", True),
        ("Rangers shot two poachers near the park.", True),
    ],
)
def test_animals_and_illness_are_not_assaulted(pipeline: Pipeline, text: str, coded: bool) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert ("ASSAULT" in types) is coded, types


def test_a_forecast_with_should_is_not_a_demand(pipeline: Pipeline) -> None:
    events = _extract(pipeline, "The county said Trump should win the nomination.").events
    assert "REQUEST" not in [e.type for e in events]


def test_an_act_that_occurred_among_a_group_is_the_groups(pipeline: Pipeline) -> None:
    text = "The general said a major defection occurred among the president's bodyguards."
    defection = _one(_extract(pipeline, text), "REJECT")
    assert [s.text for s in defection.source_spans] == ["the president's bodyguards"]
    assert [s.text for s in defection.target_spans] == ["the president"]
    clashes = _one(_extract(pipeline, "Clashes broke out among rival militias."), "ASSAULT")
    assert [s.text for s in clashes.source_spans] == ["rival militias"]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # a misfortune that kills is no attack; what a subject is rules it out, not the
        # noun that names it: a car bomb is a bomb, a car crash a crash
        ("A car bomb killed five soldiers in Kabul.", True),
        ("A truck bomb killed 40 people near the market.", True),
        ("A car crash killed five soldiers in Kabul.", False),
        ("A car killed a pedestrian in Paris.", False),
        ("Typhoon Haiyan killed over 6,000 people in 2013.", False),
    ],
)
def test_a_subject_is_ruled_out_by_its_head_not_its_compound(
    pipeline: Pipeline, text: str, coded: bool
) -> None:
    assert bool(_extract(pipeline, text).events) == coded


@pytest.mark.parametrize(
    ("text", "type_", "status"),
    [
        # an embargo renewed is imposed again, as sanctions renewed are
        ("The council renewed the arms embargo on Eriador.", "SANCTION", "asserted"),
        ("The council failed to renew the arms embargo on Eriador.", "SANCTION", "negated"),
    ],
)
def test_a_renewed_embargo_is_a_sanction(
    pipeline: Pipeline, text: str, type_: str, status: str
) -> None:
    event = _one(_extract(pipeline, text), type_)
    assert event.status == status


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        # a warning aimed at someone or telling of the warner's own act is a threat ...
        ("Eriador warned Gondor last week that its president was walking into a trap.", True),
        ("The army warned it will retaliate against any attack by the militants.", True),
        ("China warned North Korea on Sunday.", True),
        ("The minister warned against scrapping the nuclear agreement.", True),
        ("The minister issued a stern warning to the rebels.", True),
        # ... a forecast, a warning of a misfortune or advice is a comment, not coded
        ("The fund warned that the vote could depress growth for years.", False),
        ("The leaders warn that if the bloc fails, it could fall apart.", False),
        ("The weather service warned of flash floods in the north.", False),
        ("Police warned residents to stay inside.", False),
        ("Yellow warnings were issued nationwide.", False),
    ],
)
def test_a_warning_threatens_only_when_aimed(pipeline: Pipeline, text: str, threat: bool) -> None:
    types = [e.type for e in _extract(pipeline, text).events]
    assert ("THREATEN" in types) == threat


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # general news: releases of media, discharges from hospital, fighting for a cause,
        # a candidate's rally, a thank-you, contributing to an analysis code nothing ...
        ("The White House released a summary of the call.", False),
        ("After a three day stay, the senator was released from the hospital.", False),
        (
            "The studio said the film would be released on Friday, according to a press release.",
            False,
        ),
        ("He has fought for our sovereignty all his life.", False),
        ("Thousands attended Donald Trump's rally at the coliseum.", False),
        ("Thousands attended his rally at the coliseum.", False),
        ("No, I think that was fine, thank you.", False),
        ("Other researchers contributed to the interpretation of the data.", False),
        ("This study started long before my joining the lab in March.", False),
        ("Those four candidates demonstrated that it helps to have political training.", False),
        ("Few users can deploy the new software.", False),
        ("The buffalo were released from a livestock trailer.", False),
        ('"He wants to be a tough guy tonight," the senator shot back.', False),
        ("Officials said most of the injured were minors.", False),
        ("The wounded were taken to hospital.", False),
        ("According to the police, the site hosted a quarter million video clips.", False),
        # ... while releasing captives, fighting an enemy and protest rallies still do
        ("The rebels released two hostages on Monday.", True),
        ("The army fought the rebels near the border.", True),
        ("He fought for the Islamic State in Syria for two years.", True),
        ("Opposition supporters held a rally against the government.", True),
        ("Thousands joined the march through the capital.", True),
        ("Students demonstrated outside the parliament.", True),
        ("The army deployed 500 soldiers to the border.", True),
        ("Soldiers shot back at the attackers.", True),
        ("Putin hosted King Salman for talks at the Kremlin.", True),
    ],
)
def test_general_news_senses(pipeline: Pipeline, text: str, coded: bool) -> None:
    assert bool(_extract(pipeline, text).events) == coded


def test_giving_up_fighting_is_not_an_attack(pipeline: Pipeline) -> None:
    events = pipeline.extract(
        "The rebel commander and his men have given up fighting and surrendered in Kunduz "
        "province ."
    ).events
    assert [e.type for e in events] == ["RETREAT"]


def test_a_summoned_charge_d_affaires_written_with_split_tokens_is_an_envoy(
    pipeline: Pipeline,
) -> None:
    events = pipeline.extract("Hungary summoned Austria 's charge d ' affaires on Monday .").events
    assert [(e.type, e.trigger.text) for e in events] == [("ACCUSE", "summoned")]


def test_a_clause_without_a_doer_of_its_own_does_not_replace_a_passive(
    pipeline: Pipeline,
) -> None:
    text = (
        "Kim was arrested in March, 2018, but Eriador's National Police Agency when "
        "announcing the arrest in May, 2018 identified him only as Mr. A."
    )
    arrests = [e for e in _extract(pipeline, text).events if e.trigger.text == "arrested"]
    assert [[s.text for s in e.target_spans] for e in arrests] == [["Kim"]]
