"""Helpers to map between domain dataclasses and table rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, select, update

from thuiszitter_desktop.domain.vocab import Labelled

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
