"""Repairs for text whose words were joined by spaces ("the U . S", "Mr . Sisi", "5 . 3 million").

Tokenised corpora (the ConfliBERT sets, feeds built from tokenised text) put a space on both
sides of every full stop. spaCy's tokenizer then splits an abbreviation or a decimal into three
tokens, and the parser ends the sentence at the stop: "Germany gave 352 ." / "5 million euros
...". This component, which runs first, merges each such abbreviation or number into one token
before any model sees it, so the sentence and its phrases stay whole. Offsets and the text are
unchanged (a merged token keeps its inner spaces), and text with ordinary punctuation is left
alone: only a stop with a space on both sides is considered, and a text without one is not
scanned at all.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

#: abbreviations that a full stop follows inside a name or a date ("Mr . Sisi", "Nov . 2")
TITLES = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Sen", "Gen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Prof",
        "St", "Jr", "Sr", "Maj", "Adm", "Rev", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "No", "Nos", "Co", "Corp", "Inc", "Ltd", "vs",
    }
)  # fmt: skip
_INITIAL = re.compile(r"[A-Z]")
_SHORT_NUMBER = re.compile(r"\d{1,3}")
_DIGITS = re.compile(r"\d+")


def spaced_stops(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges to merge: initials ("U . S", "A . D"), a title or month and its stop
    ("Mr .", "Nov ."), and a decimal ("5 . 3"; not "in 2015 . 148 students", a year and a
    count)."""
    found: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n - 1:
        token, stop = doc[i], doc[i + 1]
        if stop.text != "." or not token.whitespace_ or not stop.whitespace_:
            i += 1
            continue
        if _INITIAL.fullmatch(token.text):
            end = i + 1
            while (
                end + 1 < n
                and doc[end].text == "."
                and doc[end].whitespace_
                and _INITIAL.fullmatch(doc[end + 1].text)
            ):
                end += 2  # "U . S", "T . P . L . F"
            end = end if end > i + 1 else i + 2  # "John R . Bass": the initial and its stop
            found.append((i, end))
            i = end
        elif token.text in TITLES:
            found.append((i, i + 2))
            i += 2
        elif (
            _SHORT_NUMBER.fullmatch(token.text) and i + 2 < n and _DIGITS.fullmatch(doc[i + 2].text)
        ):
            found.append((i, i + 3))
            i += 3
        else:
            i += 1
    return found


@Language.component("eventwire_spacing")
def repair_spacing(doc: Doc) -> Doc:
    """spaCy component: merge abbreviations and decimals split by spaced full stops."""
    if " . " not in doc.text:
        return doc
    ranges = spaced_stops(doc)
    if ranges:
        with doc.retokenize() as retokenizer:
            for start, end in ranges:
                retokenizer.merge(doc[start:end])
    return doc
