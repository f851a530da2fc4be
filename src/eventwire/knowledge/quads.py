"""PLOVER quad categories: verbal or material, cooperation or conflict, for each event type.

The table is data (``data/quads.json``, from the PLOVER manual). Events may carry their own
``quad`` field; where they do not, the quad follows from the event type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(slots=True, frozen=True)
class Quads:
    """The quad table: quad names in order, and the quad of each PLOVER type."""

    names: tuple[str, ...]
    codes: dict[str, int]
    of_type: dict[str, str]

    def types(self, quad: str) -> list[str]:
        """Return the PLOVER types in ``quad`` (a quad name), in table order."""
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
    """Return the quad table, loaded once from ``knowledge/data/quads.json``."""
    path = resources.files("eventwire.knowledge") / "data" / "quads.json"
    data = json.loads(path.read_text(encoding="utf-8"))["quads"]
    of_type = {t: name for name, entry in data.items() for t in entry["types"]}
    codes = {name: int(entry["code"]) for name, entry in data.items()}
    return Quads(names=tuple(data), codes=codes, of_type=of_type)
