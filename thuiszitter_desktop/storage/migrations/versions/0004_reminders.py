"""Deadline clock: snoozed/acknowledged reminders and case episodes (reopened cases).

Revision ID: 0004_reminders
Revises: 0003_plan
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_reminders"
down_revision = "0003_plan"
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def _case_id() -> sa.Column[object]:
    return sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "reminder_snoozes",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_id(),
        sa.Column("deadline_key", sa.String(80), nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("until", sa.Date),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("snoozed_by", sa.String(150), nullable=False),
        sa.Column("snoozed_at", sa.DateTime, nullable=False),
        *_record(),
    )
    op.create_index("ix_reminder_snoozes_case_id", "reminder_snoozes", ["case_id"])
    op.create_table(
        "case_episodes",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_id(),
        sa.Column("reopened_on", sa.Date, nullable=False),
        sa.Column("previous_closed_on", sa.Date),
        *_record(),
    )
    op.create_index("ix_case_episodes_case_id", "case_episodes", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_case_episodes_case_id", table_name="case_episodes")
    op.drop_table("case_episodes")
    op.drop_index("ix_reminder_snoozes_case_id", table_name="reminder_snoozes")
    op.drop_table("reminder_snoozes")
