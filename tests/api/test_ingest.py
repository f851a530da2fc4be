"""Ingest over HTTP: off by default; when on, only with the bearer token; body size limited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from eventwire.api import ApiSettings, ConfigError, create_app
from eventwire.store import Store

TOKEN = "s3cret-token-for-tests"
ARTICLE = {
    "articles": [
        {
            "id": "http-1",
            "text": "Colombia accused the ELN of attacking a base.",
            "published": "2026-02-01",
        }
    ]
}


@pytest.fixture
def open_client() -> Iterator[TestClient]:
    with Store(":memory:") as store:
        settings = ApiSettings(ingest=True, token=SecretStr(TOKEN), max_body_bytes=5_000)
        with TestClient(create_app(settings, store=store)) as client:
            yield client


def test_ingest_is_off_by_default(client: TestClient) -> None:
    response = client.post(
        "/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert "EVENTWIRE_API_INGEST" in response.json()["message"]


def test_ingest_needs_a_token_to_be_enabled() -> None:
    with Store(":memory:") as store, pytest.raises(ConfigError, match="EVENTWIRE_API_TOKEN"):
        create_app(ApiSettings(ingest=True), store=store)


def test_ingest_refuses_missing_or_wrong_token(open_client: TestClient) -> None:
    missing = open_client.post("/api/ingest", json=ARTICLE)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = open_client.post("/api/ingest", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert open_client.get("/api/overview").json()["counts"]["articles"] == 0


def test_ingest_with_token_stores_then_skips(open_client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = open_client.post("/api/ingest", json=ARTICLE, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json() == {"added": ["http-1"], "skipped": [], "failed": []}
    again = open_client.post("/api/ingest", json=ARTICLE, headers=headers).json()
    assert again["skipped"] == ["http-1"]
    record = open_client.get("/api/articles/http-1").json()["record"]
    assert record["article"]["published"] == "2026-02-01"
    assert {a["name"] for a in record["actors"]} >= {"Colombia"}


def test_ingest_body_is_validated(open_client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    empty = open_client.post("/api/ingest", json={"articles": [{"text": ""}]}, headers=headers)
    assert empty.status_code == 422 and "text" in empty.json()["message"]
    extra = open_client.post("/api/ingest", json={"articles": [], "x": 1}, headers=headers)
    assert extra.status_code == 422


def test_large_bodies_are_refused(open_client: TestClient) -> None:
    big = {"articles": [{"text": "x" * 10_000}]}
    response = open_client.post(
        "/api/ingest", json=big, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 413
    assert "larger than 5000 bytes" in response.json()["message"]


def test_streamed_bodies_over_the_limit_are_refused(open_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 1_000

    response = open_client.post(
        "/api/ingest",
        content=chunks(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413
