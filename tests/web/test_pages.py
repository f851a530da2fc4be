"""Dashboard pages rendered by the server: content, escaping, links and errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from eventwire.web.highlight import segments
from tests.analyst import corpus

PAGES = [
    "/",
    "/search",
    "/search?q=ELN",
    "/articles/ven-1",
    "/articles/hostile-1",
    "/actors",
    "/actors/National%20Liberation%20Army",
    "/events",
    "/events?type=ASSAULT&country=COL&since=2026-02-01",
    "/quotes",
    "/timeline?by=quad&interval=week",
    "/network",
    "/map",
    "/map?world=true",
    "/api",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_csp_and_no_raw_markup_from_data(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    # the hostile corpus article puts these in titles, names, quotes and places
    assert "<script>window.__pwned" not in html
    assert 'onerror="window' not in html and "<svg onload" not in html
    assert "<b onmouseover" not in html
    # the only scripts are ours: the app file and the JSON data block
    for tag in re.findall(r"<script[^>]*>", html):
        assert tag in (
            '<script src="/static/app.js" defer>',
            '<script type="application/json" id="record-data">',
        )


def test_overview_shows_counts_and_charts(client: TestClient) -> None:
    html = client.get("/").text
    assert "<b>6</b><span>articles</span>" in html.replace("\n", "")
    assert 'class="chart timeline"' in html and 'class="chart bars"' in html
    assert "Kenyan teachers march over unpaid wages" in html


def test_article_page_highlights_every_kind(client: TestClient) -> None:
    html = client.get("/articles/ven-1").text
    assert 'class="hl k-event" data-refs="E1">threatened</span>' in html
    assert 'data-refs="A3">Nicolás </span>' in html  # "Maduro" is also the quote's speaker
    assert "k-quote" in html and "k-place" in html
    assert 'id="record-data"' in html


def test_hostile_article_text_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/hostile-1").text
    assert "&lt;script&gt;window.__pwned = &#34;script&#34;;&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    # inside the JSON data block, < and > are escaped so the block cannot be closed early
    data = html.split('id="record-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data


def test_events_page_links_each_event_to_its_article(client: TestClient) -> None:
    html = client.get("/events?article=col-1").text
    assert 'href="/articles/col-1#E1"' in html
    assert "3 events match" in html


def test_bad_filter_shows_an_error_page(client: TestClient) -> None:
    response = client.get("/events?since=yesterday")
    assert response.status_code == 422
    assert "not a date" in response.text and "<!doctype html>" in response.text


def test_missing_article_is_a_404_page(client: TestClient) -> None:
    response = client.get("/articles/none-such")
    assert response.status_code == 404 and "no article with id" in response.text


def test_static_files_and_palette_are_served(client: TestClient) -> None:
    assert "textContent" in client.get("/static/app.js").text
    assert ".badge.t-ASSAULT" in client.get("/palette.css").text


def test_segments_cut_nested_spans_into_flat_pieces() -> None:
    record = corpus()[0].to_dict()
    pieces = segments(record)
    assert "".join(p.text for p in pieces) == record["article"]["text"]
    maduro = next(p for p in pieces if p.text == "Maduro" and "speaker" in p.kinds)
    assert maduro.refs == ("A3", "Q1") or set(maduro.refs) == {"A3", "Q1"}


def test_segments_ignore_offsets_outside_the_text() -> None:
    record = corpus()[0].to_dict()
    record["actors"][0]["mentions"].append({"start": 5, "end": 10_000, "text": "x", "how": "name"})
    record["events"][0]["trigger"] = {"start": "a", "end": 3, "text": "x"}
    assert "".join(p.text for p in segments(record)) == record["article"]["text"]


def test_long_lists_are_paged() -> None:
    from eventwire.api import ApiSettings, create_app
    from eventwire.store import Store
    from tests.analyst import make

    events = [
        {
            "id": f"E{i}",
            "type": "ASSAULT",
            "trigger": "attacked",
            "date": f"2026-01-{1 + i % 28:02d}",
        }
        for i in range(60)
    ]
    many = make("Rebels attacked the town.", id="many", title="Many", events=events)
    with Store(":memory:") as store, TestClient(create_app(ApiSettings(), store=store)) as client:
        store.add(many)
        first = client.get("/events?type=ASSAULT").text
        assert "page 1 of 2" in first and 'href="?type=ASSAULT&amp;page=2"' in first
        second = client.get("/events?type=ASSAULT&page=2").text
        assert "page 2 of 2" in second and second.count('class="trigger"') == 10
