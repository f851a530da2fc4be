"""Date expressions and the dates they stand for, resolved against the publication date.

The ``eventwire_dates`` spaCy component sets ``doc._.dates`` to a list of
:class:`~eventwire.records.DateMention` records. Rules (regular expressions over the text, with
the parse only to tell past from future) read:

- absolute dates: ``2019-02-23``, ``February 23, 2019``, ``23 February 2019``, ``February 2019``,
  ``in 2018``;
- dates whose year or day comes from the publication date: ``Feb. 3``, ``in March``,
  ``yesterday``, ``today``, ``last night``, ``on Monday``, ``last Friday``, ``next week``,
  ``last month``, ``this year``, ``three days ago``.

A weekday in a clause about the past is the latest such day up to the publication date; in a
clause about the future ("will meet on Monday"), the next one. Without a publication date a
relative expression is kept with ``value`` None. Other DATE entities of the model ("the past
decade") are kept as unresolved text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.records import DateMention

logger = logging.getLogger(__name__)

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


@cache
def _lexicon() -> dict[str, Any]:
    text = resources.files("eventwire.knowledge").joinpath("data/dates.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO date or date-time string, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(slots=True, frozen=True)
class _Found:
    """A matched expression: its span, and its value once resolved."""

    start: int
    end: int
    value: str | None
    grain: str | None
    relative: bool


def _iso(day: date, grain: str) -> str:
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateResolver:
    """Find the date expressions of an article and resolve them (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "eventwire_dates") -> None:
        self.name = name
        lex = _lexicon()
        self.months: dict[str, int] = lex["months"]
        self.weekdays: dict[str, int] = lex["weekdays"]
        self.numbers: dict[str, int] = lex["numbers"]
        self.day_words: dict[str, int] = lex["day_words"]
        self.future = frozenset(lex["future_auxiliaries"])
        abbreviations = {k for k in self.months if len(k) <= 4 and k not in ("may", "june", "july")}
        month = "|".join(
            m.capitalize() + (r"\.?" if m in abbreviations else "")
            for m in sorted(self.months, key=len, reverse=True)
        )
        weekday = "|".join(w.capitalize() for w in self.weekdays)
        number = "|".join([r"\d{1,2}", *self.numbers])
        parts = "|".join(lex["day_parts"])
        cues = "|".join(lex["year_cues"])
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        year = r"(?P<year>1[89]\d\d|20\d\d)"
        handler = Callable[[re.Match[str], Doc, date | None], _Found]
        # (pattern, handler): overlaps go to resolved, then longer, then earlier matches
        self.rules: list[tuple[re.Pattern[str], handler]] = [
            (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"), self._iso_day),
            (re.compile(rf"\b(?P<month>{month})\s+{day},?\s+{year}\b"), self._day_month_year),
            (re.compile(rf"\b{day}\s+(?P<month>{month})\s+{year}\b"), self._day_month_year),
            (re.compile(rf"\b(?P<month>{month}),?\s+{year}\b"), self._month_year),
            (re.compile(rf"(?<![\w.])(?P<month>{month})\s+{day}\b"), self._day_month),
            (re.compile(rf"\b{day}\s+(?P<month>{month})(?!\w)"), self._day_month),
            (
                re.compile(
                    rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{weekday})"
                    rf"(?:\s+(?P<part>{parts}))?\b"
                ),
                self._weekday,
            ),
            (
                re.compile(
                    rf"\b(?P<word>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>{parts}))?\b",
                    re.IGNORECASE,
                ),
                self._day_word,
            ),
            (
                re.compile(r"\b(?P<rel>last|this)\s+(?P<part>night|morning|afternoon|evening)\b"),
                self._this_part,
            ),
            (
                re.compile(
                    r"\b(?:(?P<early>earlier|later)\s+)?(?P<rel>last|next|this|past|coming)\s+"
                    r"(?P<unit>week|month|year)\b",
                    re.IGNORECASE,
                ),
                self._unit,
            ),
            (
                re.compile(
                    rf"\b(?P<n>{number})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE
                ),
                self._ago,
            ),
            (
                re.compile(
                    r"\b(?P<lead>in|this|last|next|since|until|by|early|late|mid)(?:\s+|-)"
                    rf"(?P<month>{month})(?![\w.]*\s+\d)"
                ),
                self._month_only,
            ),
            (
                re.compile(
                    rf"\b(?:{cues})\s+(?:the\s+)?{year}(?P<decade>s)?\b(?![-–/]\d)",
                    re.IGNORECASE,
                ),
                self._year,
            ),
        ]

        # words a rule's match must contain (lower case): the rule runs only on texts with one
        gates = {
            self._ago: ("ago",),
            self._day_word: ("yesterday", "today", "tomorrow", "tonight"),
            self._this_part: ("night", "morning", "afternoon", "evening"),
            self._unit: ("week", "month", "year"),
            self._year: ("18", "19", "20"),
        }
        self.needles: dict[str, tuple[str, ...]] = {
            pattern.pattern: gates[handler] for pattern, handler in self.rules if handler in gates
        }

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = self.dates(doc)
        return doc

    # ------------------------------------------------------------------ finding
    def dates(self, doc: Doc) -> list[DateMention]:
        """Return the date expressions of ``doc`` in text order."""
        published = parse_published(doc._.published if Doc.has_extension("published") else None)
        text = doc.text
        found: list[_Found] = []
        lowered = text.lower()
        for pattern, handler in self.rules:
            needles = self.needles.get(pattern.pattern)
            if needles and not any(needle in lowered for needle in needles):
                continue  # cheap test first: most articles have no "ago" or "tomorrow"
            for match in pattern.finditer(text):
                try:
                    found.append(handler(match, doc, published))
                except (ValueError, OverflowError):  # an impossible date: keep the text only
                    found.append(_Found(match.start(), match.end(), None, None, False))
        for ent in doc.ents:
            if ent.label_ == "DATE" and any(ch.isalpha() for ch in ent.text):
                found.append(_Found(ent.start_char, ent.end_char, None, None, False))
        kept: list[_Found] = []
        taken: list[tuple[int, int]] = []
        # resolved expressions first, then longer ones, then earlier ones
        for item in sorted(found, key=lambda f: (f.value is None, -(f.end - f.start), f.start)):
            if any(item.start < e and s < item.end for s, e in taken):
                continue
            kept.append(item)
            taken.append((item.start, item.end))
        kept.sort(key=lambda f: f.start)
        return [
            DateMention(
                id=f"D{number}",
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                value=item.value,
                grain=item.grain,
                relative=item.relative,
            )
            for number, item in enumerate(kept, start=1)
        ]

    # ------------------------------------------------------------------ tense
    def _is_future(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` speaks of the future."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX") or head.head is head:
                break
            head = head.head
        for child in head.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in self.future:
                return True
        # "plans to meet on Monday", "is due to vote on Friday"
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)

    def _month_number(self, text: str) -> int:
        return self.months[text.rstrip(".").lower()]

    # ------------------------------------------------------------------ handlers
    @staticmethod
    def _iso_day(match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        return _Found(match.start(), match.end(), day.isoformat(), "day", False)

    def _day_month_year(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        day = date(int(match["year"]), self._month_number(match["month"]), int(match["day"]))
        return _Found(match.start(), match.end(), day.isoformat(), "day", False)

    def _month_year(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        month = date(int(match["year"]), self._month_number(match["month"]), 1)
        return _Found(match.start(), match.end(), _iso(month, "month"), "month", False)

    def _day_month(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        month, day = self._month_number(match["month"]), int(match["day"])
        if not 1 <= day <= 31:
            raise ValueError("not a day of the month")
        if published is None:
            return _Found(match.start(), match.end(), None, "day", True)
        # the year that puts the date nearest the publication date
        options = [
            d
            for y in (published.year - 1, published.year, published.year + 1)
            if (d := _valid(y, month, day)) is not None
        ]
        if not options:
            raise ValueError("no such date")
        best = min(options, key=lambda d: abs((d - published).days))
        return _Found(match.start(), match.end(), best.isoformat(), "day", True)

    def _month_only(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        start = match.start("month")
        if published is None:
            return _Found(start, match.end(), None, "month", True)
        month = self._month_number(match["month"])
        lead = match["lead"].lower()
        if lead == "next" or (lead != "last" and self._is_future(doc, start, match.end())):
            year = published.year if month > published.month else published.year + 1
        elif lead == "this":
            year = published.year
        else:
            year = published.year if month <= published.month else published.year - 1
            if lead == "last" and month == published.month:
                year -= 1
        return _Found(start, match.end(), f"{year:04d}-{month:02d}", "month", True)

    def _weekday(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        if published is None:
            return _Found(match.start(), match.end(), None, "day", True)
        target = self.weekdays[match["wd"].lower()]
        rel = (match["rel"] or "").lower()
        back = (published.weekday() - target) % 7
        ahead = (target - published.weekday()) % 7
        if rel in ("next", "coming"):
            day = published + timedelta(days=ahead or 7)
        elif rel in ("last", "past"):
            day = published - timedelta(days=back or 7)
        elif self._is_future(doc, match.start(), match.end()):
            day = published + timedelta(days=ahead)
        else:
            day = published - timedelta(days=back)
        return _Found(match.start(), match.end(), day.isoformat(), "day", True)

    def _day_word(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        if published is None:
            return _Found(match.start(), match.end(), None, "day", True)
        day = published + timedelta(days=self.day_words[match["word"].lower()])
        return _Found(match.start(), match.end(), day.isoformat(), "day", True)

    @staticmethod
    def _this_part(match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        if published is None:
            return _Found(match.start(), match.end(), None, "day", True)
        # "last night" is the evening before the publication day
        back = 1 if match["rel"].lower() == "last" else 0
        day = published - timedelta(days=back)
        return _Found(match.start(), match.end(), day.isoformat(), "day", True)

    @staticmethod
    def _unit(match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        unit = match["unit"].lower()
        if published is None:
            return _Found(match.start(), match.end(), None, unit, True)
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(match["rel"].lower(), 0)
        if unit == "week":
            day = published + timedelta(weeks=step)
        elif unit == "month":
            day = _shift_months(published, step)
        else:
            day = date(published.year + step, 1, 1)
        return _Found(match.start(), match.end(), _iso(day, unit), unit, True)

    def _ago(self, match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        unit = match["unit"].lower()
        if published is None:
            return _Found(match.start(), match.end(), None, unit, True)
        n_text = match["n"].lower()
        n = int(n_text) if n_text.isdigit() else self.numbers[n_text]
        if unit == "day":
            day = published - timedelta(days=n)
        elif unit == "week":
            day = published - timedelta(weeks=n)
        elif unit == "month":
            day = _shift_months(published, -n)
        else:
            day = date(published.year - n, 1, 1)
        return _Found(match.start(), match.end(), _iso(day, unit), unit, True)

    @staticmethod
    def _year(match: re.Match[str], doc: Doc, published: date | None) -> _Found:
        if match["decade"]:  # "the 1990s": a decade, kept as text
            return _Found(match.start("year"), match.end("decade"), None, None, False)
        return _Found(match.start("year"), match.end("year"), match["year"], "year", False)


@Language.factory("eventwire_dates")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    """spaCy factory: ``nlp.add_pipe("eventwire_dates")``; reads ``doc._.published``."""
    return DateResolver(nlp, name)
