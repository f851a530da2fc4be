"""Cleaning: find the lines of an article that are not its story (captions, credits, repeats).

Nothing is cut out of the text: offsets into it never move. :func:`clean` reports the spans to
leave out of analysis and the credits it found; :func:`mask` blanks those spans without changing
the length of the text. The patterns are data, in ``knowledge/data/cleaning.json``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from eventwire.records import Removed

CAPTION = "caption"
CREDIT = "credit"
DUPLICATE = "duplicate"

_PATTERN_FILE = ("knowledge", "data", "cleaning.json")


@dataclass(slots=True)
class Cleaning:
    """What :func:`clean` found: spans to leave out (sorted by start) and credits, in order."""

    removed: list[Removed]
    credits: list[str]


@dataclass(slots=True, frozen=True)
class _Patterns:
    captions: tuple[re.Pattern[str], ...]
    credit_lines: tuple[re.Pattern[str], ...]
    max_caption_chars: int
    max_credit_chars: int
    min_duplicate_chars: int


@functools.cache
def _patterns() -> _Patterns:
    resource = resources.files("eventwire").joinpath(*_PATTERN_FILE)
    data = json.loads(resource.read_text(encoding="utf-8"))
    fragments: dict[str, str] = {}
    for key, fragment in data["fragments"].items():
        fragments[key] = _expand(fragment, fragments)
    return _Patterns(
        captions=tuple(re.compile(_expand(p, fragments)) for p in data["caption_credits"]),
        credit_lines=tuple(re.compile(_expand(p, fragments)) for p in data["credit_lines"]),
        max_caption_chars=int(data["max_caption_chars"]),
        max_credit_chars=int(data["max_credit_chars"]),
        min_duplicate_chars=int(data["min_duplicate_chars"]),
    )


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    # str.replace, not str.format: regular expressions are full of braces.
    for key, fragment in fragments.items():
        pattern = pattern.replace("{" + key + "}", fragment)
    return pattern


def clean(text: str) -> Cleaning:
    """Find captions, credit lines and repeated lines in an article text.

    A removed span covers a whole line without its line break. The first copy of a repeated
    line keeps its own reason (or stays); later copies are removed as ``"duplicate"``.

    Args:
        text: the article text; it is not changed.
    """
    patterns = _patterns()
    removed: list[Removed] = []
    credits: list[str] = []
    seen: set[str] = set()
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.endswith("\r"):
            line = line[:-1]
        key = " ".join(line.split())
        repeatable = len(key) >= patterns.min_duplicate_chars
        reason: str | None = None
        credit: str | None = None
        if repeatable and key in seen:
            reason = DUPLICATE
        elif key:
            credit = _caption_credit(line, patterns)
            if credit is not None:
                reason = CAPTION
            else:
                credit = _credit_line(line, patterns)
                reason = CREDIT if credit is not None else None
            if repeatable:
                seen.add(key)
        if reason is not None:
            removed.append(Removed(start, start + len(line), reason))
        if credit is not None and credit not in credits:
            credits.append(credit)
        start = end + 1
    return Cleaning(removed=removed, credits=credits)


def _caption_credit(line: str, patterns: _Patterns) -> str | None:
    """Return the photo credit a caption line ends with, or None."""
    if len(line) > patterns.max_caption_chars:
        return None
    for pattern in patterns.captions:
        match = pattern.search(line)
        if match is not None:
            return " ".join(match.group("credit").split())
    return None


def _credit_line(line: str, patterns: _Patterns) -> str | None:
    """Return the credit if the whole line is a reporting credit, or None."""
    if len(line) > patterns.max_credit_chars:
        return None
    for pattern in patterns.credit_lines:
        match = pattern.fullmatch(line)
        if match is not None:
            return " ".join(match.group("credit").split())
    return None


def mask(text: str, removed: Iterable[Removed]) -> str:
    """Blank the removed spans of a text, keeping its length and line breaks.

    Characters inside a span become spaces, except ``"\\n"``, so an offset into the masked text
    is the same offset into the original.

    Args:
        text: the article text.
        removed: spans to blank, in any order; they may overlap.
    """
    pieces: list[str] = []
    done = 0
    for span in sorted(removed, key=lambda r: r.start):
        start = max(span.start, done)
        end = min(span.end, len(text))
        if start >= end:
            continue
        pieces.append(text[done:start])
        pieces.append("\n".join(" " * len(part) for part in text[start:end].split("\n")))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)
