"""Plan van aanpak: one row per plan version with its JSON snapshot.

Revision ID: 0003_plan
Revises: 0002_intake
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_plan"
down_revision = "0002_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
        sa.Column("has_smart_goal", sa.Boolean, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_plan_versions_case_number", "plan_versions", ["case_id", "number"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ix_plan_versions_case_number", table_name="plan_versions")
    op.drop_table("plan_versions")
