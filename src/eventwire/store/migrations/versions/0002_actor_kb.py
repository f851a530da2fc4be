"""The actor knowledge base: actors across articles, their names, roles, affiliations, links.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-16

Frozen history: the tables are spelled out here, not imported from ``eventwire.store.schema``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kb_actors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("tallies", sa.JSON(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(), nullable=True),
        sa.Column("last_seen", sa.String(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kb_actors"),
        sa.ForeignKeyConstraint(
            ["merged_into"], ["kb_actors.id"], name="fk_kb_actors_merged_into_kb_actors"
        ),
    )
    op.create_index("ix_kb_actors_name", "kb_actors", ["name"])
    op.create_index("ix_kb_actors_country", "kb_actors", ["country"])
    op.create_index("ix_kb_actors_merged_into", "kb_actors", ["merged_into"])

    op.create_table(
        "kb_aliases",
        sa.Column("kb_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("how", sa.String(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(), nullable=True),
        sa.Column("last_seen", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("kb_id", "key", name="pk_kb_aliases"),
        sa.ForeignKeyConstraint(["kb_id"], ["kb_actors.id"], name="fk_kb_aliases_kb_id_kb_actors"),
    )
    op.create_index("ix_kb_aliases_key", "kb_aliases", ["key"])

    op.create_table(
        "kb_roles",
        sa.Column("kb_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(), nullable=True),
        sa.Column("last_seen", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("kb_id", "key", name="pk_kb_roles"),
        sa.ForeignKeyConstraint(["kb_id"], ["kb_actors.id"], name="fk_kb_roles_kb_id_kb_actors"),
    )

    op.create_table(
        "kb_affiliations",
        sa.Column("kb_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(), nullable=True),
        sa.Column("last_seen", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("kb_id", "org_id", name="pk_kb_affiliations"),
        sa.ForeignKeyConstraint(
            ["kb_id"], ["kb_actors.id"], name="fk_kb_affiliations_kb_id_kb_actors"
        ),
        sa.ForeignKeyConstraint(
            ["org_id"], ["kb_actors.id"], name="fk_kb_affiliations_org_id_kb_actors"
        ),
    )

    op.create_table(
        "kb_links",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("actor_id", sa.String(), nullable=False),
        sa.Column("kb_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "actor_id", name="pk_kb_links"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_kb_links_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["kb_id"], ["kb_actors.id"], name="fk_kb_links_kb_id_kb_actors"),
    )
    op.create_index("ix_kb_links_kb_id", "kb_links", ["kb_id"])

    op.create_table(
        "kb_articles",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_kb_articles"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_kb_articles_article_id_articles",
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "kb_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kb_edits"),
    )


def downgrade() -> None:
    op.drop_table("kb_edits")
    op.drop_table("kb_articles")
    op.drop_table("kb_links")
    op.drop_table("kb_affiliations")
    op.drop_table("kb_roles")
    op.drop_index("ix_kb_aliases_key", table_name="kb_aliases")
    op.drop_table("kb_aliases")
    op.drop_table("kb_actors")
