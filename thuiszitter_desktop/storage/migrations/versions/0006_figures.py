"""Policy figures: remembered import sources (column mappings) and list comparison history.

Revision ID: 0006_figures
Revises: 0005_mdo
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_figures"
down_revision = "0005_mdo"
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(150), nullable=False, unique=True),
        sa.Column("mapping", sa.Text, nullable=False),
        *_record(),
    )
    op.create_table(
        "list_comparisons",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("source_id", sa.String(36),
                  sa.ForeignKey("import_sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("compared_on", sa.Date, nullable=False),
        sa.Column("in_list", sa.Integer, nullable=False),
        sa.Column("in_caseload", sa.Integer, nullable=False),
        sa.Column("in_both", sa.Integer, nullable=False),
        sa.Column("coverage_pct", sa.Float),
        *_record(),
    )
    op.create_index("ix_list_comparisons_source_id", "list_comparisons", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_list_comparisons_source_id", table_name="list_comparisons")
    op.drop_table("list_comparisons")
    op.drop_table("import_sources")
