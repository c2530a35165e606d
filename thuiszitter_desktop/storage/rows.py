"""Helpers to map between domain dataclasses and table rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, select, update

from thuiszitter_desktop.domain.vocab import Labelled

E = TypeVar("E", bound=Labelled)


def enum_name(value: Labelled | None) -> str | None:
    return value.name if value is not None else None


def enum_or_none(cls: type[E], name: str | None) -> E | None:
    return enum_by_name(cls, name) if name else None


def enum_by_name(cls: type[E], name: str) -> E:
    """``cls.from_name(name)`` through a plain dict: it runs for every row of a caseload."""
    members = _MEMBERS.get(cls)
    if members is None:
        members = _MEMBERS[cls] = {member.name: member for member in cls}
    found = members.get(name)
    if found is None:
        return cls.from_name(name)  # unknown name: the usual error
    return cast(E, found)


_MEMBERS: dict[type[Labelled], dict[str, Labelled]] = {}


def upsert(conn: Connection, table: Table, values: dict[str, Any], now: datetime) -> None:
    """Insert or update a synchronisable record, bumping ``version`` and ``updated_at``."""
    record_id = values["id"]
    existing = conn.execute(
        select(table.c.version).where(table.c.id == record_id)
    ).scalar_one_or_none()
    if existing is None:
        conn.execute(table.insert().values(**values, created_at=now, updated_at=now, version=1))
    else:
        conn.execute(
            update(table).where(table.c.id == record_id)
            .values(**values, updated_at=now, version=existing + 1)
        )
