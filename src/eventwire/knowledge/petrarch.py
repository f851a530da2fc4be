"""Read a PETRARCH (TABARI-style) verb-pattern dictionary into eventwire verb senses.

An extension, not the core: eventwire's own lexicon is ``data/event_triggers.json``. This
reader lets a user bring a PETRARCH verb dictionary (the CAMEO verb dictionary, or a project's
own) and have its verbs and patterns tried before eventwire's::

    nlp.add_pipe("eventwire_events", config={"petrarch_verbs": "CAMEO.2.0.txt"})

What is read: synonym sets (``&NAME`` then ``+WORD`` lines), verb blocks
(``--- LABEL [CODE] ---``) with their verbs (``VERB``, ``+VERB_PARTICLE``, irregular forms in
``{...}``, a verb's own ``[CODE]``), and patterns (``- WORDS * WORDS [CODE]``): the words before
``*`` must occur in that order before the verb in the sentence, the words after it in that order
after the verb. Actor markers (``$``, ``+``, ``%``, ``^``) are dropped: eventwire reads
participants from the parse. Codes are mapped to PLOVER through the CAMEO table (or the WEIS one);
a code the table does not know (``---``, test codes) makes no sense. Patterns with more words are
tried first. PETRARCH's verb-verb transformations (``~`` lines) are not read.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.knowledge.ontology import Ontology, ontology
from eventwire.knowledge.triggers import Sense

logger = logging.getLogger(__name__)

_BLOCK = re.compile(r"^---\s*(.*?)\s*\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]\s*$")


class PetrarchDictionaryError(EventwireError):
    """A PETRARCH verb dictionary cannot be read."""


def _plover(code: str, codes: str, plover: Ontology) -> tuple[str, str | None] | None:
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    if codes == "weis":
        return plover.from_weis(code) if len(code) <= 3 else None
    return plover.from_cameo(code)


def _elements(words: str, synsets: dict[str, frozenset[str]]) -> tuple[frozenset[str], ...] | None:
    """Pattern words as a sequence of alternatives; markers dropped, synsets expanded.

    None when a word cannot be read (an unknown synset, a token that is not a word): dropping
    it would make the pattern broader than written, so such a pattern is not used.
    """
    found: list[frozenset[str]] = []
    for raw in words.replace("_", " ").split():
        word = raw.strip("$+%^{}()|").lower()
        if not word:
            continue
        if word.startswith("&"):
            members = synsets.get(word[1:].rstrip("_"))
            if not members:
                return None
            found.append(members)
            continue
        if word.isalpha() or "'" in word or "-" in word:
            found.append(frozenset({word}))
        elif not word.isdigit():
            return None
    return tuple(found)


def read_verb_patterns(
    path: str | Path, codes: str = "cameo", plover: Ontology | None = None
) -> dict[str, tuple[Sense, ...]]:
    """Verb lemma -> senses from a PETRARCH verb dictionary.

    Args:
        path: the dictionary file.
        codes: "cameo" (PETRARCH's CAMEO dictionaries) or "weis" (older TABARI/KEDS ones).
        plover: the ontology to map codes with; eventwire's by default.

    Raises:
        PetrarchDictionaryError: the file cannot be read.
    """
    if codes not in ("cameo", "weis"):
        raise PetrarchDictionaryError(f"codes must be 'cameo' or 'weis', not {codes!r}")
    plover = plover if plover is not None else ontology()
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise PetrarchDictionaryError(f"cannot read PETRARCH verbs {path}: {error}") from error
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    synsets: dict[str, frozenset[str]] = {}
    current_synset: str | None = None
    block_code = "---"
    block_verbs: list[tuple[str, str | None, str]] = []  # (lemma, particle, code)
    patterns: list[tuple[str, str, str]] = []  # (before, after, code)
    senses: dict[str, list[tuple[int, Sense]]] = {}

    def close_block() -> None:
        for lemma, particle, verb_code in block_verbs:
            made: list[tuple[int, Sense]] = []
            for before, after, code in patterns:
                mapped = _plover(code, codes, plover)
                if mapped is None:
                    continue
                pre, post = _elements(before, synsets), _elements(after, synsets)
                if pre is None or post is None:
                    continue
                sense = Sense(
                    type=mapped[0],
                    mode=mapped[1],
                    cameo=code.split(":")[0] if codes == "cameo" else None,
                    particle=particle,
                    before=pre or None,
                    after=post or None,
                )
                made.append((len(pre) + len(post), sense))
            mapped = _plover(verb_code, codes, plover)
            if mapped is not None:
                made.append(
                    (
                        -1,
                        Sense(
                            type=mapped[0],
                            mode=mapped[1],
                            cameo=verb_code if codes == "cameo" else None,
                            particle=particle,
                        ),
                    )
                )
            if made:
                senses.setdefault(lemma, []).extend(made)

    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        block = _BLOCK.match(line)
        if block:
            close_block()
            block_code, block_verbs, patterns, current_synset = block.group(2), [], [], None
            continue
        if line.startswith("&"):
            current_synset = line[1:].split()[0].rstrip("_").lower()
            synsets[current_synset] = frozenset()
            continue
        if line.startswith("+") and current_synset is not None:
            member = line[1:].strip()
            if member.startswith("&"):
                nested = synsets.get(member[1:].rstrip("_").lower(), frozenset())
                synsets[current_synset] = synsets[current_synset] | nested
            else:
                phrase = member.replace("_", " ").lower().split()
                if phrase:
                    synsets[current_synset] = synsets[current_synset] | {phrase[-1]}
            continue
        if line.startswith("-"):
            body = line[1:]
            code_match = _CODE.search(body)
            if code_match is None or "*" not in body:
                continue
            before, _, after = body[: code_match.start()].partition("*")
            patterns.append((before, after, code_match.group(1)))
            continue
        if line.startswith("~"):
            continue
        # a verb line: VERB, +VERB_PARTICLE, VERB {forms} [CODE]
        current_synset = None
        head = line.split("{")[0]
        own = _CODE.search(head)
        verb_code = own.group(1) if own else block_code
        words = head[: own.start()] if own else head
        parts = words.strip().lstrip("+").lower().split("_")
        if not parts or not parts[0].isalpha():
            continue
        particle = parts[1] if len(parts) == 2 and parts[1].isalpha() else None
        if len(parts) > 2 or "+" in words.strip()[1:]:
            continue  # pre-compounded verbs ("WIRE_+TAP"): not read
        block_verbs.append((parts[0], particle, verb_code))
    close_block()
    result = {
        lemma: tuple(s for _, s in sorted(items, key=lambda item: -item[0]))
        for lemma, items in senses.items()
    }
    logger.info("PETRARCH verbs %s: %d verbs", path, len(result))
    return result
