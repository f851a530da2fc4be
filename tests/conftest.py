"""Shared fixtures: one loaded pipeline per test session, and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(
            f"shared data not found at {SHARED} (it sits beside the checkout in development)"
        )
    return SHARED
