"""Bounded load test of `eventwire serve` on loopback: p50/p95 latency and errors.

Starts the server in a subprocess on 127.0.0.1 (a free port), sends a fixed number of requests
from a fixed number of concurrent clients over a mix of API and dashboard URLs, then stops the
server. Nothing leaves the machine; every loop is bounded in count and in time.

    .venv/bin/python benchmarks/load_api.py --synthetic 2000            # a generated corpus
    .venv/bin/python benchmarks/load_api.py --db eventwire.db           # an existing database

``--synthetic N`` writes N generated articles (with actors, quotes, events and places, built in
this script) to a temporary database, so the figures do not depend on which stages have landed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from eventwire.records import Extraction, content_hash
from eventwire.store import Store

TYPES = ["ASSAULT", "THREATEN", "ACCUSE", "PROTEST", "AGREE", "CONSULT", "AID", "MOBILIZE"]
INTENSITY = {
    "ASSAULT": -9,
    "THREATEN": -6,
    "ACCUSE": -4,
    "PROTEST": -3,
    "AGREE": 5,
    "CONSULT": 4,
    "AID": 6,
    "MOBILIZE": -5,
}
ACTORS = [
    ("Colombia", "COUNTRY", "COL"),
    ("Venezuela", "COUNTRY", "VEN"),
    ("Kenya", "COUNTRY", "KEN"),
    ("National Liberation Army", "GROUP", "COL"),
    ("Ana Ruiz", "PERSON", "COL"),
    ("Grace Wanjiru", "PERSON", "KEN"),
    ("Philippines", "COUNTRY", "PHL"),
    ("Lumad People's Army", "GROUP", "PHL"),
    ("Malaysia", "COUNTRY", "MYS"),
]
PLACES = [
    ("Caracas", "VEN", 10.49, -66.88),
    ("Cúcuta", "COL", 7.89, -72.51),
    ("Nairobi", "KEN", -1.28, 36.82),
    ("Kuala Lumpur", "MYS", 3.14, 101.69),
]


def synthetic(count: int, seed: int = 7) -> list[Extraction]:
    """Generate ``count`` articles, each with 3 actors, 2 events, a quote and a place."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    result = []
    for index in range(count):
        a, b, c = rng.sample(ACTORS, 3)
        kind = rng.choice(TYPES)
        place = rng.choice(PLACES)
        day = (start + timedelta(days=rng.randrange(365))).isoformat()
        text = (
            f"{a[0]} and {b[0]} met in {place[0]} on story {index}. "
            f"{a[0]} {kind.lower()}ed {b[0]}, officials said. "
            f'"We will answer," said {c[0]}. Reporters counted {rng.randrange(1000)} people.'
        )

        def span(part: str, after: int = 0, text: str = text) -> dict[str, Any]:
            at = text.index(part, after)
            return {"start": at, "end": at + len(part), "text": part}

        verb = f"{kind.lower()}ed"
        sentence = span(f"{a[0]} {verb} {b[0]}, officials said.")
        record = {
            "article": {
                "id": f"syn-{index}",
                "hash": content_hash(text),
                "title": f"Story {index}: {a[0]} and {b[0]}",
                "url": None,
                "source": rng.choice(["Wire A", "Wire B", "Wire C"]),
                "published": day,
                "language": "en",
                "text": text,
                "credits": [],
                "removed": [],
            },
            "actors": [
                {
                    "id": f"A{i + 1}",
                    "name": n,
                    "kind": k,
                    "country": ctry,
                    "sector": None,
                    "roles": [],
                    "member_of": None,
                    "aliases": [],
                    "mentions": [{**span(n), "how": "name"}],
                }
                for i, (n, k, ctry) in enumerate((a, b, c))
            ],
            "quotes": [
                {
                    "id": "Q1",
                    "kind": "direct",
                    "content": span("We will answer,"),
                    "cue": span("said", text.index('"We')),
                    "speaker_span": span(c[0], text.index('"We')),
                    "speaker": "A3",
                }
            ],
            "events": [
                {
                    "id": "E1",
                    "type": kind,
                    "mode": None,
                    "cameo": None,
                    "source": ["A1"],
                    "target": ["A2"],
                    "trigger": span(verb),
                    "sentence": sentence,
                    "status": "asserted",
                    "place": "P1",
                    "date": day,
                    "intensity": float(INTENSITY[kind]),
                    "confidence": 0.8,
                },
                {
                    "id": "E2",
                    "type": "CONSULT",
                    "mode": None,
                    "cameo": None,
                    "source": ["A1", "A2"],
                    "target": [],
                    "trigger": span("met"),
                    "sentence": span(text.split(". ")[0] + "."),
                    "status": "asserted",
                    "place": "P1",
                    "date": day,
                    "intensity": 4.0,
                    "confidence": 0.7,
                },
            ],
            "places": [
                {
                    "id": "P1",
                    "name": place[0],
                    "country": place[1],
                    "lat": place[2],
                    "lon": place[3],
                    "geonameid": None,
                    "feature": "city",
                    "mentions": [{**span(place[0]), "how": "name"}],
                }
            ],
        }
        result.append(Extraction.from_dict(record))
    return result


