"""Ingestion: read inputs into documents, and find what in them is not the story."""

from __future__ import annotations

from eventwire.ingest.cleaning import Cleaning, clean, mask
from eventwire.ingest.readers import READERS, Document, Reader, read_inputs, register_reader

__all__ = [
    "READERS",
    "Cleaning",
    "Document",
    "Reader",
    "clean",
    "mask",
    "read_inputs",
    "register_reader",
]
