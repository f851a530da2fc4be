"""WARC archives: HTML responses become documents; everything else is passed over."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest

from eventwire.ingest import Document, read_inputs
from eventwire.records import Failure
from eventwire.settings import Settings

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head><body>
<nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>Negotiators from both delegations met in Geneva on Wednesday for a third round of talks on
a ceasefire, according to officials briefed on the meeting who spoke on condition of anonymity.</p>
<p>The mediators said progress had been made on the exchange of prisoners, but that the
question of who would monitor the front line remained open and would be discussed next week.</p>
<p>{extra}</p></article><footer>Copyright 2024</footer></body></html>"""


def warc_record(kind: str, uri: str, payload: bytes, extra: str = "") -> bytes:
    header = (
        "WARC/1.0\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2024-05-02T09:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\n"
        f"{extra}"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return header.encode() + payload + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def archive(records: list[bytes], path: Path, compressed: bool) -> Path:
    if compressed:
        # One gzip member per record, as Common Crawl writes them.
        path.write_bytes(b"".join(gzip.compress(record) for record in records))
    else:
        path.write_bytes(b"".join(records))
    return path


def page(title: str, extra: str = "The talks resume on Monday.") -> bytes:
    return ARTICLE.format(title=title, extra=extra).encode()


RECORDS = [
    warc_record("request", "https://news.example.org/a", b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n"),
    warc_record(
        "response",
        "https://news.example.org/a",
        http_response(page("Ceasefire talks in Geneva"), "text/html; charset=utf-8"),
    ),
    warc_record(
        "response", "https://news.example.org/logo.png", http_response(b"\x89PNG", "image/png")
    ),
    warc_record(
        "response",
        "https://news.example.org/missing",
        http_response(page("Gone"), "text/html", status="404 Not Found"),
    ),
    warc_record(
        "response",
        "https://news.example.org/feed",
        http_response(b"<rss version='2.0'><channel/></rss>", "application/rss+xml"),
    ),
    warc_record(
        "response",
        "https://news.example.org/b",
        http_response(
            page("Prisoner exchange agreed", "Both sides confirmed the list."), "text/html"
        ),
    ),
    warc_record(
        "response",
        "https://news.example.org/empty",
        http_response(b"<html><body></body></html>", "text/html"),
    ),
]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_warc_gives_html_200_responses_only(tmp_path: Path, compressed: bool) -> None:
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = archive(RECORDS, tmp_path / name, compressed)
    items = list(read_inputs([str(path)], Settings()))
    documents = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.url for d in documents] == [
        "https://news.example.org/a",
        "https://news.example.org/b",
    ]
    assert documents[0].title == "Ceasefire talks in Geneva"
    assert documents[0].published is not None and documents[0].published.startswith("2024-05-02")
    assert "third round of talks" in documents[0].text
    assert documents[0].origin == f"{path}#https://news.example.org/a"
    # An HTML page with no body is a failure named by its record; the batch goes on.
    assert [f.input for f in failures] == [f"{path}#https://news.example.org/empty"]


def test_truncated_warc_keeps_what_was_read_and_reports_the_damage(tmp_path: Path) -> None:
    data = b"".join(gzip.compress(r) for r in RECORDS[:2])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data + gzip.compress(RECORDS[5])[:40])
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], Document)
    assert all(isinstance(i, Document | Failure) for i in items)


@pytest.mark.shared
def test_global_voices_warc_gives_fifteen_articles_and_the_home_page(shared: Path) -> None:
    path = shared / "data" / "corpora" / "globalvoices-2009-mediacloud" / "gv-2009-06.warc.gz"
    documents = [i for i in read_inputs([str(path)], Settings()) if isinstance(i, Document)]
    assert len(documents) == 16  # the RSS response is not HTML and is passed over
    urls = {d.url for d in documents}
    assert (
        "http://globalvoicesonline.org/2009/06/05/peru-clashes-break-out-in-the-amazon-region/"
        in urls
    )
    assert all(d.text.strip() for d in documents)
