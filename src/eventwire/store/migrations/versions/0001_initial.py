"""Initial schema: articles and their actors, mentions, quotes, events, places; failures.

Revision ID: 0001
Revises:
Create Date: 2026-05-09

Frozen history: the tables are spelled out here, not imported from ``eventwire.store.schema``,
so later changes to the schema module cannot change what this migration did.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("published", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("credits", sa.JSON(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("seq", name="uq_articles_seq"),
    )
    op.create_index("ix_articles_hash", "articles", ["hash"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "actors",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("member_of", sa.String(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_actors"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_actors_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_actors_name", "actors", ["name"])
    op.create_index("ix_actors_country", "actors", ["country"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("how", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_mentions_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id", "actor_id"],
            ["actors.article_id", "actors.id"],
            name="fk_mentions_article_id_actor_id_actors",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_mentions_article_id_actor_id", "mentions", ["article_id", "actor_id"])

    op.create_table(
        "quotes",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.Text(), nullable=True),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_quotes"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_quotes_article_id_articles",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "events",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("cameo", sa.String(), nullable=True),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("target", sa.JSON(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("sentence_text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=True),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("intensity", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_events_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_date", "events", ["date"])

    op.create_table(
        "places",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("feature", sa.String(), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "id", name="pk_places"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_places_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_places_country", "places", ["country"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
        sa.UniqueConstraint("input", "reason", name="uq_failures_input_reason"),
    )


def downgrade() -> None:
    op.drop_table("failures")
    op.drop_table("places")
    op.drop_table("events")
    op.drop_table("quotes")
    op.drop_table("mentions")
    op.drop_table("actors")
    op.drop_table("articles")
