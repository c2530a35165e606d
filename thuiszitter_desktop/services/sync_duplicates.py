"""Mogelijk dubbel: the same pupil registered on two laptops, merged into one.

The kept pupil and case take every row of the other (contacts, professionals, parents, plan
versions numbered after the kept ones, MDO items …: every table with a ``case_id``); empty
fields are filled from the other, both notes are kept; the other case and pupil are deleted
(tombstones) and the merge is recorded in ``case_merges``, so rows that arrive later for the
old case follow it (on the server too). Audit entries stay where they are; the audit view of
the kept case shows those of the merged one (``repo_audit.entries``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Table, delete, func, select

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync_conflicts import get_item, mark_resolved
from thuiszitter_desktop.storage import repo_plan
from thuiszitter_desktop.storage.repo_security import case_tables
from thuiszitter_desktop.storage.rows import delete_rows, update_rows, upsert
from thuiszitter_desktop.storage.sync_codec import encode_row
from thuiszitter_desktop.storage.sync_scope import data_fields, unique_keys
from thuiszitter_desktop.storage.tables import cases, contact_moments, pupils
from thuiszitter_desktop.storage.tables_plan import plan_clocks, plan_versions
from thuiszitter_desktop.storage.tables_sync import case_merges

NOTES_SEPARATOR = "\n\n— samengevoegd —\n"


def merge_duplicate(ctx: AppContext, conflict_id: str, keep_pupil_id: str) -> str:
    """Merge the two registrations; returns the id of the case that remains."""
    item = get_item(ctx, conflict_id)
    pair = {item.row_id, item.other_id}
    if item.kind != "dubbel" or keep_pupil_id not in pair:
        raise ValidationError({"dubbel": "Kies welke van de twee leerlingen blijft."})
    drop_pupil_id = next(p for p in pair if p != keep_pupil_id and p is not None)
    now = ctx.now()
    with ctx.vault.transaction() as conn:
        kept = _cases_of(conn, keep_pupil_id)
        dropped = _cases_of(conn, drop_pupil_id)
        if not kept or not dropped:
            raise ValidationError({"dubbel": "Een van de twee leerlingen staat niet (meer) op "
                                             "deze laptop. Synchroniseer en probeer opnieuw."})
        target = kept[0]
        set_aside: list[dict[str, object]] = []
        for case_id in dropped:
            set_aside += _merge_case(conn, case_id, target, ctx.actor, now)
        _fill_empty(conn, pupils, keep_pupil_id, drop_pupil_id, now)
        delete_rows(conn, pupils, pupils.c.id == drop_pupil_id)
        mark_resolved(ctx, conn, conflict_id, {"samengevoegd": keep_pupil_id,
                                               "apart_gezet": set_aside})
        ctx.audit(conn, "samengevoegd", "case", target, target, f"{len(dropped)} casus(sen)")
    ctx.changes.publish(Change("case", (target, *dropped)))
    ctx.changes.publish(Change("sync"))
    return target


def _cases_of(conn: Connection, pupil_id: str) -> list[str]:
    """The pupil's cases, open ones first, then the newest."""
    rows = conn.execute(select(cases.c.id, cases.c.closed_on, cases.c.aanmelding_date)
                        .where(cases.c.pupil_id == pupil_id)).all()
    ranked = sorted(rows, key=lambda r: (r.closed_on is not None,
                                         -r.aanmelding_date.toordinal()))
    return [str(r.id) for r in ranked]


def _merge_case(conn: Connection, source: str, target: str, actor: str,
                now: datetime) -> list[dict[str, object]]:
    """Move every row of ``source`` to ``target``. A row of which the kept case may have only
    one (its aanmelding, the date of a stage) and already has one is set aside: its values go
    into the decision's record (returned), never lost without a trace."""
    _move_plan_versions(conn, source, target, now)
    set_aside: list[dict[str, object]] = []
    for table in case_tables():
        if table is plan_clocks:
            conn.execute(delete(plan_clocks).where(plan_clocks.c.case_id.in_([source, target])))
            continue
        if table is plan_versions:
            continue
        for key in unique_keys(table):
            if "case_id" not in key:
                continue
            others = [name for name in key if name != "case_id"]
            taken = {tuple(r[n] for n in others) for r in conn.execute(
                select(table).where(table.c.case_id == target)).mappings()}
            for row in conn.execute(select(table).where(
                    table.c.case_id == source)).mappings().all():
                if tuple(row[n] for n in others) in taken:
                    set_aside.append({"table": table.name,
                                      "values": encode_row(table, row)})
                    delete_rows(conn, table, table.c.id == row["id"])
        update_rows(conn, table, {"case_id": target}, now, table.c.case_id == source)
    _fill_empty(conn, cases, target, source, now)
    upsert(conn, case_merges, {"id": new_id(), "from_case_id": source, "into_case_id": target,
                               "merged_by": actor}, now)
    delete_rows(conn, cases, cases.c.id == source)
    repo_plan.fill_missing_clocks(conn)
    return set_aside


