"""Fetching: schemes and addresses refused, timeouts, size cap, User-Agent, redirects, 304."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.errors import FetchError
from eventwire.ingest.fetch import Fetcher, is_public_address
from eventwire.settings import Settings
from tests.httpsite import Resource, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def loopback(**overrides: object) -> Fetcher:
    return Fetcher(Settings(fetch_allow_private=True, **overrides))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_loopback_is_refused_unless_settings_allow_it(site: Site) -> None:
    site.resources["/a"] = Resource(b"<html>hi</html>")
    with pytest.raises(FetchError, match="private or loopback"):
        Fetcher(Settings()).get(site.base + "/a")
    assert site.requests == []  # refused before connecting
    assert loopback().get(site.base + "/a").body == b"<html>hi</html>"


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "gopher://x/"])
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        loopback().get(url)


def test_user_agent_is_sent(site: Site) -> None:
    site.resources["/a"] = Resource(b"ok")
    loopback(user_agent="eventwire-test/1").get(site.base + "/a")
    assert site.requests[0][1]["User-Agent"] == "eventwire-test/1"


def test_body_over_the_size_cap_is_refused(site: Site) -> None:
    site.resources["/big"] = Resource(b"x" * 5000)
    with pytest.raises(FetchError, match="too large"):
        loopback(fetch_max_bytes=1000).get(site.base + "/big")


def test_slow_server_times_out(site: Site) -> None:
    site.resources["/slow"] = Resource(b"late", delay=2.0)
    with pytest.raises(FetchError, match="timed out"):
        loopback(fetch_timeout=0.3).get(site.base + "/slow")


def test_http_error_status_is_a_fetch_error(site: Site) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        loopback().get(site.base + "/nothing")


def test_redirects_are_followed_and_each_hop_is_checked(site: Site) -> None:
    site.resources["/old"] = Resource(b"", status=301, location="/new")
    site.resources["/new"] = Resource(b"moved here")
    response = loopback().get(site.base + "/old")
    assert response.body == b"moved here" and response.url == site.base + "/new"
    site.resources["/out"] = Resource(b"", status=302, location="ftp://example.org/")
    with pytest.raises(FetchError, match="only http and https"):
        loopback().get(site.base + "/out")


def test_conditional_get_gives_not_modified(site: Site) -> None:
    site.resources["/feed"] = Resource(b"<rss/>", content_type="application/rss+xml", etag='"v1"')
    first = loopback().get(site.base + "/feed")
    assert first.etag == '"v1"' and first.media_type == "application/rss+xml"
    second = loopback().get(site.base + "/feed", etag=first.etag)
    assert second.not_modified and second.body == b""
