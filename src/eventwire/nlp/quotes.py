"""Quotes: who said what, as direct, mixed and indirect quotes attributed to actors.

The ``eventwire_quotes`` spaCy component runs after ``eventwire_actors`` and sets
``doc._.quotes`` to a list of :class:`~eventwire.records.Quote` records (ids Q1.. in text
order). It finds:

- direct quotes between quotation marks of every style (straight and curly double quotes,
  doubled apostrophes, guillemets; single quotes only nested inside, or as the outer marks of
  a text that uses no double ones). A quote runs over sentences and paragraphs: a paragraph
  that opens a quote and does not close it goes on in the next paragraph's opening mark. The
  cue may come before (``He said: "…"``), after (``"…," he said``) or in the middle
  (``"…," he said. "…"``, one quote). A quote paragraph with no cue of its own inherits the
  speaker of the quote before it. Unbalanced marks end the quote at the end of its paragraph.
- mixed quotes: reported speech that carries a quoted fragment (``insisted that "all options
  are on the table"``, ``denounced the "dictatorship" of Maduro``).
- indirect quotes: a cue verb with a clausal, infinitival or object complement (``warned
  Trump that …``, ``vowed to respond``, ``accused the Americans of staging a coup``) and
  ``according to X``.

The speaker span is resolved to an actor of ``doc._.actors`` through its mentions; pronouns
without an actor mention go to the nearest compatible actor before them (subjects first),
"I" and "we" inside a quote are the speaker of that quote, and a speaker that names no actor
("officials") keeps its span with ``speaker`` None. Cue words and marks are data
(``knowledge/data/quotes.json``).
"""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.nlp.syntax import misattached
from eventwire.records import Actor, Quote, Span

logger = logging.getLogger(__name__)

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_ADVERBIAL_DEPS = frozenset(
    {"advmod", "aux", "auxpass", "neg", "npadvmod", "prep", "punct", "prt", "dative", "cc"}
)
_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_PARAGRAPH_BREAK = re.compile(r"\n+")
_OBJECT_TAIL_DEPS = frozenset({"prep", "oprd", "xcomp", "ccomp", "dative", "acomp"})


@cache
def _lexicon() -> dict[str, Any]:
    text = resources.files("eventwire.knowledge").joinpath("data/quotes.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# ---------------------------------------------------------------------- quotation marks


@cache
def _mark_pattern(glyphs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(g) for g in glyphs))


@dataclass(slots=True, frozen=True)
class QuotedSpan:
    """Characters ``start:end`` of a text between quotation marks, marks included.

    ``closed`` is False when no closing mark was found and the span ends with its paragraph;
    ``paragraphs`` counts the paragraphs it runs over.
    """

    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


class QuoteMarks:
    """Find the quoted stretches of a text, for every mark style, tolerating unbalanced marks.

    Args:
        marks: the ``marks`` table of ``quotes.json``.
    """

    def __init__(self, marks: dict[str, list[str]]) -> None:
        self.double: dict[str, str] = {}
        for side in ("open", "close", "either"):
            for glyph in marks[f"double_{side}"]:
                self.double[glyph] = side
        self.single: dict[str, str] = {g: "open" for g in marks["single_open"]}
        self.single.update({g: "close" for g in marks["single_close"]})
        self.open_before = frozenset(marks["open_before"])
        self.close_after = frozenset(marks["close_after"])

    @staticmethod
    def _scan(text: str, table: dict[str, str]) -> list[tuple[int, int, str]]:
        """Every mark of ``table`` in ``text``: (start, end, glyph side)."""
        pattern = _mark_pattern(tuple(sorted(table, key=len, reverse=True)))
        return [(m.start(), m.end(), table[m.group()]) for m in pattern.finditer(text)]

    def _side(self, text: str, start: int, end: int, glyph: str, is_open: bool) -> str | None:
        """Whether a mark opens or closes a quote here (None: not a quote mark here)."""
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        opens = before.isspace() or before in self.open_before or before in self.double
        closes = after.isspace() or after in self.close_after or after in self.double
        if glyph == "either":
            if opens and not closes:
                return "open"
            if closes and not opens:
                return "close"
            return "close" if is_open else "open"
        if glyph == "open":
            # a mistyped opening mark used to close ("word“ said")
            return "close" if is_open and closes and not opens else "open"
        # glyph == "close"
        return "open" if not is_open and opens and not closes else "close"

    def find(self, text: str) -> list[QuotedSpan]:
        """The quoted stretches of ``text`` in order (see the module docstring)."""
        marks = self._scan(text, self.double)
        table_single = False
        if not marks:
            marks = self._scan(text, self.single)
            table_single = True
        if not marks:
            return []
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        spans: list[QuotedSpan] = []
        current: int | None = None
        current_para = -1
        paragraphs = 1
        opened_free = True

        def paragraph(pos: int) -> int:
            return bisect_right(newlines, pos)

        def paragraph_end(pos: int) -> int:
            index = paragraph(pos)
            end = newlines[index] if index < len(newlines) else len(text)
            while end > pos and text[end - 1].isspace():
                end -= 1
            return end

        def opens_paragraph(pos: int) -> bool:
            line_start = text.rfind("\n", 0, pos) + 1
            return not text[line_start:pos].strip()

        for start, end, glyph in marks:
            if table_single and glyph == "close" and end < len(text) and text[end].isalnum():
                continue  # an apostrophe (don’t), not a closing single quote
            para = paragraph(start)
            if current is not None and para != current_para:
                side = self._side(text, start, end, glyph, False)
                between = text[paragraph_end(current) : start]
                if (
                    side == "open"
                    and opens_paragraph(start)
                    and between.count("\n") >= 1
                    and opened_free
                ):
                    # the quote goes on in this paragraph: the convention for long quotes
                    current_para = para
                    paragraphs += 1
                    continue
                spans.append(QuotedSpan(current, paragraph_end(current), False, paragraphs))
                current = None
            side = self._side(text, start, end, glyph, current is not None)
            if table_single and side == "close" and current is None:
                continue
            if side == "open":
                if current is not None:
                    # two opening marks in one paragraph: the first is a stray mark
                    logger.debug("unclosed quote mark at %d", current)
                current, current_para, paragraphs = start, para, 1
                # only a quote that opens on its own (not mid-sentence) runs on past its
                # paragraph; an unclosed fragment is a missing closing mark
                opened_free = text[text.rfind("\n", 0, start) + 1 : start].rstrip()[-1:] in (
                    "",
                    ":",
                    ",",
                    ".",
                    "!",
                    "?",
                    "—",
                )
            elif current is not None:
                spans.append(QuotedSpan(current, end, True, paragraphs))
                current = None
            else:
                logger.debug("stray closing quote mark at %d", start)
        if current is not None:
            spans.append(QuotedSpan(current, paragraph_end(current), False, paragraphs))
        return [s for s in spans if s.end - s.start > 1]


