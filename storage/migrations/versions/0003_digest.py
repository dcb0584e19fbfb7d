"""Digest: a covering index for one week's figures, so /digest reads an index range and no table rows.

The digest groups a week's facts by figure and value and counts the articles behind
each value (storage/reports.py); with every column it needs in the index, that is
one short index range however large the archive grows.

Revision ID: 0003_digest
Revises: 0002_ingest
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003_digest"
down_revision: str | None = "0002_ingest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["week_start", "metric", "region", "value", "article_id", "period", "id"]


def upgrade() -> None:
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.create_index("ix_facts_week_figure", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_index("ix_facts_week_figure")
