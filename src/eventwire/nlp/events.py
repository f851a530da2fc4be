"""Events: who did what to whom, coded in PLOVER, with status, place, date and intensity.

The ``eventwire_events`` spaCy component reads the parse and the records the earlier components
left on the Doc (``doc._.actors``; ``doc._.quotes``, ``doc._.places`` and ``doc._.dates`` when
those stages are installed) and sets ``doc._.events`` to a list of
:class:`~eventwire.records.Event`. Per sentence it:

1. finds triggers (:mod:`eventwire.knowledge.triggers`): fixed phrases ("all options are on the
   table"), verbs with the senses their objects, particles and prepositions select ("lifted
   sanctions", "stepped down"), light verbs with an event noun ("launched an attack", "held
   talks", "staged a protest"), and event nouns on their own when the text gives them a
   participant or makes them happen ("an attack by X", "the defection occurred");
2. applies frames, verbs that govern another event: a promise or threat to act becomes AGREE or
   THREATEN ("vowed to respond"), a concession promised CONCEDE, a promise to refrain from a
   hostile act CONCEDE ("vowed not to attack"), ceasing an attack RETREAT and ceasing a protest
   CONCEDE ("stopped shooting", "agreed to stop protesting"), a refusal to cooperate becomes
   REJECT, a demand, or a call on someone to do what is coded, becomes REQUEST ("urged X to
   lift sanctions"); "accused X of" and "blamed for" make the inner event
   reported, with X as its source;
3. reads the arguments from the dependency parse: subject to source, object or a prepositional
   object to target, the passive agent to source; coordinated actors on both sides;
4. maps each argument to actor ids through the actor mentions in its phrase (its head, an
   apposition, a compound or possessor, "leaders of X"); "we" and "I" inside a quote are the
   quote's speaker (or the group the speaker belongs to, for "we"), and "they", "it", "he" the
   closest compatible actor named before them (not the speaker's side); ``source_spans`` and
   ``target_spans`` are the argument phrases as written (the rules are listed in
   docs/quality.md, "Participant spans, event places, quotes");
5. sets the status (negated, conditional, hypothetical, future, reported, asserted), the quad
   class and intensity from the ontology, the date (a date expression in the clause or
   sentence, else the publication date, saying which in ``date_source``) and a confidence that
   reflects how the event was found;
6. places each event: a place mention in its clause, else in its sentence; else, once the
   whole article is read, the same type of event placed elsewhere in the article (event
   coreference: "opposition marches in Caracas"), else the dateline, else the article's main
   place (the most mentioned place finer than a country inside the most mentioned country).

An event whose source cannot be resolved is still reported with ``source: []``; the words that
name each participant are kept in ``source_spans`` and ``target_spans``. A sentence the rules
cannot handle is logged and skipped; it never stops the article.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.knowledge.ontology import Ontology, ontology
from eventwire.knowledge.petrarch import read_verb_patterns
from eventwire.knowledge.triggers import Sense, TriggerLexicon, load_lexicon, singular
from eventwire.nlp.syntax import RELATIVE_PRONOUNS as _RELATIVE_PRONOUNS
from eventwire.nlp.syntax import antecedent as _antecedent
from eventwire.nlp.syntax import misattached as _misattached
from eventwire.records import Event, Span

logger = logging.getLogger(__name__)

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_THIRD_PERSON = frozenset({"it", "they", "he", "she"})
#: third-person pronouns and whether they stand for a person or another kind of actor
_PRONOUN_KINDS = {
    "he": "person",
    "him": "person",
    "she": "person",
    "her": "person",
    "it": "other",
    "they": "other",
    "them": "other",
}
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
#: heads that name an office holder or a state by title ("the US President")
_TITLES = frozenset(
    {
        "president",
        "leader",
        "minister",
        "premier",
        "chancellor",
        "king",
        "government",
        "regime",
        "country",
    }
)
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_EXTENT_SKIP = frozenset({"conj", "cc", "relcl", "advcl", "preconj", "punct", "parataxis"})
#: types whose direct object is usually what is moved or given, not a participant
_MOVED_OBJECT_TYPES = frozenset({"MOBILIZE", "AID"})
#: types whose object is who the act is done to even when a "to" phrase names a place or actor
#: ("deported 300 migrants to Honduras", "sentenced X to prison")
_NO_RECIPIENT_TYPES = frozenset({"COERCE", "ASSAULT"})
#: dependencies of a word inside a noun phrase, below the phrase's head
_INNER_DEPS = frozenset({"compound", "det", "amod", "nmod", "poss", "case", "nummod", "quantmod"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PART"})
_ACTOR_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
#: entity types that never name an actor, even capitalised ("Saturday", "March")
_NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "LAW", "LANGUAGE"}
)
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside"})
#: how an event was found -> base confidence, before what its arguments add
_BASE_CONFIDENCE = {"verb": 0.7, "light": 0.7, "frame": 0.7, "phrase": 0.65, "nominal": 0.45}
#: status precedence when several cues apply
_STATUS_ORDER = ("negated", "conditional", "hypothetical", "future", "reported")
#: types whose recipient may be implicit in the sentence ("X insisted all options are open")
_IMPLICIT_TARGET_TYPES = frozenset({"THREATEN", "ACCUSE", "REJECT", "REQUEST"})
_SEARCH_TARGET_TYPES = _IMPLICIT_TARGET_TYPES | {"PROTEST", "SANCTION"}
#: types whose purpose clause may name whom the act is for ("sent aid to help X")
_BENEFIT_TYPES = frozenset({"AID", "MOBILIZE", "COOPERATE", "CONSULT", "SUPPORT", "AGREE"})
_BENEFIT_VERBS = frozenset({"help", "assist", "support", "relieve", "aid", "benefit", "protect"})
#: purposes of help that fight a misfortune: the help is for the place it strikes
_COMBAT_VERBS = frozenset({"fight", "combat", "stem", "tackle", "contain"})
#: purposes of help that build something up or hand it out: the help is for the place it is
#: built up or handed out in ("to distribute supplies in Somalia")
_FOSTER_VERBS = frozenset(
    {"promote", "foster", "boost", "strengthen", "develop", "rebuild", "distribute", "deliver"}
)
#: a purpose of help that meets a need: the need (of whom) is what it is for
_NEED_VERBS = frozenset({"address", "meet"})
_PLACE_PURPOSES = _COMBAT_VERBS | _FOSTER_VERBS
#: trades and amounts, which are of the goods they are made of ("imports of British beef")
_TRADE_NOUNS = frozenset({"import", "imports", "export", "exports", "shipment", "shipments"})
_AMOUNT_ENTITIES = frozenset({"MONEY"})
#: purposes of help that pay for something: whom what is paid for is for is what it is for
_FUND_VERBS = frozenset({"pay", "fund", "finance"})
#: dependencies a purpose clause may hang by below the verb it is the purpose of
_PURPOSE_PATH = frozenset({"xcomp", "advcl", "acl", "relcl", "dobj", "pobj", "prep", "conj"})
#: prepositions of the place a force is aimed at when it names no one
_TARGET_PLACE_PREPS = frozenset({"in", "at", "inside", "into", "throughout", "across"})
#: words that link a clause telling the same moment ("were killed when X attacked")
#: verbs of contacting someone, whose purpose clause is aimed at the one contacted
_CONTACT_VERBS = frozenset({"call", "phone", "telephone", "summon", "visit", "meet", "invite"})
_WHEN_MARKS = frozenset({"when", "after", "as", "while"})
#: types of event nouns that take another event as their content ("refusal to talk")
_FRAME_NOUN_TYPES = frozenset({"REJECT", "THREATEN", "AGREE", "REQUEST"})
#: Concessions: promised for the future they are CONCEDE (the PLOVER codebook's "verbal
#: concessions which have no immediate material consequences"), not AGREE.
_YIELD_TYPES = frozenset({"RETREAT", "CONCEDE"})
#: Verbs of what befalls someone rather than what they do ("should win", "must feel").
_OUTCOMES = frozenset({"win", "lose", "become", "seem", "feel", "look", "happen", "prevail"})
#: Pronouns that name no one who could be asked to act ("it should shock", "this must end").
_NOT_ADDRESSEES = frozenset({"it", "this", "that", "these", "those", "there", "what", "which"})
#: what ceasing an act of a type is ("stopped shooting": a ceasefire; "ended their protest":
#: easing dissent, CAMEO 082)
_CEASED = {"ASSAULT": "RETREAT", "PROTEST": "CONCEDE"}
#: nouns of military exercises (MOBILIZE, or COOPERATE when more than one party holds them)
_EXERCISES = frozenset({"drill", "exercise", "maneuver", "manoeuvre", "wargame", "war-game"})
#: the CAMEO intent code of a promise not to carry out a hostile act of a type ("vowed not to
#: attack": intent to de-escalate, 0356; "agreed not to deport": to ease sanctions, 0351)
_REFRAINED = {
    "ASSAULT": "0356",
    "MOBILIZE": "0356",
    "THREATEN": "0356",
    "COERCE": "0351",
    "SANCTION": "0354",
    "PROTEST": "0352",
}
#: lexicon noun sets whose nouns name people or groups (a target that is not a thing)
_PEOPLE_SETS = (
    "people",
    "protesters",
    "workers",
    "captives",
    "police",
    "forces",
    "diplomats",
    "officials",
    "mission_staff",
)


@dataclass(slots=True)
class _Candidate:
    """An event before it becomes a record."""

    how: str
    start: int
    end: int
    verb: Token | None
    noun: Token | None
    sense: Sense
    type: str
    mode: str | None
    cameo: str | None
    sources: list[Token] | None = None
    targets: list[Token] | None = None
    status: str | None = None
    imminent: bool = False
    intended: bool = False
    dropped: bool = False

    @property
    def anchor(self) -> Token:
        """The token whose clause the event belongs to."""
        if self.verb is not None:
            return self.verb
        assert self.noun is not None
        return self.noun


@dataclass(slots=True)
class _Context:
    """What the earlier components left on the Doc, indexed for the sentence loop."""

    actor_at: dict[int, str] = field(default_factory=dict)
    actor_kind: dict[str, str] = field(default_factory=dict)
    member_of: dict[str, str] = field(default_factory=dict)
    quotes: list[tuple[int, int, str | None]] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)
    main_place: str | None = None
    dateline: str | None = None
    dates: list[tuple[int, int, str]] = field(default_factory=list)
    published: str | None = None


def _field(obj: Any, name: str) -> Any:
    """An attribute of a record, or a key of a dict: other stages' records, read defensively."""
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _ext(doc: Doc, name: str) -> list[Any]:
    if not Doc.has_extension(name):
        return []
    value = doc._.get(name)
    return list(value) if value else []