# ---------------------------------------------------------------------- cues and speakers


@dataclass(slots=True)
class _Attribution:
    """Who said it and with what word: token ranges (end exclusive)."""

    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    head: int | None = None  # the speaker's head token


@dataclass(slots=True)
class _Found:
    """A quote before speaker resolution: content as characters, the rest as token ranges."""

    kind: str
    start: int
    end: int
    attribution: _Attribution | None
    parts: list[tuple[int, int]] = field(default_factory=list)  # pieces, when interrupted
    floating: bool = False  # a quote paragraph with no cue of its own
    source: _Found | None = None  # the quote a floating one takes its speaker from
    region: int = -1  # index of the quoted group this quote starts with (-1: none)
    cue_token: int = -1
    actor: str | None = None
    speaker_span: Span | None = None
    enclosing: list[int] = field(default_factory=list)

    def extend(self, start: int, end: int) -> None:
        """Add a piece said after an interruption (the cue, a paragraph break)."""
        if not self.parts:
            self.parts.append((self.start, self.end))
        self.parts.append((start, end))
        self.end = max(self.end, end)


@dataclass(slots=True)
class _Group:
    """A run of quoted stretches in one paragraph, with only punctuation between them."""

    start: int  # first token (the opening mark)
    end: int  # token after the last one
    char_start: int
    char_end: int
    leading_free: bool = False  # nothing but an attribution or nothing before it
    opens_sentence: bool = False
    pause: str = ""  # the colon, comma or dash just before it
    ends_sentence: bool = False
    asks_or_exclaims: bool = False


