"""The JSON API: every endpoint, filters, pagination, validation and error messages."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = get(client, "/api/openapi.json")["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/actors/{name}",
        "/api/events",
        "/api/quotes",
        "/api/places",
        "/api/timeseries",
        "/api/network",
        "/api/export",
        "/api/ingest",
    ):
        assert path in paths, path


def test_overview_counts_records(client: TestClient) -> None:
    body = get(client, "/api/overview")
    assert body["counts"]["articles"] == 6
    assert body["counts"]["events"] == 12
    assert body["events_by_type"]["ACCUSE"] == 3
    assert body["events_by_quad"]["material conflict"] == 3


def test_articles_full_text_search_ranks_and_snippets(client: TestClient) -> None:
    body = get(client, "/api/articles?q=ceasefire")
    assert [a["id"] for a in body["items"]] == ["phl-1"]
    assert any(
        part["match"] and part["text"].lower() == "ceasefire"
        for part in body["items"][0]["snippet"]
    )
    assert get(client, "/api/articles?q=Cucuta")["total"] == 1  # accents folded
    assert get(client, '/api/articles?q="liberation army" Madur*')["total"] == 1
    assert get(client, "/api/articles?q=zzzunknown")["total"] == 0


def test_articles_search_survives_query_syntax(client: TestClient) -> None:
    for q in ('"', "AND OR NOT", "eln)(", "*", "NEAR(a b)", "title:x"):
        get(client, "/api/articles?q=" + q)


def test_articles_list_pages_newest_first(client: TestClient) -> None:
    first = get(client, "/api/articles?limit=2")
    assert first["total"] == 6 and len(first["items"]) == 2
    assert first["items"][0]["published"] >= first["items"][1]["published"]
    second = get(client, "/api/articles?limit=2&offset=2")
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_article_has_everything_extracted(client: TestClient) -> None:
    body = get(client, "/api/articles/ven-1")
    record = body["record"]
    assert record["schema"] == "eventwire/1"
    assert len(record["actors"]) == 4 and len(record["events"]) == 3
    assert record["events"][0]["quad"] == "verbal conflict"
    text = record["article"]["text"]
    trigger = record["events"][0]["trigger"]
    assert text[trigger["start"] : trigger["end"]] == trigger["text"]


def test_unknown_article_is_a_json_404(client: TestClient) -> None:
    body = get(client, "/api/articles/nope", 404)
    assert body["error"] == "not found"
    assert "nope" in body["message"]


def test_actor_search_matches_aliases(client: TestClient) -> None:
    names = [a["name"] for a in get(client, "/api/actors?q=eln")["items"]]
    assert "National Liberation Army" in names


def test_actor_detail_has_events_both_ways_and_quotes(client: TestClient) -> None:
    body = get(client, "/api/actors/National%20Liberation%20Army")
    assert body["article_count"] == 2
    assert "ELN" in body["aliases"]
    assert {e["type"] for e in body["as_source"]} == {"THREATEN", "ASSAULT"}
    assert {e["type"] for e in body["as_target"]} == {"ACCUSE"}
    maduro = get(client, "/api/actors/Nicol%C3%A1s%20Maduro")
    assert [q["content"]["text"] for q in maduro["quotes"]] == [
        "We will not be intimidated by criminals,"
    ]


def test_actor_name_with_a_slash_is_found(client: TestClient) -> None:
    get(client, "/api/actors/a%2Fb", 404)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ACCUSE", 3),
        ("type=accuse&type=AGREE", 5),
        ("quad=material%20conflict", 3),
        ("quad=4", 3),
        ("status=future", 1),
        ("actor=Colombia", 5),
        ("country=VEN", 5),
        ("country=ken", 2),
        ("place=C%C3%BAcuta", 2),
        ("since=2026-02-10&until=2026-02-11", 4),
        ("article=phl-1", 2),
        ("type=ACCUSE&country=COL", 3),
    ],
)
def test_events_filters(client: TestClient, query: str, expected: int) -> None:
    assert get(client, "/api/events?" + query)["total"] == expected


def test_events_carry_names_place_and_date_source(client: TestClient) -> None:
    items = get(client, "/api/events?article=col-1")["items"]
    assault = next(e for e in items if e["type"] == "ASSAULT")
    assert assault["source"] == [{"id": "A1", "name": "National Liberation Army"}]
    assert assault["place"]["name"] == "Cúcuta" and assault["place"]["lat"] == pytest.approx(
        7.89391
    )
    assert assault["date_source"] == "event" and assault["quad"] == "material conflict"
    undated = get(client, "/api/events?actor=Venezuela&type=ACCUSE")["items"]
    assert any(e["date"] is None and e["date_source"] is None for e in undated)


def test_events_paginate(client: TestClient) -> None:
    pages = [get(client, f"/api/events?limit=5&offset={o}") for o in (0, 5, 10)]
    keys = [(e["article_id"], e["id"]) for p in pages for e in p["items"]]
    assert len(keys) == 12 == len(set(keys))
    dates = [e["date"] or "" for e in pages[0]["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("type=BOMB", "unknown event type"),
        ("quad=sideways", "unknown quad"),
        ("status=maybe", "unknown status"),
        ("since=2026-02-30", "not a date"),
        ("since=2026-03-01&until=2026-02-01", "after"),
        ("country=Venezuela", "ISO 3166"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("offset=-1", "offset"),
    ],
)
def test_bad_parameters_get_a_clear_json_error(client: TestClient, query: str, word: str) -> None:
    body = get(client, "/api/events?" + query, 422)
    assert body["error"] == "unprocessable entity"
    assert word in body["message"]


def test_quotes_by_speaker_and_words(client: TestClient) -> None:
    assert get(client, "/api/quotes")["total"] == 5
    by_speaker = get(client, "/api/quotes?speaker=Ana%20Ruiz")["items"]
    assert [q["kind"] for q in by_speaker] == ["indirect"]
    assert by_speaker[0]["speaker_name"] == "Ana Ruiz"
    assert get(client, "/api/quotes?q=new%20beginning")["items"][0]["article_id"] == "phl-1"


def test_places_count_events_there(client: TestClient) -> None:
    items = get(client, "/api/places")["items"]
    caracas = next(p for p in items if p["name"] == "Caracas")
    assert caracas["events"] == 2 and caracas["country"] == "VEN"
    assert get(client, "/api/places?country=KEN")["items"][0]["name"] == "Nairobi"


def test_timeseries_by_quad_with_intensity(client: TestClient) -> None:
    body = get(client, "/api/timeseries?by=quad")
    assert body["buckets"][0] == "2026-02-03" and body["buckets"][-1] == "2026-02-13"
    assert len(body["buckets"]) == 11  # gaps filled
    day = body["buckets"].index("2026-02-11")
    assert body["series"]["material conflict"][day] == 1
    assert body["intensity"][day] == pytest.approx(-7.5)  # ASSAULT -9 and THREATEN -6
    assert body["undated"] == 1
    weekly = get(client, "/api/timeseries?interval=week&by=type")
    assert sum(sum(v) for v in weekly["series"].values()) == 11


def test_network_edges_weighted_and_signed(client: TestClient) -> None:
    body = get(client, "/api/network")
    edge = next(
        e for e in body["edges"] if (e["source"], e["target"]) == ("Malaysia", "Philippines")
    )
    assert edge["weight"] == 1 and edge["sign"] == 1 and edge["types"] == {"CONSULT": 1}
    hostile = next(
        e
        for e in body["edges"]
        if e["source"] == "National Liberation Army" and e["target"] == "Colombia"
    )
    assert hostile["sign"] == -1
    assert {"Colombia", "Malaysia"} <= {n["id"] for n in body["nodes"]}
    assert get(client, "/api/network?min_weight=2")["edges"] == []


def test_export_jsonl_is_the_stored_records(client: TestClient) -> None:
    response = client.get("/api/export?format=jsonl")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert len(lines) == 6 and '"schema": "eventwire/1"' in lines[0]


def test_export_csv_is_a_zip_of_tables(client: TestClient) -> None:
    import io
    import zipfile

    response = client.get("/api/export?format=csv")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {"articles.csv", "events.csv", "quotes.csv"} <= set(names)
    get(client, "/api/export?format=xml", 422)


def test_unknown_path_is_json_404(client: TestClient) -> None:
    body = get(client, "/api/nothing-here", 404)
    assert "nothing at" in body["message"]


def test_article_ids_with_slashes_are_reachable(client: TestClient, store: object) -> None:
    from eventwire.store import Store
    from tests.analyst import make

    assert isinstance(store, Store)
    store.add(make("Rebels met in the hills.", id="feed/item-1", title="Slash"))
    assert get(client, "/api/articles/feed%2Fitem-1")["record"]["article"]["title"] == "Slash"
    assert client.get("/articles/feed%2Fitem-1").status_code == 200
