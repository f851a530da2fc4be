"""The local executor: read inputs, analyse new articles, write them with one writer.

Reading, skipping what is stored, near-duplicate detection and writing happen in the calling
process; analysis runs there too (:class:`InProcess`) or in a pool of worker processes, each
loading the model once (:class:`ProcessPool`). Results come back in input order and are
written by this one process, a batch per transaction, so an interrupted run (even ``kill -9``)
loses at most the batches in flight, and running it again stores every article exactly once.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from types import TracebackType
from typing import Protocol, Self

from eventwire.corpus.duplicates import Copy, DuplicateFinder, Signature
from eventwire.corpus.events import CorpusEventUpdater
from eventwire.corpus.kb import KnowledgeBase
from eventwire.ingest import Document, read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import Extraction, Failure, content_hash
from eventwire.settings import Settings
from eventwire.store import Store

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    skipped: int = 0
    copies: int = 0
    corpus_events: int = 0
    linked: int = 0  # articles whose actors were linked to the actor knowledge base
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


#: Called once per input handled: the new extraction, a failure, or None for an article that
#: was already stored or is a copy of one.
Progress = Callable[[Extraction | Failure | None], None]


class Analyser(Protocol):
    """Turns documents (and reader failures, passed through) into results, in input order."""

    def __call__(self, items: Iterable[Document | Failure]) -> Iterator[Extraction | Failure]: ...


class InProcess:
    """Analyse in this process with a loaded pipeline."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def __call__(self, items: Iterable[Document | Failure]) -> Iterator[Extraction | Failure]:
        return self.pipeline.process(items)


#: Documents per worker task: measured on 2 cores, 8 keeps both workers busy to the end
#: (1.95x one process) where 32 left one idle at the tail (1.8x).
TASK_SIZE = 8
#: Articles stored between two updates of the corpus events (see CorpusEventUpdater).
CORPUS_BATCH = 1000
#: Tasks in flight per worker: enough queued work to cover a slow task at the head of the line.
IN_FLIGHT = 4

# The pipeline of a worker process, loaded once by the pool's initializer: a process pool
# hands work to plain functions, so the loaded model lives in the worker's module state.
_worker_pipeline: Pipeline | None = None


def _start_worker(settings: dict[str, object]) -> None:
    global _worker_pipeline
    logging.basicConfig(level=logging.ERROR)
    _worker_pipeline = Pipeline(Settings.model_validate(settings))


def _analyse_chunk(chunk: list[Document | Failure]) -> list[Extraction | Failure]:
    if _worker_pipeline is None:
        raise RuntimeError("worker process was not initialised with a pipeline")
    return list(_worker_pipeline.process(chunk))


class ProcessPool:
    """Analyse in ``workers`` processes, each loading the model once; results stay in order.

    At most :data:`IN_FLIGHT` tasks per worker are in flight, so memory stays flat however long
    the input, and a slow task at the head (results are yielded in input order) does not leave
    the other workers idle while the writer waits for it. Tasks are small (``task_size``
    documents), so the workers finish together instead of one idling while the other ends a
    long batch, and the last ``task_size * workers`` documents go one per task. Use as a
    context manager (or call :meth:`close`) to stop the workers.

    Args:
        settings: settings for the workers' pipelines.
        workers: number of processes.
        task_size: documents per task; default the smaller of ``settings.batch_size`` and
            :data:`TASK_SIZE`.
    """

    def __init__(self, settings: Settings, workers: int, task_size: int | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.settings = settings
        self.workers = workers
        self.task_size = task_size or min(settings.batch_size, TASK_SIZE)
        # spawn, not fork: the parent may run threads (progress display, database pools).
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings.model_dump(),),
        )

    def __call__(self, items: Iterable[Document | Failure]) -> Iterator[Extraction | Failure]:
        tasks = _tasks(items, self.task_size, self.task_size * self.workers)
        in_flight: deque[Future[list[Extraction | Failure]]] = deque()
        while True:
            while len(in_flight) < IN_FLIGHT * self.workers:
                chunk = next(tasks, None)
                if chunk is None:
                    break
                in_flight.append(self._pool.submit(_analyse_chunk, chunk))
            if not in_flight:
                return
            yield from in_flight.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _tasks(
    items: Iterable[Document | Failure], size: int, tail: int
) -> Iterator[list[Document | Failure]]:
    """Split items into tasks of ``size``; the last ``tail`` items go one per task.

    Reads ``tail`` items ahead of the task it returns, so it knows where the input ends: with
    small tasks at the end, no worker is left to finish a long task while the others idle.
    """
    iterator = iter(items)
    ahead: deque[Document | Failure] = deque()
    while True:
        ahead.extend(islice(iterator, size + tail - len(ahead)))
        if not ahead:
            return
        take = size if len(ahead) >= size + tail else max(len(ahead) - tail, 1)
        yield [ahead.popleft() for _ in range(take)]


