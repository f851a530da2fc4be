"""The Ray Data executor (``pip install 'eventwire[ray]'``): the same stages, on a cluster.

The input is split into shards (one per file or URL; directories are expanded), and streams
through three stages:

1. :class:`ReadShard` (tasks): the registered readers turn a shard into documents, each with its
   MinHash signature;
2. :class:`Gate` (one actor): drops articles the database already holds and turns near-duplicates
   into copies, against one index of every article seen, so the decision is global;
3. :class:`Analyse` (an actor pool, one model load per actor): :class:`~eventwire.pipeline.Pipeline`
   as everywhere else.

The driver is the one writer: it stores results in the database (the same ``Store`` and
schema) and/or appends them to a Parquet dataset partitioned by publication date
(``published_date=YYYY-MM-DD/``, ``unknown`` when there is none).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.corpus.duplicates import (
    Copy,
    DuplicateFinder,
    Signature,
    signature_bytes,
    signature_from_bytes,
)
from eventwire.corpus.events import update_corpus_events
from eventwire.ingest import Document, read_inputs
from eventwire.ingest.readers import STDIN, reader_for
from eventwire.records import Extraction, Failure, content_hash
from eventwire.run.local import IngestReport, Progress
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.store import Store

logger = logging.getLogger(__name__)

#: CPUs reserved by the reading and gate actors: light work, so analysis keeps the cores.
LIGHT_CPUS = 0.25

#: Articles the gate holds in memory before it drops those the driver has stored.
GATE_HOLD = 1_000

#: Value of the partition column for articles with no publication date.
UNKNOWN_DATE = "unknown"

# Row kinds flowing between stages.
DOC, COPY, FAILURE, SKIPPED, RESULT = "doc", "copy", "failure", "skipped", "result"
_DOC_FIELDS = ("origin", "id", "title", "url", "published", "source")


class RayNotInstalledError(ImportError):
    """Ray is not installed: ``pip install 'eventwire[ray]'``."""


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise RayNotInstalledError(
            f"the Ray executor needs Ray: pip install 'eventwire[ray]' ({error})"
        ) from error
    return ray


def input_shards(paths: Iterable[str]) -> list[str]:
    """Return the shards of an input: every readable file under the paths, and each URL.

    Standard input cannot be sharded and is refused.

    Raises:
        ValueError: ``"-"`` is among the paths.
    """
    shards: list[str] = []
    for name in paths:
        if name == STDIN:
            raise ValueError("the Ray executor reads files and URLs, not standard input")
        path = Path(name)
        if "://" in name or not path.is_dir():
            shards.append(name)
            continue
        for file in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
            if file.is_file() and not hidden and reader_for(file) is not None:
                shards.append(str(file))
    return shards


def _row(kind: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": kind, "text": None, "minhash": None, "record": None}
    row.update({name: None for name in (*_DOC_FIELDS, "reason", "of", "similarity", "hash")})
    row.update(values)
    return row


class ReadShard:
    """Stage 1: read one shard into document rows (with signatures) and failure rows."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = Settings.model_validate(settings)
        self.finder = DuplicateFinder(self.settings.dedup_threshold)

    def __call__(self, batch: Any) -> Any:
        return _table(
            row for shard in batch.column("path").to_pylist() for row in self.read(str(shard))
        )

    def read(self, shard: str) -> list[dict[str, Any]]:
        rows = []
        for item in read_inputs([shard], self.settings):
            if isinstance(item, Failure):
                rows.append(_row(FAILURE, origin=item.input, reason=item.reason))
                continue
            signature = self.finder.signature(item.text) if self.settings.dedup else None
            rows.append(
                _row(
                    DOC,
                    text=item.text,
                    minhash=signature_bytes(signature) if signature is not None else None,
                    **{name: getattr(item, name) for name in _DOC_FIELDS},
                )
            )
        return rows


class Gate:
    """Stage 2 (one actor): skip stored articles, turn near-duplicates into copy rows."""

    def __init__(self, settings: dict[str, Any], db: str | None) -> None:
        from eventwire.store import Store

        self.settings = Settings.model_validate(settings)
        self.store = Store(db) if db else None
        self.finder = DuplicateFinder(self.settings.dedup_threshold, store=self.store)
        self.seen: set[str] = set()

    def __call__(self, batch: Any) -> Any:
        rows = batch.to_pylist()
        ids = [_doc_id(row) for row in rows if row["kind"] == DOC]
        stored = self.store.known(ids) if self.store is not None else set()
        if self.store is not None and len(self.finder) >= GATE_HOLD:
            # The driver has written these since: the store answers for them now.
            self.finder.forget(self.store.known(self.finder.held()))
        out = []
        for row in rows:
            if row["kind"] == DOC:
                article_id = _doc_id(row)
                if article_id in stored or article_id in self.seen:
                    # The same text again: from another URL, it is one more source of it.
                    same = row["url"] is not None and self.settings.dedup
                    row = self._copy(row, article_id, 1.0) if same else _row(SKIPPED, id=article_id)
                else:
                    self.seen.add(article_id)
                    row = self._check(row, article_id)
            out.append(row)
        return _table(out)

    def _check(self, row: dict[str, Any], article_id: str) -> dict[str, Any]:
        if row["minhash"] is None:
            return row
        signature = signature_from_bytes(row["minhash"])
        found = self.finder.original(signature)
        if found is None:
            self.finder.add(article_id, signature)
            return row
        return self._copy(row, found[0], found[1], article_id)

    @staticmethod
    def _copy(
        row: dict[str, Any], original: str, similarity: float, article_id: str | None = None
    ) -> dict[str, Any]:
        return _row(
            COPY,
            id=article_id or original,
            of=original,
            similarity=round(similarity, 4),
            hash=content_hash(row["text"]),
            **{name: row[name] for name in _DOC_FIELDS if name != "id"},
        )


