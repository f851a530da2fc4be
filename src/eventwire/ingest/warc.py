"""WARC archives (``.warc``, ``.warc.gz``) read with FastWARC, as Common Crawl News is.

Only ``response`` records with an HTTP 200 answer and an HTML body are articles; request,
metadata, revisit and non-HTML records (feeds, images, scripts) are passed over. The article's
URL is the record's ``WARC-Target-URI``; its text and metadata come from the page
(:func:`~eventwire.ingest.readers.html_document`). A bad record becomes a failure named
``FILE#URI``; a damaged archive stops at the damage, keeping what was read before it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from eventwire.errors import InputError
from eventwire.ingest.readers import Document, decode_text, html_document, register_reader
from eventwire.records import Failure
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

#: HTTP media types read as article pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@register_reader(".warc", ".warc.gz")
def read_warc_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read the HTML responses of a WARC file (plain or gzip-compressed), one document each.

    Args:
        path: the archive.
        settings: ``max_file_bytes`` caps each response body; ``max_chars`` each article.
    """
    skipped = 0
    with path.open("rb") as stream:
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            max_content_length=settings.max_file_bytes,
            fsspec_args=False,
        )
        for record in records:
            uri = str(record.headers.get("WARC-Target-URI") or "").strip()
            origin = f"{path}#{uri or record.record_id}"
            if not _is_html_page(record):
                skipped += 1
                continue
            try:
                yield _record_document(record, uri, origin, settings)
            except InputError as error:
                yield Failure(origin, error.reason)
    logger.debug("%s: %d response records were not HTML pages", path, skipped)


def _is_html_page(record: WarcRecord) -> bool:
    headers = record.http_headers
    if headers is None or headers.status_code != 200:
        return False
    media_type = str(record.http_content_type or "").split(";")[0].strip().lower()
    return media_type in HTML_TYPES


def _record_document(record: WarcRecord, uri: str, origin: str, settings: Settings) -> Document:
    body = record.reader.read()
    page: bytes | str = body
    charset = record.http_charset
    if charset:
        try:
            page = decode_text(body, str(charset), origin)
        except (InputError, LookupError):
            page = body  # a wrong HTTP header: let the page's own <meta> decide
    document = html_document(page, origin, settings)
    if uri:
        document.url = uri
    return document


__all__ = ["read_warc_file"]
