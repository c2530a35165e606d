"""Tables of the team sync (issue 20; docs/sync.md).

Device-local (the laptop's own bookkeeping; created on the server too by the shared migration,
where they stay empty): the outbox, the sync state, private cases, the push in flight and the
inbox of pulled rows waiting for their parent.

Synced (team records like any other): conflicts and case merges.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

TABLE_NAME = 64

# One row per changed record while the laptop is in a team; a second edit keeps the first base.
sync_outbox = Table(
    "sync_outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("table_name", String(TABLE_NAME), nullable=False),
    Column("row_id", String(ID), nullable=False),
    Column("op", String(10), nullable=False),  # "upsert" | "delete"
    Column("base_version", Integer, nullable=False),  # the server version the edit started from
    Column("base", Text),  # JSON of the record at that point; NULL for a new record
    Column("changed_at", DateTime, nullable=False),  # UTC
    Column("edits", Integer, nullable=False, default=1),  # local saves since the base
    Column("push_id", String(ID)),  # the push in flight that carries it
)
Index("ix_sync_outbox_row", sync_outbox.c.table_name, sync_outbox.c.row_id, unique=True)

sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Cases that stay on this laptop only (existing cases at joining, until offered to the team).
sync_private_cases = Table(
    "sync_private_cases",
    metadata,
    Column("case_id", String(ID), primary_key=True),
)

# The one push batch in flight: resent unchanged (same id) until the server has answered it.
sync_pending_push = Table(
    "sync_pending_push",
    metadata,
    Column("push_id", String(ID), primary_key=True),
    Column("payload", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# Pulled rows whose parent row has not arrived yet (it comes in a later page).
sync_inbox = Table(
    "sync_inbox",
    metadata,
    Column("table_name", String(TABLE_NAME), primary_key=True),
    Column("row_id", String(ID), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("payload", Text, nullable=False),
)

# A conflict the server recorded; pulled by every laptop, resolved on any of them.
sync_conflicts = Table(
    "sync_conflicts",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("kind", String(20), nullable=False),  # veld | verwijderd | dubbel | plan
    Column("table_name", String(TABLE_NAME), nullable=False),
    Column("row_id", String(ID), nullable=False),
    Column("case_id", String(ID)),
    Column("other_id", String(ID)),  # dubbel: the other pupil; plan: the other version
    Column("detail", Text, nullable=False, default="{}"),  # JSON: fields, values of both sides
    Column("server_version", Integer, nullable=False, default=0),
    Column("server_by", String(150), nullable=False, default=""),
    Column("server_at", DateTime),
    Column("client_by", String(150), nullable=False, default=""),
    Column("client_at", DateTime),
    Column("status", String(20), nullable=False, default="open"),  # open | opgelost
    Column("resolution", Text, nullable=False, default=""),
    Column("resolved_by", String(150), nullable=False, default=""),
    Column("resolved_at", DateTime),
    *record_columns(),
)
Index("ix_sync_conflicts_status", sync_conflicts.c.status)

# A case merged into another (Mogelijk dubbel): late rows of the old case follow it.
case_merges = Table(
    "case_merges",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("from_case_id", String(ID), nullable=False),
    Column("into_case_id", String(ID), nullable=False),
    Column("merged_by", String(150), nullable=False, default=""),
    *record_columns(),
)
Index("ix_case_merges_from", case_merges.c.from_case_id, unique=True)
