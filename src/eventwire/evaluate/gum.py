"""Reader for the GUM coreference corpus (news documents): text, mentions and entities.

GUM ships each document in several formats. The text and the dependency parse come from
``dep/<doc>.conllu`` (sentence texts with their real spacing, paragraph breaks, UD heads); the
mentions and entities come from ``coref/gum/conll/<doc>.conll`` (one token per line,
``idx<TAB>token<TAB>(type-id[-Wikipedia_Title] ... )`` brackets). Both number the same words in
the same order, which the reader checks.

The document text is rebuilt as paragraphs joined by a blank line, sentences within a paragraph
joined by a space, each sentence as its ``# text =`` line. Every word gets its character span in
that text, and every mention its span, head word and category:

- ``named``: the head word is a proper noun (UD ``PROPN``);
- ``pronoun``: the head word is a pronoun (``PRON``) or a determiner standing alone (``DET``);
- ``nominal``: any other head (a common noun, an adjective or number used as a noun).

The head of a mention is its word whose syntactic head lies outside the mention (the first such
word when there are several).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import DataSetMissingError

_WORD = re.compile(r"^(\d+)\t")
_MULTI = re.compile(r"^(\d+)-(\d+)\t")


@dataclass(slots=True, frozen=True)
class GoldMention:
    """One gold mention: its character span, head word, entity id, type and category."""

    start: int
    end: int
    head_start: int
    head_end: int
    entity: str
    etype: str
    category: str  # named, nominal, pronoun


@dataclass(slots=True)
class GumDocument:
    """A GUM document: its rebuilt text and its gold mentions."""

    name: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass(slots=True)
class _Word:
    form: str
    upos: str
    head: int  # global index of the syntactic head, -1 for the root
    start: int = 0
    end: int = 0


def _find(text: str, form: str, cursor: int) -> int:
    found = text.find(form, cursor)
    if found < 0:
        # a form the text spells differently: place it at the next non-space character
        found = cursor
        while found < len(text) and text[found] == " ":
            found += 1
    return found


def read_document(conllu: Path, conll: Path) -> GumDocument:
    """Read one GUM document from its ``.conllu`` (text, parse) and ``.conll`` (mentions)."""
    sentences, words = _read_sentences(conllu)
    text, spans = _layout(sentences)
    for word, (start, end) in zip(words, spans, strict=True):
        word.start, word.end = start, end
    tokens = [
        line.split("\t")
        for line in conll.read_text(encoding="utf-8").splitlines()
        if _WORD.match(line)
    ]
    if len(tokens) != len(words):
        raise DataSetMissingError(
            f"{conll.name}: {len(tokens)} tokens but {conllu.name} has {len(words)} words"
        )
    mentions = []
    for first, last, entity, etype in _brackets([t[2] if len(t) > 2 else "_" for t in tokens]):
        inside = range(first, last + 1)
        heads = [i for i in inside if not (first <= words[i].head <= last)]
        head = heads[0] if heads else last
        upos = words[head].upos
        category = (
            "named" if upos == "PROPN" else "pronoun" if upos in ("PRON", "DET") else "nominal"
        )
        mentions.append(
            GoldMention(
                start=words[first].start,
                end=words[last].end,
                head_start=words[head].start,
                head_end=words[head].end,
                entity=entity,
                etype=etype,
                category=category,
            )
        )
    return GumDocument(name=conll.stem, text=text, mentions=mentions)


def _read_sentences(
    path: Path,
) -> tuple[list[tuple[bool, str, list[tuple[int, int]]]], list[_Word]]:
    """Return (starts a paragraph, sentence text, word spans within it) and all words."""
    sentences: list[tuple[bool, str, list[tuple[int, int]]]] = []
    words: list[_Word] = []
    new_paragraph = True
    text = ""
    lines: list[list[str]] = []
    multi: dict[int, tuple[int, str]] = {}

    def finish() -> None:
        nonlocal new_paragraph, text, lines, multi
        if not lines:
            return
        first_global = len(words)
        spans = _word_spans(text, lines, multi)
        for cols, (start, end) in zip(lines, spans, strict=True):
            head = int(cols[6])
            words.append(
                _Word(cols[1], cols[3], first_global + head - 1 if head > 0 else -1, start, end)
            )
        sentences.append((new_paragraph, text, spans))
        new_paragraph, text, lines, multi = False, "", [], {}

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            finish()
            new_paragraph = True
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif _MULTI.match(line):
            cols = line.split("\t")
            first, last = (int(x) for x in cols[0].split("-"))
            multi[first] = (last, cols[1])
        elif _WORD.match(line):
            lines.append(line.split("\t"))
        elif not line.strip():
            finish()
    finish()
    return sentences, words


def _word_spans(
    text: str, lines: list[list[str]], multi: dict[int, tuple[int, str]]
) -> list[tuple[int, int]]:
    """Character spans of a sentence's words within the sentence text."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    k = 0
    while k < len(lines):
        index = int(lines[k][0])
        if index in multi:
            last, surface = multi[index]
            members = [lines[j][1] for j in range(k, min(len(lines), k + last - index + 1))]
            start = _find(text, surface, cursor)
            end = start + len(surface)
            if "".join(members) == surface:
                pos = start
                for member in members:
                    spans.append((pos, pos + len(member)))
                    pos += len(member)
            else:
                spans.extend((start, end) for _ in members)
            cursor = end
            k += len(members)
            continue
        form = lines[k][1]
        start = _find(text, form, cursor)
        spans.append((start, start + len(form)))
        cursor = start + len(form)
        k += 1
    return spans


