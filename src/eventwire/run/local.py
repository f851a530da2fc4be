"""The local executor: read inputs, analyse new articles, write them with one writer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventwire.corpus.kb import KnowledgeBase
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
    linked: int = 0  # articles whose actors were linked to the actor knowledge base
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
    link_actors: bool = True,
) -> IngestReport:
    """Analyse every article under ``paths`` that ``store`` does not hold yet, and store it.

    Articles already stored (same id) are skipped before analysis, so re-running an interrupted
    or repeated ingest adds each article once. Failures are stored and the run goes on; each
    batch of ``settings.write_batch`` articles is committed together, so a crash loses at most
    the batch in flight and nothing stored before.

    With ``link_actors`` (the default), each stored batch's actors are then linked to the actor
    knowledge base (:class:`~eventwire.corpus.kb.KnowledgeBase`) by this same writer; articles
    stored but not linked yet (a run stopped between the two) are linked first.
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

    kb = KnowledgeBase(store) if link_actors else None
    if kb is not None:
        report.linked += kb.link_pending()

    def flush() -> None:
        report.added += store.add_many(buffer)
        buffer.clear()
        if kb is not None:
            report.linked += kb.link_pending()

    buffer: list[Extraction] = []
    for result in pipeline.process(new_items()):
        if isinstance(result, Failure):
            store.record_failure(result)
            report.failures.append(result)
        else:
            buffer.append(result)
            if len(buffer) >= settings.write_batch:
                flush()
        if on_result:
            on_result(result)
    if buffer:
        flush()
    return report
