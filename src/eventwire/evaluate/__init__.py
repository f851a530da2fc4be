"""Scorers over gold data sets: one per extraction stage, run by ``eventwire evaluate STAGE``.

Each scorer reads a development set (by default under ``../shared/data``), returns a
:class:`Score`, and the CLI prints it as a table and writes it as JSON. ``floors.json`` holds
the lowest score each stage may reach on its development set; ``--check`` fails below it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.errors import DataSetMissingError


@dataclass(slots=True)
class Score:
    """The figures of one scorer run."""

    stage: str
    dataset: str
    metrics: dict[str, float]
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True, frozen=True)
class Scorer:
    """A registered scorer: its stage name, default data path under shared/, and function."""

    stage: str
    default_path: str
    run: Callable[[Path, int | None], Score]


SCORERS: dict[str, Scorer] = {}


def register_scorer(
    stage: str, default_path: str
) -> Callable[[Callable[[Path, int | None], Score]], Callable[[Path, int | None], Score]]:
    """Register ``func(data_path, limit) -> Score`` as the scorer of ``stage``."""

    def decorate(func: Callable[[Path, int | None], Score]) -> Callable[[Path, int | None], Score]:
        SCORERS[stage] = Scorer(stage, default_path, func)
        return func

    return decorate


def require(path: Path, what: str) -> Path:
    """Return ``path`` if it exists, else raise DataSetMissingError naming it."""
    if not path.exists():
        raise DataSetMissingError(f"{what} not found at {path} (pass its path, or --shared DIR)")
    return path


@cache
def floors() -> dict[str, dict[str, float]]:
    """The lowest development-set score each stage may reach (``floors.json``)."""
    text = resources.files("eventwire.evaluate").joinpath("floors.json").read_text("utf-8")
    data: dict[str, dict[str, float]] = {
        k: v for k, v in json.loads(text).items() if not k.startswith("_")
    }
    return data


def below_floor(score: Score) -> list[str]:
    """Return one message per metric of ``score`` that is under its floor.

    A key written ``"max NAME"`` is a ceiling for a metric where lower is better.
    """
    problems: list[str] = []
    for metric, bound in floors().get(score.stage, {}).items():
        if metric.startswith("max "):
            name = metric[4:]
            value = score.metrics.get(name, float("inf"))
            if value > bound:
                problems.append(f"{score.stage} {name} {value:.3f} > ceiling {bound:.3f}")
        elif score.metrics.get(metric, 0.0) < bound:
            value = score.metrics.get(metric, 0.0)
            problems.append(f"{score.stage} {metric} {value:.3f} < floor {bound:.3f}")
    return problems


def write_score(score: Score, out_dir: Path) -> Path:
    """Write ``score`` as ``out_dir/<stage>.json`` and return the path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{score.stage}.json"
    path.write_text(json.dumps(score.to_dict(), indent=2) + "\n", encoding="utf-8")
    return path


def load_scorers() -> dict[str, Scorer]:
    """Import the built-in scorer modules (they register themselves) and return the registry."""
    from eventwire.evaluate import actors, events, ingest, places, quotes  # noqa: F401

    return SCORERS
