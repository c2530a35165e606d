"""Applying the server's records on the laptop: pulled pages and answers to pushes.

A record without unsent local edits simply takes the server's values. One with unsent edits
is merged per field (``domain.sync_merge.merge_incoming``), so nothing typed on this laptop is
overwritten. A record whose parent has not arrived yet waits in ``sync_inbox``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, select, update

from thuiszitter_desktop.domain.sync_merge import merge_incoming, next_free_number
from thuiszitter_desktop.storage import repo_plan
from thuiszitter_desktop.storage.sync_codec import decode_row, dumps, encode_row
from thuiszitter_desktop.storage.sync_scope import (
    case_id_of,
    data_fields,
    synced_tables,
    table_named,
    table_order,
    unique_keys,
)
from thuiszitter_desktop.storage.tables_plan import plan_versions
from thuiszitter_desktop.storage.tables_sync import sync_inbox, sync_outbox


def _entry(conn: Connection, table: Table, row_id: str) -> Row[Any] | None:
    return conn.execute(select(sync_outbox).where(sync_outbox.c.table_name == table.name,
                                                  sync_outbox.c.row_id == row_id)).first()


def _local(conn: Connection, table: Table, row_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return encode_row(table, row) if row is not None else None


def write_clean(conn: Connection, table: Table, row_id: str, version: int,
                values: dict[str, Any] | None) -> None:
    """Make the local record the server's (``values`` None: deleted). No outbox entry."""
    if values is None:
        conn.execute(delete(table).where(table.c.id == row_id))
        return
    row = decode_row(table, values)
    row.update(id=row_id, version=version)
    done = conn.execute(update(table).where(table.c.id == row_id).values(**row))
    if not done.rowcount:
        conn.execute(table.insert().values(**row))


# -- answers to a push ------------------------------------------------------------------------
def apply_answer(conn: Connection, table: Table, sent: dict[str, Any],
                 result: dict[str, Any]) -> str | None:
    """The server's record after our change (merged, or kept because of a conflict)."""
    row_id = str(result["id"])
    entry = _entry(conn, table, row_id)
    values = None if result.get("deleted") else result.get("values")
    version = int(result["version"])
    if entry is None or entry.edits == sent.get("edits"):
        # Nothing typed since the push was made: the server's record is ours now.
        if entry is not None:
            conn.execute(delete(sync_outbox).where(sync_outbox.c.seq == entry.seq))
        write_clean(conn, table, row_id, version, values)
        _after_write(conn, table, values)
        return case_id_of(table, values or sent.get("values") or sent.get("base") or {})
    # Edited again while the push was on its way: merge against what we sent.
    if values is not None and entry.op != "delete":
        local = _local(conn, table, row_id) or {}
        merged, base = merge_incoming(data_fields(table), sent.get("values") or {}, local,
                                      values)
        _write_merged(conn, table, row_id, version, merged)
        conn.execute(update(sync_outbox).where(sync_outbox.c.seq == entry.seq)
                     .values(base=dumps(base), base_version=version))
    return case_id_of(table, values or {})


def _write_merged(conn: Connection, table: Table, row_id: str, version: int,
                  merged: dict[str, Any]) -> None:
    row = decode_row(table, {k: v for k, v in merged.items() if k != "version"})
    row.update(version=version)
    conn.execute(update(table).where(table.c.id == row_id).values(**row))


# -- pulled pages -----------------------------------------------------------------------------
def apply_page(conn: Connection, changes: list[dict[str, Any]]) -> set[str]:
    """Store one page of pulled records; returns the cases they touched.

    Records new to this laptop (the bulk of a first sync) are inserted per table in one
    statement; the others (known here, with unsent work, or waiting for a parent) one by one.
    """
    order = table_order()
    touched: set[str] = set()
    upserts: dict[str, list[dict[str, Any]]] = {}
    deletes: list[dict[str, Any]] = []
    for change in changes:
        if table_named(str(change["table"])) is None:
            continue  # a table this version does not know (a newer server): skipped
        if change["deleted"]:
            deletes.append(change)
        else:
            upserts.setdefault(str(change["table"]), []).append(change)
    inserted: dict[str, set[str]] = {}
    for name in sorted(upserts, key=lambda n: order.get(n, 0)):
        table = table_named(name)
        assert table is not None
        one_by_one = _insert_new(conn, table, upserts[name], inserted, touched)
        for change in one_by_one:
            _apply_or_park(conn, table, change, touched)
    for change in sorted(deletes, key=lambda c: -order.get(c["table"], 0)):
        table = table_named(str(change["table"]))
        assert table is not None
        _apply_or_park(conn, table, change, touched)
    _retry_parked(conn, touched)
    _refresh_plan_clocks(conn, touched, changes)
    return touched