class Analyse:
    """Stage 3 (an actor pool): analyse document rows with a Pipeline loaded once per actor."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from eventwire.pipeline import Pipeline

        self.pipeline = Pipeline(Settings.model_validate(settings))

    def __call__(self, batch: Any) -> Any:
        rows = batch.to_pylist()
        documents = [
            Document(text=row["text"], **{name: row[name] for name in _DOC_FIELDS})
            for row in rows
            if row["kind"] == DOC
        ]
        results = iter(list(self.pipeline.process(documents)))
        out = []
        for row in rows:
            if row["kind"] != DOC:
                out.append(row)
                continue
            result = next(results)
            if isinstance(result, Failure):
                out.append(_row(FAILURE, origin=result.input, reason=result.reason))
            else:
                record = json.dumps(result.to_dict(), ensure_ascii=False)
                out.append(
                    _row(
                        RESULT,
                        id=result.article.id,
                        record=record,
                        minhash=row["minhash"],
                        published=result.article.published,
                    )
                )
        return _table(out)


def _doc_id(row: dict[str, Any]) -> str:
    return str(row["id"]) if row["id"] is not None else content_hash(row["text"])


def _row_schema() -> Any:
    import pyarrow as pa

    text = ("kind", "text", "record", "origin", "id", "title", "url", "published", "source")
    return pa.schema(
        [(name, pa.string()) for name in text]
        + [("reason", pa.string()), ("of", pa.string()), ("hash", pa.string())]
        + [("minhash", pa.binary()), ("similarity", pa.float64())]
    )


def _table(rows: Iterable[dict[str, Any]]) -> Any:
    """Rows between stages as an Arrow table with one fixed schema (no type guessing)."""
    import pyarrow as pa

    schema = _row_schema()
    return pa.Table.from_pylist(
        [{name: row.get(name) for name in schema.names} for row in rows], schema=schema
    )


def published_date(published: str | None) -> str:
    """The Parquet partition of an article: its publication date, or ``"unknown"``."""
    return published[:10] if published and len(published) >= 10 else UNKNOWN_DATE


def ingest_ray(
    paths: Iterable[str],
    settings: Settings,
    *,
    store: Store | None = None,
    parquet: str | Path | None = None,
    address: str = "local",
    workers: int | None = None,
    on_result: Progress | None = None,
) -> IngestReport:
    """Ingest with Ray Data: read shards, skip and de-duplicate, analyse, write.

    Args:
        paths: files, directories and URLs (not standard input).
        settings: the same settings as the local executor.
        store: the database to write (and to skip what it holds); None to write Parquet only.
        parquet: a directory for a Parquet dataset partitioned by ``published_date``.
        address: ``"local"`` starts a Ray instance in this process, ``"auto"`` joins the
            running cluster, anything else is a cluster address; an already initialised Ray
            is used as it is.
        workers: analysis actors (default: the CPUs Ray reports, at least 1).
        on_result: progress callback, once per input article.

    Raises:
        RayNotInstalledError: Ray is not installed.
        ValueError: neither ``store`` nor ``parquet`` is given, or the input is stdin.
    """
    if store is None and parquet is None:
        raise ValueError("give a database, a Parquet directory, or both")
    ray = _ray()
    if not ray.is_initialized():
        ray.init(
            address=None if address == "local" else address,
            include_dashboard=False,
            log_to_driver=False,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    shards = input_shards(paths)
    report = IngestReport()
    if not shards:
        return report
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1) - 2 * LIGHT_CPUS))
    config = settings.model_dump()
    db = store.db if store is not None else None
    dataset = (
        ray.data.from_items([{"path": shard} for shard in shards], override_num_blocks=len(shards))
        .map_batches(
            ReadShard,
            fn_constructor_kwargs={"settings": config},
            batch_size=1,
            batch_format="pyarrow",
            compute=_pool(ray, 1),
            num_cpus=LIGHT_CPUS,
        )
        .map_batches(
            Gate,
            fn_constructor_kwargs={"settings": config, "db": db},
            batch_size=settings.batch_size,
            batch_format="pyarrow",
            compute=_pool(ray, 1),
            num_cpus=LIGHT_CPUS,
        )
        .map_batches(
            Analyse,
            fn_constructor_kwargs={"settings": config},
            batch_size=settings.batch_size,
            batch_format="pyarrow",
            compute=_pool(ray, size),
            num_cpus=1,
        )
    )
    writer = _DriverWriter(store, Path(parquet) if parquet is not None else None, settings)
    for batch in dataset.iter_batches(batch_size=settings.write_batch, batch_format="pyarrow"):
        for row in batch.to_pylist():
            writer.take(row, report, on_result)
    writer.close(report)
    if store is not None:
        report.corpus_events = update_corpus_events(store)
    return report


def _pool(ray: Any, size: int) -> Any:
    return ray.data.ActorPoolStrategy(size=size)


class _DriverWriter:
    """The one writer on the driver: database batches and Parquet partitions."""

    def __init__(self, store: Store | None, parquet: Path | None, settings: Settings) -> None:
        self.store = store
        self.parquet = parquet
        self.settings = settings
        self.extractions: list[Extraction] = []
        self.signatures: dict[str, Signature] = {}
        self.banding = DuplicateFinder(settings.dedup_threshold)
        self.copies: list[Copy] = []
        self.parquet_rows: list[dict[str, Any]] = []

    def take(self, row: dict[str, Any], report: IngestReport, on_result: Progress | None) -> None:
        kind = row["kind"]
        result: Extraction | Failure | None = None
        if kind == SKIPPED:
            report.skipped += 1
        elif kind == COPY:
            if row["id"] == row["of"]:
                report.skipped += 1  # an article read again, perhaps from another URL
            else:
                report.copies += 1
            self.copies.append(
                Copy(
                    id=row["id"],
                    of=row["of"],
                    hash=row["hash"],
                    similarity=float(row["similarity"]),
                    title=row["title"],
                    url=row["url"],
                    source=row["source"],
                    published=row["published"],
                )
            )
        elif kind == FAILURE:
            result = Failure(row["origin"], row["reason"])
            report.failures.append(result)
            if self.store is not None:
                self.store.record_failure(result)
        elif kind == RESULT:
            result = Extraction.from_dict(json.loads(row["record"]))
            self.extractions.append(result)
            if row["minhash"] is not None:
                values = signature_from_bytes(bytes(row["minhash"]))
                self.signatures[result.article.id] = self.banding.stored_form(values)
            self.parquet_rows.append(_parquet_row(result, row["record"]))
            if len(self.extractions) >= self.settings.write_batch:
                self.flush(report)
        if on_result:
            on_result(result)

    def flush(self, report: IngestReport) -> None:
        if self.store is not None and self.extractions:
            report.added += self.store.add_many(
                self.extractions, batch=len(self.extractions), signatures=self.signatures
            )
            self.copies = self.store.add_copies(self.copies)
        elif self.store is None:
            report.added += len(self.extractions)
        if self.parquet is not None and self.parquet_rows:
            _write_partitions(self.parquet, self.parquet_rows)
        self.extractions.clear()
        self.signatures.clear()
        self.parquet_rows.clear()

    def close(self, report: IngestReport) -> None:
        self.flush(report)
        if self.store is not None and self.copies:
            self.copies = self.store.add_copies(self.copies)
            report.copies -= sum(1 for copy in self.copies if copy.id != copy.of)


def _parquet_row(extraction: Extraction, record: str) -> dict[str, Any]:
    article = extraction.article
    return {
        "article_id": article.id,
        "hash": article.hash,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "actors": len(extraction.actors),
        "quotes": len(extraction.quotes),
        "events": len(extraction.events),
        "places": len(extraction.places),
        "record": record,
        "published_date": published_date(article.published),
    }


def _write_partitions(root: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)
    pq.write_to_dataset(table, root_path=str(root), partition_cols=["published_date"])


def _parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("article_id", pa.string()),
            ("hash", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("published", pa.string()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("actors", pa.int64()),
            ("quotes", pa.int64()),
            ("events", pa.int64()),
            ("places", pa.int64()),
            # The whole Extraction.to_dict() as JSON: what `eventwire extract` prints.
            ("record", pa.string()),
            ("published_date", pa.string()),
        ]
    )


#: Columns of the Parquet dataset the Ray executor writes.
PARQUET_SCHEMA = _parquet_schema()


def read_parquet_records(root: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the ``Extraction.to_dict()`` records of a Parquet dataset written by ``ingest_ray``."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(root), format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=["record"]):
        for record in batch.column(0).to_pylist():
            yield json.loads(record)


__all__ = [
    "PARQUET_SCHEMA",
    "UNKNOWN_DATE",
    "Analyse",
    "Gate",
    "RayNotInstalledError",
    "ReadShard",
    "ingest_ray",
    "input_shards",
    "published_date",
    "read_parquet_records",
]