def _chars(value: Any) -> tuple[int, int] | None:
    """(start, end) character offsets of a span-like record."""
    start, end = _field(value, "start"), _field(value, "end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return None


class EventExtractor:
    """Find PLOVER events in each sentence (see the module docstring).

    Args:
        nlp: the pipeline the component belongs to.
        name: the component name.
        lexicon: a trigger lexicon path (JSON, the packaged format); None uses eventwire's.
        petrarch_verbs: a PETRARCH verb-pattern dictionary whose verbs are tried before ours
            (:mod:`eventwire.knowledge.petrarch`).
        petrarch_codes: "cameo" or "weis", the code set of that dictionary.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "eventwire_events",
        lexicon: str | None = None,
        petrarch_verbs: str | None = None,
        petrarch_codes: str = "cameo",
    ) -> None:
        self.name = name
        self.lexicon: TriggerLexicon = load_lexicon(lexicon)
        if petrarch_verbs is not None:
            extra = read_verb_patterns(petrarch_verbs, petrarch_codes)
            self.lexicon = self.lexicon.with_verbs(extra, first=True)
        self.ontology: Ontology = ontology()
        #: where the place mentions of the document being read start (set per document)
        self._place_starts: frozenset[int] = frozenset()
        sets = self.lexicon.sets
        self._forces = sets.get("forces", frozenset())
        # "aid", "relief" name staff only in compounds ("aid workers"); alone they are help
        self._people = frozenset().union(
            *(sets.get(name, frozenset()) for name in _PEOPLE_SETS)
        ) - sets.get("aid", frozenset())
        self._areas = sets.get("areas", frozenset())
        self._mission_nouns = sets.get("mission_staff", frozenset()) - sets.get("aid", frozenset())
        misfortunes = sets.get("misfortunes", frozenset())
        #: heads that name a weapon, not a mishap ("bomb", not "car"): their compounds say
        #: what carries it ("a car bomb"), not what befell
        self._arms = (sets.get("explosives", frozenset()) | sets.get("weapons", frozenset())) - (
            misfortunes
        )

    def __call__(self, doc: Doc) -> Doc:
        ctx = self._context(doc)
        self._place_starts = frozenset(start for start, _, _ in ctx.places)
        events: list[Event] = []
        for sent in doc.sents:
            try:
                events.extend(self._sentence(doc, sent, ctx))
            except Exception:  # a parse the rules do not foresee must not stop the article
                logger.exception("events: sentence at character %d skipped", sent.start_char)
        events.sort(key=lambda e: (e.trigger.start, e.trigger.end))
        try:
            self._article_places(doc, events, ctx)
        except Exception:  # a fallback place is a nicety: never lose the events for it
            logger.exception("events: article-level places skipped")
        for number, event in enumerate(events, start=1):
            event.id = f"E{number}"
        doc._.events = events
        return doc

    # ------------------------------------------------------------------ places
    def _article_places(self, doc: Doc, events: list[Event], ctx: _Context) -> None:
        """Places for the events whose sentence names none, in order: the same kind of event
        told elsewhere in the article with a place (within-article event coreference:
        "opposition marches in Caracas" places an earlier "protesters rallied" in Caracas),
        else the dateline, else the article's main place."""
        if not ctx.places or all(e.place is not None for e in events):
            return
        anchors = [(e.trigger.start, e.type, e.place) for e in events if e.place is not None]
        anchors += self._placed_event_nouns(doc, ctx)
        for event in events:
            if event.place is not None:
                continue
            same = [
                (abs(at - event.trigger.start), at, p) for at, t, p in anchors if t == event.type
            ]
            if same:
                event.place = min(same)[2]
            else:
                event.place = ctx.dateline or ctx.main_place

    def _placed_event_nouns(self, doc: Doc, ctx: _Context) -> list[tuple[int, str, str]]:
        """(character, PLOVER type, place id) of the event nouns the article places with a
        locative phrase: "opposition marches in Caracas", "the attack at the airport in X"."""
        found: list[tuple[int, str, str]] = []
        place_at = {start: place_id for start, _, place_id in ctx.places}
        for token in doc:
            if token.pos_ != "NOUN" or self.lexicon.noun_lemma(token.lower_, token.lemma_) is None:
                continue
            sense = self._noun_sense(token, None, any_light=True)
            if sense is None:
                continue
            for prep in token.children:
                if prep.dep_ != "prep" or prep.lower_ not in _LOCATIVE_PREPS:
                    continue
                place = next((place_at[t.idx] for t in prep.subtree if t.idx in place_at), None)
                if place is not None:
                    found.append((token.idx, sense.type, place))
                    break
        return found

    # ------------------------------------------------------------------ context
    def _context(self, doc: Doc) -> _Context:
        ctx = _Context(published=doc._.get("published") if Doc.has_extension("published") else None)
        for actor in _ext(doc, "actors"):
            actor_id = _field(actor, "id")
            if not isinstance(actor_id, str):
                continue
            ctx.actor_kind[actor_id] = str(_field(actor, "kind") or "")
            member = _field(actor, "member_of")
            if isinstance(member, str):
                ctx.member_of[actor_id] = member
            for mention in _field(actor, "mentions") or []:
                offsets = _chars(mention)
                if offsets is None:
                    continue
                span = doc.char_span(*offsets, alignment_mode="expand")
                for token in span or []:
                    ctx.actor_at.setdefault(token.i, actor_id)
        for quote in _ext(doc, "quotes"):
            offsets = _chars(_field(quote, "content"))
            if offsets is not None:
                speaker = _field(quote, "speaker")
                ctx.quotes.append((*offsets, speaker if isinstance(speaker, str) else None))
        counts: Counter[str] = Counter()
        country_of: dict[str, str] = {}
        specific: set[str] = set()
        for place in _ext(doc, "places"):
            place_id = _field(place, "id")
            if not isinstance(place_id, str):
                continue
            country = _field(place, "country")
            if isinstance(country, str) and country:
                country_of[place_id] = country
            if _field(place, "feature") not in (None, "country", "continent", "region"):
                specific.add(place_id)
            for mention in _field(place, "mentions") or []:
                offsets = _chars(mention)
                if offsets is not None:
                    ctx.places.append((*offsets, place_id))
                    counts[place_id] += 1
        ctx.places.sort()
        ctx.main_place = _main_place(ctx.places, counts, country_of, specific)
        ctx.dateline = _dateline(doc.text, ctx.places)
        for expression in _ext(doc, "dates"):
            offsets = _chars(expression)
            value = _field(expression, "value")
            if offsets is not None and isinstance(value, str) and value:
                ctx.dates.append((*offsets, value))
        return ctx

    # ------------------------------------------------------------------ sentence
    def _sentence(self, doc: Doc, sent: SpacySpan, ctx: _Context) -> list[Event]:
        cands: list[_Candidate] = []
        taken: set[int] = set()  # tokens already part of a trigger
        consumed: set[int] = set()  # event nouns used by another event (no nominal event)
        taken.update(self._idioms(sent))
        for cand in self._phrases(sent):
            if not any(i in taken for i in range(cand.start, cand.end)):
                cands.append(cand)
                taken.update(range(cand.start, cand.end))
        for token in sent:
            if token.i in taken or not _verbal_token(token):
                continue
            if token.dep_ == "acl" and token.tag_ == "VBN":
                continue  # a reduced relative ("sanctions imposed on Iran") is background
            found = self._verbal(token, ctx)
            if found is None or any(i in taken for i in range(found.start, found.end)):
                continue
            cand = found
            cands.append(cand)
            taken.update(range(cand.start, cand.end))
            if cand.noun is not None:
                consumed.add(cand.noun.i)
            if cand.sense.reactive:
                consumed.update(
                    o.i
                    for p in token.children
                    if p.dep_ == "prep"
                    for o in p.children
                    if o.dep_ == "pobj"
                )
        by_verb = {c.verb.i: c for c in cands if c.verb is not None}
        frames = self._frames(cands, by_verb, ctx, consumed)
        frames += self._obligations(sent, by_verb, taken, ctx)
        frames += self._appeals(sent, frames, taken, consumed)
        cands = [c for c in cands if not c.dropped] + [f for f in frames if not f.dropped]
        self._inner_events(cands, sent, ctx, consumed)
        quad_of_verb = {
            c.verb.i: self.ontology.quad(c.type)
            for c in cands
            if c.verb is not None and not c.dropped
        }
        for token in sent:
            if token.i in taken or token.i in consumed or token.pos_ not in ("NOUN", "PROPN"):
                continue
            nominal = self._nominal(token, ctx)
            if nominal is None or (
                token.dep_ in ("nsubj", "nsubjpass")
                and quad_of_verb.get(token.head.i) == self.ontology.quad(nominal.type)
            ):
                continue  # "the attack killed 20": one event, told by the verb
            cands.append(nominal)
            taken.add(token.i)
        self._noun_frames(cands)
        self._told_twice(cands, ctx)
        events = []
        for cand in cands:
            if not cand.dropped:
                events.append(self._event(doc, sent, cand, ctx, consumed))
        return events

    def _told_twice(self, cands: list[_Candidate], ctx: _Context) -> None:
        """One act told twice in a sentence: an agentless passive ("at least two people were
        killed", "X was released") and the clause of the same type that says who did it ("when
        ISIL launched an attack on the embassy", "after the president pardoned him"). The clause
        tells the event; the passive adds only its victims."""
        live = [c for c in cands if not c.dropped and c.verb is not None]
        for cand in live:
            verb = cand.verb
            assert verb is not None
            if not any(c.dep_ == "auxpass" for c in verb.children):
                continue
            if any(c.dep_ == "agent" for c in verb.children):
                continue
            clauses = [
                c
                for c in verb.children
                if c.dep_ == "advcl"
                and any(
                    m.dep_ in ("mark", "advmod") and m.lower_ in _WHEN_MARKS for m in c.children
                )
            ]
            for other in live:
                if other is cand or other.dropped or other.type != cand.type:
                    continue
                at = other.anchor.i
                clause = next((c for c in clauses if c.left_edge.i <= at <= c.right_edge.i), None)
                if clause is None:
                    continue
                # the clause says who did it only with a doer of its own ("when announcing the
                # arrest" borrows the passive's subject, who was arrested)
                if any(
                    clause.left_edge.i <= s.i <= clause.right_edge.i and self._actor_ids(s, ctx)
                    for s in self._arguments(other, ctx)[0]
                ):
                    cand.dropped = True
                    break

    def _claimers(self, noun: Token) -> list[Token] | None:
        """Who claims (or is held) responsible for an event noun ("X claimed responsibility for
        the attack", "X is responsible for the killings"), or None when no one does."""
        first = noun
        for _ in range(4):  # "responsibility for both the Farah and the Ghazni attacks"
            if first.dep_ != "conj":
                break
            first = first.head
        prep = first.head if first.dep_ == "pobj" else None
        if (
            prep is None
            or prep.lower_ not in ("for", "on")  # "claimed responsibility on attacks"
            or prep.head.lower_ not in ("responsible", "responsibility", "credit")
        ):
            return None
        return _logical_subjects(prep.head.head, self.lexicon.frames.object_control)

    def _noun_frames(self, cands: list[_Candidate]) -> None:
        """An event noun that governs another event as its content ("Eriador's refusal to talk
        to X", "a threat to attack X", "a promise to withdraw"): one event, the noun's, whose
        target is the inner event's; the inner act is not reported as happening."""
        by_verb = {c.verb.i: c for c in cands if c.verb is not None and not c.dropped}
        for cand in cands:
            if cand.how != "nominal" or cand.noun is None or cand.type not in _FRAME_NOUN_TYPES:
                continue
            for clause in cand.noun.children:
                inner = by_verb.get(clause.i)
                if (
                    inner is None
                    or clause.dep_ != "acl"
                    or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
                ):
                    continue
                inner.dropped = True
                if not cand.targets:
                    cand.targets = self._arguments(inner, None)[1]
                if cand.type in ("REJECT", "REQUEST"):
                    cand.mode = _request_mode(inner.type)
                elif cand.type == "THREATEN":
                    cand.mode, cand.cameo = _threat_mode(inner.type, inner.mode)
                break

    # ------------------------------------------------------------------ triggers
    def _idioms(self, sent: SpacySpan) -> set[int]:
        """Tokens of fixed expressions that code no event ("as opposed to", "hails from")."""
        tokens = list(sent)
        found: set[int] = set()
        for n, token in enumerate(tokens):
            for words in self.lexicon.idioms.get(token.lower_, ()):
                if tuple(t.lower_ for t in tokens[n : n + len(words)]) == words:
                    found.update(t.i for t in tokens[n : n + len(words)])
        return found

    def _phrases(self, sent: SpacySpan) -> list[_Candidate]:
        found: list[_Candidate] = []
        tokens = list(sent)
        i = 0
        while i < len(tokens):
            match = None
            for phrase in self.lexicon.phrases.get(tokens[i].lower_, ()):
                n = len(phrase.words)
                if tuple(t.lower_ for t in tokens[i : i + n]) == phrase.words:
                    match = phrase
                    break
            if match is None:
                i += 1
                continue
            span = tokens[i : i + len(match.words)]
            inside = {t.i for t in span}
            head = next((t for t in span if t.head.i not in inside or t.head.i == t.i), span[0])
            verb = head if head.pos_ in ("VERB", "AUX") else _verb_above(head)
            if match.needs_verb and (
                verb is None
                or head.pos_ in ("VERB", "AUX")
                or self._verb_takes_words(verb, set(match.words))
                or (match.verbs is not None and verb.lemma_.lower() not in match.verbs)
            ):
                i += 1  # "lifted a state of emergency": the verb's own sense codes it
                continue
            found.append(
                _Candidate(
                    how="phrase",
                    start=span[0].i,
                    end=span[-1].i + 1,
                    verb=verb,
                    noun=None,
                    sense=match.sense,
                    type=match.sense.type,
                    mode=match.sense.mode,
                    cameo=match.sense.cameo,
                )
            )
            i += len(match.words)
        return found

    def _verbal(self, token: Token, ctx: _Context) -> _Candidate | None:
        lemma = self.lexicon.verb_lemma(token.lower_, token.lemma_)
        if lemma is None:
            return None
        if (
            token.tag_ in ("VB", "VBP")
            and token.dep_ == "ROOT"
            and token.i == token.sent.start
            and not any(c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "aux"} for c in token.children)
        ):
            return None  # an imperative ("Thank you", "Stop the war") is not a reported event
        if (
            token.tag_ in ("VBN", "VBD")
            and token.dep_ in _ARGUMENT_DEPS
            and any(c.dep_ == "det" and c.i < token.i for c in token.children)
        ):
            return None  # "the injured were minors", "the accused": a participle used as a noun
        senses = self.lexicon.verbs.get(lemma, ())
        conditional = [s for s in senses if _selective(s)]
        plain = [s for s in senses if not _selective(s)]
        for sense in conditional:
            if self._verb_sense_holds(token, sense, ctx):
                return self._verb_candidate(token, sense, lemma)
        if lemma in self.lexicon.light_verbs:
            light = self._light(token, lemma)
            if light is not None:
                return light
        for sense in plain:
            if self._verb_sense_holds(token, sense, ctx):
                return self._verb_candidate(token, sense, lemma)
        return None

    def _aimed(self, verb: Token, objects: list[Token]) -> bool:
        """Whether a warning threatens: it is aimed at someone ("warned Iran", "warned Trump
        that the US President was walking into his own Vietnam"), or tells of the warner's own
        act ("warned it would retaliate", "warned of military action", "warned against
        scrapping the deal"). A forecast or advice is a comment, which PLOVER does not code:
        "warned that the vote could depress growth", "warned of flash floods", "warned people
        to stay inside"."""
        subjects = _logical_subjects(verb)
        warners = {w.lower_ for w in subjects}
        # "it" or "they" in the clause is the warner when it agrees with the warner in number
        if any(w.tag_ in ("NN", "NNP") for w in subjects):
            warners.add("it")
        if any(w.tag_ in ("NNS", "NNPS") or _conjuncts(w) for w in subjects):
            warners.add("they")
        addressees = [o for o in objects if self._names_someone(o)]
        for child in verb.children:
            if child.dep_ == "xcomp":
                return any(c.dep_ == "neg" for c in child.children)  # "warned X not to"
            if child.dep_ == "ccomp":
                told = [c for c in child.children if c.dep_ in _SUBJECT_DEPS]
                return any(self._warned_of_own(s, warners, addressees) for s in told)
            if child.dep_ == "prep" and child.lower_ in ("of", "against", "about"):
                misfortunes = self.lexicon.sets.get("misfortunes", frozenset())
                return any(
                    obj.dep_ == "pcomp"  # "warned against scrapping the deal"
                    or (obj.dep_ == "pobj" and self._names_someone(obj))  # "of the Prince"
                    or (
                        obj.dep_ == "pobj"
                        and obj.lemma_.lower() not in misfortunes
                        and self._noun_sense(obj, None) is not None
                    )
                    for obj in child.children
                )
        return True  # "China warned North Korea", "warned of dire consequences"

    @staticmethod
    def _warned_of_own(subject: Token, warners: set[str], addressees: list[Token]) -> bool:
        """Whether a warning's clause is about the warner ("it will retaliate", "we") or the
        one warned (a pronoun, a name of theirs, or a title: "the US President")."""
        word = subject.lower_
        owners = {c.lower_ for c in subject.children if c.dep_ == "poss"}
        if (owners | {word}) & (warners | _FIRST_SINGULAR | _FIRST_PLURAL):
            return True  # "it will retaliate", "our targets will keep expanding"
        if not addressees:
            return False
        if subject.pos_ == "PRON":
            return True
        names = {t.lower_ for a in addressees for t in a.subtree if t.pos_ == "PROPN"}
        return bool(names & {t.lower_ for t in subject.subtree}) or word in _TITLES

    def _verb_takes_words(self, verb: Token, words: set[str]) -> bool:
        """Whether one of the verb's senses selects an object among ``words``."""
        lemma = self.lexicon.verb_lemma(verb.lower_, verb.lemma_)
        return lemma is not None and any(
            s.object is not None and s.object & words for s in self.lexicon.verbs.get(lemma, ())
        )

    def _verb_candidate(self, token: Token, sense: Sense, lemma: str) -> _Candidate:
        start, end = token.i, token.i + 1
        if sense.particle:
            for child in _particles(token):
                if child.lower_ == sense.particle:
                    start, end = min(start, child.i), max(end, child.i + 1)
        return _Candidate(
            "verb", start, end, token, None, sense, sense.type, sense.mode, sense.cameo
        )

    def _verb_sense_holds(self, token: Token, sense: Sense, ctx: _Context) -> bool:
        objects = _objects(token)
        lemmas = {
            x for obj in objects for o in (obj, *_conjuncts(obj)) for x in self._object_lemmas(o)
        }
        if sense.intransitive is True and objects:
            return False
        if sense.intransitive is False and not objects:
            return False
        if sense.object is not None and not lemmas & sense.object:
            return False
        if sense.not_object and lemmas & sense.not_object:
            return False
        if sense.object_or_actor is not None:
            if not objects:
                return False
            if not (lemmas & sense.object_or_actor) and not any(
                self._actor_ids(obj, ctx) for obj in objects
            ):
                return False
        if sense.clause and not any(c.dep_ == "xcomp" for c in token.children):
            return False
        if sense.if_clause and not self._condition_clauses(token):
            return False
        if sense.aimed and not self._aimed(token, objects):
            return False
        if sense.not_prep and any(
            c.dep_ == "prep"
            and c.lower_ in sense.not_prep
            and not any(  # a name ("fought for ISIS", "for the Islamic State"), a time
                _temporal(o) or t.pos_ == "PROPN"
                for o in c.children
                for t in (o, *o.children)
                if t is o or t.dep_ == "compound"
            )
            for c in token.children
        ):
            return False  # "fought for our sovereignty": a cause ("fought for ISIS" is a side)
        if sense.no_clause and any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
            return False  # "demonstrated that it helps": showing, not protesting
        if sense.before is not None or sense.after is not None:
            sent = token.sent
            left = [t.lower_ for t in sent if t.i < token.i]
            right = [t.lower_ for t in sent if t.i > token.i]
            if not _in_order(sense.before or (), left) or not _in_order(sense.after or (), right):
                return False
        if sense.context is not None and not any(
            t.lemma_.lower() in sense.context or t.lower_ in sense.context for t in token.subtree
        ):
            return False
        if sense.not_context and any(
            t.lemma_.lower() in sense.not_context or t.lower_ in sense.not_context
            for t in token.sent
        ):
            return False
        if sense.complement is not None and not any(
            c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.lower_ in sense.complement
            for c in token.children
        ):
            return False
        particles = _particles(token)
        if sense.particle is not None and not any(c.lower_ == sense.particle for c in particles):
            return False
        if sense.prep is not None:
            preps = [c for c in token.children if c.dep_ in ("prep", "dative", "agent")]
            # "pulled out of X": the preposition after a particle read as a preposition
            preps += [
                g for c in particles if c.dep_ == "prep" for g in c.children if g.dep_ == "prep"
            ]
            preps = [p for p in preps if p.lower_ == sense.prep]
            if not preps:
                return False
            if sense.prep_object is not None:
                pobj = [
                    x
                    for p in preps
                    for o in p.children
                    if o.dep_ in ("pobj", "pcomp")
                    for x in self._object_lemmas(o)
                ]
                if not set(pobj) & sense.prep_object:
                    return False
        subjects = _logical_subjects(token, self.lexicon.frames.object_control)
        if sense.subject_group and not any(c.dep_ == "conj" for s in subjects for c in s.children):
            return False
        subject_lemmas = {x for s in subjects for x in self._subject_lemmas(s)}
        if sense.subject is not None and not subject_lemmas & sense.subject:
            return False
        return not (sense.not_subject and subject_lemmas & sense.not_subject)

    def _subject_lemmas(self, token: Token) -> set[str]:
        """Lemmas a subject condition may match: those of ``_object_lemmas``, without the
        compounds of a weapon or an attack ("a *car* bomb killed", "a *car* bombing by X killed"
        are attacks, not the mishap a car may be)."""
        lemmas = self._object_lemmas(token)
        head = token.lemma_.lower()
        if head in self._arms or any(s.type == "ASSAULT" for s in self.lexicon.nouns.get(head, ())):
            lemmas -= {c.lemma_.lower() for c in token.children if c.dep_ == "compound"} - {head}
        return lemmas

    def _object_lemmas(self, token: Token) -> set[str]:
        """Lemmas a condition may match for a noun: its own, and that of "a number of X"."""
        lemmas = {token.lemma_.lower(), token.lower_, singular(token.lower_)}
        lemmas |= {c.lemma_.lower() for c in token.children if c.dep_ == "compound"}
        if (
            self.lexicon.quantity(token.lower_)
            or token.lower_ in self.lexicon.frames.group_nouns
            or token.like_num
            or token.lemma_.lower() in self.lexicon.frames.duration_nouns
        ):
            # "dozens of prisoners", "$5 million in aid", "ended months of fighting"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            lemmas |= {obj.lemma_.lower(), singular(obj.lower_)}
        return lemmas

    def _light(self, token: Token, lemma: str) -> _Candidate | None:
        particles = self.lexicon.light_particles.get(lemma)
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particles is not None and particle not in particles:
            return None
        nouns = self._light_objects(token, lemma)
        for noun in nouns:
            sense = self._noun_sense(noun, lemma)
            if sense is not None:
                start, end = min(token.i, noun.i), max(token.i, noun.i) + 1
                return _Candidate(
                    "light", start, end, token, noun, sense, sense.type, sense.mode, sense.cameo
                )
        return None

    def _light_objects(self, token: Token, lemma: str) -> list[Token]:
        found: list[Token] = []
        for obj in _objects(token):
            found.append(obj)
            found.extend(_conjuncts(obj))
        allowed = self.lexicon.light_preps.get(lemma, frozenset())
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in allowed:
                found.extend(o for o in child.children if o.dep_ == "pobj")
            if child.dep_ == "dobj" and child.lower_ == "part":  # "take part in"
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "in":
                        found.extend(o for o in prep.children if o.dep_ == "pobj")
        if token.dep_ == "acl" and token.head.pos_ == "NOUN":
            found.append(token.head)
        expanded: list[Token] = []
        for noun in found:
            expanded.append(noun)
            inner = self._group_member(noun)
            if inner is not None:
                expanded.append(inner)
        return expanded

    def _group_member(self, noun: Token) -> Token | None:
        """The event noun in "a wave of attacks", "a series of strikes"."""
        if noun.lemma_.lower() not in self.lexicon.frames.group_nouns:
            return None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None

    def _noun_sense(self, noun: Token, light: str | None, any_light: bool = False) -> Sense | None:
        if noun.ent_type_ in ("DATE", "TIME"):
            return None  # "joining the lab in March": a month, not a march
        lemma = self.lexicon.noun_lemma(noun.lower_, noun.lemma_)
        if lemma is None:
            # "a mediation effort": a generic head lets its modifier name the event
            if noun.lemma_.lower() not in self.lexicon.frames.event_heads:
                return None
            for child in noun.children:
                if child.dep_ == "compound" and child.i == noun.i - 1:
                    lemma = self.lexicon.noun_lemma(child.lower_, child.lemma_)
            if lemma is None:
                return None
        modifiers = {
            m
            for c in noun.children
            if c.dep_ in _MODIFIER_DEPS or c.dep_ == "poss"
            for m in (c.lemma_.lower(), c.lower_)
        }
        preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
        of_lemmas = {
            x
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
            for x in self._object_lemmas(o)
        }
        # what a noun is "of", "from" or "in", for the exclusions: "the death toll from the
        # floods", "the release of documents"
        cause_lemmas = of_lemmas | {
            x
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in ("from", "in")
            for o in c.children
            if o.dep_ == "pobj"
            for x in self._object_lemmas(o)
        }
        for sense in self.lexicon.nouns[lemma]:
            if (
                sense.light is not None
                and not any_light
                and (light is None or light not in sense.light)
            ):
                continue
            if sense.modifier is not None and not modifiers & sense.modifier:
                continue
            if sense.not_modifier and modifiers & sense.not_modifier:
                continue
            if sense.not_personal and any(
                (c.dep_ == "poss" and c.lower_ in _PERSONAL_OWNERS)
                or (c.dep_ in ("poss", "compound") and c.ent_type_ == "PERSON")
                for c in noun.children
            ):
                continue  # "Trump's rally", "his rally": a candidate's, not a protest
            if sense.needs_prep is not None and not preps & sense.needs_prep:
                continue
            if sense.of is not None and not of_lemmas & sense.of:
                continue
            if sense.not_of and cause_lemmas & sense.not_of:
                continue
            return sense
        return None

    def _nominal(self, noun: Token, ctx: _Context) -> _Candidate | None:
        """An event noun on its own, when the text gives it a participant or makes it happen."""
        if noun.dep_ == "compound":
            return None  # "attack plan": the noun modifies another
        sense = self._noun_sense(noun, None)
        if sense is None:
            return None
        cand = _Candidate(
            "nominal", noun.i, noun.i + 1, None, noun, sense, sense.type, sense.mode, sense.cameo
        )
        sources, targets = self._nominal_args(noun, sense)
        occurs = (
            noun.dep_ in ("nsubj", "nsubjpass")
            and noun.head.lemma_.lower() in self.lexicon.frames.occurrence
        ) or (noun.dep_ == "attr" and any(c.lower_ == "there" for c in noun.head.children))
        frames = self.lexicon.frames
        first = noun
        for _ in range(4):  # "responsibility for both the Farah and the Ghazni attacks"
            if first.dep_ != "conj":
                break
            first = first.head
        prep = first.head if first.dep_ == "pobj" else None
        claimers = self._claimers(noun)
        if claimers is not None:
            # "X is responsible for the killings", "X claimed responsibility for the attack"
            sources = claimers or sources
            occurs = True
        elif prep is not None and prep.head.lemma_.lower() in frames.victim_verbs:
            occurs = True  # "died after torture", "killed in an air strike"
        agent = any(self._actor_ids(s, ctx) for s in sources)
        strong = self.lexicon.preps.nominal_strong
        struck = self.ontology.quad(sense.type) in (3, 4) and any(
            self._actor_ids(t, ctx) for t in targets if t.head.lower_ in strong
        )
        # "Basilashvili's arrest", "her murder": the owner it was done to names a participant
        undergone = any(self._actor_ids(t, ctx) for t in targets if t.dep_ == "poss")
        if not (occurs or agent or struck or undergone):
            return None
        if not targets and noun.dep_ in ("nsubj", "nsubjpass"):
            # "X's death toll has risen in the dispute with Y": the conflict names the other side
            targets = [
                o
                for p in noun.head.children
                if p.dep_ == "prep" and p.lower_ == "in"
                for conflict in p.children
                if conflict.dep_ == "pobj"
                for q in conflict.children
                if q.dep_ == "prep" and q.lower_ in ("with", "against")
                for o in q.children
                if o.dep_ == "pobj"
            ]
        if occurs and not sources and noun.dep_ in ("nsubj", "nsubjpass"):
            # "a defection occurred among his military backers": the group it happened among
            # is who did it; a defection's target is whom they back ("his")
            groups = [
                o
                for p in noun.head.children
                if p.dep_ == "prep" and p.lower_ in ("among", "within")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            sources = groups
            if sense.type == "REJECT" and not targets:
                targets = [c for g in groups for c in g.children if c.dep_ == "poss"]
        cand.sources, cand.targets = sources, targets
        return cand

    # ------------------------------------------------------------------ frames
    def _frames(
        self,
        cands: list[_Candidate],
        by_verb: dict[int, _Candidate],
        ctx: _Context,
        consumed: set[int],
    ) -> list[_Candidate]:
        """Combine an event with the verb governing it ("vowed to respond", "refused to meet")."""
        made: list[_Candidate] = []
        frames = self.lexicon.frames
        for cand in list(cands):
            if cand.verb is None or cand.dropped:
                continue
            child = cand.verb
            while child.head.i != child.i:
                head = child.head
                if child.dep_ == "advcl" and self._appeal_clause(child):
                    # "call on the US to lift sanctions", "pressed the workers to call off the
                    # strike", "called for Egyptians to join": the parser reads the infinitive
                    # of an appeal as a purpose clause; one appeal asking two things is one
                    # event ("called on X to release Y and not to use force")
                    if any(m.verb is not None and m.verb.i == head.i for m in made):
                        cand.dropped = True
                    else:
                        made.append(self._combine(cand, head, "REQUEST", by_verb))
                    break
                if child.dep_ not in ("xcomp", "ccomp", "conj"):
                    break
                if child.dep_ == "conj":
                    child = head  # a conjunct shares the frame of the verb it is joined to
                    continue
                lemma = self.lexicon.verb_lemma(head.lower_, head.lemma_) or head.lemma_.lower()
                if head.lower_ in ("going", "about", "set", "poised", "due"):
                    cand.status = cand.status or "future"
                    cand.imminent = True  # "is about to restore ties": the act, not an intent
                commissive = frames.commissive.get(lemma)
                cooperative = self.ontology.quad(cand.type) in (1, 2)
                if commissive is not None and (child.dep_ == "xcomp" or _has_future_aux(child)):
                    if (
                        commissive != "THREATEN"
                        and cand.type in _REFRAINED
                        and any(c.dep_ == "neg" for c in child.children)
                    ):
                        # "vowed not to attack", "agreed not to deport X": a promise to refrain
                        # from a hostile act is a verbal concession, not a threat
                        made.append(self._combine(cand, head, "CONCEDE", by_verb, refrained=True))
                        break
                    if commissive == "THREATEN" or (commissive == "either" and not cooperative):
                        made.append(self._combine(cand, head, "THREATEN", by_verb))
                        break
                    if cooperative:
                        promise = "CONCEDE" if cand.type in _YIELD_TYPES else "AGREE"
                        made.append(self._combine(cand, head, promise, by_verb))
                        break
                if lemma in frames.cessation and child.dep_ == "xcomp" and cand.type in _CEASED:
                    # "stopped shooting", "agreed to stop conducting protests": ceasing an
                    # attack is a ceasefire (RETREAT), ceasing a protest a concession (CONCEDE)
                    cand = self._combine(cand, head, _CEASED[cand.type], by_verb)
                    made.append(cand)
                    child = head  # the cessation may itself be promised ("agreed to stop")
                    continue
                if lemma in frames.negative and child.dep_ == "xcomp":
                    if lemma in frames.negative_to_reject and cooperative:
                        made.append(self._combine(cand, head, "REJECT", by_verb))
                        break
                    cand.status = "negated"
                    break
                if (lemma in frames.request_codes and child.dep_ in ("xcomp", "ccomp")) or (
                    lemma in frames.request and child.dep_ == "xcomp" and _addressee(head, lemma)
                ):
                    made.append(self._combine(cand, head, "REQUEST", by_verb))
                    break
                if lemma in frames.intent_own and child.dep_ == "xcomp":
                    cand.intended = True  # the actor's own intent: "plans to attack"
                if lemma in frames.claim_verbs and child.dep_ == "ccomp":
                    cand.status = cand.status or "reported"
                elif lemma in frames.request or lemma in frames.intent_hypothetical:
                    cand.status = cand.status or "hypothetical"
                elif lemma in frames.intent_future:
                    cand.status = cand.status or "future"
                child = head
        # a frame verb whose object is an event noun: "threatened sanctions", "demanded the release"
        for cand in cands:
            if cand.how != "verb" or cand.verb is None or cand.dropped:
                continue
            lemma = self.lexicon.verb_lemma(cand.verb.lower_, cand.verb.lemma_) or ""
            kind = frames.commissive.get(lemma)
            if kind is None and lemma not in frames.request_codes | frames.negative_to_reject:
                continue
            for obj in _objects(cand.verb):
                inner_noun = self._group_member(obj) or obj
                sense = self._noun_sense(inner_noun, None, any_light=True)
                if sense is None:
                    continue
                consumed.add(inner_noun.i)
                if cand.type == "THREATEN":
                    cand.mode, cand.cameo = _threat_mode(sense.type, sense.mode)
                elif cand.type in ("REQUEST", "REJECT"):
                    cand.mode = _request_mode(sense.type)
                cand.noun = inner_noun
                break
        return made

    def _obligations(
        self, sent: SpacySpan, by_verb: dict[int, _Candidate], taken: set[int], ctx: _Context
    ) -> list[_Candidate]:
        """ "X said Y must release the prisoners": X demands that Y act (REQUEST). Y must
        name someone, or something someone does ("the oppression of the Venezuelan people must
        end"): "It should shock the conscience" is a judgement; and Y is asked to act, not to be
        something ("she must be the worst"), though "must be ready to mediate" asks an act."""
        made: list[_Candidate] = []
        speech = self.lexicon.frames.speech
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ccomp":
                continue
            if verb.head.lemma_.lower() not in speech:
                continue
            must = [
                c
                for c in verb.children
                if c.dep_ == "aux" and c.lower_ in self.lexicon.frames.obligation_aux
            ]
            addressee = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            speakers = [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]
            if not must or not addressee or not speakers or must[0].i in taken:
                continue
            if addressee[0].lower_ in _FIRST_SINGULAR | _FIRST_PLURAL or any(
                a.lower_ == s.lower_ for a in addressee for s in speakers
            ):
                continue  # "we must act": a resolve, not a demand
            if verb.lemma_.lower() in _OUTCOMES:
                continue  # "says Trump should win the nomination": a forecast, not a demand
            being = verb.lemma_ == "be" and not any(  # "must be ready to mediate" acts
                c.dep_ == "acomp" and any(g.dep_ == "xcomp" for g in c.children)
                for c in verb.children
            )
            if being or not all(
                a.lower_ not in _NOT_ADDRESSEES and self._actor_like(a, ctx) for a in addressee
            ):
                continue
            inner = by_verb.get(verb.i)
            mode = _request_mode(inner.type) if inner is not None else "change"
            if inner is not None:
                inner.dropped = True
            start, end = min(must[0].i, verb.i), max(must[0].i, verb.i) + 1
            sense = Sense(type="REQUEST", mode=mode, cameo="100")
            cand = _Candidate("frame", start, end, verb, None, sense, "REQUEST", mode, "100")
            cand.sources, cand.targets = speakers, addressee
            cand.status = "asserted"
            made.append(cand)
            taken.update(range(start, end))
        return made

    def _appeal_clause(self, clause: Token) -> bool:
        """Whether an infinitive clause the parser hung as adverbial says what an appeal asks
        of its addressee: "urged X to ...", "called on X to ...", "called for X to ..."."""
        head = clause.head
        lemma = self.lexicon.verb_lemma(head.lower_, head.lemma_) or head.lemma_.lower()
        if lemma not in self.lexicon.frames.request or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
        ):
            return False
        for_subject = any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children) and any(
            c.dep_ == "nsubj" for c in clause.children
        )
        return for_subject or any(self._names_someone(a) for a in _addressee(head, lemma))

    def _appeals(
        self, sent: SpacySpan, frames: list[_Candidate], taken: set[int], consumed: set[int]
    ) -> list[_Candidate]:
        """Demands that govern no coded verb: an order to act ("ordered the newspapers to
        suspend publications"), and a call for an event ("called for sanctions against X",
        "appealed for a ceasefire"): PLOVER codes demands and orders (CAMEO 10) as REQUEST.
        So does a call on someone to do what eventwire codes ("urged X to lift sanctions", in
        ``_frames``: the structured codebook's "Request the end of sanctions"). An appeal to act
        in general ("urged X to read the report", "called for reform": CAMEO 02) has no PLOVER
        equivalent in the PLOVER manual's conversion table, and the ConfliBERT quad set labels
        it 0, so it is not coded (nor is a plain statement)."""
        made: list[_Candidate] = []
        heads = {c.verb.i for c in frames if c.verb is not None}
        frames_ = self.lexicon.frames
        for verb in sent:
            if verb.pos_ != "VERB" or verb.i in taken or verb.i in heads:
                continue
            lemma = self.lexicon.verb_lemma(verb.lower_, verb.lemma_) or verb.lemma_.lower()
            if lemma not in frames_.request and lemma not in frames_.request_codes:
                continue
            addressee = _addressee(verb, lemma)
            wanted: list[tuple[Token, Sense]] = []
            for prep in verb.children:
                if prep.dep_ != "prep" or prep.lower_ != "for" or lemma in ("tell", "order"):
                    continue
                for obj in prep.children:
                    noun = self._group_member(obj) or obj
                    sense = self._noun_sense(noun, None, any_light=True)
                    if obj.dep_ == "pobj" and sense is not None:
                        wanted.append((noun, sense))
            to_do = [c for c in verb.children if c.dep_ == "xcomp"]
            ordered = lemma in frames_.request_codes and addressee and to_do
            if not (ordered or wanted):
                continue
            mode = _request_mode(wanted[0][1].type) if wanted else "change"
            consumed.update(noun.i for noun, _ in wanted)
            cameo = "100"
            sense = Sense(type="REQUEST", mode=mode, cameo=cameo)
            cand = _Candidate(
                "frame", verb.i, verb.i + 1, verb, None, sense, "REQUEST", mode, cameo
            )
            cand.sources = _logical_subjects(verb, self.lexicon.frames.object_control)
            cand.targets = addressee or [noun for noun, _ in wanted]
            cand.status = self._status(cand)
            made.append(cand)
            taken.add(verb.i)
        return made

    def _combine(
        self,
        inner: _Candidate,
        head: Token,
        kind: str,
        by_verb: dict[int, _Candidate],
        refrained: bool = False,
    ) -> _Candidate:
        """One event from a frame verb and the event it governs."""
        inner.dropped = True
        own = by_verb.get(head.i)
        if own is not None:
            own.dropped = True
        ceased = not refrained and _CEASED.get(inner.type) == kind
        if kind == "THREATEN":
            mode, cameo = _threat_mode(inner.type, inner.mode)
        elif ceased:
            mode, cameo = ("ceasefire", "0871") if kind == "RETREAT" else (None, "082")
        elif refrained:
            mode, cameo = None, _REFRAINED[inner.type]
        elif kind in ("AGREE", "CONCEDE"):
            mode, cameo = None, _intent_cameo(inner.type, inner.mode)
        elif kind == "REJECT":
            mode, cameo = _request_mode(inner.type), "120"
        else:
            mode, cameo = _request_mode(inner.type), "100"
        sense = Sense(type=kind, mode=mode, cameo=cameo)
        cand = _Candidate(
            how="frame",
            start=min(head.i, inner.start),
            end=max(head.i + 1, inner.end),
            verb=head,
            noun=inner.noun,
            sense=sense,
            type=kind,
            mode=mode,
            cameo=cameo,
        )
        inner_sources, inner_targets = self._arguments(inner, None)
        if kind == "REQUEST":
            lemma = self.lexicon.verb_lemma(head.lower_, head.lemma_) or head.lemma_.lower()
            addressee = _addressee(head, lemma)
            cand.targets = addressee or inner_sources
        else:
            cand.targets = inner_targets
        cand.sources = self._arguments(cand, None)[0]
        inherited = inner.status if inner.status in ("negated", "conditional") else None
        if refrained:
            inherited = None  # the refusal to act is what is promised
        status = self._status(cand)
        if inherited is not None and _STATUS_ORDER.index(inherited) < _rank(status):
            status = inherited
        if kind in ("THREATEN", "AGREE", "CONCEDE") and status == "asserted" and not ceased:
            status = "future"
        cand.status = status
        return cand

    def _inner_events(
        self, cands: list[_Candidate], sent: SpacySpan, ctx: _Context, consumed: set[int]
    ) -> None:
        """ "accused X of staging a coup", "X was blamed for attacks": the inner event is
        reported, and X is its source."""
        by_verb = {c.verb.i: c for c in cands if c.verb is not None and not c.dropped}
        for cand in list(cands):
            if cand.verb is None or cand.dropped or cand.how not in ("verb", "frame"):
                continue
            lemma = self.lexicon.verb_lemma(cand.verb.lower_, cand.verb.lemma_) or ""
            prep_word = cand.sense.inner or self.lexicon.frames.accusation.get(lemma)
            if not prep_word:
                continue
            accused = self._arguments(cand, ctx)[1]
            for prep in cand.verb.children:
                if prep.dep_ not in ("prep", "acomp") or prep.lower_ != prep_word:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pcomp" and obj.i in by_verb:
                        inner = by_verb[obj.i]
                        inner.status, inner.sources = "reported", accused
                    elif obj.dep_ == "pobj":
                        noun = self._group_member(obj) or obj
                        sense = self._noun_sense(noun, None)
                        if sense is None or noun.i in consumed:
                            continue
                        consumed.add(noun.i)
                        nominal = _Candidate(
                            "nominal",
                            noun.i,
                            noun.i + 1,
                            None,
                            noun,
                            sense,
                            sense.type,
                            sense.mode,
                            sense.cameo,
                            status="reported",
                        )
                        nominal.sources = accused
                        nominal.targets = self._nominal_args(noun, sense)[1]
                        cands.append(nominal)

    # ------------------------------------------------------------------ arguments
    def _arguments(self, cand: _Candidate, ctx: _Context | None) -> tuple[list[Token], list[Token]]:
        """Argument heads (sources, targets) of a candidate, from the parse."""
        if cand.sources is not None and cand.targets is not None:
            return cand.sources, cand.targets
        sources: list[Token]
        targets: list[Token]
        if cand.verb is None:
            assert cand.noun is not None
            sources, targets = self._nominal_args(cand.noun, cand.sense)
        else:
            sources, targets = self._verb_args(cand)
        if cand.sources is not None:
            sources = cand.sources
        if cand.targets is not None:
            targets = cand.targets
        inside = range(cand.start, cand.end)
        sources = [_resolve_pronoun(t) for t in sources if t.i not in inside]
        targets = [_resolve_pronoun(t) for t in targets]
        # "gave Putin a stern warning": the light verb's indirect object sits inside the trigger
        targets = [t for t in targets if t.i not in inside or t.dep_ == "dative"]
        if not sources and cand.verb is not None:
            sources = _reporting_subject(cand.verb, self.lexicon.frames.speech)
        return sources, targets

    def _verb_args(self, cand: _Candidate) -> tuple[list[Token], list[Token]]:
        verb = cand.verb
        assert verb is not None
        subjects, patients, passive = _subject_and_patient(verb, self.lexicon.frames.object_control)
        document = verb.head
        if (
            verb.dep_ == "acl"
            and subjects == [document]
            and document.dep_ == "dobj"
            and document.lemma_.lower() in self.lexicon.sets.get("documents", frozenset())
        ):
            # "issued a statement calling on X", "put out a report accusing X": the author
            subjects = _logical_subjects(document.head, self.lexicon.frames.object_control)
        sense = cand.sense
        theme = cand.how in ("light", "phrase") or sense.object_theme or cand.noun is not None
        targets: list[Token] = []
        if sense.reactive:
            return subjects, self._reactive_targets(verb)
        if passive:
            if not theme:
                targets = patients
            if (
                not subjects
                and cand.type in ("MOBILIZE", "AID")
                and any(self._object_lemmas(p) & self._forces for p in patients)
            ):
                # "the peacekeepers are being deployed to relieve X": the forces deployed act
                subjects, targets = patients, []
            if not subjects and cand.type == "RETREAT":
                # "UN sanctions against Iran were lifted", "Russia's ban on X was lifted": who
                # imposed a restriction is who lifts it
                restrictions = self.lexicon.sets.get("restrictions", frozenset())
                subjects = [
                    c
                    for p in patients
                    if self._object_lemmas(p) & restrictions
                    for c in p.children
                    if c.dep_ in ("compound", "poss") and c.ent_type_ in _ACTOR_ENTITIES
                ][:1]
            if not subjects and self.ontology.quad(cand.type) in (3, 4):
                # "was arrested in Niger", "were expelled from North Korea": with no agent,
                # the country or city where (or whence) it is done stands for its authorities
                subjects = _place_agent(verb, self._place_starts)
            recipients = self._recipients(cand, verb)
            if recipients and not any(self._names_someone(t) for t in targets):
                targets = recipients  # "was returned to Egypt by X"
        else:
            dative = [d for d in verb.children if d.dep_ == "dative"]
            dative = [o for d in dative for o in ([d] if d.pos_ != "ADP" else d.children)]
            if dative:
                targets = dative
            elif not theme:
                targets = [o for o in verb.children if o.dep_ == "dobj"]
                targets += _misattached_objects(verb, targets)
                if cand.type in _MOVED_OBJECT_TYPES and not any(
                    t.ent_type_ in _ACTOR_ENTITIES for o in targets for t in o.subtree
                ):
                    # "mobilized the troops", "provided shelter materials": what is moved or
                    # given is not whom the act is for
                    theme, targets = True, []
            recipients = self._recipients(cand, verb)
            if not recipients and cand.mode == "return":
                # "returned a pendant engraved with the image of Peter the Great to Russian
                # authorities": what is handed back may carry clauses the parser hung the
                # recipient on; the last "to" phrase naming someone in it
                recipients = [
                    o
                    for obj in _objects(verb)
                    for p in obj.subtree
                    if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                    for o in p.children
                    if o.dep_ == "pobj" and self._names_someone(o)
                ][-1:]
            if recipients and (
                not any(self._names_someone(t) for t in targets)
                or (
                    cand.mode == "return"
                    and not any(
                        t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                        or t.pos_ == "PRON"
                        or self._object_lemmas(t) & self._people
                        for t in targets
                    )
                )
            ):
                # "returned two paintings to the government of Brazil": the recipient, not the
                # thing handed over, is who the act is done to (what is returned is property,
                # even when named: "returned a Hebrew Bible to its owners")
                targets = recipients
        if not targets and cand.noun is not None:
            targets = self._nominal_args(cand.noun, sense)[1] or [
                # "launched a mediation effort between X and Y": X and Y are the participants
                o
                for p in cand.noun.children
                if p.dep_ == "prep" and p.lower_ == "between"
                for o in p.children
                if o.dep_ == "pobj"
            ]
        if not targets and cand.type == "CONSULT" and cand.noun is not None:
            # "a mediation effort to resolve the rift between X and Y": whom it mediates between
            targets = [
                o
                for t in cand.noun.subtree
                if t.dep_ == "prep" and t.lower_ == "between"
                for o in t.children
                if o.dep_ == "pobj"
            ][:1]
        if not targets and cand.how == "phrase":
            # "let free Towakil Karman": an object outside the fixed phrase is its patient
            phrase = [verb, *(t for t in verb.doc[cand.start : cand.end] if t != verb)]
            targets = [
                o
                for h in phrase  # "let free X" parsed with X under "free"
                for o in h.children
                # a subject after the phrase is its object misread ("let free the 27-year-old X")
                if (o.dep_ == "dobj" or (o.dep_ == "nsubj" and o.i >= cand.end))
                and not any(cand.start <= t.i < cand.end for t in (o, *_conjuncts(o)))
            ][:1]  # not "used batons and tear gas": the phrase's own coordination
        if not targets and theme:
            # "restored ties with X", "lifted sanctions on X": the theme's preposition names X;
            # "lifted the ban imposed on X": so does that of its reduced relative
            for obj in _objects(verb):
                targets = self._nominal_args(obj, sense)[1] or [
                    o
                    for acl in obj.children
                    if acl.dep_ == "acl" and acl.tag_ == "VBN"
                    for p in acl.children
                    if p.dep_ == "prep" and p.lower_ in ("on", "against")
                    for o in p.children
                    if o.dep_ == "pobj"
                ]
                if not targets and cand.type == "CONCEDE" and (cand.cameo or "").startswith("083"):
                    # "accepted the demands by protesters", "X's demands": who made them (not
                    # for one's own demand or case withdrawn: "withdrew its lawsuit")
                    targets = self._nominal_args(obj, None)[0]
                if cand.mode == "withdraw":
                    # "withdrew some of its troops from Syria": the troops withdrawn are the
                    # actor's own; what they leave is the target
                    targets = [t for t in targets if not self._object_lemmas(t) & self._forces]
                if targets:
                    break
                if not targets:
                    # "lifted the restrictions between it and Israel": the party other than the
                    # actor itself
                    named = {t.lower_ for s in subjects for t in _extent_tokens(s)}
                    targets = [
                        o
                        for p in obj.children
                        if p.dep_ == "prep" and p.lower_ == "between"
                        for first in p.children
                        if first.dep_ == "pobj"
                        for o in (first, *_conjuncts(first))
                        if o.pos_ != "PRON" and o.lower_ not in named and _names_actor(o)
                    ]
                # "closed its border with Somalia", the "with" phrase hung on the verb: right
                # after the theme, it is the theme's
                after = obj.right_edge.i + 1
                if after < len(verb.doc) and verb.doc[after].lower_ == "with":
                    prep = verb.doc[after]
                    if prep.head.i == verb.i:
                        targets = [o for o in prep.children if o.dep_ == "pobj" and _names_actor(o)]
                if targets:
                    break
        if not targets:
            targets = self._prep_targets(verb, cand.type)
        if (
            cand.type == "RETREAT"
            and cand.mode in ("return", "disarm")
            and not any(self._names_someone(t) for t in targets)
        ):
            # "will return the weapons they seized from the army": whom they were taken from
            objects = [c for o in _objects(verb) for c in (o, *_conjuncts(o))]
            targets = [
                o
                for obj in objects
                for clause in obj.children
                if clause.dep_ in ("acl", "relcl")
                for p in clause.children
                if p.dep_ == "prep" and p.lower_ == "from"
                for o in p.children
                if o.dep_ == "pobj"
            ][:1] or targets
        if not targets:
            # "started a hunger strike, protesting the unemployment system", "carried out a raid,
            # targeting X": a participle that tells the same act names its target
            for clause in verb.children:
                if clause.dep_ != "advcl" or clause.tag_ != "VBG":
                    continue
                lemma = self.lexicon.verb_lemma(clause.lower_, clause.lemma_) or ""
                if any(x.type == cand.type for x in self.lexicon.verbs.get(lemma, ())):
                    targets = [o for o in clause.children if o.dep_ == "dobj"]
                    break
        if cand.type == "CONCEDE" and not any(self._names_someone(t) for t in targets):
            # "called off the strike after reaching agreement with the government": whom the
            # concession settles with
            agreements = self.lexicon.sets.get("agreements", frozenset())
            targets = [
                o
                for t in verb.subtree
                if t.lemma_.lower() in agreements and t.i not in range(cand.start, cand.end)
                for p in t.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children
                if o.dep_ == "pobj"
            ][:1] or targets
        if cand.type in _BENEFIT_TYPES and not any(self._names_someone(t) for t in targets):
            # "provided funds for humanitarian aid to stem the outbreak in West Africa": the
            # help itself names no one; whom or where its purpose is for does
            targets = _beneficiaries(verb) or targets
        if not targets and cand.type in _HELPING_TYPES:
            # "deployed rescue teams as part of an international effort in Haiti": help given
            # as part of a mission is for the mission's country
            targets = [
                placed
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == "as"
                for part in p.children
                if part.dep_ == "pobj" and part.lower_ == "part"
                for q in part.children
                if q.dep_ == "prep" and q.lower_ == "of"
                for mission in q.children
                if mission.dep_ == "pobj" and mission.lemma_.lower() in _MISSIONS
                for placed in [self._placed_at(mission, self._place_starts)]
                if placed is not None
            ][:1]
        if (
            not targets
            and verb.dep_ in ("xcomp", "advcl")
            and verb.head.lemma_.lower() in _CONTACT_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            # "called Erdogan to apologize", "summoned the envoy to protest": the purpose of a
            # call or summons is aimed at the one called
            targets = [
                o
                for o in verb.head.children
                if o.dep_ in ("dobj", "nsubjpass") and self._names_someone(o)
            ][:1]
        if not targets and cand.type == "RETREAT" and cand.mode == "resign":
            # "resigned as president of X": the country whose office is left
            targets = [
                o
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == "as"
                for post in p.children
                if post.dep_ == "pobj"
                for q in post.children
                if q.dep_ == "prep" and q.lower_ == "of"
                for o in q.children
                if o.dep_ == "pobj" and o.ent_type_ in _ACTOR_ENTITIES
            ][:1]
        if not targets and cand.type == "MOBILIZE":
            # "mobilized troops for the war against X": whom the force is readied against
            holders = [verb, *(o for o in verb.children if o.dep_ == "dobj")]
            targets = [
                o
                for h in holders
                for p in h.children
                if p.dep_ == "prep" and p.lower_ == "for"
                for n in p.children
                if n.dep_ == "pobj"
                for q in n.children
                if q.dep_ == "prep" and q.lower_ == "against"
                for o in q.children
                if o.dep_ == "pobj"
            ][:1]
        if sense.swap:
            givers = [
                o
                for p in verb.children
                if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            if givers or sense.object_theme:
                return givers, subjects  # "received aid from X": X gave
            objects = [o for o in verb.children if o.dep_ == "dobj"]
            return objects, subjects  # "X hosted Y": Y is the visitor
        if (
            cand.how == "light"
            and cand.verb is not None
            and cand.verb.lemma_.lower() in self.lexicon.passive_light
        ):
            # "faced sanctions from X": the subject undergoes the event
            nominal_sources = (
                self._nominal_args(cand.noun, sense)[0] if cand.noun is not None else []
            )
            return nominal_sources, subjects
        return subjects, targets

    def _prep_targets(self, verb: Token, type_: str) -> list[Token]:
        allowed = self.lexicon.preps.target_by_type.get(type_, frozenset())
        # "held a protest at the university against the siege": "against" names whom (or what)
        # the act opposes wherever it stands; the others in the order written
        for child in sorted(verb.children, key=lambda c: c.lower_ != "against"):
            if child.dep_ in ("prep", "dative") and child.lower_ in allowed:
                objects = [
                    o
                    # "travel curbs to and from North Korea": the object of the coordinated
                    # preposition
                    for p in (child, *(c for c in child.children if c.dep_ == "conj"))
                    for o in p.children
                    if o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME")
                ]
                if objects:
                    return objects
        return []

    def _condition_clauses(self, verb: Token) -> list[Token]:
        """The "if" clauses a verb's clause depends on."""
        marks = self.lexicon.status.conditional_marks
        return [
            c
            for c in verb.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        ]

    def _reactive_targets(self, verb: Token) -> list[Token]:
        """Who is responded to: "respond to an attack by X", "retaliate against X", "if X
        comes, we will respond"."""
        for clause in self._condition_clauses(verb):
            subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                return subjects
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "against", "for"):
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if self.lexicon.noun_lemma(
                        obj.lower_, obj.lemma_
                    ) is not None or obj.lemma_.lower() in self.lexicon.sets.get(
                        "hostile", frozenset()
                    ):
                        agents = self._nominal_args(obj, None)[0]
                        return agents
                    return [obj]
        return []

    def _nominal_args(self, noun: Token, sense: Sense | None) -> tuple[list[Token], list[Token]]:
        preps = self.lexicon.preps
        sources: list[Token] = []
        targets: list[Token] = []
        if sense is not None and sense.agent_noun:
            sources.append(noun)
        type_ = sense.type if sense is not None else "ASSAULT"
        # "after his release", "her arrest by police": the owner of an act done to someone is
        # whom it is done to, unless an "of" phrase names them ("Russia's expulsion of diplomats")
        undergone = noun.lemma_.lower() in self.lexicon.sets.get(
            "undergone", frozenset()
        ) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
        for child in noun.children:
            if child.dep_ == "poss" and undergone:
                targets.append(child)
            elif child.dep_ == "poss" or (
                child.dep_ in _MODIFIER_DEPS and child.ent_type_ in _ACTOR_ENTITIES
            ):
                sources.append(child)
            elif child.dep_ in ("prep", "agent"):
                objects = [o for o in child.children if o.dep_ == "pobj"]
                word = child.lower_
                if word == "from" and type_ == "RETREAT":
                    targets.extend(objects)  # "the withdrawal of troops from Iraq": what is left
                elif word in preps.nominal_source or child.dep_ == "agent" or word == "between":
                    sources.extend(objects)
                elif word == "of" and type_ not in ("ASSAULT", "COERCE", "RETREAT", "SANCTION"):
                    continue
                elif word in preps.nominal_target and word not in _LOCATIVE_PREPS:
                    targets.extend(objects)
        return sources, targets

    def _participant(self, head: Token, ctx: _Context, type_: str = "") -> Token:
        """The participant a thing-like target stands for: "shared evidence with Mexico",
        "lifted the sanctions on X", "violations by X" are done to (or by) Mexico or X. A
        target that names an actor stays, and so does a thing whose owner or author is named
        with "of" or "from" ("a request from X", "an arms depot of the army"): the thing is
        what the act is done to. A mission helped in a country stands for the country, even
        when a body leads it ("deploying troops to the UN peacekeeping mission in Mali": Mali
        is helped)."""
        if type_ in _HELPING_TYPES and head.lemma_.lower() in _MISSIONS:
            placed = self._placed_in(head, ctx)
            if placed is not None:
                return placed
        if self._is_actor(head, ctx):
            return head
        # not "including X": an example of the thing is no party to it
        preps = [
            c
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ not in ("including", "includes")
        ]
        # "the ban imposed on the LTTE": the preposition of a reduced relative
        preps += [
            p
            for c in head.children
            if c.dep_ == "acl" and c.tag_ == "VBN"
            for p in c.children
            if p.dep_ == "prep" and p.lower_ in ("on", "against", "to")
        ]
        for child in preps:
            if child.lower_ in _LOCATIVE_PREPS or child.lower_ in ("of", "from", "for"):
                continue
            for obj in child.children:
                if obj.dep_ == "pobj" and (
                    any(self._is_actor(t, ctx) for t in obj.subtree)
                    or (  # "the demands by protesters"
                        child.lower_ == "by" and bool(self._object_lemmas(obj) & self._people)
                    )
                ):
                    return obj
        if type_ != "ASSAULT" and not (self._object_lemmas(head) & self._people):
            # "a ceasefire in Afghanistan", "aid in Yemen", "a peacekeeping force in Somalia":
            # a thing placed in a country or region stands for it
            starts = {start for start, _, _ in ctx.places}
            for child in preps:
                if child.lower_ not in ("in", "to", "into"):
                    continue
                for obj in child.children:
                    inner = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                    if obj.dep_ == "pobj" and any(
                        t.idx in starts or t.ent_type_ in ("GPE", "LOC") for t in inner
                    ):
                        return obj
        if head.lemma_.lower() in _TRADE_NOUNS or head.ent_type_ in _AMOUNT_ENTITIES:
            # "tariffs on $120 billion of China's exports", "a ban on imports of British
            # beef": an amount or a trade is of the goods it is made of
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return self._participant(obj, ctx, type_)
        return head

    def _placed_in(self, head: Token, ctx: _Context) -> Token | None:
        """The country or region a thing is "in", through its "of" phrases ("the development
        of the deployment plan in Ukraine")."""
        return self._placed_at(head, frozenset(start for start, _, _ in ctx.places))

    def _placed_at(self, head: Token, starts: frozenset[int]) -> Token | None:
        """:meth:`_placed_in` with the start offsets of the places found."""
        # "an effort that saved 130 lives in Haiti": also the place of what it does
        nouns = _of_phrase(head)
        nouns += [c for c in head.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
        for noun in nouns:
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ != "in":
                    continue
                for obj in prep.children:
                    inner = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                    if obj.dep_ == "pobj" and any(
                        t.idx in starts or t.ent_type_ in ("GPE", "LOC") for t in inner
                    ):
                        return obj
        return None

    def _place_target(self, cand: _Candidate, ctx: _Context) -> list[Token]:
        """The place a force or protest is aimed at when it names no one: "imposed a curfew in
        Bangkok", "remained on alert in Paris", "mass killings in South Sudan" (as CAMEO codes
        the location's country as the target when no actor is targeted)."""
        starts = {start for start, _, _ in ctx.places}
        holders = [t for t in (cand.verb, cand.noun) if t is not None]
        holders += list(cand.anchor.doc[cand.start : cand.end])
        objects = [o for h in holders for o in h.children if o.dep_ == "dobj"]
        if cand.verb is not None:
            # "agreed to postpone the demonstration in Haiti", "to extend their peacekeeping
            # mission in X": an act agreed to, done there (not "to set up a centre in X"); "a
            # ceasefire initiative to halt the fighting in Yemen": the act it is meant to end
            clauses = [c for c in cand.verb.children if c.dep_ == "xcomp" and cand.how == "verb"]
            clauses += [
                c
                for h in (cand.verb, cand.noun)
                if h is not None
                for c in h.children
                if c.dep_ in ("advcl", "acl", "relcl")
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            ]
            objects += [
                o
                for c in clauses
                for o in c.children
                if o.dep_ == "dobj"
                and (
                    self.lexicon.noun_lemma(o.lower_, o.lemma_) is not None
                    or o.lemma_.lower() in self._mission_nouns
                )
            ]
        # "eased curfew hours imposed in parts of North Sinai": the object's reduced relative
        holders += objects + [
            c for o in objects for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"
        ]
        preps = _TARGET_PLACE_PREPS | ({"from"} if cand.type == "RETREAT" else set())
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for obj in prep.children:
                    inner = _of_phrase(obj)
                    if obj.dep_ == "pobj" and any(
                        t.idx in starts
                        or t.ent_type_ in ("GPE", "LOC", "FAC")
                        or self._area(t)  # "remained on alert in the north region"
                        for t in inner
                    ):
                        return [obj]
        return []

    def _area(self, token: Token) -> bool:
        """Whether a common noun names an area ("the town", "four of the country's states",
        "a five kilometer zone"), not a thing of it ("a state of emergency")."""
        return (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in self._areas
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        )

    def _object_antecedent(self, pronoun: Token, sources: list[Token], ctx: _Context) -> Token:
        """An object pronoun ("him", "them") stands for the closest phrase before it in its
        sentence that names someone of its kind, other than the event's source: "called Scott
        Morrison to congratulate him", "held 2000 people to use them as human shields"; with
        none, the pronoun stays (and inside a quote the quote's rules name it)."""
        lower = pronoun.lower_
        if lower not in ("him", "them") or pronoun.dep_ not in ("dobj", "pobj", "dative"):
            return pronoun
        excluded = {t.i for s in _expand(sources) for t in _extent_tokens(s)}
        doc = pronoun.doc
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            token = doc[i]
            if i in excluded or _temporal(token) or token.pos_ == "PRON":
                continue
            if lower == "him":
                actor = ctx.actor_at.get(token.i)
                fits = token.ent_type_ == "PERSON" or (
                    actor is not None and ctx.actor_kind.get(actor) == "PERSON"
                )
            else:
                fits = token.tag_ in ("NNS", "NNPS") and token.dep_ not in _INNER_DEPS
            if not fits:
                continue
            head = _phrase_head(token)
            if head.i in excluded:
                continue
            if self._actor_like(head, ctx):
                return head
            if lower == "them":
                return pronoun  # the closest plural names a thing: "them" is not resolved
        return pronoun

    @staticmethod
    def _named_country(sent: SpacySpan, sources: list[Token], cand: _Candidate) -> list[Token]:
        excluded = {t.i for s in _expand(sources) for t in _extent_tokens(s)}
        excluded.update(range(cand.start, cand.end))
        for token in sent:
            if token.ent_type_ == "GPE" and token.i not in excluded:
                return [_phrase_head(token)]
        return []

    def _recipients(self, cand: _Candidate, verb: Token) -> list[Token]:
        """Recipients of a transfer, for the types where one is the target: not the captive of a
        release ("will release X to the Red Cross": X), nor the patient of force."""
        if cand.type in _NO_RECIPIENT_TYPES or cand.mode == "release":
            return []
        return _recipients(verb, lambda t: bool(self._object_lemmas(t) & self._people))

    def _names_someone(self, head: Token) -> bool:
        """Whether a phrase head names an actor or people ("a senior Indian diplomat")."""
        return _names_actor(head) or bool(self._object_lemmas(head) & self._people)

    def _actor_like(self, head: Token, ctx: _Context) -> bool:
        """Whether a target phrase names someone: an actor, a named entity, a pronoun, or
        people ("protesters", "dozens of migrants"); not a thing ("the strike", "its borders")."""
        if self._is_actor(head, ctx):
            return True
        if any(
            (t.i in ctx.actor_at and not (t.pos_ == "PRON" and t.dep_ == "poss"))
            or t.ent_type_ in _ACTOR_ENTITIES
            or (
                (t.pos_ == "PROPN" or (t.is_title and t.i > t.sent.start))  # "Seychelles"
                and t.ent_type_ not in _NOT_ACTOR_ENTITIES
            )
            for t in _extent_tokens(head)
        ):
            return True
        people = self._people
        return bool(self._object_lemmas(head) & people)

    @staticmethod
    def _is_actor(token: Token, ctx: _Context) -> bool:
        return token.i in ctx.actor_at or token.ent_type_ in _ACTOR_ENTITIES or token.pos_ == "PRON"

    def _actor_ids(self, head: Token, ctx: _Context | None) -> list[str]:
        """Actor ids an argument names: its head, an apposition, a modifier, "leaders of X"."""
        if ctx is None:
            return []
        if head.lower_ in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        order: list[Token] = [head]
        order += [c for c in head.children if c.dep_ == "appos"]
        modifiers = [c for c in head.children if c.dep_ in _MODIFIER_DEPS or c.dep_ == "poss"]
        order += modifiers
        order += [g for m in modifiers for g in m.children if g.dep_ in ("compound", "poss")]
        for child in head.children:
            if child.dep_ == "agent" or (
                child.dep_ == "prep"
                and (child.lower_ in self.lexicon.preps.affiliation or child.lower_ == "by")
            ):
                order += [o for o in child.children if o.dep_ == "pobj"]
        for token in order:
            actor = ctx.actor_at.get(token.i)
            if actor is not None:
                return [actor]
        speaker = self._speaker_for(head, ctx)
        if speaker is not None:
            return [speaker]
        antecedent = self._antecedent_actor(head, ctx)
        return [antecedent] if antecedent is not None else []

    def _antecedent_actor(self, pronoun: Token, ctx: _Context) -> str | None:
        """The actor a third-person pronoun inside a quote stands for: the closest actor named
        before it in its sentence or the two before, of a compatible kind, that is not
        the speaker or the speaker's group ("It's certain the US attack plan would mean we're
        first in line. [...] If they come for us" -> the US)."""
        lower = pronoun.lower_
        if lower not in _PRONOUN_KINDS:
            return None
        quote = next(((s, e, sp) for s, e, sp in ctx.quotes if s <= pronoun.idx < e), None)
        if quote is None:
            return None
        speaker = quote[2]
        excluded = {speaker, ctx.member_of.get(speaker or "")}
        doc = pronoun.doc
        earliest = pronoun.sent.start
        for _ in range(2):
            if earliest > 0:
                earliest = doc[earliest - 1].sent.start
        kinds = _PRONOUN_KINDS[lower]
        for i in range(pronoun.i - 1, earliest - 1, -1):
            actor = ctx.actor_at.get(i)
            if actor is None or actor in excluded:
                continue
            kind = ctx.actor_kind.get(actor, "")
            if (kind == "PERSON") == (kinds == "person"):
                return actor
        return None

    def _speaker_for(self, token: Token, ctx: _Context) -> str | None:
        """ "I" or "we" inside a quote: the speaker, or for "we" the speaker's group."""
        lower = token.lower_
        if lower not in _FIRST_SINGULAR and lower not in _FIRST_PLURAL:
            return None
        for start, end, speaker in ctx.quotes:
            if speaker is not None and start <= token.idx < end:
                if lower in _FIRST_PLURAL:
                    return ctx.member_of.get(speaker, speaker)
                return speaker
        return None

    def _implicit_target(
        self, cand: _Candidate, sources: list[Token], ctx: _Context, sent: SpacySpan
    ) -> list[Token]:
        """A recipient the clause names without a syntactic link to the trigger."""
        excluded = {t.i for s in _expand(sources) for t in _extent_tokens(s)}
        excluded.update(range(cand.start, cand.end))
        source_ids = {a for s in sources for a in self._actor_ids(s, ctx)}
        clause = [t for t in cand.anchor.subtree if t.i not in excluded]
        for token in clause:
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS:
                continue
            actor = ctx.actor_at.get(token.i)
            if actor is not None and actor not in source_ids:
                return [_phrase_head(token)]
        if cand.type not in _IMPLICIT_TARGET_TYPES:
            return []
        for token in sent:
            actor = ctx.actor_at.get(token.i)
            if (
                token.i not in excluded
                and actor is not None
                and actor not in source_ids
                and ctx.actor_kind.get(actor) == "COUNTRY"
            ):
                return [_phrase_head(token)]
        return []

    # ------------------------------------------------------------------ status
    def _status(self, cand: _Candidate) -> str:
        flags: set[str] = set()
        if cand.status:
            flags.add(cand.status)
        anchor = cand.anchor
        if cand.verb is None and cand.noun is not None:
            flags |= self._noun_status(cand.noun)
            head = cand.noun.head
            if cand.noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
                flags |= self._clause_status(head)
        else:
            flags |= self._clause_status(anchor)
            if cand.noun is not None and cand.how == "light":
                flags |= self._noun_status(cand.noun) & {"hypothetical", "reported"}
        accusations = self.lexicon.sets.get("accusations", frozenset())
        if any(
            a.pos_ == "NOUN"
            and a.lemma_.lower() in accusations
            and a.i < anchor.i
            and not (anchor.tag_ == "VBG" and anchor.head.i == a.i)  # "a report accusing X"
            for a in anchor.ancestors
        ):
            flags.add("reported")  # "rejected accusations (that) his government cracked down"
        for status in _STATUS_ORDER:
            if status in flags:
                return status
        return "asserted"

    def _noun_status(self, noun: Token) -> set[str]:
        flags: set[str] = set()
        words = self.lexicon.status
        for child in noun.children:
            lower = child.lower_
            if child.dep_ == "det" and lower in ("no",):
                flags.add("negated")
            elif lower in words.hypothetical_determiners and child.dep_ in ("det", "amod"):
                flags.add("hypothetical")
            elif lower in self.lexicon.frames.reporting_hedges:
                flags.add("reported")
        return flags

    def _clause_status(self, verb: Token) -> set[str]:
        words = self.lexicon.status
        flags: set[str] = set()
        chain = [verb]
        cur = verb
        while cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
        for position, token in enumerate(chain):
            if token.dep_ in ("acl", "advcl", "relcl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children
            ):
                flags.add("hypothetical")  # "an intervention to topple X": a purpose, not a fact
            for child in token.children:
                lower = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "advmod" and lower in ("never",)):
                    # a conjunct does not inherit the negation of the verb it is joined to
                    if position == 0 or chain[position - 1].dep_ == "xcomp":
                        flags.add("negated")
                elif child.dep_ in ("aux", "auxpass"):
                    if lower in words.future_aux:
                        flags.add("future")
                    elif lower in words.hypothetical_aux:
                        flags.add("hypothetical")
                elif child.dep_ == "advmod" and lower in self.lexicon.frames.reporting_hedges:
                    flags.add("reported")
        # the content of a charge or claim: "denied charges that it tortured X"
        cur = verb
        for _ in range(6):
            if cur.dep_ not in ("acl", "ccomp", "relcl", "conj") or cur.head.i == cur.i:
                break
            if cur.tag_ == "VBG":
                break  # "a report accusing X": the report is the accuser, not the content
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.lemma_.lower() in self.lexicon.sets.get(
                "accusations", frozenset()
            ):
                flags.add("reported")
                break
        # a conditional clause, or the main clause of one
        cur = verb
        seen = 0
        while seen < 40:
            seen += 1
            for child in cur.children:
                if child.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in words.conditional_marks for m in child.children
                ):
                    flags.add("conditional")
            if cur.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in words.conditional_marks for m in cur.children
            ):
                flags.add("conditional")
            if cur.head.i == cur.i or cur.dep_ in ("ROOT", "ccomp", "parataxis"):
                break
            cur = cur.head
        return flags

    # ------------------------------------------------------------------ record
    def _event(
        self,
        doc: Doc,
        sent: SpacySpan,
        cand: _Candidate,
        ctx: _Context,
        consumed: set[int],
    ) -> Event:
        sources, targets = self._arguments(cand, ctx)
        if cand.type == "RETREAT" and cand.mode == "withdraw":
            # "completed its withdrawal of troops from Iraq": the forces withdrawn are the
            # actor's own, not the target (what they leave is); with no one named as the one
            # withdrawing, they are ("the withdrawal of Ugandan troops from Somalia")
            forces = [t for t in targets if self._object_lemmas(t) & self._forces]
            if forces:
                targets = [t for t in targets if t not in forces]
                sources = sources or forces
        sources = [_resolve_pronoun(t) for t in sources if not _temporal(t)]
        sources = self._speaker_source(cand, sources)
        if cand.verb is not None and cand.verb.dep_ == "relcl":
            # "claimed responsibility for the bombings that killed 300": the claimer did it
            sources = [
                c
                for s in sources
                for c in (
                    (self._claimers(s) or [s])
                    if self.lexicon.noun_lemma(s.lower_, s.lemma_) is not None
                    else [s]
                )
            ]
        targets = [self._participant(t, ctx, cand.type) for t in targets if not _temporal(t)]
        if cand.type in _HELPING_TYPES:
            # "arrived in South Sudan for [a peacekeeping mission]": a mission of no one and
            # nowhere is what the help is for; where it is given says who is helped
            targets = [
                t
                for t in targets
                if t.lemma_.lower() not in _MISSIONS
                or any(self._is_actor(x, ctx) for x in t.subtree)
            ]
        targets = [self._object_antecedent(t, sources, ctx) for t in targets]
        if cand.type != "ASSAULT" and cand.mode != "violence":
            # what is attacked (or threatened with attack) may be a thing ("attacked two camps")
            targets = [t for t in targets if self._actor_like(t, ctx)]
        source_ids = _unique(a for s in _expand(sources) for a in self._actor_ids(s, ctx))
        target_ids = _unique(a for t in _expand(targets) for a in self._actor_ids(t, ctx))
        implicit = False
        located: list[Token] = []
        if not targets and cand.verb is not None:
            # "accepted an invitation to meet with Kim Jong Un": the one the object's infinitive
            # is aimed at
            targets = [
                o
                for obj in _objects(cand.verb)
                if obj.lemma_.lower() in self.lexicon.sets.get("requests", frozenset())
                for clause in obj.children
                if clause.dep_ == "acl"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
                for o in (
                    *(c for c in clause.children if c.dep_ == "dobj"),
                    *(
                        g
                        for c in clause.children
                        if c.dep_ == "prep" and c.lower_ in ("with", "to")
                        for g in c.children
                        if g.dep_ == "pobj"
                    ),
                )
                if self._actor_like(o, ctx)
            ][:1]
            target_ids = _unique(a for t in _expand(targets) for a in self._actor_ids(t, ctx))
        if not targets:
            # the place the act is done in, linked to it by the parse ("sought refuge in X",
            # "suspended aid deliveries in X"), before an actor merely named in the clause
            targets = located = self._place_target(cand, ctx)
            target_ids = _unique(a for t in targets for a in self._actor_ids(t, ctx))
        if not targets and cand.type in _SEARCH_TARGET_TYPES:
            targets = self._implicit_target(cand, sources, ctx, sent)
            target_ids = _unique(a for t in targets for a in self._actor_ids(t, ctx))
            implicit = bool(target_ids)
        if not targets and cand.mode == "resign" and cand.how == "verb":
            # "X resigned after protests calling for his removal in Peru": the country whose
            # office is left, as CAMEO codes it, when the sentence names one
            targets = located = self._named_country(sent, sources, cand)
            target_ids = _unique(a for t in targets for a in self._actor_ids(t, ctx))
        if cand.type == "REJECT" and cand.verb is not None:
            # "declined to resign despite the pressure by Congress", "despite X's request":
            # whose demand is refused is the target
            pressing = self.lexicon.sets.get("requests", frozenset()) | {"pressure", "urging"}
            demanders = [
                d
                for h in (cand.verb, *cand.verb.children)
                for p in h.children
                if p.dep_ == "prep" and p.lower_ in ("despite", "defying")
                for n in p.children
                if n.dep_ == "pobj" and n.lemma_.lower() in pressing
                for d in (
                    *(c for c in n.children if c.dep_ == "poss" and c.pos_ != "PRON"),
                    *(
                        o
                        for q in n.children
                        if q.dep_ in ("prep", "agent") and q.lower_ in ("by", "from")
                        for o in q.children
                        if o.dep_ == "pobj"
                    ),
                )
                if _names_actor(d) or self._actor_like(d, ctx)
            ][:1]
            if demanders:
                targets = demanders
                target_ids = _unique(a for t in targets for a in self._actor_ids(t, ctx))
        target_ids = [a for a in target_ids if a not in source_ids] or (
            target_ids if not source_ids else []
        )
        if (
            cand.type == "MOBILIZE"
            and cand.noun is not None
            and cand.noun.lemma_.lower() in _EXERCISES
        ):
            # "Russia and China held naval drills", "held drills with China": an exercise of
            # more than one party is military cooperation (the PLOVER manual: joint exercises
            # are COOPERATE, single-country exercises MOBILIZE)
            partners = [
                o
                for h in (cand.verb, cand.noun)
                if h is not None
                for p in h.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children
                if o.dep_ == "pobj" and self._actor_ids(o, ctx)
            ]
            if len(source_ids) > 1 or partners:
                cand.type, cand.mode, cand.cameo = "COOPERATE", None, "062"
                if partners and not target_ids:
                    targets = partners
                    target_ids = _unique(a for t in partners for a in self._actor_ids(t, ctx))
        status = cand.status if cand.how == "frame" and cand.status else self._status(cand)
        if (
            status in ("future", "conditional")
            and self.ontology.quad(cand.type) in (1, 2)
            and cand.type != "AGREE"
            and not (cand.how == "frame" and cand.type == "CONCEDE")  # already an intent
            and not cand.imminent
        ):
            # PLOVER: a cooperative action announced for the future is an intent, AGREE; a
            # concession announced for the future is a verbal concession, CONCEDE
            cand.mode, cand.cameo = None, _intent_cameo(cand.type, cand.mode)
            cand.type = "CONCEDE" if cand.type in _YIELD_TYPES else "AGREE"
        if (
            status == "negated"
            and self.ontology.quad(cand.type) in (1, 2)
            and cand.verb is not None
            and _has_future_aux(cand.verb)
        ):
            # "will not release the hostages": a refusal
            cand.mode, cand.cameo = _request_mode(cand.type), "120"
            cand.type, status = "REJECT", "asserted"
        if (
            status in ("future", "conditional", "hypothetical")
            and (self.ontology.quad(cand.type) == 4 or cand.type == "SANCTION")
            and (
                (status != "hypothetical" and self._spoken(cand, ctx))
                or (
                    status != "hypothetical"
                    and any(t.lower_ in _FIRST_SINGULAR | _FIRST_PLURAL for t in sources)
                )
                or cand.intended
            )
        ):
            # "we will respond", "X said it would attack": a stated use of force to come is a
            # threat; so is an actor's own intent to use it ("plans to impose a curfew", "is
            # considering sanctions"): the PLOVER manual reads THREATEN as a hostile act that is
            # hypothetical
            cand.mode, cand.cameo = _threat_mode(cand.type, cand.mode)
            cand.type = "THREATEN"
            status = "future" if status == "hypothetical" else status
        trigger = doc[cand.start : cand.end]
        # a place that is the target is still where the event happens
        place = self._place(cand, sources + [t for t in targets if t not in located], ctx, sent)
        date, date_source = self._date(cand, ctx, sent)
        confidence = _BASE_CONFIDENCE[cand.how]
        if source_ids:
            confidence += 0.15
        if target_ids:
            confidence += 0.03 if implicit else 0.1
        return Event(
            id="",
            type=cand.type,
            mode=cand.mode,
            cameo=cand.cameo,
            quad=self.ontology.quad(cand.type),
            source=source_ids,
            target=target_ids,
            source_spans=_spans(doc, sources, trigger),
            target_spans=_spans(doc, targets, trigger),
            trigger=Span(trigger.start_char, trigger.end_char, trigger.text),
            sentence=Span(sent.start_char, sent.end_char, sent.text),
            status=status,
            place=place,
            date=date,
            date_source=date_source,
            intensity=self.ontology.intensity(cand.type, cand.mode),
            confidence=round(min(confidence, 0.98), 2),
            how=cand.how,
        )

    def _speaker_source(self, cand: _Candidate, sources: list[Token]) -> list[Token]:
        """The speaker of an intent or refusal stated for an unnamed group: "Gokul Baskota
        said the government will not lift the ban", "Taliban leaders said the fighters will lay
        down their arms": the one who states it speaks for the group and is its source."""
        if cand.verb is None or not sources or cand.how == "frame":
            return sources
        if any(s.pos_ != "NOUN" for s in sources) or any(
            t.ent_type_ in _ACTOR_ENTITIES for s in sources for t in _extent_tokens(s)
        ):
            return sources  # a name, or a pronoun (resolved by its own rules: "we", "it")
        if not (_has_future_aux(cand.verb) or any(c.dep_ == "neg" for c in cand.verb.children)):
            return sources
        if cand.verb.dep_ != "ccomp":
            return sources
        speakers = _reporting_subject(cand.verb, self.lexicon.frames.speech)
        if not speakers or any(s.pos_ == "PRON" for s in speakers):
            return sources
        return speakers

    def _spoken(self, cand: _Candidate, ctx: _Context) -> bool:
        """Whether an event is said by someone: inside a quote, or the clause of a speech verb."""
        at = cand.anchor.idx
        if any(start <= at < end for start, end, _ in ctx.quotes):
            return True
        cur = cand.anchor
        for _ in range(6):
            if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.lemma_.lower() in self.lexicon.frames.speech:
                return True
        return False

    def _place(
        self, cand: _Candidate, arguments: list[Token], ctx: _Context, sent: SpacySpan
    ) -> str | None:
        if not ctx.places:
            return None
        taken = [
            (doc_span[0].idx, doc_span[-1].idx + len(doc_span[-1]))
            for a in arguments
            if (doc_span := _extent_tokens(a))
        ]
        clause = cand.anchor.subtree
        clause_start = min((t.idx for t in clause), default=sent.start_char)
        clause_chars = (
            clause_start,
            max((t.idx + len(t) for t in cand.anchor.subtree), default=sent.end_char),
        )
        trigger_at = sent.doc[cand.start].idx
        best: tuple[int, int, str] | None = None
        for start, end, place_id in ctx.places:
            if start < sent.start_char or end > sent.end_char:
                continue
            if any(s <= start < e for s, e in taken):
                continue  # the place names a participant ("Venezuela rejected ...")
            in_clause = clause_chars[0] <= start < clause_chars[1]
            key = (0 if in_clause else 1, abs(start - trigger_at), place_id)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is not None:
            return best[2]
        return None  # the article-level fallbacks are applied once every event is known

    def _date(
        self, cand: _Candidate, ctx: _Context, sent: SpacySpan
    ) -> tuple[str | None, str | None]:
        trigger_at = sent.doc[cand.start].idx
        clause = list(cand.anchor.subtree)
        lo = min((t.idx for t in clause), default=sent.start_char)
        hi = max((t.idx + len(t) for t in clause), default=sent.end_char)
        # the event's clause and the clauses above it, up to a relative or adnominal clause:
        # "the Assembly that last month proclaimed X [...] in hopes that Y would recognise Z"
        # does not date the recognition, whatever the parse hangs the hopes on
        governing = {cand.anchor}
        cur = cand.anchor
        while cur.dep_ not in ("relcl", "acl") and cur.head.i != cur.i:
            cur = cur.head
            governing.add(cur)
        best: tuple[int, int, str] | None = None
        for start, end, value in ctx.dates:
            if start < sent.start_char or end > sent.end_char:
                continue
            if not _dates_clause(sent.doc, start, end, governing):
                continue  # "the Assembly that last month proclaimed ..." dates another clause
            key = (0 if lo <= start < hi else 1, abs(start - trigger_at), value)
            if best is None or key[:2] < best[:2]:
                best = key
        if best is not None:
            return best[2], "text"
        if ctx.published:
            return ctx.published[:10], "published"
        return None, None


