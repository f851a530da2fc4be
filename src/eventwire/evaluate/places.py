"""Scorer for geoparsing: toponym recognition and resolution on LGL and GeoVirus.

Data (``data/geo`` under the shared folder): ``lgl/lgl.xml`` (local US news, GeoNames ids and
coordinates, with the country of each toponym) and ``geovirus/GeoVirus.xml`` (Wikinews
disease-outbreak articles, coordinates only). Metrics per set, as in the geoparsing literature
(Gritta et al. 2019, "A pragmatic guide to geoparsing evaluation"):

- ``recall``: share of gold toponyms (with coordinates) that a predicted place mention overlaps;
- on the toponyms found: ``country_accuracy`` (predicted country = gold country),
  ``acc161`` (predicted point within 161 km of the gold point) and ``median_km``.

A gold toponym's country is LGL's; where a set gives none (GeoVirus), it is the country of the
GeoNames town nearest the gold point, and the prediction's likewise where the place has no
country (a continent, a sea).
"""

from __future__ import annotations

import logging
import math
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.evaluate import Score, register_scorer, require
from eventwire.ingest import Document
from eventwire.knowledge.countries import country_index
from eventwire.knowledge.gazetteer import Gazetteer, haversine_km
from eventwire.pipeline import Pipeline
from eventwire.records import Place
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

#: Acc@161: the customary distance, 100 miles.
NEAR_KM = 161.0


@dataclass(slots=True, frozen=True)
class GoldToponym:
    """A gold toponym: its span, point and (where the set gives one) country."""

    start: int
    end: int
    text: str
    lat: float
    lon: float
    country: str | None


@dataclass(slots=True)
class GoldArticle:
    """A gold article: its text, publication date and toponyms."""

    id: str
    text: str
    published: str | None
    toponyms: list[GoldToponym]
    unlocated: list[tuple[int, int]]  # toponyms the set gives no point for


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    """Read LGL's XML (``<article><text/><toponyms><toponym><gaztag>``)."""
    countries = country_index()
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        toponyms, unlocated = [], []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            tag = toponym.find("gaztag")
            if tag is None or tag.find("lat") is None:
                unlocated.append((start, end))
                continue
            name = tag.findtext("country")
            match = countries.lookup(name) if name else None
            toponyms.append(
                GoldToponym(
                    start,
                    end,
                    toponym.findtext("phrase") or text[start:end],
                    float(tag.findtext("lat") or 0),
                    float(tag.findtext("lon") or 0),
                    match.country.alpha3 if match else None,
                )
            )
        dltime = article.findtext("dltime")
        yield GoldArticle(
            article.get("docid") or str(number),
            text,
            dltime[:10] if dltime else None,
            toponyms,
            unlocated,
        )


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """Read GeoVirus's XML (``<article><text/><locations><location>``)."""
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        toponyms = [
            GoldToponym(
                int(loc.findtext("start") or 0),
                int(loc.findtext("end") or 0),
                loc.findtext("name") or "",
                float(loc.findtext("lat") or 0),
                float(loc.findtext("lon") or 0),
                None,
            )
            for loc in article.iter("location")
        ]
        yield GoldArticle(f"geovirus-{number}", text, None, toponyms, [])


