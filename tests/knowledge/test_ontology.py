"""The PLOVER ontology and the trigger lexicon: data files that load and agree."""

from __future__ import annotations

import pytest

from eventwire.knowledge.ontology import TYPES, ontology
from eventwire.knowledge.triggers import singular, trigger_lexicon, verb_forms


def test_ontology_has_the_sixteen_plover_types_with_quads_and_intensities() -> None:
    plover = ontology()
    assert tuple(plover.types) == TYPES and len(TYPES) == 16
    for name, entry in plover.types.items():
        assert entry.quad in (1, 2, 3, 4), name
        assert -10 <= entry.intensity <= 10
        for value in entry.modes.values():
            assert -10 <= value <= 10
        cooperative = entry.quad in (1, 2)
        assert (entry.intensity > 0) == cooperative, name  # REQUEST scores 0


@pytest.mark.parametrize(
    ("type_", "quad"),
    [("AGREE", 1), ("CONCEDE", 1), ("AID", 2), ("RETREAT", 2), ("SANCTION", 3), ("PROTEST", 4)],
)
def test_ontology_quad_classes_follow_plover(type_: str, quad: int) -> None:
    assert ontology().quad(type_) == quad


def test_ontology_mode_intensity_and_unknown_mode_falls_back_to_the_type() -> None:
    plover = ontology()
    assert plover.intensity("PROTEST", "riot") == -7.0
    assert plover.intensity("PROTEST", "no-such-mode") == plover.intensity("PROTEST")
    assert plover.is_mode("ASSAULT", "drone") and not plover.is_mode("ASSAULT", "hug")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("190", ("ASSAULT", None)),
        ("1831", ("ASSAULT", "suicide-attack")),
        ("0841", ("RETREAT", "release")),
        ("1419", ("PROTEST", "demo")),  # an unknown 4-digit code falls back to its parent
        ("043", ("CONSULT", "visit")),
        ("010", None),  # statements are not PLOVER events
        ("abc", None),
    ],
)
def test_ontology_maps_cameo_codes(code: str, expected: tuple[str, str | None] | None) -> None:
    assert ontology().from_cameo(code) == expected


def test_ontology_maps_weis_codes_through_their_cue_category() -> None:
    plover = ontology()
    assert plover.from_weis("212") == ("COERCE", "arrest")
    assert plover.from_weis("223") == ("ASSAULT", None)
    assert plover.from_weis("023") is None


def test_trigger_lexicon_loads_and_every_sense_is_a_plover_type() -> None:
    lexicon = trigger_lexicon()
    types = set(ontology().types)
    for senses in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        for sense in senses:
            assert sense.type in types
    assert lexicon.verb_lemma("staging", "stag") == "stage"
    assert lexicon.verb_lemma("struck", "strike") == "strike"
    assert lexicon.noun_lemma("attacks", "attack") == "attack"


def test_verb_forms_and_singulars() -> None:
    assert verb_forms("stage") == {"stage", "stages", "staged", "staging"}
    assert {"banned", "banning"} <= verb_forms("ban")
    assert {"rallied", "rallies"} <= verb_forms("rally")
    assert singular("attacks") == "attack" and singular("militaries") == "military"