def _layout(
    sentences: list[tuple[bool, str, list[tuple[int, int]]]],
) -> tuple[str, list[tuple[int, int]]]:
    """Join sentences into the document text; return it and every word's document span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for new_paragraph, text, word_spans in sentences:
        if parts:
            separator = "\n\n" if new_paragraph else " "
            parts.append(separator)
            cursor += len(separator)
        spans.extend((cursor + s, cursor + e) for s, e in word_spans)
        parts.append(text)
        cursor += len(text)
    return "".join(parts), spans


def _brackets(columns: list[str]) -> list[tuple[int, int, str, str]]:
    """Parse the conll entity column into (first word, last word, entity id, type)."""
    found: list[tuple[int, int, str, str]] = []
    open_: list[tuple[str, str, int]] = []  # (entity id, type, first word)
    for index, column in enumerate(columns):
        if column in ("_", ""):
            continue
        pos = 0
        while pos < len(column):
            if column[pos] == "(":
                end = pos + 1
                while end < len(column) and column[end] not in "()":
                    end += 1
                etype, entity = _label(column[pos + 1 : end])
                if end < len(column) and column[end] == ")":
                    found.append((index, index, entity, etype))
                    pos = end + 1
                else:
                    open_.append((entity, etype, index))
                    pos = end
            else:
                end = column.find(")", pos)
                if end < 0:
                    break
                etype, entity = _label(column[pos:end])
                for k in range(len(open_) - 1, -1, -1):
                    if open_[k][0] == entity:
                        _, kind, first = open_.pop(k)
                        found.append((first, index, entity, kind))
                        break
                pos = end + 1
    found.sort()
    return found


def _label(label: str) -> tuple[str, str]:
    """``person-26-Eddie_Chu`` -> (``person``, ``26``)."""
    parts = label.split("-")
    etype = parts[0]
    entity = parts[1] if len(parts) > 1 else label
    return etype, entity


def read_gum(folder: Path, limit: int | None = None) -> list[GumDocument]:
    """Read the GUM news documents under ``folder`` (the corpus root holding coref/ and dep/).

    Raises:
        DataSetMissingError: the folder does not hold GUM's conll and conllu files.
    """
    conll_dir = folder / "coref" / "gum" / "conll"
    dep_dir = folder / "dep"
    if not conll_dir.is_dir() or not dep_dir.is_dir():
        raise DataSetMissingError(
            f"GUM not found at {folder} (expected coref/gum/conll/ and dep/ there)"
        )
    files = sorted(conll_dir.glob("GUM_news_*.conll"))
    if limit:
        files = files[:limit]
    documents = []
    for conll in files:
        conllu = dep_dir / f"{conll.stem}.conllu"
        if conllu.exists():
            documents.append(read_document(conllu, conll))
    if not documents:
        raise DataSetMissingError(f"no GUM news documents found under {conll_dir}")
    return documents