def load_duplicates(store: Store, settings: Settings) -> DuplicateFinder:
    """Return a near-duplicate index over the store's articles (looked up there, not loaded)."""
    return DuplicateFinder(settings.dedup_threshold, store=store)


def ingest(
    paths: Iterable[str],
    store: Store,
    pipeline: Pipeline,
    on_result: Progress | None = None,
    link_actors: bool = True,
) -> IngestReport:
    """Analyse every article under ``paths`` that ``store`` does not hold yet, and store it.

    Articles already stored (same id) are skipped before analysis, so re-running an interrupted
    or repeated ingest adds each article once. Near-duplicates of stored or earlier articles are
    stored as copies of them, not analysed (unless ``settings.dedup`` is off). Failures are
    stored and the run goes on; each batch of ``settings.write_batch`` articles is committed
    together, so a crash loses at most the batch in flight and nothing stored before.

    With ``link_actors`` (the default), each stored batch's actors are then linked to the actor
    knowledge base (:class:`~eventwire.corpus.kb.KnowledgeBase`) by this same writer; articles
    stored but not linked yet (a run stopped between the two) are linked first. Each stored
    batch's events are then grouped into corpus events
    (:class:`~eventwire.corpus.events.CorpusEventUpdater`), incrementally.
    """
    settings = pipeline.settings
    return ingest_documents(
        read_inputs(paths, settings),
        store,
        settings,
        InProcess(pipeline),
        on_result,
        link_actors=link_actors,
    )


def ingest_documents(
    items: Iterable[Document | Failure],
    store: Store,
    settings: Settings,
    analyse: Analyser,
    on_result: Progress | None = None,
    duplicates: DuplicateFinder | None = None,
    link_actors: bool = True,
) -> IngestReport:
    """Store what ``analyse`` makes of the new documents among ``items``; see :func:`ingest`.

    Args:
        items: documents and reader failures, in input order.
        store: where results go; this process is its only writer.
        settings: ``write_batch``, ``dedup`` and ``dedup_threshold``.
        analyse: the analyser (in this process, or a pool of workers).
        on_result: progress callback, once per item.
        duplicates: the near-duplicate index to use and extend (a poller keeps one across
            rounds); by default one is loaded from the store's signatures.
        link_actors: link each stored batch's actors to the actor knowledge base.
    """
    report = IngestReport()
    kb = KnowledgeBase(store) if link_actors else None
    if kb is not None:
        report.linked += kb.link_pending()
    finder: DuplicateFinder | None = None
    if settings.dedup:
        finder = duplicates if duplicates is not None else load_duplicates(store, settings)
    writer = _Writer(store, settings, report, finder, kb)

    def new_items() -> Iterator[Document | Failure]:
        for chunk in _chunks(items, max(settings.batch_size, 1)):
            ids = [_article_id(item) for item in chunk if isinstance(item, Document)]
            stored = store.known(ids)
            for item in chunk:
                if isinstance(item, Document):
                    article_id = _article_id(item)
                    if article_id in writer.seen or article_id in stored:
                        # The same text again: from another URL, it is one more source of it.
                        if item.url and finder is not None:
                            writer.copies.append(_copy(item, article_id, article_id, 1.0))
                        report.skipped += 1
                        if on_result:
                            on_result(None)
                        continue
                    writer.seen.add(article_id)
                    if finder is not None and _is_copy(item, article_id, finder, writer):
                        report.copies += 1
                        if on_result:
                            on_result(None)
                        continue
                yield item

    for result in analyse(new_items()):
        writer.take(result)
        if on_result:
            on_result(result)
    writer.flush(final=True)
    if finder is not None:
        # Indexed but never stored (analysis failed): a later copy must not point at them.
        for article_id in writer.signatures:
            finder.remove(article_id)
    # The last articles' events, and those of a run that stopped before grouping them.
    report.corpus_events += writer.corpus.update()
    return report


