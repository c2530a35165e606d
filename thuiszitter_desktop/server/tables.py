"""Tables only the server has: users, devices, enrolment codes, the row registry, pushes, audit.

Created by the server's own Alembic chain (``server/migrations``, version table
``server_alembic_version``); the team's records themselves live in the vault's tables, created
by the vault's migrations on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
)

server_metadata = MetaData()
ID = 36

# The order of every change on the server: laptops pull everything past their cursor in it.
srv_seq = Sequence("srv_seq", metadata=server_metadata)

srv_users = Table(
    "srv_users",
    server_metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),  # login name for the admin CLI
    Column("display_name", String(150), nullable=False),
    Column("role", String(30), nullable=False),  # domain/roles.Role by name, lower case
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime),
)

srv_devices = Table(
    "srv_devices",
    server_metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), ForeignKey("srv_users.id"), nullable=False),
    Column("label", String(150), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime),
    Column("revoked_at", DateTime),
)

srv_enrolments = Table(
    "srv_enrolments",
    server_metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", String(ID), ForeignKey("srv_users.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
    Column("device_id", String(ID)),
)

# One row per record ever synced: its server version, its place in the order, and for a
# deleted record its last values (the tombstone).
srv_rows = Table(
    "srv_rows",
    server_metadata,
    Column("table_name", String(64), primary_key=True),
    Column("row_id", String(ID), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("case_id", String(ID)),
    Column("tombstone", Text),
    Column("changed_at", DateTime, nullable=False),
    Column("user_id", String(ID)),
    Column("device_id", String(ID)),
)
Index("ix_srv_rows_seq", srv_rows.c.seq, unique=True)
Index("ix_srv_rows_case_id", srv_rows.c.case_id)

# A push's answer, so the same push sent again gets it back instead of being applied twice.
srv_pushes = Table(
    "srv_pushes",
    server_metadata,
    Column("push_id", String(ID), primary_key=True),
    Column("device_id", String(ID), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Column("answer", Text, nullable=False),
)

# Append-only (a trigger refuses UPDATE and DELETE): who, which device, which cases; no content.
srv_audit = Table(
    "srv_audit",
    server_metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("user_id", String(ID)),
    Column("device_id", String(ID)),
    Column("action", String(40), nullable=False),
    Column("case_ids", Text, nullable=False),
    Column("row_count", Integer, nullable=False),
)

# A zorgcoördinator's schools (set by the administrator: ``add-user --school``).
srv_user_schools = Table(
    "srv_user_schools",
    server_metadata,
    Column("user_id", String(ID), ForeignKey("srv_users.id"), primary_key=True),
    Column("school_id", String(ID), primary_key=True),
)

# The cases each school user may see, refreshed by the server at the start of every request of
# that user (``scope.enter``); the row-level security policies on ``cases`` and ``pupils``
# read it (second line behind the pull filter).
srv_scope_cases = Table(
    "srv_scope_cases",
    server_metadata,
    Column("user_id", String(ID), primary_key=True),
    Column("case_id", String(ID), primary_key=True),
)
