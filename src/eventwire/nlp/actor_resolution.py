"""The second half of the actors stage: descriptions, pronouns, governments and attributes.

:class:`~eventwire.nlp.actors.ActorRecognizer` first groups an article's names into actors; this
module takes those groups (as :class:`Entity` objects) and the parsed Doc and

1. turns capitals and seats of government used as agents into government actors ("Caracas
   rejected" -> Government of Venezuela, VEN GOV);
2. reads what the text says about each named actor: titles before a name ("Defence Minister
   Camila Restrepo"), possessives ("Colombia's National Liberation Army"), words of an
   organisation's name ("... Liberation Army" is a rebel group);
3. sweeps the article once, left to right, resolving each nominal description and pronoun as
   it comes:

   - a description next to a name with a comma is an apposition and joins it ("John Bolton,
     the US national security adviser"; "an acting Venezuelan air force general, Francisco
     Yanez"); so is the complement of "is" ("X is the leader of Y");
   - a description with the same head as an earlier one, or naming the last word of an
     organisation's name ("the alliance"), joins it (strict head match);
   - a definite description ("the rebels", "the US President") joins the nearest earlier actor
     it agrees with: kind and number, country, sector, role; descriptions of ordinary people
     ("a man", "residents") never point back;
   - any other description becomes an actor of its own ("anti-government protesters");
   - a pronoun (he, she, they, his, their, its) joins the most salient compatible actor of the
     last sentences (recency, subject and object weights, after Lappin and Leass, 1994); a
     pronoun that is the subject of a speech verb in a paragraph with quotation marks prefers
     the current speaker; third-person pronouns inside quotation marks are left alone, and
     "I", "me", "my" there are the person quoted;

4. after the sweep, reads relative clauses ("who heads the FDR") and "as" complements
   ("recognised X as Venezuela's leader"), consults the actor knowledge (built-in
   organisations, PETRARCH dictionaries, user files), passes an organisation's country and
   sector to its members, and gives actors of a domestic sector (government, military, police,
   rebels, opposition, civilians, …; not media or business) with no country the country their
   sentences (or the article) are about.

Country and sector are chosen by weighted evidence: what the text says next to a name weighs
most, then descriptions joined by agreement, dictionaries, membership and context.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc

from eventwire.knowledge.actors import ActorKnowledge
from eventwire.knowledge.countries import CountryIndex, normalize_name
from eventwire.knowledge.roles import Noun, RoleLexicon
from eventwire.records import Actor, Mention

logger = logging.getLogger(__name__)

# Evidence weights (see the module docstring).
W_USER = 100.0
W_TEXT = 3.0  # apposition, title, possessive, copula
W_JOINED = 2.0  # a description joined by agreement; the words of a name
W_KNOWN = 1.5  # a dictionary or built-in entry; "as" complements
W_MEMBER = 1.2  # inherited from the organisation the actor belongs to
W_CONTEXT = 0.5  # the country the actor's sentences are about

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "each", "every", "no"})
_BREAKS = frozenset({",", "(", ")", '"', "“", "”", "'", ":", ";", "—", "–", "--", "[", "]"})
_QUOTES = frozenset({'"', "“", "”", "«", "»", "„"})
_APPOSITION_MARKS = frozenset({",", "—", "–", "("})
# words that open an alias cue after a description ("otherwise known as", "a.k.a.")
_ALIAS_STARTS = frozenset(
    {"otherwise", "also", "better", "known", "aka", "a.k.a.", "alias", "nicknamed", "commonly"}
    | {"popularly", "more"}
)
_APPOSITION_ENDS = frozenset({",", ".", ")", "—", "–", ";", ":", "!", "?", "'s", "’s"})
_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "case", "nummod", "quantmod", "advmod", "punct"}
    | {"predet", "npadvmod", "nn"}
)
_NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "oprd", "ROOT"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Sectors of armed non-state actors: a description of one may name another.
_SECTOR_FAMILIES = {"INS": "REB", "UAF": "REB", "SEP": "REB", "IMG": "REB"}
# Sectors that belong to no one country: no country is guessed from context for them.
_STATELESS = frozenset({"IGO", "NGO", "IMG"})
# Kinds of actor a description of each kind may name.
_KIND_MATCH = {
    "PERSON": frozenset({"PERSON"}),
    "GROUP": frozenset({"GROUP", "ORG"}),
    "ORG": frozenset({"ORG"}),
    "COUNTRY": frozenset({"COUNTRY"}),
}
# How far back (in sentences) a description with no head or role match may point.
_ANAPHORA_SENTENCES = 6
# A person description with no role match points back at most this far ("the US President"
# for the Trump of the same sentence).
_PERSON_ANAPHORA_SENTENCES = 1
_PRONOUN_SENTENCES = 3


@dataclass(slots=True)
class EntityMention:
    """A mention of an entity: token range, head token, how it was recognised."""

    start: int
    end: int
    how: str
    root: int


@dataclass(eq=False, slots=True)
class Entity:
    """One actor of the article while it is being resolved."""

    kind: str
    mentions: list[EntityMention]
    name: str | None = None
    aliases: list[str] = field(default_factory=list)
    country_code: str | None = None  # a COUNTRY actor's own code
    label: str | None = None  # a description-only actor's name
    heads: set[str] = field(default_factory=set)
    name_words: tuple[str, ...] = ()
    roles: list[str] = field(default_factory=list)
    countries: dict[str, float] = field(default_factory=dict)
    sectors: dict[str, float] = field(default_factory=dict)
    member_of: Entity | None = None
    member_weight: float = 0.0
    gender: str | None = None
    plural: bool = False
    government_of: str | None = None
    fixed_name: str | None = None
    modifiers: set[str] = field(default_factory=set)

    def add_country(self, code: str | None, weight: float) -> None:
        if code:
            self.countries[code] = self.countries.get(code, 0.0) + weight

    def add_sector(self, code: str | None, weight: float) -> None:
        if code:
            self.sectors[code] = self.sectors.get(code, 0.0) + weight

    def add_role(self, role: str | None) -> None:
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def set_member(self, org: Entity | None, weight: float) -> None:
        if (
            org is not None
            and org is not self
            and weight > self.member_weight
            and org.kind in ("ORG", "GROUP")
            and org.member_of is not self
        ):
            self.member_of, self.member_weight = org, weight

    @property
    def country(self) -> str | None:
        if self.country_code:
            return self.country_code
        return _best(self.countries)

    @property
    def sector(self) -> str | None:
        return _best(self.sectors)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _best(evidence: dict[str, float]) -> str | None:
    if not evidence:
        return None
    # highest total weight; on a tie, the value seen first (dicts keep insertion order)
    return max(evidence.items(), key=lambda kv: kv[1])[0]


def _name_heads(words: tuple[str, ...]) -> set[str]:
    """The head words of an organisation's name: its last word, and the word before "of" or
    "for" ("church" in "Church of Scientology")."""
    heads = {words[-1]} if words else set()
    for k, word in enumerate(words):
        if word in ("of", "for") and k > 0:
            heads.add(words[k - 1])
            break
    return heads


def _family(sector: str | None) -> str | None:
    return _SECTOR_FAMILIES.get(sector, sector) if sector else None


@dataclass(slots=True)
class Description:
    """A nominal description found in the text, with what its words say."""

    start: int
    end: int
    head: int
    noun: Noun
    kind: str
    plural: bool
    definite: bool
    indefinite: bool
    sector: str | None = None
    strong_sector: bool = False
    country: str | None = None
    affiliate: Entity | None = None
    possessor: Entity | None = None
    role: str | None = None
    former: bool = False
    gender: str | None = None
    generic: bool = False
    possessive: bool = False
    predicative: bool = False
    modifiers: frozenset[str] = frozenset()
    several: bool = False  # several organisations or states: "the governments"
    bare: bool = False  # no article, number or possessor: "protesters", "police"


class Tokens:
    """Token attributes of a Doc as plain lists, read once with ``Doc.to_array`` (creating a
    spaCy Token object per attribute read would cost more than the whole stage)."""

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, SPACY, IDX, SENT_START])
        strings = doc.vocab.strings
        memo: dict[int, str] = {}

        def decode(column: int) -> list[str]:
            out: list[str] = []
            for value in columns[:, column].tolist():
                text = memo.get(value)
                if text is None:
                    text = memo[value] = strings[value]
                out.append(text)
            return out

        self.text = decode(0)
        self.lower = decode(1)
        self.lemma = [x.lower() for x in decode(2)]
        self.pos = decode(3)
        self.tag = decode(4)
        self.dep = decode(5)
        offsets: list[int] = columns[:, 6].astype("int64").tolist()
        self.head: list[int] = [i + offset for i, offset in enumerate(offsets)]
        self.space: list[bool] = [bool(x) for x in columns[:, 7].tolist()]
        self.idx: list[int] = columns[:, 8].tolist()
        starts = [
            i for i, v in enumerate(columns[:, 9].astype("int64").tolist()) if v == 1 or i == 0
        ]
        #: sentences as (first token, end) pairs
        self.sentences = [
            (start, starts[k + 1] if k + 1 < len(starts) else len(self.text))
            for k, start in enumerate(starts)
        ]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)`` as written."""
        parts = []
        for k in range(start, end):
            parts.append(self.text[k])
            if k < end - 1 and self.space[k]:
                parts.append(" ")
        return "".join(parts)


