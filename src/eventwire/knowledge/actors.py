"""Actor knowledge: who an actor is when the article does not say.

Three sources, each a list of :class:`KnownActor` (name, other names, kind, country, sector,
roles with dates):

- built in: international organisations (``data/organisations.json``), sector IGO or NGO;
- PETRARCH/Phoenix actor dictionaries (the TABARI ``.actors`` format), loaded with
  :func:`load_petrarch` from files the user brings (``--actors PATH``);
- a user actor file (YAML or JSON, :func:`load_user_file`), which overrides everything else,
  including what the article itself says.

:class:`ActorKnowledge` indexes them by folded name (see
:func:`~eventwire.knowledge.countries.normalize_name`) and answers, for a name and a date, the
entry that applies and the country, sector and roles it had on that date.

The PETRARCH format (``dictionaries.rst`` of PETRARCH): a record is a primary phrase line, then
synonym lines starting with ``+``, then date restrictions on lines starting with a tab::

    HAMID_KARZAI_  [AFGMIL]     ; the primary phrase, with an optional default code
    +BABRAK_KARMAL_              ; a synonym
        [AFGGOV 791227-861124]   ; code between two dates (inclusive)
        [AFGGOV >020101]         ; after a date; "<date" is before it; "[code]" is a default

Words are joined by ``_`` or spaces; ``#`` and ``;`` start comments; ``<!-- -->`` lines are
skipped. Dates are ``YYYYMMDD`` or ``YYMMDD``; a two-digit year below 30 is 20YY, else 19YY (as
PETRARCH reads them). A code is a country (ISO alpha-3) followed by sector codes (``VENGOV``),
or a pseudo-country standing for a sector (``IGOUNO``, ``NGO…``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import KnowledgeError
from eventwire.knowledge.countries import country_index, normalize_name
from eventwire.knowledge.roles import role_lexicon

logger = logging.getLogger(__name__)

#: Where an entry comes from, by precedence (higher wins).
PRECEDENCE = {"builtin": 0, "dictionary": 1, "user": 2}

KINDS = ("PERSON", "ORG", "GROUP", "COUNTRY")

_COMMENT = re.compile(r"[#;].*$")
_CODE = re.compile(r"\[([^\]]*)\]")
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Za-z0-9.&-]{2,10})\)")


@dataclass(slots=True, frozen=True)
class DatedRole:
    """A role, code or affiliation that held between two dates (either may be open)."""

    role: str | None = None
    country: str | None = None
    sector: str | None = None
    member_of: str | None = None
    start: date | None = None
    end: date | None = None

    def holds(self, when: date) -> bool:
        """Whether the role held on ``when`` (both limits inclusive)."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "country": self.country,
            "sector": self.sector,
            "member_of": self.member_of,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(slots=True)
