"""Corpus level: near-duplicate copies, signatures and LSH bands, polled feeds, corpus events.

Revision ID: 0003_corpus
Revises: 0001
Create Date: 2026-11-24

Frozen history: the tables are spelled out here, not imported from ``eventwire.store.schema``.
It only adds tables, after the actor knowledge base (0002).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_corpus"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_copies",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("published", sa.String(), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_article_copies"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_copies_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_article_copies_article_id", "article_copies", ["article_id"])
    op.create_index("ix_article_copies_id", "article_copies", ["id"])

    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_signatures"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_signatures_article_id_articles",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "article_bands",
        sa.Column("band", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("band", "article_id", name="pk_article_bands"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_bands_article_id_articles",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "feeds",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
    )

    op.create_table(
        "feed_entries",
        sa.Column("feed_id", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("feed_id", "key", name="pk_feed_entries"),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_feed_entries_feed_id_feeds", ondelete="CASCADE"
        ),
    )

    op.create_table(
        "corpus_events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("date_start", sa.String(), nullable=True),
        sa.Column("date_end", sa.String(), nullable=True),
        sa.Column("source_actors", sa.JSON(), nullable=False),
        sa.Column("target_actors", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corpus_events"),
    )
    op.create_index("ix_corpus_events_type", "corpus_events", ["type"])
    op.create_index("ix_corpus_events_date_start", "corpus_events", ["date_start"])
    op.create_index("ix_corpus_events_date_end", "corpus_events", ["date_end"])

    op.create_table(
        "corpus_event_reports",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("corpus_event_id", sa.String(), nullable=False),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_corpus_event_reports"),
        sa.ForeignKeyConstraint(
            ["corpus_event_id"],
            ["corpus_events.id"],
            name="fk_corpus_event_reports_corpus_event_id_corpus_events",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.id"],
            name="fk_corpus_event_reports_article_id_event_id_events",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_corpus_event_reports_corpus_event_id", "corpus_event_reports", ["corpus_event_id"]
    )
    op.create_index("ix_corpus_event_reports_date", "corpus_event_reports", ["date"])


def downgrade() -> None:
    op.drop_table("corpus_event_reports")
    op.drop_table("corpus_events")
    op.drop_table("feed_entries")
    op.drop_table("feeds")
    op.drop_table("article_bands")
    op.drop_table("article_signatures")
    op.drop_table("article_copies")
