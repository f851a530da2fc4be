"""Full-text search over articles: SQLite FTS5 or PostgreSQL ``to_tsvector``, else LIKE.

SQLite: an external-content FTS5 table ``articles_fts`` over ``articles`` (title and text, keyed
by ``seq``). It is created on first use, so a database ingested before this module existed is
indexed too, and refreshed whenever articles were added since the last refresh (the store only
ever inserts articles, so new rows are exactly those with a higher ``seq``). PostgreSQL: a GIN
expression index on ``to_tsvector('english', title || ' ' || text)`` and
``websearch_to_tsquery``. A database where neither can be used (FTS5 missing, a read-only file)
is searched with case-insensitive LIKE, which is slower but finds the same words.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Engine

from eventwire.store.schema import articles

logger = logging.getLogger(__name__)

#: Query words: a quoted phrase, or a word with an optional trailing ``*`` (prefix search).
_TERM = re.compile(r'"([^"]+)"|([\w][\w\'’.-]*\*?)')
_WORD = re.compile(r"\w+")

#: The text PostgreSQL indexes; the expression index and the query must spell it the same way.
_PG_DOCUMENT = "coalesce(title, '') || ' ' || text"

#: Characters of context on each side of the first match in a snippet.
SNIPPET_CONTEXT = 110


@dataclass(slots=True, frozen=True)
class Term:
    """One query term: words to find in a row (a phrase when several), maybe as a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[Term]:
    """Split a user's search text into terms; every term must match (AND).

    Quoted text is a phrase; a trailing ``*`` asks for a prefix. Anything else (operators,
    brackets, stray punctuation) is ignored, so no input can break the database query.

    >>> parse_query('"peace talks" Madur* ELN')
    [Term(words=('peace', 'talks'), prefix=False), Term(words=('Madur',), prefix=True), \
Term(words=('ELN',), prefix=False)]
    """
    terms: list[Term] = []
    for phrase, word in _TERM.findall(query):
        if phrase:
            words = tuple(_WORD.findall(phrase))
            if words:
                terms.append(Term(words))
            continue
        prefix = word.endswith("*")
        words = tuple(_WORD.findall(word.rstrip("*")))
        if words:
            terms.append(Term(words, prefix=prefix and len(words) == 1))
    return terms


def _fts5_query(terms: list[Term]) -> str:
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " ".join(parts)


def _term_pattern(term: Term) -> str:
    body = r"\W+".join(re.escape(w) for w in term.words)
    return rf"\b{body}\w*" if term.prefix else rf"\b{body}\b"


def snippet(text: str, terms: list[Term], context: int = SNIPPET_CONTEXT) -> list[tuple[str, bool]]:
    """Return a short excerpt of ``text`` around the first match, as (text, is_match) segments.

    Segments are plain text (not markup): whoever shows them escapes them.

    Args:
        text: the article text.
        terms: the parsed query (see :func:`parse_query`).
        context: characters kept on each side of the first match.
    """
    pattern = (
        re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE) if terms else None
    )
    first = pattern.search(text) if pattern else None
    if first is None:
        start, end = 0, min(len(text), 2 * context)
    else:
        start = max(0, first.start() - context)
        end = min(len(text), first.end() + context)
    # snap to word boundaries so the excerpt does not start or end inside a word
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else end) else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > (first.end() if first else start) else end
    excerpt = " ".join(text[start:end].split())
    segments: list[tuple[str, bool]] = []
    if start > 0:
        segments.append(("… ", False))
    position = 0
    if pattern is not None:
        for match in pattern.finditer(excerpt):
            if match.start() > position:
                segments.append((excerpt[position : match.start()], False))
            segments.append((match.group(0), True))
            position = match.end()
    if position < len(excerpt):
        segments.append((excerpt[position:], False))
    if end < len(text):
        segments.append((" …", False))
    return segments


