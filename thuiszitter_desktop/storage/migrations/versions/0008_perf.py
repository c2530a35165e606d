"""Performance: compact deadline-clock items per plan version.

The overview read every newest plan document (a whole JSON snapshot) only to find its dated
actions and evaluations. ``plan_versions.clock`` stores just those. Existing rows are left
NULL here and filled right after the migration by ``storage/migrate.py`` with the app's own
clock rule (copying that rule into this file would give the vault two rules).

Revision ID: 0008_perf
Revises: 0007_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_perf"
down_revision = "0007_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_versions") as batch:
        batch.add_column(sa.Column("clock", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_versions") as batch:
        batch.drop_column("clock")
