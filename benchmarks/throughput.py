"""Throughput and memory of eventwire against raw spaCy on the same texts, in the same run.

Measures, on one core unless stated:
  (a) raw spaCy ``nlp.pipe`` with the same model, as spaCy ships it (eventwire's pipeline puts
      its faster attribute ruler, with identical output, in place of spaCy's);
  (b) ``Pipeline.extract_many`` (what ``eventwire extract`` runs);
  (c) ``eventwire.run.ingest`` into a fresh SQLite file;
  (d) the same ingest with 2 worker processes (``--workers 2``; pool started before timing);
and the time each eventwire component adds to spaCy's own pipeline (CPU seconds of each component
applied in turn to the same Docs; ``--stages-only`` runs just that), with spaCy's own attribute
ruler timed on copies of the same Docs beside eventwire's.

``--memory`` instead ingests ``--memory-articles`` (10,000) generated articles into SQLite and
samples the resident memory of the process as it goes: flat means no growth beyond 10 % after
the warm-up (the first 10 %).

Texts: the Wikinews CSV articles and then the PolNeAR texts under ``--shared`` when present (the
first ``--limit``, 600 by default; the stage split uses the first ``--stage-limit``, 300), else
generated wire-style text.
Results print as a table and are written as JSON to bench-results/throughput.json (memory:
bench-results/memory.json).

    python benchmarks/throughput.py --shared ../shared [--repeat 2] [--limit 600]
    python benchmarks/throughput.py --memory [--memory-articles 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from spacy.pipeline import AttributeRuler

from eventwire.ingest import read_inputs
from eventwire.nlp.fastruler import FastAttributeRuler
from eventwire.nlp.model import COMPONENTS, SPACING, load_model
from eventwire.pipeline import Pipeline
from eventwire.records import Extraction, Failure
from eventwire.run import InProcess, ProcessPool, ingest, ingest_documents
from eventwire.settings import Settings
from eventwire.store import Store

WORKERS = 2

csv.field_size_limit(sys.maxsize)


def load_texts(shared: Path, limit: int) -> tuple[list[str], str]:
    """Return up to ``limit`` benchmark texts and a description of where they came from.

    The Wikinews articles first, then the PolNeAR texts (dev split, then train), each in file
    order, so a given limit always takes the same texts; generated text without them.
    """
    folder = shared / "data" / "corpora" / "wikinews-2019-2021-vanatteveldt" / "data"
    wikinews: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            wikinews += [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    polnear_root = shared / "data" / "quotes" / "polnear" / "data"
    polnear = [
        text
        for split in ("dev", "train")
        for path in sorted((polnear_root / split / "text").glob("*.txt"))
        if (text := path.read_text(encoding="utf-8")).strip()
    ]
    texts = (wikinews + polnear)[:limit]
    if texts:
        taken = min(len(wikinews), limit)
        origin = f"{taken} Wikinews articles ({folder})"
        if len(texts) > taken:
            origin += f" and {len(texts) - taken} PolNeAR texts ({polnear_root})"
        return texts, origin
    return generated_texts(limit), f"{limit} generated wire-style texts"


def generated_texts(count: int, seed: int = 7) -> list[str]:
    """Wire-style texts built from templates, for machines without the shared corpora.

    Choices vary enough that no two texts are near-duplicates, so ingest analyses every one.
    """
    rng = random.Random(seed)
    people = ["Ana Torres", "Samuel Okafor", "Li Wei", "Maria Gonzalez", "Tomas Novak"]
    people += ["Aisha Bello", "Pedro Ruiz", "Olena Kovalenko", "Kwame Mensah", "Sofia Rossi"]
    groups = ["the Popular Front (PF)", "the National Union", "the Workers' Party"]
    groups += ["the Green Alliance", "the Farmers' League", "the Civic Movement"]
    places = ["Lima", "Nairobi", "Manila", "Kyiv", "Bogotá", "Lagos", "Quito", "Dhaka"]
    verbs = ["accused", "met", "criticised", "thanked", "warned", "praised", "visited"]
    topics = ["budget", "harbour", "election", "pipeline", "strike", "treaty", "drought"]
    topics += ["bridge", "tariff", "vaccine", "curfew", "railway", "audit", "ceasefire"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    texts = []
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            a, b = rng.sample(people, 2)
            t1, t2 = rng.sample(topics, 2)
            paragraphs.append(
                f"{a}, a leader of {rng.choice(groups)}, {rng.choice(verbs)} {b} in "
                f"{rng.choice(places)} on {rng.choice(days)} over the {t1}. "
                f'"We will not back down on the {t2}," {a.split()[-1]} said, adding that talks '
                f"with {rng.choice(groups)} would resume in {rng.randint(2, 30)} days."
            )
        texts.append("\n\n".join(paragraphs))
    return texts


def current_rss_mb() -> float:
    """Resident memory of this process now (not the peak), in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / (1024 * 1024)


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n, text in enumerate(texts):
            handle.write(json.dumps({"id": f"b{n}", "text": text}) + "\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine_busy() -> float | None:
    """CPU-seconds the whole machine has been busy (all processes, all cores); None off Linux."""
    try:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _consume(docs: Iterable[Any]) -> None:
    for _ in docs:
        pass


def timed(func: Callable[[], Any], repeat: int) -> float:
    """Best wall time of ``repeat`` runs (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def stage_split(pipeline: Pipeline, texts: list[str], repeat: int) -> dict[str, Any]:
    """CPU seconds of each pipeline component, applied in turn to the same Docs; best of ``repeat``.

    Each component runs over all the Docs the components before it made (the work it does inside
    ``nlp.pipe``), timed with this process's CPU clock: a change of load on a shared machine
    barely moves it, unlike differences of whole pipeline runs. spaCy's time is the tokenizer
    plus the model's own components; each eventwire component's share is its time over that.
    """
    nlp = pipeline.nlp
    batch = pipeline.settings.batch_size
    best: dict[str, float] = {}
    own_ruler = float("inf")
    for _ in range(repeat):
        times: dict[str, float] = {}
        started = time.process_time()
        docs = [nlp.make_doc(text) for text in texts]
        times["tokenizer"] = time.process_time() - started
        for name, component in nlp.pipeline:
            if isinstance(component, FastAttributeRuler):
                # spaCy's own ruler with the same patterns, on copies of the same Docs
                ruler = AttributeRuler(nlp.vocab)
                ruler.add_patterns(component.patterns)
                copies = [doc.copy() for doc in docs]
                started = time.process_time()
                for doc in copies:
                    ruler(doc)
                own_ruler = min(own_ruler, time.process_time() - started)
                del copies
            started = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=batch))
            else:
                docs = [component(doc) for doc in docs]
            times[name] = time.process_time() - started
        del docs
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in times.items()}
    ours = {SPACING, *COMPONENTS}
    spacy_seconds = sum(s for name, s in best.items() if name not in ours)
    own: dict[str, Any] = {}
    if own_ruler < float("inf"):
        own["stage_spacy_own_attribute_ruler"] = round(own_ruler, 3)
    return {
        **own,
        "stage_texts": len(texts),
        "stage_spacy_cpu_seconds": round(spacy_seconds, 3),
        "stage_spacy_components": {
            name: round(s, 3) for name, s in best.items() if name not in ours
        },
        "stages": {
            name: {
                "adds_seconds": round(s, 3),
                "adds_percent_of_spacy": round(100 * s / spacy_seconds, 1),
            }
            for name, s in best.items()
            if name in ours
        },
    }


def run(
    shared: Path, limit: int, repeat: int, ingest_only: bool = False, stage_limit: int = 300
) -> dict[str, Any]:
    texts, origin = load_texts(shared, limit)
    pipeline = Pipeline(Settings())
    nlp = pipeline.nlp
    chars = sum(len(t) for t in texts)
    # spaCy's pipeline as it ships, a second copy: eventwire's has its faster attribute ruler
    spacy_nlp = load_model(pipeline.settings.spacy_model)

    def raw_spacy() -> None:
        for _ in spacy_nlp.pipe(texts, batch_size=pipeline.settings.batch_size):
            pass

    def extract() -> None:
        for _ in pipeline.extract_many(texts):
            pass

    def ingest_sqlite() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            write_jsonl(texts, source)
            with Store(str(Path(tmp) / "bench.db")) as store:
                ingest([str(source)], store, pipeline)

    started = time.perf_counter()
    pool = ProcessPool(pipeline.settings, WORKERS)
    # Start the workers and load their models before timing, as (c) has its model loaded.
    for _ in pool(texts[: WORKERS * pipeline.settings.batch_size]):
        pass
    pool_start = time.perf_counter() - started

    def ingest_workers() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            write_jsonl(texts, source)
            settings = pipeline.settings
            with Store(str(Path(tmp) / "bench.db")) as store:
                ingest_documents(read_inputs([str(source)], settings), store, settings, pool)

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
    runs: tuple[tuple[str, Callable[[], None]], ...] = (
        ("raw spaCy nlp.pipe", raw_spacy),
        ("eventwire extract", extract),
        ("eventwire ingest (SQLite)", ingest_sqlite),
        (f"eventwire ingest, {WORKERS} workers", ingest_workers),
    )
    if ingest_only:  # (c) and (d) only, against (a) all the same
        runs = (runs[0], runs[2], runs[3])
    # Rounds interleave the runs (a, b, c, d, a, b, ...), keeping each run's best time, so a
    # burst of load from other jobs does not fall on one run only.
    # Each run also records how busy the machine was (every process, in cores): about 1 for a
    # one-process run and 2 for the 2-worker run on a quiet machine; more means other load.
    best = {name: float("inf") for name, _ in runs}
    busy: dict[str, float | None] = {}
    for _ in range(repeat):
        for name, func in runs:
            before = machine_busy()
            seconds = timed(func, 1)
            after = machine_busy()
            if seconds < best[name]:
                best[name] = seconds
                busy[name] = None if before is None or after is None else (after - before) / seconds
    base = best["raw spaCy nlp.pipe"]
    for name, seconds in best.items():
        cores = busy.get(name)
        results["runs"][name] = {
            "seconds": round(seconds, 3),
            "articles_per_s": round(len(texts) / seconds, 1),
            "vs_spacy": round(base / seconds, 3),
            "machine_busy_cores": None if cores is None else round(cores, 2),
        }
    pool.close()
    # from the unrounded times, not the rounded rates
    results["workers_vs_ingest"] = round(
        best["eventwire ingest (SQLite)"] / best[f"eventwire ingest, {WORKERS} workers"], 3
    )
    results["worker_pool_start_s"] = round(pool_start, 2)
    results["load_average"] = [round(x, 2) for x in os.getloadavg()]
    if not ingest_only:
        results.update(stage_split(pipeline, texts[:stage_limit], repeat))
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return results


def memory_run(count: int, samples: int = 50) -> dict[str, Any]:
    """Ingest ``count`` generated articles into SQLite, sampling resident memory as it goes."""
    texts = generated_texts(count, seed=13)
    pipeline = Pipeline(Settings())
    settings = pipeline.settings
    readings: list[tuple[int, float]] = []
    done = 0
    every = max(1, count // samples)

    def sample(_result: Extraction | Failure | None) -> None:
        nonlocal done
        done += 1
        if done % every == 0:
            readings.append((done, round(current_rss_mb(), 1)))

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        write_jsonl(texts, source)
        del texts
        started = time.perf_counter()
        with Store(str(Path(tmp) / "memory.db")) as store:
            report = ingest_documents(
                read_inputs([str(source)], settings), store, settings, InProcess(pipeline), sample
            )
        seconds = time.perf_counter() - started
    warm = [rss for n, rss in readings if n > count // 10]
    baseline = warm[0]
    growth = max(warm) / baseline - 1
    return {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "articles": count,
        "added": report.added,
        "copies": report.copies,
        "seconds": round(seconds, 1),
        "articles_per_s": round(count / seconds, 1),
        "rss_after_warmup_mb": baseline,
        "rss_max_mb": max(warm),
        "rss_last_mb": warm[-1],
        "growth_percent": round(100 * growth, 1),
        "flat": growth <= 0.10,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "samples": readings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=600, help="number of texts")
    parser.add_argument(
        "--stage-limit", type=int, default=300, help="number of texts for the stage split"
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best kept)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--memory", action="store_true", help="run the memory-flatness check")
    parser.add_argument(
        "--ingest-only", action="store_true", help="time (a), (c) and (d) only, no stage split"
    )
    parser.add_argument(
        "--stages-only", action="store_true", help="only the stage split (CPU time per component)"
    )
    parser.add_argument("--memory-articles", type=int, default=10_000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.memory:
        memory = memory_run(args.memory_articles)
        out = args.out or Path("bench-results/memory.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(memory, indent=2) + "\n", encoding="utf-8")
        print(
            f"{memory['articles']} generated articles ingested in {memory['seconds']} s "
            f"({memory['articles_per_s']} articles/s; {memory['added']} analysed, "
            f"{memory['copies']} copies)"
        )
        print(
            f"resident memory after warm-up {memory['rss_after_warmup_mb']} MB, "
            f"max {memory['rss_max_mb']} MB, last {memory['rss_last_mb']} MB: "
            f"growth {memory['growth_percent']}% -> {'flat' if memory['flat'] else 'NOT flat'}"
        )
        print(f"load average {memory['load_average']}; written {out}")
        return
    args.out = args.out or Path("bench-results/throughput.json")
    if args.stages_only:
        texts, origin = load_texts(args.shared, args.stage_limit)
        results = {
            "date": date.today().isoformat(),
            "texts": origin,
            "characters": sum(len(t) for t in texts),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            **stage_split(Pipeline(Settings()), texts, args.repeat),
        }
        args.out = args.out.with_name("stages.json")
    else:
        results = run(
            args.shared, args.limit, args.repeat, args.ingest_only, stage_limit=args.stage_limit
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{results['texts']}, {results['characters']:,} characters; {results.get('model', '')}")
    if results.get("runs"):
        print(f"{'run':32} {'seconds':>8} {'articles/s':>11} {'x spaCy':>8} {'busy cores':>11}")
    for name, row in results.get("runs", {}).items():
        cores = row["machine_busy_cores"]
        print(
            f"{name:32} {row['seconds']:8.2f} {row['articles_per_s']:11.1f} {row['vs_spacy']:8.2f}"
            f" {'' if cores is None else f'{cores:.2f}':>11}"
        )
    if results.get("stages"):
        print(
            f"stage split on {results['stage_texts']} texts: spaCy "
            f"{results['stage_spacy_cpu_seconds']:.2f} CPU s ("
            + ", ".join(f"{n} {s:.2f}" for n, s in results["stage_spacy_components"].items())
            + ")"
        )
    if "stage_spacy_own_attribute_ruler" in results:
        print(
            "spaCy's own attribute_ruler on the same Docs: "
            f"{results['stage_spacy_own_attribute_ruler']:.2f} CPU s"
        )
    for name, row in results.get("stages", {}).items():
        print(
            f"stage {name:26} adds {row['adds_seconds']:.2f} CPU s = "
            f"{row['adds_percent_of_spacy']:.1f}% of spaCy's time"
        )
    if "workers_vs_ingest" in results:
        print(
            f"{WORKERS} workers: {results['workers_vs_ingest']:.2f} x single-process ingest "
            f"(pool start {results['worker_pool_start_s']} s, not timed)"
        )
        print(f"peak RSS {results['peak_rss_mb']} MB")
    print(f"load average {results['load_average']}")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
