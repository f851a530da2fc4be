"""Fixtures for export tests: a store holding two small articles and a failure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from eventwire.records import Extraction, Failure, content_hash
from eventwire.store import Store


def _record(text: str) -> dict[str, Any]:
    def span(part: str) -> dict[str, Any]:
        start = text.index(part)
        return {"start": start, "end": start + len(part), "text": part}

    aid = content_hash(text)
    return {
        "article": {
            "id": aid,
            "hash": aid,
            "title": "Ceasefire | talks",
            "url": None,
            "source": "wire",
            "published": "2024-05-01",
            "language": "en",
            "text": text,
            "credits": ["additional reporting AP"],
            "removed": [],
        },
        "actors": [
            {
                "id": "a1",
                "name": "Hamas",
                "kind": "GROUP",
                "country": None,
                "sector": "REB",
                "roles": ["negotiator", "party"],
                "member_of": None,
                "aliases": [],
                "mentions": [{**span("Hamas"), "how": "name"}],
            },
            {
                "id": "a2",
                "name": "Egypt",
                "kind": "COUNTRY",
                "country": "EGY",
                "sector": "GOV",
                "roles": [],
                "member_of": None,
                "aliases": ["Cairo"],
                "mentions": [{**span("Egypt"), "how": "name"}, {**span("Cairo"), "how": "alias"}],
            },
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "indirect",
                "content": span("talks would resume"),
                "cue": span("said"),
                "speaker_span": span("Egypt"),
                "speaker": "a2",
            }
        ],
        "events": [
            {
                "id": "e1",
                "type": "CONSULT",
                "mode": None,
                "cameo": "043",
                "source": ["a1"],
                "target": ["a2"],
                "trigger": span("talks"),
                "sentence": span(text),
                "status": "reported",
                "place": "p1",
                "date": "2024-05-02",
                "intensity": 4.0,
                "confidence": 0.9,
            }
        ],
        "places": [
            {
                "id": "p1",
                "name": "Cairo",
                "country": "EGY",
                "lat": 30.06263,
                "lon": 31.24967,
                "geonameid": 360630,
                "feature": "city",
                "mentions": [{**span("Cairo"), "how": "name"}],
            }
        ],
    }


EXTRACTIONS = [
    Extraction.from_dict(_record(text))
    for text in (
        'Egypt said talks would resume in Cairo, and Hamas agreed — "bientôt".',
        "Egypt said on Tuesday that talks would resume in Cairo with Hamas.\nMore later.",
    )
]


@pytest.fixture
def extractions() -> list[Extraction]:
    return EXTRACTIONS


@pytest.fixture
def store(extractions: list[Extraction]) -> Iterator[Store]:
    with Store(":memory:") as opened:
        opened.add_many(extractions)
        opened.record_failure(Failure("broken.html", "no text found"))
        yield opened
