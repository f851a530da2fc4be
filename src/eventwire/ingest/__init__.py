"""Ingestion: read inputs into documents, and find what in them is not the story."""

from __future__ import annotations

# feeds, tabular and warc: built-in readers beyond text, HTML and JSON Lines, which register
# themselves on import.
from eventwire.ingest import feeds, tabular, warc
from eventwire.ingest.cleaning import Cleaning, clean, mask
from eventwire.ingest.readers import READERS, Document, Reader, read_inputs, register_reader

__all__ = [
    "READERS",
    "Cleaning",
    "Document",
    "Reader",
    "clean",
    "feeds",
    "mask",
    "read_inputs",
    "register_reader",
    "tabular",
    "warc",
]
