"""Parquet export (pyarrow), for DuckDB, pandas, Polars and Spark.

``eventwire export --format parquet -o DIR`` writes one file per table: ``articles.parquet``,
``actors.parquet``, ``mentions.parquet``, ``quotes.parquet``, ``events.parquet``,
``places.parquet``, ``failures.parquet``, the corpus tables ``article_copies.parquet``,
``corpus_events.parquet``, ``corpus_event_reports.parquet``, and the actor knowledge base
``kb_actors.parquet``, ``kb_aliases.parquet``, ``kb_roles.parquet``,
``kb_affiliations.parquet``, ``kb_links.parquet`` (``kb_links`` joins an article's actor,
``article_id`` and ``actor_id``, to its knowledge-base actor ``kb_id``). Columns are the
database columns (see ``eventwire.store.schema``) less store bookkeeping (``seq``, ``record``,
``ingested_at`` of articles, generated row ids); every article row keeps ``article_id`` (the
articles table names it so too). List and object
fields are JSON text (DuckDB: ``json_extract``; pandas: ``json.loads``). Files are written a row
group at a time, so memory stays flat however large the store.

    duckdb -c "SELECT type, count(*) FROM 'out/events.parquet' GROUP BY type"
    duckdb -c "SELECT k.name, count(*) FROM 'out/actors.parquet' a
               JOIN 'out/kb_links.parquet' l ON l.article_id = a.article_id AND l.actor_id = a.id
               JOIN 'out/kb_actors.parquet' k ON k.id = l.kb_id GROUP BY k.name"
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from eventwire.export import register_exporter
from eventwire.store.schema import EXPORT_TABLES, RECORD_TABLES, extraction_rows

if TYPE_CHECKING:
    from eventwire.store import Store

#: Rows per Parquet row group.
ROW_GROUP = 2_000

#: Store bookkeeping left out, by table.
_LEFT_OUT = {"articles": {"seq", "record", "ingested_at"}, "mentions": {"id"}, "failures": {"id"}}
_RENAMED = {"articles": {"id": "article_id"}}


def _arrow_type(column: sa.Column[Any]) -> pa.DataType:
    kind = column.type
    if isinstance(kind, sa.JSON):
        return pa.string()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    if isinstance(kind, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(kind, sa.LargeBinary):
        return pa.binary()
    return pa.string()


def columns(table: sa.Table) -> list[sa.Column[Any]]:
    """The columns of ``table`` that are exported."""
    left_out = _LEFT_OUT.get(table.name, set())
    return [c for c in table.columns if c.name not in left_out]


def arrow_schema(table: sa.Table) -> pa.Schema:
    """The Parquet schema written for ``table``."""
    renamed = _RENAMED.get(table.name, {})
    return pa.schema(
        [pa.field(renamed.get(c.name, c.name), _arrow_type(c)) for c in columns(table)]
    )


def _value(value: Any, column: sa.Column[Any]) -> Any:
    if isinstance(column.type, sa.JSON):
        return None if value is None else json.dumps(value, ensure_ascii=False)
    return value


def arrow_batch(table: sa.Table, rows: list[dict[str, Any]]) -> pa.RecordBatch:
    """Turn rows of ``table`` (database column names) into an Arrow record batch."""
    schema = arrow_schema(table)
    data = [[_value(row.get(c.name), c) for row in rows] for c in columns(table)]
    return pa.RecordBatch.from_arrays(
        [pa.array(values, type=field.type) for values, field in zip(data, schema, strict=True)],
        schema=schema,
    )


def _grouped(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= ROW_GROUP:
            yield batch
            batch = []
    if batch:
        yield batch


@register_exporter("parquet")
def export_parquet(store: Store, out: str | Path | None) -> int:
    """Export the store as Parquet files in directory ``out``; return the number of articles.

    Args:
        store: the store to read.
        out: the directory to write into (created if missing; existing files are replaced).

    Raises:
        ValueError: ``out`` is None or "-": Parquet export writes several files.
    """
    if out is None or str(out) == "-":
        raise ValueError("Parquet export writes one file per table: give it a directory")
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    with ExitStack() as stack:
        writers = {
            table.name: stack.enter_context(
                pq.ParquetWriter(directory / f"{table.name}.parquet", arrow_schema(table))
            )
            for table in RECORD_TABLES
        }
        pending: dict[str, list[dict[str, Any]]] = {t.name: [] for t in RECORD_TABLES}
        by_name = {t.name: t for t in RECORD_TABLES}
        for extraction in store.extractions():
            for name, rows in extraction_rows(extraction).items():
                pending[name].extend(rows)
                if len(pending[name]) >= ROW_GROUP:
                    writers[name].write_batch(arrow_batch(by_name[name], pending[name]))
                    pending[name].clear()
            count += 1
        for name, rows in pending.items():
            if rows:
                writers[name].write_batch(arrow_batch(by_name[name], rows))
    for table in EXPORT_TABLES:
        _export_table(store, table, directory / f"{table.name}.parquet")
    return count


def _export_table(store: Store, table: sa.Table, path: Path) -> None:
    statement = sa.select(*columns(table))
    with (
        store.engine.connect() as connection,
        pq.ParquetWriter(path, arrow_schema(table)) as writer,
    ):
        result = connection.execution_options(yield_per=ROW_GROUP).execute(statement).mappings()
        for rows in _grouped(dict(row) for row in result):
            writer.write_batch(arrow_batch(table, rows))
