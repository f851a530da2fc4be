"""Readers: turn input files (plain text, HTML, JSON Lines) and standard input into documents.

Readers are registered by file suffix with :func:`register_reader`; the built-in readers use the
same decorator a plugin would. A suffix may be compound (``".jsonl.gz"``, ``".warc.gz"``): the
longest registered one wins. Feeds, WARC archives and CSV files have their own modules
(``feeds``, ``warc``, ``tabular``), registered the same way; ``http(s)://`` inputs are fetched
(``eventwire.ingest.fetch``). A bad input becomes a :class:`~eventwire.records.Failure`, logged
once at WARNING, and reading goes on with the next input.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from eventwire.errors import InputError
from eventwire.records import Failure
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

#: Input names read as URLs rather than paths.
URL_SCHEMES = ("http://", "https://")


@dataclass(slots=True)
class Document:
    """An input article before analysis."""

    text: str
    origin: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


#: A reader takes a path and the settings and yields one item per article it finds.
Reader = Callable[[Path, Settings], Iterator[Document | Failure]]

#: Readers by lower-case file suffix (with the dot), filled by :func:`register_reader`.
READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files with the given suffixes (``".txt"`` or ``"txt"``).

    Args:
        suffixes: file suffixes the reader handles; a later registration replaces an earlier one.
    """

    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[_normal_suffix(suffix)] = reader
        return reader

    return decorate


def _normal_suffix(suffix: str) -> str:
    suffix = suffix.lower()
    return suffix if suffix.startswith(".") else "." + suffix


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Document | Failure]:
    """Read every input in order, yielding documents and failures.

    Args:
        paths: files, directories (read recursively, in sorted order, hidden entries skipped),
            ``"-"`` for standard input (JSON Lines if it starts with ``{``, else plain text), or
            ``http(s)://`` URLs of a page or a feed (whose article pages are fetched).
        settings: size limits (``max_chars``, ``max_file_bytes``) and fetch settings.
    """
    for name in paths:
        if name == STDIN:
            items = _read_stdin(sys.stdin.buffer, settings)
        elif "://" in name:
            from eventwire.ingest.feeds import read_url  # fetching: only when a URL is given

            items = read_url(name, settings)
        else:
            items = _read_path(Path(name), settings, explicit=True)
        for item in items:
            if isinstance(item, Failure):
                logger.warning("skipped %s: %s", item.input, item.reason)
            yield item


def _read_path(path: Path, settings: Settings, *, explicit: bool) -> Iterator[Document | Failure]:
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        yield Failure(str(path), "no such file or directory")
        return
    except OSError as error:
        yield Failure(str(path), _os_reason(error))
        return
    if is_dir:
        yield from _read_directory(path, settings)
        return
    reader = reader_for(path)
    if reader is None:
        if not explicit:
            logger.debug("skipped %s: no reader for %r files", path, path.suffix)
            return
        if path.suffix:
            known = ", ".join(sorted(READERS))
            yield Failure(str(path), f"no reader for {path.suffix!r} files (known: {known})")
            return
        # A file named on the command line without a suffix is read as plain text.
        reader = read_text_file
    try:
        yield from reader(path, settings)
    except InputError as error:
        yield Failure(str(path), error.reason)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield Failure(str(path), f"damaged compressed file: {error or 'truncated'}")
    except OSError as error:
        yield Failure(str(path), _os_reason(error))


def reader_for(path: Path) -> Reader | None:
    """Return the reader registered for the longest matching suffix of ``path``, or None.

    Args:
        path: the file; ``news.warc.gz`` tries ``".warc.gz"``, then ``".gz"``.
    """
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    for count in range(len(suffixes), 0, -1):
        reader = READERS.get("".join(suffixes[-count:]))
        if reader is not None:
            return reader
    return None


def _read_directory(root: Path, settings: Settings) -> Iterator[Document | Failure]:
    seen: set[Path] = set()

    def walk(directory: Path) -> Iterator[Document | Failure]:
        real = directory.resolve()
        if real in seen:  # a symbolic link back up the tree
            return
        seen.add(real)
        try:
            entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
        except OSError as error:
            yield Failure(str(directory), _os_reason(error))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            else:
                yield from _read_path(entry, settings, explicit=False)

    yield from walk(root)


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


# Plain text


