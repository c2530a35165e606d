"""Episode history: what a case recorded when it was closed, kept when it is reopened.

Reopening clears the closing reason, and a new episode sets its own goals date, passend aanbod
date and home start; the policy figures count every episode on its own and need the earlier
episode's values (``domain/episodes.py``). Episodes recorded before this migration have none:
the figures fall back to the case's current values for them.

Revision ID: 0009_episode_history
Revises: 0008_perf
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_episode_history"
down_revision = "0008_perf"
branch_labels = None
depends_on = None

COLUMNS = (
    ("previous_closing_reason", sa.String(40)),
    ("previous_home_since", sa.Date),
    ("previous_goals_set_date", sa.Date),
    ("previous_passend_aanbod_date", sa.Date),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("case_episodes", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_episodes") as batch:
        for name, _kind in COLUMNS:
            batch.drop_column(name)
