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

revision = "0017_overview_clock"
down_revision = "0016_roles"
branch_labels = None
depends_on = None

# The clock's source tables at this revision, with the column naming the case (frozen here, as
# a migration must be; ``tables_overview.CLOCK_SOURCES`` is the current list).
_SOURCES = {"cases": "id", "contact_moments": "case_id", "case_episodes": "case_id",
            "plan_versions": "case_id", "plan_clocks": "case_id",
            "situation_changes": "case_id"}
_EVENTS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _trigger(table: str, event: str) -> str:
    return f"overview_stale_{table}_{event.lower()}"


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
        for table, key in _SOURCES.items():
            for event, rows in _EVENTS.items():
                ids = ", ".join(f"{row}.{key}" for row in rows)
                op.execute(f"CREATE TRIGGER {_trigger(table, event)} AFTER {event} ON {table} "
                           f"BEGIN DELETE FROM case_overview WHERE case_id IN ({ids}); "
                           "UPDATE overview_epoch SET n = n + 1; END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _SOURCES:
            for event in _EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, event)}")
    op.drop_table("overview_epoch")
    op.drop_table("case_overview")
