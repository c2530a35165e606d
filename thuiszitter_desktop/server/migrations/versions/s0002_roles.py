"""Team roles: a zorgcoördinator's schools, the cases in each user's scope, and row-level
security on ``cases`` and ``pupils`` as the second line behind the pull filter.

Every request runs ``SET LOCAL ROLE`` to the database role of the user's team role and sets
``thuiszitter.user_id`` for its transaction (``server/scope.enter``); the policies below let a
consulent see every row, a zorgcoördinator only the cases in ``srv_scope_cases`` (and their
pupils), a teamleider none. Database roles are cluster-wide: they are created when missing and
left in place on downgrade (another database of the cluster may use them).

Revision ID: s0002_roles
Revises: s0001_server
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0002_roles"
down_revision = "s0001_server"
branch_labels = None
depends_on = None

ROLES = ("thuiszitter_consulent", "thuiszitter_zorgcoordinator", "thuiszitter_teamleider")
# The case tables a zorgcoördinator reads (domain/roles.SCHOOL_READS as of this revision) and
# the two it writes.
CASE_TABLES = ("consents", "plan_versions", "mdo_items", "mdo_proposals", "school_inputs")
SCHOOL_WRITES = ("mdo_proposals", "school_inputs")


SCOPED = "EXISTS (SELECT 1 FROM srv_scope_cases s WHERE s.case_id = cases.id AND " \
         "s.user_id = current_setting('thuiszitter.user_id', true))"


def upgrade() -> None:
    op.create_table(
        "srv_user_schools",
        sa.Column("user_id", sa.String(36), sa.ForeignKey("srv_users.id"), primary_key=True),
        sa.Column("school_id", sa.String(36), primary_key=True),
    )
    op.create_table(
        "srv_scope_cases",
        sa.Column("user_id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), primary_key=True),
    )
    for role in ROLES:
        op.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
                   f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$")
    op.execute(f"GRANT USAGE ON SCHEMA public TO {', '.join(ROLES)}")
    for table in ("cases", "pupils", *CASE_TABLES):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY consulent_all ON {table} TO thuiszitter_consulent "
                   "USING (true) WITH CHECK (true)")
    op.execute(f"CREATE POLICY school_scope ON cases FOR SELECT TO thuiszitter_zorgcoordinator "
               f"USING ({SCOPED})")
    # Inside these policies the one on cases applies too: rows of a case in scope.
    op.execute("CREATE POLICY school_scope ON pupils FOR SELECT TO thuiszitter_zorgcoordinator "
               "USING (EXISTS (SELECT 1 FROM cases c WHERE c.pupil_id = pupils.id))")
    for table in CASE_TABLES:
        in_scope = f"EXISTS (SELECT 1 FROM cases c WHERE c.id = {table}.case_id)"
        policy = (f"FOR ALL TO thuiszitter_zorgcoordinator USING ({in_scope}) "
                  f"WITH CHECK ({in_scope})" if table in SCHOOL_WRITES else
                  f"FOR SELECT TO thuiszitter_zorgcoordinator USING ({in_scope})")
        op.execute(f"CREATE POLICY school_scope ON {table} {policy}")
    # The teamleider has no policy: row-level security then shows no row at all.


def downgrade() -> None:
    for table in ("cases", "pupils", *CASE_TABLES):
        op.execute(f"DROP POLICY IF EXISTS school_scope ON {table}")
        op.execute(f"DROP POLICY IF EXISTS consulent_all ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for role in ROLES:
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}")
        op.execute(f"REVOKE USAGE ON SCHEMA public FROM {role}")
    op.drop_table("srv_scope_cases")
    op.drop_table("srv_user_schools")
