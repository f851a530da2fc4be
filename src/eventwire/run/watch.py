"""Following feeds: poll them, fetch the pages of new entries, and ingest them.

Each poll is a conditional GET (``If-None-Match`` / ``If-Modified-Since`` with the validators
stored from the last change), so an unchanged feed costs one short answer. Entries are
remembered in the store once handled, so only new ones are fetched; their pages go through
the same ingest as files (skipping, near-duplicates, one writer, corpus events).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from eventwire.corpus.duplicates import DuplicateFinder
from eventwire.errors import FetchError, InputError
from eventwire.ingest import Document
from eventwire.ingest.feeds import Feed, FeedEntry, feed_documents, parse_feed
from eventwire.ingest.fetch import Fetcher
from eventwire.records import Failure
from eventwire.run.local import (
    Analyser,
    IngestReport,
    Progress,
    ingest_documents,
    load_duplicates,
)
from eventwire.settings import Settings
from eventwire.store import Store

logger = logging.getLogger(__name__)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Return the seconds a duration like ``"15m"``, ``"1h"``, ``"30s"`` or ``"900"`` stands for.

    Raises:
        ValueError: the text is not a positive duration.
    """
    match = _DURATION.match(text)
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 1h, 1d)")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


@dataclass(slots=True)
class PollReport:
    """What one round of polling did."""

    feeds_changed: int = 0
    feeds_unchanged: int = 0
    new_entries: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)
    failures: list[Failure] = field(default_factory=list)


def poll(
    feeds: Sequence[str],
    store: Store,
    settings: Settings,
    analyse: Analyser,
    fetcher: Fetcher | None = None,
    on_result: Progress | None = None,
    duplicates: DuplicateFinder | None = None,
) -> PollReport:
    """Poll each feed once and ingest the articles of its new entries.

    Args:
        feeds: feed URLs.
        store: where articles, feed validators and handled entries are kept.
        settings: fetch and ingest settings.
        analyse: the analyser (in this process or a pool).
        fetcher: fetches feeds and pages; by default one built from ``settings``.
        on_result: progress callback, once per new entry.
        duplicates: the near-duplicate index, kept across rounds by :func:`watch`.
    """
    fetcher = fetcher or Fetcher(settings)
    report = PollReport()
    handled: list[tuple[str, FeedEntry]] = []

    def items() -> Iterator[Document | Failure]:
        for url in feeds:
            feed = _fetch_feed(url, store, fetcher, report)
            if feed is None:
                continue
            keys = [entry.key for entry in feed.entries]
            seen = store.seen_entries(url, keys)
            fresh = [e for e in feed.entries if e.key not in seen]
            report.new_entries += len(fresh)
            for entry, item in feed_documents(feed, url, fetcher, settings, _among(fresh)):
                handled.append((url, entry))
                yield item

    report.ingest = ingest_documents(
        items(), store, settings, analyse, on_result, duplicates=duplicates
    )
    by_feed: dict[str, list[tuple[str, str | None]]] = {}
    for url, entry in handled:
        by_feed.setdefault(url, []).append((entry.key, entry.link))
    for url, entries in by_feed.items():
        store.mark_entries(url, entries)
    return report


def _among(entries: list[FeedEntry]) -> Callable[[FeedEntry], bool]:
    keys = {entry.key for entry in entries}
    return lambda entry: entry.key in keys


def _fetch_feed(url: str, store: Store, fetcher: Fetcher, report: PollReport) -> Feed | None:
    state = store.feed_state(url) or {}
    try:
        response = fetcher.get(
            url, etag=state.get("etag"), last_modified=state.get("last_modified")
        )
    except FetchError as error:
        failure = Failure(url, error.reason, stage="watch")
        logger.warning("feed %s: %s", url, error.reason)
        store.record_failure(failure)
        report.failures.append(failure)
        return None
    if response.not_modified:
        report.feeds_unchanged += 1
        store.save_feed_state(url, title=None, etag=None, last_modified=None, changed=False)
        return None
    try:
        feed = parse_feed(response.body, url, base_url=response.url)
    except InputError as error:
        failure = Failure(url, error.reason, stage="watch")
        store.record_failure(failure)
        report.failures.append(failure)
        return None
    report.feeds_changed += 1
    store.save_feed_state(
        url,
        title=feed.title,
        etag=response.etag,
        last_modified=response.last_modified,
        changed=True,
    )
    return feed


def watch(
    feeds: Sequence[str],
    store: Store,
    settings: Settings,
    analyse: Analyser,
    every: float,
    rounds: int | None = None,
    *,
    fetcher: Fetcher | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_round: Callable[[int, PollReport], None] | None = None,
) -> list[PollReport]:
    """Poll the feeds every ``every`` seconds, ``rounds`` times (None: until interrupted).

    Args:
        feeds: feed URLs.
        store: the database.
        settings: fetch and ingest settings.
        analyse: the analyser.
        every: seconds from the start of one round to the start of the next.
        rounds: how many rounds; None polls until the process is stopped.
        fetcher: fetches feeds and pages.
        sleep: waits between rounds (tests pass a fake).
        on_round: called after each round with its number (from 1) and report.
    """
    fetcher = fetcher or Fetcher(settings)
    # One index for every round: loaded once, then extended as articles are stored.
    duplicates = load_duplicates(store, settings) if settings.dedup else None
    reports: list[PollReport] = []
    number = 0
    while rounds is None or number < rounds:
        number += 1
        started = time.monotonic()
        result = poll(feeds, store, settings, analyse, fetcher, duplicates=duplicates)
        reports.append(result)
        if on_round:
            on_round(number, result)
        if rounds is not None and number >= rounds:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return reports


__all__ = ["PollReport", "parse_interval", "poll", "watch"]