def _move_plan_versions(conn: Connection, source: str, target: str, now: datetime) -> None:
    """The other case's versions follow the kept ones: 'Versie 3, 4 …', oldest first."""
    taken = conn.execute(select(plan_versions.c.number)
                         .where(plan_versions.c.case_id == target)).scalars().all()
    number = max(taken, default=0)
    moving = conn.execute(select(plan_versions.c.id, plan_versions.c.document)
                          .where(plan_versions.c.case_id == source)
                          .order_by(plan_versions.c.number)).all()
    for version_id, document in moving:
        number += 1
        data = json.loads(document)
        data.update(case_id=target, version=number)
        update_rows(conn, plan_versions, {"case_id": target, "number": number,
                                          "document": json.dumps(data, ensure_ascii=False)},
                    now, plan_versions.c.id == version_id)


def _fill_empty(conn: Connection, table: Table, keep_id: str, other_id: str,
                now: datetime) -> None:
    """Empty fields of the kept record take the other's value; notes of both are kept."""
    keep = conn.execute(select(table).where(table.c.id == keep_id)).mappings().one()
    other = conn.execute(select(table).where(table.c.id == other_id)).mappings().one()
    values = {}
    for name in data_fields(table):
        mine, theirs = keep[name], other[name]
        if name in ("pupil_id", "case_id"):
            continue
        if name == "notes" and mine and theirs and theirs not in mine:
            values[name] = f"{mine}{NOTES_SEPARATOR}{theirs}"
        elif mine in (None, "") and theirs not in (None, ""):
            values[name] = theirs
    if values:
        update_rows(conn, table, values, now, table.c.id == keep_id)


@dataclass(frozen=True)
class PupilSide:
    """One of the two registrations, as the Mogelijk dubbel page compares them."""

    pupil_id: str
    name: str
    birth_date: date
    school: str
    cases: tuple[str, ...]  # 'Aanmelding 10-11-2026, consulent Anna Jansen'
    contacts: int
    plan_versions: int


def pair(ctx: AppContext, conflict_id: str) -> tuple[PupilSide, PupilSide]:
    item = get_item(ctx, conflict_id)
    with ctx.vault.read() as conn:
        sides = tuple(_side(conn, pupil_id) for pupil_id in (item.other_id, item.row_id)
                      if pupil_id)
    if len(sides) != 2 or None in sides:
        raise ValidationError({"dubbel": "Een van de twee leerlingen staat niet (meer) op deze "
                                         "laptop. Synchroniseer en probeer opnieuw."})
    first, second = sides
    assert first is not None and second is not None
    return first, second


def _side(conn: Connection, pupil_id: str) -> PupilSide | None:
    pupil = conn.execute(select(pupils).where(pupils.c.id == pupil_id)).mappings().first()
    if pupil is None:
        return None
    case_ids = _cases_of(conn, pupil_id)
    rows = conn.execute(select(cases.c.aanmelding_date, cases.c.consulent).where(
        cases.c.id.in_(case_ids))).all()
    return PupilSide(
        pupil_id=pupil_id, name=f"{pupil['first_name']} {pupil['last_name']}",
        birth_date=pupil["birth_date"], school=pupil["school"],
        cases=tuple(f"Aanmelding {r.aanmelding_date:%d-%m-%Y}"
                    + (f" (consulent {r.consulent})" if r.consulent else "") for r in rows),
        contacts=_count(conn, contact_moments, case_ids),
        plan_versions=_count(conn, plan_versions, case_ids))


def _count(conn: Connection, table: Table, case_ids: list[str]) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(
        table.c.case_id.in_(case_ids))).scalar_one())
