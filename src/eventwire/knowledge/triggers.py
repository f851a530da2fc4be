"""The event trigger lexicon: words and constructions that express PLOVER events.

Data: ``data/event_triggers.json`` (its header documents the format). ``trigger_lexicon()``
loads and checks it once; ``TriggerLexicon.from_data`` builds one from any dict of the same
shape, which is how a user's own lexicon or a PETRARCH verb dictionary
(:mod:`eventwire.knowledge.petrarch`) is merged in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.knowledge.ontology import Ontology, OntologyError, ontology

logger = logging.getLogger(__name__)

_VOWELS = frozenset("aeiou")

#: Object sets whose members are the theme of the event, not its target: in "lifted sanctions on
#: Iran" the target is Iran, not the sanctions.
THEME_SETS = frozenset(
    {
        "restrictions",
        "restrictions_ended",
        "curfews",
        "emergencies",
        "gunfire",
        "debts",
        "legal_cases",
        "agreements",
        "ties",
        "talks",
        "aid",
        "weapons",
        "forces",
        "police",
        "documents",
        "roads",
        "posts",
        "support_things",
        "mobilization_things",
        "access_things",
        "demands",
        "requests",
        "investigations",
        "organizations",
        "hostile",
        "occasions",
        "halting",
        "credentials",
        "property",
    }
)


@dataclass(slots=True, frozen=True)
class Sense:
    """One way a word codes an event, with the conditions under which it does."""

    type: str
    mode: str | None = None
    cameo: str | None = None
    object: frozenset[str] | None = None
    object_theme: bool = False
    not_object: frozenset[str] = frozenset()
    object_or_actor: frozenset[str] | None = None
    intransitive: bool | None = None
    complement: frozenset[str] | None = None
    clause: bool = False
    if_clause: bool = False
    context: frozenset[str] | None = None
    not_context: frozenset[str] = frozenset()
    subject_group: bool = False
    before: tuple[frozenset[str], ...] | None = None
    after: tuple[frozenset[str], ...] | None = None
    particle: str | None = None
    prep: str | None = None
    prep_object: frozenset[str] | None = None
    subject: frozenset[str] | None = None
    not_subject: frozenset[str] = frozenset()
    modifier: frozenset[str] | None = None
    not_modifier: frozenset[str] = frozenset()
    light: frozenset[str] | None = None
    needs_prep: frozenset[str] | None = None
    of: frozenset[str] | None = None
    not_of: frozenset[str] = frozenset()
    reactive: bool = False
    swap: bool = False
    inner: str | None = None
    agent_noun: bool = False
    aimed: bool = False
    not_prep: frozenset[str] = frozenset()
    no_clause: bool = False
    not_personal: bool = False


@dataclass(slots=True, frozen=True)
class Phrase:
    """A fixed expression, as lower-case tokens."""

    words: tuple[str, ...]
    sense: Sense
    needs_verb: bool = False
    verbs: frozenset[str] | None = None


@dataclass(slots=True, frozen=True)
class Frames:
    """Verbs that govern another event (see ``nlp/events.py`` for what each does)."""

    commissive: dict[str, str]
    intent_future: frozenset[str]
    intent_hypothetical: frozenset[str]
    negative: frozenset[str]
    negative_to_reject: frozenset[str]
    cessation: frozenset[str]
    intent_own: frozenset[str]
    request: frozenset[str]
    request_codes: frozenset[str]
    object_control: frozenset[str]
    accusation: dict[str, str | None]
    claim_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    victim_verbs: frozenset[str]
    event_heads: frozenset[str]
    reporting_hedges: frozenset[str]
    speech: frozenset[str]
    occurrence: frozenset[str]
    group_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    duration_nouns: frozenset[str]


@dataclass(slots=True, frozen=True)
class StatusWords:
    """Words that tell an event's status."""

    negations: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_determiners: frozenset[str]


