"""Executors: drive the pipeline over a stream of inputs and write the results."""

from __future__ import annotations

from eventwire.run.local import (
    IngestReport,
    InProcess,
    ProcessPool,
    ingest,
    ingest_documents,
)

__all__ = ["InProcess", "IngestReport", "ProcessPool", "ingest", "ingest_documents"]
