"""RSS and Atom feeds (feedparser), from files or URLs, and pages fetched by URL.

A feed file is read from its entries' own content (``content:encoded``, else the summary): no
network. A feed URL is fetched, and each entry's article page is fetched too, since feeds often
carry only a summary; when a page cannot be fetched or has no article body, the entry's own
content is used if it has any. A URL that is a page, not a feed, is read as one HTML article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from eventwire.errors import FetchError, InputError
from eventwire.ingest.fetch import Fetcher, Response
from eventwire.ingest.readers import (
    Document,
    _read_limited,
    decode_text,
    html_document,
    register_reader,
)
from eventwire.records import Failure
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

#: Media types read as feeds when a URL is fetched (others are sniffed from the first bytes).
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml"}
    | {"text/xml", "application/x-rss+xml", "application/feed+xml"}
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF = 1024
#: Local names of the root elements of RSS 2.0/0.9x (``rss``), RSS 1.0 (``rdf:RDF``) and Atom.
FEED_ROOTS = frozenset({"rss", "rdf", "feed"})
# What may come before the root element: declaration, processing instructions, comments, DOCTYPE.
_PROLOG = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(slots=True)
class FeedEntry:
    """One item of a feed: where its article is, and what the feed says about it."""

    key: str
    link: str | None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    html: str | None = None


@dataclass(slots=True)
class Feed:
    """A parsed feed: its title, site link, and entries in feed order."""

    title: str | None
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def feed_root(data: bytes) -> str | None:
    """Return the name of the root element of an XML (or HTML) document, or None if the first
    bytes hold no element (content-based feed detection: the file suffix says nothing)."""
    head = data[: _SNIFF * 16]
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    position = 0
    while match := _PROLOG.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    root = _ROOT.match(head, position)
    return root.group(1).decode("ascii", errors="replace") if root else None


def looks_like_feed(data: bytes) -> bool:
    """Return whether a document's root element is RSS (``rss``, ``rdf:RDF``) or Atom
    (``feed``), whatever its name or media type says."""
    root = feed_root(data)
    return root is not None and root.rsplit(":", 1)[-1].lower() in FEED_ROOTS


def parse_feed(data: bytes, origin: str, base_url: str | None = None) -> Feed:
    """Parse RSS or Atom bytes with feedparser.

    Args:
        data: the feed document.
        origin: names the input in errors.
        base_url: the URL the feed came from, to resolve relative entry links.

    Raises:
        InputError: the bytes are not an RSS or Atom feed: its root element must be ``rss``,
            ``rdf:RDF`` or ``feed`` (a plain XML file named ``.xml`` is not read as a feed).
    """
    if not looks_like_feed(data):
        root = feed_root(data)
        found = f"its root element is <{root}>" if root else "no XML element at its start"
        raise InputError(
            origin, f"not an RSS or Atom feed ({found}; feeds have <rss>, <rdf:RDF> or <feed>)"
        )
    headers = {"content-location": base_url} if base_url else {}
    parsed: Any = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(origin, f"not an RSS or Atom feed{detail}")
    channel = parsed.feed
    site = _text(channel.get("link"))
    base = base_url or site
    entries = [_entry(entry, base) for entry in parsed.entries]
    return Feed(title=_text(channel.get("title")), link=site, entries=entries)


def _entry(entry: Any, base: str | None) -> FeedEntry:
    guid = _text(entry.get("id"))
    link = _text(entry.get("link"))
    if link is not None and not _is_web_url(link) and guid and _is_web_url(guid):
        link = guid  # a relative link the feed gives no base for: the guid is the permalink
    link = _absolute(link, base) or (guid if guid and _is_web_url(guid) else None)
    content = entry.get("content") or []
    html = next((_text(part.get("value")) for part in content if part.get("value")), None)
    html = html or _text(entry.get("summary"))
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = datetime(*when[:6]).replace(tzinfo=UTC).isoformat() if when else None
    return FeedEntry(
        key=guid or link or _text(entry.get("title")) or "",
        link=link,
        title=_text(entry.get("title")),
        published=published,
        author=_text(entry.get("author")),
        html=html,
    )


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _is_web_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


def _absolute(link: str | None, base: str | None) -> str | None:
    """Return ``link`` as an absolute http(s) URL, or None when it cannot be made one."""
    if link is None:
        return None
    if _is_web_url(link):
        return link
    if base and _is_web_url(base):
        joined = urljoin(base, link)
        return joined if _is_web_url(joined) else None
    return None


def entry_document(entry: FeedEntry, feed: Feed, origin: str, settings: Settings) -> Document:
    """Return the document a feed entry's own content gives.

    Raises:
        InputError: the entry has no content, or no article text in it.
    """
    if not entry.html:
        raise InputError(origin, "feed entry has no content")
    # trafilatura expects a page: wrap the fragment as the body of one.
    page = f"<html><body><article>{entry.html}</article></body></html>"
    document = html_document(page, origin, settings)
    return _with_entry(document, entry, feed)


def _with_entry(document: Document, entry: FeedEntry, feed: Feed) -> Document:
    # The feed knows the entry's title, link and date better than a fragment or page template.
    document.title = entry.title or document.title
    document.url = entry.link or document.url
    document.published = entry.published or document.published
    document.source = feed.title or document.source
    return document


@register_reader(".rss", ".atom", ".xml")
def read_feed_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a feed file: one document per entry, from the entry's own content.

    Args:
        path: an RSS or Atom file.
        settings: ``max_file_bytes`` (checked before reading) and ``max_chars``.
    """
    feed = parse_feed(_read_limited(path, settings), str(path))
    if not feed.entries:
        raise InputError(str(path), "the feed has no entries")
    for number, entry in enumerate(feed.entries, start=1):
        origin = f"{path}#{number}"
        try:
            yield entry_document(entry, feed, origin, settings)
        except InputError as error:
            yield Failure(origin, error.reason)


