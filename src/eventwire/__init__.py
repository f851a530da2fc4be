"""eventwire: turn news into evidence-linked event data."""

from __future__ import annotations

from eventwire.records import (
    SCHEMA,
    Actor,
    Article,
    Event,
    Extraction,
    Failure,
    Mention,
    Place,
    Quote,
    Removed,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "Article",
    "Event",
    "Extraction",
    "Failure",
    "Mention",
    "Pipeline",
    "Place",
    "Quote",
    "Removed",
    "Settings",
    "Span",
    "__version__",
]


def __getattr__(name: str) -> object:
    # Pipeline and Settings import spaCy and pydantic; load them only when asked for.
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    if name == "Settings":
        from eventwire.settings import Settings

        return Settings
    raise AttributeError(name)
