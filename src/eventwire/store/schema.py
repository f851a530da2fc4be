"""The database tables, declared once, and the rows one ``Extraction`` becomes.

Migrations (``store/migrations/versions``) are frozen history and spell their tables out;
``tests/store`` checks that the head migration and this module describe the same schema.

Column naming: character offsets are ``start_char``/``end_char`` (``END`` is a reserved word in
SQL, so hand-written queries need no quoting); offsets of a sub-span are prefixed by its name
(``trigger_start``, ``content_text``). Ids are the record ids, unique within their article, so
child tables key on ``(article_id, id)``. List and object fields are JSON columns.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from eventwire.records import Extraction, Span

#: Constraint names are predictable, so later migrations can refer to them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    # Ingest order: export and extractions() stream articles in the order they were added.
    sa.Column("seq", sa.Integer, nullable=False, unique=True),
    sa.Column("hash", sa.String, nullable=False, index=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.String),
    sa.Column("published", sa.String, index=True),
    sa.Column("language", sa.String, nullable=False),
    sa.Column("credits", sa.JSON, nullable=False),
    sa.Column("removed", sa.JSON, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # The whole Extraction.to_dict(): what `eventwire extract` printed, exported unchanged.
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("country", sa.String, index=True),
    sa.Column("sector", sa.String),
    sa.Column("roles", sa.JSON, nullable=False),
    sa.Column("member_of", sa.String),
    sa.Column("aliases", sa.JSON, nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String, _article_fk(), nullable=False),
    sa.Column("actor_id", sa.String, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("how", sa.String, nullable=False),
    sa.ForeignKeyConstraint(
        ["article_id", "actor_id"], ["actors.article_id", "actors.id"], ondelete="CASCADE"
    ),
    sa.Index(None, "article_id", "actor_id"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("content_start", sa.Integer, nullable=False),
    sa.Column("content_end", sa.Integer, nullable=False),
    sa.Column("content_text", sa.Text, nullable=False),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("cue_text", sa.Text),
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_text", sa.Text),
    sa.Column("speaker", sa.String),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("mode", sa.String),
    sa.Column("cameo", sa.String),
    sa.Column("source", sa.JSON, nullable=False),
    sa.Column("target", sa.JSON, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("trigger_text", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("sentence_text", sa.Text, nullable=False),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("place", sa.String),
    sa.Column("date", sa.String, index=True),
    sa.Column("intensity", sa.Float),
    sa.Column("confidence", sa.Float, nullable=False),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String, index=True),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geonameid", sa.Integer),
    sa.Column("feature", sa.String),
    sa.Column("mentions", sa.JSON, nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("stage", sa.String, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.UniqueConstraint("input", "reason"),
)

#: Tables holding one article's records, in the order they must be inserted.
RECORD_TABLES = (articles, actors, mentions, quotes, events, places)

# ---------------------------------------------------------------------- the actor knowledge base
# Cross-article actors (eventwire.corpus.kb): one row per real-world actor, the names, roles and
# affiliations it was seen with (each with its first and last article date), the link from each
# article actor to its knowledge-base actor, and the curation edits (merge, split, rename,
# import) that are replayed when the knowledge base is rebuilt.

kb_actors = sa.Table(
    "kb_actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("country", sa.String, index=True),
    sa.Column("sector", sa.String),
    # {"countries": {"VEN": 3}, "sectors": {"GOV": 2}}: what the articles said, counted
    sa.Column("tallies", sa.JSON, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("mentions", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String),
    sa.Column("last_seen", sa.String),
    # learned (from articles) or user (imported or edited by hand: name and codes are kept)
    sa.Column("origin", sa.String, nullable=False),
    sa.Column("locked", sa.Boolean, nullable=False),
    sa.Column("merged_into", sa.Integer, sa.ForeignKey("kb_actors.id"), index=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

kb_aliases = sa.Table(
    "kb_aliases",
    metadata,
    sa.Column("kb_id", sa.Integer, sa.ForeignKey("kb_actors.id"), primary_key=True),
    # the folded name (eventwire.knowledge.countries.normalize_name), or "surname:<name>"
    sa.Column("key", sa.String, primary_key=True, index=True),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("how", sa.String, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String),
    sa.Column("last_seen", sa.String),
)

kb_roles = sa.Table(
    "kb_roles",
    metadata,
    sa.Column("kb_id", sa.Integer, sa.ForeignKey("kb_actors.id"), primary_key=True),
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("country", sa.String),
    sa.Column("sector", sa.String),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String),
    sa.Column("last_seen", sa.String),
)

kb_affiliations = sa.Table(
    "kb_affiliations",
    metadata,
    sa.Column("kb_id", sa.Integer, sa.ForeignKey("kb_actors.id"), primary_key=True),
    sa.Column("org_id", sa.Integer, sa.ForeignKey("kb_actors.id"), primary_key=True),
    sa.Column("role", sa.Text),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String),
    sa.Column("last_seen", sa.String),
)

kb_links = sa.Table(
    "kb_links",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("actor_id", sa.String, primary_key=True),
    sa.Column("kb_id", sa.Integer, sa.ForeignKey("kb_actors.id"), nullable=False, index=True),
)

kb_articles = sa.Table(
    "kb_articles",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
)

kb_edits = sa.Table(
    "kb_edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("op", sa.String, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

#: The knowledge-base tables, children before parents (the order to empty them in).
KB_TABLES = (kb_links, kb_articles, kb_affiliations, kb_roles, kb_aliases, kb_actors)


# Corpus level (migration 0003_corpus): near-duplicate copies, the MinHash signatures that find
# them, polled feeds, and events de-duplicated across articles.

#: Near-duplicate articles (syndicated copies, light rewrites): not analysed, kept as extra
#: sources of the analysed article ``article_id``.
article_copies = sa.Table(
    "article_copies",
    metadata,
    # sha256 of the copy's id and URL: an identical text at another URL is another copy.
    sa.Column("key", sa.String, primary_key=True),
    # The id the copy would have had as an article (its input id, else its content hash).
    sa.Column("id", sa.String, nullable=False, index=True),
    sa.Column("article_id", sa.String, _article_fk(), nullable=False, index=True),
    sa.Column("hash", sa.String, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.String),
    sa.Column("published", sa.String),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

#: The MinHash signature of each analysed article, to find its copies in later runs.
article_signatures = sa.Table(
    "article_signatures",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
    sa.Column("minhash", sa.LargeBinary, nullable=False),
)

#: The LSH band keys of each analysed article's signature: near-duplicate candidates are found
#: by looking their bands up here, so no process has to hold every signature in memory.
article_bands = sa.Table(
    "article_bands",
    metadata,
    sa.Column("band", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
)

#: Feeds polled by ``eventwire watch``: the validators of the copy last fetched.
feeds = sa.Table(
    "feeds",
    metadata,
    # sha256 of the URL: a key of fixed length, whatever the URL's.
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("checked_at", sa.DateTime(timezone=True)),
    sa.Column("changed_at", sa.DateTime(timezone=True)),
)

#: Feed entries already handled, so a poll fetches only the new ones.
feed_entries = sa.Table(
    "feed_entries",
    metadata,
    sa.Column(
        "feed_id",
        sa.String,
        sa.ForeignKey("feeds.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # sha256 of the entry's guid (else its link).
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("link", sa.Text),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

#: One row per real-world event, however many articles report it.
corpus_events = sa.Table(
    "corpus_events",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("date_start", sa.String, index=True),
    sa.Column("date_end", sa.String, index=True),
    sa.Column("source_actors", sa.JSON, nullable=False),
    sa.Column("target_actors", sa.JSON, nullable=False),
    sa.Column("places", sa.JSON, nullable=False),
    # Independent sources: distinct outlets among the analysed articles reporting it.
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
)

#: The per-article events (and so the articles and sentences) reporting each corpus event.
corpus_event_reports = sa.Table(
    "corpus_event_reports",
    metadata,
    sa.Column("article_id", sa.String, primary_key=True),
    sa.Column("event_id", sa.String, primary_key=True),
    sa.Column(
        "corpus_event_id",
        sa.String,
        sa.ForeignKey("corpus_events.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("date", sa.String, index=True),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"
    ),
)

#: Articles whose events are not in corpus events yet (migration 0004_corpus_pending): written
#: with the article, removed when its events are grouped, so an update never scans every event.
corpus_pending = sa.Table(
    "corpus_pending",
    metadata,
    sa.Column("article_id", sa.String, _article_fk(), primary_key=True),
)

#: Corpus-level tables, counted by ``Store.corpus_counts``.
CORPUS_TABLES = (article_copies, corpus_events, corpus_event_reports, feeds, feed_entries)

#: Tables the CSV and Parquet exports write as stored (not rebuilt from the article records):
#: failures, the corpus level, and the actor knowledge base, whose ``kb_links`` maps each
#: article's actor (``article_id``, ``actor_id``) to the knowledge-base actor ``kb_id``.
EXPORT_TABLES = (
    failures,
    article_copies,
    corpus_events,
    corpus_event_reports,
    kb_actors,
    kb_aliases,
    kb_roles,
    kb_affiliations,
    kb_links,
)


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    return {
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
        f"{prefix}_text": span.text if span else None,
    }


def extraction_rows(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """Return the rows one extraction becomes, keyed by table name.

    The ``articles`` row lacks ``seq`` and ``ingested_at``, which the store assigns; mention rows
    lack their generated ``id``. JSON columns hold Python lists and dicts.

    Args:
        extraction: the record to flatten.
    """
    article = extraction.article
    aid = article.id
    rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in RECORD_TABLES}
    rows["articles"].append(
        {
            "id": aid,
            "hash": article.hash,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "published": article.published,
            "language": article.language,
            "credits": list(article.credits),
            "removed": [r.to_dict() for r in article.removed],
            "text": article.text,
            "record": extraction.to_dict(),
        }
    )
    for actor in extraction.actors:
        rows["actors"].append(
            {
                "article_id": aid,
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "country": actor.country,
                "sector": actor.sector,
                "roles": list(actor.roles),
                "member_of": actor.member_of,
                "aliases": list(actor.aliases),
            }
        )
        rows["mentions"].extend(
            {
                "article_id": aid,
                "actor_id": actor.id,
                "start_char": m.start,
                "end_char": m.end,
                "text": m.text,
                "how": m.how,
            }
            for m in actor.mentions
        )
    for quote in extraction.quotes:
        rows["quotes"].append(
            {
                "article_id": aid,
                "id": quote.id,
                "kind": quote.kind,
                **_span("content", quote.content),
                **_span("cue", quote.cue),
                **_span("speaker", quote.speaker_span),
                "speaker": quote.speaker,
            }
        )
    for event in extraction.events:
        rows["events"].append(
            {
                "article_id": aid,
                "id": event.id,
                "type": event.type,
                "mode": event.mode,
                "cameo": event.cameo,
                "source": list(event.source),
                "target": list(event.target),
                **_span("trigger", event.trigger),
                **_span("sentence", event.sentence),
                "status": event.status,
                "place": event.place,
                "date": event.date,
                "intensity": event.intensity,
                "confidence": event.confidence,
            }
        )
    for place in extraction.places:
        rows["places"].append(
            {
                "article_id": aid,
                "id": place.id,
                "name": place.name,
                "country": place.country,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "feature": place.feature,
                "mentions": [m.to_dict() for m in place.mentions],
            }
        )
    return rows
