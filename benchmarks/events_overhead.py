"""How much the event stage adds to spaCy's pipeline time, on the same texts in the same run.

Usage: python benchmarks/events_overhead.py --shared ../shared [--rounds 3] [--limit N]

Texts: the Wikinews 2019-2021 articles in ``shared/data/corpora`` (295 articles); without them,
the repository's samples. Three timings per round, best round kept:
  spacy   the spaCy pipeline alone (eventwire's components disabled);
  actors  spaCy and the actor stage (what the event stage reads);
  events  spaCy, actors and the event stage.
The event stage's cost is ``events - actors``; it is also timed on its own over the parsed docs.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import time
from pathlib import Path

from eventwire.nlp.model import COMPONENTS, build_nlp


def _texts(shared: Path, limit: int | None) -> list[str]:
    folder = shared / "data" / "corpora" / "wikinews-2019-2021-vanatteveldt" / "data"
    texts: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row.get("text")]
    if not texts:
        samples = Path(__file__).resolve().parents[1] / "samples" / "stories.jsonl"
        texts = [
            json.loads(line)["text"] for line in samples.read_text("utf-8").splitlines() if line
        ]
    return texts[:limit] if limit else texts


def _timed(nlp, texts: list[str], disable: list[str]) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    with nlp.select_pipes(disable=disable):
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("bench-results/events_overhead.json"))
    args = parser.parse_args()
    texts = _texts(args.shared, args.limit)
    nlp = build_nlp()
    ours = [c for c in COMPONENTS if c in nlp.pipe_names]
    rest = [c for c in ours if c not in ("eventwire_actors", "eventwire_events")]
    _timed(nlp, texts[:5], [])  # warm up
    best = {"spacy": float("inf"), "actors": float("inf"), "events": float("inf")}
    stage = float("inf")
    for _ in range(args.rounds):
        best["spacy"] = min(best["spacy"], _timed(nlp, texts, ours))
        best["actors"] = min(best["actors"], _timed(nlp, texts, ["eventwire_events", *rest]))
        best["events"] = min(best["events"], _timed(nlp, texts, rest))
        with nlp.select_pipes(disable=["eventwire_events", *rest]):
            docs = list(nlp.pipe(texts, batch_size=32))
        component = nlp.get_pipe("eventwire_events")
        start = time.perf_counter()
        for doc in docs:
            component(doc)
        stage = min(stage, time.perf_counter() - start)
    chars = sum(len(t) for t in texts)
    result = {
        "texts": len(texts),
        "characters": chars,
        "seconds": best,
        "event_stage_seconds_in_pipe": best["events"] - best["actors"],
        "event_stage_seconds_alone": stage,
        "event_stage_share_of_spacy": stage / best["spacy"],
        "machine": f"{platform.machine()} {platform.processor() or ''} {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name, seconds in best.items():
        print(f"{name:8} {seconds:7.2f} s  {chars / seconds / 1000:7.1f} k chars/s")
    print(f"event stage alone {stage:.2f} s = {100 * stage / best['spacy']:.1f}% of spaCy's time")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
