"""Ingest: find a forwarded link's article by its URL without scanning every article.

Revision ID: 0002_ingest
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_ingest"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_url"), ["url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_url"))
