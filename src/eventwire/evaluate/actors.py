"""Scorer for in-article actors: mention clusters on GUM news, aliases and attributes on the seed.

**GUM** (``data/coref/gum``: 24 Wikinews documents with every mention of every entity). The
pipeline reads each rebuilt document text (see :mod:`eventwire.evaluate.gum`); every mention of
every actor it returns is a system mention, in the cluster of its actor.

*Alignment.* A system mention and a gold mention are twins when the gold mention's head word
lies inside the system mention, or when the system mention lies inside the gold mention and
ends where it ends (a name after its title: "Texas student Ahmed Mohamed"); a system mention
takes the twin whose span overlaps it most (character Jaccard), each gold mention at most one
system mention.

*What is scored.* The headline figures (``precision``, ``recall``, ``f1``) take the gold
mentions of ``person`` and ``organization`` entities whose head is a proper noun (named) or a
common noun (nominal); pronouns are left out on both sides. System mentions whose twin is a gold
mention outside that set (a place, an abstract thing, a pronoun) are left out: a disagreement on
the type is not counted. System mentions with no twin at all stay in.
``*_with_pronouns`` adds gold and system pronouns; ``*_with_places`` adds ``place`` entities.
Singletons count, as GUM annotates them. Demonym mentions ("Venezuelan" for Venezuela) are left
out: GUM marks no adjective as a mention of a place.

*B-cubed* with system mentions (after Cai and Strube, 2010): recall averages, over gold
mentions, the share of the mention's gold cluster that the system put in the same cluster (a
gold mention with no twin is a singleton of the response); precision averages, over system
mentions, the share of the mention's system cluster whose twins are in the same gold cluster
(a system mention with no twin is a singleton of the key).

**Seed** (``seed/venezuela-eln.txt`` beside ``data/``, scored when present): ``alias_recall``
is the share of the forms listed in ``evaluate/data/seed_actors.json`` (names, acronyms,
descriptions, pronouns an annotator marked for each actor) found as mentions of the one
system actor holding the actor's anchor name; ``attribute_accuracy`` is the share of those
actors whose system country and sector both equal the annotated ones.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.evaluate import Score, register_scorer
from eventwire.evaluate.gum import GoldMention, GumDocument, read_gum
from eventwire.ingest import Document
from eventwire.records import Actor, Extraction

logger = logging.getLogger(__name__)

#: GUM entity types scored by the headline figures, and by the ``*_with_places`` ones.
ACTOR_TYPES = frozenset({"person", "organization"})
PLACE_TYPES = frozenset({"person", "organization", "place"})


@dataclass(slots=True, frozen=True)
class SystemMention:
    """A mention the pipeline returned: its span, how it was found and its actor."""

    start: int
    end: int
    how: str
    actor: str


def system_mentions(actors: Iterable[Actor]) -> list[SystemMention]:
    """Flatten actors into mentions, each labelled with its actor id (demonyms left out)."""
    return [
        SystemMention(m.start, m.end, m.how, actor.id)
        for actor in actors
        for m in actor.mentions
        if m.how != "demonym"
    ]


def align(system: list[SystemMention], gold: list[GoldMention]) -> dict[int, int]:
    """Twin each system mention (by index) with at most one gold mention (by index)."""
    pairs: list[tuple[float, int, int]] = []
    for si, s in enumerate(system):
        for gi, g in enumerate(gold):
            head_inside = s.start <= g.head_start and g.head_end <= s.end
            # a name inside a longer gold mention that ends with it: "Texas student Ahmed
            # Mohamed", whose gold head is "student"
            right_aligned = g.start <= s.start and s.end == g.end
            if head_inside or right_aligned:
                overlap = max(0, min(s.end, g.end) - max(s.start, g.start))
                union = max(s.end, g.end) - min(s.start, g.start)
                pairs.append((overlap / union if union else 0.0, si, gi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    twins: dict[int, int] = {}
    taken: set[int] = set()
    for _, si, gi in pairs:
        if si in twins or gi in taken:
            continue
        twins[si] = gi
        taken.add(gi)
    return twins


@dataclass(slots=True)
class BCubed:
    """Sums of per-mention B-cubed precision and recall, to average over documents."""

    precision_sum: float = 0.0
    precision_count: int = 0
    recall_sum: float = 0.0
    recall_count: int = 0

    def add(self, other: BCubed) -> None:
        self.precision_sum += other.precision_sum
        self.precision_count += other.precision_count
        self.recall_sum += other.recall_sum
        self.recall_count += other.recall_count

    @property
    def precision(self) -> float:
        return self.precision_sum / self.precision_count if self.precision_count else 0.0

    @property
    def recall(self) -> float:
        return self.recall_sum / self.recall_count if self.recall_count else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(
    system: list[SystemMention],
    gold: list[GoldMention],
    twins: dict[int, int],
    gold_scored: set[int],
    system_pronouns: bool,
) -> BCubed:
    """B-cubed over the gold mentions in ``gold_scored`` and the system mentions that go with
    them (see the module docstring)."""
    sys_scored = [
        si
        for si, s in enumerate(system)
        if (system_pronouns or s.how != "pronoun") and (si not in twins or twins[si] in gold_scored)
    ]
    gold_twin = {twins[si]: si for si in sys_scored if si in twins}
    sys_cluster: dict[str, list[int]] = defaultdict(list)
    for si in sys_scored:
        sys_cluster[system[si].actor].append(si)
    gold_cluster: dict[str, list[int]] = defaultdict(list)
    for gi in gold_scored:
        gold_cluster[gold[gi].entity].append(gi)
    score = BCubed()
    for gi in gold_scored:
        key = gold_cluster[gold[gi].entity]
        if gi not in gold_twin:
            score.recall_sum += 1 / len(key)
        else:
            response = sys_cluster[system[gold_twin[gi]].actor]
            same = sum(1 for si in response if si in twins and twins[si] in set(key))
            score.recall_sum += same / len(key)
        score.recall_count += 1
    for si in sys_scored:
        response = sys_cluster[system[si].actor]
        if si not in twins:
            score.precision_sum += 1 / len(response)
        else:
            entity = gold[twins[si]].entity
            same = sum(
                1
                for other in response
                if other in twins
                and gold[twins[other]].entity == entity
                and twins[other] in gold_scored
            )
            score.precision_sum += same / len(response)
        score.precision_count += 1
    return score


def _scored(gold: list[GoldMention], types: frozenset[str], pronouns: bool) -> set[int]:
    return {
        gi
        for gi, g in enumerate(gold)
        if g.etype in types and (pronouns or g.category != "pronoun")
    }


def score_documents(documents: list[GumDocument], extractions: list[Extraction]) -> Score:
    """B-cubed figures of ``extractions`` against the gold ``documents`` (same order)."""
    settings = {
        "": (ACTOR_TYPES, False),
        "_with_pronouns": (ACTOR_TYPES, True),
        "_with_places": (PLACE_TYPES, False),
    }
    totals = {suffix: BCubed() for suffix in settings}
    detected = gold_total = 0
    for document, extraction in zip(documents, extractions, strict=True):
        system = system_mentions(extraction.actors)
        twins = align(system, document.mentions)
        for suffix, (types, pronouns) in settings.items():
            scored = _scored(document.mentions, types, pronouns)
            totals[suffix].add(b_cubed(system, document.mentions, twins, scored, pronouns))
        headline = _scored(document.mentions, ACTOR_TYPES, False)
        gold_total += len(headline)
        detected += len(headline & set(twins.values()))
    metrics: dict[str, float] = {}
    for suffix, total in totals.items():
        metrics[f"precision{suffix}"] = total.precision
        metrics[f"recall{suffix}"] = total.recall
        metrics[f"f1{suffix}"] = total.f1
    metrics["mention_recall"] = detected / gold_total if gold_total else 0.0
    return Score(
        stage="actors",
        dataset="GUM news (coref/gum/conll + dep/)",
        metrics=metrics,
        counts={"documents": len(documents), "gold_mentions": gold_total},
    )


def _seed_gold() -> list[dict[str, Any]]:
    text = resources.files("eventwire.evaluate").joinpath("data/seed_actors.json").read_text()
    data: dict[str, Any] = json.loads(text)
    actors: list[dict[str, Any]] = data["actors"]
    return actors


def score_seed(extraction: Extraction) -> dict[str, float]:
    """Alias recall and attribute accuracy on the seed story (see the module docstring)."""
    gold = _seed_gold()
    found_forms = total_forms = right = 0
    for entry in gold:
        holders = [a for a in extraction.actors if entry["anchor"] in {m.text for m in a.mentions}]
        holders = [a for a in holders if a.kind == entry["kind"]] or holders
        actor = max(holders, key=lambda a: len(a.mentions)) if holders else None
        texts = [m.text for m in actor.mentions] if actor else []
        for form in entry["forms"]:
            total_forms += 1
            if form in texts:
                found_forms += 1
        if actor and actor.country == entry["country"] and actor.sector == entry["sector"]:
            right += 1
    return {
        "seed_alias_recall": found_forms / total_forms if total_forms else 0.0,
        "seed_attribute_accuracy": right / len(gold) if gold else 0.0,
    }


@register_scorer("actors", "data/coref/gum")
def score_actors(data: Path, limit: int | None = None) -> Score:
    """Score the actors stage on GUM news (and on the seed story when it is beside data/)."""
    from eventwire.pipeline import Pipeline

    documents = read_gum(data, limit)
    pipeline = Pipeline()
    extractions = list(
        pipeline.extract_many(Document(text=d.text, origin=d.name, id=d.name) for d in documents)
    )
    score = score_documents(documents, extractions)
    seed = data.parents[2] / "seed" / "venezuela-eln.txt" if len(data.parents) > 2 else None
    if seed is not None and seed.exists():
        extraction = pipeline.extract(seed.read_text(encoding="utf-8"), published="2019-02-24")
        score.metrics.update(score_seed(extraction))
        score.counts["seed_actors"] = len(_seed_gold())
    else:
        logger.info("seed story not found beside %s; seed figures left out", data)
    return score
