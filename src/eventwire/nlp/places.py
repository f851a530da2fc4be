"""Toponym recognition and resolution: which words of an article name places, and which places.

The ``eventwire_places`` spaCy component sets ``doc._.places`` to a list of
:class:`~eventwire.records.Place` records, each with every mention of it.

Candidates are spaCy's GPE, LOC and FAC entities, plus capitalised names the model missed that
the gazetteer knows and the context marks as places ("in Kelleyland", "Portland, Maine", a
dateline, "X-based", an address, "D-Pa."), places heading or closing an organisation's name
("Gainesville Environmental Services", "University of Pennsylvania"), plus later repeats of a
name already found. Towns the model took for an organisation or a person are weak candidates,
kept only where the article's other places support them. Non-locational uses are dropped: a
place name that is the subject of a speech or decision verb stands for its government
("Washington said"; the actor stage records that actor), and a name that is part of a person's
name is no place.

Resolution scores each gazetteer entry of a name by its population and feature type, by the
article's country context (its other places, the countries among ``doc._.actors`` and weak
country cues such as "sheriff" or "$5"), by its region context (states and counties named in the
article), by its closeness to the article's other places, by containment ("Portland, Maine"),
and by the dateline. A world-famous sense (a country, a national capital, a city of a million)
is not beaten by a small namesake abroad on country context alone: the namesake needs direct
evidence (containment, a dateline, its state or county named, a place of its state nearby). A
name keeps one sense per article, and the names of one list are of one kind ("Mexico, China
and Japan" are countries; "Egypt and Niger" too). A name of two countries ("Congo") is the one
the article names unambiguously elsewhere. A town of under 50,000 people in a country the rest
of the article never touches, with no containment or dateline, is dropped: mostly a place the
gazetteer lacks ("Piccadilly" in a London story) or no place at all.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.knowledge.countries import country_index, normalize_name
from eventwire.knowledge.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    haversine_km,
    places_lexicon,
    shared_gazetteer,
)
from eventwire.records import Mention, Place
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)

_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_COUNTY_WORDS = frozenset({"county", "parish", "borough"})
_ORG_MIN_POPULATION = 20_000  # a town heading an organisation's name must be this big
_STREET_WORDS = frozenset(
    {
        "st",
        "street",
        "ave",
        "avenue",
        "rd",
        "road",
        "dr",
        "drive",
        "blvd",
        "boulevard",
        "lane",
        "ln",
        "way",
        "ct",
        "court",
        "pl",
        "place",
        "hwy",
        "highway",
        "pike",
        "parkway",
        "pkwy",
    }
)
_ROUNDS = 4  # at most: resolution stops as soon as no name changes its sense
_FALLBACK_POPULATION = 100_000
_WEAK = "weak"  # a candidate's ``how`` until its sense is supported by the article's places
_SUPPORT_KM = 100.0
_SENTENCE_END = frozenset({".", "!", "?"})
_DATELINE_MARKS = frozenset({",", "—", "–", "-", "(", "--", "---", ":"})
_PARTIES = frozenset({"D", "R", "I"})
_BIG_REGION_POPULATION = 5_000_000
_DISEASE_WORDS = frozenset({"virus", "fever", "disease", "flu", "syndrome", "strain"})
_COUNTY_PLURALS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}
_CONNECTORS = frozenset({"of", "de", "del", "la", "-", "upon", "on"})
_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_MAX_NAME_TOKENS = 4

# Scoring weights (log-odds-like points). Population: points per factor of ten inhabitants.
_W_POPULATION = 1.0
_FEATURE_PRIOR = {
    "continent": 9.0,
    "country": 8.0,
    "region": 7.0,
    "water": 8.0,
    "admin1": 5.5,
    "admin2": 1.0,
    "city": 0.0,
    "landmark": 3.0,
}
_W_CAPITAL = 2.0
_W_MAIN_NAME = 3.0
_W_USER = 4.0  # a user's own gazetteer entry wins a tie with the built-in one
_W_COUNTRY = 8.0  # the entry lies in a country the article is about (scaled by its share)
_W_COUNTRY_PRESENT = 2.0
_W_ADMIN1 = 4.0  # the entry lies in a state or province named in the article
_W_ADMIN2 = 2.0
_W_NEAR = 4.0  # closeness to the article's other places
_NEAR_KM = 150.0
_NEAR_DEGREES = 5.0  # 555 km of latitude
_NAMED_AFTER_WATER_KM = 1_500.0
_W_NAMED_AFTER = 6.0  # a region named after its main town, when the name could be the town
_FULL_CONTEXT = 2.0  # country evidence (mentions, weighted) that counts fully
_W_CUE = 0.5  # country context from each kind of country cue ("sheriff", "$5"): weak
_MAX_CUES = 2.0
_FAMOUS_POPULATION = 1_000_000  # a city this big, or a national capital, is known world-wide
_EVIDENCE_TOKENS = 60  # a place this close in the text is direct evidence (about a paragraph)
_STRAY_POPULATION = 50_000  # a town this small in a country the article never touches: dropped


@dataclass(slots=True)
class _Candidate:
    """A toponym before resolution: token range, surface text and its gazetteer entries."""

    start: int
    end: int
    text: str
    how: str
    entries: list[GazetteerEntry] = field(default_factory=list)
    within: GazetteerEntry | None = None  # "Portland, Maine": the region after the comma
    choice: GazetteerEntry | None = None
    confidence: float = 0.0


_Adder = Callable[[int, int, str, "list[GazetteerEntry] | None"], bool]


def _is_name_token(token: Token) -> bool:
    text: str = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


class PlaceResolver:
    """Find and resolve the places of one article (see the module docstring).

    Args:
        nlp: the pipeline (unused; spaCy's factory signature).
        name: the component name.
        gazetteer: the gazetteer to resolve against; None opens the shared one of ``settings``.
        settings: where the gazetteer index lives and the user gazetteer file.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "eventwire_places",
        *,
        gazetteer: Gazetteer | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.name = name
        if gazetteer is None:
            settings = settings if settings is not None else Settings()
            gazetteer = shared_gazetteer(
                str(settings.cache_dir), str(settings.gazetteer) if settings.gazetteer else None
            )
        self.gazetteer = gazetteer
        lexicon = places_lexicon()
        self.countries = country_index()
        self.metonymy_verbs = frozenset(lexicon["metonymy_verbs"])
        self.locative = frozenset(lexicon["locative_words"])
        self.not_places = frozenset(normalize_name(w) for w in lexicon["not_places"])
        self.country_codes = frozenset(lexicon["country_codes"])
        self.institutions = frozenset(lexicon["institution_words"])
        self.modified = frozenset(lexicon["modified_nouns"])
        self.directions = frozenset(lexicon["directions"])
        self.cues: dict[str, str] = {
            cue: alpha3
            for alpha3, cues in lexicon["country_cues"].items()
            if not alpha3.startswith("_")
            for cue in cues
        }
        self.cue_hashes: dict[int, str] = {nlp.vocab.strings.add(cue): cue for cue in self.cues}
        self.party_hashes = frozenset(nlp.vocab.strings.add(party) for party in _PARTIES)
        self.hyphen_hash = nlp.vocab.strings.add("-")
        self.county_hashes = {nlp.vocab.strings.add(word): word for word in _COUNTY_PLURALS}
        self.short_names: dict[str, int] = {
            k: int(v) for k, v in lexicon["short_names"].items() if not k.startswith("_")
        }

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = self.places(doc)
        return doc

    # ------------------------------------------------------------------ candidates
    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (
            doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].is_space
        ):
            start += 1
        while end > start and (
            doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
        ):
            end -= 1
        return start, end

    def _widened(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """The span widened to the name it is part of, where that is a place's own name: over a
        hyphen ("Guinea" in "Guinea-Bissau", "Anhalt" in "Saxony-Anhalt"), or over a demonym
        before it ("Guiana" in "French Guiana")."""
        if start >= end:
            return start, end
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end].whitespace_
            and not doc[end - 1].whitespace_
            and _is_name_token(doc[end + 1])
            and self._own_name(doc[start : end + 2].text)
        ):
            end += 2
        if (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and _is_name_token(doc[start - 2])
            and self._own_name(doc[start - 2 : end].text)
        ):
            start -= 2
        if start >= 1 and doc[start - 1].whitespace_ and _is_name_token(doc[start - 1]):
            # "French Guiana" where the model tagged only "Guiana"
            match = self.countries.lookup(doc[start - 1].text)
            if (
                match is not None
                and match.how == "demonym"
                and self._own_name(doc[start - 1 : end].text)
            ):
                start -= 1
        return start, end

    def _own_name(self, text: str) -> bool:
        """Whether ``text`` is some place's own name (not only an alternate one)."""
        return any(e.main for e in self.gazetteer.lookup(text))

    def _entries(self, text: str, after_comma: bool = False) -> list[GazetteerEntry]:
        """The gazetteer entries of a name; a country name first resolves to that country.

        A state abbreviation ("La.", "W.Va.") is the state; a short all-capitals word is a
        country code ("US", "UK") or nothing, never a town.
        """
        short = self.short_names.get(text)
        if short is not None:
            entry = self.gazetteer.by_geonameid(short)
            return [entry] if entry is not None else []
        bare = text.replace(".", "").replace(" ", "")
        if "." in text or after_comma:
            state = self.gazetteer.abbreviation(text)
            if state is not None:
                return [state]
        match = self.countries.lookup(text)
        short_caps = bare.isupper() and len(bare) <= 4
        if short_caps:
            if len(bare) >= 3 and bare.isalpha():
                region = self.gazetteer.subdivision_code(bare)
                if region is not None and bare not in self.country_codes:
                    return [region]
            if bare in self.country_codes and match is None:
                return [e for e in self.gazetteer.lookup(text) if e.country is None]
            if match is None or bare not in self.country_codes:
                return []
            country = self.gazetteer.country(match.country.alpha3)
            return [country] if country is not None else []
        entries = list(self.gazetteer.lookup(text))
        if not entries and text.endswith((" Co.", " Co")):
            entries = list(self.gazetteer.lookup(text.rsplit(" ", 1)[0] + " County"))
        if match is not None and match.how == "demonym":
            # "Canadian Coast Guard": the country, not the town of Canadian (Texas)
            country = self.gazetteer.country(match.country.alpha3)
            return [country] if country is not None else []
        if match is not None and match.how == "name":
            # "Congo" names two countries: the more populous first, the other kept as a sense
            named = match.country.alpha3
            alpha3s = [
                named,
                *(c.alpha3 for c in self.countries.claimants(text) if c.alpha3 != named),
            ]
            claimed = [self.gazetteer.country(alpha3) for alpha3 in alpha3s]
            countries = [c for c in claimed if c is not None]
            ids = {c.id for c in countries}
            entries = [*countries, *(e for e in entries if e.id not in ids)]
        return entries

    def _people(self, doc: Doc) -> list[bool]:
        """Tokens inside a person's name (from ``doc._.actors`` and the PERSON entities)."""
        person = [False] * len(doc)
        actors = doc._.actors if Doc.has_extension("actors") else None
        for actor in actors or []:
            if actor.kind != "PERSON" or len(actor.name.split()) < 2:
                continue
            for mention in actor.mentions:
                # only the name itself: a description ("a Texas student") may hold a place name
                if mention.how not in ("name", "alias", "surname"):
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    _mark_person(doc, span.start, span.end, person)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                _mark_person(doc, ent.start, ent.end, person)
        return person

    def _runs(self, doc: Doc) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words ("Rapides Parish Fire District")."""
        # one pass over the tokens: Token objects are the costly part of a pass
        words = [(t.text, t.lower_, t.whitespace_) for t in doc]
        name = [
            bool(text[:1].isupper()) and any(ch.isalpha() for ch in text) for text, _, _ in words
        ]
        n = len(words)
        runs = []
        i = 0
        while i < n:
            if not name[i] or words[i][1] in _DETERMINERS:
                i += 1
                continue
            j = i + 1
            while j < n and (
                name[j]
                or (
                    words[j][1] in _CONNECTORS
                    and j + 1 < n
                    and name[j + 1]
                    and not words[j][2] == "" == words[j - 1][2]
                )
            ):
                j += 1
            # "Cuvette-Ouest", "Ras al-Khaimah": a hyphen joining two names makes one name
            # where the gazetteer knows the whole
            if (
                j + 1 < n
                and words[j][0] == "-"
                and words[j][2] == "" == words[j - 1][2]
                and name[j + 1]
            ):
                k = j + 1
                while k < n and name[k]:
                    k += 1
                if self._own_name(doc[i:k].text):
                    j = k
            runs.append((i, j))
            i = j
        return runs

    def _candidates(
        self, doc: Doc, person: list[bool], runs: list[tuple[int, int]]
    ) -> list[_Candidate]:
        cands: list[_Candidate] = []
        taken = [False] * len(doc)

        def add(
            start: int, end: int, how: str, entries: list[GazetteerEntry] | None = None
        ) -> bool:
            if any(taken[start:end]):
                return False
            text = doc[start:end].text
            if entries is None and end < len(doc) and doc[end].text == "." and len(text) <= 5:
                # "Kan." split by the tokenizer: a state abbreviation, if it is one
                state = self.gazetteer.abbreviation(text + ".")
                entries = [state] if state is not None else None
                if state is not None:
                    end += 1
                    text = doc[start:end].text
            found = entries if entries is not None else self._entries(text)
            if not found:
                return False
            cands.append(_Candidate(start, end, text, how, found))
            for k in range(start, end):
                taken[k] = True
            return True

        # the model's place entities
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            start, end = self._widened(doc, *self._trim(doc, ent.start, ent.end))
            if start >= end or any(person[start:end]) or not _is_name_token(doc[start]):
                continue
            if normalize_name(doc[start:end].text) in self.not_places:
                continue
            if add(start, end, "name"):
                continue
            if doc[start].lower_ in self.directions and end - start >= 2:
                # "North Texas", "southern Lebanon": the region of a place
                entries = self._entries(doc[start + 1 : end].text)
                # a country, or a big state ("North Texas"); not any province ("West Midlands"
                # is no part of Zimbabwe's Midlands)
                wide = entries and (
                    entries[0].feature in ("country", "continent", "region", "water")
                    or (
                        entries[0].feature == "admin1"
                        and entries[0].population >= _BIG_REGION_POPULATION
                    )
                )
                if wide and add(start, end, "name", entries):
                    continue
            self._embedded(doc, start, end, add)
        self._demonym_names(doc, add)
        self._country_names(doc, add)
        self._organisations(doc, person, add)
        self._party_states(doc, add)
        self._county_lists(doc, add)
        # demonyms the actor stage found: "Russian troops" speaks of Russia
        self._demonyms(doc, add)
        # names the model missed, where the context says place
        for start, end in runs:
            # "Anderson County Sheriff Greg Taylor": the words before the person's name
            end = next((k for k in range(start, end) if person[k]), end)
            if end <= start or any(taken[start:end]):
                continue
            text = doc[start:end].text
            if normalize_name(text) in self.not_places:
                continue
            short = end - start <= _MAX_NAME_TOKENS
            if short and self._place_context(doc, start, end) and add(start, end, "name"):
                continue
            self._embedded(doc, start, end, add)
        cands.sort(key=lambda c: c.start)
        self._containment(doc, cands, add)
        cands.sort(key=lambda c: c.start)
        return cands

    def _embedded(self, doc: Doc, start: int, end: int, add: _Adder) -> None:
        """A place name heading a longer name or a noun: "Athens Police", "Alexandria woman".

        The rest of the name must be an institution's ("Police Department", "High School"), or
        the place a country or state ("Texas Forest Service"); a county name ("Hall County")
        needs nothing more.
        """
        for n in range(min(_MAX_NAME_TOKENS, end - start), 0, -1):
            stop = start + n
            if stop >= len(doc):
                continue
            following = doc[stop]
            head = normalize_name(doc[start:stop].text)
            if head in self.not_places:
                continue
            if stop == end:  # the whole run, before a common noun
                if not (following.is_lower and following.lower_ in self.modified):
                    continue
                entries = self._entries(doc[start:stop].text)
            else:
                entries = self._entries(doc[start:stop].text)
                last = doc[stop - 1].lower_
                strong = any(e.feature in ("country", "admin1") for e in entries[:1])
                if not (
                    following.lower_ in self.institutions
                    or strong
                    or (last in ("county", "parish") and n >= 2)
                ):
                    continue
            if entries and add(start, stop, "name", entries):
                return

    def _organisations(self, doc: Doc, person: list[bool], add: _Adder) -> None:
        """Places naming an organisation's home: "Gainesville Environmental Services",
        "University of Pennsylvania", "American Farm Bureau Federation".

        Only a country, a state or a town of some size counts, heading the name or after its
        last "of".
        """
        actors = doc._.actors if Doc.has_extension("actors") else None
        person_words = {
            word
            for actor in actors or []
            if actor.kind == "PERSON" and " " in actor.name.strip()  # "Willie Nelson", not "Joliet"
            for word in normalize_name(actor.name).split()
        }
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "PERSON"):
                continue
            start, end = self._trim(doc, ent.start, ent.end)
            if start >= end or doc[end - 1].lower_ in _DISEASE_WORDS:
                continue
            if ent.label_ == "PERSON":
                # "Alexandria", "Joliet" taken for a first name or surname: a town only if
                # the article's other places support it
                if end - start == 1 and not person[start]:
                    key = normalize_name(doc[start].text)
                    entries = self._entries(doc[start].text)
                    if (
                        key not in person_words
                        and key not in self.not_places
                        and any(e.population >= _ORG_MIN_POPULATION for e in entries)
                    ):
                        add(start, end, _WEAK, entries)
                continue
            if end - start == 1:
                # a lone place name the model took for an organisation ("Minnesota")
                key = normalize_name(doc[start].text)
                text = doc[start].text
                if key in self.not_places or key in person_words or person[start]:
                    continue
                if text.isupper():  # "CNN", "NATO": an acronym, not a region's ISO code
                    continue
                entries = self._entries(text)
                if any(e.feature in ("country", "admin1", "continent") for e in entries):
                    add(start, end, "name", entries)
                elif any(e.population >= _ORG_MIN_POPULATION for e in entries):
                    # "Honda", "Durango", "Mason" are towns too: kept only if the town lies
                    # in a state or near a place the article names (see ``_supported``)
                    add(start, end, _WEAK, entries)
                continue
            if end - start <= _MAX_NAME_TOKENS and all(
                _is_name_token(t) or t.text == "-" for t in doc[start:end]
            ):
                # "Guinea-Bissau", "South Africa" taken for an organisation: the whole name
                key = normalize_name(doc[start:end].text)
                entries = self._entries(doc[start:end].text)
                if (
                    key not in self.not_places
                    and key not in person_words
                    and not any(person[start:end])
                    and any(e.feature in ("country", "admin1", "continent") for e in entries[:1])
                    and add(start, end, "name", entries)
                ):
                    continue
            spans = []
            for n in range(min(_MAX_NAME_TOKENS - 1, end - start - 1), 0, -1):
                spans.append((start, start + n))
            ofs = [k for k in range(start + 1, end - 1) if doc[k].lower_ == "of"]
            if ofs and end - ofs[-1] - 1 <= _MAX_NAME_TOKENS - 1:
                spans.append((ofs[-1] + 1, end))
            for a, b in spans:
                if any(person[a:b]) or not all(_is_name_token(doc[k]) for k in range(a, b)):
                    continue
                if b < end and end - b < 2 and doc[end - 1].lower_ not in self.institutions:
                    continue  # "Paris Hilton", "Dallas Cowboys": too little to tell
                key = normalize_name(doc[a:b].text)
                if key in self.not_places or key in person_words:
                    continue
                entries = self._entries(doc[a:b].text)
                if any(
                    e.feature in ("country", "admin1") or e.population >= _ORG_MIN_POPULATION
                    for e in entries
                ):
                    add(a, b, "name", entries)  # overlapping spans are refused by ``add``

    def _party_states(self, doc: Doc, add: _Adder) -> None:
        """A legislator's state after the party: "Sen. Bob Casey, D-Pa.", "R-Texas"."""
        orths = doc.to_array(ORTH).tolist()
        for i in range(len(orths) - 2):
            if orths[i] not in self.party_hashes or orths[i + 1] != self.hyphen_hash:
                continue
            if doc[i].whitespace_:
                continue
            text = doc[i + 2].text
            state = self.gazetteer.abbreviation(text) if "." in text else None
            if state is None:
                state = next((e for e in self._entries(text) if e.feature == "admin1"), None)
            if state is not None:
                add(i + 2, i + 3, "name", [state])

    def _county_lists(self, doc: Doc, add: _Adder) -> None:
        """ "Clarke, Madison and Oconee counties": each name is a county."""
        lowers = doc.to_array(LOWER).tolist()
        for i, lower in enumerate(lowers):
            plural = self.county_hashes.get(lower)
            if plural is None:
                continue
            suffix = _COUNTY_PLURALS[plural]
            end = i
            while end > 0:
                start = end
                while start > 0 and _is_name_token(doc[start - 1]):
                    start -= 1
                if start == end:
                    break
                text = doc[start:end].text
                entries = [
                    e for e in self.gazetteer.lookup(f"{text} {suffix}") if e.feature == "admin2"
                ]
                if entries:
                    add(start, end, "name", entries)
                if start > 0 and doc[start - 1].lower_ in (",", "and", "or", "&"):
                    end = start - 1
                    if end > 0 and doc[end].lower_ in ("and", "or") and doc[end - 1].text == ",":
                        end -= 1
                else:
                    break

    def _demonyms(self, doc: Doc, add: _Adder) -> None:
        actors = doc._.actors if Doc.has_extension("actors") else None
        for actor in actors or []:
            if actor.kind != "COUNTRY" or not actor.country:
                continue
            country = self.gazetteer.country(actor.country)
            if country is None:
                continue
            for mention in actor.mentions:
                if mention.how != "demonym":
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    add(span.start, span.end, "demonym", [country])

    def _country_names(self, doc: Doc, add: _Adder) -> None:
        """Country names the model took for a person ("Burkina Faso", "Niger" in a list of
        countries) where the actor stage found the country by its name."""
        actors = doc._.actors if Doc.has_extension("actors") else None
        for actor in actors or []:
            if actor.kind != "COUNTRY" or not actor.country:
                continue
            for mention in actor.mentions:
                if mention.how != "name":
                    continue
                match = self.countries.lookup(mention.text)
                if match is None or match.how != "name" or match.country.alpha3 != actor.country:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None or not _is_name_token(span[0]):
                    continue
                # only where the model saw a person: in an organisation's name
                # ("the Jordan Hubmen") a country name is the organisation's rules' business
                if any(t.ent_type_ != "PERSON" for t in span):
                    continue
                add(*self._widened(doc, span.start, span.end), "name", None)

    def _demonym_names(self, doc: Doc, add: _Adder) -> None:
        """ "French Guiana", "American Samoa", "Indian Ocean": a demonym opening a place's own
        name is that place, not the demonym's country (the model often tags only the demonym,
        and the rest as a person)."""
        actors = doc._.actors if Doc.has_extension("actors") else None
        for actor in actors or []:
            if actor.kind != "COUNTRY":
                continue
            for mention in actor.mentions:
                if mention.how != "demonym":
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                start, end = span.start, span.end
                for n in range(min(_MAX_NAME_TOKENS - (end - start), len(doc) - end), 0, -1):
                    if not all(_is_name_token(t) for t in doc[end : end + n]):
                        continue
                    entries = [e for e in self._entries(doc[start : end + n].text) if e.main]
                    if entries and add(start, end + n, "name", entries):
                        break

    def _place_context(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words around a capitalised name make it a place."""
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and before.lower_ in self.locative
            and (before.text.islower() or before.is_sent_start)
        ):
            return True
        # "Portland, Maine", "Alexandria, La."
        if end + 1 < len(doc) and doc[end].text == "," and _is_name_token(doc[end + 1]):
            return self._region_after(doc, end) is not None
        # "a Pittsburgh-based company"
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based":
            return True
        # an address: "of 2517 Memphis St., Alexandria"
        if (
            start >= 2
            and doc[start - 1].text == ","
            and doc[start - 2].lower_.rstrip(".") in _STREET_WORDS
            and any(t.like_num for t in doc[max(0, start - 6) : start - 2])
        ):
            return True
        # a dateline: "COLUMBUS, Ohio —", "ALEXANDRIA (AP) -", "headline. BEIRUT:"
        return self._dateline(doc, start, end)

    @staticmethod
    def _dateline(doc: Doc, start: int, end: int) -> bool:
        """Whether a name in capitals opens a line or sentence, before a dash, comma or colon."""
        if not doc[start].text.isupper() or not any(ch.isalpha() for ch in doc[start].text):
            return False
        opens = start == 0 or "\n" in doc[start - 1].text or doc[start - 1].text in _SENTENCE_END
        return opens and end < len(doc) and doc[end].text in _DATELINE_MARKS

    def _region_after(self, doc: Doc, comma: int) -> tuple[GazetteerEntry, int] | None:
        """The region or country named right after a comma, and the token after it."""
        for n in range(min(3, len(doc) - comma - 1), 0, -1):
            span = doc[comma + 1 : comma + 1 + n]
            text = span.text
            if not _is_name_token(span[0]):
                continue
            abbreviation = (
                self.gazetteer.abbreviation(text) if "." in text or len(text) == 2 else None
            )
            if abbreviation is not None:
                return abbreviation, comma + 1 + n
            for entry in self._entries(text):
                if entry.feature in ("admin1", "country"):
                    return entry, comma + 1 + n
        return None

    def _containment(self, doc: Doc, cands: list[_Candidate], add: _Adder) -> None:
        """ "Portland, Maine": keep the entries of "Portland" that lie in Maine."""
        for cand in list(cands):
            if any(e.feature == "country" for e in cand.entries):
                continue  # "China, Japan and Brazil": a list, not China in Japan
            if cand.end < len(doc) and doc[cand.end].text == ",":
                found = self._region_after(doc, cand.end)
                if found is None:
                    continue
                region, after = found
                inside = [e for e in cand.entries if _inside(e, region)]
                regions = [
                    e
                    for e in self._entries(doc[cand.end + 1 : after].text, after_comma=True)
                    if e.feature in ("admin1", "country")
                ]
                for other in regions:  # "Rockville, Maryland": the state, not Liberia's county
                    if not inside and other.id != region.id:
                        inside = [e for e in cand.entries if _inside(e, other)]
                        region = other if inside else region
                # "Stroud, Ontario": a town too small for the gazetteer stands at its
                # province's point rather than at a small namesake abroad
                small = all(
                    e.feature in ("city", "landmark") and e.population < _FALLBACK_POPULATION
                    for e in cand.entries
                )
                if not inside and region.feature == "admin1" and len(regions) <= 1 and small:
                    inside = [region]
                if inside:
                    cand.within = region
                    cand.entries = inside
                    add(cand.end + 1, after, "name", [region])

    def _non_locational(self, doc: Doc, cand: _Candidate) -> bool:
        """Metonymy: the name is the subject of a speech or decision verb ("Caracas rejected")."""
        if self._dateline(doc, cand.start, cand.end):
            return False
        span = doc[cand.start : cand.end]
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return False
        head = root.head
        if head.lemma_.lower() not in self.metonymy_verbs:
            return False
        # a sole mention in a locative phrase elsewhere does not undo this one; only this use
        return not (cand.start > 0 and doc[cand.start - 1].lower_ in self.locative)

    # ------------------------------------------------------------------ resolution
    def places(self, doc: Doc) -> list[Place]:
        """Return the places of ``doc``, each with its mentions, in order of first mention."""
        person = self._people(doc)
        runs = self._runs(doc)
        found = self._candidates(doc, person, runs)
        cands = [c for c in found if not self._non_locational(doc, c)]
        if not cands:
            return []
        self._repeat_mentions(doc, cands, person, runs)
        cues = self._cues(doc)
        self._resolve(doc, cands, cues)
        cands = self._supported(cands)
        self._lists(doc, cands)
        cands = self._strays(doc, cands, cues)
        return self._build(doc, cands)

    def _strays(
        self, doc: Doc, cands: list[_Candidate], cues: dict[str, float]
    ) -> list[_Candidate]:
        """Drop a name whose sense is a town of under ``_STRAY_POPULATION`` people in a country
        the rest of the article never touches, with no containment or dateline for it
        ("Piccadilly" in a London story is no Australian hamlet; "Pack", "Titan" are no towns
        in Austria or Afghanistan). Such a name is mostly a place the gazetteer lacks or no
        place at all: no answer beats a wrong one. An article with too little country context
        (under ``_FULL_CONTEXT``) keeps its towns."""
        groups: dict[str, list[_Candidate]] = defaultdict(list)
        for cand in cands:
            groups[normalize_name(cand.text)].append(cand)
        dropped = set()
        for key, members in groups.items():
            chosen = members[0].choice
            if (
                chosen is None
                or chosen.feature != "city"
                or chosen.population >= _STRAY_POPULATION
                or any(c.within is not None or self._dateline(doc, c.start, c.end) for c in members)
            ):
                continue
            countries, _, _ = self._context(doc, cands, key, cues)
            if sum(countries.values()) >= _FULL_CONTEXT and not countries.get(chosen.country or ""):
                dropped.add(key)
        return [c for c in cands if normalize_name(c.text) not in dropped] if dropped else cands

    def _repeat_mentions(
        self,
        doc: Doc,
        cands: list[_Candidate],
        person: list[bool],
        runs: list[tuple[int, int]],
    ) -> None:
        """Later mentions of a name already found, which the model did not tag."""
        known = {normalize_name(c.text) for c in cands if c.how == "name"}
        if not known:
            return
        taken = [False] * len(doc)
        for c in cands:
            for k in range(c.start, c.end):
                taken[k] = True
        for start, end in runs:
            if end - start > _MAX_NAME_TOKENS or any(taken[start:end]) or any(person[start:end]):
                continue
            text = doc[start:end].text
            if normalize_name(text) not in known:
                continue
            cand = _Candidate(start, end, text, "name", self._entries(text))
            if cand.entries and not self._non_locational(doc, cand):
                cands.append(cand)
        cands.sort(key=lambda c: c.start)

    @staticmethod
    def _lists(doc: Doc, cands: list[_Candidate]) -> None:
        """Names in one list are of one kind: "Mexico, China, Japan and Brazil" are countries,
        "Alberta, Manitoba, Ontario and New Brunswick" provinces of one country.

        A member resolved to something else takes the sense of the list's kind (a country, or
        a state or province in the list's country) when it has one; every mention of that name
        follows (one sense per article).
        """
        lists: list[list[_Candidate]] = []
        for cand in cands:
            previous = lists[-1][-1] if lists else None
            between = doc[previous.end : cand.start] if previous is not None else None
            if (
                between is not None
                and 0 < len(between) <= 2
                and all(t.text in (",", "and", "or", "&") for t in between)
            ):
                lists[-1].append(cand)
            else:
                lists.append([cand])
        for members in lists:
            if len(members) == 2:
                PlaceResolver._country_pair(doc, members, cands)
            if len(members) < 3:
                continue
            kinds = Counter(
                (c.choice.feature, c.choice.country if c.choice.feature == "admin1" else None)
                for c in members
                if c.choice is not None and c.choice.feature in ("country", "admin1")
            )
            if not kinds:
                continue
            (feature, country), votes = kinds.most_common(1)[0]
            if votes * 2 <= len(members):
                continue
            for cand in members:
                chosen = cand.choice
                if chosen is None or (chosen.feature, chosen.country) == (feature, country):
                    continue
                if chosen.feature == feature and feature == "country":
                    continue
                fitting = [
                    e
                    for e in cand.entries
                    if e.feature == feature and (country is None or e.country == country)
                ]
                if not fitting:
                    continue
                key = normalize_name(cand.text)
                for other in cands:
                    if normalize_name(other.text) == key:
                        other.choice = fitting[0]

    @staticmethod
    def _country_pair(doc: Doc, pair: list[_Candidate], cands: list[_Candidate]) -> None:
        """ "Egypt and Niger": a name joined by "and" or "or" to a country is a country where
        it can be one (not Nigeria's Niger state because the article is about Nigeria)."""
        first, second = pair
        between = doc[first.end : second.start]
        if len(between) != 1 or between[0].lower_ not in ("and", "or"):
            return
        for anchor, other in ((first, second), (second, first)):
            if anchor.choice is None or anchor.choice.feature != "country":
                continue
            if other.choice is None or other.choice.feature == "country":
                return
            country = next((e for e in other.entries if e.feature == "country"), None)
            if country is None:
                return
            key = normalize_name(other.text)
            for cand in cands:
                if normalize_name(cand.text) == key:
                    cand.choice = country
            return

    @staticmethod
    def _supported(cands: list[_Candidate]) -> list[_Candidate]:
        """Keep a weak candidate only where its chosen town lies in a state another place of
        the article lies in or names, or within ``_SUPPORT_KM`` of another place."""
        strong = [c.choice for c in cands if c.how != _WEAK and c.choice is not None]
        states = {e.id if e.feature == "admin1" else e.admin1 for e in strong} - {None}
        kept = []
        for cand in cands:
            if cand.how == _WEAK:
                chosen = cand.choice
                state = chosen.id if chosen and chosen.feature == "admin1" else None
                if chosen is None or not (
                    (state or chosen.admin1) in states
                    or any(
                        e.feature in ("city", "admin2")
                        and haversine_km(chosen.lat, chosen.lon, e.lat, e.lon) <= _SUPPORT_KM
                        for e in strong
                    )
                ):
                    continue
                cand.how = "name"
            kept.append(cand)
        return kept

    def _cues(self, doc: Doc) -> dict[str, float]:
        """Country context from words that are no place names: "sheriff", "zoning", "$5"."""
        lowers = doc.to_array(LOWER).tolist()  # hashes: far cheaper than Token objects
        found: dict[str, set[str]] = defaultdict(set)
        for key in set(lowers) & self.cue_hashes.keys():
            cue = self.cue_hashes[key]
            if not any(ch.isalpha() for ch in cue) and not any(
                # a currency sign counts before an amount
                lower == key and i + 1 < len(doc) and doc[i + 1].like_num
                for i, lower in enumerate(lowers)
            ):
                continue
            found[self.cues[cue]].add(cue)
        return {alpha3: min(_MAX_CUES, _W_CUE * len(cues)) for alpha3, cues in found.items()}

    def _context(
        self,
        doc: Doc,
        cands: list[_Candidate],
        exclude: str | None = None,
        cues: dict[str, float] | None = None,
    ) -> tuple[dict[str, float], dict[int, float], dict[int, float]]:
        """Country, state and county context: what the article's other names say.

        ``exclude``: a name whose own mentions do not count (a name is no evidence for itself);
        ``cues``: country context from the article's other words (see :meth:`_cues`).
        """
        countries: dict[str, float] = defaultdict(float, cues or {})
        actors = doc._.actors if Doc.has_extension("actors") else None
        for actor in actors or []:
            if actor.kind == "COUNTRY" and actor.country:
                countries[actor.country] += sum(
                    1 for m in actor.mentions if not _same_name(normalize_name(m.text), exclude)
                )
        admin1: dict[int, float] = defaultdict(float)
        admin2: dict[int, float] = defaultdict(float)
        for cand in cands:
            if cand.how == _WEAK or _same_name(normalize_name(cand.text), exclude):
                continue
            if cand.within is not None:
                if cand.within.feature == "admin1":
                    admin1[cand.within.id] += 2
                if cand.within.country:
                    countries[cand.within.country] += 1
            if cand.choice is not None:
                chosen = cand.choice
                weight = cand.confidence
                if chosen.country:
                    countries[chosen.country] += weight
                if chosen.feature == "admin1":
                    admin1[chosen.id] += weight
                elif chosen.admin1 is not None:
                    admin1[chosen.admin1] += weight * 0.5
                if chosen.feature == "admin2":
                    admin2[chosen.id] += weight
                elif chosen.admin2 is not None:
                    admin2[chosen.admin2] += weight * 0.5
                continue
            # unresolved yet: a name all of whose senses share a country or state says so
            sense_countries = {e.country for e in cand.entries}
            if len(sense_countries) == 1:
                only = next(iter(sense_countries))
                if only:
                    countries[only] += 1
            if len(cand.entries) == 1:
                entry = cand.entries[0]
                if entry.feature == "admin1":
                    admin1[entry.id] += 1
                elif entry.admin1 is not None:
                    admin1[entry.admin1] += 0.5
        return countries, admin1, admin2

    def _score(
        self,
        entry: GazetteerEntry,
        countries: dict[str, float],
        admin1: dict[int, float],
        admin2: dict[int, float],
        anchors: list[tuple[float, float, float]],
    ) -> float:
        population = entry.population
        if entry.feature in ("admin1", "admin2"):
            # the people of all its towns: a region's name is rarer in news than that number says
            population //= 10
        score = _W_POPULATION * math.log10(population + 10)
        score += _FEATURE_PRIOR.get(entry.feature, 2.0)
        if entry.capital:
            score += _W_CAPITAL
        if entry.main:
            score += _W_MAIN_NAME
        if entry.id < 0:
            score += _W_USER
        total = sum(countries.values())
        if entry.country and total:
            share = countries.get(entry.country, 0) / total
            # scaled by how much evidence there is: one cue is no article about a country
            strength = min(1.0, total / _FULL_CONTEXT)
            score += _W_COUNTRY * share * strength + (_W_COUNTRY_PRESENT if share > 0 else 0.0)
        elif entry.country is None and total:
            # a sea or a continent lies in no country: as if in one the article is about
            score += _W_COUNTRY / 2 + _W_COUNTRY_PRESENT
        # a state named in the text (weight 1 or more) counts fully; one only inferred from a
        # town's state counts by its weight
        if entry.feature != "admin1" and entry.admin1 is not None and admin1.get(entry.admin1):
            score += _W_ADMIN1 * min(1.0, admin1[entry.admin1])
        if entry.feature == "admin1" and admin1.get(entry.id):
            score += _W_ADMIN1 / 2 * min(1.0, admin1[entry.id])
        if entry.admin2 is not None and admin2.get(entry.admin2):
            score += _W_ADMIN2 * min(1.0, admin2[entry.admin2])
        if anchors and entry.feature not in ("country", "continent", "region", "water"):
            near = sum(
                w * math.exp(-haversine_km(entry.lat, entry.lon, lat, lon) / _NEAR_KM)
                for lat, lon, w in anchors
                if abs(entry.lat - lat) < _NEAR_DEGREES  # farther adds under 3% of _W_NEAR
            )
            score += _W_NEAR * min(1.0, near)
        return score

    def _resolve(
        self, doc: Doc, cands: list[_Candidate], cues: dict[str, float] | None = None
    ) -> None:
        groups: dict[str, list[_Candidate]] = defaultdict(list)
        for cand in cands:
            groups[normalize_name(cand.text)].append(cand)
        for _ in range(_ROUNDS):
            choices: dict[str, tuple[GazetteerEntry, float]] = {}
            for key, members in groups.items():
                countries, admin1, admin2 = self._context(doc, cands, key, cues)
                anchors = [
                    (c.choice.lat, c.choice.lon, c.confidence)
                    for c in cands
                    if c.choice is not None
                    and c.how != _WEAK
                    and normalize_name(c.text) != key
                    and c.choice.feature in ("city", "admin2", "landmark")
                ]
                # one sense per article: every mention of a name votes with its own entries
                entries = _shared_entries(members)
                named_after = _regions_named_after_a_town(entries)
                scored = sorted(
                    (
                        (
                            self._score(e, countries, admin1, admin2, anchors)
                            - (_W_NAMED_AFTER if e.id in named_after else 0.0),
                            e,
                        )
                        for e in entries
                    ),
                    key=lambda pair: (-pair[0], pair[1].id),
                )
                best_score, best = scored[0]
                famous = self._famous_over_namesake(doc, cands, members, scored, countries)
                if famous is not None:
                    scored = [famous, *(pair for pair in scored if pair[1].id != famous[1].id)]
                    best_score, best = famous
                margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
                choices[key] = (best, 1.0 - math.exp(-max(margin, 0.1)))
            settled = all(
                members[0].choice is not None and members[0].choice.id == choices[key][0].id
                for key, members in groups.items()
            )
            for key, members in groups.items():
                for cand in members:
                    cand.choice, cand.confidence = choices[key]
            if settled:  # every name kept its sense: the context will not change again
                break
        self._shared_country_names(groups, cands)

    def _shared_country_names(
        self, groups: dict[str, list[_Candidate]], cands: list[_Candidate]
    ) -> None:
        """A name of two countries ("Congo") means the one the article names unambiguously
        elsewhere ("Republic of Congo", "Brazzaville"), by the most mentions; where it names
        neither, the scoring's choice (the more populous) stands.

        Evidence is a place chosen for another name all of whose senses in either country lie
        in one of them; demonyms ("Congolese") are as ambiguous as the name and do not count.
        """
        for key, members in groups.items():
            chosen = members[0].choice
            if chosen is None or chosen.feature != "country":
                continue
            claimants = {c.alpha3 for c in self.countries.claimants(members[0].text)}
            if len(claimants) < 2 or chosen.country not in claimants:
                continue
            support: Counter[str] = Counter()
            for other in cands:
                pick = other.choice
                if (
                    pick is None
                    or pick.country not in claimants
                    or other.how in (_WEAK, "demonym")
                    or normalize_name(other.text) == key
                ):
                    continue
                match = self.countries.lookup(other.text)
                if match is not None and match.how == "demonym":
                    continue
                if len({e.country for e in other.entries if e.country in claimants}) == 1:
                    support[pick.country or ""] += 1
            ranked = support.most_common(2)
            if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
                continue
            named = ranked[0][0]
            sense = next(
                (e for e in members[0].entries if e.feature == "country" and e.country == named),
                None,
            )
            if sense is not None and sense.id != chosen.id:
                for cand in members:
                    cand.choice = sense

    def _famous_over_namesake(
        self,
        doc: Doc,
        cands: list[_Candidate],
        members: list[_Candidate],
        scored: list[tuple[float, GazetteerEntry]],
        countries: dict[str, float],
    ) -> tuple[float, GazetteerEntry] | None:
        """A world-famous sense that the article's diffuse context outscored, where the
        winning small namesake has no direct evidence; None where the ranking stands.

        Famous: a country, a national capital or a city of ``_FAMOUS_POPULATION`` people (the
        gazetteer's own data), in another country than the namesake's, one the article names
        too. A namesake town keeps its win only with direct evidence: containment ("Moscow,
        Idaho"), a dateline, its state or county named in the article, or another place of its
        state within ``_EVIDENCE_TOKENS`` of a mention that is no namesake itself (the most
        populous of its senses, or all its senses in that state). Country context alone (30 US
        places around "Moscow" in a story about flights to Russia) is no such evidence.
        """
        best = scored[0][1]
        if best.feature != "city" or _is_famous(best):
            return None
        famous = next((pair for pair in scored if _is_famous(pair[1]) and pair[1].main), None)
        if (
            famous is None
            or famous[1].country == best.country  # country context cannot tell them apart
            or not countries.get(famous[1].country or "")
        ):
            return None
        if any(c.within is not None or self._dateline(doc, c.start, c.end) for c in members):
            return None
        key = normalize_name(members[0].text)
        for other in cands:
            chosen = other.choice
            if (
                chosen is None
                or other.how == _WEAK
                or chosen.country != best.country
                or normalize_name(other.text) == key
            ):
                continue
            if chosen.id in (best.admin1, best.admin2):
                return None  # its state or county is named
            if (
                chosen.feature in ("city", "admin2")
                and best.admin1 is not None
                and chosen.admin1 == best.admin1
                and any(abs(other.start - m.start) <= _EVIDENCE_TOKENS for m in members)
                and (
                    # itself no namesake picked by context (which may be this one's)
                    chosen.population >= max(e.population for e in other.entries)
                    or all(e.admin1 == best.admin1 for e in other.entries)
                )
            ):
                return None  # a place of its state close by in the text
        return famous

    # ------------------------------------------------------------------ records
    def _build(self, doc: Doc, cands: list[_Candidate]) -> list[Place]:
        by_entry: dict[int, list[_Candidate]] = {}
        for cand in sorted(cands, key=lambda c: c.start):
            if cand.choice is not None:
                by_entry.setdefault(cand.choice.id, []).append(cand)
        places = []
        for number, members in enumerate(by_entry.values(), start=1):
            entry = members[0].choice
            assert entry is not None
            mentions = []
            for cand in members:
                span = doc[cand.start : cand.end]
                mentions.append(Mention(span.start_char, span.end_char, span.text, cand.how))
            places.append(
                Place(
                    id=f"P{number}",
                    name=entry.name,
                    country=entry.country,
                    lat=round(entry.lat, 5),
                    lon=round(entry.lon, 5),
                    geonameid=entry.geonameid,
                    feature=entry.feature,
                    mentions=mentions,
                )
            )
        return places


def _mark_person(doc: Doc, start: int, end: int, person: list[bool]) -> None:
    """Mark a person's name, less a county heading it ("Anderson County Sheriff Greg Taylor")."""
    for k in range(start, end):
        if doc[k].lower_ in _COUNTY_WORDS and doc[k].text[:1].isupper():
            start = k + 1
    for k in range(start, end):
        person[k] = True


def _is_famous(entry: GazetteerEntry) -> bool:
    """A place known world-wide: a country, a national capital or a city of a million."""
    return entry.feature == "country" or (
        entry.feature == "city" and (entry.capital or entry.population >= _FAMOUS_POPULATION)
    )


def _same_name(name: str, key: str | None) -> bool:
    """Whether ``name`` is ``key`` or holds it as whole words ("dublin city" for "dublin")."""
    if key is None:
        return False
    return name == key or f" {key} " in f" {name} "


def _inside(entry: GazetteerEntry, region: GazetteerEntry) -> bool:
    if region.feature == "country":
        return entry.country == region.country and entry.id != region.id
    return entry.admin1 == region.id


def _regions_named_after_a_town(entries: list[GazetteerEntry]) -> set[int]:
    """Regions sharing their name with a big town inside them ("Lima", "New York") or with a
    sea or lake near them: the name usually means the town or the water."""
    regions = {e.id: e for e in entries if e.feature in ("admin1", "admin2")}
    named = set()
    for entry in entries:
        if entry.feature != "city":
            continue
        for region_id in (entry.admin1, entry.admin2):
            region = regions.get(region_id) if region_id is not None else None
            if region is not None and entry.population * 5 >= region.population:
                named.add(region.id)
    # "Red Sea": Egypt's and Sudan's Red Sea provinces are named after the sea on their coast
    for water in (e for e in entries if e.feature == "water" and e.main):
        named.update(
            region.id
            for region in regions.values()
            if haversine_km(water.lat, water.lon, region.lat, region.lon) <= _NAMED_AFTER_WATER_KM
        )
    return named


def _shared_entries(members: list[_Candidate]) -> list[GazetteerEntry]:
    """The senses a name can have in this article: those allowed by every qualified mention."""
    qualified = [c for c in members if c.within is not None]
    if qualified:
        allowed = {e.id for e in qualified[0].entries}
        for cand in qualified[1:]:
            narrowed = allowed & {e.id for e in cand.entries}
            allowed = narrowed or allowed
        pool = {e.id: e for c in members for e in c.entries}
        return [pool[i] for i in sorted(allowed) if i in pool]
    return members[0].entries


@Language.factory(
    "eventwire_places",
    default_config={"cache_dir": None, "gazetteer": None},
)
def make_place_resolver(
    nlp: Language, name: str, cache_dir: str | None, gazetteer: str | None
) -> PlaceResolver:
    """spaCy factory: ``nlp.add_pipe("eventwire_places")`` after ``eventwire_actors``.

    ``cache_dir`` and ``gazetteer`` default to the settings (``EVENTWIRE_CACHE_DIR``,
    ``EVENTWIRE_GAZETTEER``).
    """
    settings = Settings()
    if cache_dir:
        settings.cache_dir = Path(cache_dir)
    if gazetteer:
        settings.gazetteer = Path(gazetteer)
    return PlaceResolver(nlp, name, settings=settings)
