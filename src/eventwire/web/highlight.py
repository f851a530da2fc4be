"""Article text cut into segments, each knowing which extracted records cover it.

The dashboard shows an article with its actor mentions, quotes, event triggers and place
mentions highlighted. Spans may nest or overlap (a name inside a quote), so the text is cut at
every span boundary into flat segments; each segment lists the records covering it. The
segments are plain text: the template escapes them (never markup built from article text).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(slots=True, frozen=True)
class Segment:
    """A piece of the article text and what covers it.

    Attributes:
        text: the characters (plain text, unescaped).
        start: offset of the first character in the article text.
        refs: record ids covering it (``A1``, ``Q2``, ``E1``, ``P1``), innermost first.
        kinds: the kinds of span covering it: actor, quote, cue, speaker, event, place, removed.
    """

    text: str
    start: int
    refs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        """CSS classes for the kinds (``k-actor k-quote``)."""
        return " ".join(f"k-{kind}" for kind in self.kinds)


@dataclass(slots=True, frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    ref: str


def _span(data: Any, length: int) -> tuple[int, int] | None:
    """Return (start, end) of a span dict when it is a valid range of the text."""
    if not isinstance(data, dict):
        return None
    start, end = data.get("start"), data.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        return None
    if 0 <= start < end <= length:
        return start, end
    return None


def _marks(record: dict[str, Any], length: int) -> list[_Mark]:
    marks: list[_Mark] = []

    def add(data: Any, kind: str, ref: str) -> None:
        where = _span(data, length)
        if where is not None:
            marks.append(_Mark(where[0], where[1], kind, ref))

    for actor in record.get("actors") or []:
        for mention in actor.get("mentions") or []:
            add(mention, "actor", str(actor.get("id")))
    for quote in record.get("quotes") or []:
        ref = str(quote.get("id"))
        add(quote.get("content"), "quote", ref)
        add(quote.get("cue"), "cue", ref)
        add(quote.get("speaker_span"), "speaker", ref)
    for event in record.get("events") or []:
        add(event.get("trigger"), "event", str(event.get("id")))
    for place in record.get("places") or []:
        for mention in place.get("mentions") or []:
            add(mention, "place", str(place.get("id")))
    for removed in (record.get("article") or {}).get("removed") or []:
        add(removed, "removed", "")
    return marks


def segments(record: dict[str, Any]) -> list[Segment]:
    """Cut the article text of ``record`` (an ``Extraction.to_dict()``) into segments.

    Spans outside the text, or with start >= end, are ignored.
    """
    text = str((record.get("article") or {}).get("text") or "")
    marks = _marks(record, len(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    result: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = sorted(
            (m for m in marks if m.start <= start and m.end >= end),
            key=lambda m: (m.end - m.start, m.kind),
        )
        refs = tuple(dict.fromkeys(m.ref for m in covering if m.ref))
        kinds = tuple(dict.fromkeys(m.kind for m in covering))
        result.append(Segment(text[start:end], start, refs, kinds))
    return result