@dataclass(slots=True, frozen=True)
class ArgumentPreps:
    """Prepositions that introduce targets, agents and affiliations."""

    target_by_type: dict[str, frozenset[str]]
    agent: frozenset[str]
    nominal_target: frozenset[str]
    nominal_source: frozenset[str]
    nominal_strong: frozenset[str]
    affiliation: frozenset[str]


def verb_forms(lemma: str, irregular: Iterable[str] = ()) -> set[str]:
    """The inflected forms of an English verb (regular rules plus the given irregular forms).

    >>> sorted(verb_forms("stage"))
    ['stage', 'staged', 'stages', 'staging']
    >>> sorted(verb_forms("ban"))
    ['ban', 'banned', 'banning', 'bans']
    """
    forms = {lemma, *irregular}
    if " " in lemma or not lemma.isalpha():
        return forms
    if lemma.endswith("ie"):
        forms |= {lemma + "s", lemma + "d", lemma[:-2] + "ying"}
    elif lemma.endswith("ee"):
        forms |= {lemma + "s", lemma + "d", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        plural = lemma + "es" if lemma.endswith(("s", "x", "z", "ch", "sh", "o")) else lemma + "s"
        forms |= {plural, lemma + "ed", lemma + "ing"}
        if (
            len(lemma) >= 3
            and lemma[-1] not in _VOWELS | {"w", "x", "y"}
            and lemma[-2] in _VOWELS
            and lemma[-3] not in _VOWELS
            and len(lemma) <= 5
        ):
            # consonant-vowel-consonant: "ban" -> "banned"; both spellings are kept for longer ones
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def singular(word: str) -> str:
    """A cheap singular for a lower-case English noun ("attacks" -> "attack")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class TriggerLexicon:
    """Verb, noun and phrase triggers with their senses, frames and status words."""

    def __init__(self, data: dict[str, Any], plover: Ontology | None = None) -> None:
        self.ontology = plover if plover is not None else ontology()
        self.sets: dict[str, frozenset[str]] = {
            name: frozenset(w.lower() for w in words) for name, words in data["noun_sets"].items()
        }
        irregular: dict[str, list[str]] = data.get("irregular_forms", {})
        self.verbs: dict[str, tuple[Sense, ...]] = {
            lemma.lower(): tuple(self._sense(s, f"verb {lemma}") for s in senses)
            for lemma, senses in data["verbs"].items()
        }
        self.nouns: dict[str, tuple[Sense, ...]] = {
            lemma.lower(): tuple(self._sense(s, f"noun {lemma}") for s in senses)
            for lemma, senses in data["nouns"].items()
        }
        self.light_verbs = frozenset(data["light_verbs"])
        self.light_particles: dict[str, frozenset[str | None]] = {
            k: frozenset(v) for k, v in data.get("light_particles", {}).items()
        }
        self.light_preps: dict[str, frozenset[str | None]] = {
            k: frozenset(v) for k, v in data.get("light_preps", {}).items()
        }
        self.passive_light = frozenset(data.get("passive_light", []))
        self.phrases: dict[str, list[Phrase]] = {}
        for entry in data.get("phrases", []):
            words = tuple(str(entry["text"]).lower().split())
            sense = self._sense(entry, f"phrase {entry['text']!r}")
            verbs = frozenset(entry["verbs"]) if "verbs" in entry else None
            self.phrases.setdefault(words[0], []).append(
                Phrase(words, sense, bool(entry.get("needs_verb", False)), verbs)
            )
        for first in self.phrases:
            self.phrases[first].sort(key=lambda p: -len(p.words))
        #: fixed expressions whose words code no event ("as opposed to", "hails from")
        self.idioms: dict[str, list[tuple[str, ...]]] = {}
        for text in data.get("idioms", []):
            words = tuple(str(text).lower().split())
            self.idioms.setdefault(words[0], []).append(words)
        frames = data["frames"]
        self.frames = Frames(
            commissive=dict(frames["commissive"]),
            intent_future=frozenset(frames["intent_future"]),
            intent_hypothetical=frozenset(frames["intent_hypothetical"]),
            negative=frozenset(frames["negative"]),
            negative_to_reject=frozenset(frames["negative_to_reject"]),
            cessation=frozenset(frames.get("cessation", [])),
            intent_own=frozenset(frames.get("intent_own", [])),
            request=frozenset(frames["request"]),
            request_codes=frozenset(frames["request_codes"]),
            object_control=frozenset(frames["object_control"]),
            accusation=dict(frames["accusation"]),
            claim_verbs=frozenset(frames.get("claim_verbs", [])),
            obligation_aux=frozenset(frames.get("obligation_aux", [])),
            victim_verbs=frozenset(frames.get("victim_verbs", [])),
            event_heads=frozenset(frames.get("event_heads", [])),
            reporting_hedges=frozenset(frames["reporting_hedges"]),
            speech=frozenset(frames["speech"]),
            occurrence=frozenset(frames["occurrence"]),
            group_nouns=frozenset(frames["group_nouns"]),
            quantity_nouns=frozenset(frames["quantity_nouns"]),
            duration_nouns=frozenset(frames.get("duration_nouns", [])),
        )
        status = data["status"]
        self.status = StatusWords(
            negations=frozenset(status["negations"]),
            future_aux=frozenset(status["future_aux"]),
            hypothetical_aux=frozenset(status["hypothetical_aux"]),
            conditional_marks=frozenset(status["conditional_marks"]),
            hypothetical_determiners=frozenset(status["hypothetical_determiners"]),
        )
        preps = data["argument_preps"]
        self.preps = ArgumentPreps(
            target_by_type={k: frozenset(v) for k, v in preps["target_by_type"].items()},
            agent=frozenset(preps["agent"]),
            nominal_target=frozenset(preps["nominal_target"]),
            nominal_source=frozenset(preps["nominal_source"]),
            nominal_strong=frozenset(preps.get("target_strong", [])),
            affiliation=frozenset(preps["affiliation"]),
        )
        self.verb_forms: dict[str, str] = {}
        # Frame verbs need their forms too, even those that code no event of their own.
        frame_verbs = (
            set(self.frames.commissive)
            | self.frames.intent_future
            | self.frames.negative
            | self.frames.request
            | set(self.frames.accusation)
            | self.light_verbs
        )
        for lemma in sorted(set(self.verbs) | frame_verbs):
            for form in verb_forms(lemma, irregular.get(lemma, ())):
                # the first lemma claims a form ("found" stays "find" only if listed first)
                self.verb_forms.setdefault(form, lemma)

    # ------------------------------------------------------------------ building
    def _set(self, value: Any, where: str) -> tuple[frozenset[str], bool]:
        """A condition value: "@set", or a list of lemmas and "@set" names (their union); also
        whether it names a theme set."""
        if isinstance(value, str):
            name = value.lstrip("@")
            if name not in self.sets:
                raise OntologyError(f"event_triggers.json: {where} uses unknown set {value!r}")
            return self.sets[name], name in THEME_SETS
        found: set[str] = set()
        for item in value:
            if str(item).startswith("@"):
                found |= self._set(str(item), where)[0]
            else:
                found.add(str(item).lower())
        return frozenset(found), False

    def _sense(self, entry: dict[str, Any], where: str) -> Sense:
        type_ = entry["type"]
        mode = entry.get("mode")
        if type_ not in self.ontology.types:
            raise OntologyError(f"event_triggers.json: {where} has unknown type {type_!r}")
        if not self.ontology.is_mode(type_, mode):
            raise OntologyError(f"event_triggers.json: {where} has unknown mode {type_}:{mode}")
        cameo = entry.get("cameo")
        if cameo is not None and not (
            isinstance(cameo, str) and cameo.isdigit() and 2 <= len(cameo) <= 4
        ):
            raise OntologyError(
                f"event_triggers.json: {where} has a malformed CAMEO code {cameo!r}"
            )

        def opt(key: str) -> frozenset[str] | None:
            return self._set(entry[key], where)[0] if key in entry else None

        obj, theme = self._set(entry["object"], where) if "object" in entry else (None, False)
        return Sense(
            type=type_,
            mode=mode,
            cameo=entry.get("cameo"),
            object=obj,
            object_theme=theme,
            not_object=opt("not_object") or frozenset(),
            object_or_actor=opt("object_or_actor"),
            intransitive=entry.get("intransitive"),
            complement=opt("complement"),
            clause=bool(entry.get("clause", False)),
            if_clause=bool(entry.get("if_clause", False)),
            context=opt("context"),
            not_context=opt("not_context") or frozenset(),
            subject_group=bool(entry.get("subject_group", False)),
            particle=entry.get("particle"),
            prep=entry.get("prep"),
            prep_object=opt("prep_object"),
            subject=opt("subject"),
            not_subject=opt("not_subject") or frozenset(),
            modifier=opt("modifier"),
            not_modifier=opt("not_modifier") or frozenset(),
            light=opt("light"),
            needs_prep=opt("needs_prep"),
            of=opt("of"),
            not_of=opt("not_of") or frozenset(),
            reactive=bool(entry.get("reactive", False)),
            swap=bool(entry.get("swap", False)),
            inner=entry.get("inner"),
            agent_noun=bool(entry.get("agent_noun", False)),
            aimed=bool(entry.get("aimed", False)),
            not_prep=opt("not_prep") or frozenset(),
            no_clause=bool(entry.get("no_clause", False)),
            not_personal=bool(entry.get("not_personal", False)),
        )

    def with_verbs(self, extra: dict[str, tuple[Sense, ...]], first: bool = True) -> TriggerLexicon:
        """A copy of this lexicon with more verb senses (tried before ours when ``first``)."""
        merged = TriggerLexicon.__new__(TriggerLexicon)
        for name in (
            "ontology",
            "sets",
            "nouns",
            "light_verbs",
            "light_particles",
            "light_preps",
            "passive_light",
            "phrases",
            "idioms",
            "frames",
            "status",
            "preps",
        ):
            setattr(merged, name, getattr(self, name))
        merged.verbs = dict(self.verbs)
        merged.verb_forms = dict(self.verb_forms)
        for lemma, senses in extra.items():
            own = merged.verbs.get(lemma, ())
            merged.verbs[lemma] = (*senses, *own) if first else (*own, *senses)
            for form in verb_forms(lemma):
                merged.verb_forms.setdefault(form, lemma)
        return merged

    # ------------------------------------------------------------------ lookups
    def verb_lemma(self, lower: str, lemma: str) -> str | None:
        """The lexicon lemma of a verb token (by its form, then by spaCy's lemma), or None."""
        found = self.verb_forms.get(lower)
        if found is not None:
            return found
        lemma = lemma.lower()
        return lemma if lemma in self.verb_forms else None

    def noun_lemma(self, lower: str, lemma: str) -> str | None:
        """The lexicon lemma of a noun token, or None."""
        for candidate in (lemma.lower(), lower, singular(lower)):
            if candidate in self.nouns:
                return candidate
        return None

    def quantity(self, lower: str) -> bool:
        """Whether a noun names a part or amount of a group ("thousands of", "leaders of")."""
        return lower in self.frames.quantity_nouns or singular(lower) in self.frames.quantity_nouns


def load_lexicon(path: str | Path | None = None) -> TriggerLexicon:
    """Load a trigger lexicon from ``path`` (a JSON file of the packaged format), or ours."""
    if path is None:
        return trigger_lexicon()
    data = json.loads(Path(path).read_text("utf-8"))
    return TriggerLexicon(data)


@cache
def trigger_lexicon() -> TriggerLexicon:
    """eventwire's trigger lexicon, loaded once."""
    text = (
        resources.files("eventwire.knowledge")
        .joinpath("data/event_triggers.json")
        .read_text("utf-8")
    )
    lexicon = TriggerLexicon(json.loads(text))
    logger.debug(
        "trigger lexicon: %d verbs, %d nouns, %d phrase starts",
        len(lexicon.verbs),
        len(lexicon.nouns),
        len(lexicon.phrases),
    )
    return lexicon
