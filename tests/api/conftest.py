"""Fixtures for API tests: the invented corpus in an in-memory store, and a client over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from eventwire.api import ApiSettings, create_app
from eventwire.store import Store
from tests.analyst import corpus


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        opened.add_many(corpus())
        yield opened


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(ApiSettings(), store=store)) as test_client:
        yield test_client