def urls(sample_article: str) -> list[str]:
    """The request mix: mostly API reads, some dashboard pages."""
    return [
        "/api/events?limit=50",
        "/api/events?type=ASSAULT&limit=20",
        "/api/events?country=VEN&since=2025-03-01&until=2025-06-30",
        "/api/events?actor=" + quote("National Liberation Army"),
        "/api/articles?q=officials",
        "/api/articles?q=" + quote('"will answer"'),
        "/api/actors?q=col",
        "/api/actors/" + quote("Colombia"),
        "/api/quotes?speaker=" + quote("Ana Ruiz"),
        "/api/timeseries?by=quad&interval=week",
        "/api/network",
        "/api/places",
        "/api/overview",
        "/api/articles/" + quote(sample_article),
        "/",
        "/events?type=ACCUSE",
        "/articles/" + quote(sample_article),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def run(port: int, paths: list[str], total: int, clients: int, deadline: float) -> dict[str, Any]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client(worker: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            path = paths[(index * 7 + worker) % len(paths)]
            began = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    errors.append(f"{path}: {error}")
            elapsed = time.perf_counter() - began
            with lock:
                latencies[path.split("?")[0] if path.startswith("/api/actors/") else path].append(
                    elapsed
                )
                if status not in (0, 200):
                    errors.append(f"{path}: HTTP {status}")
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(w,)) for w in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    every = sorted(v for values in latencies.values() for v in values)

    def pct(values: list[float], q: float) -> float:
        return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1)

    return {
        "requests": len(every),
        "errors": len(errors),
        "error_samples": errors[:5],
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(every) / wall, 1) if wall else None,
        "p50_ms": pct(every, 0.50),
        "p95_ms": pct(every, 0.95),
        "p99_ms": pct(every, 0.99),
        "mean_ms": round(1000 * statistics.fmean(every), 1) if every else None,
        "by_url": {
            path: {"n": len(v), "p50_ms": pct(sorted(v), 0.5), "p95_ms": pct(sorted(v), 0.95)}
            for path, v in sorted(latencies.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="database to serve (default: a synthetic one)")
    parser.add_argument("--synthetic", type=int, default=2000, help="articles to generate")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--time-limit", type=float, default=300, help="seconds, at most")
    parser.add_argument("--out", default="bench-results/load_api.json")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="eventwire-load-"))
    db = args.db
    if db is None:
        db = str(workdir / "synthetic.db")
        with Store(db) as store:
            store.add_many(synthetic(args.synthetic), batch=500)
    with Store(db) as store:
        counts = store.counts()
        sample = next(iter(store.records()))["article"]["id"]
    port = free_port()
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from eventwire.cli import main; main()",
            "serve",
            "--db",
            db,
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=log,
        env={**os.environ, "EVENTWIRE_API_INGEST": "false"},
    )
    try:
        deadline = time.monotonic() + args.time_limit
        wait_ready(port, time.monotonic() + 60)
        paths = urls(sample)
        run(port, paths, min(200, args.requests), args.clients, deadline)  # warm-up
        result = run(port, paths, args.requests, args.clients, deadline)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    report = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        ),
        "database": {"articles": counts["articles"], "events": counts["events"]},
        "clients": args.clients,
        **result,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "by_url"}, indent=2))
    for path, figures in report["by_url"].items():
        print(f"  {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f} ms  {path}")
    if result["errors"]:
        raise SystemExit(f"{result['errors']} requests failed")


if __name__ == "__main__":
    main()