class QuoteFinder:
    """Find the quotes of one article and attribute them (see the module docstring).

    Args:
        nlp: the pipeline the component belongs to.
        name: the component name.
    """

    def __init__(self, nlp: Language, name: str = "eventwire_quotes") -> None:
        self.name = name
        lexicon = _lexicon()
        self.marks = QuoteMarks(lexicon["marks"])
        self.clause_cues = frozenset(lexicon["clause_cues"])
        self.speech_cues = frozenset(lexicon["speech_cues"])
        self.object_fallback_cues = frozenset(lexicon["object_fallback_cues"])
        self.naming_cues = frozenset(lexicon["naming_cues"])
        self.adjective_cues = frozenset(lexicon["adjective_cues"])
        self.noun_cues = frozenset(lexicon["noun_cues"])
        self.addressee_cues = frozenset(lexicon["addressee_cues"])
        self.infinitive_cues = frozenset(lexicon["infinitive_cues"])
        self.object_cues = frozenset(lexicon["object_cues"])
        self.object_preps: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in lexicon["object_preposition_cues"].items()
        }
        self.prep_cues: dict[str, frozenset[str]] = {
            k: frozenset(v) for k, v in lexicon["preposition_cues"].items()
        }
        self.cues = (
            self.clause_cues
            | self.infinitive_cues
            | self.object_cues
            | frozenset(self.prep_cues)
            | frozenset(self.object_preps)
            | self.speech_cues
        )
        self.according = {tuple(p) for p in lexicon["according_to"]}
        self.according_first = frozenset(p[0] for p in self.according)
        self.first_person = frozenset(lexicon["first_person"])
        self.affiliation_preps = frozenset(lexicon["speaker_affiliation_preps"])
        self.pronouns: dict[str, tuple[frozenset[str], str]] = {
            k: (frozenset(v["kinds"]), v["number"]) for k, v in lexicon["pronouns"].items()
        }
        self.sentences_back = int(lexicon["pronoun_sentences_back"])
        self.floating_reach = int(lexicon["floating_reach_paragraphs"])
        self.max_speaker = int(lexicon["max_speaker_tokens"])
        self.max_attribution = int(lexicon["max_attribution_tokens"])
        self.label_stopwords = frozenset(lexicon["label_stopwords"])
        self.max_label = int(lexicon["max_label_tokens"])
        self.min_label_words = int(lexicon["min_label_words"])

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = self.quotes(doc)
        return doc

    # ------------------------------------------------------------------ the whole article
    def quotes(self, doc: Doc) -> list[Quote]:
        """Return the quotes of ``doc`` in text order, speakers resolved to actors."""
        if not len(doc):
            return []
        text = doc.text
        state = _DocState(doc, text, self.marks.find(text))
        for group in state.groups:
            group.leading_free = self._leading_free(state, group)
        found: list[_Found] = []
        used_cues: set[int] = set()
        self._direct(state, found, used_cues)
        self._labelled(state, found)
        self._indirect(state, found, used_cues)
        found = self._attach_floating(state, found)
        actors = doc._.actors if Doc.has_extension("actors") else None
        resolver = _Speakers(self, state, list(actors or []))
        return resolver.resolve(found)

    # ------------------------------------------------------------------ direct quotes
    def _direct(self, state: _DocState, found: list[_Found], used: set[int]) -> None:
        groups = state.groups
        g = 0
        while g < len(groups):
            group = groups[g]
            attribution = self._trailing(state, group)
            if attribution is None and group.leading_free:
                attribution = self._leading(state, group)
                tail = self._reported_before(state, group, attribution)
                if tail is not None:
                    used.add(tail.cue_token)
                    found.append(tail)
                    g += 1
                    continue
            if attribution is not None and group.leading_free:
                if attribution.cue is not None:
                    used.add(attribution.cue[0])
                quote = _Found("direct", group.char_start, group.char_end, attribution, region=g)
                g = self._continue_after_cue(state, g, quote, found)
                continue
            if group.leading_free and self._floating(state, group):
                found.append(
                    _Found(
                        "direct", group.char_start, group.char_end, None, floating=True, region=g
                    )
                )
            else:
                mixed = self._mixed(state, group, used)
                if mixed is not None:
                    found.append(mixed)
            g += 1

    def _attach_floating(self, state: _DocState, found: list[_Found]) -> list[_Found]:
        """Join each floating quote to the quote just before it, or let it inherit its speaker.

        A floating quote right after another quote (nothing between them but the rest of that
        quote's sentence) continues it, while the words between are no more than the quoted
        ones; one further away, at most ``floating_reach`` paragraphs on (quotes.json), takes
        the speaker of the quote before.
        """
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[_Found] = []
        for item in found:
            previous = max(
                (k for k in kept if k.end <= item.start), key=lambda k: k.end, default=None
            )
            if not item.floating or previous is None:
                kept.append(item)
                continue
            first = state.token_at(previous.end)
            last = state.token_at(item.start)
            if self._continues(state, previous, first, last):
                previous.extend(item.start, item.end)
                continue
            if state.para[last] - state.para[max(first - 1, 0)] <= self.floating_reach:
                item.source = previous
            kept.append(item)
        return kept

    @staticmethod
    def _continues(state: _DocState, previous: _Found, first: int, last: int) -> bool:
        """Whether a floating quote at token ``last`` goes on with ``previous`` (ending at
        token ``first``): nothing between them but the rest of that quote's sentence."""
        if previous.kind == "indirect" or (previous.kind == "direct" and previous.region < 0):
            return False  # reported speech and transcript lines ("TRUMP: …") do not go on
        return state.one_sentence_tail(first, last)

    def _continue_after_cue(
        self, state: _DocState, g: int, quote: _Found, found: list[_Found]
    ) -> int:
        """ "…," he said. "…": the quote goes on after its cue, as one quote in parts; return
        the next group to see."""
        groups = state.groups
        group = groups[g]
        end_of_cue = state.window_end(group.end)
        nxt = g + 1
        while (
            nxt < len(groups)
            and groups[nxt].start >= end_of_cue
            and state.only_punct(end_of_cue, groups[nxt].start)
            and groups[nxt].leading_free
            and state.para[groups[nxt].start] == state.para[group.start]
            and self._trailing(state, groups[nxt]) is None
            and not self._own_leading_cue(state, groups[nxt], quote)
            and self._only_the_cue_between(state, group.end, groups[nxt].start, quote)
        ):
            part = groups[nxt]
            quote.extend(part.char_start, part.char_end)
            group = part
            end_of_cue = state.window_end(part.end)
            nxt += 1
        found.append(quote)
        return nxt

    @staticmethod
    def _only_the_cue_between(state: _DocState, start: int, end: int, quote: _Found) -> bool:
        """Whether tokens ``start:end`` hold nothing but the quote's own cue clause."""
        if state.only_punct(start, end):
            return True
        cue = quote.attribution.cue if quote.attribution is not None else None
        return cue is not None and start <= cue[0] < end

    def _leading_free(self, state: _DocState, group: _Group) -> bool:
        """Whether a quoted group stands as a quote of its own, not inside a clause: it opens
        its sentence, follows a colon, or follows a comma or dash after a cue ("He said, …")."""
        if group.opens_sentence or group.pause == ":":
            return True
        if not group.pause:
            return False
        doc = state.doc
        return any(
            self._is_according(doc, k) or self._is_cue_verb(doc[k])
            for k in range(state.window_start(group.start), group.start)
        )

    def _own_leading_cue(self, state: _DocState, group: _Group, quote: _Found) -> bool:
        """Whether a group has a cue before it other than the one of ``quote``."""
        leading = self._leading(state, group)
        if leading is None:
            return False
        if quote.attribution is None or quote.attribution.cue is None or leading.cue is None:
            return True
        if leading.cue == quote.attribution.cue:
            return False
        # "…, Cruz said, adding: "…"" has a cue of its own; "…," Thiel wrote in a statement
        # explaining why he spoke, "…" goes on with the first one
        return group.pause == ":" or state.words(leading.cue[1], group.start) <= 3

    def _reported_before(
        self, state: _DocState, group: _Group, attribution: _Attribution | None
    ) -> _Found | None:
        """ "said the turmoil was not the banks' fault, "not by a long shot."": a quote that
        goes on with the clause its cue reports is one mixed quote with that clause."""
        if attribution is None or attribution.cue is None or group.pause != ",":
            return None
        verb = state.doc[attribution.cue[0]]
        complement = self._complement(verb)
        if complement is None or complement[0] <= verb.i:
            return None
        start, end = state.trim(*complement)
        if not state.only_punct(end, group.start):
            return None
        return _Found(
            "mixed",
            state.char_start(start),
            state.char_end(group.end),
            attribution,
            cue_token=verb.i,
        )

    def _floating(self, state: _DocState, group: _Group) -> bool:
        """A quoted group that is a sentence of its own (it ends one, or nothing follows)."""
        if group.ends_sentence:
            return True
        return state.only_punct(group.end, state.window_end(group.end))

    def _trailing(self, state: _DocState, group: _Group) -> _Attribution | None:
        """ "…," he said / "…," said X / "…," according to X: the cue just after the quote."""
        doc = state.doc
        if group.ends_sentence and not (
            state.lowercase_follows(group.end) or group.asks_or_exclaims
        ):
            return None  # "… now." Then a new sentence; but "…?" Maher asked.
        i = group.end
        limit = state.window_end(group.end)
        while i < limit and (doc[i].is_punct or doc[i].is_space):
            if doc[i].text in _SENTENCE_END:
                return None
            i += 1
        if i >= limit:
            return None
        if self._is_according(doc, i):
            return self._according_attribution(doc, i)
        stop = min(limit, i + self.max_speaker)
        for j in range(i, stop):
            token = doc[j]
            if token.text in _SENTENCE_END:
                return None
            if not self._is_cue_verb(token):
                continue
            if any(not token.is_ancestor(doc[k]) for k in range(i, j)):
                return None
            subject = self._subject(token, after_ok=True, lo=i, hi=limit, inverted=j == i)
            if subject is None:
                return None
            return _Attribution(self._cue_range(token), subject[:2], subject[2])
        return None

    def _leading(self, state: _DocState, group: _Group) -> _Attribution | None:
        """He said: "…" / According to X, "…" / Name: "…" (also across a paragraph break)."""
        doc = state.doc
        lo = state.window_start(group.start)
        j = group.start - 1
        while j >= lo and doc[j].is_space:
            j -= 1
        if j < lo:
            # a quote paragraph introduced by the previous paragraph ending with a colon
            k = group.start - 1
            while k >= 0 and doc[k].is_space:
                k -= 1
            if k < 0 or doc[k].text != ":" or state.para[k] == state.para[group.start]:
                return None
            j, lo = k, state.window_start(k)
        if doc[j].text not in (":", ",", "—", "–"):
            return None
        for k in range(j - 1, lo - 1, -1):
            token = doc[k]
            if self._is_according(doc, k):
                return self._according_attribution(doc, k)
            if self._is_cue_verb(token):
                subject = self._subject(token, after_ok=False, lo=lo, hi=j)
                if subject is None:
                    return None
                return _Attribution(self._cue_range(token), subject[:2], subject[2])
        if doc[j].text == ":" and j - lo <= self.max_speaker:
            names = [t for t in doc[lo:j] if t.pos_ == "PROPN"]
            verbs = [t for t in doc[lo:j] if t.pos_ in ("VERB", "AUX")]
            if names and not verbs:
                start, end = state.trim(lo, j)
                return _Attribution((j, j + 1), (start, end), names[-1].i)
        return None

    # ------------------------------------------------------------------ "Name: what was said"
    def _labelled(self, state: _DocState, found: list[_Found]) -> None:
        """Paragraphs that open with a speaker label and a colon: headlines ("Sanders: Brexit
        could help Trump") and transcripts ("TRUMP: …", "Q: …")."""
        doc = state.doc
        taken = [(f.start, f.end) for f in found]
        for first in state.paragraph_starts():
            colon = None
            for k in range(first, min(first + self.max_label + 1, len(doc))):
                if doc[k].text == ":":
                    colon = k
                    break
                if not doc[k].text[:1].isupper() or not doc[k].text.isalpha():
                    break
            if colon is None or colon == first:
                continue
            label = doc[first:colon]
            if any(t.lower_ in self.label_stopwords for t in label) or not all(
                t.tag_ in ("NNP", "NNPS") or t.text.isupper() for t in label
            ):
                continue
            end = colon + 1
            while end < len(doc) and state.para[end] == state.para[first]:
                end += 1
            start, stop = state.trim(colon + 1, end)
            if state.words(start, stop) < self.min_label_words or not any(
                t.pos_ in ("VERB", "AUX") for t in doc[start:stop]
            ):
                continue
            char_start, char_end = state.char_start(start), state.char_end(stop)
            if any(_share(char_start, char_end, s, e) > 0.5 for s, e in taken):
                continue
            transcript = label.text.isupper() or len(label.text) == 1
            attribution = _Attribution((colon, colon + 1), (first, colon), colon - 1)
            kind = "direct" if transcript else "indirect"
            found.append(_Found(kind, char_start, char_end, attribution, cue_token=colon))

    # ------------------------------------------------------------------ mixed quotes
    def _mixed(self, state: _DocState, group: _Group, used: set[int]) -> _Found | None:
        """A quoted fragment inside reported speech: the cue that governs it, if any."""
        doc = state.doc
        heads = [
            t
            for t in doc[group.start : group.end]
            if not (group.start <= t.head.i < group.end) or t.head.i == t.i
        ]
        for top in heads:
            child, token = top, top.head
            steps = 0
            while token.i != child.i and steps < 6:
                if token.i in used:
                    break
                if self._is_cue_verb(token):
                    if child.dep_ in _SUBJECT_DEPS:
                        break
                    span = self._complement_range(token, child)
                    if span is None:
                        break
                    subject = self._subject(token, after_ok=True)
                    used.add(token.i)
                    attribution = _Attribution(
                        self._cue_range(token),
                        subject[:2] if subject else None,
                        subject[2] if subject else None,
                    )
                    start, end = state.trim(*state.within_paragraph(token.i, *span))
                    start, end = min(start, group.start), max(end, group.end)
                    return _Found(
                        "mixed",
                        state.char_start(start),
                        state.char_end(end),
                        attribution,
                        cue_token=token.i,
                    )
                if child.dep_ in _CLAUSE_DEPS and child.dep_ != "advcl":
                    break
                child, token = token, token.head
                steps += 1
        return None

    # ------------------------------------------------------------------ indirect quotes
    def _indirect(self, state: _DocState, found: list[_Found], used: set[int]) -> None:
        doc = state.doc
        direct = [(f.start, f.end) for f in found if f.kind == "direct"]
        for i in self._candidates(state):
            if i in used or state.region_of[i] >= 0:
                # reported speech inside a quote belongs to that quote, not a new speaker
                continue
            token = doc[i]
            if self._is_according(doc, i):
                quote = self._according_quote(state, token)
            elif self._is_cue_verb(token):
                quote = self._cue_quote(state, token)
            elif token.pos_ in ("ADJ", "NOUN"):
                quote = self._stance_quote(state, token)
            else:
                continue
            if quote is None:
                continue
            if any(
                _share(quote.start, quote.end, s, e) > 0.5 or s <= quote.start < quote.end <= e
                for s, e in direct
            ):
                continue
            quote.kind = state.kind_of(quote.start, quote.end)
            quote.cue_token = i
            used.add(i)
            found.append(quote)

    def _candidates(self, state: _DocState) -> list[int]:
        """Indices of the tokens that may be cues: a cue lemma or the first word of "according
        to" (looked up on arrays, so the component stays cheap next to the parser)."""
        strings = state.doc.vocab.strings
        lemmas = numpy.fromiter(
            (strings.add(w) for w in self.cues | self.adjective_cues | self.noun_cues),
            dtype=numpy.uint64,
        )
        firsts = numpy.fromiter((strings.add(w) for w in self.according_first), dtype=numpy.uint64)
        hits = numpy.isin(state.lemma, lemmas) | numpy.isin(state.lower, firsts)
        return [int(i) for i in numpy.flatnonzero(hits)]

    def _stance_quote(self, state: _DocState, word: Token) -> _Found | None:
        """ "Trump is confident that …", "Trump's claim that …", "expressed hope that …"."""
        lemma = word.lemma_.lower()
        if word.pos_ == "ADJ":
            if lemma not in self.adjective_cues or word.dep_ not in ("acomp", "amod"):
                return None
            clauses = [c for c in word.children if c.dep_ == "ccomp"]
            holder = word.head
        else:
            if lemma not in self.noun_cues:
                return None
            clauses = [
                c
                for c in word.children
                if c.dep_ in ("acl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
            holder = word
        if not clauses or clauses[0].i < word.i:
            return None
        start, end = state.trim(clauses[0].left_edge.i, clauses[0].right_edge.i + 1)
        start, end = state.within_paragraph(word.i, start, end)
        if end - start < 2:
            return None
        subject = None
        owners = [c for c in holder.children if c.dep_ == "poss"] if holder is word else []
        if owners:
            subject = self._np_range(owners[0], 0, word.i)
        elif holder is word and word.dep_ == "dobj":
            subject = self._subject(word.head, after_ok=False)  # "expressed hope that"
        elif holder is not word:
            subject = self._subject(holder, after_ok=False)  # "is confident that"
        attribution = _Attribution(
            (word.i, word.i + 1),
            subject[:2] if subject else None,
            subject[2] if subject else None,
        )
        return _Found("indirect", state.char_start(start), state.char_end(end), attribution)

    def _cue_quote(self, state: _DocState, verb: Token) -> _Found | None:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return None  # "a firm called Cambridge Analytica", "the plan announced Monday"
        complement = self._complement(verb)
        if complement is None:
            return None
        start, end = self._clip(state, verb, *complement)
        if start <= verb.i < end:
            # a parse that hangs the cue inside what it reports: keep the part after the cue
            start = verb.i + 1
        start, end = state.trim(*state.within_paragraph(verb.i, start, end))
        if end - start < 2:
            return None
        start, end = state.with_marks(start, end)
        subject = self._subject(verb, after_ok=True)
        attribution = _Attribution(
            self._cue_range(verb),
            subject[:2] if subject else None,
            subject[2] if subject else None,
        )
        return _Found("indirect", state.char_start(start), state.char_end(end), attribution)

    def _complement(self, verb: Token) -> tuple[int, int] | None:
        """The token range of what a cue verb reports, by the complement its lemma takes."""
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        if lemma in self.clause_cues:
            for child in children:
                if child.dep_ == "ccomp" or (
                    # "asked whether …" parsed as an adverbial clause
                    child.dep_ == "advcl"
                    and child.i > verb.i
                    and any(
                        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in child.children
                    )
                ):
                    start = child.left_edge.i
                    objects = [c for c in children if c.dep_ == "dobj" and c.i < start]
                    if (
                        objects
                        and objects[-1].right_edge.i + 1 == start
                        and not any(c.dep_ in _SUBJECT_DEPS for c in child.children)
                    ):
                        # "reported Roger Ailes also met …": the subject taken for an object
                        start = objects[-1].left_edge.i
                    end = child.right_edge.i + 1
                    for other in children:
                        # "said A, and there was B": a second reported clause
                        if (
                            other.dep_ == "conj"
                            and other.i > end
                            and other.left_edge.i <= end + 2
                            and not self._is_cue_verb(other)
                            and any(c.dep_ in _SUBJECT_DEPS for c in other.children)
                        ):
                            end = other.right_edge.i + 1
                    return start, end
        for child in children:
            if child.dep_ == "xcomp" and lemma in self.infinitive_cues:
                return child.left_edge.i, child.right_edge.i + 1
        for child in children:
            if child.dep_ in ("dobj", "oprd") and lemma in self.object_cues:
                # the object and what the verb says of it: "cited his role as grand marshal"
                start, end = child.left_edge.i, child.right_edge.i + 1
                tail = False
                for other in children:
                    if other.i >= end and other.dep_ in _OBJECT_TAIL_DEPS:
                        end = max(end, other.right_edge.i + 1)
                        tail = True
                if lemma in self.naming_cues and not tail and child.dep_ == "dobj":
                    continue  # "called the company" (on the phone), not "called it a fraud"
                if child.lemma_.lower() in self.noun_cues and any(
                    c.dep_ in ("acl", "ccomp") for c in child.children
                ):
                    continue  # "expressed hope that …": the noun carries the quote
                return start, end
        preps = self.prep_cues.get(lemma)
        if preps:
            for child in children:
                if child.dep_ in ("prep", "prt") and child.lower_ in preps and child.i > verb.i:
                    objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                    if objects:
                        return objects[0].left_edge.i, child.right_edge.i + 1
        if lemma in self.speech_cues:
            return self._speech_fallback(verb, children)
        return None

    def _speech_fallback(self, verb: Token, children: list[Token]) -> tuple[int, int] | None:
        """What a verb of saying reports when the parse shows no complement for it.

        "Many days, employees said, she stayed late": the cue is an aside in the clause it
        reports. "said his research show that …": the parser took the start of the reported
        clause for an object; everything after the cue is what was said.
        """
        objects = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
        if objects and verb.lemma_.lower() in self.object_fallback_cues:
            return objects[0].left_edge.i, verb.right_edge.i + 1
        doc = verb.doc
        for k in range(verb.i + 1, min(verb.right_edge.i, verb.i + 12)):
            # "said in a statement that …" parsed with the clause under "statement"
            if doc[k].lower_ == "that" and doc[k].dep_ in ("mark", "dobj", "nsubj"):
                return k, verb.right_edge.i + 1
            if doc[k].pos_ in ("VERB", "AUX"):
                break
        head = verb.head
        aside = verb.dep_ == "parataxis" or (
            verb.dep_ in ("ccomp", "advcl")
            and verb.left_edge.i > head.i
            and doc[verb.left_edge.i - 1].text == ","
        )
        if not aside or head.i == verb.i:
            return None
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        v_lo, v_hi = verb.left_edge.i, verb.right_edge.i + 1
        if v_hi >= hi - 1:
            hi = v_lo
        elif v_lo <= lo:
            lo = v_hi
        return (lo, hi) if hi > lo else None

    def _clip(self, state: _DocState, verb: Token, start: int, end: int) -> tuple[int, int]:
        """End a reported clause before a second cue verb joined to it ("… but added, …",
        "…, saying that …"): that one reports something else."""
        doc = state.doc
        for token in doc[start:end]:
            if token.i <= verb.i and start < verb.i:
                continue
            if token.dep_ == "conj" and self._is_cue_verb(token) and token.left_edge.i > start:
                end = min(end, token.left_edge.i)
        while end > start + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def _complement_range(self, verb: Token, child: Token) -> tuple[int, int] | None:
        """The range a mixed fragment's path enters the cue verb through."""
        lemma = verb.lemma_.lower()
        dep = child.dep_
        start, end = child.left_edge.i, child.right_edge.i + 1
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i]
        if (dep == "ccomp" and lemma in self.clause_cues) or (
            dep == "xcomp" and lemma in self.infinitive_cues
        ):
            return start, end
        if dep in ("dobj", "oprd", "attr") and lemma in self.object_cues:
            for other in verb.children:
                if other.i >= end and other.dep_ in _OBJECT_TAIL_DEPS:
                    end = max(end, other.right_edge.i + 1)
        elif not (
            dep == "prep"
            and child.lower_
            in (self.prep_cues.get(lemma, frozenset()) | self.object_preps.get(lemma, frozenset()))
        ):
            return None
        # "called Palin a 'clown'", "accused Cruz of being 'politically correct'"
        if objects and dep != "dobj":
            start = min(start, objects[0].left_edge.i)
        return start, end

    def _according_quote(self, state: _DocState, according: Token) -> _Found | None:
        """ "X, according to Y" / "According to Y, X": the clause is what Y says."""
        doc = state.doc
        attribution = self._according_attribution(doc, according.i)
        if attribution is None:
            return None
        clause = according.head
        steps = 0
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and steps < 3:
            clause = clause.head
            steps += 1
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        a_lo, a_hi = according.left_edge.i, according.right_edge.i + 1
        if a_lo <= lo + 1:
            lo = a_hi
        elif a_hi >= hi - 1:
            hi = a_lo
        start, end = state.trim(*state.within_paragraph(according.i, lo, hi))
        if end - start < 2:
            return None
        return _Found("indirect", state.char_start(start), state.char_end(end), attribution)

    def _is_according(self, doc: Doc, i: int) -> bool:
        if doc[i].lower_ not in self.according_first:
            return False
        for phrase in self.according:
            if i + len(phrase) <= len(doc) and all(
                doc[i + k].lower_ == word for k, word in enumerate(phrase)
            ):
                return True
        return False

    def _according_attribution(self, doc: Doc, i: int) -> _Attribution | None:
        phrase_end = i + 2
        objects = [c for c in doc[i + 1].children if c.dep_ == "pobj"]
        if objects:
            obj = objects[0]
            return _Attribution((i, phrase_end), (obj.left_edge.i, obj.right_edge.i + 1), obj.i)
        end = phrase_end
        while end < len(doc) and end - phrase_end < 8 and not doc[end].is_punct:
            end += 1
        if end == phrase_end:
            return None
        return _Attribution((i, phrase_end), (phrase_end, end), end - 1)

    # ------------------------------------------------------------------ words
    def _is_cue_verb(self, token: Token) -> bool:
        return bool(token.tag_.startswith("VB")) and token.lemma_.lower() in self.cues

    @staticmethod
    def _cue_range(token: Token) -> tuple[int, int]:
        end = token.i + 1
        for child in token.children:
            if child.dep_ == "prt" and child.i == end:
                end += 1
        return token.i, end

    def _subject(
        self,
        verb: Token,
        after_ok: bool,
        lo: int = 0,
        hi: int | None = None,
        inverted: bool = False,
    ) -> tuple[int, int, int] | None:
        """The speaker of a cue verb: its subject, the agent of a passive, or an inherited one.

        Returns (start, end, head) token indices.
        """
        hi = len(verb.doc) if hi is None else hi
        token = verb
        for _ in range(4):
            subjects = [
                c
                for c in token.children
                if c.dep_ in _SUBJECT_DEPS and not c.is_punct and lo <= c.i < hi
            ]
            if token.dep_ == "relcl" and not subjects:
                head = token.head
                return self._np_range(head, lo, hi)
            agents = [
                g
                for c in token.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            chosen = None
            if token is verb and misattached(verb, subjects):
                chosen = verb.sent.root  # the main clause, hung under a relative clause
            elif subjects and subjects[0].dep_ != "nsubjpass":
                chosen = subjects[0]
            elif agents:
                chosen = agents[0]
            elif subjects:
                if verb.lemma_.lower() in self.addressee_cues:
                    return None  # "Trump was asked whether …": the one asked did not say it
                chosen = subjects[0]
            if chosen is not None:
                if chosen.i > verb.i and not after_ok:
                    return None
                if chosen.lower_ in ("it", "this", "that") and chosen.dep_ == "nsubjpass":
                    return None
                start, end, head_i = self._np_range(chosen, lo, hi)
                if start <= verb.i < end:
                    # "the notepad that said …": the phrase ends before its clause
                    cut = verb.i
                    if token.dep_ in ("relcl", "acl") and token.left_edge.i > start:
                        cut = min(cut, token.left_edge.i)
                    end = max(start + 1, min(end, cut))
                    start, end, head_i = self._np_range(chosen, start, end)
                return start, end, head_i
            if token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
                if token.tag_ == "VBN" and token.dep_ == "advcl":
                    return None  # "When asked …, he said": who asked is not said
                token = token.head
                continue
            if token.dep_ == "pcomp" and token.head.dep_ == "prep":
                token = token.head.head  # "won by denouncing …": the one who won
                continue
            if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in _NOUNISH:
                return self._np_range(token.head, lo, min(hi, token.i))  # "placards slamming …"
            break
        if inverted:
            # "…," said Marty Walz: a parse may take the inverted subject for an object
            for child in verb.children:
                if (
                    child.i > verb.i
                    and child.pos_ in ("PROPN", "NOUN")
                    and child.dep_
                    in (
                        "dobj",
                        "npadvmod",
                        "attr",
                        "dep",
                        "appos",
                    )
                ):
                    return self._np_range(child, lo, hi)
        return None

    def _np_range(self, head: Token, lo: int, hi: int) -> tuple[int, int, int]:
        start = max(head.left_edge.i, lo)
        end = min(head.right_edge.i + 1, hi)
        if end - start > self.max_speaker:
            start, end = max(head.i - 4, start), min(head.i + 1, end)
            while start < head.i and head.doc[start].is_punct:
                start += 1
        doc = head.doc
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start + 1 and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "case"
        ):
            if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
                break
            end -= 1
        return start, end, head.i


def _share(start: int, end: int, other_start: int, other_end: int) -> float:
    """The share of ``start:end`` that lies in ``other_start:other_end``."""
    if end <= start:
        return 0.0
    return max(0, min(end, other_end) - max(start, other_start)) / (end - start)


class _DocState:
    """Per-article lookups: quoted stretches by token, paragraphs, windows between marks."""

    def __init__(self, doc: Doc, text: str, spans: list[QuotedSpan]) -> None:
        self.doc = doc
        self.text = text
        n = len(doc)
        self.region_of = [-1] * n
        columns = doc.to_array([IDX, IS_PUNCT, IS_SPACE, LOWER]).astype(numpy.uint64)
        lemmas = doc.to_array([LEMMA]).astype(numpy.uint64)
        self.lemma = lemmas.reshape(-1)
        self.lower = columns[:, 3]
        starts = columns[:, 0].astype(numpy.int64)
        breaks = numpy.array(
            [m.start() for m in _PARAGRAPH_BREAK.finditer(text)], dtype=numpy.int64
        )
        self.para: list[int] = numpy.searchsorted(breaks, starts, side="right").tolist()
        self.token_starts: list[int] = starts.tolist()
        is_word = (columns[:, 1] == 0) & (columns[:, 2] == 0)
        self.is_word: list[bool] = is_word.tolist()
        # word_count[i]: how many word tokens come before token i
        self.word_count: list[int] = [0, *numpy.cumsum(is_word).tolist()]
        self.regions: list[tuple[int, int, QuotedSpan]] = []
        for span in spans:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            if tokens is None or not len(tokens):
                continue
            index = len(self.regions)
            self.regions.append((tokens.start, tokens.end, span))
            for i in range(tokens.start, tokens.end):
                if self.region_of[i] < 0:
                    self.region_of[i] = index
        self.groups = self._groups()

    def _groups(self) -> list[_Group]:
        doc = self.doc
        groups: list[_Group] = []
        for start, end, span in self.regions:
            if (
                groups
                and self.para[start] == self.para[groups[-1].start]
                and self.only_punct(groups[-1].end, start)
            ):
                last = groups[-1]
                last.end, last.char_end = end, span.end
                continue
            groups.append(_Group(start, end, span.start, span.end))
        for group in groups:
            lo = self.window_start(group.start)
            group.opens_sentence = self.only_punct(lo, group.start)
            group.pause = self._pause_before(lo, group.start)
            inner = group.end - 1
            while inner > group.start and (doc[inner].is_space or self._is_mark_token(doc[inner])):
                inner -= 1
            last_span = self.regions[self.region_of[group.end - 1]][2]
            group.ends_sentence = (doc[inner].text[-1:] in _SENTENCE_END) or not last_span.closed
            group.asks_or_exclaims = doc[inner].text[-1:] in ("?", "!") and last_span.closed
        return groups

    def _pause_before(self, lo: int, start: int) -> str:
        """The colon, comma or dash just before token ``start`` ("" if none)."""
        j = start - 1
        while j >= lo and self.doc[j].is_space:
            j -= 1
        if j >= lo and self.doc[j].text in (":", ",", "—", "–"):
            return str(self.doc[j].text)
        return ""

    @staticmethod
    def _is_mark_token(token: Token) -> bool:
        return all(not ch.isalnum() for ch in token.text) and any(
            ch in "\"“”„‟«»'‘’‹›`" for ch in token.text
        )

    def token_at(self, char: int) -> int:
        """The index of the token holding character ``char`` (or the next one)."""
        index = bisect_right(self.token_starts, char) - 1
        if index >= 0 and char >= self.token_starts[index] + len(self.doc[index].text):
            index += 1
        return max(0, min(index, len(self.doc)))

    def one_sentence_tail(self, start: int, end: int) -> bool:
        """Whether tokens ``start:end`` only finish the sentence before them: no words after a
        sentence end, none in the next paragraph, none when that sentence already ended."""
        doc = self.doc
        ended = start > 0 and any(
            ch in _SENTENCE_END for ch in doc[start - 1].text + doc[max(start - 2, 0)].text
        )
        para = self.para[start - 1] if start > 0 else 0
        for token in doc[start:end]:
            if token.text in _SENTENCE_END:
                ended = True
            elif not (token.is_punct or token.is_space) and (ended or self.para[token.i] != para):
                return False
        return True

    def with_marks(self, start: int, end: int) -> tuple[int, int]:
        """Tokens ``start:end`` widened to the quotation marks just around them, if any."""
        before, after = (
            self.region_of[start - 1] if start else -1,
            (self.region_of[end] if end < len(self.doc) else -1),
        )
        if before >= 0 and before == after:
            region_start, region_end, _ = self.regions[before]
            if region_start == start - 1 and region_end == end + 1:
                return start - 1, end + 1
        return start, end

    def within_paragraph(self, anchor: int, start: int, end: int) -> tuple[int, int]:
        """The part of tokens ``start:end`` in the paragraph of token ``anchor``."""
        para = self.para[anchor]
        while start < end and self.para[start] != para:
            start += 1
        while end > start and self.para[end - 1] != para:
            end -= 1
        return start, end

    def paragraph_starts(self) -> list[int]:
        """The first word token of each paragraph."""
        starts: list[int] = []
        last = -1
        for i, para in enumerate(self.para):
            if para != last and self.is_word[i]:
                starts.append(i)
                last = para
        return starts

    def words(self, start: int, end: int) -> int:
        """The number of word tokens in ``start:end``."""
        if end <= start:
            return 0
        return self.word_count[end] - self.word_count[start]

    def only_punct(self, start: int, end: int) -> bool:
        """Whether tokens ``start:end`` are all punctuation or space (no words)."""
        return self.words(start, end) == 0

    def window_start(self, i: int) -> int:
        """Where the clause before token ``i`` starts: a sentence end, a quote, a paragraph."""
        doc = self.doc
        para = self.para[i] if i < len(doc) else self.para[-1]
        j = i
        while j > 0:
            prev = doc[j - 1]
            if (
                self.para[j - 1] != para
                or self.region_of[j - 1] >= 0
                or prev.text in _SENTENCE_END
                or i - j >= 60
            ):
                break
            j -= 1
        return j

    def window_end(self, i: int) -> int:
        """Where the clause after token ``i`` ends (after its final punctuation)."""
        doc = self.doc
        if i >= len(doc):
            return len(doc)
        para = self.para[i - 1] if i > 0 else self.para[i]
        j = i
        while j < len(doc):
            token = doc[j]
            if self.para[j] != para or self.region_of[j] >= 0 or j - i >= 60:
                break
            j += 1
            if token.text in _SENTENCE_END:
                break
        return j

    def lowercase_follows(self, i: int) -> bool:
        doc = self.doc
        while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
            i += 1
        return i < len(doc) and doc[i].text[:1].islower()

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop punctuation and space at the edges, keeping quotation marks of a quote."""
        doc = self.doc
        while start < end - 1 and (doc[start].is_space or self._drop(doc[start], start)):
            start += 1
        while end > start + 1 and (doc[end - 1].is_space or self._drop(doc[end - 1], end - 1)):
            end -= 1
        return start, end

    def _drop(self, token: Token, i: int) -> bool:
        if not token.is_punct:
            return False
        return not (self.region_of[i] >= 0 and self._is_mark_token(token))

    def char_start(self, i: int) -> int:
        return int(self.doc[i].idx)

    def char_end(self, end: int) -> int:
        token = self.doc[end - 1]
        return int(token.idx + len(token.text))

    def kind_of(self, start: int, end: int) -> str:
        """direct: the characters are one quoted stretch; mixed: they hold one; or indirect."""
        if any(s.start == start and s.end == end for _, _, s in self.regions):
            return "direct"
        return "mixed" if self.has_marks(start, end) else "indirect"

    def has_marks(self, start: int, end: int) -> bool:
        """Whether the characters ``start:end`` hold a quoted stretch."""
        return any(start <= s.start and s.end <= end for _, _, s in self.regions)


class _Speakers:
    """Resolve speaker spans to actors of the article."""

    def __init__(self, finder: QuoteFinder, state: _DocState, actors: list[Actor]) -> None:
        self.finder = finder
        self.state = state
        doc = state.doc
        self.kinds = {a.id: a.kind for a in actors}
        self.roles = {a.id: {r.lower().split()[-1] for r in a.roles if r.strip()} for a in actors}
        mentions: list[tuple[int, int, str, int]] = []  # start, end, actor id, first token
        for actor in actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and len(span):
                    mentions.append((mention.start, mention.end, actor.id, span.start))
        mentions.sort()
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]

    def resolve(self, found: list[_Found]) -> list[Quote]:
        doc = self.state.doc
        text = self.state.text
        quotes: list[Quote] = []
        resolved: list[_Found] = []
        for item in found:
            attribution = item.attribution
            if item.source is not None:
                item.actor, item.speaker_span = item.source.actor, item.source.speaker_span
            elif attribution is not None and attribution.speaker is not None:
                start, end = attribution.speaker
                item.speaker_span = _span(doc, text, start, end)
                item.actor = self._actor(item, resolved)
            cue = None
            if attribution is not None and attribution.cue is not None:
                cue = _span(doc, text, *attribution.cue)
            resolved.append(item)
            quotes.append(
                Quote(
                    id=f"Q{len(quotes) + 1}",
                    kind=item.kind,
                    content=Span(item.start, item.end, text[item.start : item.end]),
                    cue=cue,
                    speaker_span=item.speaker_span,
                    speaker=item.actor,
                    parts=[Span(s, e, text[s:e]) for s, e in item.parts],
                )
            )
        return quotes

    def _actor(self, item: _Found, resolved: list[_Found]) -> str | None:
        attribution = item.attribution
        assert attribution is not None and attribution.speaker is not None
        doc = self.state.doc
        start, end = attribution.speaker
        head = attribution.head if attribution.head is not None else end - 1
        head_token = doc[head]
        if head_token.tag_ in ("WDT", "WP") and head_token.head.dep_ in ("relcl", "acl"):
            # "officials who said …", "the notepad that said …": the noun the clause is about
            clause = head_token.head
            head_token = clause.head
            start, end = head_token.left_edge.i, clause.left_edge.i
            head = head_token.i
        # an actor mention on the head word, then anywhere in the core of the speaker phrase
        on_head = self._mentions_over(head_token.idx, head_token.idx + len(head_token.text))
        if on_head:
            return on_head[0]
        best = self._nearest_mention(head_token, start, end)
        if best is not None:
            return best
        word = head_token.lower_
        if word in self.finder.first_person:
            enclosing = self._enclosing(item, resolved, head)
            return enclosing.actor if enclosing is not None else None
        if word in self.finder.pronouns:
            return self._antecedent(head_token)
        lemma = head_token.lemma_.lower()
        if head_token.pos_ == "NOUN":
            for m_start, _, actor_id, _ in reversed(self.mentions):
                if m_start < head_token.idx and lemma in self.roles.get(actor_id, ()):
                    return actor_id
        return None

    def _nearest_mention(self, head: Token, start: int, end: int) -> str | None:
        """The actor named closest to the head of a speaker phrase, in the tree.

        Clauses inside the phrase ("officials who met Trump") are left out, and modifiers
        ("Venezuelan general", "Colombia's army") count only when nothing else names an actor.
        """
        doc = self.state.doc
        ranked: list[tuple[int, int, int, str]] = []
        for token in doc[start:end]:
            hits = self._mentions_over(token.idx, token.idx + len(token.text))
            if not hits:
                continue
            distance, modifier, node, reached = 0, 0, token, True
            while node.i != head.i:
                if distance >= 8 or node.dep_ in _CLAUSE_DEPS:
                    reached = False
                    break
                if node.dep_ == "prep" and node.lower_ not in self.finder.affiliation_preps:
                    reached = False  # "a briefing on the Venezuela crisis" is not Venezuela
                    break
                if node.dep_ in ("poss", "amod"):
                    modifier = 1
                node = node.head
                distance += 1
            if not reached:
                continue
            ranked.append((modifier, distance, token.i, hits[0]))
        return min(ranked)[3] if ranked else None

    def _enclosing(self, item: _Found, resolved: list[_Found], head: int) -> _Found | None:
        """The quote whose quoted text holds token ``head`` ("I said" inside a quote)."""
        region = self.state.region_of[head]
        if region < 0:
            return None
        _, _, span = self.state.regions[region]
        for other in reversed(resolved):
            if other.kind == "direct" and other.start <= span.start < other.end:
                return other
        return None

    def _mentions_over(self, start: int, end: int) -> list[str]:
        index = bisect_right(self.starts, end)
        return [
            actor
            for m_start, m_end, actor, _ in self.mentions[max(0, index - 50) : index]
            if m_start < end and start < m_end
        ]

    def _antecedent(self, pronoun: Token) -> str | None:
        """The nearest compatible actor before a pronoun, subjects first, outside quotes."""
        kinds, number = self.finder.pronouns[pronoun.lower_]
        state = self.state
        doc = state.doc
        sentence = pronoun.sent
        for _ in range(self.finder.sentences_back + 1):
            candidates: list[tuple[bool, int, str]] = []
            blocked = False
            for m_start, _, actor, first in self.mentions:
                if m_start >= pronoun.idx or first < sentence.start or first >= sentence.end:
                    continue
                if (
                    state.region_of[first] >= 0
                    and state.region_of[first] != (state.region_of[pronoun.i])
                ):
                    continue
                if self.kinds.get(actor) not in kinds:
                    continue
                token = doc[first]
                root = token
                while root.head.i != root.i and root.dep_ in ("compound", "flat", "amod"):
                    root = root.head
                candidates.append((root.dep_ in _SUBJECT_DEPS, m_start, actor))
            if number == "Plur":
                for token in sentence:
                    if (
                        token.i < pronoun.i
                        and token.dep_ in _SUBJECT_DEPS
                        and token.tag_ == "NNS"
                        and token.i != pronoun.i
                    ):
                        blocked = True
            if candidates:
                subjects = [c for c in candidates if c[0]]
                return (subjects[-1] if subjects else candidates[-1])[2]
            if blocked:
                return None
            if sentence.start == 0:
                return None
            sentence = doc[sentence.start - 1].sent
        return None


def _span(doc: Doc, text: str, start: int, end: int) -> Span:
    first, last = doc[start], doc[end - 1]
    char_start, char_end = int(first.idx), int(last.idx + len(last.text))
    return Span(char_start, char_end, text[char_start:char_end])


@Language.factory("eventwire_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    """spaCy factory: ``nlp.add_pipe("eventwire_quotes")`` after ``eventwire_actors``."""
    return QuoteFinder(nlp, name)
