"""Feeds: RSS and Atom files read from their entries' content; feeds that are not feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest import Document, read_inputs
from eventwire.ingest.feeds import feed_root, looks_like_feed, parse_feed
from eventwire.records import Failure
from eventwire.settings import Settings

PARAGRAPHS = [
    "Farmers blocked the main highway into Lima on Tuesday, demanding lower fuel prices and "
    "the release of three union leaders arrested last week during a protest in Arequipa.",
    "The interior minister said the police would clear the road by nightfall if the talks "
    "planned for the afternoon failed, and that the arrested men would appear before a judge.",
    "Union representatives rejected the ultimatum and said the blockade would continue until "
    "the government published a decree cutting diesel prices by at least ten percent.",
]


def rss(items: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Andes Wire</title><link>https://andes.example.org/</link>
<description>News</description>
{items}
</channel></rss>"""


def item(title: str, link: str, body: str, date: str = "Tue, 05 Mar 2024 09:30:00 +0000") -> str:
    return f"""<item><title>{title}</title><link>{link}</link><guid>{link}</guid>
<pubDate>{date}</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>"""


BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_rss_file_gives_one_document_per_entry_with_feed_metadata(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            item("Farmers block highway", "https://andes.example.org/a/1", BODY)
            + item("Second story", "/a/2", BODY.replace("Lima", "Cusco"))
        ),
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)], Settings()))
    assert all(isinstance(i, Document) for i in items)
    first, second = items
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Farmers block highway"
    assert first.url == "https://andes.example.org/a/1"
    assert first.published == "2024-03-05T09:30:00+00:00"
    assert first.source == "Andes Wire"
    assert "Farmers blocked the main highway into Lima" in first.text
    assert "<p>" not in first.text
    assert second.url == "https://andes.example.org/a/2"  # relative link, resolved
    assert first.origin.endswith("wire.rss#1")


def test_atom_file_is_read_like_rss(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<link href="https://atom.example.org/"/><id>urn:x</id><updated>2024-03-05T00:00:00Z</updated>
<entry><title>Blockade</title><link href="https://atom.example.org/b"/><id>urn:b</id>
<updated>2024-03-06T10:00:00Z</updated>
<content type="html"><![CDATA[{BODY}]]></content></entry></feed>""",
        encoding="utf-8",
    )
    (document,) = read_inputs([str(path)], Settings())
    assert isinstance(document, Document)
    assert document.url == "https://atom.example.org/b"
    assert document.published == "2024-03-06T10:00:00+00:00"
    assert "ultimatum" in document.text


def test_entry_without_content_is_a_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(
        rss(
            "<item><title>Empty</title><link>https://x.example.org/e</link></item>"
            + item("Full", "https://x.example.org/f", BODY)
        ),
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)], Settings()))
    assert isinstance(items[0], Failure) and "no content" in items[0].reason
    assert isinstance(items[1], Document)


@pytest.mark.parametrize(
    "content", ["<html><body><p>not a feed</p></body></html>", "<?xml version='1.0'?><note/>"]
)
def test_xml_that_is_not_a_feed_is_a_failure(tmp_path: Path, content: str) -> None:
    path = tmp_path / "page.xml"
    path.write_text(content, encoding="utf-8")
    (failure,) = read_inputs([str(path)], Settings())
    assert isinstance(failure, Failure)
    assert "not an RSS or Atom feed" in failure.reason or "no entries" in failure.reason


def test_plain_xml_with_feed_like_items_is_not_read_as_a_feed(tmp_path: Path) -> None:
    # feedparser alone finds an "entry" in any XML with <item><title>: the root decides.
    path = tmp_path / "catalogue.xml"
    path.write_text(
        "<?xml version='1.0'?><!-- export --><catalogue><item><title>Hello</title>"
        "<link>http://example.org/a</link><description>Some text here.</description>"
        "</item></catalogue>",
        encoding="utf-8",
    )
    (failure,) = read_inputs([str(path)], Settings())
    assert isinstance(failure, Failure)
    assert "not an RSS or Atom feed" in failure.reason and "<catalogue>" in failure.reason


def test_feed_root_skips_the_prolog_and_reads_the_root_element() -> None:
    data = (
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<?xml-stylesheet href='x.xsl'?><!-- a <rss> -->"
        b"<!DOCTYPE rdf:RDF [<!ENTITY a 'b'>]><rdf:RDF xmlns:rdf='x'></rdf:RDF>"
    )
    assert feed_root(data) == "rdf:RDF"
    assert looks_like_feed(data)
    assert feed_root(b"<?xml version='1.0'?><!-- <feed> --><note/>") == "note"
    assert not looks_like_feed(b"<?xml version='1.0'?><!-- <feed> --><note/>")
    assert feed_root(b"just text") is None
    assert looks_like_feed('<?xml version="1.0"?><feed/>'.encode("utf-16"))


def test_looks_like_feed_sniffs_rss_and_atom_but_not_html() -> None:
    assert looks_like_feed(rss("").encode())
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    assert not looks_like_feed(b"<!DOCTYPE html><html></html>")


def test_parse_feed_prefers_the_guid_permalink_over_a_relative_link_without_base() -> None:
    data = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>x</title><link>gv/index_1.html</link>
<guid isPermaLink="false">http://example.org/?p=1</guid></item></channel></rss>"""
    (entry,) = parse_feed(data, "feed").entries
    assert entry.link == "http://example.org/?p=1"


@pytest.mark.shared
def test_global_voices_feed_gives_its_fifteen_stories(shared: Path) -> None:
    path = shared / "data" / "corpora" / "globalvoices-2009-mediacloud" / "feed.rss"
    items = list(read_inputs([str(path)], Settings()))
    documents = [i for i in items if isinstance(i, Document)]
    assert len(documents) == 15
    peru = next(d for d in documents if d.title and "Casualties in Amazon" in d.title)
    assert peru.published is not None and peru.published.startswith("2009-06-08")
    assert "Bagua" in peru.text


def test_feed_url_fetches_each_entry_page_and_a_page_url_is_one_article() -> None:
    from eventwire.ingest.feeds import read_url
    from tests.httpsite import Resource, serve

    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Page</title></head><body>"
        f"<article><h1>Blockade</h1>{BODY}<p>Page only: the minister resigned.</p></article>"
        "</body></html>"
    ).encode()
    settings = Settings(fetch_allow_private=True)
    with serve() as site:
        site.resources["/a/1"] = Resource(page)
        site.resources["/feed"] = Resource(
            rss(item("Farmers block highway", site.base + "/a/1", "<p>short summary</p>")).encode(),
            "application/rss+xml; charset=utf-8",
        )
        (from_feed,) = read_url(site.base + "/feed", settings)
        (from_page,) = read_url(site.base + "/a/1", settings)
        (refused,) = read_url("ftp://example.org/feed", settings)
    assert isinstance(from_feed, Document) and "the minister resigned" in from_feed.text
    assert from_feed.title == "Farmers block highway" and from_feed.source == "Andes Wire"
    assert from_feed.url == site.base + "/a/1"
    assert isinstance(from_page, Document) and from_page.url == site.base + "/a/1"
    assert isinstance(refused, Failure) and "only http and https" in refused.reason
