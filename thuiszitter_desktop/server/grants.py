"""What each role's database role may touch (run at every start, after the migrations, so
tables that later migrations add are covered too). The row-level policies are in migration
``s0002_roles``; these grants are the column side of the same second line:

- consulent: every table;
- zorgcoördinator: per table of ``domain/roles.SCHOOL_READS`` only the listed columns (so a
  query for a health field fails, whatever the code asks), writes only ``SCHOOL_WRITES``;
- teamleider: no record table; ``cases`` and ``pupils`` readable, where the row-level
  security shows none.
Both also get the server's own bookkeeping a request needs (the order, pushes, the audit).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from thuiszitter_desktop.domain.roles import SCHOOL_READS, SCHOOL_WRITES, Role
from thuiszitter_desktop.server.scope import DATABASE_ROLES
from thuiszitter_desktop.storage.sync_scope import RECORD_COLUMNS, table_named

CONSULENT = DATABASE_ROLES[Role.CONSULENT]
SCHOOL = DATABASE_ROLES[Role.ZORGCOORDINATOR]
LEAD = DATABASE_ROLES[Role.TEAMLEIDER]
# What every request does after switching role: read the order, store pushes, write the audit.
BOOKKEEPING = (
    "GRANT SELECT ON srv_rows, srv_users, srv_scope_cases, case_merges TO {roles}",
    "GRANT INSERT, SELECT (id) ON srv_audit TO {roles}",  # the insert returns the id
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {roles}",
)


def grant_roles(conn: Connection) -> None:
    conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                      f"TO {CONSULENT}"))
    conn.execute(text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public "
                      f"TO {CONSULENT}"))
    for statement in BOOKKEEPING:
        conn.execute(text(statement.format(roles=f"{SCHOOL}, {LEAD}")))
    # Row-level security shows the teamleider no pupil and no case (no policy lets one through).
    conn.execute(text(f"GRANT SELECT ON cases, pupils TO {LEAD}"))
    conn.execute(text(f"GRANT SELECT, INSERT ON srv_pushes TO {SCHOOL}"))
    conn.execute(text(f"GRANT INSERT, UPDATE ON srv_rows TO {SCHOOL}"))
    conn.execute(text(f"GRANT SELECT, INSERT ON sync_conflicts TO {SCHOOL}"))
    for name, columns in SCHOOL_READS.items():
        table = table_named(name)
        assert table is not None, name
        listed = ", ".join(sorted({"id", *RECORD_COLUMNS, *columns}))
        conn.execute(text(f"GRANT SELECT ({listed}) ON {name} TO {SCHOOL}"))
    for name in SCHOOL_WRITES:
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {SCHOOL}"))