def _dates_clause(doc: Doc, start: int, end: int, governing: set[Token]) -> bool:
    """Whether the date expression at ``start:end`` dates the event's own clause: walking up
    from it to the event's anchor or one of the anchor's ancestors (a sentence-initial
    "Yesterday,", a reporting verb's "on Monday", a complement's "vowed to attack on Monday")
    crosses no relative, adnominal or adverbial clause ("the Assembly that last month
    proclaimed ...", "after talks collapsed last week, ..."). ``governing`` stops at the first
    relative or adnominal clause above the event (see ``_date``)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    token = span.root
    while token not in governing:
        if token.dep_ in _OTHER_CLAUSES or token.head.i == token.i:
            return False  # in another clause, or above the one the event sits in
        token = token.head
    return True


_OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl"})


# ---------------------------------------------------------------------- place helpers
_DATELINE = re.compile(
    r"\A\s*([A-Z][A-Z.' -]*[A-Z.])\s*(?:,[^\n—–(]{1,40}?)?\s*(?:\([^)\n]{1,20}\)\s*)?[—–-]"
)


def _dateline(text: str, places: list[tuple[int, int, str]]) -> str | None:
    """The place of an article's dateline ("CARACAS, Venezuela — ...", "KABUL (AP) -")."""
    match = _DATELINE.match(text[:120])
    if match is None:
        return None
    for start, _, place_id in places:
        if start >= match.end():
            break
        if start >= match.start(1):
            return place_id
    return None