class KnownActor:
    """One actor of a knowledge source."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[DatedRole] = field(default_factory=list)
    origin: str = "builtin"
    source: str = ""

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "roles": [r.to_dict() for r in self.roles],
            "origin": self.origin,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KnownActor:
        roles = [
            DatedRole(
                role=r.get("role"),
                country=r.get("country"),
                sector=r.get("sector"),
                member_of=r.get("member_of"),
                start=date.fromisoformat(r["start"]) if r.get("start") else None,
                end=date.fromisoformat(r["end"]) if r.get("end") else None,
            )
            for r in data.get("roles", [])
        ]
        return cls(
            name=data["name"],
            aliases=list(data.get("aliases", [])),
            kind=data.get("kind"),
            country=data.get("country"),
            sector=data.get("sector"),
            roles=roles,
            origin=data.get("origin", "dictionary"),
            source=data.get("source", ""),
        )

    def on(self, when: date | None) -> Resolution:
        """What the entry says the actor was on ``when`` (None: the latest that is known)."""
        dated = [r for r in self.roles if r.start is not None or r.end is not None]
        undated = [r for r in self.roles if r.start is None and r.end is None]
        current: list[DatedRole] = []
        if when is not None:
            current = [r for r in dated if r.holds(when)]
        elif dated:
            # no date: the open-ended or the most recent restriction
            latest = max(dated, key=lambda r: (r.end is None, r.end or date.min))
            current = [latest]
        chosen = current or undated
        country = next((r.country for r in chosen if r.country), None) or self.country
        sector = next((r.sector for r in chosen if r.sector), None) or self.sector
        member_of = next((r.member_of for r in chosen if r.member_of), None)
        roles = [r.role for r in chosen if r.role]
        return Resolution(self, country, sector, roles, member_of)


@dataclass(slots=True, frozen=True)
class Resolution:
    """A known actor and what it was on a given date."""

    actor: KnownActor
    country: str | None
    sector: str | None
    roles: list[str]
    member_of: str | None


class ActorKnowledge:
    """Known actors from every source, looked up by name.

    Args:
        paths: PETRARCH dictionaries and user actor files to load besides the built-in
            organisations; a ``.json``, ``.yaml`` or ``.yml`` file is a user file, anything
            else a PETRARCH dictionary.

    Raises:
        KnowledgeError: a file cannot be read or is not in its format.
    """

    def __init__(self, paths: Sequence[str | Path] = ()) -> None:
        self.paths = tuple(str(p) for p in paths)
        self._index: dict[str, list[KnownActor]] = {}
        self.actors: list[KnownActor] = []
        self.add(builtin_organisations())
        for path in self.paths:
            self.add(load_actor_file(path))

    def add(self, actors: Iterable[KnownActor]) -> None:
        """Index more actors."""
        for actor in actors:
            self.actors.append(actor)
            for name in actor.names():
                key = normalize_name(name)
                if key:
                    entries = self._index.setdefault(key, [])
                    if actor not in entries:
                        entries.append(actor)

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(
        self, names: Iterable[str], when: date | None = None, kind: str | None = None
    ) -> Resolution | None:
        """The entry of highest precedence that any of ``names`` names, resolved on ``when``.

        An entry whose kind is known and differs from ``kind`` is skipped; so is a name two
        entries of the same precedence share with different codes (ambiguous).
        """
        best: KnownActor | None = None
        for name in names:
            entries = self._index.get(normalize_name(name), [])
            entries = [e for e in entries if kind is None or e.kind in (None, kind)]
            if not entries:
                continue
            top = max(PRECEDENCE[e.origin] for e in entries)
            leaders = [e for e in entries if PRECEDENCE[e.origin] == top]
            codes = {(r.country, r.sector) for r in (e.on(when) for e in leaders)}
            if len(codes) > 1:
                logger.debug("ambiguous knowledge for %r: %d entries", name, len(leaders))
                continue
            if best is None or PRECEDENCE[leaders[0].origin] > PRECEDENCE[best.origin]:
                best = leaders[0]
        return best.on(when) if best is not None else None


@cache
def builtin_organisations() -> tuple[KnownActor, ...]:
    """The international organisations shipped with eventwire."""
    text = resources.files("eventwire.knowledge").joinpath("data/organisations.json").read_text()
    data = json.loads(text)
    return tuple(
        KnownActor(
            name=entry["name"],
            aliases=list(entry.get("aliases", [])),
            kind="ORG",
            sector=entry.get("sector"),
            origin="builtin",
            source="organisations.json",
        )
        for entry in data["organisations"]
    )


def load_actor_file(path: str | Path) -> list[KnownActor]:
    """Load a user actor file (``.json``, ``.yaml``, ``.yml``) or a PETRARCH dictionary."""
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".yaml", ".yml"):
        return load_user_file(path)
    return load_petrarch(path)


# ---------------------------------------------------------------------- PETRARCH dictionaries


def parse_date(text: str) -> date:
    """A PETRARCH date, ``YYYYMMDD`` or ``YYMMDD`` (two-digit years below 30 are 20YY).

    Raises:
        ValueError: the text is not such a date.
    """
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{2000 + yy if yy < 30 else 1900 + yy}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (country alpha-3, sector): ``VENGOV`` -> (VEN, GOV).

    A code led by a pseudo-country (``IGO``, ``NGO``, ``IMG``, ``MNC``) has no country and the
    sector that pseudo-country stands for; an unknown leading triple counts as neither.
    """
    code = code.strip().upper()
    lexicon = role_lexicon()
    sectors = lexicon.sector_names
    countries = country_index().by_alpha3
    country: str | None = None
    rest = code
    if code[:3] in lexicon.pseudo_countries:
        return None, lexicon.pseudo_countries[code[:3]]
    if code[:3] in countries:
        country, rest = code[:3], code[3:]
    elif len(code) > 3 and code[:3] not in sectors:
        rest = code[3:]  # a region or group code PETRARCH uses in the country place
    for k in range(0, len(rest) - 2, 3):
        triple = rest[k : k + 3]
        if triple in sectors:
            return country, triple
        if triple in lexicon.pseudo_countries:
            return country, lexicon.pseudo_countries[triple]
    return country, None


