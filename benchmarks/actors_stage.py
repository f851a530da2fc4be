"""How much time the actors stage adds to the spaCy pipeline, on the same texts in the same run.

Texts: the GUM news documents, the bundled samples and the seed story (whichever are present),
repeated to make the run long enough to time. Two measures, each the best of ``--repeat``
rounds in which the three jobs take turns:

- ``nlp.pipe`` of the spaCy model alone, and of the same model with ``eventwire_actors`` added;
- the ``eventwire_actors`` component alone, called on Docs spaCy has already parsed (the
  difference of two noisy totals is less reliable than timing the component by itself).

Usage: ``python benchmarks/actors_stage.py --shared ../shared [--repeat 3] [--copies 4]``
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from eventwire.nlp.model import build_nlp, load_model

ROOT = Path(__file__).resolve().parents[1]


def texts(shared: Path) -> list[str]:
    """The benchmark texts that are present."""
    found: list[str] = []
    gum = shared / "data" / "coref" / "gum"
    if gum.exists():
        from eventwire.evaluate.gum import read_gum

        found += [d.text for d in read_gum(gum)]
    stories = ROOT / "samples" / "stories.jsonl"
    if stories.exists():
        found += [json.loads(line)["text"] for line in stories.read_text().splitlines() if line]
    found += [p.read_text() for p in sorted((ROOT / "samples" / "text").glob("*.txt"))]
    seed = shared / "seed" / "venezuela-eln.txt"
    if seed.exists():
        found.append(seed.read_text())
    return found


def timed(job: Callable[[], None]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def best_alternating(runs: int, *jobs: Callable[[], None]) -> list[float]:
    """The shortest wall time of each job over ``runs`` rounds, the jobs taking turns within
    a round so that a change in the machine's load touches them alike."""
    times: list[list[float]] = [[] for _ in jobs]
    for _ in range(runs):
        for k, job in enumerate(jobs):
            times[k].append(timed(job))
    return [min(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4, help="times each text is repeated")
    args = parser.parse_args()
    corpus = texts(args.shared) * args.copies
    tokens = 0
    spacy_only = load_model()
    with_actors = build_nlp(nlp=load_model())
    component = with_actors.get_pipe("eventwire_actors")

    def run_spacy() -> None:
        nonlocal tokens
        tokens = sum(len(doc) for doc in spacy_only.pipe(corpus, batch_size=32))

    def run_full() -> None:
        for _ in with_actors.pipe(corpus, batch_size=32):
            pass

    docs = list(spacy_only.pipe(corpus, batch_size=32))

    def run_component() -> None:
        for doc in docs:
            component(doc)

    base, full, alone = best_alternating(args.repeat, run_spacy, run_full, run_component)
    result = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "model": spacy_only.meta.get("name", "") + " " + spacy_only.meta.get("version", ""),
        "texts": len(corpus),
        "tokens": tokens,
        "spacy_pipe_s": round(base, 3),
        "spacy_plus_actors_pipe_s": round(full, 3),
        "actors_component_s": round(alone, 3),
        "overhead_pipe_pct": round(100 * (full - base) / base, 1),
        "overhead_component_pct": round(100 * alone / base, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
