"""Scorer for quotes: PolNeAR attributions (source, cue and content spans in political news).

Data: the PolNeAR corpus as brat files, ``<dir>/data/<split>/text/<name>.txt`` and
``<dir>/data/<split>/attributions/<name>_<annotator>.ann`` (a text annotated twice has two
``.ann`` files; each is scored as its own gold article against the same predictions).

Metrics, as issue 4 defines them:

- content precision and recall. A predicted quote matches a gold attribution when at least half
  of each one's word tokens lie in the other (word tokens: runs of letters and digits; a gold
  content in several pieces counts the tokens of all of them, and so does a predicted quote
  with ``parts``, the pieces of a quote interrupted by its cue). Precision is the share of
  predicted quotes that match a gold attribution, recall the share of gold attributions that
  some predicted quote matches.
- per kind: ``marked`` compares the quotes with quotation marks on both sides (a predicted or
  gold content that carries a double quotation mark, in it or just around it); ``all``
  compares every predicted quote with every gold attribution. The precision of each predicted
  kind (direct, mixed, indirect) against all gold attributions is reported too.
- speaker accuracy, on the gold attributions that have a source and are matched: the
  best-matching predicted quote's speaker span, or any mention of its speaker actor, overlaps
  the gold source span.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import DataSetMissingError
from eventwire.evaluate import Score, register_scorer, require
from eventwire.records import Extraction, Quote

logger = logging.getLogger(__name__)

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\w[\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_EVENT = re.compile(r"^E\d+\t(.+)$", re.MULTILINE)
_WORD = re.compile(r"\w+")
_DOUBLE_MARK = re.compile(r"[\"“”„‟«»]|''|``")

Fragments = tuple[tuple[int, int], ...]


@dataclass(slots=True, frozen=True)
class GoldAttribution:
    """One gold attribution: content (one or more character ranges), optional source and cue."""

    content: Fragments
    source: Fragments = ()
    cue: Fragments = ()


@dataclass(slots=True)
class GoldArticle:
    """A text and one annotator's attributions on it."""

    name: str
    annotation: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _fragments(value: str) -> Fragments:
    return tuple(
        (int(start), int(end)) for start, end in (part.split() for part in value.split(";"))
    )


def parse_ann(content: str) -> list[GoldAttribution]:
    """Read the attributions of one brat ``.ann`` file (events with a Content argument)."""
    spans = {m.group(1): _fragments(m.group(3)) for m in _TEXT_BOUND.finditer(content)}
    found: list[GoldAttribution] = []
    for match in _EVENT.finditer(content):
        roles: dict[str, Fragments] = {}
        for argument in match.group(1).split():
            role, _, ref = argument.partition(":")
            if ref in spans:
                # Content2 is a second content piece of the same attribution
                key = "Content" if role.startswith("Content") else role
                roles[key] = roles.get(key, ()) + spans[ref]
        if "Content" in roles:
            found.append(
                GoldAttribution(
                    content=tuple(sorted(roles["Content"])),
                    source=roles.get("Source", ()),
                    cue=roles.get("Cue", ()),
                )
            )
    return found


def split_dir(polnear: Path, split: str) -> Path:
    """The folder of one split: accepts the corpus folder or its ``data`` folder."""
    for candidate in (polnear / "data" / split, polnear / split):
        if (candidate / "text").is_dir():
            return candidate
    return require(polnear / "data" / split / "text", f"PolNeAR {split} split").parent


def read_polnear(polnear: Path, split: str = "dev", limit: int | None = None) -> list[GoldArticle]:
    """Read one PolNeAR split; ``limit`` keeps the first N texts (by file name)."""
    folder = split_dir(polnear, split)
    texts = sorted((folder / "text").glob("*.txt"))
    if limit:
        texts = texts[:limit]
    articles: list[GoldArticle] = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for ann in sorted((folder / "attributions").glob(f"{path.stem}_*.ann")):
            if ann.stem.rsplit("_", 1)[0] != path.stem:
                continue
            articles.append(
                GoldArticle(path.stem, ann.stem, text, parse_ann(ann.read_text(encoding="utf-8")))
            )
    if not articles:
        raise DataSetMissingError(f"no annotated texts in {folder}")
    return articles


class _Tokens:
    """Word-token index of one text, to count the tokens of character ranges."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def of(self, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
        """The indices of the word tokens that start inside the ranges."""
        found: set[int] = set()
        for start, end in fragments:
            found.update(range(bisect_left(self.starts, start), bisect_left(self.starts, end)))
        return frozenset(found)


def contents_match(predicted: frozenset[int], gold: frozenset[int]) -> bool:
    """At least half of each token set lies in the other (and neither is empty)."""
    if not predicted or not gold:
        return False
    shared = len(predicted & gold)
    return 2 * shared >= len(predicted) and 2 * shared >= len(gold)


def _overlaps(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    b = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def is_marked(text: str, start: int, end: int) -> bool:
    """Whether characters ``start:end`` carry a double quotation mark, in them or just around."""
    return bool(_DOUBLE_MARK.search(text[max(0, start - 2) : end + 2]))


def gold_is_marked(text: str, attribution: GoldAttribution) -> bool:
    """Whether a gold content carries a double quotation mark, in it or just around it."""
    start = min(s for s, _ in attribution.content)
    end = max(e for _, e in attribution.content)
    return is_marked(text, start, end)


def speaker_correct(quote: Quote, extraction: Extraction, source: Fragments) -> bool:
    """The quote's speaker span, or any mention of its speaker actor, overlaps ``source``."""
    ranges: list[tuple[int, int]] = []
    if quote.speaker_span is not None:
        ranges.append((quote.speaker_span.start, quote.speaker_span.end))
    if quote.speaker is not None:
        for actor in extraction.actors:
            if actor.id == quote.speaker:
                ranges.extend((m.start, m.end) for m in actor.mentions)
    return _overlaps(ranges, source)


