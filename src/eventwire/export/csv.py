"""CSV export: a directory with one file per record kind, for spreadsheets and dataframes.

Files: ``articles.csv`` (full text included, as the last column), ``actors.csv``,
``mentions.csv``, ``quotes.csv``, ``events.csv``, ``places.csv``, ``failures.csv``, the corpus
tables ``article_copies.csv``, ``corpus_events.csv``, ``corpus_event_reports.csv``, and the
actor knowledge base ``kb_actors.csv``, ``kb_aliases.csv``, ``kb_roles.csv``,
``kb_affiliations.csv``, ``kb_links.csv`` (``kb_links`` joins an article's actor, ``article_id``
and ``actor_id``, to its knowledge-base actor ``kb_id``). Columns are
the database columns (see ``eventwire.store.schema``), except that the article's ``id`` is
``article_id`` and store bookkeeping (``seq``, ``record``, ``ingested_at``, generated row ids) is
left out. Every row of an article file carries ``article_id``. List and object fields
(``roles``, ``aliases``, ``source``, ``target``, ``credits``, ``removed``, place ``mentions``) are
JSON-encoded; a missing value is an empty cell. Files are UTF-8 with a header row.
"""

from __future__ import annotations

import csv
import json
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.export import register_exporter
from eventwire.store.database import STREAM_ROWS
from eventwire.store.schema import EXPORT_TABLES, RECORD_TABLES, extraction_rows, failures

if TYPE_CHECKING:
    from eventwire.store import Store

#: Store bookkeeping left out of the CSV files, by table.
_LEFT_OUT = {"articles": {"seq", "record", "ingested_at"}, "mentions": {"id"}, "failures": {"id"}}

#: Columns renamed in the CSV files, by table: every article row is keyed by article_id.
_RENAMED = {"articles": {"id": "article_id"}}


def _columns(table: sa.Table) -> list[str]:
    left_out = _LEFT_OUT.get(table.name, set())
    return [c.name for c in table.columns if c.name not in left_out]


def header(table: sa.Table) -> list[str]:
    """Return the header row of the CSV file written for ``table``."""
    renamed = _RENAMED.get(table.name, {})
    return [renamed.get(name, name) for name in _columns(table)]


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@register_exporter("csv")
def export_csv(store: Store, out: str | Path | None) -> int:
    """Export the store as CSV files in directory ``out``; return the number of articles written.

    Args:
        store: the store to read.
        out: the directory to write into (created if missing; existing files are replaced).

    Raises:
        ValueError: ``out`` is None or "-": CSV export writes several files.
    """
    if out is None or str(out) == "-":
        raise ValueError("CSV export writes one file per record kind: give it a directory")
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    with ExitStack() as stack:
        writers = {}
        for table in (*RECORD_TABLES, failures):
            stream = stack.enter_context(
                (directory / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
            )
            writers[table.name] = csv.writer(stream)
            writers[table.name].writerow(header(table))
        columns = {table.name: _columns(table) for table in RECORD_TABLES}
        for extraction in store.extractions():
            for name, rows in extraction_rows(extraction).items():
                writers[name].writerows([_cell(row[c]) for c in columns[name]] for row in rows)
            count += 1
        failure_columns = _columns(failures)
        writers["failures"].writerows(
            [_cell(row[c]) for c in failure_columns] for row in store.failures()
        )
    for table in EXPORT_TABLES:
        if table is not failures:
            _export_table(store, table, directory / f"{table.name}.csv")
    return count


def _export_table(store: Store, table: sa.Table, path: Path) -> None:
    names = _columns(table)
    statement = sa.select(*(table.c[name] for name in names))
    with store.engine.connect() as connection, path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header(table))
        result = connection.execution_options(yield_per=STREAM_ROWS).execute(statement)
        writer.writerows([_cell(value) for value in row] for row in result)
