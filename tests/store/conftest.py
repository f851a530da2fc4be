"""Fixtures for store tests: small extractions written here, in-memory and file databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventwire.records import (
    Actor,
    Article,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    Removed,
    Span,
    content_hash,
)
from eventwire.store import Store

TEXT = (
    "President María López of Venezuela said on Monday that troops would leave Caracas. "
    '"We want peace," López said.'
)


def span(text: str, part: str, occurrence: int = 0) -> Span:
    """Return the span of the ``occurrence``-th ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


def mention(text: str, part: str, how: str = "name", occurrence: int = 0) -> Mention:
    s = span(text, part, occurrence)
    return Mention(s.start, s.end, s.text, how)


def make_extraction(suffix: str = "", title: str | None = "Troops to leave") -> Extraction:
    """Build an extraction with every record kind; ``suffix`` makes a different article."""
    text = TEXT + suffix
    return Extraction(
        article=Article(
            id=content_hash(text),
            hash=content_hash(text),
            text=text,
            title=title,
            url="https://example.org/news/1",
            source="example.org",
            published="2024-03-04",
            credits=["additional reporting Reuters"],
            removed=[Removed(0, 0, "caption")],
        ),
        actors=[
            Actor(
                id="a1",
                name="María López",
                kind="PERSON",
                country="VEN",
                sector="GOV",
                roles=["President"],
                aliases=["López"],
                mentions=[mention(text, "María López"), mention(text, "López", "surname", 1)],
            ),
            Actor(
                id="a2",
                name="Venezuela",
                kind="COUNTRY",
                country="VEN",
                mentions=[mention(text, "Venezuela")],
            ),
        ],
        quotes=[
            Quote(
                id="q1",
                kind="direct",
                content=span(text, "We want peace,"),
                cue=span(text, "said", 1),
                speaker_span=span(text, "López", 1),
                speaker="a1",
            )
        ],
        events=[
            Event(
                id="e1",
                type="MOBILIZE",
                mode="demobilize",
                trigger=span(text, "leave"),
                sentence=span(text, text[: text.index(".") + 1]),
                source=["a2"],
                target=[],
                status="future",
                place="p1",
                date="2024-03-04",
                intensity=1.5,
                confidence=0.75,
            )
        ],
        places=[
            Place(
                id="p1",
                name="Caracas",
                country="VEN",
                lat=10.48801,
                lon=-66.87919,
                geonameid=3646738,
                feature="city",
                mentions=[mention(text, "Caracas")],
            )
        ],
    )


@pytest.fixture
def extraction() -> Extraction:
    return make_extraction()


@pytest.fixture(name="make_extraction")
def make_extraction_fixture() -> Callable[..., Extraction]:
    """The builder, for tests that need several articles."""
    return make_extraction


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store: in memory, and in a SQLite file (their transactions differ)."""
    db = ":memory:" if request.param == "memory" else tmp_path / "store.db"
    with Store(db) as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "eventwire.db"
