"""Applying a push: a three-way merge per record, conflicts recorded, every change numbered.

Pushes are serialised with a transaction-level advisory lock, so sequence numbers are
committed in order and a pull never passes a number that commits later (docs/sync.md).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, Connection, Row, Table, select, text, update

from thuiszitter_desktop.domain.sync_merge import merge_push, next_free_number, same_pupil
from thuiszitter_desktop.server import audit, registry
from thuiszitter_desktop.server.auth import Principal
from thuiszitter_desktop.server.scope import Scope, refusals
from thuiszitter_desktop.server.tables import srv_pushes, srv_users
from thuiszitter_desktop.storage.sync_codec import decode_row, dumps, encode_row
from thuiszitter_desktop.storage.sync_scope import (
    case_id_of,
    data_fields,
    synced_tables,
    table_named,
    table_order,
    unique_keys,
)
from thuiszitter_desktop.storage.tables import pupils
from thuiszitter_desktop.storage.tables_plan import plan_versions
from thuiszitter_desktop.storage.tables_sync import case_merges, sync_conflicts

PUSH_LOCK = 2020_0020
# Two resolutions of one conflict: the first stands (the records themselves carry the values).
NO_CONFLICT_ON = frozenset({sync_conflicts.name})


@dataclass
class Push:
    conn: Connection
    who: Principal
    now: datetime
    conflicts: list[str] = field(default_factory=list)
    case_ids: set[str] = field(default_factory=set)
    # Read for the whole push at once (a first share sends thousands of records).
    entries: dict[tuple[str, str], Row[Any]] = field(default_factory=dict)
    current: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    present: dict[str, set[str]] = field(default_factory=dict)  # ids per table known to exist

    def prefetch(self, changes: list[dict[str, Any]]) -> None:
        ids: dict[str, list[str]] = {}
        for change in changes:
            ids.setdefault(str(change.get("table")), []).append(str(change["id"]))
        for name, row_ids in ids.items():
            table = table_named(name)
            if table is None:
                continue
            for start in range(0, len(row_ids), 1000):
                chunk = row_ids[start:start + 1000]
                self.entries.update(((name, e.row_id), e) for e in registry.entries(
                    self.conn, table, chunk))
                self.current.update(((name, k), v) for k, v in registry.live_rows(
                    self.conn, table, chunk).items())
            self.present.setdefault(name, set()).update(
                row_id for (table_name, row_id) in self.current if table_name == name)

    def exists(self, table: Table, row_id: str) -> bool:
        known = self.present.setdefault(table.name, set())
        if row_id in known:
            return True
        if self.conn.execute(select(table.c.id).where(table.c.id == row_id)).first():
            known.add(row_id)
            return True
        return False


class PushRefused(Exception):
    """A push with changes the user's role may not make: nothing of it is stored."""

    def __init__(self, refused: list[dict[str, str]]) -> None:
        reasons = list(dict.fromkeys(r["reden"] for r in refused))
        super().__init__("De server heeft uw wijzigingen geweigerd; er is niets van "
                         "opgeslagen. " + " ".join(reasons))
        self.message = str(self)
        self.refused = refused


def process_push(conn: Connection, who: Principal, body: dict[str, Any],
                 now: datetime, scope: Scope) -> dict[str, Any]:
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PUSH_LOCK})
    push_id = str(body["push_id"])
    stored = conn.execute(select(srv_pushes.c.answer)
                          .where(srv_pushes.c.push_id == push_id)).scalar_one_or_none()
    if stored is not None:
        return dict(json.loads(stored))
    push = Push(conn, who, now)
    changes = ordered(body.get("changes", []))
    # Only tables the role may write are read (a school role may not read the others).
    refused = refusals(scope, changes, {})
    if refused:
        raise PushRefused(refused)
    push.prefetch(changes)
    refused = refusals(scope, changes, push.current)
    if refused:
        raise PushRefused(refused)
    results = [apply_change(push, change) for change in changes]
    answer = {"push_id": push_id, "results": results, "conflicts": push.conflicts}
    conn.execute(srv_pushes.insert().values(push_id=push_id, device_id=who.device_id,
                                            received_at=now, answer=dumps(answer)))
    audit.log(conn, now, who.user_id, who.device_id, "push", push.case_ids, len(results))
    return answer