def _main_place(
    places: list[tuple[int, int, str]],
    counts: Counter[str],
    country_of: dict[str, str],
    specific: set[str],
) -> str | None:
    """The article's main place: in the country its place mentions name most, the most
    mentioned place finer than a country (a city, a province), else the country itself;
    ties go to the first mentioned."""
    if not counts:
        return None
    first = {pid: min(s for s, _, p in places if p == pid) for pid in counts}
    countries: Counter[str] = Counter()
    country_first: dict[str, int] = {}
    for start, _, place_id in places:
        country = country_of.get(place_id)
        if country is not None:
            countries[country] += 1
            country_first.setdefault(country, start)
    pool = list(counts)
    if countries:
        main = max(countries, key=lambda c: (countries[c], -country_first[c]))
        inside = [p for p in counts if country_of.get(p) == main]
        pool = [p for p in inside if p in specific] or inside or pool
    return max(pool, key=lambda pid: (counts[pid], -first[pid]))


# ---------------------------------------------------------------------- parse helpers
def _in_order(elements: tuple[frozenset[str], ...], words: list[str]) -> bool:
    """Whether each element matches a word of ``words``, in order (others may come between)."""
    at = 0
    for alternatives in elements:
        while at < len(words) and words[at] not in alternatives:
            at += 1
        if at == len(words):
            return False
        at += 1
    return True


