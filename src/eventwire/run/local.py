"""The local executor: read inputs, analyse new articles, write them with one writer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventwire.ingest import Document, read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import Extraction, Failure, content_hash
from eventwire.store import Store

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


#: Called once per input handled: the new extraction, a failure, or None for a skipped article.
Progress = Callable[[Extraction | Failure | None], None]


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    on_result: Progress | None = None,
) -> IngestReport:
    """Analyse every article under ``paths`` that ``store`` does not hold yet, and store it.

    Articles already stored (same id) are skipped before analysis, so re-running an interrupted
    or repeated ingest adds each article once. Failures are stored and the run goes on; each
    batch of ``settings.write_batch`` articles is committed together, so a crash loses at most
    the batch in flight and nothing stored before.
    """
    report = IngestReport()
    settings = pipeline.settings
    seen: set[str] = set()

    def new_items() -> Iterator[Document | Failure]:
        for item in read_inputs(paths, settings):
            if isinstance(item, Document):
                article_id = str(item.id) if item.id is not None else content_hash(item.text)
                if article_id in seen or store.has(article_id):
                    report.skipped += 1
                    if on_result:
                        on_result(None)
                    continue
                seen.add(article_id)
            yield item

    buffer: list[Extraction] = []
    for result in pipeline.process(new_items()):
        if isinstance(result, Failure):
            store.record_failure(result)
            report.failures.append(result)
        else:
            buffer.append(result)
            if len(buffer) >= settings.write_batch:
                report.added += store.add_many(buffer)
                buffer.clear()
        if on_result:
            on_result(result)
    if buffer:
        report.added += store.add_many(buffer)
    return report