def page_document(response: Response, settings: Settings) -> Document:
    """Return the article an HTML response holds.

    Raises:
        InputError: the page is not HTML, or has no article body.
    """
    if response.media_type and response.media_type not in HTML_TYPES:
        raise InputError(response.url, f"not an HTML page ({response.media_type})")
    page: bytes | str = response.body
    if response.charset:
        try:
            page = decode_text(response.body, response.charset, response.url)
        except (InputError, LookupError):
            page = response.body  # a wrong header: let the page's own <meta> decide
    document = html_document(page, response.url, settings)
    document.url = response.url
    return document


def fetch_entry(
    entry: FeedEntry, feed: Feed, origin: str, fetcher: Fetcher, settings: Settings
) -> Document:
    """Fetch an entry's article page; fall back to the entry's own content.

    Raises:
        InputError: neither the page nor the entry gives an article.
    """
    reasons: list[str] = []
    if entry.link is not None:
        try:
            return _with_entry(page_document(fetcher.get(entry.link), settings), entry, feed)
        except (FetchError, InputError) as error:
            reasons.append(error.reason)
            logger.info("%s: page not used (%s); trying the feed's content", entry.link, error)
    else:
        reasons.append("no link to an article page")
    try:
        return entry_document(entry, feed, origin, settings)
    except InputError as error:
        reasons.append(error.reason)
    raise InputError(entry.link or origin, "; ".join(reasons))


def feed_documents(
    feed: Feed,
    origin: str,
    fetcher: Fetcher,
    settings: Settings,
    wanted: Callable[[FeedEntry], bool] = lambda entry: True,
) -> Iterator[tuple[FeedEntry, Document | Failure]]:
    """Fetch the article of every wanted entry of a fetched feed, in feed order.

    Args:
        feed: the parsed feed.
        origin: the feed's URL, to name entries without a link.
        fetcher: fetches the pages.
        settings: size limits.
        wanted: entries for which it returns False are passed over (for instance, already seen).
    """
    for number, entry in enumerate(feed.entries, start=1):
        if not wanted(entry):
            continue
        try:
            yield entry, fetch_entry(entry, feed, f"{origin}#{number}", fetcher, settings)
        except InputError as error:
            yield entry, Failure(error.input_name, error.reason)


def read_url(url: str, settings: Settings) -> Iterator[Document | Failure]:
    """Fetch a URL: a feed gives one document per entry (pages fetched), a page gives one.

    Args:
        url: an http(s) URL.
        settings: fetch settings and size limits.
    """
    fetcher = Fetcher(settings)
    try:
        response = fetcher.get(url)
    except FetchError as error:
        yield Failure(url, error.reason)
        return
    if response.media_type in FEED_TYPES or (
        response.media_type not in HTML_TYPES and looks_like_feed(response.body)
    ):
        try:
            feed = parse_feed(response.body, url, base_url=response.url)
        except InputError as error:
            yield Failure(url, error.reason)
            return
        for _, item in feed_documents(feed, url, fetcher, settings):
            yield item
        return
    try:
        yield page_document(response, settings)
    except InputError as error:
        yield Failure(url, error.reason)


__all__ = [
    "Feed",
    "FeedEntry",
    "entry_document",
    "feed_documents",
    "feed_root",
    "fetch_entry",
    "looks_like_feed",
    "page_document",
    "parse_feed",
    "read_feed_file",
    "read_url",
]
