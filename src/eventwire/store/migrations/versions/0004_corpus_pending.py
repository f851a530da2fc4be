"""Corpus events grouped incrementally: the articles whose events are not grouped yet.

Revision ID: 0004_corpus_pending
Revises: 0003_corpus
Create Date: 2026-11-24

Frozen history: the table is spelled out here, not imported from ``eventwire.store.schema``.
The articles of a database made before it whose events are not in a corpus event yet are
entered as pending (one scan, here, instead of one per ingest).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_corpus_pending"
down_revision: str | None = "0003_corpus"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corpus_pending",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_corpus_pending_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_corpus_pending"),
    )
    op.execute(
        "INSERT INTO corpus_pending (article_id) SELECT DISTINCT e.article_id FROM events e "
        "WHERE NOT EXISTS (SELECT 1 FROM corpus_event_reports r "
        "WHERE r.article_id = e.article_id AND r.event_id = e.id)"
    )


def downgrade() -> None:
    op.drop_table("corpus_pending")
