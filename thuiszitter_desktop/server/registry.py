"""The row registry (``srv_rows``): every synced record's version, place in the order and
tombstone. PostgreSQL specifics (the sequence, ON CONFLICT) stay in this package."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, select
from sqlalchemy.dialects.postgresql import insert

from thuiszitter_desktop.server.tables import srv_rows, srv_seq
from thuiszitter_desktop.storage.sync_codec import encode_row


def entry(conn: Connection, table: Table, row_id: str) -> Row[Any] | None:
    return conn.execute(select(srv_rows).where(srv_rows.c.table_name == table.name,
                                               srv_rows.c.row_id == row_id)).first()


def entries(conn: Connection, table: Table, row_ids: list[str]) -> list[Row[Any]]:
    return list(conn.execute(select(srv_rows).where(srv_rows.c.table_name == table.name,
                                                    srv_rows.c.row_id.in_(row_ids))))


def live_rows(conn: Connection, table: Table, row_ids: list[str]) -> dict[str, dict[str, Any]]:
    return {row["id"]: encode_row(table, row) for row in conn.execute(
        select(table).where(table.c.id.in_(row_ids))).mappings()}


def live_values(conn: Connection, table: Table, row_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return encode_row(table, row) if row is not None else None


def mark(conn: Connection, table: Table, row_id: str, *, version: int, deleted: bool,
         case_id: str | None, at: datetime, user_id: str | None, device_id: str | None,
         tombstone: str | None = None) -> None:
    """Give the record its new version and the next number in the server's order."""
    values = {"version": version, "seq": srv_seq.next_value(), "deleted": deleted,
              "case_id": case_id, "tombstone": tombstone, "changed_at": at,
              "user_id": user_id, "device_id": device_id}
    statement = insert(srv_rows).values(table_name=table.name, row_id=row_id, **values)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[srv_rows.c.table_name, srv_rows.c.row_id], set_=values))


def latest_seq(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.coalesce(func.max(srv_rows.c.seq), 0))).scalar_one())
