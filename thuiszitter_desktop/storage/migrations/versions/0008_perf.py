"""Performance: the compact deadline-clock items of each case's newest plan, in a small table.

The overview read every newest plan document (a whole JSON snapshot) only to find its dated
actions and evaluations. ``plan_clocks`` stores just those, one row per case with a plan.
Rows for existing plans are filled right after the migration by ``storage/migrate.py`` with
the app's own clock rule (copying that rule into this file would give the vault two rules).

Revision ID: 0008_perf
Revises: 0007_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_perf"
down_revision = "0007_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_clocks",
        sa.Column("id", sa.String(36), sa.ForeignKey("plan_versions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("clock", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("case_id", name="uq_plan_clocks_case_id"),
    )


def downgrade() -> None:
    op.drop_table("plan_clocks")
