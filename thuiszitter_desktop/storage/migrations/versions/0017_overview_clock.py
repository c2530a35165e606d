"""The stored overview clock (``tables_overview``): a table, its epoch and, in SQLite, the
triggers that keep it from ever showing a changed case's old clock.

Rows are not filled here: the overview makes the missing ones on its first load. On PostgreSQL
(the team server) the tables exist only to keep one schema; nothing reads them there.

Revision ID: 0017_overview_clock
Revises: 0016_roles
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thuiszitter_desktop.storage.tables_overview import trigger_names, trigger_statements

revision = "0017_overview_clock"
down_revision = "0016_roles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_overview",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("home_start", sa.Date, nullable=False),
        sa.Column("home_known", sa.Boolean, nullable=False),
        sa.Column("aanbod_on", sa.Date),
        sa.Column("next_due", sa.Date),
        sa.Column("next_kind", sa.String(20)),
        sa.Column("next_key", sa.String(80)),
        sa.Column("next_label", sa.Text),
        sa.Column("next_more", sa.Text),
    )
    epoch = op.create_table(
        "overview_epoch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("rules", sa.String(40), nullable=False),
    )
    op.bulk_insert(epoch, [{"id": 1, "n": 0, "rules": ""}])
    if op.get_bind().dialect.name == "sqlite":
        for statement in trigger_statements():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in trigger_names():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("overview_epoch")
    op.drop_table("case_overview")
