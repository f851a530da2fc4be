"""The trigger lexicon: its codes agree with the ontology, and its entries code what they say."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from eventwire.knowledge.ontology import OntologyError, ontology
from eventwire.knowledge.triggers import Sense, TriggerLexicon, trigger_lexicon
from eventwire.pipeline import Pipeline

#: Where the lexicon follows the PLOVER codebook rather than the CAMEO->PLOVER conversion
#: table: (CAMEO code, PLOVER type) pairs, each a documented choice in event_triggers.json.
CODEBOOK_CHOICES = {
    ("080", "RETREAT"),  # resignations: RETREAT-resign in the codebook, CAMEO 'yield'
    ("116", "SANCTION"),  # convictions: SANCTION-convict in the codebook, CAMEO 'find guilty'
    ("163", "SANCTION"),  # sanctions and embargoes: SANCTION in the codebook, COERCE in the table
    (
        "055",
        "CONCEDE",
    ),  # apologies: the PLOVER manual's "expressions of regret", SUPPORT in the table
}


def _senses() -> list[tuple[str, Sense]]:
    lexicon = trigger_lexicon()
    found = [(f"verb {k}", s) for k, v in lexicon.verbs.items() for s in v]
    found += [(f"noun {k}", s) for k, v in lexicon.nouns.items() for s in v]
    found += [
        (f"phrase {' '.join(p.words)}", p.sense) for ps in lexicon.phrases.values() for p in ps
    ]
    return found


def test_every_cameo_code_in_the_lexicon_maps_to_the_sense_type() -> None:
    plover = ontology()
    for where, sense in _senses():
        if sense.cameo is None:
            continue
        mapped = plover.from_cameo(sense.cameo)
        assert mapped is not None, f"{where}: CAMEO {sense.cameo} has no PLOVER type"
        if mapped[0] != sense.type:
            assert (sense.cameo, sense.type) in CODEBOOK_CHOICES, (where, sense.cameo, mapped)


def test_a_malformed_cameo_code_or_unknown_mode_is_refused_at_load() -> None:
    data = json.loads(
        resources.files("eventwire.knowledge").joinpath("data/event_triggers.json").read_text()
    )
    data["verbs"]["shell"] = [{"type": "ASSAULT", "cameo": "19x"}]
    with pytest.raises(OntologyError):
        TriggerLexicon(data)
    data["verbs"]["shell"] = [{"type": "ASSAULT", "mode": "tickle", "cameo": "190"}]
    with pytest.raises(OntologyError):
        TriggerLexicon(data)


def test_every_sense_has_an_intensity_on_the_scale_with_the_sign_of_its_quad() -> None:
    plover = ontology()
    for where, sense in _senses():
        value = plover.intensity(sense.type, sense.mode)
        assert -10 <= value <= 10, where
        if plover.quad(sense.type) in (1, 2):
            assert value > 0, where
        elif sense.type != "REQUEST":
            assert value < 0, where


@pytest.mark.parametrize(
    ("text", "type_", "mode", "trigger", "status"),
    [
        (
            "The two governments failed to reach an agreement on the border.",
            "REJECT",
            "assist",
            "failed to reach an agreement",
            "asserted",
        ),
        (
            "Italy returned a stolen manuscript to the library of Venafro.",
            "RETREAT",
            "return",
            "returned",
            "asserted",
        ),
        (
            "Russia has begun withdrawing its troops from Syria.",
            "RETREAT",
            "withdraw",
            None,
            "asserted",
        ),
        (
            "Lithuania summoned the Russian ambassador on Monday.",
            "ACCUSE",
            "disapprove",
            "summoned",
            "asserted",
        ),
        (
            "The militants used civilians as human shields in Mosul.",
            "ASSAULT",
            "abduct",
            None,
            "asserted",
        ),
        ("Australia lent $1 billion to Indonesia.", "AID", None, "lent", "asserted"),
        ("Croatia opened its borders to refugees from Serbia.", "AID", None, "opened", "asserted"),
        (
            "Eritrea expelled the United Nations peacekeepers.",
            "SANCTION",
            "expel",
            "expelled",
            "asserted",
        ),
        ("Greece called for sanctions against Turkey.", "REQUEST", "change", "called", "asserted"),
        (
            "The hackers launched cyber attacks on the power grid.",
            "COERCE",
            "cyber",
            None,
            "asserted",
        ),
        (
            "Chinese peacekeepers arrived in South Sudan on Thursday.",
            "AID",
            None,
            "arrived",
            "asserted",
        ),
        (
            "The minister berated the opposition leader.",
            "ACCUSE",
            "disapprove",
            "berated",
            "asserted",
        ),
        ("Rebels pillaged the town.", "ASSAULT", None, "pillaged", "asserted"),
        (
            "The United States sent its troops home from Syria.",
            "RETREAT",
            "withdraw",
            "sent",
            "asserted",
        ),
        ("Australia sent troops to help the Philippine army.", "AID", None, "sent", "asserted"),
        (
            "The ministry expressed outrage at the decision.",
            "ACCUSE",
            "disapprove",
            "expressed outrage",
            "asserted",
        ),
        (
            "Russia launched military manoeuvres near the border.",
            "MOBILIZE",
            None,
            "launched military manoeuvres",
            "asserted",
        ),
        ("The two sides inched closer to a deal on Friday.", "AGREE", None, None, "asserted"),
    ],
)
def test_lexicon_entries_code_their_events(
    pipeline: Pipeline, text: str, type_: str, mode: str | None, trigger: str | None, status: str
) -> None:
    events = pipeline.extract(text).events
    found = [e for e in events if e.type == type_]
    assert found, [(e.type, e.trigger.text) for e in events]
    event = found[0]
    assert event.mode == mode
    assert event.status == status
    if trigger is not None:
        assert event.trigger.text == trigger
    assert event.intensity == ontology().intensity(type_, mode)
