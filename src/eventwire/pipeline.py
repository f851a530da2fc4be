"""The pipeline: from an article's text to an :class:`~eventwire.records.Extraction`.

``Pipeline()`` loads the spaCy model and eventwire's components once. ``extract`` handles one
text; ``extract_many`` streams many with ``nlp.pipe`` batching; ``process`` is the batch form the
CLI uses, which passes reader failures through and turns a bad document into a
:class:`~eventwire.records.Failure` instead of stopping the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import InputError
from eventwire.ingest import Document
from eventwire.ingest.cleaning import clean, mask
from eventwire.nlp.model import build_nlp
from eventwire.records import Article, Extraction, Failure, content_hash
from eventwire.settings import Settings

logger = logging.getLogger(__name__)


def normalize_published(value: str | None, origin: str = "input") -> str | None:
    """Return ``value`` as an ISO 8601 date or date-time, or None if missing or unreadable."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        logger.warning("%s: published date %r is not ISO 8601; left out", origin, text)
        return None


class Pipeline:
    """Load once, then extract actors (and later quotes, events, places) from articles.

    Args:
        settings: typed settings; defaults read ``EVENTWIRE_*`` environment variables.
        nlp: an already loaded spaCy pipeline to use instead of loading one.
    """

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings if settings is not None else Settings()
        config: dict[str, dict[str, Any]] = {
            "eventwire_actors": {"actors": list(self.settings.actors)},
            "eventwire_places": {
                "cache_dir": str(self.settings.cache_dir),
                "gazetteer": str(self.settings.gazetteer) if self.settings.gazetteer else None,
            },
        }
        self.nlp = build_nlp(
            self.settings.spacy_model,
            nlp,
            config,
            fast_attribute_ruler=self.settings.fast_attribute_ruler,
        )

    def extract(
        self,
        text: str,
        *,
        published: str | None = None,
        title: str | None = None,
        url: str | None = None,
        id: str | None = None,
        source: str | None = None,
    ) -> Extraction:
        """Extract everything from one article text.

        Raises:
            InputError: the text is empty or longer than ``settings.max_chars``.
        """
        document = Document(
            text=text,
            origin=id or "text",
            id=id,
            title=title,
            url=url,
            published=published,
            source=source,
        )
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document | str]) -> Iterator[Extraction]:
        """Extract from many articles, in input order, batching through ``nlp.pipe``.

        Raises:
            InputError: on the first document that cannot be analysed.
        """
        for result in self.process(documents):
            if isinstance(result, Failure):
                raise InputError(result.input, result.reason)
            yield result

    def process(self, items: Iterable[Document | str | Failure]) -> Iterator[Extraction | Failure]:
        """Like ``extract_many``, but a bad item becomes a ``Failure`` and the batch goes on.

        Reader failures in ``items`` are passed through in place, so output order is input order.
        """
        iterator = iter(items)
        while chunk := list(islice(iterator, self.settings.batch_size)):
            prepared: list[tuple[Article, str] | Failure] = []
            for item in chunk:
                if isinstance(item, Failure):
                    prepared.append(item)
                    continue
                document = (
                    item if isinstance(item, Document) else Document(text=item, origin="text")
                )
                try:
                    prepared.append(self._prepare(document))
                except InputError as error:
                    logger.warning("%s", error)
                    prepared.append(Failure(error.input_name, error.reason, stage="extract"))
            unparsed = [self._make_doc(*p) for p in prepared if not isinstance(p, Failure)]
            # consume the generator fully before pairing docs with articles
            docs = iter(list(self.nlp.pipe(unparsed, batch_size=self.settings.batch_size)))
            for entry in prepared:
                if isinstance(entry, Failure):
                    yield entry
                else:
                    yield self._extraction(entry[0], next(docs))

    def _prepare(self, document: Document) -> tuple[Article, str]:
        text = document.text
        if not text.strip():
            raise InputError(document.origin, "empty input")
        if len(text) > self.settings.max_chars:
            raise InputError(
                document.origin,
                f"too large: {len(text)} characters (limit {self.settings.max_chars}; "
                "raise EVENTWIRE_MAX_CHARS)",
            )
        digest = content_hash(text)
        cleaning = clean(text)
        article = Article(
            id=str(document.id) if document.id is not None else digest,
            hash=digest,
            text=text,
            title=document.title,
            url=document.url,
            source=document.source,
            published=normalize_published(document.published, document.origin),
            credits=cleaning.credits,
            removed=cleaning.removed,
        )
        return article, mask(text, cleaning.removed)

    def _make_doc(self, article: Article, masked: str) -> Doc:
        # Components read the publication date (to resolve "yesterday") from the Doc.
        doc = self.nlp.make_doc(masked)
        doc._.published = article.published
        return doc

    @staticmethod
    def _extraction(article: Article, doc: Doc) -> Extraction:
        # Masked spans are blanked, not deleted, so doc offsets are article offsets; span
        # texts are taken from the doc, which equals the article text outside removed spans.
        # Each component leaves its records on the Doc under the name of its Extraction field.
        def found(name: str) -> list[Any]:
            return list((doc._.get(name) if Doc.has_extension(name) else None) or [])

        return Extraction(
            article=article,
            actors=found("actors"),
            quotes=found("quotes"),
            events=found("events"),
            places=found("places"),
            dates=found("dates"),
        )