@register_reader(".txt", ".text", ".md")
def read_text_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a plain-text file: the document text is the file's text, unchanged.

    Args:
        path: the file.
        settings: ``max_file_bytes`` (checked before reading) and ``max_chars``.
    """
    origin = str(path)
    text = decode_text(_read_limited(path, settings), "UTF-8", origin)
    yield Document(text=_checked_text(text, origin, settings), origin=origin)


def _read_limited(path: Path, settings: Settings) -> bytes:
    """Return the bytes of a file no larger than ``settings.max_file_bytes``."""
    limit = settings.max_file_bytes
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), _too_many_bytes(size, limit))
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # the file may have grown since stat()
    if len(data) > limit:
        raise InputError(str(path), _too_many_bytes(len(data), limit, more=True))
    return data


def _too_many_bytes(size: int, limit: int, *, more: bool = False) -> str:
    amount = f"more than {limit}" if more else str(size)
    return f"too large: {amount} bytes (limit {limit}; raise EVENTWIRE_MAX_FILE_BYTES)"


def decode_text(data: bytes, encoding: str, origin: str) -> str:
    """Decode the bytes of a text input strictly, honouring a byte-order mark.

    Args:
        data: the raw bytes.
        encoding: the encoding to use when there is no byte-order mark.
        origin: names the input in errors.

    Raises:
        InputError: for binary data (NUL bytes) or bytes the encoding cannot decode.
    """
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], bom_encoding, origin, offset=len(bom))
    if b"\x00" in data:
        raise InputError(origin, "binary file, not text")
    return _decode(data, encoding, origin, offset=0)


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "UTF-32-BE"),
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "UTF-16-BE"),
)


def _decode(data: bytes, encoding: str, origin: str, *, offset: int) -> str:
    try:
        # bytes.decode keeps "\r\n" as it is: offsets count every character of the file.
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        position = error.start + offset
        raise InputError(
            origin,
            f"not valid {encoding} (byte 0x{byte:02x} at offset {position}); "
            "re-encode the file as UTF-8",
        ) from None


def _checked_text(text: str, origin: str, settings: Settings) -> str:
    """Return the text if it is neither blank nor longer than ``settings.max_chars``."""
    if not text.strip():
        raise InputError(origin, "empty input")
    if len(text) > settings.max_chars:
        raise InputError(
            origin,
            f"too large: {len(text)} characters "
            f"(limit {settings.max_chars}; raise EVENTWIRE_MAX_CHARS)",
        )
    return text


# HTML

# Where an HTML page may declare its encoding: <meta charset="…"> or the http-equiv form.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_SNIFF_BYTES = 4096
# As browsers do (WHATWG Encoding), a page labelled Latin-1 or ASCII is read as windows-1252.
_WINDOWS_1252_LABELS = {"iso8859_1", "ascii"}


@register_reader(".html", ".htm")
def read_html_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read an HTML page: its article body (by trafilatura) and metadata.

    Args:
        path: the file.
        settings: ``max_file_bytes`` (checked before reading) and ``max_chars``.
    """
    yield html_document(_read_limited(path, settings), str(path), settings)


def html_encoding(data: bytes) -> str:
    """Return the encoding to read an HTML page with: the one its ``<meta>`` declares, or UTF-8.

    A page declared in another encoding whose bytes are nonetheless valid UTF-8 is read as
    UTF-8: templates often keep an old declaration, and text really in a legacy encoding is
    almost never valid UTF-8.

    Args:
        data: the page's bytes (only the first few kilobytes are looked at).
    """
    match = _META_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    if match is None:
        return "UTF-8"
    label = match.group(1).decode("ascii")
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        logger.debug("unknown charset %r declared in HTML; reading it as UTF-8", label)
        return "UTF-8"
    # A page whose <meta> could be read as ASCII is not UTF-16 or UTF-32: browsers use UTF-8.
    if name.startswith(("utf_8", "utf_16", "utf_32")) or _is_utf8(data):
        return "UTF-8"
    if name in _WINDOWS_1252_LABELS:
        return "windows-1252"
    return label


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def html_document(page: bytes | str, origin: str, settings: Settings) -> Document:
    """Extract the article body and metadata of an HTML page with trafilatura.

    Args:
        page: the page's bytes (decoded as its ``<meta>`` declares, else as UTF-8) or markup.
        origin: names the input in errors and in the document.
        settings: ``max_chars`` applies to the extracted body.

    Raises:
        InputError: when the page is empty, binary, undecodable, has no article body, or its
            body is too long.
    """
    import trafilatura  # loads lxml and htmldate: only when HTML is read

    if not page.strip():
        raise InputError(origin, "empty input")
    if isinstance(page, bytes):
        page = decode_text(page, html_encoding(page), origin)
    result: Any = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(result, "text", None) if result is not None else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "no article body found in the HTML")
    return Document(
        text=_checked_text(text, origin, settings),
        origin=origin,
        title=_optional_str(getattr(result, "title", None)),
        url=_optional_str(getattr(result, "url", None)),
        published=_optional_str(getattr(result, "date", None)),
        source=_optional_str(getattr(result, "sitename", None)),
    )


# JSON Lines

# How much of a JSON Lines file is looked at for NUL bytes before it is read line by line.
_BINARY_SNIFF_BYTES = 8192


