"""The audit log becomes a chain: each line's place (``seq``) and seal (``mac``).

Lines written before this migration are sealed right after it, in the same transaction, by the
vault (the seal needs the data key, which a migration never sees).

Revision ID: 0015_vault_trust
Revises: 0014_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_vault_trust"
down_revision = "0014_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer, nullable=True))
        batch.add_column(sa.Column("mac", sa.String(64), nullable=True))
    op.create_index("ix_audit_log_seq", "audit_log", ["seq"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_audit_log_seq", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
        batch.drop_column("seq")
    op.execute("DELETE FROM vault_meta WHERE key IN ('audit_head', 'audit_accepted', "
               "'audit_verified')")
