"""Countries: names, alternative spellings, demonyms and capitals, keyed to ISO 3166 alpha-3.

Built from two maintained libraries, pycountry (ISO 3166 names and codes) and countryinfo
(alternative spellings, demonyms, capitals, population). ``data/country_names.json`` adds the
few everyday names neither library has ("Britain", "America"), as data.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry
from countryinfo import CountryInfo
from unidecode import unidecode

logger = logging.getLogger(__name__)

_NON_WORD = re.compile(r"[^a-z0-9 \-]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Fold a name for matching: accents removed, lower case, punctuation and "the" dropped.

    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("Nicolás  Maduro's")
    'nicolas maduro'
    """
    folded = unidecode(text).lower().replace("'s ", " ")
    if folded.endswith("'s") or folded.endswith("’s"):
        folded = folded[:-2]
    folded = folded.replace(".", "")
    folded = _NON_WORD.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


@dataclass(slots=True, frozen=True)
class Country:
    """One country: ISO codes, its common name and its capital."""

    alpha3: str
    alpha2: str
    name: str
    capital: str | None


@dataclass(slots=True, frozen=True)
class CountryMatch:
    """A country found for a piece of text, and whether the text named it or was a demonym."""

    country: Country
    how: str  # "name" or "demonym"


def _plural(demonym: str) -> list[str]:
    # "Venezuelan" -> "Venezuelans"; "Chinese", "British", "French", "Swiss" have no plural in -s.
    if demonym.endswith(("ese", "sh", "ch", "ss", "s", "i")):
        return [demonym] if not demonym.endswith("i") else [demonym, demonym + "s"]
    return [demonym, demonym + "s"]


class CountryIndex:
    """Look countries up by name, alternative spelling, code or demonym."""

    def __init__(self) -> None:
        self.by_alpha3: dict[str, Country] = {}
        self._population: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._claims: dict[str, list[str]] = {}  # every country a name is a name of
        infos = {record.alpha_3: _country_info(record.alpha_3) for record in pycountry.countries}
        for alpha3, info in infos.items():
            population = info.get("population")
            self._population[alpha3] = population if isinstance(population, int) else 0
        # Larger countries first, so that a shared demonym ("American", "French") or spelling
        # goes to the country most news means by it.
        records = sorted(pycountry.countries, key=lambda r: -self._population[r.alpha_3])
        for record in records:
            alpha3 = record.alpha_3
            info = infos[alpha3]
            known = info.get("name")
            name = str(known) if known else getattr(record, "common_name", None) or record.name
            capital = info.get("capital")
            capital = str(capital) if capital else None
            self.by_alpha3[alpha3] = Country(alpha3, record.alpha_2, name, capital)
            names = {record.name, name, getattr(record, "official_name", None), name}
            spellings = info.get("altSpellings")
            for spelling in spellings if isinstance(spellings, list) else []:
                if spelling.isupper() and len(spelling) <= 4:
                    self._codes.setdefault(spelling.replace(".", ""), alpha3)
                else:
                    names.add(spelling)
            for text in names:
                if text:
                    self._add(self._names, text, alpha3)
                    self._claim(text, alpha3)
                    # "Venezuela, Bolivarian Republic of" -> also "Venezuela"
                    if "," in text:
                        self._add(self._names, text.split(",")[0], alpha3)
                        self._claim(text.split(",")[0], alpha3)
            self._codes.setdefault(alpha3, alpha3)
            self._codes.setdefault(record.alpha_2, alpha3)
            demonym = info.get("demonym")
            if isinstance(demonym, str) and demonym:
                for form in _plural(demonym):
                    self._add(self._demonyms, form, alpha3)
            if capital:
                self._add(self._capitals, str(capital), alpha3)
        extra = json.loads(
            resources.files("eventwire.knowledge").joinpath("data/country_names.json").read_text()
        )
        for table, section in ((self._names, "names"), (self._capitals, "capitals")):
            for alpha3, texts in extra[section].items():
                for text in texts:
                    self._add(table, text, alpha3)
                    if section == "names":
                        self._claim(text, alpha3)
        for alpha3, texts in extra["demonyms"].items():
            for text in texts:
                for form in _plural(text):
                    self._add(self._demonyms, form, alpha3)
        logger.debug("country index: %d countries, %d names", len(self.by_alpha3), len(self._names))

    @staticmethod
    def _add(table: dict[str, str], text: str, alpha3: str) -> None:
        key = normalize_name(text)
        if key:
            table.setdefault(key, alpha3)

    def _claim(self, text: str, alpha3: str) -> None:
        key = normalize_name(text)
        claims = self._claims.setdefault(key, [])
        if key and alpha3 not in claims:
            claims.append(alpha3)

    def claimants(self, text: str) -> list[Country]:
        """Every country ``text`` is a name of, the one :meth:`lookup` returns first.

        Most names name one country or none; a few name two ("Congo": the Democratic Republic
        of the Congo, the more populous, then the Republic of the Congo; "Korea").
        """
        return [self.by_alpha3[a] for a in self._claims.get(normalize_name(text.strip()), [])]

    def lookup(self, text: str) -> CountryMatch | None:
        """Return the country a name, code or demonym refers to, or None.

        Codes ("US", "UK", "DRC") match only when written in capitals, so "us" is never a country.
        """
        stripped = text.strip()
        bare = stripped.replace(".", "")
        if bare.isupper() and bare.isalpha() and len(bare) <= 4:
            alpha3 = self._codes.get(bare)
            if alpha3:
                return CountryMatch(self.by_alpha3[alpha3], "name")
        key = normalize_name(stripped)
        if not key:
            return None
        alpha3 = self._names.get(key)
        if alpha3:
            return CountryMatch(self.by_alpha3[alpha3], "name")
        alpha3 = self._demonyms.get(key)
        if alpha3:
            return CountryMatch(self.by_alpha3[alpha3], "demonym")
        return None

    def capital_of(self, text: str) -> Country | None:
        """Return the country whose capital is named by ``text`` ("Caracas" -> Venezuela)."""
        alpha3 = self._capitals.get(normalize_name(text))
        return self.by_alpha3[alpha3] if alpha3 else None


def _country_info(alpha3: str) -> dict[str, object]:
    try:
        info: dict[str, object] = dict(CountryInfo(alpha3).info())
    except Exception:  # countryinfo lacks a few ISO entries; pycountry still names them
        logger.debug("countryinfo has no entry for %s", alpha3)
        return {}
    return info


@cache
def country_index() -> CountryIndex:
    """Return the process-wide country index (built once)."""
    return CountryIndex()