def _apply_or_park(conn: Connection, table: Table, change: dict[str, Any],
                   touched: set[str]) -> None:
    if apply_pulled(conn, table, change, touched):
        conn.execute(delete(sync_inbox).where(sync_inbox.c.table_name == table.name,
                                              sync_inbox.c.row_id == change["id"]))
    else:
        _park(conn, change)


def _present(conn: Connection, column: Any, values: set[str]) -> set[str]:
    found: set[str] = set()
    listed = sorted(values)
    for start in range(0, len(listed), 500):
        found |= set(conn.execute(select(column).where(
            column.in_(listed[start:start + 500]))).scalars())
    return found


def _taken_numbers(conn: Connection, case_ids: set[str]) -> set[tuple[str, int]]:
    taken: set[tuple[str, int]] = set()
    listed = sorted(case_ids)
    for start in range(0, len(listed), 500):
        taken |= {(str(r.case_id), int(r.number)) for r in conn.execute(
            select(plan_versions.c.case_id, plan_versions.c.number).where(
                plan_versions.c.case_id.in_(listed[start:start + 500])))}
    return taken


def _insert_new(conn: Connection, table: Table, changes: list[dict[str, Any]],
                inserted: dict[str, set[str]], touched: set[str]) -> list[dict[str, Any]]:
    """Insert the records this laptop has never had, in one statement; return the rest."""
    ids = {str(c["id"]) for c in changes}
    known = _present(conn, table.c.id, ids)
    if conn.execute(select(sync_outbox.c.seq).limit(1)).first():  # none on a new laptop
        known |= _present(conn, sync_outbox.c.row_id, ids)
    parked: set[str] = set()
    if conn.execute(select(sync_inbox.c.seq).limit(1)).first():
        parked = _present(conn, sync_inbox.c.row_id, ids)
    rest = [c for c in changes if c["id"] in known or c["id"] in parked]
    fresh = [c for c in changes if c["id"] not in known and c["id"] not in parked]
    if table is not plan_versions and unique_keys(table):
        free = {str(c["id"]) for c in fresh if _key_free(conn, table, str(c["id"]), c["values"])}
        rest += [c for c in fresh if c["id"] not in free]
        fresh = [c for c in fresh if c["id"] in free]
    if table is plan_versions:  # numbers unique per case: a version whose number is taken
        taken = _taken_numbers(conn, {str(c["values"]["case_id"]) for c in fresh})
        clashing = []  # here goes the careful path
        for change in fresh:
            key = (str(change["values"]["case_id"]), int(change["values"]["number"]))
            if key in taken:
                clashing.append(change)
            taken.add(key)
        rest += clashing
        fresh = [c for c in fresh if c not in clashing]
    for fk in table.foreign_keys:
        just_made = inserted.get(fk.column.table.name, set())
        wanted = {str(v) for c in fresh if (v := c["values"].get(fk.parent.name))} - just_made
        there = _present(conn, fk.column, wanted) | just_made
        name = fk.parent.name
        missing = [c for c in fresh if c["values"].get(name) is not None
                   and c["values"][name] not in there]
        if missing:  # waits for its parent (in a later page): the careful path parks it
            rest += missing
            fresh = [c for c in fresh if c["values"].get(name) is None
                     or c["values"][name] in there]
    if fresh:
        conn.execute(table.insert(), [
            {**decode_row(table, c["values"]), "id": c["id"], "version": int(c["version"])}
            for c in fresh])
        inserted.setdefault(table.name, set()).update(str(c["id"]) for c in fresh)
        touched.update(case_id for c in fresh if (case_id := case_id_of(table, c["values"])))
    return rest


def apply_pulled(conn: Connection, table: Table, change: dict[str, Any],
                 touched: set[str]) -> bool:
    """Apply one pulled record; False when it must wait for a parent."""
    row_id = str(change["id"])
    values = None if change["deleted"] else change["values"]
    version = int(change["version"])
    entry = _entry(conn, table, row_id)
    local = _local(conn, table, row_id)
    if local is not None and (case_id := case_id_of(table, local)):
        touched.add(case_id)
    if entry is not None:
        # Unsent local work on this record: merge, never overwrite (the server decides at push).
        if values is not None and entry.op != "delete" and local is not None:
            merged, base = merge_incoming(data_fields(table),
                                          json.loads(entry.base) if entry.base else {}, local,
                                          values)
            _write_merged(conn, table, row_id, version, merged)
            conn.execute(update(sync_outbox).where(sync_outbox.c.seq == entry.seq)
                         .values(base=dumps(base), base_version=version))
        return True
    if values is None:
        if _has_unsent_children(conn, table, row_id):
            return False  # our unsent rows under it go first (the server then decides)
        write_clean(conn, table, row_id, version, None)
        return True
    if not (_parents_present(conn, table, values) and _number_free(conn, table, row_id, values)
            and _key_free(conn, table, row_id, values)):
        return False
    write_clean(conn, table, row_id, version, values)
    if (case_id := case_id_of(table, values)):
        touched.add(case_id)
    return True