class NearestCountry:
    """Reverse geocoding for scoring: the country of the nearest GeoNames town to a point."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
        for lat, lon, country in gazetteer.towns():
            self.cells[(math.floor(lat), math.floor(lon))].append((lat, lon, country))

    def __call__(self, lat: float, lon: float) -> str | None:
        cy, cx = math.floor(lat), math.floor(lon)
        best: tuple[float, str] | None = None
        for ring in range(0, 8):
            for dy in range(-ring, ring + 1):
                for dx in range(-ring, ring + 1):
                    if max(abs(dy), abs(dx)) != ring:
                        continue
                    for tlat, tlon, country in self.cells.get(
                        (cy + dy, (cx + dx + 180) % 360 - 180), ()
                    ):
                        d = haversine_km(lat, lon, tlat, tlon)
                        if best is None or d < best[0]:
                            best = (d, country)
            if best is not None and ring >= 1:
                return best[1]
        return best[1] if best else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_set(
    name: str,
    articles: list[GoldArticle],
    pipeline: Pipeline,
    nearest: NearestCountry,
) -> tuple[dict[str, float], dict[str, int]]:
    """Run the pipeline over one gold set and return its metrics and counts."""
    documents = [
        Document(text=a.text, origin=a.id, id=a.id, published=a.published) for a in articles
    ]
    gold_total = found = country_right = near = predicted = predicted_right = 0
    errors: list[float] = []
    for article, extraction in zip(articles, pipeline.extract_many(documents), strict=True):
        mentions: list[tuple[int, int, Place]] = [
            (m.start, m.end, place) for place in extraction.places for m in place.mentions
        ]
        spans = [(t.start, t.end) for t in article.toponyms] + article.unlocated
        for start, end, _ in mentions:
            predicted += 1
            predicted_right += any(_overlaps((start, end), s) for s in spans)
        for toponym in article.toponyms:
            gold_total += 1
            best = max(
                mentions,
                key=lambda m, t=toponym: _overlaps((m[0], m[1]), (t.start, t.end)),  # type: ignore[misc]
                default=None,
            )
            if best is None or not _overlaps((best[0], best[1]), (toponym.start, toponym.end)):
                continue
            place = best[2]
            if place.lat is None or place.lon is None:
                continue
            found += 1
            error = haversine_km(toponym.lat, toponym.lon, place.lat, place.lon)
            errors.append(error)
            near += error <= NEAR_KM
            gold_country = toponym.country or nearest(toponym.lat, toponym.lon)
            predicted_country = (
                place.country
                if place.country and toponym.country
                else nearest(place.lat, place.lon)
            )
            country_right += gold_country == predicted_country
    metrics = {
        f"{name}_recall": found / gold_total if gold_total else 0.0,
        f"{name}_precision": predicted_right / predicted if predicted else 0.0,
        f"{name}_country_accuracy": country_right / found if found else 0.0,
        f"{name}_acc161": near / found if found else 0.0,
        f"{name}_median_km": statistics.median(errors) if errors else 0.0,
    }
    counts = {
        f"{name}_articles": len(articles),
        f"{name}_toponyms": gold_total,
        f"{name}_found": found,
    }
    return metrics, counts


def score_places(
    lgl: Path | None,
    geovirus: Path | None,
    limit: int | None = None,
    settings: Settings | None = None,
) -> Score:
    """Score the place stage on LGL and GeoVirus (either may be None to skip it).

    Raises:
        DataSetMissingError: a given file does not exist, or neither set is given.
    """
    sets = []
    if lgl is not None:
        sets.append(("lgl", list(read_lgl(require(lgl, "LGL (lgl.xml)")))))
    if geovirus is not None:
        sets.append(("geovirus", list(read_geovirus(require(geovirus, "GeoVirus (GeoVirus.xml)")))))
    if not sets:
        require(Path("--lgl or --geovirus"), "a geoparsing set")
    pipeline = Pipeline(settings)
    nearest = NearestCountry(Gazetteer(pipeline.settings.cache_dir))
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {}
    for name, articles in sets:
        set_metrics, set_counts = score_set(
            name, articles[:limit] if limit else articles, pipeline, nearest
        )
        metrics.update(set_metrics)
        counts.update(set_counts)
    datasets = ", ".join(str(p) for p in (lgl, geovirus) if p is not None)
    return Score(stage="places", dataset=datasets, metrics=metrics, counts=counts)


@register_scorer("places", "data/geo")
def score_places_dir(data: Path, limit: int | None = None) -> Score:
    """Score on ``DATA/lgl/lgl.xml`` and ``DATA/geovirus/GeoVirus.xml``."""
    require(data, "the geoparsing sets folder")
    return score_places(data / "lgl" / "lgl.xml", data / "geovirus" / "GeoVirus.xml", limit)
