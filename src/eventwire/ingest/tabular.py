"""CSV and TSV files (optionally gzip-compressed): one article per row, with a column mapping.

Each document field (``text``, ``id``, ``title``, ``url``, ``published``, ``source``) is read
from the column ``Settings.csv_columns`` names for it, else from the column of the same name;
only ``text`` is required. Files are UTF-8 (a byte-order mark is allowed) with a header row.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from eventwire.errors import InputError
from eventwire.ingest.readers import Document, _checked_text, _optional_str, register_reader
from eventwire.records import Failure
from eventwire.settings import Settings

logger = logging.getLogger(__name__)

#: The document fields a column can fill.
FIELDS = ("text", "id", "title", "url", "published", "source")


def column_mapping(settings: Settings) -> dict[str, str]:
    """Return the column to read for each field, checking the mapping names real fields.

    Raises:
        InputError: the mapping names a field documents do not have.
    """
    unknown = sorted(set(settings.csv_columns) - set(FIELDS))
    if unknown:
        raise InputError(
            "csv_columns", f"unknown field(s) {', '.join(unknown)}; fields: {', '.join(FIELDS)}"
        )
    return {name: settings.csv_columns.get(name, name) for name in FIELDS}


@register_reader(".csv", ".csv.gz")
def read_csv_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a CSV file, one document per row.

    Args:
        path: the file (gzip-compressed if it ends in ``.gz``).
        settings: ``csv_columns`` and ``max_chars``.
    """
    yield from _read_table(path, ",", settings)


@register_reader(".tsv", ".tsv.gz")
def read_tsv_file(path: Path, settings: Settings) -> Iterator[Document | Failure]:
    """Read a tab-separated file, one document per row (see :func:`read_csv_file`)."""
    yield from _read_table(path, "\t", settings)


def _open_text(path: Path) -> IO[str]:
    compressed = path.suffix.lower() == ".gz"
    raw: IO[bytes] | gzip.GzipFile = gzip.open(path, "rb") if compressed else path.open("rb")  # noqa: SIM115
    # closed with the wrapper the caller's with-statement closes
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def _read_table(path: Path, delimiter: str, settings: Settings) -> Iterator[Document | Failure]:
    mapping = column_mapping(settings)
    name = str(path)
    # One field may hold a whole article; the csv module's default limit is 128 KiB.
    csv.field_size_limit(min(sys.maxsize, 4 * settings.max_chars + 1))
    with _open_text(path) as stream:
        try:
            reader = csv.DictReader(stream, delimiter=delimiter)
            header = reader.fieldnames
            if not header:
                raise InputError(name, "empty input")
            if mapping["text"] not in header:
                raise InputError(
                    name,
                    f"no column {mapping['text']!r} for the article text (columns: "
                    f"{', '.join(header)}); map one with --csv-column text=COLUMN",
                )
            found = False
            for row in reader:
                origin = f"{name}:{reader.line_num}"
                found = True
                try:
                    yield _row_document(row, mapping, origin, settings)
                except InputError as error:
                    yield Failure(origin, error.reason)
        except UnicodeDecodeError as error:
            raise InputError(name, f"not valid UTF-8 ({error.reason}); re-encode it") from None
        except csv.Error as error:
            raise InputError(name, f"not a readable CSV file: {error}") from None
    if not found:
        yield Failure(name, "no rows under the header")


def _row_document(
    row: dict[str, str | None], mapping: dict[str, str], origin: str, settings: Settings
) -> Document:
    text = row.get(mapping["text"]) or ""
    if not text.strip():
        raise InputError(origin, f"empty {mapping['text']!r} column")
    values = {field: _optional_str(row.get(mapping[field])) for field in FIELDS[1:]}
    return Document(text=_checked_text(text, origin, settings), origin=origin, **values)


__all__ = ["FIELDS", "column_mapping", "read_csv_file", "read_tsv_file"]
