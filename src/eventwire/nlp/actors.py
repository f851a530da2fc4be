"""In-article actor grouping: which names in one article are the same real-world actor.

The ``eventwire_actors`` spaCy component reads the named entities and the parse and sets
``doc._.actors`` to a list of :class:`~eventwire.records.Actor` records, each with every mention
of it. It joins:

- one name with or without accents or in another case (Nicolás Maduro = Nicolas Maduro);
- surnames and partial names to the full name (Beltrán -> Pablo Beltrán);
- acronyms to their expansion in either order ("National Liberation Army (ELN)",
  "the Farc (Revolutionary Armed Forces of Colombia)"), and acronyms to names with those initials;
- names joined by an alias cue ("X, the commander otherwise known as Y");
- country names, codes and demonyms to one COUNTRY actor with its ISO alpha-3 code.

It also mends what the small English model gets wrong where a rule can tell: a single name that
the model calls an organisation in one sentence but is a person's surname elsewhere in the
article becomes a mention of that person, and later mentions of a known name or acronym that the
model missed are found by matching the article's own names.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.knowledge.actors import ActorKnowledge, KnownActor, actor_knowledge
from eventwire.knowledge.countries import CountryIndex, country_index, normalize_name
from eventwire.knowledge.roles import RoleLexicon, role_lexicon
from eventwire.nlp.actor_resolution import (
    ArticleResolver,
    Entity,
    EntityMention,
    Tokens,
    published_date,
)
from eventwire.records import Actor

logger = logging.getLogger(__name__)

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)

_DETERMINERS = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@cache
def _patterns() -> dict[str, Any]:
    text = resources.files("eventwire.knowledge").joinpath("data/actors.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(slots=True)
class _Candidate:
    """A mention before grouping: token range, what kind of actor it names, how it was found."""

    start: int
    end: int
    label: str  # PERSON, ORG, GROUP or COUNTRY
    how: str
    key: str
    country: str | None = None
    tokens: tuple[str, ...] = field(default_factory=tuple)


@dataclass(slots=True, frozen=True)
class _Sent:
    """A sentence as a token range."""

    start: int
    end: int


def _sentences_with(table: Tokens, needle: str) -> list[_Sent]:
    """The sentences holding a token written ``needle``."""
    found: list[_Sent] = []
    for start, end in table.sentences:
        if needle in table.text[start:end]:
            found.append(_Sent(start, end))
    return found


def _sentence_of(table: Tokens, i: int) -> _Sent:
    for start, end in table.sentences:
        if start <= i < end:
            return _Sent(start, end)
    return _Sent(i, i + 1)


class _Groups:
    """Union-find over candidate indices."""

    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the earlier candidate as the root, so group order follows the text
            self.parent[max(ra, rb)] = min(ra, rb)


def _is_name_token(token: Any) -> bool:
    text: str = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


def _looks_like_acronym(text: str, max_length: int) -> bool:
    letters = text.replace("&", "").replace("-", "")
    if not (2 <= len(letters) <= max_length) or not letters.isalpha():
        return False
    return text.isupper() or (text[:1].isupper() and len(text) <= 6)


def _initials(tokens: tuple[str, ...], connectors: frozenset[str]) -> str:
    return "".join(t[0] for t in tokens if t and t not in connectors).upper()


class ActorRecognizer:
    """Group the names of one article into actors (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "eventwire_actors",
        actors: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.name = name
        patterns = _patterns()
        self.countries: CountryIndex = country_index()
        self.lexicon: RoleLexicon = role_lexicon()
        #: actor dictionaries and user actor files (paths), besides the built-in organisations
        self.actor_files = tuple(str(p) for p in actors)
        self.knowledge: ActorKnowledge = actor_knowledge(self.actor_files)
        self.connectors = frozenset(patterns["name_connectors"])
        self.labels: dict[str, str] = dict(patterns["entity_labels"])
        self.generic = frozenset(patterns["generic_org_words"])
        self.max_acronym = int(patterns["max_acronym_length"])
        self.max_apposition = int(patterns["max_apposition_tokens"])
        cues = sorted(patterns["alias_cues"], key=len, reverse=True)
        self.alias_cue = re.compile(
            r"(?<![\w.])(" + "|".join(re.escape(c) for c in cues) + r")(?![\w])", re.IGNORECASE
        )

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.actors = self.actors(doc)
        except Exception:  # a rule tripped by an odd text must not stop the batch
            logger.exception("actors stage failed on a text of %d tokens; no actors", len(doc))
            doc._.actors = []
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the actors loaded from dictionaries and user files with the pipeline."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        entries = [a.to_dict() for a in self.knowledge.actors if a.origin != "builtin"]
        (path / "knowledge.json").write_text(
            json.dumps({"actors": entries}, ensure_ascii=False), encoding="utf-8"
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorRecognizer:
        """Load the actors saved by :meth:`to_disk`."""
        file = Path(path) / "knowledge.json"
        if file.exists():
            data = json.loads(file.read_text(encoding="utf-8"))
            knowledge = ActorKnowledge()
            knowledge.add(KnownActor.from_dict(entry) for entry in data.get("actors", []))
            self.knowledge = knowledge
        return self

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

    def _candidate(self, doc: Doc, start: int, end: int, label: str) -> _Candidate | None:
        """Classify a token range as a candidate actor mention, or None if it names none."""
        for k in range(start, end):
            if doc[k].text in ("(", ")"):
                end = k  # "ACR (Alliance for ...": the parentheses are joined elsewhere
                break
        start, end = self._trim(doc, start, end)
        if start >= end:
            return None
        span = doc[start:end]
        text = span.text
        key = normalize_name(text)
        if not key or not any(ch.isalpha() for ch in key):
            return None
        tokens = tuple(key.split())
        match = self.countries.lookup(text)
        if match and (match.how == "name" or label in ("NORP", "PLACE")):
            return _Candidate(
                start, end, "COUNTRY", match.how, match.country.alpha3, match.country.alpha3, tokens
            )
        if label in ("PERSON", "ORG"):
            if len(tokens) == 1 and self.countries.capital_of(text):
                return None  # a capital city the model took for a name: a place, not an actor
            if self._only_role_words(doc, start, end, label):
                return None  # "The Home Secretary", "the Church": a description, not a name
            if label == "PERSON":
                # a title the model put inside the name: "US President Barack Obama" (a run of
                # title words ending with a role noun, so "Israel Ramírez" keeps its Israel)
                k = start
                while k < end - 1 and self._is_title_word(doc[k]):
                    k += 1
                while k > start and not self._is_role_noun(doc[k - 1]):
                    k -= 1
                start = k
                span = doc[start:end]
                key = normalize_name(span.text)
                tokens = tuple(key.split())
            return _Candidate(start, end, label, "name", key, None, tokens)
        if label == "NORP" and span[-1].tag_ in ("NNPS", "NNS"):
            # a plural people or party that is not a country: "Kurds", "Democrats"
            return _Candidate(start, end, "GROUP", "name", key, None, tokens)
        return None

    def _is_title_word(self, token: Any) -> bool:
        """A role word, sector word or country that may stand before a person's name."""
        low = token.lower_
        lexicon = self.lexicon
        if low in lexicon.modifiers or low in lexicon.qualifiers:
            return True
        if self._is_role_noun(token):
            return True
        return self.countries.lookup(token.text) is not None and token.text[:1].isupper()

    def _is_role_noun(self, token: Any) -> bool:
        """A noun that stands as a title before a name ("President", not "Patient")."""
        return self.lexicon.is_title(token.lower_) or self.lexicon.is_title(token.lemma_.lower())

    def _only_role_words(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether a name the model found is only role words: a person's title ("The Home
        Secretary", "State Department Spokesperson") or one word for an organisation ("the
        Church", "the Alliance")."""
        lexicon = self.lexicon
        last = doc[end - 1]
        noun = lexicon.noun([last.lower_]) or lexicon.noun([last.lemma_.lower()])
        if noun is None:
            return False
        if end - start == 1:
            return noun.kind in ("ORG", "PERSON") and last.lower_ not in lexicon.generic_people
        if noun.kind != "PERSON":
            return False
        return all(
            self._is_title_word(doc[k]) or doc[k].lower_ in lexicon.nouns
            for k in range(start, end - 1)
        )

    def _name_run_before(self, doc: Doc, i: int, floor: int) -> tuple[int, int] | None:
        """The capitalised name ending just before token ``i`` ("National Liberation Army")."""
        j = i
        while j > floor and (
            _is_name_token(doc[j - 1])
            or (doc[j - 1].lower_ in self.connectors and j - 1 > floor and j < i)
        ):
            j -= 1
        while j < i and not _is_name_token(doc[j]):
            j += 1
        return (j, i) if j < i else None

    def _name_run_after(self, doc: Doc, i: int, ceiling: int) -> tuple[int, int] | None:
        """The capitalised name starting at token ``i`` (a leading "the" skipped)."""
        if i < ceiling and doc[i].lower_ in _DETERMINERS:
            i += 1
        j = i
        while j < ceiling and (
            _is_name_token(doc[j]) or (doc[j].lower_ in self.connectors and j > i)
        ):
            j += 1
        while j > i and not _is_name_token(doc[j - 1]):
            j -= 1
        return (i, j) if j > i else None

    # ------------------------------------------------------------------ grouping
    def actors(self, doc: Doc) -> list[Actor]:
        """Return the actors of ``doc``, each with its mentions, in order of first mention."""
        cands: list[_Candidate] = []
        groups = _Groups()
        by_range: dict[tuple[int, int], int] = {}

        def add(cand: _Candidate) -> int:
            existing = by_range.get((cand.start, cand.end))
            if existing is not None:
                return existing
            cands.append(cand)
            by_range[(cand.start, cand.end)] = groups.add()
            return len(cands) - 1

        for ent in doc.ents:
            label = self.labels.get(ent.label_)
            if label is None:
                continue
            cand = self._candidate(doc, ent.start, ent.end, label)
            if cand is not None:
                add(cand)

        tokens = Tokens(doc)
        self._join_parentheses(doc, tokens, cands, add, groups)
        self._join_alias_cues(doc, tokens, cands, add, groups)
        self._join_same_names(cands, groups)
        self._join_partial_names(cands, groups)
        self._join_org_suffixes(cands, groups)
        self._join_initials(cands, groups)
        self._find_missed_mentions(doc, tokens, cands, add, groups)
        entities = self._build(doc, tokens, cands, groups)
        published = doc._.published if Doc.has_extension("published") else None
        resolver = ArticleResolver(
            doc,
            tokens,
            entities,
            self.lexicon,
            self.countries,
            self.knowledge,
            published_date(published),
        )
        return resolver.run()

    def _join_parentheses(
        self, doc: Doc, table: Tokens, cands: list[_Candidate], add: Any, groups: _Groups
    ) -> None:
        """Acronym and expansion in either order: "Name (ACR)" and "ACR (Name)"."""
        for sent in _sentences_with(table, "("):
            for i in range(sent.start + 1, sent.end):
                if table.text[i] != "(":
                    continue
                close = next(
                    (j for j in range(i + 1, min(i + 12, sent.end)) if table.text[j] == ")"), None
                )
                if close is None or close == i + 1:
                    continue
                before = self._range_ending_at(doc, cands, i, sent.start)
                inner = self._trim(doc, i + 1, close)
                if before is None or inner[0] >= inner[1]:
                    continue
                inner_text = doc[inner[0] : inner[1]].text
                before_text = doc[before[0] : before[1]].text
                before_len, inner_len = before[1] - before[0], inner[1] - inner[0]
                if inner_len == 1 and before_len >= 2:
                    acronym, name = inner, before
                elif before_len == 1 and inner_len >= 2:
                    acronym, name = before, inner
                else:
                    continue
                acronym_text = inner_text if acronym is inner else before_text
                if not _looks_like_acronym(acronym_text, self.max_acronym):
                    continue
                if not all(
                    _is_name_token(doc[k]) or doc[k].lower_ in self.connectors for k in range(*name)
                ):
                    continue
                name_idx = _by_range(cands, name)
                if name_idx is None:
                    key = normalize_name(doc[name[0] : name[1]].text)
                    name_idx = add(
                        _Candidate(name[0], name[1], "ORG", "name", key, None, tuple(key.split()))
                    )
                label = cands[name_idx].label
                if label == "COUNTRY":
                    continue
                acr_idx = _by_range(cands, acronym)
                if acr_idx is None:
                    acr_idx = add(
                        _Candidate(
                            acronym[0],
                            acronym[1],
                            label,
                            "acronym",
                            normalize_name(acronym_text),
                            tokens=(normalize_name(acronym_text),),
                        )
                    )
                cands[acr_idx].how = "acronym"
                cands[acr_idx].label = label
                groups.union(name_idx, acr_idx)

    def _range_ending_at(
        self, doc: Doc, cands: list[_Candidate], i: int, floor: int
    ) -> tuple[int, int] | None:
        for cand in cands:
            if cand.end == i or (cand.end == i - 1 and doc[i - 1].text in _POSSESSIVE):
                return (cand.start, cand.end)
        return self._name_run_before(doc, i, floor)

    def _join_alias_cues(
        self, doc: Doc, table: Tokens, cands: list[_Candidate], add: Any, groups: _Groups
    ) -> None:
        """ "X, the commander otherwise known as Y": X and Y are one actor."""
        matches = list(self.alias_cue.finditer(doc.text))
        if not matches:
            return
        for match in matches:
            cue = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if cue is None:
                continue
            sent = _sentence_of(table, cue.start)
            if cue.end > sent.end:
                continue
            after = self._name_run_after(doc, cue.end, sent.end)
            if after is None:
                continue
            y_idx = _by_range(cands, after, contains=True)
            if y_idx is None:
                key = normalize_name(doc[after[0] : after[1]].text)
                y_idx = add(
                    _Candidate(
                        after[0],
                        after[1],
                        "PERSON" if after[1] - after[0] >= 2 else "ORG",
                        "alias",
                        key,
                        tokens=tuple(key.split()),
                    )
                )
            y = cands[y_idx]
            x_idx = None
            for idx, cand in enumerate(cands):
                if (
                    cand.label == y.label
                    and idx != y_idx
                    and sent.start <= cand.start
                    and cand.end <= cue.start
                    and cue.start - cand.end <= self.max_apposition
                    and (cand.end == cue.start or doc[cand.end].text in (",", "(", "—", "–"))
                    and (x_idx is None or cand.end > cands[x_idx].end)
                ):
                    x_idx = idx
            if x_idx is not None:
                if y.how == "name":
                    y.how = "alias"
                groups.union(x_idx, y_idx)

    def _join_same_names(self, cands: list[_Candidate], groups: _Groups) -> None:
        first: dict[tuple[str, str], int] = {}
        for idx, cand in enumerate(cands):
            family = "COUNTRY" if cand.label == "COUNTRY" else "NAME"
            kind_key = (family, cand.key)
            if kind_key in first:
                groups.union(first[kind_key], idx)
            else:
                first[kind_key] = idx

    def _join_partial_names(self, cands: list[_Candidate], groups: _Groups) -> None:
        """Surnames and trailing parts of a full name join the nearest person of that name.

        A one-word "organisation" that is a person's surname is that person (the small model
        tags "Maduro" as ORG in some sentences).
        """
        people = [i for i, c in enumerate(cands) if c.label == "PERSON" and len(c.tokens) >= 2]
        # a longer "organisation" that starts with a person's full name is that person with a
        # second surname the model took for a company: "José Peñaloza Quispe"
        for idx, cand in enumerate(cands):
            if cand.label != "ORG" or len(cand.tokens) < 3:
                continue
            for p in people:
                if cands[p].tokens == cand.tokens[: len(cands[p].tokens)]:
                    cand.label = "PERSON"
                    groups.union(p, idx)
                    break
        people = [i for i, c in enumerate(cands) if c.label == "PERSON" and len(c.tokens) >= 2]
        for idx, cand in enumerate(cands):
            if cand.label not in ("PERSON", "ORG") or cand.how == "acronym":
                continue
            matches = [
                p
                for p in people
                if p != idx
                and len(cand.tokens) < len(cands[p].tokens)
                and (
                    cands[p].tokens[-len(cand.tokens) :] == cand.tokens
                    # the paternal surname of a Spanish or Portuguese name: Ospina = Hernán
                    # Ospina Quiñónez
                    or (len(cand.tokens) == 1 and cand.tokens[0] in cands[p].tokens[1:])
                )
            ]
            if not matches and len(cand.tokens) == 1 and cand.label == "PERSON":
                matches = [p for p in people if cands[p].tokens[0] == cand.tokens[0]]
            if not matches:
                continue
            roots = {groups.find(p) for p in matches}
            if len(roots) > 1:
                # two people share the name: the nearest one mentioned before, else after
                before = [p for p in matches if cands[p].start < cand.start]
                chosen = (
                    max(before, key=lambda p: cands[p].start)
                    if before
                    else min(matches, key=lambda p: cands[p].start)
                )
            else:
                chosen = matches[0]
            if cand.label == "ORG":
                cand.label = "PERSON"
            if len(cand.tokens) == 1:
                cand.how = "surname"
            groups.union(chosen, idx)

    def _join_org_suffixes(self, cands: list[_Candidate], groups: _Groups) -> None:
        """A short form of an organisation's name that drops a generic last word is the same
        organisation ("Haki Sasa" = "Haki Sasa Movement"), but "United Nations" stays apart from
        "United Nations Security Council"."""
        orgs = [i for i, c in enumerate(cands) if c.label == "ORG"]
        for idx in orgs:
            short = cands[idx].tokens
            if len(short) < 2:
                continue
            for other in orgs:
                full = cands[other].tokens
                if len(full) == len(short) + 1 and full[:-1] == short and full[-1] in self.generic:
                    groups.union(other, idx)
                    break

    def _join_initials(self, cands: list[_Candidate], groups: _Groups) -> None:
        """A bare acronym joins the organisation whose initials it spells (UN = United Nations)."""
        names = [i for i, c in enumerate(cands) if c.label == "ORG" and len(c.tokens) >= 2]
        for idx, cand in enumerate(cands):
            if cand.label != "ORG" or len(cand.tokens) != 1:
                continue
            for other in names:
                if _initials(cands[other].tokens, self.connectors) == cand.key.upper():
                    cand.how = "acronym"
                    groups.union(other, idx)
                    break

    def _find_missed_mentions(
        self, doc: Doc, table: Tokens, cands: list[_Candidate], add: Any, groups: _Groups
    ) -> None:
        """Find later uses of the article's own names and acronyms that the model missed."""
        forms: dict[tuple[str, ...], tuple[int, str] | None] = {}
        for idx, cand in enumerate(cands):
            if cand.label == "COUNTRY":
                continue
            root = groups.find(idx)
            entries = [(cand.tokens, cand.how if cand.how != "surname" else "surname")]
            if cand.label == "PERSON" and len(cand.tokens) >= 2:
                entries.append(((cand.tokens[-1],), "surname"))
            if cand.label == "PERSON" and len(cand.tokens) >= 3:
                # the paternal surname of a Spanish or Portuguese name: Huamán = Rosa Huamán
                # Tello (as _join_partial_names reads it)
                entries.append(((cand.tokens[-2],), "surname"))
            for tokens, how in entries:
                if tokens in forms and forms[tokens] is not None and forms[tokens][0] != root:  # type: ignore[index]
                    forms[tokens] = None  # ambiguous: two actors use this form
                elif tokens not in forms:
                    forms[tokens] = (root, how)
        acronyms = {table.span_text(c.start, c.end) for c in cands if c.how == "acronym"}
        n_tokens = len(table.text)
        taken = [False] * n_tokens
        for cand in cands:
            for k in range(cand.start, cand.end):
                taken[k] = True
        longest = max((len(t) for t in forms), default=0)
        first_words = {t[0] for t in forms if t}
        texts = table.text
        i = 0
        while i < n_tokens:
            text = texts[i]
            if (
                taken[i]
                or not (text[:1].isupper() and any(ch.isalpha() for ch in text))
                or table.lower[i] in _DETERMINERS
                or normalize_name(text) not in first_words
            ):
                i += 1
                continue
            found = None
            for n in range(min(longest, n_tokens - i), 0, -1):
                last = texts[i + n - 1]
                if any(taken[i : i + n]) or not last.strip() or _is_punct(last):
                    continue
                key = tuple(normalize_name(table.span_text(i, i + n)).split())
                entry = forms.get(key)
                if entry is None:
                    continue
                if n == 1 and entry[1] == "acronym" and text not in acronyms:
                    continue
                found = (n, entry)
                break
            if found is None:
                i += 1
                continue
            n, (root, how) = found
            cand = cands[root]
            key_text = normalize_name(table.span_text(i, i + n))
            new = add(
                _Candidate(i, i + n, cand.label, how, key_text, tokens=tuple(key_text.split()))
            )
            groups.union(root, new)
            for k in range(i, i + n):
                taken[k] = True
            i += n

    # ------------------------------------------------------------------ records
    def _build(
        self, doc: Doc, tokens: Tokens, cands: list[_Candidate], groups: _Groups
    ) -> list[Entity]:
        members: dict[int, list[int]] = {}
        for idx in range(len(cands)):
            members.setdefault(groups.find(idx), []).append(idx)
        ordered = sorted(members.values(), key=lambda m: min(cands[i].start for i in m))
        entities: list[Entity] = []
        for group in ordered:
            group.sort(key=lambda i: cands[i].start)
            entities.append(self._entity(tokens, [cands[i] for i in group]))
        return entities

    def _entity(self, tokens: Tokens, group: list[_Candidate]) -> Entity:
        labels = {c.label for c in group}
        country = next((c.country for c in group if c.label == "COUNTRY"), None)
        if "PERSON" in labels and any(c.label == "PERSON" and len(c.tokens) >= 2 for c in group):
            kind = "PERSON"
        elif country:
            kind = "COUNTRY"
        elif "ORG" in labels:
            kind = "ORG"
        else:
            kind = sorted(labels)[0]
        texts = {id(c): tokens.span_text(c.start, c.end) for c in group}
        if kind == "COUNTRY" and country:
            name = self.countries.by_alpha3[country].name
        else:
            name = self._canonical(group, texts, kind)
        name_key = normalize_name(name)
        aliases: list[str] = []
        seen = {name_key}
        mentions: list[EntityMention] = []
        canonical_tokens = tuple(name_key.split())
        for cand in group:
            text = texts[id(cand)]
            text_key = normalize_name(text)
            how = cand.how
            if kind == "PERSON" and cand.label == "ORG":
                how = "surname" if len(cand.tokens) == 1 else "name"
            if how in ("name", "alias") and kind != "COUNTRY":
                is_part = canonical_tokens[-len(cand.tokens) :] == cand.tokens
                how = "name" if text_key == name_key or is_part else "alias"
            mentions.append(
                EntityMention(cand.start, cand.end, how, _root(tokens, cand.start, cand.end))
            )
            if how in ("name", "alias", "acronym") and text_key not in seen:
                seen.add(text_key)
                if not (kind == "PERSON" and len(cand.tokens) < len(canonical_tokens)):
                    aliases.append(text)
        return Entity(
            kind=kind,
            mentions=mentions,
            name=name,
            aliases=aliases,
            country_code=country if kind == "COUNTRY" else None,
            name_words=canonical_tokens,
            plural=kind == "GROUP",
        )

    @staticmethod
    def _canonical(group: list[_Candidate], texts: dict[int, str], kind: str) -> str:
        full = [c for c in group if c.how != "acronym" and (len(c.tokens) >= 2 or kind != "PERSON")]
        if not full:
            full = group

        def support(c: _Candidate) -> tuple[int, int, int]:
            count = sum(
                1
                for o in group
                if o.tokens == c.tokens or (len(o.tokens) == 1 and o.tokens[0] == c.tokens[-1])
            )
            return (count, len(c.tokens), -c.start)

        if kind == "PERSON":
            best = max(full, key=support)
        else:
            best = max(full, key=lambda c: (len(c.tokens), support(c)[0], -c.start))
        return texts[id(best)]


def _by_range(cands: list[_Candidate], rng: tuple[int, int], contains: bool = False) -> int | None:
    """Index of the candidate covering ``rng`` exactly (with ``contains``: starting inside it)."""
    for idx, cand in enumerate(cands):
        if (cand.start, cand.end) == rng:
            return idx
    if contains:
        for idx, cand in enumerate(cands):
            if rng[0] <= cand.start < rng[1]:
                return idx
    return None


def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def _root(tokens: Tokens, start: int, end: int) -> int:
    """The token of ``[start, end)`` whose syntactic head lies outside it."""
    for k in range(end - 1, start - 1, -1):
        head = tokens.head[k]
        if head == k or not (start <= head < end):
            return k
    return end - 1


@Language.factory("eventwire_actors", default_config={"actors": []})
def make_actor_recognizer(nlp: Language, name: str, actors: list[str]) -> ActorRecognizer:
    """spaCy factory: ``nlp.add_pipe("eventwire_actors")`` after the NER.

    Args:
        actors: PETRARCH actor dictionaries and user actor files (YAML, JSON) to load.
    """
    return ActorRecognizer(nlp, name, actors)
