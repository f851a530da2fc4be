"""Executors: drive the pipeline over a stream of inputs and write the results."""

from __future__ import annotations

from eventwire.run.local import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