def _verbal_token(token: Token) -> bool:
    """A verb in use; a "noun" that heads the sentence with an object is a verb the tagger
    missed (headlines: "EU and UN hand over supplies")."""
    if token.dep_ in ("amod", "compound"):
        return False
    if token.pos_ == "VERB":
        return True
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and any(c.dep_ in ("dobj", "prt") for c in token.children)
        and any(c.dep_ in _SUBJECT_DEPS for c in token.children)
    )


def _rank(status: str) -> int:
    return _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)


def _selective(sense: Sense) -> bool:
    """Whether a sense picks its reading by the verb's context (tried before light verbs)."""
    return (
        sense.object is not None
        or sense.object_or_actor is not None
        or sense.particle is not None
        or sense.prep is not None
        or sense.subject is not None
        or sense.intransitive is not None
        or sense.complement is not None
        or sense.clause
        or sense.if_clause
        or sense.context is not None
        or sense.before is not None
        or sense.after is not None
        or sense.subject_group
    )


def _objects(verb: Token) -> list[Token]:
    """Direct objects of a verb; for a passive verb, its subject."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    # "was arrested and charged": the second conjunct shares the first one's patient
    if (
        not found
        and verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    ):
        found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    return found


def _list_apposition(child: Token) -> bool:
    """Whether an "apposition" is the next item of a list the parser mistook for one ("The
    United States, India, Israel and other governments")."""
    return child.dep_ == "appos" and any(
        c.dep_ == "cc" for item in (child, *_conjuncts(child)) for c in item.children
    )


def _conjuncts(token: Token) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj" or _list_apposition(child):
            found.append(child)
            found.extend(_conjuncts(child))
    return found


def _expand(heads: list[Token]) -> list[Token]:
    """Argument heads with their coordinated conjuncts, in text order, without repeats."""
    seen: dict[int, Token] = {}
    for head in heads:
        for token in (head, *_conjuncts(head)):
            if (
                token.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X", "SYM")
                or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
                # a name the parser read as an adverb ("USAID provided ...")
                or (token.dep_ in ("advmod", "npadvmod") and _adverb_name(token))
            ):
                seen.setdefault(token.i, token)
    return [seen[i] for i in sorted(seen)]


def _bracketed(token: Token) -> bool:
    """Whether a phrase stands alone in brackets ("the World Health Organization (WHO)")."""
    doc = token.doc
    words = [t.i for t in token.subtree if not (t.is_punct or t.dep_ == "punct")] or [token.i]
    start, end = words[0], words[-1]
    return (
        start > 0 and end + 1 < len(doc) and doc[start - 1].text == "(" and doc[end + 1].text == ")"
    )


def _misattached_objects(verb: Token, objects: list[Token]) -> list[Token]:
    """Coordinated objects the parser hung on the verb ("outlawed the ANC and the recently
    formed PAC": the second "Congress" a conjunct of "outlawed"): a noun conjunct of a verb
    joined right after its object by a conjunction alone, with no subject or verb of its own."""
    if not objects:
        return []
    doc = verb.doc
    end = objects[0].right_edge.i
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in ("NOUN", "PROPN")
        and c.left_edge.i > end
        and any(t.dep_ == "cc" for t in doc[end + 1 : c.left_edge.i])
        and all(t.dep_ in ("cc", "punct") for t in doc[end + 1 : c.left_edge.i])
        and not any(g.dep_ in (*_SUBJECT_DEPS, "nsubjpass", "aux", "auxpass") for g in c.children)
    ]


