"""JSON Lines export: one line per article, the object ``eventwire extract`` printed for it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from eventwire.export import register_exporter

if TYPE_CHECKING:
    from eventwire.store import Store


def write_jsonl(store: Store, stream: TextIO) -> int:
    """Write every stored article as one JSON line to ``stream``; return how many.

    Each line is ``json.dumps(extraction.to_dict(), ensure_ascii=False)``, in ingest order.
    """
    count = 0
    for record in store.records():
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


@register_exporter("jsonl")
def export_jsonl(store: Store, out: str | Path | None) -> int:
    """Export every stored article as JSON Lines; return the number of articles written.

    Args:
        store: the store to read.
        out: the file to write (UTF-8; its directory is created), or None / "-" for stdout.
    """
    if out is None or str(out) == "-":
        return write_jsonl(store, sys.stdout)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        return write_jsonl(store, stream)
