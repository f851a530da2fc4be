"""JSON Lines export: one line per article, the object ``eventwire extract`` printed for it,
with each actor's knowledge-base id."""

from __future__ import annotations

import json
import sys
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from eventwire.export import register_exporter
from eventwire.store.database import STREAM_ROWS

if TYPE_CHECKING:
    from eventwire.store import Store


def write_jsonl(store: Store, stream: TextIO) -> int:
    """Write every stored article as one JSON line to ``stream``; return how many.

    Each line is the article's ``extraction.to_dict()``, in ingest order, written with
    ``json.dumps(..., ensure_ascii=False)``; each actor the knowledge base has linked also
    carries ``kb_id``, the cross-article actor it is (the same number in every article).
    """
    count = 0
    records = store.records()
    while chunk := list(islice(records, STREAM_ROWS)):
        linked = store.kb_ids([record["article"]["id"] for record in chunk])
        for record in chunk:
            if linked:
                article_id = record["article"]["id"]
                for actor in record.get("actors", []):
                    kb_id = linked.get((article_id, actor["id"]))
                    if kb_id is not None:
                        actor["kb_id"] = kb_id
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
