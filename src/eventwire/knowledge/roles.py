"""Role and sector words: which nouns name actors, and which CAMEO sector a word implies.

Loaded once from ``data/roles.json`` (see its ``_comment`` for the tables). Phrases are matched on
lower-case lemmas joined by spaces; the longest phrase ending at a word wins, so "national
security adviser" is found before "adviser", and "secretary general" before "general".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: Sector used in the data file for words with no sector of their own.
NO_SECTOR = "-"


@dataclass(slots=True, frozen=True)
class Noun:
    """An actor noun: the kind of actor it names and its sector (None when it has none).

    ``kind`` is PERSON (one person; its plural names a GROUP), GROUP (a group of people, in
    the form listed), ORG or COUNTRY.
    """

    phrase: str
    kind: str
    sector: str | None


@dataclass(slots=True, frozen=True)
class Pronoun:
    """A third-person pronoun: the kind of actor it stands for, its gender and number."""

    kind: str  # PERSON, GROUP or ORG
    gender: str | None  # "m", "f" or None
    number: str  # "sg" or "pl"


class RoleLexicon:
    """Lookups over ``data/roles.json``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sector_names: dict[str, str] = dict(data["sectors"])
        self.nouns: dict[str, Noun] = {}
        for table, kind in (
            ("person_nouns", "PERSON"),
            ("group_nouns", "GROUP"),
            ("org_nouns", "ORG"),
        ):
            for sector, words in data[table].items():
                for word in words:
                    self.nouns.setdefault(
                        word, Noun(word, kind, None if sector == NO_SECTOR else sector)
                    )
        for word in data["country_nouns"]:
            self.nouns.setdefault(word, Noun(word, "COUNTRY", None))
        self.max_noun_words = max(len(p.split()) for p in self.nouns)
        #: last words of every actor noun: a cheap first test before a phrase lookup
        self.noun_heads = frozenset(p.split()[-1] for p in self.nouns)
        self.modifiers: dict[str, str] = {
            word: sector for sector, words in data["modifiers"].items() for word in words
        }
        self.max_modifier_words = max(len(p.split()) for p in self.modifiers)
        self.strong_sectors = frozenset(data["strong_sectors"])
        self.former_words = frozenset(data["former_words"])
        self.qualifiers = frozenset(data["role_qualifiers"])
        self.generic_people = frozenset(data["generic_people"])
        self.name_words: dict[str, str] = {
            word: sector for sector, words in data["name_words"].items() for word in words
        }
        self.armed_name_words = frozenset(data["armed_name_words"])
        self.insurgent_name_words = frozenset(data["insurgent_name_words"])
        self.seats: dict[str, tuple[str, str]] = {
            key: (value[0], value[1]) for key, value in data["seats"].items()
        }
        self.metonym_seats: dict[str, str] = dict(data["metonym_seats"])
        self.pronouns: dict[str, Pronoun] = {
            word: Pronoun(v[0], None if v[1] == NO_SECTOR else v[1], v[2])
            for word, v in data["pronouns"].items()
        }
        self.first_person_singular = frozenset(
            word for word, number in data["first_person"].items() if number == "sg"
        )
        self.gender_words: dict[str, str] = {
            word: gender for gender, words in data["gender_words"].items() for word in words
        }
        self.speech_verbs = frozenset(data["speech_verbs"])
        self.agent_object_verbs = frozenset(data["agent_object_verbs"])
        self.leader_verbs: dict[str, str] = dict(data["leader_verbs"])
        self.pseudo_countries: dict[str, str] = dict(data["cameo_pseudo_countries"])
        self.institution_words = frozenset(data["institution_words"])
        self.context_sectors = frozenset(data["context_sectors"])
        self.title_sectors = frozenset(data["title_sectors"])
        self.title_words = frozenset(data["title_words"])

    def noun(self, words: list[str]) -> Noun | None:
        """The longest actor noun that ``words`` (lower-case lemmas) end with, or None."""
        for n in range(min(self.max_noun_words, len(words)), 0, -1):
            found = self.nouns.get(" ".join(words[-n:]))
            if found is not None:
                return found
        return None

    def is_title(self, word: str) -> bool:
        """Whether a (lower-case) noun may stand as a title before a person's name."""
        noun = self.nouns.get(word)
        if noun is None or noun.kind != "PERSON":
            return False
        return word in self.title_words or noun.sector in self.title_sectors

    def is_institution(self, words: list[str]) -> bool:
        """Whether a name is only generic institution words ("national assembly"), so that it
        names a different body in each country."""
        return bool(words) and all(
            w in self.institution_words or w in self.nouns or w in self.modifiers for w in words
        )

    def modifier_sectors(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Sectors given by modifier phrases in ``words``: (first word, end, sector) triples."""
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            for n in range(min(self.max_modifier_words, len(words) - i), 0, -1):
                sector = self.modifiers.get(" ".join(words[i : i + n]))
                if sector is not None:
                    found.append((i, i + n, sector))
                    i += n
                    break
            else:
                i += 1
        return found

    def name_sector(self, words: list[str]) -> str | None:
        """The sector an organisation's name implies ("Haitian National Police" -> COP).

        An armed word together with an insurgent word makes a rebel group ("National
        Liberation Army", "Revolutionary Armed Forces of Colombia"); otherwise the last word
        (or phrase) of the name with a sector wins, as the head of a name comes last.
        """
        text = " ".join(words)
        padded = f" {text} "
        armed = any(f" {w} " in padded for w in self.armed_name_words)
        if armed and any(f" {w} " in padded for w in self.insurgent_name_words):
            return "REB"
        best: tuple[int, str] | None = None
        for phrase, sector in self.name_words.items():
            at = padded.rfind(f" {phrase} ")
            if at >= 0 and (best is None or at > best[0]):
                best = (at, sector)
        return best[1] if best else None


@cache
def role_lexicon() -> RoleLexicon:
    """The process-wide role lexicon (loaded once)."""
    text = resources.files("eventwire.knowledge").joinpath("data/roles.json").read_text("utf-8")
    return RoleLexicon(json.loads(text))
