"""Which tables the team sync carries: found in the metadata, so later features are included.

A *record table* has a string ``id`` and ``record_columns()`` (created_at, updated_at,
version). Every record table is synced unless it is listed in ``DEVICE_LOCAL`` with a reason;
a test checks that every record table is one or the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import String, Table, UniqueConstraint

from thuiszitter_desktop.storage.schema import metadata

RECORD_COLUMNS = frozenset({"created_at", "updated_at", "version"})

DEVICE_LOCAL: dict[str, str] = {
    "plan_clocks": "derived from plan_versions; every laptop computes it after a pull",
    "reminder_snoozes": "a consulent's own choice to hide a reminder for a while",
}


def is_record_table(table: Table) -> bool:
    return ("id" in table.c and isinstance(table.c.id.type, String)
            and set(table.c.keys()) >= RECORD_COLUMNS)


@cache
def synced_tables() -> tuple[Table, ...]:
    """Every synced table, parents before children (the order to insert them in)."""
    return tuple(t for t in metadata.sorted_tables
                 if is_record_table(t) and t.name not in DEVICE_LOCAL)


@cache
def synced_names() -> frozenset[str]:
    return frozenset(t.name for t in synced_tables())


@cache
def table_order() -> dict[str, int]:
    """Position of each synced table in dependency order (parents first)."""
    return {t.name: i for i, t in enumerate(synced_tables())}


def table_named(name: str) -> Table | None:
    table = metadata.tables.get(name)
    return table if table is not None and table.name in synced_names() else None


@cache
def unique_keys(table: Table) -> tuple[tuple[str, ...], ...]:
    """The table's unique keys other than its id (one aanmelding per case, one story per
    quarter …): two laptops can each make a record for the same key."""
    keys = [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    keys += [tuple(c.name for c in con.columns) for con in table.constraints
             if isinstance(con, UniqueConstraint)]
    return tuple(k for k in keys if k and k != ("id",))


def data_fields(table: Table) -> list[str]:
    """The columns a merge compares: everything but the id and the record bookkeeping."""
    return [c.name for c in table.columns if c.name != "id" and c.name not in RECORD_COLUMNS]


def case_id_of(table: Table, values: Mapping[str, Any]) -> str | None:
    """The case a row belongs to (None for rows of no case: a pupil, an MDO meeting)."""
    if table.name == "cases":
        return str(values["id"])
    value = values.get("case_id")
    return str(value) if value else None
