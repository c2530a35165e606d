"""Retention (anonymising a case in place) and the generic per-case dump for AVG art. 15.

Both work over every table with a ``case_id`` column in ``storage.schema.metadata``, so tables
added by later features are included without changes here.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, String, Table, Text, select

from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.retention import RetentionCandidate
from thuiszitter_desktop.storage.rows import delete_rows, update_rows, upsert
from thuiszitter_desktop.storage.schema import metadata
from thuiszitter_desktop.storage.tables import audit_log, cases, involved_professionals, pupils
from thuiszitter_desktop.storage.tables_overview import case_overview
from thuiszitter_desktop.storage.tables_security import anonymised_cases

PLACEHOLDER_FIRST = "Geanonimiseerd"
# Short String columns with these name parts hold people's names or contact details.
PERSONAL_NAME_PARTS = ("name", "phone", "email", "address", "school", "participants", "_by",
                       "contact", "note", "person", "adres", "naam")
# Cleared text in the foundation tables (columns not listed keep their value for figures).
PUPIL_CLEARED = {"first_name": PLACEHOLDER_FIRST, "last_name": "", "school": "", "address": ""}
CASE_CLEARED = {"casusverantwoordelijke": "", "closing_note": "", "notes": "",
                "passend_aanbod_kind": ""}
# Tables left as they are: the audit log (who did what; no names or health content) and the
# retention record itself.
UNTOUCHED = {audit_log.name, anonymised_cases.name}

Anonymiser = Callable[[Connection, str], None]
# A feature may register its own rule for a table (``ANONYMISERS[table] = fn``).
ANONYMISERS: dict[str, Anonymiser] = {}


# Derived from the case tables and dropped by triggers whenever they change: not data of its
# own, so it is neither exported, merged nor anonymised (``tables_overview``).
DERIVED = {case_overview.name}


def case_tables() -> list[Table]:
    """Every table holding per-case data (a ``case_id`` column), in dependency order."""
    return [t for t in metadata.sorted_tables
            if "case_id" in t.c and t.name not in UNTOUCHED and t.name not in DERIVED]


def retention_candidates(conn: Connection) -> list[RetentionCandidate]:
    done = select(anonymised_cases.c.case_id)
    query = (select(cases.c.id, cases.c.pupil_id, pupils.c.birth_date, cases.c.closed_on,
                    cases.c.id.in_(done).label("done"))
             .join(pupils, pupils.c.id == cases.c.pupil_id))
    return [RetentionCandidate(r.id, r.pupil_id, r.birth_date, r.closed_on, bool(r.done))
            for r in conn.execute(query)]


def anonymise_case(conn: Connection, case_id: str, retention_end: date, now: datetime) -> None:
    """Overwrite names and free text of one closed case; the pupil too once all their cases are
    anonymised. Dates, enums and counts stay, so policy figures keep adding up."""
    pupil_id = conn.execute(select(cases.c.pupil_id).where(cases.c.id == case_id)).scalar_one()
    update_rows(conn, cases, CASE_CLEARED, now, cases.c.id == case_id)
    delete_rows(conn, involved_professionals, involved_professionals.c.case_id == case_id)
    for table in case_tables():
        if table.name in ANONYMISERS:
            ANONYMISERS[table.name](conn, case_id)
        elif table.name not in (involved_professionals.name,):
            _clear_generic(conn, table, case_id, now)
    upsert(conn, anonymised_cases, {
        "id": new_id(), "case_id": case_id, "anonymised_on": now.date(),
        "retention_end": retention_end}, now)
    remaining = conn.execute(
        select(cases.c.id).where(cases.c.pupil_id == pupil_id)
        .where(cases.c.id.not_in(select(anonymised_cases.c.case_id)))
    ).first()
    if remaining is None:
        birth = conn.execute(select(pupils.c.birth_date).where(pupils.c.id == pupil_id)).scalar()
        update_rows(conn, pupils, {
            **PUPIL_CLEARED,
            # Keep only the birth year: ages in figures stay right, the person is not findable.
            "birth_date": date(birth.year, 1, 1) if birth else birth,
        }, now, pupils.c.id == pupil_id)


def _clear_generic(conn: Connection, table: Table, case_id: str, now: datetime) -> None:
    """Blank every free-text column and every short text column that names a person.

    A row whose text cannot be blanked safely (a required document without an empty default,
    e.g. a JSON snapshot) is deleted instead.
    """
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.primary_key or column.foreign_keys or column.name == "case_id":
            continue
        is_text = isinstance(column.type, Text)
        is_personal = isinstance(column.type, String) and any(
            part in column.name.lower() for part in PERSONAL_NAME_PARTS)
        if not (is_text or is_personal):
            continue
        default = getattr(column.default, "arg", None)
        if isinstance(default, str):
            values[column.name] = default  # "", "[]" stay valid for the feature's code
        elif column.nullable:
            values[column.name] = None
        else:
            delete_rows(conn, table, table.c.case_id == case_id)
            return
    if values:
        update_rows(conn, table, values, now, table.c.case_id == case_id)


def anonymised_case_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(anonymised_cases.c.case_id)).scalars())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def case_dump(conn: Connection, case_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every stored row about one case, per table, as JSON-ready values (AVG art. 15)."""
    case_row = conn.execute(select(cases).where(cases.c.id == case_id)).mappings().one()
    pupil_row = conn.execute(
        select(pupils).where(pupils.c.id == case_row["pupil_id"])).mappings().one()
    dump: dict[str, list[dict[str, Any]]] = {
        pupils.name: [{k: _plain(v) for k, v in pupil_row.items()}],
        cases.name: [{k: _plain(v) for k, v in case_row.items()}],
    }
    for table in [*case_tables(), audit_log]:
        rows = conn.execute(select(table).where(table.c.case_id == case_id)).mappings()
        dump[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return dump
