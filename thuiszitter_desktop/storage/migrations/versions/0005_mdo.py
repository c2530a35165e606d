"""MDO: meetings, participants, pupils on the agenda with their outcome.

Revision ID: 0005_mdo
Revises: 0004_reminders
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_mdo"
down_revision = "0004_reminders"
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def _mdo_id() -> sa.Column[object]:
    return sa.Column("mdo_id", sa.String(36),
                     sa.ForeignKey("mdo_meetings.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "mdo_meetings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("start_time", sa.Time, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("video_link", sa.Text, nullable=False),
        sa.Column("chair", sa.String(150), nullable=False),
        sa.Column("school", sa.String(200), nullable=False),
        sa.Column("next_mdo_date", sa.Date),
        sa.Column("general_notes", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_mdo_meetings_on_date", "mdo_meetings", ["on_date"])
    op.create_table(
        "mdo_participants",
        sa.Column("id", sa.String(36), primary_key=True),
        _mdo_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(150), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("role_other", sa.String(150), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE")),
        sa.Column("consent_covers_attendance", sa.Boolean, nullable=False),
        sa.Column("attended", sa.Boolean),
        *_record(),
    )
    op.create_index("ix_mdo_participants_mdo_id", "mdo_participants", ["mdo_id"])
    op.create_table(
        "mdo_items",
        sa.Column("id", sa.String(36), primary_key=True),
        _mdo_id(),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("reasons", sa.String(200), nullable=False),
        sa.Column("discussed", sa.Boolean, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_mdo_items_mdo_id", "mdo_items", ["mdo_id"])
    op.create_index("ix_mdo_items_case_id", "mdo_items", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_mdo_items_case_id", table_name="mdo_items")
    op.drop_index("ix_mdo_items_mdo_id", table_name="mdo_items")
    op.drop_table("mdo_items")
    op.drop_index("ix_mdo_participants_mdo_id", table_name="mdo_participants")
    op.drop_table("mdo_participants")
    op.drop_index("ix_mdo_meetings_on_date", table_name="mdo_meetings")
    op.drop_table("mdo_meetings")
