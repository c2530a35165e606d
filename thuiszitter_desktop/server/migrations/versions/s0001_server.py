"""The server's own tables: users, devices, enrolment codes, row registry, pushes, audit.

Revision ID: s0001_server
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0001_server"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE FUNCTION srv_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'srv_audit is append-only';
END $$;
CREATE TRIGGER srv_audit_append_only BEFORE UPDATE OR DELETE ON srv_audit
    FOR EACH ROW EXECUTE FUNCTION srv_audit_append_only();
CREATE TRIGGER srv_audit_no_truncate BEFORE TRUNCATE ON srv_audit
    FOR EACH STATEMENT EXECUTE FUNCTION srv_audit_append_only();
"""


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("srv_seq")))
    op.create_table(
        "srv_users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("display_name", sa.String(150), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("disabled_at", sa.DateTime),
    )
    op.create_table(
        "srv_devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("srv_users.id"), nullable=False),
        sa.Column("label", sa.String(150), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("enrolled_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_table(
        "srv_enrolments",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("srv_users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
        sa.Column("device_id", sa.String(36)),
    )
    op.create_table(
        "srv_rows",
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("case_id", sa.String(36)),
        sa.Column("tombstone", sa.Text),
        sa.Column("changed_at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.String(36)),
        sa.Column("device_id", sa.String(36)),
    )
    op.create_index("ix_srv_rows_seq", "srv_rows", ["seq"], unique=True)
    op.create_index("ix_srv_rows_case_id", "srv_rows", ["case_id"])
    op.create_table(
        "srv_pushes",
        sa.Column("push_id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
    )
    op.create_table(
        "srv_audit",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.String(36)),
        sa.Column("device_id", sa.String(36)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("case_ids", sa.Text, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
    )
    op.execute(APPEND_ONLY)


def downgrade() -> None:
    op.execute("DROP TRIGGER srv_audit_no_truncate ON srv_audit")
    op.execute("DROP TRIGGER srv_audit_append_only ON srv_audit")
    op.execute("DROP FUNCTION srv_audit_append_only()")
    for table in ("srv_audit", "srv_pushes", "srv_rows", "srv_enrolments", "srv_devices",
                  "srv_users"):
        op.drop_table(table)
    op.execute(sa.schema.DropSequence(sa.Sequence("srv_seq")))
