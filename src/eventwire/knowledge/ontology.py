"""The PLOVER event ontology: types, modes, quad classes, intensities, and code mappings.

Data: ``data/plover.json`` (types, modes, quad class and intensity per type and mode),
``data/cameo_plover.tsv`` (CAMEO code -> PLOVER type and mode) and ``data/weis_plover.tsv``
(WEIS code -> PLOVER type and mode). Each file's header names its source.

Intensity runs from -10 (most conflictual) to +10 (most cooperative). Quad classes are numbered
as in PLOVER: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict.

>>> plover = ontology()
>>> plover.quad("ASSAULT"), plover.intensity("ASSAULT", "aerial")
(4, -9.5)
>>> plover.from_cameo("1831")
('ASSAULT', 'suicide-attack')
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from eventwire.errors import EventwireError

logger = logging.getLogger(__name__)

#: The 16 PLOVER event types, in the codebook's order (cooperation to conflict).
TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


class OntologyError(EventwireError):
    """An ontology or mapping data file is inconsistent."""


@dataclass(slots=True, frozen=True)
class EventType:
    """One PLOVER type: quad class, base intensity, and its modes with their intensities."""

    name: str
    quad: int
    intensity: float
    summary: str
    modes: dict[str, float] = field(default_factory=dict)


def _read(name: str) -> str:
    return resources.files("eventwire.knowledge").joinpath(f"data/{name}").read_text("utf-8")


def _read_code_table(name: str, types: dict[str, EventType]) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    lines = [line for line in _read(name).splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:  # first line is the column header
        cells = line.split("\t")
        code, type_ = cells[0].strip(), cells[1].strip()
        mode = cells[2].strip() if len(cells) > 2 and cells[2].strip() else None
        if type_ not in types:
            raise OntologyError(f"{name}: {code} maps to unknown type {type_!r}")
        if mode is not None and mode not in types[type_].modes:
            raise OntologyError(f"{name}: {code} maps to unknown mode {type_}:{mode}")
        table[code] = (type_, mode)
    return table


class Ontology:
    """PLOVER types and modes, with lookups from CAMEO and WEIS codes."""

    def __init__(self) -> None:
        data = json.loads(_read("plover.json"))
        self.quad_names: dict[int, str] = {int(k): v for k, v in data["quads"].items()}
        self.types: dict[str, EventType] = {
            name: EventType(
                name=name,
                quad=int(entry["quad"]),
                intensity=float(entry["intensity"]),
                summary=str(entry["summary"]),
                modes={str(m): float(v) for m, v in entry["modes"].items()},
            )
            for name, entry in data["types"].items()
        }
        if tuple(self.types) != TYPES:
            raise OntologyError(
                f"plover.json types differ from the 16 PLOVER types: {list(self.types)}"
            )
        self.cameo = _read_code_table("cameo_plover.tsv", self.types)
        self.weis = _read_code_table("weis_plover.tsv", self.types)
        logger.debug("ontology: %d types, %d CAMEO codes", len(self.types), len(self.cameo))

    def quad(self, type_: str) -> int:
        """Quad class (1-4) of a PLOVER type."""
        return self.types[type_].quad

    def intensity(self, type_: str, mode: str | None = None) -> float:
        """Intensity (-10 ... +10) of a type, or of one of its modes when given and known."""
        entry = self.types[type_]
        if mode is not None and mode in entry.modes:
            return entry.modes[mode]
        return entry.intensity

    def is_mode(self, type_: str, mode: str | None) -> bool:
        """Whether ``mode`` is a mode of ``type_`` (None always is)."""
        return mode is None or (type_ in self.types and mode in self.types[type_].modes)

    def from_cameo(self, code: str) -> tuple[str, str | None] | None:
        """PLOVER (type, mode) of a CAMEO code, via its parent codes; None for 01, 02, unknowns."""
        return _lookup(self.cameo, code.strip(), cue_width=3)

    def from_weis(self, code: str) -> tuple[str, str | None] | None:
        """PLOVER (type, mode) of a WEIS code, via its cue category; None where PLOVER has none."""
        return _lookup(self.weis, code.strip(), cue_width=2)


def _lookup(
    table: dict[str, tuple[str, str | None]], code: str, cue_width: int
) -> tuple[str, str | None] | None:
    if not code.isdigit() or len(code) < 2:
        return None
    if code in table:
        return table[code]
    if len(code) > 3 and code[:3] in table:
        return table[code[:3]]
    # the cue category: CAMEO writes it as "190", WEIS as "19"
    cue = code[:2] + "0" if cue_width == 3 else code[:2]
    return table.get(cue)


@cache
def ontology() -> Ontology:
    """The PLOVER ontology, loaded once."""
    return Ontology()
