"""How much the quotes stage adds to the spaCy pipeline, on the PolNeAR dev texts.

Times ``nlp.pipe`` over the same texts with and without ``eventwire_quotes`` in one run (best
of ``--repeat``), and the component alone on parsed documents. Usage::

    .venv/bin/python benchmarks/quotes_stage.py --polnear ../shared/data/quotes/polnear
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from datetime import date
from pathlib import Path

from eventwire.evaluate.quotes import split_dir
from eventwire.nlp.model import build_nlp


def _best(seconds: list[float]) -> float:
    return min(seconds)


def _machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    python = platform.python_version()
    return f"{model}, {os.cpu_count()} cores, {platform.system()}, Python {python}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/data/quotes/polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="Write the figures as JSON.")
    args = parser.parse_args()

    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((split_dir(args.polnear, args.split) / "text").glob("*.txt"))
    ]
    nlp = build_nlp()
    ours = [name for name in nlp.pipe_names if name.startswith("eventwire_")]
    words = sum(len(t.split()) for t in texts)

    def run(disabled: list[str]) -> float:
        with nlp.select_pipes(disable=disabled):
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            return time.perf_counter() - start

    spacy_only, without, with_quotes = [], [], []
    for _ in range(args.repeat):
        spacy_only.append(run(ours))
        without.append(run(["eventwire_quotes"]))
        with_quotes.append(run([]))

    # the component alone, on documents already through spaCy and the actor stage
    with nlp.select_pipes(disable=["eventwire_quotes"]):
        docs = list(nlp.pipe(texts, batch_size=32))
    finder = nlp.get_pipe("eventwire_quotes")
    alone = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            finder(doc)
        alone.append(time.perf_counter() - start)

    figures = {
        "date": date.today().isoformat(),
        "machine": _machine(),
        "texts": len(texts),
        "words": words,
        "spacy_seconds": round(_best(spacy_only), 3),
        "pipeline_without_quotes_seconds": round(_best(without), 3),
        "pipeline_with_quotes_seconds": round(_best(with_quotes), 3),
        "quotes_component_seconds": round(_best(alone), 3),
    }
    figures["quotes_share_of_spacy"] = round(
        figures["quotes_component_seconds"] / figures["spacy_seconds"], 4
    )
    figures["added_by_quotes"] = round(
        (figures["pipeline_with_quotes_seconds"] - figures["pipeline_without_quotes_seconds"])
        / figures["pipeline_without_quotes_seconds"],
        4,
    )
    print(json.dumps(figures, indent=2))
    if args.out is not None:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
