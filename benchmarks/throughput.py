"""Throughput and memory of eventwire against raw spaCy on the same texts, in the same run.

Measures, on one core unless stated:
  (a) raw spaCy ``nlp.pipe`` with the same model;
  (b) ``Pipeline.extract_many`` (what ``eventwire extract`` runs);
  (c) ``eventwire.run.ingest`` into a fresh SQLite file;
and the time each eventwire component adds to spaCy's own pipeline.

Texts: the Wikinews CSV articles under ``--shared`` when present, else generated wire-style text.
Results print as a table and are written as JSON to bench-results/throughput.json.

    python benchmarks/throughput.py --shared ../shared [--repeat 2] [--limit 300]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.nlp.model import COMPONENTS
from eventwire.pipeline import Pipeline
from eventwire.run import ingest
from eventwire.settings import Settings
from eventwire.store import Store

csv.field_size_limit(sys.maxsize)


def load_texts(shared: Path, limit: int) -> tuple[list[str], str]:
    """Return benchmark texts and a description of where they came from."""
    folder = shared / "data" / "corpora" / "wikinews-2019-2021-vanatteveldt" / "data"
    texts: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    if texts:
        return texts[:limit], f"{len(texts[:limit])} Wikinews articles ({folder})"
    return generated_texts(limit), f"{limit} generated wire-style texts"


def generated_texts(count: int, seed: int = 7) -> list[str]:
    """Wire-style texts built from templates, for machines without the shared corpora."""
    rng = random.Random(seed)
    people = ["Ana Torres", "Samuel Okafor", "Li Wei", "Maria Gonzalez", "Tomas Novak"]
    groups = ["the Popular Front (PF)", "the National Union", "the Workers' Party"]
    places = ["Lima", "Nairobi", "Manila", "Kyiv", "Bogotá", "Lagos"]
    verbs = ["accused", "met", "criticised", "thanked", "warned", "praised"]
    texts = []
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            a, b = rng.sample(people, 2)
            paragraphs.append(
                f"{a}, a leader of {rng.choice(groups)}, {rng.choice(verbs)} {b} in "
                f'{rng.choice(places)} on Monday. "We will not back down," {a.split()[-1]} '
                f"said, adding that talks with {rng.choice(groups)} would resume next week."
            )
        texts.append("\n\n".join(paragraphs))
    return texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func: Callable[[], Any], repeat: int) -> float:
    """Best wall time of ``repeat`` runs (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def run(shared: Path, limit: int, repeat: int) -> dict[str, Any]:
    texts, origin = load_texts(shared, limit)
    pipeline = Pipeline(Settings())
    nlp = pipeline.nlp
    chars = sum(len(t) for t in texts)
    ours = [name for name in COMPONENTS if name in nlp.pipe_names]

    def raw_spacy() -> None:
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(texts, batch_size=pipeline.settings.batch_size):
                pass

    def extract() -> None:
        for _ in pipeline.extract_many(texts):
            pass

    def ingest_sqlite() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for n, text in enumerate(texts):
                    handle.write(json.dumps({"id": f"b{n}", "text": text}) + "\n")
            with Store(str(Path(tmp) / "bench.db")) as store:
                ingest([str(source)], store, pipeline)

    raw_spacy()  # warm-up: vocabulary and caches
    results: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "texts": origin,
        "characters": chars,
        "runs": {},
        "stages": {},
    }
    base = timed(raw_spacy, repeat)
    for name, func in (
        ("raw spaCy nlp.pipe", raw_spacy),
        ("eventwire extract", extract),
        ("eventwire ingest (SQLite)", ingest_sqlite),
    ):
        seconds = base if func is raw_spacy else timed(func, repeat)
        results["runs"][name] = {
            "seconds": round(seconds, 3),
            "articles_per_s": round(len(texts) / seconds, 1),
            "vs_spacy": round(base / seconds, 3),
        }
    for index, name in enumerate(ours):
        # time spaCy plus eventwire's components up to and including this one
        keep = set(ours[: index + 1])

        def upto(keep: set[str] = keep) -> None:
            with nlp.select_pipes(disable=[n for n in ours if n not in keep]):
                for _ in nlp.pipe(texts, batch_size=pipeline.settings.batch_size):
                    pass

        results["stages"][name] = round(timed(upto, repeat), 3)
    previous = base
    for name in ours:
        total = results["stages"][name]
        results["stages"][name] = {
            "adds_seconds": round(total - previous, 3),
            "adds_percent_of_spacy": round(100 * (total - previous) / base, 1),
        }
        previous = total
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=300, help="number of texts")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best kept)")
    parser.add_argument("--out", type=Path, default=Path("bench-results/throughput.json"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    results = run(args.shared, args.limit, args.repeat)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{results['texts']}, {results['characters']:,} characters; {results['model']}")
    print(f"{'run':32} {'seconds':>8} {'articles/s':>11} {'x spaCy':>8}")
    for name, row in results["runs"].items():
        print(
            f"{name:32} {row['seconds']:8.2f} {row['articles_per_s']:11.1f} {row['vs_spacy']:8.2f}"
        )
    for name, row in results["stages"].items():
        print(
            f"stage {name:26} adds {row['adds_seconds']:.2f} s = "
            f"{row['adds_percent_of_spacy']:.1f}% of spaCy's time"
        )
    print(f"peak RSS {results['peak_rss_mb']} MB; written {args.out}")


if __name__ == "__main__":
    main()