def _adverb_name(token: Token) -> bool:
    """Whether a word the parser read as an adverb is a name: a named actor, or an acronym
    ("USAID")."""
    return token.ent_type_ in _ACTOR_ENTITIES or (
        token.text.isupper() and token.text.isalpha() and len(token.text) >= 3
    )


def _misattached_subject(verb: Token) -> list[Token]:
    """A subject the parser hung on the verb's auxiliary ("The United Kingdom and France
    however [have] opposed": "Kingdom" under "have")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    found = [g for a in auxes for g in a.children if g.dep_ in ("nsubj", "nsubjpass")][:1]
    # "USAID provided shelter": a name the parser read as an adverb before the verb
    return (
        found
        or [
            c
            for c in verb.children
            if c.dep_ in ("advmod", "npadvmod")
            and c.i < verb.i
            and _adverb_name(c)
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in verb.children)
        ][:1]
    )


#: verbs and nouns of letting something be done, whose subject has it done ("authorized X to be
#: extradited", "gave authorization for X to be extradited")
_PERMIT_VERBS = frozenset({"authorize", "authorise", "allow", "permit", "approve"})
_PERMIT_NOUNS = frozenset(
    {"authorization", "authorisation", "permission", "approval", "go-ahead", "clearance"}
)


def _permitter(verb: Token, control: frozenset[str]) -> list[Token]:
    """Who lets a passive infinitive be done, with no agent of its own: the subject of the verb
    of permission it hangs on ("A court has authorized X to be extradited"; the parser may
    hang "for X to be extradited" as a conjunct of "gave authorization")."""
    head = verb.head
    if (
        head.i == verb.i
        or head.pos_ != "VERB"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        or verb.dep_ not in ("ccomp", "xcomp", "conj", "advcl")
    ):
        return []
    if head.lemma_.lower() not in _PERMIT_VERBS and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in _PERMIT_NOUNS for c in head.children
    ):
        return []
    agents, _, passive = _subject_and_patient(head, control)
    return [] if passive else agents


def _subject_and_patient(
    verb: Token, control: frozenset[str] = frozenset()
) -> tuple[list[Token], list[Token], bool]:
    """(agents, patients, passive) of a verb, inheriting subjects across conjuncts and xcomps."""
    # "(WHO) threatening to ...": an acronym in brackets is the name before it, not a subject
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not _bracketed(c)]
    if not subjects:
        subjects = _misattached_subject(verb)
    patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    passive = bool(patients) or any(c.dep_ == "auxpass" for c in verb.children)
    if subjects or patients:
        if passive:
            if not agents:
                agents = _permitter(verb, control)
            return agents, [_antecedent(p) for p in patients], True
        if _misattached(verb, subjects):
            return [verb.sent.root], [], False
        return [_antecedent(s) for s in subjects], [], False
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        head_agents, head_patients, head_passive = _subject_and_patient(verb.head, control)
        if head_passive and verb.tag_ == "VBN":
            return agents or [], head_patients, True
        if passive and not head_passive:
            # "X, held for months, have been freed by Y": the shared subject undergoes it
            return agents, head_agents, True
        if head_passive:
            return head_patients, [], False
        return head_agents, [], False
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        controller = [c for c in verb.head.children if c.dep_ == "dobj"]
        if passive and controller and verb.head.lemma_.lower() in _PERMIT_VERBS:
            # "authorized the banker to be extradited": the banker undergoes it, the one who
            # authorizes has it done
            return _permitter(verb, control), controller, True
        # "called Erdogan to apologize": a telephone call, whose caller acts ("called on X to
        # act" is the appeal, its addressee a prepositional object)
        if controller and verb.head.lemma_.lower() in control - {"call"}:
            return controller, [], False
        head = verb.head
        if head.dep_ in ("acomp", "oprd") and head.head.i != head.i:
            head = head.head  # "is about to restore", "is willing to withdraw"
        head_agents, head_patients, head_passive = _subject_and_patient(head, control)
        if head_passive and head.lemma_.lower() in _CONTACT_VERBS:
            return head_agents, [], False  # "was summoned to protest": the summoner protests
        return (head_patients if head_passive else head_agents), [], False
    if verb.dep_ in ("acl", "relcl"):
        if _misread_main_verb(verb):
            return [verb.head], [], False
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            return agents, [verb.head], True
        plan = verb.head
        if (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and plan.dep_ == "dobj"
            and plan.ent_type_ not in _ACTOR_ENTITIES
        ):
            # "launched operations to detain X", "drew up a strategy to repel X": the one who
            # has the plan acts
            return _logical_subjects(plan.head, control), [], False
        owners = [c for c in plan.children if c.dep_ == "poss"]
        if owners and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # "X's plan to attack", "as part of its efforts to boost Y": the owner acts; a
            # possessive pronoun stands for the subject of the clause the plan is named in
            if owners[0].pos_ != "PRON":
                return owners, [], False
            above = _verb_above(plan)
            if above is not None:
                return _logical_subjects(above, control), [], False
        return [verb.head], [], False
    purpose = verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    if (verb.dep_ == "advcl" and verb.tag_ == "VBG") or purpose:
        # "..., killing dozens", "summoned the ambassador to complain": the main subject acts;
        # "the envoy was summoned to protest": the one who summons does, not the envoy
        head_agents, head_patients, head_passive = _subject_and_patient(verb.head, control)
        if head_passive and purpose and verb.head.lemma_.lower() in _CONTACT_VERBS:
            return head_agents, [], False
        return (head_patients if head_passive else head_agents), [], False
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
        return _gerund_doers(verb.head, control), [], False
    return agents, [], passive


def _gerund_doers(prep: Token, control: frozenset[str]) -> list[Token]:
    """Who does what a gerund after a preposition tells, when it has no subject of its own: the
    subject of the clause it hangs in ("continues its efforts by donating X"), the object of a
    verb that says something of it ("accused X of attacking", "thanked X for sending"), the
    patient of a passive ("was arrested for attacking"), and for a gerund qualifying an object
    noun, the subject of that object's verb ("is considering the possibility of providing X",
    "expressed pessimism over holding negotiations")."""
    holder = prep.head
    if holder.pos_ in ("VERB", "AUX"):
        agents, patients, passive = _subject_and_patient(holder, control)
        if passive:
            return patients
        objects = [c for c in holder.children if c.dep_ == "dobj"]
        if objects and prep.lower_ in ("of", "for", "from"):
            # "blamed X for attacking"; not "submitted petitions for recognising X"
            return objects if _names_actor(objects[0]) else []
        return agents
    if holder.pos_ == "NOUN" and holder.dep_ == "dobj" and holder.head.pos_ == "VERB":
        agents, patients, passive = _subject_and_patient(holder.head, control)
        return patients if passive else agents
    return []


def _misread_main_verb(verb: Token) -> bool:
    """Whether a participle is the sentence's main verb the parser hung on its subject ("Islamic
    State militants held 20,000 civilians as human shields": the root noun's participle takes a
    direct object, which a passive participle does not)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _logical_subjects(verb: Token, control: frozenset[str] = frozenset()) -> list[Token]:
    agents, _, _ = _subject_and_patient(verb, control)
    return agents


