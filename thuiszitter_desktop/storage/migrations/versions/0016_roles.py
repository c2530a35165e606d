"""Team roles: schools as records, a pupil's school record, MDO proposals and the school's input.

Existing free-text schools stay on the pupil as typed (``pupils.school``); the consulent maps
them to school records in the dialog *Scholen koppelen*, so nothing is guessed here. Runs on
SQLite (the vault) and PostgreSQL (the team server) alike.

Revision ID: 0016_roles
Revises: 0015_vault_trust
"""

from __future__ import annotations

from typing import Any, Final

import sqlalchemy as sa
from alembic import op

revision = "0016_roles"
down_revision = "0015_vault_trust"
branch_labels = None
depends_on = None

# In place (see 0013_seed_rules): recreating ``pupils`` would cascade through its cases.
NATIVE: Final = "never"


def _record() -> list[sa.Column[Any]]:
    return [sa.Column("created_at", sa.DateTime, nullable=False),
            sa.Column("updated_at", sa.DateTime, nullable=False),
            sa.Column("version", sa.Integer, nullable=False)]


def _case_id() -> sa.Column[Any]:
    return sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "schools",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("brin", sa.String(4), nullable=False),
        sa.Column("vestiging", sa.String(2), nullable=False),
        sa.Column("gemeente", sa.String(100), nullable=False),
        *_record(),
    )
    with op.batch_alter_table("pupils", recreate=NATIVE) as batch:
        batch.add_column(sa.Column("school_id", sa.String(36)))
    op.create_table(
        "mdo_proposals",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_id(),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("proposed_by", sa.String(150), nullable=False),
        sa.Column("proposed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("mdo_id", sa.String(36)),
        *_record(),
    )
    op.create_table(
        "school_inputs",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_id(),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("attendance", sa.Text, nullable=False),
        sa.Column("tried", sa.Text, nullable=False),
        sa.Column("needs", sa.Text, nullable=False),
        sa.Column("written_by", sa.String(150), nullable=False),
        *_record(),
    )


def downgrade() -> None:
    op.drop_table("school_inputs")
    op.drop_table("mdo_proposals")
    with op.batch_alter_table("pupils", recreate=NATIVE) as batch:
        batch.drop_column("school_id")
    op.drop_table("schools")
