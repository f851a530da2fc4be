"""Watching feeds: conditional polls, only new entries fetched, pages ingested, bounded rounds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.pipeline import Pipeline
from eventwire.run import InProcess
from eventwire.run.watch import parse_interval, poll, watch
from eventwire.settings import Settings
from eventwire.store import Store
from tests.httpsite import Resource, Site, serve

STORIES = {
    "/news/dam": "Villagers in the Xingu valley protested on Friday against the new dam, "
    "blocking the access road for six hours before police negotiated their withdrawal.",
    "/news/talks": "Ministers from Kenya and Ethiopia met in Nairobi on Saturday to discuss the "
    "disputed border crossing, and agreed to set up a joint commission by the end of the year.",
    "/news/strike": "Dock workers in Durban began a three-day strike on Monday over pay, halting "
    "container traffic at the busiest port on the continent, the union said in a statement.",
}


def article(path: str) -> bytes:
    text = STORIES[path]
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story</title></head><body>"
        f"<article><h1>Story</h1><p>{text}</p><p>{text}</p></article></body></html>"
    ).encode()


def feed(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{p}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        "<description>summary only</description></item>"
        for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        for path in STORIES:
            running.resources[path] = Resource(article(path))
        yield running


@pytest.fixture
def settings() -> Settings:
    return Settings(fetch_allow_private=True)


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("1h", 3600), ("2d", 172800), ("90", 90)]
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "soon", "-5m", "5w"])
def test_parse_interval_refuses_what_is_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_interval(text)


def test_poll_fetches_new_pages_then_only_what_changed(
    site: Site, settings: Settings, pipeline: Pipeline
) -> None:
    url = site.base + "/feed"
    site.resources["/feed"] = Resource(
        feed(site.base, ["/news/dam", "/news/talks"]), "application/rss+xml", etag='"1"'
    )
    with Store(":memory:") as store:
        first = poll([url], store, settings, InProcess(pipeline))
        assert (first.feeds_changed, first.new_entries, first.ingest.added) == (1, 2, 2)
        assert {x.article.url for x in store.extractions()} == {
            site.base + "/news/dam",
            site.base + "/news/talks",
        }
        assert any("Xingu" in x.article.text for x in store.extractions())
        # Unchanged feed: one conditional request, answered 304, nothing fetched.
        second = poll([url], store, settings, InProcess(pipeline))
        assert (second.feeds_unchanged, second.new_entries) == (1, 0)
        assert site.requests[-1][1].get("If-None-Match") == '"1"'
        # A new entry: only its page is fetched.
        site.resources["/feed"] = Resource(
            feed(site.base, ["/news/strike", "/news/dam", "/news/talks"]),
            "application/rss+xml",
            etag='"2"',
        )
        third = poll([url], store, settings, InProcess(pipeline))
        assert (third.new_entries, third.ingest.added) == (1, 1)
        assert site.hits("/news/dam") == 1 and site.hits("/news/strike") == 1
        assert store.counts()["articles"] == 3


def test_watch_runs_a_bounded_number_of_rounds_and_sleeps_between(
    site: Site, settings: Settings, pipeline: Pipeline
) -> None:
    site.resources["/feed"] = Resource(feed(site.base, ["/news/dam"]), "application/rss+xml")
    slept: list[float] = []
    with Store(":memory:") as store:
        reports = watch(
            [site.base + "/feed"],
            store,
            settings,
            InProcess(pipeline),
            900,
            rounds=3,
            sleep=slept.append,
        )
        assert len(reports) == 3 and len(slept) == 2
        assert all(0 < s <= 900 for s in slept)
        assert [r.ingest.added for r in reports] == [1, 0, 0]
        assert store.counts()["articles"] == 1


def test_page_that_fails_falls_back_to_the_feed_content_or_is_a_failure(
    site: Site, settings: Settings, pipeline: Pipeline
) -> None:
    body = "".join(f"<p>{STORIES['/news/dam']}</p>" for _ in range(2))
    site.resources["/feed"] = Resource(
        (
            f'<?xml version="1.0"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>'
            f"<item><title>a</title><link>{site.base}/gone</link>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
            f"<item><title>b</title><link>{site.base}/gone-too</link></item>"
            "</channel></rss>"
        ).encode(),
        "application/rss+xml",
    )
    with Store(":memory:") as store:
        report = poll([site.base + "/feed"], store, settings, InProcess(pipeline))
        assert report.ingest.added == 1
        assert [f.input for f in report.ingest.failures] == [site.base + "/gone-too"]
        assert "HTTP 404" in report.ingest.failures[0].reason


def test_feed_on_a_loopback_address_is_refused_by_default(site: Site, pipeline: Pipeline) -> None:
    site.resources["/feed"] = Resource(feed(site.base, ["/news/dam"]), "application/rss+xml")
    with Store(":memory:") as store:
        report = poll([site.base + "/feed"], store, Settings(), InProcess(pipeline))
        assert report.failures and "private or loopback" in report.failures[0].reason
        assert site.requests == []
