"""The dashboard in a real browser (Debian's Chromium through Playwright): what a person sees.

Each test saves a screenshot under test-artifacts/. Skipped when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def no_script_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # no element carries an event-handler attribute, and no script came from the data
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(
            el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
    )
    assert handlers == []
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src || s.type)")
    assert all(s.endswith("/static/app.js") or s == "application/json" for s in scripts)


def test_overview_shows_counts_charts_and_latest(page: Any, artifacts: Path) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".card", has_text="articles").locator("b").inner_text() == "6"
    assert page.locator("svg.timeline rect.bar").count() > 5
    latest = page.locator("ul.articles")
    assert latest.get_by_role("link", name="Ceasefire signed in Kuala Lumpur").is_visible()
    no_script_ran(page)
    shot(page, artifacts, "overview")


def test_search_finds_articles_with_marked_words(page: Any, artifacts: Path) -> None:
    page.goto("/")
    page.get_by_label("Search articles").fill("ceasefire")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=ceasefire"))
    assert page.locator("ol.results li").count() == 1
    assert page.locator("ol.results mark").first.inner_text().lower() == "ceasefire"
    shot(page, artifacts, "search")


def test_event_click_through_to_highlighted_article(page: Any, artifacts: Path) -> None:
    page.goto("/events?type=ASSAULT")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 1
    assert "National Liberation Army" in rows.first.inner_text()
    shot(page, artifacts, "events")
    rows.first.locator("a.trigger").click()
    page.wait_for_url(re.compile(r"/articles/col-1#E1$"))
    assert page.locator("h1").inner_text() == "ELN attack on Cúcuta base kills two soldiers"
    # the event's record is shown and its trigger highlighted
    panel = page.locator("#record-panel")
    assert "event E1" in panel.inner_text() and "ASSAULT" in panel.inner_text()
    selected = page.locator(".article-text .hl.selected")
    assert selected.first.inner_text() == "attacked"
    shot(page, artifacts, "article-from-event")


def test_clicking_a_highlight_shows_its_record(page: Any, artifacts: Path) -> None:
    page.goto("/articles/ven-1")
    page.locator('.article-text [data-refs="Q1"]').first.click()
    panel = page.locator("#record-panel")
    assert "quote Q1" in panel.inner_text()
    assert "Nicolás Maduro" in panel.inner_text()
    page.locator('.article-text [data-refs="P1"]').first.click()
    assert "place P1" in panel.inner_text() and "Caracas" in panel.inner_text()
    page.get_by_label("events (3)").uncheck()
    assert "hide-event" in (page.locator("#article-text").get_attribute("class") or "")
    shot(page, artifacts, "article")


def test_hostile_article_shows_markup_as_text_and_runs_nothing(page: Any, artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/articles/hostile-1")
    text = page.locator("#article-text").inner_text()
    assert '<script>window.__pwned = "script";</script>' in text
    assert "<img src=x onerror=" in text
    assert "<script>" in page.locator("h1").inner_text()
    page.locator("#article-text").hover()
    page.locator('.article-text [data-refs~="A1"]').first.click()
    panel = page.locator("#record-panel")
    assert "<b onmouseover=\"window.__pwned='actor'\">ELN</b>" in panel.inner_text()
    for ref in ("Q1", "P1", "E1"):
        page.locator(f'.article-text [data-refs~="{ref}"]').first.click()
        assert f" {ref}" in panel.inner_text()
    page.locator("tr.pick").first.click()
    for url in ("/", "/events", "/network", "/map", "/search?q=headline", "/actors", "/quotes"):
        page.goto(url)
        no_script_ran(page)
    page.goto("/articles/hostile-1")
    no_script_ran(page)
    assert dialogs == []
    shot(page, artifacts, "hostile-article")


def test_actor_page_lists_events_and_quotes(page: Any, artifacts: Path) -> None:
    page.goto("/actors?q=maduro")
    page.get_by_role("link", name="Nicolás Maduro").click()
    assert page.locator("h1").inner_text() == "Nicolás Maduro"
    assert "We will not be intimidated by criminals," in page.locator("ul.quotes").inner_text()
    assert page.locator("table.events").first.locator("tbody tr").count() == 1
    shot(page, artifacts, "actor")


def test_timeline_network_and_map_draw(page: Any, artifacts: Path) -> None:
    page.goto("/timeline?by=quad")
    assert page.locator("svg.timeline polyline.intensity").count() == 1
    shot(page, artifacts, "timeline")
    page.goto("/network")
    assert page.locator("svg.network g.node").count() >= 10
    assert page.locator("svg.network path.edge").count() >= 8
    shot(page, artifacts, "network")
    page.locator('svg.network g.node[data-name="Malaysia"]').click()
    page.wait_for_url(re.compile(r"/actors/Malaysia$"))
    page.goto("/map")
    assert page.locator("svg.map g.land path").count() > 100
    assert page.locator("svg.map g.place").count() == 5
    shot(page, artifacts, "map")
    page.locator('svg.map g.place[data-name="Nairobi"] circle').click()
    page.wait_for_url(re.compile(r"/events\?place=Nairobi"))
    assert page.locator("table.events tbody tr").count() == 1
