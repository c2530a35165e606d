"""Security: record of cases anonymised after their bewaartermijn.

Revision ID: 0007_security
Revises: 0006_figures
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_security"
down_revision = "0006_figures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "anonymised_cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("anonymised_on", sa.Date, nullable=False),
        sa.Column("retention_end", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("case_id", name="uq_anonymised_cases_case_id"),
    )


def downgrade() -> None:
    op.drop_table("anonymised_cases")