def _article_id(document: Document) -> str:
    return str(document.id) if document.id is not None else content_hash(document.text)


def _chunks(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _is_copy(document: Document, article_id: str, finder: DuplicateFinder, writer: _Writer) -> bool:
    signature = finder.signature(document.text)
    found = finder.original(signature)
    if found is None:
        finder.add(article_id, signature)
        writer.signatures[article_id] = finder.stored_form(signature)
        return False
    original, similarity = found
    logger.info("%s is a copy of %s (similarity %.2f)", document.origin, original, similarity)
    writer.copies.append(_copy(document, article_id, original, similarity))
    return True


def _copy(document: Document, article_id: str, original: str, similarity: float) -> Copy:
    return Copy(
        id=article_id,
        of=original,
        hash=content_hash(document.text),
        similarity=round(similarity, 4),
        title=document.title,
        url=document.url,
        source=document.source,
        published=document.published,
    )


class _Writer:
    """The one writer: batches extractions, then the copies whose originals are stored."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        report: IngestReport,
        finder: DuplicateFinder | None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        self.kb = kb
        self.corpus = CorpusEventUpdater(store)
        self._ungrouped = 0
        self.store = store
        self.settings = settings
        self.report = report
        self.finder = finder
        self.seen: set[str] = set()
        self.signatures: dict[str, Signature] = {}
        self.copies: list[Copy] = []
        self._buffer: list[Extraction] = []

    def take(self, result: Extraction | Failure) -> None:
        if isinstance(result, Failure):
            self.store.record_failure(result)
            self.report.failures.append(result)
            return
        self._buffer.append(result)
        if len(self._buffer) >= self.settings.write_batch:
            self.flush()

    def flush(self, *, final: bool = False) -> None:
        if self._buffer:
            ids = [x.article.id for x in self._buffer]
            signatures = {a: self.signatures.pop(a) for a in ids if a in self.signatures}
            self.report.added += self.store.add_many(
                self._buffer, batch=len(self._buffer), signatures=signatures
            )
            if self.finder is not None:
                # Stored with their bands: the store answers for them from now on.
                self.finder.forget(ids)
            if self.kb is not None:
                # Linked from the records in hand: nothing is read back from the store.
                self.report.linked += self.kb.link(self._buffer)
            # Their events are grouped every CORPUS_BATCH articles (and at the end), from
            # the reports kept in hand: a dense day is not re-read for every write batch.
            self.corpus.hold(self._buffer)
            self._ungrouped += len(self._buffer)
            if self._ungrouped >= CORPUS_BATCH:
                self.report.corpus_events += self.corpus.update()
                self._ungrouped = 0
            self._buffer = []
        if self.copies and (final or len(self.copies) >= self.settings.write_batch):
            self.copies = self.store.add_copies(self.copies)
        if final and self.copies:
            # A near-duplicate whose original failed analysis is not stored: a later run reads
            # it again as an article in its own right. (The same text read again under an id
            # that is itself a stored copy has nothing to add.)
            for copy in self.copies:
                if copy.id != copy.of:
                    self.report.copies -= 1
                    logger.warning(
                        "copy %s not stored: its original %s was not stored", copy.id, copy.of
                    )
            self.copies.clear()