@register_reader(".jsonl", ".ndjson")
def read_jsonl_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a JSON Lines file, one article per line, streaming it line by line.

    Args:
        path: the file; each line an object with ``text`` and optional ``id``, ``title``,
            ``url``, ``published``, ``source``.
        settings: ``max_chars`` applies to each article.
    """
    with path.open("rb") as stream:
        if b"\x00" in stream.read(_BINARY_SNIFF_BYTES):
            raise InputError(str(path), "binary file, not text")
        stream.seek(0)
        yield from _read_jsonl_stream(stream, str(path), settings)


@register_reader(".jsonl.gz", ".ndjson.gz")
def read_jsonl_gz_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a gzip-compressed JSON Lines file, decompressing it as it streams.

    Args:
        path: the file; each line as for :func:`read_jsonl_file`.
        settings: ``max_chars`` applies to each article (and bounds each line read).
    """
    with gzip.open(path, "rb") as stream:
        if b"\x00" in stream.peek(_BINARY_SNIFF_BYTES)[:_BINARY_SNIFF_BYTES]:
            raise InputError(str(path), "binary file, not text")
        yield from _read_jsonl_stream(stream, str(path), settings)


def _read_jsonl_stream(
    stream: IO[bytes] | gzip.GzipFile, name: str, settings: Settings, first: Iterable[bytes] = ()
) -> Iterator[Document | Failure]:
    """Yield one item per non-blank line of ``first`` then of ``stream``."""
    # JSON escapes take up to 6 bytes per character: a longer line cannot hold an allowed text.
    line_limit = 6 * settings.max_chars + 65_536
    lines = _lines(stream, line_limit, first)
    found = False
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        if not line.strip():
            continue
        found = True
        try:
            yield _jsonl_document(line, origin, line_limit, settings)
        except InputError as error:
            yield Failure(origin, error.reason)
    if not found:
        yield Failure(name, "empty input")


def _lines(
    stream: IO[bytes] | gzip.GzipFile, limit: int, first: Iterable[bytes]
) -> Iterator[bytes]:
    """Yield lines, each cut at ``limit + 1`` bytes so one huge line cannot fill memory."""
    yield from first
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            # Skip the rest of the line; what was read is enough to report it.
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
        yield line


def _jsonl_document(line: bytes, origin: str, line_limit: int, settings: Settings) -> Document:
    if len(line) > line_limit:
        raise InputError(
            origin,
            f"too large: more than {line_limit} bytes on one line "
            f"(limit {settings.max_chars} characters; raise EVENTWIRE_MAX_CHARS)",
        )
    try:
        record = json.loads(decode_text(line, "UTF-8", origin))
    except json.JSONDecodeError as error:
        raise InputError(
            origin, f"line is not valid JSON: {error.msg} (column {error.colno})"
        ) from None
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "missing 'text' field")
    return Document(
        text=_checked_text(text, origin, settings),
        origin=origin,
        id=_optional_str(record.get("id")),
        title=_optional_str(record.get("title")),
        url=_optional_str(record.get("url")),
        published=_optional_str(record.get("published")),
        source=_optional_str(record.get("source")),
    )


def _optional_str(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


# Standard input


def _read_stdin(stream: IO[bytes], settings: Settings) -> Iterator[Document | Failure]:
    """Read standard input as JSON Lines if its first non-blank byte is ``{``, else as text."""
    try:
        yield from _read_stdin_stream(stream, settings)
    except InputError as error:
        yield Failure(STDIN_ORIGIN, error.reason)
    except OSError as error:
        yield Failure(STDIN_ORIGIN, _os_reason(error))


def _read_stdin_stream(stream: IO[bytes], settings: Settings) -> Iterator[Document | Failure]:
    limit = settings.max_file_bytes
    head: list[bytes] = []
    size = 0
    # Read whole lines until one is not blank; each read is capped so a file with no newline
    # cannot exceed the byte limit.
    while line := stream.readline(limit + 1 - size):
        head.append(line)
        size += len(line)
        if line.strip():
            break
    first = next((line for line in head if line.strip()), b"")
    if first.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        yield from _read_jsonl_stream(stream, STDIN_ORIGIN, settings, first=head)
        return
    data = b"".join(head) + stream.read(limit + 1 - size)
    if len(data) > limit:
        raise InputError(STDIN_ORIGIN, _too_many_bytes(len(data), limit, more=True))
    text = decode_text(data, "UTF-8", STDIN_ORIGIN)
    yield Document(text=_checked_text(text, STDIN_ORIGIN, settings), origin=STDIN_ORIGIN)


__all__ = [
    "READERS",
    "Document",
    "Reader",
    "decode_text",
    "html_document",
    "html_encoding",
    "read_html_file",
    "read_inputs",
    "read_jsonl_file",
    "read_jsonl_gz_file",
    "read_text_file",
    "reader_for",
    "register_reader",
]
