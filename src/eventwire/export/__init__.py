"""Export a store: one exporter per format, registered by name.

Built-in formats register through ``register_exporter``, the same hook a plugin uses::

    from eventwire.export import register_exporter

    @register_exporter("ndjson-gz")
    def export_gz(store: Store, out: str | Path | None) -> int: ...
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from eventwire.store import Store

logger = logging.getLogger(__name__)

#: An exporter writes every stored article to ``out`` and returns how many it wrote.
Exporter: TypeAlias = "Callable[[Store, str | Path | None], int]"

#: Exporters by format name.
EXPORTERS: dict[str, Exporter] = {}


def register_exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register the decorated function as the exporter for format ``name``.

    Args:
        name: the format name users pass (``eventwire export --format NAME``).
    """

    def decorate(exporter: Exporter) -> Exporter:
        if name in EXPORTERS and EXPORTERS[name] is not exporter:
            logger.warning("exporter %r replaced by %s", name, exporter)
        EXPORTERS[name] = exporter
        return exporter

    return decorate


def export(store: Store, fmt: str, out: str | Path | None) -> int:
    """Export every stored article in format ``fmt``; return the number of articles written.

    Args:
        store: the store to read.
        fmt: a registered format name (see ``EXPORTERS``).
        out: where to write; what it means depends on the format (a file, a directory,
            or None / "-" for standard output).

    Raises:
        ValueError: ``fmt`` is not a registered format.
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise ValueError(f"unknown export format {fmt!r}; known formats: {known}") from None
    return exporter(store, out)


# Built-in formats register themselves on import; they need the registry above to exist.
from eventwire.export import csv, jsonl, parquet  # noqa: E402

__all__ = ["EXPORTERS", "Exporter", "csv", "export", "jsonl", "parquet", "register_exporter"]
