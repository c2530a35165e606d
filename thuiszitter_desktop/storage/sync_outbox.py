"""The outbox: every change of a synced record, written in the same transaction as the change.

Called from the central write path (``storage.rows``) only, so every service and every table
that a later feature adds is carried. Nothing is recorded while the laptop is not in a team,
nor for the rows of a case kept private (``sync_private_cases``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, exists, select, update

from thuiszitter_desktop.storage.sqlcipher import STATEMENT_ERRORS
from thuiszitter_desktop.storage.sync_codec import dumps, encode_row
from thuiszitter_desktop.storage.sync_scope import case_id_of, synced_names
from thuiszitter_desktop.storage.tables import cases
from thuiszitter_desktop.storage.tables_sync import sync_outbox, sync_private_cases, sync_state

TOKEN_KEY = "device_token"


def utc_now() -> datetime:
    """Naive UTC: how every timestamp is stored (laptops' local clocks are only shown)."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_utc(moment: datetime) -> datetime:
    """A timestamp as naive UTC; a naive input is the laptop's local time."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def joined(conn: Connection) -> bool:
    try:
        return conn.execute(
            select(sync_state.c.key).where(sync_state.c.key == TOKEN_KEY)).first() is not None
    except STATEMENT_ERRORS:
        # A vault written at an older schema (before 0014_sync, e.g. while it is upgraded):
        # no team yet. A failed read leaves a SQLite transaction as it was.
        return False


def tracked(conn: Connection, table: Table) -> bool:
    return table.name in synced_names() and joined(conn)


def is_private(conn: Connection, table: Table, row: Mapping[Any, Any]) -> bool:
    """Whether a row belongs to a case kept on this laptop only (a pupil: all its cases are)."""
    if table.name == "pupils":
        team_case = exists().where(cases.c.pupil_id == row["id"],
                                   cases.c.id.not_in(select(sync_private_cases.c.case_id)))
        any_case = exists().where(cases.c.pupil_id == row["id"])
        return bool(conn.execute(select(any_case & ~team_case)).scalar())
    case_id = case_id_of(table, row)
    return case_id is not None and conn.execute(
        select(sync_private_cases.c.case_id).where(sync_private_cases.c.case_id == case_id)
    ).first() is not None


def record(conn: Connection, table: Table, row_id: str, op: str,
           before: Mapping[Any, Any] | None, after: Mapping[Any, Any] | None = None) -> None:
    """Note a change of one record; ``before`` is the record as it was (None: it is new).

    The first pending change keeps its base (what the server last had); later changes only
    count an edit and update the operation. A record made and deleted before it was ever sent
    leaves nothing.
    """
    row = after if after is not None else before
    if row is not None and is_private(conn, table, row):
        return
    pending = conn.execute(
        select(sync_outbox.c.seq, sync_outbox.c.base, sync_outbox.c.base_version,
               sync_outbox.c.push_id)
        .where(sync_outbox.c.table_name == table.name, sync_outbox.c.row_id == row_id)
    ).first()
    if pending is None:
        enqueue(conn, table, row_id, op, before)
    elif (op == "delete" and pending.base is None and pending.base_version == 0
          and pending.push_id is None):
        conn.execute(delete(sync_outbox).where(sync_outbox.c.seq == pending.seq))
    else:
        conn.execute(update(sync_outbox).where(sync_outbox.c.seq == pending.seq)
                     .values(op=op, changed_at=utc_now(), edits=sync_outbox.c.edits + 1))


def enqueue(conn: Connection, table: Table, row_id: str, op: str,
            base: Mapping[Any, Any] | None, base_version: int | None = None) -> None:
    """A new outbox entry (no entry for this record may be pending)."""
    if base_version is None:
        base_version = int(base["version"]) if base is not None else 0
    conn.execute(sync_outbox.insert().values(
        table_name=table.name, row_id=row_id, op=op, base_version=base_version,
        base=dumps(encode_row(table, base)) if base is not None else None,
        changed_at=utc_now(), edits=1))