def _after_write(conn: Connection, table: Table, values: dict[str, Any] | None) -> None:
    if table is plan_versions and values is not None:
        repo_plan.refresh_clocks(conn, [str(values["case_id"])])


def _refresh_plan_clocks(conn: Connection, touched: set[str],
                         changes: list[dict[str, Any]]) -> None:
    """``plan_clocks`` is derived: recompute it for the cases whose plan changed."""
    cases = {str(c["values"]["case_id"]) for c in changes
             if c["table"] == plan_versions.name and c["values"]}
    if any(c["table"] == plan_versions.name and c["deleted"] for c in changes):
        cases |= touched  # a deleted version names no case: every case touched here
    if cases:
        repo_plan.refresh_clocks(conn, cases)


def _parents_present(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    for fk in table.foreign_keys:
        value = values.get(fk.parent.name)
        if value and conn.execute(select(fk.column).where(fk.column == value)).first() is None:
            return False
    return True


def _has_unsent_children(conn: Connection, table: Table, row_id: str) -> bool:
    for child in synced_tables():
        for fk in child.foreign_keys:
            if fk.column.table is table:
                ids = select(child.c.id).where(fk.parent == row_id)
                if conn.execute(select(sync_outbox.c.seq).where(
                        sync_outbox.c.table_name == child.name,
                        sync_outbox.c.row_id.in_(ids))).first():
                    return True
    return False


def _number_free(conn: Connection, table: Table, row_id: str, values: dict[str, Any]) -> bool:
    """A plan version number taken here by an unsent local version: ours moves up (the server
    gives numbers in the order it receives them). Taken by a synced one: wait for its change."""
    if table is not plan_versions:
        return True
    clash = conn.execute(select(plan_versions.c.id).where(
        plan_versions.c.case_id == values["case_id"], plan_versions.c.number == values["number"],
        plan_versions.c.id != row_id)).scalar_one_or_none()
    if clash is None:
        return True
    if _entry(conn, plan_versions, clash) is None:
        return False
    numbers = conn.execute(select(plan_versions.c.number).where(
        plan_versions.c.case_id == values["case_id"])).scalars().all()
    new_number = next_free_number([*numbers, int(values["number"])])
    document = json.loads(conn.execute(select(plan_versions.c.document).where(
        plan_versions.c.id == clash)).scalar_one())
    document["version"] = new_number
    conn.execute(update(plan_versions).where(plan_versions.c.id == clash).values(
        number=new_number, document=json.dumps(document, ensure_ascii=False)))
    return True


def _key_free(conn: Connection, table: Table, row_id: str, values: dict[str, Any]) -> bool:
    """Another record here holds the same unique key: wait (our unsent one goes first and the
    server keeps one; a synced one is replaced by a later change of this pull)."""
    for key in unique_keys(table):
        if table is plan_versions or any(values.get(name) is None for name in key):
            continue
        decoded = decode_row(table, {name: values[name] for name in key})
        if conn.execute(select(table.c.id).where(
                table.c.id != row_id, *(table.c[name] == decoded[name] for name in key))).first():
            return False
    return True


def _park(conn: Connection, change: dict[str, Any]) -> None:
    key = (sync_inbox.c.table_name == change["table"]) & (sync_inbox.c.row_id == change["id"])
    conn.execute(delete(sync_inbox).where(key))
    conn.execute(sync_inbox.insert().values(table_name=change["table"], row_id=change["id"],
                                            seq=int(change.get("seq") or 0),
                                            payload=dumps(change)))


def _retry_parked(conn: Connection, touched: set[str]) -> None:
    while True:
        parked = [json.loads(p) for p in conn.execute(
            select(sync_inbox.c.payload).order_by(sync_inbox.c.seq)).scalars()]
        progress = False
        for change in parked:
            table = table_named(str(change["table"]))
            if table is None or apply_pulled(conn, table, change, touched):
                conn.execute(delete(sync_inbox).where(
                    sync_inbox.c.table_name == change["table"],
                    sync_inbox.c.row_id == change["id"]))
                progress = True
        if not progress:
            return


def parked_count(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.count()).select_from(sync_inbox)).scalar_one())