def _phrase(text: str) -> tuple[str, list[str]]:
    """A dictionary phrase as words, and any acronym written in parentheses inside it."""
    acronyms = _ACRONYM_IN_PARENS.findall(text)
    text = _ACRONYM_IN_PARENS.sub(" ", text)
    words = text.replace("_", " ").split()
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0], acronyms  # an acronym: "UN", "ELN"
    return " ".join(_title(w, k == 0) for k, w in enumerate(words)), acronyms


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "del", "la", "el", "al", "in", "on"})


def _title(word: str, first: bool) -> str:
    """A dictionary word (written in capitals) in title case: ``KI-MOON`` -> ``Ki-Moon``."""
    if "." in word or not any(ch.isalpha() for ch in word):
        return word
    if not first and word.lower() in _SMALL_WORDS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _restriction(body: str, origin: str, line_no: int) -> DatedRole | None:
    parts = body.split()
    if not parts:
        return None
    country, sector = parse_code(parts[0])
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        try:
            if span.startswith("<"):
                end = parse_date(span[1:])
            elif span.startswith(">"):
                start = parse_date(span[1:])
            elif "-" in span:
                first, last = span.split("-", 1)
                start, end = parse_date(first), parse_date(last)
            else:
                raise ValueError(f"unreadable date restriction {span!r}")
        except ValueError as error:
            logger.debug("%s:%d: %s; restriction skipped", origin, line_no, error)
            return None
    return DatedRole(role=None, country=country, sector=sector, start=start, end=end)


