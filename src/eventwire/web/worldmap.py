"""A small world outline for maps, built from the country shapes the countryinfo package ships.

Nothing is downloaded: countryinfo (already a dependency for country names) carries a GeoJSON
outline of each country (Natural Earth, 1:110m). The outline is turned once into SVG path data in
an equirectangular projection whose units are degrees: x = longitude, y = -latitude.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class CountryShape:
    """One country's outline as SVG path data (degrees, y pointing south)."""

    alpha3: str
    name: str
    path: str


def _ring(points: list[Any]) -> str:
    """Return path data for one ring, rounded to 0.1 degree with repeated points dropped."""
    out: list[str] = []
    last: tuple[float, float] | None = None
    for point in points:
        if not isinstance(point, list | tuple) or len(point) < 2:
            continue
        xy = (round(float(point[0]), 1), round(-float(point[1]), 1))
        if xy == last:
            continue
        out.append(f"{xy[0]:g} {xy[1]:g}")
        last = xy
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coordinates]
    if kind == "MultiPolygon":
        return list(coordinates)
    return []


@cache
def world_outline() -> tuple[CountryShape, ...]:
    """Return every country outline countryinfo has (about 170), loaded once."""
    from countryinfo import all_countries

    shapes: list[CountryShape] = []
    for country in all_countries():
        try:
            info = country.info()
        except Exception:  # a broken entry in a third-party data file must not stop a map
            logger.debug("countryinfo entry without info skipped", exc_info=True)
            continue
        geo = info.get("geoJSON") or {}
        alpha3 = str((info.get("ISO") or {}).get("alpha3") or "")
        name = str(info.get("name") or alpha3)
        parts: list[str] = []
        for feature in geo.get("features", []) if isinstance(geo, dict) else []:
            for polygon in _polygons(feature.get("geometry") or {}):
                parts.extend(p for p in (_ring(ring) for ring in polygon) if p)
        if parts:
            shapes.append(CountryShape(alpha3=alpha3, name=name, path="".join(parts)))
    logger.debug("world outline: %d countries", len(shapes))
    return tuple(sorted(shapes, key=lambda s: s.alpha3))