def ordered(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parents before children for upserts, children before parents for deletes."""
    order = table_order()
    last = len(order)

    def key(change: dict[str, Any]) -> tuple[int, int]:
        rank = order.get(str(change.get("table")), last)
        return (1, -rank) if change.get("op") == "delete" else (0, rank)

    return sorted(changes, key=key)


def result(change: dict[str, Any], status: str, version: int, *, deleted: bool = False,
           values: dict[str, Any] | None = None, conflict: str | None = None) -> dict[str, Any]:
    return {"table": change["table"], "id": change["id"], "status": status,
            "version": version, "deleted": deleted, "values": values, "conflict": conflict}


def apply_change(push: Push, change: dict[str, Any]) -> dict[str, Any]:
    table = table_named(str(change.get("table")))
    if table is None:
        return result(change, "geweigerd", 0)
    row_id = str(change["id"])
    entry = push.entries.get((table.name, row_id))
    current = push.current.get((table.name, row_id))
    if change.get("op") == "delete":
        return _delete(push, table, change, entry, current)
    if current is None:
        return _insert(push, table, change, entry)
    return _update(push, table, change, entry, current)


def _delete(push: Push, table: Table, change: dict[str, Any], entry: Row[Any] | None,
            current: dict[str, Any] | None) -> dict[str, Any]:
    if current is None:
        return result(change, "ok", entry.version if entry else 0, deleted=True)
    row_id = str(change["id"])
    base = change.get("base") or {}
    version = entry.version if entry else 0
    edited = any(current.get(f) != base.get(f) for f in data_fields(table))
    if (int(change.get("base_version") or 0) < version and edited) or _has_children(
            push.conn, table, row_id):
        conflict = _conflict(push, "verwijderd", table, row_id, case_id_of(table, current),
                             {"server": current, "client": None}, entry, change)
        return result(change, "conflict", version, values=current, conflict=conflict)
    push.conn.execute(table.delete().where(table.c.id == row_id))
    push.present.get(table.name, set()).discard(row_id)
    push.current.pop((table.name, row_id), None)
    _mark(push, table, row_id, version + 1, current, deleted=True, tombstone=dumps(current))
    return result(change, "ok", version + 1, deleted=True)


def _insert(push: Push, table: Table, change: dict[str, Any],
            entry: Row[Any] | None) -> dict[str, Any]:
    row_id = str(change["id"])
    values = dict(change.get("values") or {})
    base_version = int(change.get("base_version") or 0)
    if entry is not None and entry.deleted and base_version != entry.version:
        tombstone = json.loads(entry.tombstone or "{}")
        return result(change, "conflict", entry.version, deleted=True, conflict=_conflict(
            push, "verwijderd", table, row_id, case_id_of(table, values),
            {"server": None, "client": values, "last": tombstone}, entry, change))
    missing = _repoint_or_missing(push, table, values)
    if missing:
        return result(change, "conflict", 0, deleted=True, conflict=_conflict(
            push, "verwijderd", table, row_id, case_id_of(table, values),
            {"server": None, "client": values, "parent": missing}, entry, change))
    existing = _same_key(push.conn, table, values)
    if existing is not None:
        return _met_existing(push, table, change, values, existing)
    clash = _renumber_plan_version(push.conn, table, values)
    row = decode_row(table, values)
    row.update(id=row_id, updated_at=push.now, version=(entry.version if entry else 0) + 1)
    row.setdefault("created_at", push.now)
    push.conn.execute(table.insert().values(**row))
    fresh = encode_row(table, row)
    push.current[(table.name, row_id)] = fresh
    push.present.setdefault(table.name, set()).add(row_id)
    _mark(push, table, row_id, row["version"], fresh)
    conflict: str | None = None
    if clash is not None:
        conflict = _conflict(push, "plan", table, row_id, case_id_of(table, fresh),
                             {"number": fresh.get("number")}, None, change, other_id=clash)
    if table is pupils:
        conflict = _duplicate_pupil(push, fresh, change) or conflict
    return result(change, "ok", row["version"], values=fresh, conflict=conflict)


def _update(push: Push, table: Table, change: dict[str, Any], entry: Row[Any] | None,
            current: dict[str, Any]) -> dict[str, Any]:
    row_id = str(change["id"])
    values = dict(change.get("values") or {})
    merged = merge_push(data_fields(table), change.get("base") or {}, current, values)
    version = entry.version if entry else 0
    conflict = None
    if merged.conflicts and table.name not in NO_CONFLICT_ON:
        conflict = _conflict(push, "veld", table, row_id, case_id_of(table, current), {
            "fields": [{"field": c.field, "base": c.base, "server": c.server,
                        "client": c.client} for c in merged.conflicts]}, entry, change)
    if merged.applied:
        applied = {name: merged.values[name] for name in merged.applied}
        _repoint_or_missing(push, table, applied, only_present=True)
        version += 1
        push.conn.execute(update(table).where(table.c.id == row_id).values(
            **decode_row(table, applied), updated_at=push.now, version=version))
        current = {**current, **applied, "version": version,
                   "updated_at": push.now.isoformat()}
        push.current[(table.name, row_id)] = current
        _mark(push, table, row_id, version, current)
    return result(change, "conflict" if conflict else "ok", version, values=current,
                  conflict=conflict)


def _mark(push: Push, table: Table, row_id: str, version: int, values: dict[str, Any], *,
          deleted: bool = False, tombstone: str | None = None) -> None:
    case_id = case_id_of(table, values)
    if case_id:
        push.case_ids.add(case_id)
    registry.mark(push.conn, table, row_id, version=version, deleted=deleted, case_id=case_id,
                  at=push.now, user_id=push.who.user_id, device_id=push.who.device_id,
                  tombstone=tombstone)


# -- relations --------------------------------------------------------------------------------
@cache
def _children_of(table_name: str) -> tuple[tuple[Table, Column[Any]], ...]:
    return tuple((t, fk.parent) for t in synced_tables() for fk in t.foreign_keys
                 if fk.column.table.name == table_name)


def _has_children(conn: Connection, table: Table, row_id: str) -> bool:
    """A record still referred to (e.g. a contact added meanwhile) is not deleted silently."""
    return any(conn.execute(select(child.c.id).where(column == row_id).limit(1)).first()
               for child, column in _children_of(table.name))


def _repoint_or_missing(push: Push, table: Table, values: dict[str, Any],
                        only_present: bool = False) -> str | None:
    """Check each parent a row refers to. A merged case's rows go to the case it went into;
    returns the name of a parent that is gone, if any."""
    for fk in table.foreign_keys:
        name = fk.parent.name
        if (only_present and name not in values) or not values.get(name):
            continue
        parent = fk.column.table
        if fk.column.name == "id" and push.exists(parent, str(values[name])):
            continue
        if fk.column.name != "id" and push.conn.execute(
                select(fk.column).where(fk.column == values[name])).first():
            continue
        into = None
        if parent.name == "cases":
            into = push.conn.execute(select(case_merges.c.into_case_id).where(
                case_merges.c.from_case_id == values[name])).scalar_one_or_none()
        if into is None:
            return parent.name
        values[name] = into
    return None


def _same_key(conn: Connection, table: Table, values: dict[str, Any]) -> str | None:
    """Another record with the same unique key (a plan version's number is renumbered)."""
    for key in unique_keys(table):
        if table is plan_versions or any(values.get(name) is None for name in key):
            continue
        decoded = decode_row(table, {name: values[name] for name in key})
        found = conn.execute(select(table.c.id).where(
            *(table.c[name] == decoded[name] for name in key))).scalar_one_or_none()
        if found is not None:
            return str(found)
    return None


def _met_existing(push: Push, table: Table, change: dict[str, Any], values: dict[str, Any],
                  existing_id: str) -> dict[str, Any]:
    """A new record for a key the team already has (two laptops wrote the story of the same
    quarter): it is not stored twice; where it differs it is a conflict on the existing one,
    so both values are kept. The laptop drops its copy and gets the team's record."""
    existing = registry.live_values(push.conn, table, existing_id) or {}
    merged = merge_push(data_fields(table), {}, existing, values)
    conflict = None
    if merged.conflicts:
        conflict = _conflict(push, "veld", table, existing_id, case_id_of(table, existing), {
            "fields": [{"field": c.field, "base": c.base, "server": c.server,
                        "client": c.client} for c in merged.conflicts]},
            push.entries.get((table.name, existing_id)) or registry.entry(
                push.conn, table, existing_id), change)
    return result(change, "conflict" if conflict else "ok", 0, deleted=True, conflict=conflict)


def _renumber_plan_version(conn: Connection, table: Table, values: dict[str, Any]) -> str | None:
    """Two laptops made the same new version number: the later one gets the next number."""
    if table is not plan_versions:
        return None
    numbers = dict(conn.execute(select(plan_versions.c.number, plan_versions.c.id).where(
        plan_versions.c.case_id == values.get("case_id"))).all())
    if values.get("number") not in numbers:
        return None
    clash = numbers[values["number"]]
    values["number"] = next_free_number(numbers)
    document = json.loads(str(values.get("document") or "{}"))
    document["version"] = values["number"]
    values["document"] = json.dumps(document, ensure_ascii=False)
    return str(clash)


def _duplicate_pupil(push: Push, pupil: dict[str, Any], change: dict[str, Any]) -> str | None:
    others = push.conn.execute(select(pupils.c.id, pupils.c.first_name, pupils.c.last_name)
                               .where(pupils.c.birth_date == decode_row(
                                   pupils, {"birth_date": pupil["birth_date"]})["birth_date"],
                                   pupils.c.id != pupil["id"])).all()
    for other in others:
        if same_pupil(pupil["first_name"], pupil["last_name"], pupil["birth_date"],
                      other.first_name, other.last_name, pupil["birth_date"]):
            # "Eerst" is whoever registered the pupil the server already had.
            first = registry.entry(push.conn, pupils, str(other.id))
            return _conflict(push, "dubbel", pupils, str(pupil["id"]), None,
                             {"pupil": pupil["id"], "other": other.id}, first, change,
                             other_id=str(other.id))
    return None


# -- conflict records -------------------------------------------------------------------------
def _conflict(push: Push, kind: str, table: Table, row_id: str, case_id: str | None,
              detail: dict[str, Any], entry: Row[Any] | None, change: dict[str, Any],
              other_id: str | None = None) -> str:
    conflict_id = str(uuid.uuid4())
    server_by = ""
    if entry is not None and entry.user_id:
        server_by = push.conn.execute(select(srv_users.c.display_name).where(
            srv_users.c.id == entry.user_id)).scalar_one_or_none() or ""
    row = {
        "id": conflict_id, "kind": kind, "table_name": table.name, "row_id": row_id,
        "case_id": case_id, "other_id": other_id, "detail": dumps(detail),
        "server_version": entry.version if entry else 0, "server_by": server_by,
        "server_at": entry.changed_at if entry else None, "client_by": push.who.display_name,
        "client_at": _laptop_time(change.get("changed_at")), "status": "open",
        "resolution": "", "resolved_by": "", "resolved_at": None,
        "created_at": push.now, "updated_at": push.now, "version": 1,
    }
    push.conn.execute(sync_conflicts.insert().values(**row))
    # Made by the server, not by the pushing device: every laptop pulls it, the pusher too.
    registry.mark(push.conn, sync_conflicts, conflict_id, version=1, deleted=False,
                  case_id=case_id, at=push.now, user_id=None, device_id=None)
    push.conflicts.append(conflict_id)
    return conflict_id


def _laptop_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