def load_petrarch(path: str | Path) -> list[KnownActor]:
    """Read a PETRARCH/Phoenix/TABARI actor dictionary.

    Raises:
        KnowledgeError: the file cannot be read.
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise KnowledgeError(f"cannot read actor dictionary {path}: {error}") from error
    source = Path(path).name
    actors: list[KnownActor] = []
    current: KnownActor | None = None

    def finish() -> None:
        if current is not None and (current.roles or current.country or current.sector):
            actors.append(current)

    for line_no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith(("<", "#")):
            continue
        if raw[0] in " \t" and raw.strip().startswith("["):
            if current is None:
                continue
            for body in _CODE.findall(_COMMENT.sub("", raw)):
                role = _restriction(body, source, line_no)
                if role is not None:
                    current.roles.append(role)
            continue
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        if line.startswith("+"):
            if current is not None:
                name, acronyms = _phrase(_CODE.sub(" ", line[1:]))
                if name:
                    current.aliases.append(name)
                current.aliases.extend(acronyms)
            continue
        finish()
        codes = _CODE.findall(line)
        name, acronyms = _phrase(_CODE.sub(" ", line).replace("{", " ").replace("}", " "))
        if not name:
            current = None
            continue
        current = KnownActor(name=name, aliases=acronyms, origin="dictionary", source=source)
        if codes:
            default = _restriction(codes[0], source, line_no)
            if default is not None:
                current.country, current.sector = default.country, default.sector
    finish()
    logger.info("loaded %d actors from %s", len(actors), path)
    return actors


# ---------------------------------------------------------------------- user actor files


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise KnowledgeError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from error


def _code(value: Any, where: str, field_name: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise KnowledgeError(f"{where}: {field_name} must be a string, not {value!r}")
    return value.strip().upper()


def user_actor(entry: Any, where: str, source: str = "") -> KnownActor:
    """One entry of a user actor file as a :class:`KnownActor`.

    Raises:
        KnowledgeError: the entry lacks a name or has a field of the wrong type.
    """
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise KnowledgeError(f"{where}: each actor needs a 'name' (a string)")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise KnowledgeError(f"{where}: 'aliases' must be a list of strings")
    kind = _code(entry.get("kind"), where, "kind")
    if kind is not None and kind not in KINDS:
        raise KnowledgeError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    country = _code(entry.get("country"), where, "country")
    if country is not None and country not in country_index().by_alpha3:
        raise KnowledgeError(f"{where}: country {country!r} is not an ISO 3166 alpha-3 code")
    roles: list[DatedRole] = []
    for k, role in enumerate(entry.get("roles") or []):
        here = f"{where} role {k + 1}"
        if isinstance(role, str):
            role = {"role": role}
        if not isinstance(role, dict):
            raise KnowledgeError(f"{here}: a role is a string or a mapping")
        roles.append(
            DatedRole(
                role=role.get("role") if isinstance(role.get("role"), str) else None,
                country=_code(role.get("country"), here, "country"),
                sector=_code(role.get("sector"), here, "sector"),
                member_of=role.get("member_of") if isinstance(role.get("member_of"), str) else None,
                start=_date(role.get("start"), here),
                end=_date(role.get("end"), here),
            )
        )
    return KnownActor(
        name=entry["name"].strip(),
        aliases=[a.strip() for a in aliases if a.strip()],
        kind=kind,
        country=country,
        sector=_code(entry.get("sector"), where, "sector"),
        roles=roles,
        origin="user",
        source=source,
    )


def read_actor_document(path: str | Path) -> tuple[list[Any], list[dict[str, Any]]]:
    """Read a user actor file or a knowledge-base export: its actor entries (unchecked) and
    its recorded edits (an export's ``edits``; none in a plain user file).

    Raises:
        KnowledgeError: the file cannot be read or parsed, or holds no list of actors.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"cannot read actor file {path}: {error}") from error
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except ValueError as error:
        raise KnowledgeError(f"{path}: not valid JSON: {error}") from error
    except Exception as error:  # yaml.YAMLError and its kin
        raise KnowledgeError(f"{path}: not valid YAML: {error}") from error
    edits: list[dict[str, Any]] = []
    if isinstance(data, dict):
        raw_edits = data.get("edits") or []
        edits = [e for e in raw_edits if isinstance(e, dict)] if isinstance(raw_edits, list) else []
        data = data.get("actors")
    if not isinstance(data, list):
        raise KnowledgeError(f"{path}: expected a list of actors (or an 'actors' list)")
    return data, edits


def load_user_file(path: str | Path) -> list[KnownActor]:
    """Read a user actor file: YAML or JSON, a list of actors or ``{"actors": [...]}``.

    Each actor: ``name`` (required), ``aliases``, ``kind``, ``country`` (alpha-3), ``sector``
    (CAMEO code), ``roles`` (strings, or mappings with ``role``, ``country``, ``sector``,
    ``member_of``, ``start``, ``end`` as ISO dates).

    Raises:
        KnowledgeError: the file cannot be read or parsed, or an entry is malformed.
    """
    entries, _ = read_actor_document(path)
    name = Path(path).name
    return [user_actor(entry, f"{path} actor {k + 1}", name) for k, entry in enumerate(entries)]


@cache
def actor_knowledge(paths: tuple[str, ...] = ()) -> ActorKnowledge:
    """The knowledge for these files, loaded once per process."""
    return ActorKnowledge(paths)
