"""What the place and date stages add to spaCy's pipeline time (a benchmark, not a test).

Runs ``nlp.pipe`` over the same texts (the Wikinews corpus under the shared folder) three ways in
one process, after a warm-up: spaCy's own components alone; with ``eventwire_actors`` (whose
output the place stage reads); and with ``eventwire_places`` and ``eventwire_dates`` too. The
overhead of places + dates is (third - second) / first. Times are CPU seconds of this process
(``time.process_time``); each configuration is timed ``--repeat`` times, the configurations
taking turns within each round so that a change of load on a shared machine hits all of them,
and the best run of each is kept.

On a loaded machine the difference of two pipeline runs of 15 s can be off by more than the
stages' own second, so the place and date components are also timed directly: applied on their
own to the Docs that spaCy and the actor stage made (the same work they do inside the pipeline).

    .venv/bin/python benchmarks/stages.py --shared ../shared --limit 300
"""

from __future__ import annotations

import argparse
import csv
import platform
import resource
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spacy.language import Language

from eventwire.knowledge.gazetteer import Gazetteer, index_path
from eventwire.nlp.model import build_nlp, load_model
from eventwire.settings import Settings


def _texts(shared: Path, limit: int) -> list[str]:
    folder = shared / "data" / "corpora" / "wikinews-2019-2021-vanatteveldt" / "data"
    texts: list[str] = []
    csv.field_size_limit(10_000_000)
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle) if row["text"].strip())
    return texts[:limit]


def _time(run: Callable[[], None]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def _pipe(nlp: Language, texts: list[str], disable: list[str]) -> Callable[[], None]:
    def run() -> None:
        with nlp.select_pipes(disable=disable):
            for doc in nlp.pipe(texts, batch_size=32):
                doc._.published = None

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    settings = Settings()
    started = time.perf_counter()
    Gazetteer(settings.cache_dir).lookup("Caracas")
    load_seconds = time.perf_counter() - started
    size_mb = index_path(settings.cache_dir).stat().st_size / 1e6

    texts = _texts(args.shared, args.limit)
    nlp = build_nlp(
        None,
        load_model(settings.spacy_model),
        {"eventwire_places": {"cache_dir": str(settings.cache_dir)}},
    )
    ours = ["eventwire_places", "eventwire_dates"]
    others = [n for n in nlp.pipe_names if n.startswith("eventwire_") and n not in ours]
    extra = [n for n in others if n != "eventwire_actors"]
    _pipe(nlp, texts[:20], [])()  # warm-up
    runs: dict[str, list[float]] = {"spacy": [], "actors": [], "ours": [], "direct": []}
    for _ in range(args.repeat):
        runs["spacy"].append(_time(_pipe(nlp, texts, [*others, *ours])))
        runs["actors"].append(_time(_pipe(nlp, texts, [*extra, *ours])))
        runs["ours"].append(_time(_pipe(nlp, texts, extra)))
        with nlp.select_pipes(disable=[*extra, *ours]):
            docs = list(nlp.pipe(texts, batch_size=32))
        components = [nlp.get_pipe(name) for name in ours]
        started = time.process_time()
        for doc in docs:
            for component in components:
                component(doc)
        runs["direct"].append(time.process_time() - started)
    spacy_only, with_actors, with_ours, direct = (min(runs[k]) for k in runs)
    chars = sum(len(t) for t in texts)
    machine = f"{platform.machine()} {platform.processor() or ''}".strip()
    print(f"machine: {machine}, python {platform.python_version()}, {date.today()}")
    print(f"texts: {len(texts)} Wikinews articles, {chars} characters")
    print(f"gazetteer: open + first lookup {load_seconds:.3f} s, index {size_mb:.1f} MB")
    print(f"spaCy alone:               {spacy_only:.2f} s CPU")
    print(f"+ actors:                  {with_actors:.2f} s CPU")
    print(f"+ actors, places, dates:   {with_ours:.2f} s CPU")
    overhead = (with_ours - with_actors) / spacy_only
    print(f"places + dates overhead:   {100 * overhead:.1f}% of spaCy's time (difference)")
    print(f"places + dates, direct:    {direct:.2f} s CPU, {100 * direct / spacy_only:.1f}%")
    print(f"max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
