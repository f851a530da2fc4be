"""PLOVER quads: every type has one; names and codes in any spelling."""

from __future__ import annotations

import pytest

from eventwire.knowledge.ontology import ontology
from eventwire.knowledge.quads import quads


def test_every_plover_type_has_a_quad() -> None:
    table = quads()
    assert len(table.of_type) == 16
    assert table.types("material cooperation") == ["COOPERATE", "AID", "RETREAT"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("MATERIAL_CONFLICT", "material conflict"),
        ("verbal-cooperation", "verbal cooperation"),
        (3, "verbal conflict"),
        ("4", "material conflict"),
        ("sideways", None),
        (True, None),
        (9, None),
    ],
)
def test_normalize(value: object, expected: str | None) -> None:
    assert quads().normalize(value) == expected


def test_an_event_own_quad_wins_over_its_type() -> None:
    assert quads().of_event({"type": "ASSAULT", "quad": 1}) == "verbal cooperation"
    assert quads().of_event({"type": "assault"}) == "material conflict"
    assert quads().of_event({"type": "NEW"}) is None


def test_the_quad_table_is_the_event_ontology_s() -> None:
    plover = ontology()
    for type_, entry in plover.types.items():
        assert quads().codes[quads().of_type[type_]] == entry.quad
    assert quads().names == tuple(plover.quad_names[c] for c in (1, 2, 3, 4))