@dataclass(slots=True)
class _Tally:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    with_source: int = 0
    speaker_right: int = 0

    def metrics(self, prefix: str) -> dict[str, float]:
        precision = self.predicted_matched / self.predicted if self.predicted else 0.0
        recall = self.gold_matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        speaker = self.speaker_right / self.with_source if self.with_source else 0.0
        return {
            f"{prefix}_precision": precision,
            f"{prefix}_recall": recall,
            f"{prefix}_f1": f1,
            f"{prefix}_speaker_accuracy": speaker,
        }


def _quote_tokens(quote: Quote, tokens: _Tokens) -> frozenset[int]:
    """The word tokens of what a quote says: its parts when it has them, else its content."""
    if quote.parts:
        return tokens.of((p.start, p.end) for p in quote.parts)
    return tokens.of([(quote.content.start, quote.content.end)])


def _score_one(
    tally: _Tally,
    article: GoldArticle,
    extraction: Extraction,
    quotes: Sequence[Quote],
    gold: Sequence[GoldAttribution],
    tokens: _Tokens,
) -> None:
    predicted = [_quote_tokens(q, tokens) for q in quotes]
    reference = [tokens.of(g.content) for g in gold]
    tally.predicted += len(quotes)
    tally.gold += len(gold)
    tally.predicted_matched += sum(
        1 for p in predicted if any(contents_match(p, r) for r in reference)
    )
    for g, r in zip(gold, reference, strict=True):
        matches = [(len(p & r), i) for i, p in enumerate(predicted) if contents_match(p, r)]
        if not matches:
            continue
        tally.gold_matched += 1
        if g.source:
            tally.with_source += 1
            best = quotes[max(matches)[1]]
            tally.speaker_right += speaker_correct(best, extraction, g.source)


def score_articles(articles: Sequence[GoldArticle], extractions: Sequence[Extraction]) -> Score:
    """Score the extractions (one per gold article, same order) against the gold attributions."""
    totals = {"all": _Tally(), "marked": _Tally()}
    by_kind: dict[str, list[int]] = {}
    for article, extraction in zip(articles, extractions, strict=True):
        tokens = _Tokens(article.text)
        quotes = extraction.quotes
        marked_gold = [g for g in article.attributions if gold_is_marked(article.text, g)]
        marked_quotes = [
            q for q in quotes if is_marked(article.text, q.content.start, q.content.end)
        ]
        _score_one(totals["all"], article, extraction, quotes, article.attributions, tokens)
        _score_one(totals["marked"], article, extraction, marked_quotes, marked_gold, tokens)
        reference = [tokens.of(g.content) for g in article.attributions]
        for quote in quotes:
            predicted = _quote_tokens(quote, tokens)
            tally = by_kind.setdefault(quote.kind, [0, 0])
            tally[0] += 1
            tally[1] += any(contents_match(predicted, r) for r in reference)
    metrics = totals["marked"].metrics("marked") | totals["all"].metrics("all")
    for kind in sorted(by_kind):
        total, matched = by_kind[kind]
        metrics[f"{kind}_precision"] = matched / total if total else 0.0
    counts: dict[str, int] = {
        "articles": len(articles),
        "gold_all": totals["all"].gold,
        "gold_marked": totals["marked"].gold,
        "predicted_all": totals["all"].predicted,
        "predicted_marked": totals["marked"].predicted,
    } | {f"predicted_{kind}": by_kind[kind][0] for kind in sorted(by_kind)}
    return Score(stage="quotes", dataset="", metrics=metrics, counts=counts)


def score_polnear(
    polnear: Path,
    split: str = "dev",
    limit: int | None = None,
    pipeline: object | None = None,
) -> Score:
    """Run the pipeline over one PolNeAR split and score its quotes.

    Args:
        polnear: the corpus folder (holding ``data/<split>``).
        split: ``dev`` to measure, ``train`` to develop.
        limit: score only the first N texts.
        pipeline: an already loaded :class:`~eventwire.pipeline.Pipeline` to reuse.
    """
    from eventwire.ingest import Document
    from eventwire.pipeline import Pipeline

    articles = read_polnear(polnear, split, limit)
    runner = pipeline if isinstance(pipeline, Pipeline) else Pipeline()
    texts: dict[str, str] = {a.name: a.text for a in articles}
    documents = [Document(text=text, origin=name, id=name) for name, text in texts.items()]
    extracted = {e.article.id: e for e in runner.extract_many(documents)}
    score = score_articles(articles, [extracted[a.name] for a in articles])
    score.dataset = f"{split_dir(polnear, split)}"
    score.counts["texts"] = len(texts)
    return score


@register_scorer("quotes", "data/quotes/polnear")
def score_quotes(data: Path, limit: int | None = None) -> Score:
    """Score the quotes stage on the PolNeAR dev split."""
    return score_polnear(data, "dev", limit)