def _addressee(verb: Token, lemma: str) -> list[Token]:
    """Who an appeal is made to: "urged X", "called on X", "appealed to X"."""
    preps = {"call": ("on", "upon"), "appeal": ("to",)}.get(lemma)
    if preps is None:
        return [c for c in verb.children if c.dep_ == "dobj"]
    return [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in preps and p.i > verb.i
        for o in p.children
        if o.dep_ == "pobj" and not _temporal(o)
    ]


def _temporal(token: Token) -> bool:
    """Whether an argument head is a time ("on Thursday", "for the first time")."""
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() == "time"


def _names_actor(token: Token) -> bool:
    """Whether a phrase head names an actor: a person, group, organisation or place."""
    return token.ent_type_ in _ACTOR_ENTITIES or token.pos_ == "PRON"


def _recipients(verb: Token, people: Callable[[Token], bool] = lambda _: False) -> list[Token]:
    """The object of a verb's "to" phrase when it names an actor ("handed X to Y") or people
    (``people``: "returned the painting to its owner"), also when the parser hangs it on what
    is handed over ("provided $5 million in aid to Lebanon")."""
    holders = [verb]
    objects = [o for o in verb.children if o.dep_ in ("dobj", "nsubjpass")]
    for obj in objects + [c for o in objects for c in _conjuncts(o)]:
        holders.append(obj)
        holders += [
            o
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ in ("in", "of")
            for o in p.children
            if o.dep_ == "pobj"
        ]
    # last, deeper in what is handed over ("sent supplies and personnel such as doctors to X")
    inner: list[Token] = []
    stack = list(objects)
    while stack:  # the phrase's nouns, not its clauses ("firms blacklisted for links to X")
        for child in stack.pop().children:
            if child.dep_ in ("conj", "appos", "prep", "pobj", "compound"):
                inner.append(child)
                stack.append(child)
    holders += [t for t in inner if t not in holders and t.pos_ in ("NOUN", "PROPN")]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                found = [o for o in child.children if o.dep_ == "pobj"]
                if found and (
                    any(t.ent_type_ in _ACTOR_ENTITIES for t in found[0].subtree)
                    or people(found[0])
                ):
                    return found
    return []


def _resolve_pronoun(token: Token) -> Token:
    """A third-person pronoun subject of a reported clause stands for the reporting subject:
    "the regime said it would allow ..." -> the regime; a possessive one for the subject of
    the verb whose object it qualifies: "the United States completed its withdrawal"."""
    lower = token.lower_
    if lower in ("its", "their", "his", "her") and token.dep_ == "poss":
        verb = token.head.head
        if token.head.dep_ == "dobj":
            subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            if subjects and subjects[0].pos_ != "PRON":
                return subjects[0]
        return token
    if lower not in _THIRD_PERSON or token.dep_ not in ("nsubj", "nsubjpass"):
        return token
    cur = token.head
    for _ in range(6):
        content = cur.dep_ in ("acl", "ccomp") or (
            # a content clause the parser read as relative: "charges by X that it tortured"
            cur.dep_ == "relcl" and any(c.dep_ == "mark" for c in cur.children)
        )
        if content and cur.head.pos_ == "NOUN" and cur.head.head.i != cur.i:
            cur = cur.head  # "denied charges that it tortured ...": the charge's clause
        # "made it clear it will not lift ...": the clause says what was made clear
        made_clear = cur.dep_ == "advcl" and cur.head.pos_ == "ADJ" and cur.head.dep_ == "ccomp"
        if (
            cur.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "nsubj") or cur.head.i == cur.i
        ) and not made_clear:
            return token
        cur = cur.head
        subjects = [c for c in cur.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.pos_ == "PRON" and cur.pos_ == "ADJ" and cur.dep_ == "ccomp":
                continue  # the expletive of a small clause ("made *it* clear")
            if subject.pos_ == "PRON":
                return token
            plural = subject.tag_ == "NNS" or any(c.dep_ == "conj" for c in subject.children)
            if (lower == "it" and plural) or (lower in ("he", "she") and plural):
                return token
            return subject
    return token


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a word belongs to: a mention found inside a phrase ("the
    *Russian* ambassador", "*European* Commission's provisions") stands for the whole phrase."""
    cur = token
    for _ in range(6):
        if cur.dep_ not in _INNER_DEPS or cur.head.i == cur.i or cur.head.pos_ not in _NOMINAL_POS:
            break
        cur = cur.head
    return cur


def _reporting_subject(verb: Token, speech: frozenset[str]) -> list[Token]:
    """The speaker of the clause an event without a subject sits in ("X insisted that ...")."""
    cur = verb
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis") or cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.lemma_.lower() in speech:
            return [c for c in cur.children if c.dep_ in _SUBJECT_DEPS]
    return []


def _particles(verb: Token) -> list[Token]:
    """The verb's particles, with one the parser read as a preposition governing another
    ("pulled [out] of the region", "backed [away] from the deal"; "out" has no object)."""
    return [
        c
        for c in verb.children
        if c.dep_ == "prt"
        or (
            c.dep_ == "prep"
            and not any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            and any(g.dep_ == "prep" for g in c.children)
        )
    ]


def _has_future_aux(verb: Token) -> bool:
    return any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll", "wo", "ca", "can")
        for c in verb.children
    )


def _verb_above(token: Token) -> Token | None:
    cur = token
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _extent_tokens(head: Token, conjuncts: bool = False) -> list[Token]:
    """The words of an argument phrase: the head's subtree without clauses, purposes ("a
    decision to recognise ..."), dates, and (unless ``conjuncts``) coordinated phrases."""
    keep = [head]
    possessed = head.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.pos_ != "PRON" for c in head.children
    )
    for child in head.children:
        if (
            possessed
            and child.i > head.i
            and (child.dep_ == "acl" or (child.dep_ == "prep" and child.lower_ != "of"))
        ):
            continue  # "Theresa May's offer (on citizens' rights)": the owner names the thing
        if possessed and child.dep_ == "prep" and any(c.dep_ == "pcomp" for c in child.children):
            continue  # "GE's decision (of firing draftsmen)": what was decided is no part of it
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and head.tag_ in ("NNS", "NNPS")
            and any(c.dep_ == "nummod" for c in head.children)
            and any(o.ent_type_ in ("GPE", "LOC") for o in child.children)
        ):
            continue  # "deported 2,374 migrants (to Honduras)": where they went, not who
        if child.dep_ in ("conj", "cc", "preconj") and conjuncts:
            keep.extend(_extent_tokens(child, True) if child.dep_ == "conj" else [child])
            continue
        if child.dep_ in _EXTENT_SKIP or _list_apposition(child) or _misread_main_verb(child):
            continue
        if (
            not conjuncts
            and child.lower_ in _PAIR_WORDS
            and any(c.dep_ == "conj" for c in head.children)
        ):
            continue  # "against [both] India and Pakistan": the pair's word, not India's
        if child.dep_ == "case" and head.dep_ == "poss":
            continue  # "the government ['s] decision to expel": the owner, not its mark
        if (
            child.dep_ == "appos"
            and head.ent_type_ in ("GPE", "LOC")
            and child.ent_type_ in ("PERSON", "ORG")
        ):
            continue  # "from Syria, Defence Minister Sergei Shoigu said": not the place's name
        if (
            child.dep_ == "appos"
            and head.ent_type_ in ("GPE", "LOC", "FAC", "ORG")
            and child.pos_ == "NOUN"
            and child.i > head.i
            and any(c.dep_ in ("det", "poss") for c in child.children)
        ):
            continue  # "Hodeidah, a major flashpoint in the war": a place or body is its name
        if child.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            continue
        if child.dep_ in ("prep", "npadvmod") and any(
            t.ent_type_ in ("DATE", "TIME") for t in child.subtree
        ):
            continue
        if child.dep_ == "prep" and child.lower_ == "in" and not _placelike(child):
            continue  # "The Taliban gunmen [in reaction]": not where they are
        if child.i > head.i and _aside(child):
            continue
        if child.dep_ == "prep":
            keep.extend(_first_named_conjunct(child))
            continue
        keep.extend(child.subtree)
    doc = head.doc
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    for token in doc[head.i + 1 : end]:
        # a phrase ends before a finite clause inside it ("the mountains that border X has ...")
        if token.tag_ in ("VBZ", "VBD", "VBP", "MD") and token.dep_ != "amod":
            clause = token.head if token.dep_ in ("aux", "auxpass") else token
            cut = min(t.i for t in clause.subtree)
            if cut > head.i:
                end = min(end, cut)
            break
    if head.ent_type_ not in ("DATE", "TIME"):
        # "France's ambassador Monday", "the proposal submitted on March 31": no trailing date
        while end - 1 > head.i and doc[end - 1].ent_type_ in ("DATE", "TIME"):
            end -= 1
            while end - 1 > head.i and (doc[end - 1].pos_ == "ADP" or doc[end - 1].is_punct):
                end -= 1
    end = _possessed_end(doc, end)
    if start >= 2 and _split_possessive(doc, start - 1):
        # "Mexico ’ s handling" parsed with "Mexico" outside the phrase: the possessor belongs
        possessor = doc[start - 2]
        start = possessor.left_edge.i if possessor.right_edge.i == possessor.i else possessor.i
    elif start >= 3 and _split_possessive(doc, start - 2) and doc[start - 1].lower_ == "s":
        # "Belgrade ’ s High Court": the phrase began after the split "’ s"
        possessor = doc[start - 3]
        start = possessor.left_edge.i if possessor.right_edge.i == possessor.i else possessor.i
    start = _number_start(doc, start, head.sent.start)
    while (
        start < head.i
        and doc[start].ent_type_ in ("DATE", "TIME")
        and doc[start].dep_ not in _INNER_DEPS
    ):
        start += 1  # "Hours earlier Maduro", "This month the army"
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("and", "or")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("and", "or")):
        if doc[end - 1].text == ")" and any(t.text == "(" for t in doc[start:end]):
            break  # "the National Security Council (NSC)"
        end -= 1
    if start >= end:
        return [head]
    inside = [t.text for t in doc[start:end]]
    if inside.count("(") > inside.count(")") and end < len(doc) and doc[end].text == ")":
        end += 1  # "the National Security Council (NSC)"
    return list(doc[start:end])