class SearchIndex:
    """Full-text matching of articles for one database.

    Args:
        engine: the store's engine (``Store.engine``).
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._lock = threading.Lock()
        self._indexed_seq: int | None = None
        self._usable: bool | None = None

    @property
    def method(self) -> str:
        """How searches run: ``fts5``, ``tsvector`` or ``like``."""
        self.ensure()
        if not self._usable:
            return "like"
        return "fts5" if self.dialect == "sqlite" else "tsvector"

    def ensure(self) -> bool:
        """Create the index if missing and bring it up to date; return whether it can be used."""
        with self._lock:
            if self._usable is False:
                return False
            try:
                if self.dialect == "sqlite":
                    self._refresh_sqlite()
                elif self.dialect == "postgresql" and self._usable is None:
                    with self.engine.begin() as connection:
                        connection.execute(
                            sa.text(
                                "CREATE INDEX IF NOT EXISTS ix_articles_fulltext ON articles "
                                f"USING gin (to_tsvector('english', {_PG_DOCUMENT}))"
                            )
                        )
                elif self.dialect != "postgresql":
                    self._usable = False
                    return False
            except exc.SQLAlchemyError as error:
                logger.warning(
                    "full-text index unavailable (%s); searching with LIKE instead", error
                )
                self._usable = False
                return False
            self._usable = True
            return True

    def _refresh_sqlite(self) -> None:
        with self.engine.begin() as connection:
            latest = int(connection.scalar(sa.select(sa.func.max(articles.c.seq))) or 0)
            if self._indexed_seq is not None and self._indexed_seq == latest:
                return
            connection.exec_driver_sql(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "title, text, content='articles', content_rowid='seq', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            connection.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS articles_fts_state (indexed_seq INTEGER NOT NULL)"
            )
            indexed = connection.exec_driver_sql(
                "SELECT max(indexed_seq) FROM articles_fts_state"
            ).scalar()
            if indexed is None or int(indexed) > latest:
                # new index, or a database whose articles were replaced: index everything again
                connection.exec_driver_sql(
                    "INSERT INTO articles_fts(articles_fts) VALUES('rebuild')"
                )
            elif int(indexed) < latest:
                connection.exec_driver_sql(
                    "INSERT INTO articles_fts(rowid, title, text) "
                    "SELECT seq, coalesce(title, ''), text FROM articles WHERE seq > ?",
                    (int(indexed),),
                )
            if indexed is None or int(indexed) != latest:
                connection.exec_driver_sql("DELETE FROM articles_fts_state")
                connection.exec_driver_sql(
                    "INSERT INTO articles_fts_state (indexed_seq) VALUES (?)", (latest,)
                )
                logger.info("full-text index brought up to article %d", latest)
            self._indexed_seq = latest

    def apply(self, statement: sa.Select[tuple[str]], terms: list[Term]) -> sa.Select[tuple[str]]:
        """Return ``statement`` (a select over ``articles``) restricted to rows matching ``terms``
        and ordered best match first.

        Args:
            statement: a select whose FROM includes ``articles``.
            terms: the parsed query; empty terms leave the statement unchanged.
        """
        if not terms:
            return statement
        if self.ensure():
            if self.dialect == "sqlite":
                fts = sa.table("articles_fts", sa.column("rowid"), sa.column("rank"))
                return (
                    statement.join(fts, fts.c.rowid == articles.c.seq)
                    .where(
                        sa.text("articles_fts MATCH :fts_query").bindparams(
                            fts_query=_fts5_query(terms)
                        )
                    )
                    .order_by(fts.c.rank)
                )
            document = sa.text(_PG_DOCUMENT)
            vector = sa.func.to_tsvector("english", document)
            query = sa.func.websearch_to_tsquery("english", " ".join(_pg_term(t) for t in terms))
            return statement.where(vector.op("@@")(query)).order_by(
                sa.func.ts_rank(vector, query).desc()
            )
        for term in terms:
            needle = " ".join(term.words)
            statement = statement.where(
                sa.or_(
                    articles.c.title.icontains(needle, autoescape=True),
                    articles.c.text.icontains(needle, autoescape=True),
                )
            )
        return statement.order_by(articles.c.seq.desc())


def _pg_term(term: Term) -> str:
    words = " ".join(term.words)
    return f'"{words}"' if len(term.words) > 1 else words
