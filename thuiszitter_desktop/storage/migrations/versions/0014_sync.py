"""Team sync: the outbox and sync bookkeeping (device-local), conflicts and case merges (synced).

See docs/sync.md. Runs on SQLite (the vault) and PostgreSQL (the team server) alike; on the
server the device-local tables stay empty.

Revision ID: 0014_sync
Revises: 0013_seed_rules
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_sync"
down_revision = "0013_seed_rules"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[object]]:
    return [sa.Column("created_at", sa.DateTime, nullable=False),
            sa.Column("updated_at", sa.DateTime, nullable=False),
            sa.Column("version", sa.Integer, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("base", sa.Text),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("edits", sa.Integer, nullable=False),
        sa.Column("push_id", sa.String(36)),
    )
    op.create_index("ix_sync_outbox_row", "sync_outbox", ["table_name", "row_id"], unique=True)
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_private_cases",
        sa.Column("case_id", sa.String(36), primary_key=True),
    )
    op.create_table(
        "sync_pending_push",
        sa.Column("push_id", sa.String(36), primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "sync_inbox",
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36)),
        sa.Column("other_id", sa.String(36)),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("server_version", sa.Integer, nullable=False),
        sa.Column("server_by", sa.String(150), nullable=False),
        sa.Column("server_at", sa.DateTime),
        sa.Column("client_by", sa.String(150), nullable=False),
        sa.Column("client_at", sa.DateTime),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("resolved_by", sa.String(150), nullable=False),
        sa.Column("resolved_at", sa.DateTime),
        *_record_columns(),
    )
    op.create_index("ix_sync_conflicts_status", "sync_conflicts", ["status"])
    op.create_table(
        "case_merges",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("from_case_id", sa.String(36), nullable=False),
        sa.Column("into_case_id", sa.String(36), nullable=False),
        sa.Column("merged_by", sa.String(150), nullable=False),
        *_record_columns(),
    )
    op.create_index("ix_case_merges_from", "case_merges", ["from_case_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_case_merges_from", table_name="case_merges")
    op.drop_table("case_merges")
    op.drop_index("ix_sync_conflicts_status", table_name="sync_conflicts")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_inbox")
    op.drop_table("sync_pending_push")
    op.drop_table("sync_private_cases")
    op.drop_table("sync_state")
    op.drop_index("ix_sync_outbox_row", table_name="sync_outbox")
    op.drop_table("sync_outbox")