#: a participle in one of these places with a determiner is a noun ("the injured")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
#: possessive pronouns of a person ("his rally")
_PERSONAL_OWNERS = frozenset({"his", "her", "my", "your"})
#: what a helper may contribute to in a country: the country is helped ("the UN mission in Mali")
_MISSIONS = frozenset(
    {
        "mission", "force", "operation", "deployment", "plan", "situation", "effort", "process",
        "development", "normalization", "normalisation", "stabilization", "stabilisation",
        "reconstruction", "expansion", "recovery",
    }
)  # fmt: skip
#: types of help, given or promised, whose recipient a mission's country is
_HELPING_TYPES = frozenset({"AID", "AGREE", "COOPERATE"})
#: words that mark a coordination as a whole ("both X and Y")
_PAIR_WORDS = frozenset({"both", "either", "neither"})
#: prepositions that open an adverbial, never a noun's modifier ("[due to] security concerns")
_ADVERBIAL_PREPS = frozenset({"due", "following", "because", "despite", "amid", "amidst"})
#: participles of saying that open reported speech, not a description ("[charging] that ...")
_SAYING_PARTICIPLES = frozenset({"charge", "say", "claim", "warn", "insist", "argue", "allege"})


def _aside(child: Token) -> bool:
    """A dependent after a phrase's head that is not part of the phrase: an example list set
    off by a comma ("aid workers[, including those from Oxfam]"), a count in apposition ("the
    Maradi region[, some 7,660]"), an adverbial preposition, a participle of saying."""
    before = child.doc[child.i - 1] if child.i > 0 else None
    if child.lower_ == "including" and before is not None and before.text == ",":
        return True
    if child.dep_ == "appos" and (child.pos_ == "NUM" or child.ent_type_ == "CARDINAL"):
        return True
    if child.dep_ in ("prep", "amod") and child.lower_ in _ADVERBIAL_PREPS:
        return True
    saying = child.lemma_.lower() in _SAYING_PARTICIPLES
    return child.dep_ == "acl" and child.tag_ == "VBG" and saying


def _first_named_conjunct(prep: Token) -> list[Token]:
    """A prepositional phrase of an argument whose object is a list of names keeps the first
    ("diplomats from [Poland], Germany and Sweden", "people in [Somalia], Ethiopia and Kenya"):
    each named one is a participant of its own, not a modifier of the first."""
    conjs = _named_list_rest(prep)
    if not conjs:
        return list(prep.subtree)
    obj = conjs[0].head
    end = min(min(t.i for t in c.subtree) for c in conjs)
    for c in obj.children:
        if c.dep_ in ("cc", "punct") and obj.i < c.i < end:
            end = c.i
    return [t for t in prep.subtree if t.i < end]


def _named_list_rest(prep: Token) -> list[Token]:
    """The names after the first of a prepositional object that is a list of names."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if prep.lower_ == "between" or not objects or not objects[0].ent_type_:
        return []  # "the summit between the EU and Turkey" names both together
    conjs = _conjuncts(objects[0])
    if not conjs or not all(c.ent_type_ in _ACTOR_ENTITIES for c in conjs):
        return []
    return conjs


_PLACE_HEADS = frozenset(
    {
        "area",
        "region",
        "province",
        "district",
        "city",
        "town",
        "village",
        "state",
        "country",
        "territory",
        "zone",
        "camp",
        "capital",
        "border",
        "county",
        "countryside",
        "prison",
        "centre",
        "center",
        "neighbourhood",
        "neighborhood",
        "street",
        "part",
        "north",
        "south",
        "east",
        "west",
        "island",
        "municipality",
        "base",
        "jail",
    }
)


def _placelike(prep: Token) -> bool:
    """Whether an "in" phrase says where: a named place, or a common noun of place."""
    return any(
        t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") or t.lemma_.lower() in _PLACE_HEADS
        for t in prep.subtree
    )


_APOSTROPHES = frozenset({"’", "'", "‘"})
_THOUSANDS = re.compile(r"\d{3}")
_APPROXIMATELY = frozenset(
    {"about", "over", "almost", "around", "some", "nearly", "approximately", "roughly", "up"}
)


def _number_start(doc: Doc, start: int, floor: int) -> int:
    """The start of a phrase whose count the tokenizer split at its thousands comma ("About 1 ,
    100 contract employees", "Almost 12 , 000 Iraqi Christians"), with its approximating word."""
    at = start
    if (
        at - 1 >= floor
        and doc[at - 1].like_num
        and not doc[at].like_num
        and doc[at - 1].ent_type_ not in ("DATE", "TIME")
    ):
        at -= 1  # the count the parser left outside the phrase
    while (
        at - 2 >= floor
        and doc[at - 1].text == ","
        and _THOUSANDS.fullmatch(doc[at].text)
        and doc[at - 2].text.isdigit()
        and len(doc[at - 2].text) <= 3
    ):
        at -= 2
    if at == start and not doc[at].like_num:
        return start
    if at - 1 >= floor and doc[at - 1].lower_ in _APPROXIMATELY:
        at -= 1
    return at


def _split_possessive(doc: Doc, at: int) -> bool:
    """Whether ``doc[at]`` is the apostrophe of a possessive the tokenizer split off ("Japan ’ s
    government", in text whose words were joined by spaces)."""
    return 0 < at < len(doc) - 1 and doc[at].text in _APOSTROPHES and doc[at + 1].lower_ == "s"


def _possessed_end(doc: Doc, end: int) -> int:
    """The end of a phrase that a split possessive continues: "Theresa May ’ s offer" for a
    phrase ending in "Theresa May" (the parser often leaves the possessor outside)."""
    if end >= len(doc) - 1 or not _split_possessive(doc, end):
        return end
    owned = doc[end + 1]
    cur = owned
    for _ in range(6):
        if cur.dep_ not in _INNER_DEPS or cur.head.i <= cur.i or cur.head.pos_ not in _NOMINAL_POS:
            break
        cur = cur.head
    if cur.i == owned.i:
        # "’ s" hung on the verb with the possessed noun below it, or beside it
        cur = next((c for c in owned.rights if c.pos_ in ("NOUN", "PROPN")), owned)
    if cur.i == owned.i and end + 2 < len(doc):
        cur = doc[end + 2]
        for _ in range(6):
            if cur.dep_ not in _INNER_DEPS or cur.head.i <= cur.i:
                break
            cur = cur.head
    if cur.i == owned.i or cur.pos_ not in ("NOUN", "PROPN"):
        return end
    return max(end, _extent_tokens(cur)[-1].i + 1)


def _beneficiaries(verb: Token) -> list[Token]:
    """Whom an act of help is for, named by its purpose: "sent aid to help victims of the
    earthquake", "donated ventilators to assist Ethiopia", "launched a mediation effort
    designed to help the government and the rebels reach a settlement"."""
    for token in verb.subtree:
        if (
            token.i <= verb.i
            or token.pos_ != "VERB"
            or token.lemma_.lower()
            not in _BENEFIT_VERBS | _PLACE_PURPOSES | _NEED_VERBS | _FUND_VERBS
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            continue
        cur, steps = token, 0
        while cur.i != verb.i and steps < 4 and cur.dep_ in _PURPOSE_PATH:
            cur, steps = cur.head, steps + 1
        if cur.i != verb.i:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        if token.lemma_.lower() in _FUND_VERBS:
            # "to pay for humanitarian aid for those affected in Yemen": whom the thing paid
            # for is for (not a time: "to fund the programme for five years")
            paid = objects + [
                o
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "for"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            found = [
                o
                for thing in paid
                for p in thing.children
                if p.dep_ == "prep" and p.lower_ == "for"
                for o in p.children
                if o.dep_ == "pobj"
                and o.pos_ in ("NOUN", "PROPN", "PRON")
                and o.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL")
            ][:1]
            if found:
                return found
            continue
        if token.lemma_.lower() in _PLACE_PURPOSES:
            # "to fight the Ebola epidemic in West Africa": where the misfortune strikes;
            # "to promote investment and development in Ethiopia": where it is built up;
            # "offered to send troops to distribute supplies in Somalia": where it is handed out
            if not objects:
                # "to stem and ultimately end the outbreak": the parser may hang the second
                # verb, which has the shared object, on the verb the purpose is of
                objects = [
                    o
                    for v in verb.children
                    if v.dep_ == "conj" and v.pos_ == "VERB" and v.i > token.i
                    for o in v.children
                    if o.dep_ == "dobj"
                ][:1]
            objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
            return [
                o
                for h in (token, *objects)
                for p in h.children
                if p.dep_ == "prep" and p.lower_ in ("in", "across", "throughout")
                for o in p.children
                if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC")
            ][:1]
        if token.lemma_.lower() in _NEED_VERBS and not any(
            c.lemma_.lower() in ("need", "needs") for c in objects
        ):
            continue  # "to address the issue": not a need of anyone
        # "help X cope with": the parser may make X the subject of the complement
        objects += [
            s
            for c in token.children
            if c.dep_ in ("ccomp", "xcomp")
            for s in c.children
            if s.dep_ == "nsubj"
        ]
        if objects:
            return objects[:1]
    return []


def _place_agent(verb: Token, place_starts: frozenset[int]) -> list[Token]:
    """The place named by a passive verb's "in" or "from" phrase, when it is a named place
    ("arrested in Niger"), also one level down ("tortured in a prison in Afghanistan")."""

    def named_place(token: Token) -> bool:
        words = [token, *(c for c in token.children if c.dep_ == "compound")]
        return any(t.ent_type_ in ("GPE", "LOC") or t.idx in place_starts for t in words)

    # "was tortured and killed in a prison": the place phrase may hang on the conjunct
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN")]
    for child in (c for v in verbs for c in v.children):
        if child.dep_ == "prep" and child.lower_ in ("in", "from"):
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                if named_place(obj):
                    return [obj]
                for inner in obj.children:
                    if inner.dep_ == "prep" and inner.lower_ == "in":
                        for place in inner.children:
                            if place.dep_ == "pobj" and named_place(place):
                                return [place]
    return []


def _of_phrase(head: Token) -> list[Token]:
    """A noun phrase's words, without its prepositional phrases other than "of" ("parts of
    Kashmir", not "aid to the Palestinians" nor "operations in Iraq")."""
    found = [head]
    for child in head.children:
        if child.dep_ in _INNER_DEPS or child.dep_ in ("appos", "conj"):
            found.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.extend(_of_phrase(obj))
    return found


def _common(token: Token) -> bool:
    """Whether a phrase head is a common noun that names no entity ("soldiers", "forces")."""
    return token.pos_ == "NOUN" and not token.ent_type_


def _spans(doc: Doc, heads: list[Token], trigger: SpacySpan | None = None) -> list[Span]:
    """One span per argument: one per named actor of a coordination ("Bahrain", "Kuwait",
    "the United Arab Emirates"), a coordination of common nouns kept whole ("police and
    soldiers", "the army and allied forces")."""
    found: list[Span] = []
    expanded = _expand(heads)
    for head in list(expanded):
        # "diplomats from Poland, Germany and Sweden": each name after the first is its own
        for child in head.children:
            if child.dep_ == "prep" and child.i > head.i:
                expanded.extend(_named_list_rest(child))
    split = _split_phrases(expanded)
    for head in expanded:
        items = [head, *_conjuncts(head)]
        whole = len(items) > 1 and all(_common(t) for t in items)
        span = _span(doc, head, conjuncts=whole, trigger=trigger)
        if head.i in split:
            # "The rebel | Free Syrian Army threatened": one phrase read as two subjects
            first = _span(doc, split[head.i], trigger=trigger)
            span = Span(first.start, span.end, doc.text[first.start : span.end])
            found = [s for s in found if s.start != first.start]
        if not any(s.start <= span.start and span.end <= s.end for s in found):
            found = [s for s in found if not (span.start <= s.start and s.end <= span.end)]
            found.append(span)
    return sorted(found, key=lambda s: s.start)


def _split_phrases(heads: list[Token]) -> dict[int, Token]:
    """Heads the parser made two arguments of one verb though they are one phrase: two
    subjects (or two objects) of the same verb with nothing between them ("The rebel Free
    Syrian Army threatened", "European Parliament's lead Brexit negotiator Guy Verhofstadt
    has rejected"). Maps the second head to the first."""
    joined: dict[int, Token] = {}
    for first, second in pairwise(heads):
        if (
            first.dep_ == second.dep_
            and first.dep_ in ("nsubj", "nsubjpass", "dobj")
            and first.head.i == second.head.i
            and first.right_edge.i + 1 == second.left_edge.i
        ):
            joined[second.i] = joined.get(first.i, first)
    return joined


def _span(doc: Doc, head: Token, conjuncts: bool = False, trigger: SpacySpan | None = None) -> Span:
    tokens = _extent_tokens(head, conjuncts)
    start, end = tokens[0].i, tokens[-1].i + 1
    if trigger is not None and start < trigger.end and trigger.start < end:
        # a participant phrase stops at the trigger ("let free [Towakil Karman]", "held
        # [20,000 civilians] as human shields")
        if head.i >= trigger.end:
            start = trigger.end
        elif head.i < trigger.start:
            end = trigger.start
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "CCONJ")):
            end -= 1
    piece = doc[start:end]
    return Span(piece.start_char, piece.end_char, piece.text)


def _unique(values: Any) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


def _threat_mode(type_: str, mode: str | None) -> tuple[str | None, str]:
    """Mode and CAMEO code of a threat to carry out an event of ``type_``."""
    if type_ in ("ASSAULT", "MOBILIZE"):
        return "violence", "138"
    if type_ == "COERCE":
        table = {
            "arrest": ("arrest", "137"),
            "ban": ("ban", "1322"),
            "seize": ("territory", "1382"),
            "deport": ("expel", "136"),
            "censor": ("rights", "1321"),
        }
        return table.get(mode or "", ("restrict", "132"))
    if type_ == "SANCTION":
        return ("expel", "136") if mode == "expel" else ("relations", "131")
    if type_ == "PROTEST":
        return "relations", "133"
    if type_ in ("RETREAT", "CONCEDE", "SUPPORT", "AGREE", "CONSULT", "COOPERATE", "AID"):
        return "relations", "131"
    return None, "130"


def _intent_cameo(type_: str, mode: str | None) -> str:
    """CAMEO code of an intent to carry out a cooperative event of ``type_``."""
    if type_ == "RETREAT":
        return {"release": "0353", "resign": "0341"}.get(mode or "", "0356")
    return {
        "CONSULT": "036",
        "AID": "033",
        "COOPERATE": "031",
        "SUPPORT": "032",
        "CONCEDE": "035",
    }.get(type_, "030")


def _request_mode(type_: str) -> str:
    """REQUEST or REJECT mode for what is demanded or refused."""
    if type_ in ("RETREAT", "CONCEDE"):
        return "yield"
    if type_ == "CONSULT":
        return "meet"
    if type_ in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
        return "assist"
    return "change"


@Language.factory(
    "eventwire_events",
    default_config={"lexicon": None, "petrarch_verbs": None, "petrarch_codes": "cameo"},
)
def make_event_extractor(
    nlp: Language,
    name: str,
    lexicon: str | None,
    petrarch_verbs: str | None,
    petrarch_codes: str,
) -> EventExtractor:
    """spaCy factory: ``nlp.add_pipe("eventwire_events")`` after the actor, quote, place and
    date components."""
    return EventExtractor(nlp, name, lexicon, petrarch_verbs, petrarch_codes)