class ArticleResolver:
    """Resolve descriptions, pronouns, governments and attributes in one article.

    Args:
        doc: the parsed article.
        tokens: its token attributes.
        entities: the named actors, grouped by name.
        lexicon: role and sector words.
        countries: the country index.
        knowledge: known actors (organisations, dictionaries, user files).
        published: the article's date, for date-bounded roles.
    """

    def __init__(
        self,
        doc: Doc,
        tokens: Tokens,
        entities: list[Entity],
        lexicon: RoleLexicon,
        countries: CountryIndex,
        knowledge: ActorKnowledge | None,
        published: date | None,
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.lexicon = lexicon
        self.countries = countries
        self.knowledge = knowledge
        self.published = published
        n = len(doc)
        self.tokens = tokens
        self.text = tokens.text
        self.lower = tokens.lower
        self.lemma = tokens.lemma
        self.pos = tokens.pos
        self.tag = tokens.tag
        self.dep = tokens.dep
        self.head = tokens.head
        self.space = tokens.space
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.sent = [0] * n
        self.sent_start: list[int] = []
        for k, (first, end) in enumerate(tokens.sentences):
            self.sent_start.append(first)
            for i in range(first, end):
                self.sent[i] = k
        self.paragraph, self.in_quote, self.quoted_paragraphs = self._layout()
        # token -> entity of the name mention covering it; head token -> entity of a
        # resolved description or pronoun
        self.name_owner: list[Entity | None] = [None] * n
        self.resolved: dict[int, Entity] = {}
        for entity in entities:
            self._index_names(entity)
        self.government: dict[str, Entity] = {}
        self.possessed: dict[tuple[int, str], Entity] = {}

    # ------------------------------------------------------------------ layout
    def _layout(self) -> tuple[list[int], list[bool], set[int]]:
        """Paragraph of each token, whether it is inside quotation marks, and which
        paragraphs hold a quotation mark."""
        n = len(self.text)
        paragraph = [0] * n
        in_quote = [False] * n
        quoted: set[int] = set()
        current = 0
        inside = False
        for i in range(n):
            text = self.text[i]
            if (
                "\n" in text
                and not text.strip()
                and (
                    text.count("\n") >= 2 or (i > 0 and self.text[i - 1].endswith((".", '"', "”")))
                )
            ):
                current += 1
                inside = False  # a quote reopens in each paragraph it runs through
            paragraph[i] = current
            if text in _QUOTES or text in ("``", "''"):
                quoted.add(current)
                if text in ("“", "``", "«", "„"):
                    inside = True
                elif text in ("”", "''", "»"):
                    inside = False
                else:
                    inside = not inside
                continue
            in_quote[i] = inside
        return paragraph, in_quote, quoted

    def _index_names(self, entity: Entity) -> None:
        for m in entity.mentions:
            if m.how in ("description", "pronoun"):
                continue
            for k in range(m.start, m.end):
                self.name_owner[k] = entity

    def _root(self, start: int, end: int) -> int:
        """The token of ``[start, end)`` whose head lies outside it."""
        for k in range(end - 1, start - 1, -1):
            h = self.head[k]
            if h == k or not (start <= h < end):
                return k
        return end - 1

    def owner(self, i: int) -> Entity | None:
        """The actor a token belongs to: a name, or a resolved description or pronoun head."""
        found = self.name_owner[i]
        return found if found is not None else self.resolved.get(i)

    # ------------------------------------------------------------------ run
    def run(self) -> list[Actor]:
        """Resolve everything and return the article's actors."""
        self._governments()
        self._short_forms()
        for entity in list(self.entities):
            self._intrinsic(entity)
        self._knowledge(named=True)
        self._sweep()
        self._first_person()
        self._lead()
        self._clauses()
        self._knowledge(named=False)
        self._inherit()
        self._context()
        return self._records()

    # ------------------------------------------------------------------ governments
    def _government(self, alpha3: str, sector: str = "GOV") -> Entity:
        key = f"{alpha3}:{sector}"
        entity = self.government.get(key)
        if entity is None:
            country = self.countries.by_alpha3[alpha3]
            entity = Entity(kind="ORG", mentions=[], government_of=alpha3)
            entity.name = (
                f"Government of {country.name}"
                if sector == "GOV"
                else f"{country.name} {self.lexicon.sector_names.get(sector, sector)}"
            )
            entity.add_country(alpha3, W_USER)
            entity.add_sector(sector, W_USER)
            entity.heads.update(
                {"government", "administration", "regime", "authorities", "cabinet"}
                if sector == "GOV"
                else set()
            )
            self.government[key] = entity
            self.entities.append(entity)
        return entity

    def _agentive(self, root: int) -> bool:
        """Whether a place name at ``root`` acts: subject of a verb other than "be", possessor
        of a noun, or object of a verb whose object is an agent ("accused Kinshasa of")."""
        dep, head = self.dep[root], self.head[root]
        if dep == "nsubj" and self.lemma[head] != "be" and self.pos[head] in ("VERB", "AUX"):
            return True
        if dep == "poss":
            return True
        if dep == "dobj" and self.lemma[head] in self.lexicon.agent_object_verbs:
            return True
        return dep == "pobj" and self.lower[head] == "by" and self.dep[self.head[head]] == "agent"

    def _governments(self) -> None:
        """Capitals and seats of government that act become government actors."""
        doc = self.doc
        # a capital's name that is also part of a person's name is that person ("Paris Hilton")
        person_words = {
            w
            for e in self.entities
            if e.kind == "PERSON" and len(e.name_words) > 1
            for w in e.name_words
        }
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC", "NORP"):
                continue
            text = ent.text
            start, end = ent.start, ent.end
            if self.lower[start] == "the":
                start += 1
            root = self._root(start, end)
            if not self._agentive(root):
                continue
            seat = self.lexicon.seats.get(doc[start:end].text)
            igo = self.lexicon.metonym_seats.get(text)
            owner = self.name_owner[root]
            if owner is not None and owner.kind == "COUNTRY":
                continue
            target: Entity | None = None
            if igo is not None:
                target = self._named_or_new(igo)
            elif seat is not None:
                target = self._government(seat[0], seat[1])
            else:
                capital = self.countries.capital_of(text)
                if capital is None or (owner is not None and len(owner.mentions) > 1):
                    continue
                if normalize_name(text) in person_words:
                    continue
                target = self._government(capital.alpha3)
            if owner is not None:
                # a seat or capital the grouping took for a person or organisation
                self._absorb(owner, target)
            if not any((m.start, m.end) == (start, end) for m in target.mentions):
                target.mentions.append(EntityMention(start, end, "metonym", root))
            for k in range(start, end):
                self.name_owner[k] = target

    def _short_forms(self) -> None:
        """ "Scientology" is the "Church of Scientology": an organisation named by a generic
        noun and "of Y" is the organisation named Y."""
        by_words = {e.name_words: e for e in self.entities if e.kind == "ORG" and e.name_words}
        for entity in list(self.entities):
            words = entity.name_words
            if entity.kind != "ORG" or len(words) < 3 or words[1] != "of":
                continue
            noun = self.lexicon.nouns.get(words[0])
            if noun is None or noun.kind != "ORG":
                continue
            short = by_words.get(words[2:])
            if short is not None and short is not entity and short in self.entities:
                self._merge(entity, short)

    def _merge(self, target: Entity, source: Entity) -> None:
        """Move every mention and alias of ``source`` to ``target``."""
        self.entities.remove(source)
        for m in source.mentions:
            target.mentions.append(m)
            for k in range(m.start, m.end):
                if self.name_owner[k] is source:
                    self.name_owner[k] = target
        keys = {normalize_name(a) for a in [target.name or "", *target.aliases]}
        for alias in [source.name or "", *source.aliases]:
            if alias and normalize_name(alias) not in keys:
                target.aliases.append(alias)
                keys.add(normalize_name(alias))

    def _named_or_new(self, name: str) -> Entity:
        key = normalize_name(name)
        for entity in self.entities:
            if entity.name and normalize_name(entity.name) == key:
                return entity
        entity = Entity(kind="ORG", mentions=[], name=name, name_words=tuple(key.split()))
        self.entities.append(entity)
        return entity

    def _absorb(self, source: Entity, target: Entity) -> None:
        """Move ``source``'s mentions (each a use of the seat's name) to ``target``; drop it."""
        if source is target:
            return  # already one actor: moving its mentions onto itself would never end
        if source in self.entities:
            self.entities.remove(source)
        for m in list(source.mentions):
            for k in range(m.start, m.end):
                if self.name_owner[k] is source:
                    self.name_owner[k] = target
            m.how = "metonym"
            target.mentions.append(m)

    # ------------------------------------------------------------------ what a name says
    def _words(self, start: int, end: int) -> list[str]:
        """Lower-case words of ``[start, end)``, hyphenated tokens joined ("anti-government")."""
        words: list[str] = []
        glue = False
        for k in range(start, end):
            text = self.lower[k]
            if glue and words:
                words[-1] += text
            else:
                words.append(text)
            glue = not self.space[k] and (text == "-" or (k + 1 < end and self.lower[k + 1] == "-"))
        return words

    def _intrinsic(self, entity: Entity) -> None:
        """Titles, possessives and name words of a named actor."""
        if entity.kind == "COUNTRY":
            return
        for m in entity.mentions:
            if m.how in ("description", "pronoun", "metonym"):
                continue
            self._title(entity, m)
            # "Colombia's National Liberation Army"
            if (
                m.start >= 2
                and self.lower[m.start - 1] in ("'s", "’s", "'", "’")
                and (country := self._country_at(m.start - 2)) is not None
            ):
                entity.add_country(country, W_TEXT)
            if m.start >= 1 and self.dep[m.start - 1] == "amod":
                # "the Congolese army" written as a name: a demonym just before it
                country = self._country_at(m.start - 1)
                if country is not None and entity.kind != "PERSON":
                    entity.add_country(country, W_TEXT)
        if entity.kind in ("ORG", "GROUP") and entity.name_words:
            entity.add_sector(self.lexicon.name_sector(list(entity.name_words)), W_JOINED)
            for k in range(len(entity.name_words)):
                for n in (3, 2, 1):
                    words = entity.name_words[k : k + n]
                    if len(words) == n:
                        match = self.countries.lookup(" ".join(words))
                        if match is not None:
                            entity.add_country(match.country.alpha3, W_JOINED)
                            break

    def _country_at(self, i: int) -> str | None:
        """The country a token names (a country actor's mention, or a demonym or capital)."""
        owner = self.name_owner[i]
        if owner is not None:
            return owner.country if owner.kind == "COUNTRY" else None
        if self.pos[i] in ("PROPN", "ADJ") and self.text[i][:1].isupper():
            match = self.countries.lookup(self.text[i])
            if match is not None:
                return match.country.alpha3
            capital = self.countries.capital_of(self.text[i])
            if capital is not None:
                return capital.alpha3
        return None

    def _title(self, entity: Entity, m: EntityMention) -> None:
        """Role words written before a person's name ("Defence Minister Camila Restrepo")."""
        if entity.kind != "PERSON":
            return
        k = m.start
        floor = self.sent_start[self.sent[m.start]]
        while (
            k > floor
            and self.text[k - 1] not in _BREAKS
            and self.lower[k - 1] not in _DEFINITE
            and self.lower[k - 1] not in _INDEFINITE
            and self.pos[k - 1] in ("NOUN", "PROPN", "ADJ", "PART", "PUNCT", "VERB")
            and self.dep[k - 1] in ("compound", "amod", "nmod", "poss", "case", "punct", "nn")
            and m.start <= self._up_to(k - 1, m.end) < m.end
        ):
            k -= 1
        if k == m.start:
            return
        words = self._words(k, m.start)
        lemmas = [self.lemma[j] for j in range(k, m.start)]
        noun = self.lexicon.noun(words) or self.lexicon.noun(lemmas)
        if noun is None or noun.kind != "PERSON":
            return
        description = Description(
            start=k,
            end=m.start,
            head=m.start - 1,
            noun=noun,
            kind="PERSON",
            plural=False,
            definite=True,
            indefinite=False,
        )
        self._read_modifiers(description, k, m.start - 1)
        self._apply(entity, description, W_TEXT)

    def _up_to(self, i: int, end: int) -> int:
        """Follow heads from ``i`` until reaching a token at or after ``i`` inside the name
        (returns that token), or return -1."""
        seen = 0
        while seen < 8:
            h = self.head[i]
            if h == i:
                return -1
            if i < h < end and self.name_owner[h] is not None:
                return h
            if h < i:
                return -1
            i = h
            seen += 1
        return -1

    # ------------------------------------------------------------------ descriptions
    def _noun_at(self, i: int) -> Noun | None:
        """The actor noun whose head is token ``i``, if ``i`` heads a nominal phrase."""
        if self.name_owner[i] is not None:
            return None
        pos = self.pos[i]
        if pos not in ("NOUN", "PROPN") and not (pos == "ADJ" and self.dep[i] in _NOMINAL_DEPS):
            return None
        lemma, low = self.lemma[i], self.lower[i]
        if lemma not in self.lexicon.noun_heads and low not in self.lexicon.noun_heads:
            return None
        h = self.head[i]
        if (
            self.dep[i] in ("compound", "amod", "nmod", "nn")
            and i < h <= i + 4
            and self.pos[h] not in ("VERB", "AUX")
        ):
            return None  # a modifier: "police" in "police spokesman"
        first = max(self.sent_start[self.sent[i]], i - self.lexicon.max_noun_words + 1)
        lemmas = [self.lemma[k] for k in range(first, i + 1)]
        words = [self.lower[k] for k in range(first, i + 1)]
        noun = self.lexicon.noun(words) or self.lexicon.noun(lemmas)
        if noun is None:
            return None
        if self.text[i][:1].isupper() and pos == "PROPN" and self._in_unknown_name(i):
            return None
        return noun

    def _in_unknown_name(self, i: int) -> bool:
        """A capitalised head inside a longer capitalised run is part of a name ("Sea Org
        Group"), unless the run is made of role words ("US President")."""
        k = i - 1
        while k >= 0 and self.pos[k] == "PROPN" and self.name_owner[k] is None:
            if self.lexicon.noun([self.lower[k]]) is None and self.lower[k] not in (
                self.lexicon.modifiers
            ):
                return True
            k -= 1
        return False

    def _describe(self, i: int, noun: Noun) -> Description:
        """Read the description headed by token ``i``."""
        floor = self.sent_start[self.sent[i]]
        start = i
        while start > floor:
            k = start - 1
            if self.text[k] in _BREAKS and self.text[k] not in ("'", "’"):
                break
            if not self._dominated(k, i) or self.dep[k] not in _LEFT_DEPS:
                break
            if self.tag[k] in ("VBD", "VBN") and self.lower[k] not in self.lexicon.qualifiers:
                break  # "addressed crowds": a verb the parser took for a modifier
            start = k
        while start < i and (self.pos[start] == "PUNCT" or self.dep[start] == "case"):
            start += 1
        plural = self.tag[i] in ("NNS", "NNPS") or (
            noun.kind == "GROUP" and self.lower[i] == noun.phrase.split()[-1]
        )
        kind = noun.kind
        several = plural and kind in ("ORG", "COUNTRY")
        if plural and kind in ("PERSON", "COUNTRY", "ORG"):
            kind = "GROUP"  # "protesters"; "other nations"; "the municipalities"
        first = self.lower[start]
        bare = first not in _DEFINITE and first not in _INDEFINITE and self.pos[start] != "NUM"
        has_possessor = any(self.dep[c] == "poss" for c in self.children[i]) or any(
            self.lower[k] in ("'s", "’s") for k in range(start, i)
        )
        description = Description(
            start=start,
            end=i + 1,
            head=i,
            noun=noun,
            kind=kind,
            plural=plural,
            possessive=has_possessor,
            several=several,
            # "police said", "Police arrested": an institution needs no article
            definite=first in _DEFINITE
            or has_possessor
            or (bare and not plural and noun.kind in ("ORG", "GROUP")),
            bare=bare and not has_possessor,
            indefinite=first in _INDEFINITE or self.pos[start] == "NUM",
            generic=noun.phrase in self.lexicon.generic_people
            or self.lemma[i] in self.lexicon.generic_people,
        )
        self._read_modifiers(description, start, i)
        self._read_prepositions(description, i)
        return description

    def _dominated(self, k: int, i: int) -> bool:
        """Whether token ``k`` is in the subtree of token ``i``."""
        steps = 0
        while steps < 10:
            if k == i:
                return True
            h = self.head[k]
            if h == k:
                return False
            k = h
            steps += 1
        return False

    def _read_modifiers(self, d: Description, start: int, head: int) -> None:
        """Sector, country, affiliation, role and gender from the words of a description."""
        lexicon = self.lexicon
        words = self._words(start, head + 1)
        noun_words = len(d.noun.phrase.split())
        modifier_words = words[:-noun_words] if noun_words < len(words) else []
        head_sector = d.noun.sector
        sector, strong = head_sector, False
        for _, _, found in lexicon.modifier_sectors(modifier_words):
            if found in lexicon.strong_sectors:
                sector, strong = found, True
            elif sector is None:
                sector = found
        role_words: list[str] = []
        country_words: list[str] = []
        for k in range(start, head + 1):
            owner = self.owner(k) if k < head or self.name_owner[k] is not None else None
            low = self.lower[k]
            if owner is not None and k != head:
                if owner.kind == "COUNTRY":
                    d.country = d.country or owner.country
                elif self.dep[k] == "poss" or (k + 1 <= head and self.lower[k + 1] in ("'s", "’s")):
                    d.possessor = owner
                    if owner.kind in ("ORG", "GROUP"):
                        d.affiliate = owner
                elif owner.kind in ("ORG", "GROUP"):
                    d.affiliate = owner
                continue
            if low in lexicon.former_words:
                d.former = True
            if low in lexicon.gender_words:
                d.gender = lexicon.gender_words[low]
            if k < head and self.pos[k] in ("PROPN", "ADJ") and self.text[k][:1].isupper():
                country = self._country_at(k)
                if country is not None:
                    d.country = d.country or country
                    country_words.append(low)
                    continue
            if low in _DEFINITE or low in _INDEFINITE or self.dep[k] in ("det", "poss", "case"):
                continue
            if self.pos[k] in ("PRON", "NUM", "PUNCT") and low != "-":
                continue
            role_words.append(self.text[k])
        d.modifiers = frozenset(
            w.lower()
            for w in [*role_words[: max(0, len(role_words) - noun_words)], *country_words]
            if w.replace("-", "").isalpha()
        )
        if d.affiliate is not None and d.affiliate.sector is not None and d.kind != "ORG":
            sector, strong = d.affiliate.sector, True
        d.sector, d.strong_sector = sector, strong
        if d.gender is None:
            d.gender = lexicon.gender_words.get(self.lower[head])
        if d.noun.kind in ("PERSON", "GROUP") and not d.generic:
            d.role = self._role_text(role_words, d.noun)

    def _role_text(self, words: list[str], noun: Noun) -> str | None:
        """The role a description names: qualifiers and role modifiers before the noun."""
        lexicon = self.lexicon
        if not words:
            return None
        keep: list[str] = []
        noun_words = len(noun.phrase.split())
        head_words = words[-noun_words:]
        for word in words[: len(words) - noun_words]:
            low = word.lower()
            if (
                low in lexicon.qualifiers
                or low in lexicon.modifiers
                or any(low in phrase.split() for phrase in lexicon.modifiers if " " in phrase)
                or (word[:1].isupper() and word.isalpha())
                or low in lexicon.nouns
            ):
                keep.append(word)
            else:
                keep = []  # an evaluative word breaks the role: "crucial military backers"
        role = " ".join([*keep, *head_words])
        return role if role.lower() not in lexicon.generic_people else None

    def _read_prepositions(self, d: Description, i: int) -> None:
        """ "leaders of the ELN", "the government in Caracas", "an attorney for Scientology"."""
        for c in self.children[i]:
            if self.dep[c] != "prep" or self.lower[c] not in ("of", "for", "from", "in", "at"):
                continue
            for p in self.children[c]:
                if self.dep[p] != "pobj":
                    continue
                owner = self.owner(p)
                if owner is None:
                    country = self._country_at(p)
                    if country is not None and d.country is None:
                        d.country = country
                    continue
                if owner.kind == "COUNTRY":
                    d.country = d.country or owner.country
                elif owner.kind in ("ORG", "GROUP") and self.lower[c] != "in":
                    d.affiliate = d.affiliate or owner
                    if d.kind != "ORG" and owner.sector and not d.strong_sector:
                        d.sector, d.strong_sector = owner.sector, True

    # ------------------------------------------------------------------ the sweep
    def _sweep(self) -> None:
        """Resolve descriptions and pronouns left to right (see the module docstring)."""
        starts: dict[int, list[tuple[Entity, EntityMention]]] = {}
        for entity in self.entities:
            for m in entity.mentions:
                starts.setdefault(m.start, []).append((entity, m))
        self.recent: list[tuple[int, Entity, EntityMention]] = []  # (sentence, entity, mention)
        self.speaker: tuple[Entity, int] | None = None  # (entity, paragraph)
        self.speakers: list[tuple[int, Entity]] = []  # (token of the subject, entity)
        noun_heads = self.lexicon.noun_heads
        pronouns = self.lexicon.pronouns
        for i in range(len(self.text)):
            for entity, m in starts.get(i, ()):
                self._seen(entity, m)
            low = self.lower[i]
            if low in pronouns and self.tag[i] in ("PRP", "PRP$"):
                self._pronoun(i)
            elif self.lemma[i] in noun_heads or low in noun_heads:
                noun = self._noun_at(i)
                if noun is not None:
                    self._description(i, noun)
            self._note_speaker(i)

    def _seen(self, entity: Entity, m: EntityMention) -> None:
        self.recent.append((self.sent[m.start], entity, m))

    def _note_speaker(self, i: int) -> None:
        """The subject of a speech verb becomes the paragraph's current speaker."""
        if self.dep[i] != "nsubj" or self.lemma[self.head[i]] not in self.lexicon.speech_verbs:
            return
        owner = self.owner(i)
        if owner is not None and owner.kind in ("PERSON", "ORG", "GROUP"):
            self.speaker = (owner, self.paragraph[i])
            if not self.in_quote[i]:
                self.speakers.append((i, owner))

    def _description(self, i: int, noun: Noun) -> None:
        d = self._describe(i, noun)
        entity = self._apposition(d)
        weight = W_TEXT
        if entity is None and (d.definite or (d.bare and not d.plural)) and not d.possessive:
            entity = self._head_match(d)
            weight = W_JOINED
        if entity is None and d.possessive and d.possessor is not None:
            # "his father" ... "His father": the same possessor and the same head
            entity = self.possessed.get((id(d.possessor), d.noun.phrase))
            weight = W_JOINED
        if (
            entity is None
            and d.definite
            and not d.generic
            and d.affiliate is None
            and d.possessor is None
            and not d.possessive
            and not d.several
        ):
            entity = self._anaphora(d)
            weight = W_JOINED
        if entity is None:
            if d.kind == "COUNTRY" and not d.plural:
                return  # "the country" with no country before it names no actor
            entity = Entity(kind=d.kind, mentions=[], plural=d.plural)
            entity.label = self._label(d)
            self.entities.append(entity)
            weight = W_TEXT
        if d.possessor is not None:
            self.possessed.setdefault((id(d.possessor), d.noun.phrase), entity)
        m = EntityMention(d.start, d.end, "description", i)
        entity.mentions.append(m)
        entity.heads.add(d.noun.phrase)
        entity.modifiers.update(d.modifiers)
        self.resolved[i] = entity
        self._apply(entity, d, weight)
        self._seen(entity, m)

    def _label(self, d: Description) -> str:
        start = d.start
        while start < d.head and (
            self.lower[start] in _DEFINITE
            or self.lower[start] in _INDEFINITE
            or self.dep[start] in ("det", "poss", "case", "predet")
            or self.pos[start] in ("PRON", "NUM")
            or (self.owner(start) is not None and self.dep[start] == "poss")
        ):
            start += 1
        while start < d.head and self.lower[start] in ("'s", "’s"):
            start += 1
        return self.tokens.span_text(start, d.end)

    def _apply(self, entity: Entity, d: Description, weight: float) -> None:
        """Add what a description says to the actor it names."""
        if d.predicative:
            # "as" complements say what someone is claimed or recognised to be: a role and a
            # country, not a sector
            entity.add_country(d.country, W_KNOWN)
            if entity.kind == "PERSON" and d.role:
                entity.add_role(d.role)
            return
        if not d.former:
            entity.add_sector(d.sector, weight + (0.5 if d.strong_sector else 0.0))
        entity.add_country(d.country, weight)
        if d.affiliate is not None and entity.kind in ("PERSON", "GROUP"):
            entity.set_member(d.affiliate, weight)
        if d.possessor is not None and d.possessor.country and entity.kind != "COUNTRY":
            entity.add_country(d.possessor.country, W_MEMBER)
        if entity.kind == "PERSON" and d.role:
            entity.add_role(d.role)
        if d.gender and entity.kind == "PERSON" and entity.gender is None:
            entity.gender = d.gender

    def _apposition(self, d: Description) -> Entity | None:
        """The named actor a description stands next to: "X, the Y" or "a Y, X,"; or the
        subject of "is" when the description is its complement."""
        kinds = _KIND_MATCH[d.kind]
        # "John Bolton, the US national security adviser"
        k = d.start - 1
        if k >= 1 and self.text[k] in _APPOSITION_MARKS:
            last = k - 1
            if self.text[last] == ")":
                # "the ACR (Alliance for Congolese Renewal), an armed group"
                while last > 0 and self.text[last] != "(":
                    last -= 1
                last -= 1
            owner = self.name_owner[last] if last >= 0 else None
            if owner is not None and owner.kind in kinds and self._appositive_left(last, d):
                return owner
        # "an acting Venezuelan air force general, Francisco Yanez, denounced"
        k = d.end
        if k + 1 < len(self.text) and self.text[k] in _APPOSITION_MARKS:
            owner = self.name_owner[k + 1]
            if owner is not None and owner.kind in kinds and owner.kind != "COUNTRY":
                end = k + 1
                while end < len(self.text) and self.name_owner[end] is owner:
                    end += 1
                root = self._root(k + 1, end)
                parsed = (self.dep[root] == "appos" and self.head[root] == d.head) or (
                    self.dep[d.head] == "appos" and self.head[d.head] == root
                )
                after = self.text[end] if end < len(self.text) else "."
                # without the parse's word, only the closed pattern "a Y, X, ..." counts:
                # "to speak with his mother, Montalvo was" is no apposition
                if parsed or after in (",", "—", "–", ")"):
                    return owner
        # "recognised X as Venezuela's leader", "X's claim as the nation's leader"
        if self.dep[d.head] == "pobj" and self.lower[self.head[d.head]] == "as":
            target = self.head[self.head[d.head]]
            candidates = [target, *self.children[target]]
            for c in candidates:
                if c != target and self.dep[c] not in ("dobj", "poss", "nsubjpass"):
                    continue
                owner = self.owner(c)
                if owner is not None and owner.kind in kinds and c < d.start:
                    d.predicative = True
                    return owner
        # "X is the leader of Y"
        if self.dep[d.head] == "attr" and self.lemma[self.head[d.head]] == "be":
            verb = self.head[d.head]
            if not any(self.dep[c] == "neg" for c in self.children[verb]):
                for c in self.children[verb]:
                    if self.dep[c] == "nsubj" and c < d.start:
                        owner = self.owner(c)
                        if owner is not None and owner.kind in kinds:
                            return owner
        return None

    def _appositive_left(self, last: int, d: Description) -> bool:
        """Whether the name ending at ``last`` is in apposition with ``d`` after a comma."""
        if self.dep[d.head] == "appos" and self.name_owner[self.head[d.head]] is not None:
            return True
        # the surface pattern, unless the name is the object of a preposition opening the
        # sentence ("In Venezuela, the opposition ...") or one item of a list
        name_start = last
        owner = self.name_owner[last]
        while name_start > 0 and self.name_owner[name_start - 1] is owner:
            name_start -= 1
        root = self._root(name_start, last + 1)
        if self.dep[root] == "pobj" and self.sent_start[self.sent[root]] < root <= (
            self.sent_start[self.sent[root]] + 3
        ):
            return False
        if self.dep[root] == "conj" or any(self.dep[c] == "conj" for c in self.children[root]):
            return False
        # without the parse's word, only a closed apposition counts: "X, the Y, said" or
        # "X, the Y otherwise known as Z"; "... in Gusau, residents said" is none
        after = self.lower[d.end] if d.end < len(self.lower) else "."
        return after in (",", "—", "–", ")", ";") or after in _ALIAS_STARTS

    def _agrees(self, entity: Entity, d: Description, strict_org: bool) -> bool:
        """Whether ``d`` may describe ``entity``: kind, country, sector and role agree."""
        if entity.kind not in _KIND_MATCH[d.kind]:
            return False
        if entity.government_of and d.noun.phrase not in entity.heads:
            return False  # "Caracas" is the government, not "the group" or "the agency"
        if d.kind == "GROUP" and entity.kind == "PERSON":
            return False
        if d.kind == "PERSON" and entity.plural:
            return False
        if d.country and entity.country and d.country != entity.country:
            return False
        if d.affiliate is not None and entity.member_of not in (None, d.affiliate):
            return False
        if d.gender and entity.gender and d.gender != entity.gender:
            return False
        ds, es = _family(d.sector), _family(entity.sector)
        if ds and es and ds != es:
            return False
        if ds and not es and strict_org and entity.kind in ("ORG", "GROUP"):
            return False
        if d.kind == "PERSON" and d.noun.sector:
            # a specific role ("the minister") names no one known by another specific role
            specific = {
                r.split()[-1].lower() for r in entity.roles if self._role_sector(r) is not None
            }
            if specific and d.noun.phrase.split()[-1] not in specific:
                return False
        # "the South Korean military" is not the "military" named before
        return not (d.noun.phrase in entity.heads and not d.modifiers <= entity.modifiers)

    def _role_sector(self, role: str) -> str | None:
        noun = self.lexicon.noun(role.lower().split())
        return noun.sector if noun else None

    def _head_match(self, d: Description) -> Entity | None:
        """An earlier actor with this description's head ("the protesters" after "anti-
        government protesters"), or whose name ends with it ("the alliance")."""
        head_word = d.noun.phrase.split()[-1]
        best: Entity | None = None
        best_at = -1
        for sent, entity, m in reversed(self.recent):
            if m.start >= d.start or sent < self.sent[d.head] - 40:
                continue
            if entity.kind not in _KIND_MATCH[d.kind] and not (
                d.kind == "GROUP" and entity.kind == "ORG"
            ):
                continue
            same_head = d.noun.phrase in entity.heads
            name_head = entity.kind != "PERSON" and bool(
                _name_heads(entity.name_words) & {head_word, self.lemma[d.head]}
            )
            if not (same_head or name_head):
                continue
            if d.generic and not same_head:
                continue
            if not self._agrees(entity, d, strict_org=False):
                continue
            if m.start > best_at:
                best, best_at = entity, m.start
            break
        return best

    def _anaphora(self, d: Description) -> Entity | None:
        """The nearest earlier actor a definite description agrees with.

        A description naming a kind of institution ("the government", "the court") names
        only an actor already called so, or one whose name ends so (the head match); it does
        not point at any organisation of the same sector.
        """
        if d.kind == "ORG" and d.noun.sector is not None:
            return None
        here = self.sent[d.head]
        role_match: Entity | None = None
        nearest: Entity | None = None
        for sent, entity, m in reversed(self.recent):
            if m.start >= d.start:
                continue
            if m.how == "pronoun" and entity.kind == "PERSON" and d.kind != "PERSON":
                continue
            if entity.name is None and entity.government_of is None:
                continue  # an actor known only by a description is named again by its head
            if not self._agrees(entity, d, strict_org=True):
                continue
            matched = d.noun.phrase in entity.heads or any(
                r.lower().split()[-1] == d.noun.phrase.split()[-1] for r in entity.roles
            )
            if matched and role_match is None:
                role_match = entity
            window = _PERSON_ANAPHORA_SENTENCES if d.kind == "PERSON" else _ANAPHORA_SENTENCES
            if nearest is None and here - sent <= window:
                nearest = entity
            if role_match is not None and nearest is not None:
                break
        return role_match or nearest

    # ------------------------------------------------------------------ pronouns
    def _pronoun(self, i: int) -> None:
        if self.in_quote[i]:
            return
        pronoun = self.lexicon.pronouns[self.lower[i]]
        if self.lower[i] == "it" and not (
            self.dep[i] == "nsubj"
            and (
                self.lemma[self.head[i]] in self.lexicon.speech_verbs
                or self.lemma[self.head[i]] in self.lexicon.agent_object_verbs
            )
        ):
            return
        kinds = (
            ("PERSON",)
            if pronoun.kind == "PERSON"
            else ("GROUP", "ORG")
            if pronoun.number == "pl"
            else ("ORG", "COUNTRY")
        )
        entity = self._speaker_for(i, kinds, pronoun.gender)
        if entity is None:
            entity = self._salient(i, kinds, pronoun.gender, pronoun.number)
        if entity is None:
            return
        m = EntityMention(i, i + 1, "pronoun", i)
        entity.mentions.append(m)
        self.resolved[i] = entity
        if entity.kind == "PERSON" and entity.gender is None and pronoun.gender:
            entity.gender = pronoun.gender
        self._seen(entity, m)

    def _clause(self, i: int) -> int | None:
        """The verb of the clause a token is in."""
        for _ in range(8):
            h = self.head[i]
            if h == i:
                return i if self.pos[i] in ("VERB", "AUX") else None
            if self.pos[h] in ("VERB", "AUX"):
                return h
            i = h
        return None

    def _speaker_for(self, i: int, kinds: tuple[str, ...], gender: str | None) -> Entity | None:
        """The current speaker, for a pronoun that is the subject of a speech verb in a
        paragraph with quotation marks."""
        if self.speaker is None or self.dep[i] != "nsubj":
            return None
        if self.lemma[self.head[i]] not in self.lexicon.speech_verbs:
            return None
        entity, paragraph = self.speaker
        here = self.paragraph[i]
        if here not in self.quoted_paragraphs or here - paragraph > 1:
            return None
        if entity.kind not in kinds or (gender and entity.gender and entity.gender != gender):
            return None
        return entity

    def _salient(
        self, i: int, kinds: tuple[str, ...], gender: str | None, number: str
    ) -> Entity | None:
        """The most salient compatible actor of the last sentences."""
        here = self.sent[i]
        verb = self.head[i] if self.dep[i] in _SUBJECT_DEPS | _OBJECT_DEPS else None
        reflexive = self.lower[i].endswith(("self", "selves"))
        possessive = self.tag[i] == "PRP$"
        clause = self._clause(i)
        scores: dict[int, float] = {}
        best_in_sentence: dict[tuple[int, int], float] = {}
        last_seen: dict[int, int] = {}
        by_id: dict[int, Entity] = {}
        for sent, entity, m in reversed(self.recent):
            distance = here - sent
            if distance > _PRONOUN_SENTENCES:
                break
            if m.start >= i or entity.kind not in kinds:
                continue
            if gender and entity.gender and entity.gender != gender:
                continue
            if number == "pl" and entity.kind == "PERSON":
                continue
            if entity.kind == "GROUP" and number == "sg":
                continue
            root = m.root
            if (
                not reflexive
                and not possessive
                and verb is not None
                and self.head[root] == verb
                and self.dep[root] in _SUBJECT_DEPS
            ):
                continue  # "Maduro hit him": him is not Maduro
            weight = 100.0
            if (possessive or reflexive) and clause is not None and self.head[root] == clause:
                weight += 200.0  # "X was walking into his own Vietnam": his is X
            if self.dep[root] in _SUBJECT_DEPS:
                weight += 80.0
            elif self.dep[root] in _OBJECT_DEPS:
                weight += 50.0
            elif self.dep[root] == "poss":
                weight += 30.0
            if m.how in ("name", "alias", "surname", "acronym"):
                weight += 20.0
            key = id(entity)
            by_id[key] = entity
            slot = (key, sent)
            if weight > best_in_sentence.get(slot, 0.0):
                best_in_sentence[slot] = weight
            last_seen[key] = max(last_seen.get(key, -1), m.start)
        for (key, sent), weight in best_in_sentence.items():
            # one score per actor and sentence (its best mention), halved per sentence back
            scores[key] = scores.get(key, 0.0) + weight * (0.5 ** (here - sent))
        if not scores:
            return None
        best = max(scores, key=lambda k: (scores[k], last_seen[k]))
        return by_id[best]

    # ------------------------------------------------------------------ after the sweep
    def _first_person(self) -> None:
        """ "I", "me", "my" inside quotation marks are the person quoted: the subject of the
        speech verb of the same sentence, else the nearest speaker of the paragraph."""
        singular = self.lexicon.first_person_singular
        for i, low in enumerate(self.lower):
            if low not in singular or not self.in_quote[i] or self.tag[i] not in ("PRP", "PRP$"):
                continue
            here, paragraph = self.sent[i], self.paragraph[i]
            same = [(k, e) for k, e in self.speakers if self.sent[k] == here]
            near = same or [(k, e) for k, e in self.speakers if self.paragraph[k] == paragraph]
            people = [(abs(k - i), e) for k, e in near if e.kind == "PERSON"]
            if not people:
                continue
            entity = min(people, key=lambda p: p[0])[1]
            entity.mentions.append(EntityMention(i, i + 1, "pronoun", i))
            self.resolved[i] = entity

    def _lead(self) -> None:
        """A lead that introduces a group before naming it ("A hard-left guerrilla group ...
        has vowed ...", then "leaders of Colombia's National Liberation Army said"): an
        indefinite description of an organisation with a sector, in the first sentence, is
        the one named organisation of that sector the next two sentences bring in."""
        if not self.sent_start:
            return
        for entity in list(self.entities):
            if entity.name is not None or len(entity.mentions) != 1:
                continue
            m = entity.mentions[0]
            if self.sent[m.start] != 0 or entity.kind != "ORG" or entity.sector is None:
                continue
            if self.lower[m.start] not in ("a", "an"):
                continue
            named = [
                e
                for e in self.entities
                if e.name is not None
                and e.kind == "ORG"
                and e.government_of is None
                and 0 < self.sent[e.first] <= 2
                and _family(e.sector) == _family(entity.sector)
            ]
            if len(named) == 1 and not any(
                self.sent[mm.start] == 0 for mm in named[0].mentions if mm is not m
            ):
                target = named[0]
                self.entities.remove(entity)
                target.mentions.append(m)
                self.resolved[m.root] = target

    def _clauses(self) -> None:
        """Relative clauses of named people: "Contreras, who heads the FDR"."""
        for entity in self.entities:
            if entity.kind != "PERSON":
                continue
            for m in list(entity.mentions):
                if m.how in ("pronoun", "description"):
                    continue
                root = m.root
                for c in self.children[root]:
                    if self.dep[c] == "relcl" and self.lemma[c] in self.lexicon.leader_verbs:
                        for o in self.children[c]:
                            org = self.owner(o) if self.dep[o] == "dobj" else None
                            if org is not None and org.kind in ("ORG", "GROUP"):
                                entity.set_member(org, W_TEXT)
                                entity.add_role(self.lexicon.leader_verbs[self.lemma[c]])

    def _knowledge(self, named: bool) -> None:
        """What the actor knowledge says about named actors (``named``) or about actors named
        only by a description ("the UN refugee agency")."""
        if self.knowledge is None:
            return
        for entity in self.entities:
            if entity.kind == "COUNTRY" or entity.government_of:
                continue
            if named:
                if entity.name is None:
                    continue
                names = [entity.name, *entity.aliases]
            else:
                if entity.name is not None or entity.label is None:
                    continue
                names = [entity.label]
            found = self.knowledge.lookup(names, self.published, kind=entity.kind)
            if found is None:
                continue
            weight = W_USER if found.actor.origin == "user" else W_KNOWN
            entity.add_country(found.country, weight)
            entity.add_sector(found.sector, weight)
            for role in found.roles:
                entity.add_role(role)
            if found.actor.origin in ("user", "builtin"):
                entity.fixed_name = found.actor.name
            if found.member_of:
                org = self._by_name(found.member_of)
                entity.set_member(org, weight)

    def _by_name(self, name: str) -> Entity | None:
        key = normalize_name(name)
        for entity in self.entities:
            names = [entity.name or "", *entity.aliases]
            if any(normalize_name(n) == key for n in names if n):
                return entity
        return None

    def _inherit(self) -> None:
        """Members take their organisation's country, and its sector if they have none."""
        for entity in self.entities:
            org = entity.member_of
            seen = 0
            while org is not None and seen < 4:
                if org.country:
                    entity.add_country(org.country, W_MEMBER)
                if org.sector and not entity.sector:
                    entity.add_sector(org.sector, W_MEMBER)
                org = org.member_of if org.member_of is not entity else None
                seen += 1

    def _context(self) -> None:
        """Actors of a domestic sector with no country take their sentences' country."""
        sentence_countries: dict[int, Counter[str]] = {}
        total: Counter[str] = Counter()
        for entity in self.entities:
            code = entity.country
            if code is None or _family(entity.sector) in _STATELESS:
                continue
            for m in entity.mentions:
                sentence_countries.setdefault(self.sent[m.start], Counter())[code] += 1
                if entity.kind == "COUNTRY" or entity.government_of:
                    total[code] += 1
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "LOC") and self.name_owner[ent.start] is None:
                capital = self.countries.capital_of(ent.text)
                if capital is not None:
                    total[capital.alpha3] += 1
                    sentence_countries.setdefault(self.sent[ent.start], Counter())[
                        capital.alpha3
                    ] += 1
        ranked = total.most_common(2)
        main = (
            ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        )
        for entity in self.entities:
            if entity.country or entity.kind == "COUNTRY":
                continue
            sector = entity.sector
            if sector is None or sector not in self.lexicon.context_sectors:
                continue  # a news agency or a company is not of the country it reports on
            votes: Counter[str] = Counter()
            for m in entity.mentions:
                votes.update(sentence_countries.get(self.sent[m.start], Counter()))
            top = votes.most_common(2)
            if len(votes) == 1:
                entity.add_country(top[0][0], W_CONTEXT)  # its sentences name one country
            elif main is not None:
                entity.add_country(main, W_CONTEXT)
            elif top and (len(top) == 1 or top[0][1] > top[1][1]):
                entity.add_country(top[0][0], W_CONTEXT)

    # ------------------------------------------------------------------ records
    def _records(self) -> list[Actor]:
        entities = [e for e in self.entities if e.mentions]
        entities.sort(key=lambda e: e.first)
        ids = {id(e): f"A{k}" for k, e in enumerate(entities, start=1)}
        actors: list[Actor] = []
        for entity in entities:
            mentions = sorted(entity.mentions, key=lambda m: (m.start, m.end))
            name = (
                entity.fixed_name
                or entity.name
                or entity.label
                or self.tokens.span_text(mentions[0].start, mentions[0].end)
            )
            aliases = list(entity.aliases)
            if (
                entity.fixed_name
                and entity.name
                and entity.fixed_name != entity.name
                and normalize_name(entity.name) not in {normalize_name(a) for a in aliases}
            ):
                aliases.insert(0, entity.name)
            aliases = [a for a in aliases if normalize_name(a) != normalize_name(name)]
            member = entity.member_of
            actors.append(
                Actor(
                    id=ids[id(entity)],
                    name=name,
                    kind=entity.kind,
                    country=entity.country,
                    sector=entity.sector if entity.kind != "COUNTRY" else None,
                    roles=list(entity.roles),
                    member_of=ids.get(id(member)) if member is not None else None,
                    aliases=aliases,
                    mentions=[
                        Mention(
                            self.tokens.idx[m.start],
                            self.tokens.idx[m.end - 1] + len(self.text[m.end - 1]),
                            self.tokens.span_text(m.start, m.end),
                            m.how,
                        )
                        for m in mentions
                    ],
                )
            )
        return actors


def published_date(value: Any) -> date | None:
    """The article date from ``doc._.published`` (ISO date or date-time), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
