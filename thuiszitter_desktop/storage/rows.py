"""Helpers to map between domain dataclasses and table rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Table, delete, select, update

from thuiszitter_desktop.domain.vocab import Labelled
from thuiszitter_desktop.storage import sync_outbox
from thuiszitter_desktop.storage.sync_outbox import as_utc

E = TypeVar("E", bound=Labelled)


def enum_name(value: Labelled | None) -> str | None:
    return value.name if value is not None else None


def enum_or_none(cls: type[E], name: str | None) -> E | None:
    return enum_by_name(cls, name) if name else None


def enum_by_name(cls: type[E], name: str) -> E:
    """``cls.from_name(name)`` through a plain dict: it runs for every row of a caseload."""
    try:
        return _MEMBERS[cls][name]  # type: ignore[no-any-return]
    except KeyError:
        if cls not in _MEMBERS:
            _MEMBERS[cls] = {member.name: member for member in cls}
            return enum_by_name(cls, name)
        return cls.from_name(name)  # unknown name: the usual error


_MEMBERS: dict[type[Labelled], dict[str, Any]] = {}


def upsert(conn: Connection, table: Table, values: dict[str, Any], now: datetime) -> None:
    """Insert or update a synchronisable record, bumping ``version`` and ``updated_at`` (UTC).

    In a team the change is also noted in the sync outbox, in this same transaction; a save
    that changes nothing then leaves the record (and its version) alone.
    """
    record_id = values["id"]
    stamp = as_utc(now)
    track = sync_outbox.tracked(conn, table)
    if track:
        before = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
        if before is not None and all(before[k] == v for k, v in values.items()):
            return
        existing = before["version"] if before is not None else None
    else:
        before = None
        existing = conn.execute(
            select(table.c.version).where(table.c.id == record_id)
        ).scalar_one_or_none()
    if existing is None:
        conn.execute(table.insert().values(**values, created_at=stamp, updated_at=stamp,
                                           version=1))
    else:
        conn.execute(
            update(table).where(table.c.id == record_id)
            .values(**values, updated_at=stamp, version=existing + 1)
        )
    if track:
        sync_outbox.record(conn, table, record_id, "upsert", before, values)


def update_rows(conn: Connection, table: Table, values: dict[str, Any], now: datetime,
                *where: ColumnElement[bool]) -> None:
    """Update every record matching ``where`` (bumping versions), noting each in the outbox."""
    if sync_outbox.tracked(conn, table):
        for before in conn.execute(select(table).where(*where)).mappings().all():
            sync_outbox.record(conn, table, before["id"], "upsert", before)
    bookkeeping: dict[str, Any] = {}
    if "version" in table.c:
        bookkeeping = {"updated_at": as_utc(now), "version": table.c.version + 1}
    conn.execute(update(table).where(*where).values(**values, **bookkeeping))


def delete_rows(conn: Connection, table: Table, *where: ColumnElement[bool]) -> None:
    """Delete every record matching ``where``; in a team each leaves a tombstone in the outbox."""
    if sync_outbox.tracked(conn, table):
        for before in conn.execute(select(table).where(*where)).mappings().all():
            sync_outbox.record(conn, table, before["id"], "delete", before)
    conn.execute(delete(table).where(*where))
