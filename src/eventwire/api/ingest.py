"""Ingest over HTTP: analyse posted articles with the pipeline and store them.

Off unless the server is started with ingest on and a token; the pipeline (the spaCy model) is
loaded on the first request, and requests are handled one at a time (one writer).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.errors import StoreError
from eventwire.ingest import Document
from eventwire.records import Extraction, Failure, content_hash
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestOutcome:
    """What one request did: article ids added and skipped, and the failures."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)


class HttpIngest:
    """Analyse and store posted documents, one request at a time.

    Args:
        store: where to store the extractions.
        settings: pipeline settings (model, limits); default from ``EVENTWIRE_*``.
    """

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def _load(self) -> Pipeline:
        if self._pipeline is None:
            from eventwire.pipeline import Pipeline

            logger.info("loading the pipeline for ingest over HTTP")
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def __call__(self, documents: list[Document]) -> IngestOutcome:
        """Analyse the documents not stored yet and store them.

        Raises:
            EventwireError: the pipeline cannot be loaded or the store cannot be written.
        """
        outcome = IngestOutcome()
        with self._lock:
            fresh: list[Document] = []
            seen: set[str] = set()
            for document in documents:
                article_id = document.id or content_hash(document.text)
                if article_id in seen or self.store.has(article_id):
                    outcome.skipped.append(article_id)
                    continue
                seen.add(article_id)
                fresh.append(document)
            if not fresh:
                return outcome
            pipeline = self._load()
            extractions: list[Extraction] = []
            for result in pipeline.process(fresh):
                if isinstance(result, Failure):
                    self.store.record_failure(result)
                    outcome.failed.append(result)
                else:
                    extractions.append(result)
            for extraction in extractions:
                try:
                    added = self.store.add(extraction)
                except StoreError as error:
                    failure = Failure(extraction.article.id, str(error), stage="store")
                    logger.warning("%s", error)
                    outcome.failed.append(failure)
                    continue
                (outcome.added if added else outcome.skipped).append(extraction.article.id)
        return outcome
