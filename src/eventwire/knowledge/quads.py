"""PLOVER quad categories: verbal or material, cooperation or conflict, for each event type.

One table serves the whole package: the quads of the event ontology (``data/plover.json``, read
by :mod:`eventwire.knowledge.ontology`). This module gives it the name-based view that the
store, web, API and report code use. Events may carry their own ``quad`` field; where they do
not, the quad follows from the event type.

>>> quads().of_type["SANCTION"], quads().codes["material conflict"]
('verbal conflict', 4)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventwire.knowledge.ontology import Ontology, ontology

_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(slots=True, frozen=True)
class Quads:
    """The quad table: quad names in code order, their codes, and the quad of each PLOVER type."""

    names: tuple[str, ...]
    codes: dict[str, int]
    of_type: dict[str, str]

    @classmethod
    def from_ontology(cls, plover: Ontology) -> Quads:
        """The name-based view of an ontology's quad table."""
        names = tuple(plover.quad_names[code] for code in sorted(plover.quad_names))
        codes = {name: code for code, name in plover.quad_names.items()}
        of_type = {name: plover.quad_names[entry.quad] for name, entry in plover.types.items()}
        return cls(names=names, codes=codes, of_type=of_type)

    def types(self, quad: str) -> list[str]:
        """Return the PLOVER types in ``quad`` (a quad name), in the ontology's order."""
        return [t for t, q in self.of_type.items() if q == quad]

    def normalize(self, value: object) -> str | None:
        """Return the quad name for a name in any spelling or a code (1-4), or None if unknown.

        >>> quads().normalize("MATERIAL_CONFLICT")
        'material conflict'
        >>> quads().normalize(2)
        'material cooperation'
        """
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
            code = int(value)
            return next((name for name, c in self.codes.items() if c == code), None)
        if not isinstance(value, str):
            return None
        name = _SEPARATORS.sub(" ", value.strip().lower())
        return name if name in self.codes else None

    def of_event(self, event: dict[str, Any]) -> str | None:
        """Return an event record's quad: its own ``quad`` field if readable, else its type's."""
        own = self.normalize(event.get("quad"))
        if own is not None:
            return own
        return self.of_type.get(str(event.get("type") or "").upper())


@cache
def quads() -> Quads:
    """Return the quad table of the event ontology, built once."""
    return Quads.from_ontology(ontology())
