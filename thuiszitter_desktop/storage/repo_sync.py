"""The laptop's sync bookkeeping: state, private cases, push batches and their answers.

See docs/sync.md. Writes of team records that come from the server go through
``sync_apply`` (never through the outbox: they are the server's state, not local edits).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, func, select, update

from thuiszitter_desktop.storage import sync_apply
from thuiszitter_desktop.storage.rows import delete_rows, upsert
from thuiszitter_desktop.storage.sync_codec import decode_row, dumps, encode_row
from thuiszitter_desktop.storage.sync_outbox import TOKEN_KEY, enqueue, utc_now
from thuiszitter_desktop.storage.sync_scope import (
    case_id_of,
    data_fields,
    synced_tables,
    table_named,
    table_order,
)
from thuiszitter_desktop.storage.tables import cases, pupils, schools
from thuiszitter_desktop.storage.tables_mdo import mdo_meetings
from thuiszitter_desktop.storage.tables_sync import (
    sync_inbox,
    sync_outbox,
    sync_pending_push,
    sync_private_cases,
    sync_state,
)

STATE_KEYS = ("server", "fingerprint", "device_id", TOKEN_KEY, "team", "user", "cursor",
              "last_sync", "unreachable_since", "revoked", "role", "team_figures")


# -- state ------------------------------------------------------------------------------------
def state(conn: Connection) -> dict[str, str]:
    return {key: value for key, value in conn.execute(select(sync_state.c.key,
                                                               sync_state.c.value))}


def set_state(conn: Connection, **values: str) -> None:
    for key, value in values.items():
        done = conn.execute(update(sync_state).where(sync_state.c.key == key)
                            .values(value=value))
        if not done.rowcount:
            conn.execute(sync_state.insert().values(key=key, value=value))


def clear_state(conn: Connection, *keys: str) -> None:
    conn.execute(delete(sync_state).where(sync_state.c.key.in_(keys)))


# -- private cases ----------------------------------------------------------------------------
def private_case_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(sync_private_cases.c.case_id)).scalars())


def make_all_private(conn: Connection) -> int:
    """At joining: every existing case stays on this laptop until it is offered to the team."""
    ids = list(conn.execute(select(cases.c.id)).scalars())
    if ids:
        conn.execute(sync_private_cases.insert(), [{"case_id": i} for i in ids])
    return len(ids)


def share_case(conn: Connection, case_id: str) -> None:
    """Offer one private case to the team: every row of it goes into the outbox as new."""
    conn.execute(delete(sync_private_cases).where(sync_private_cases.c.case_id == case_id))
    pupil_id = conn.execute(select(cases.c.pupil_id).where(cases.c.id == case_id)).scalar_one()
    _enqueue_rows(conn, pupils, pupils.c.id == pupil_id)
    for table in synced_tables():
        if table is cases:
            _enqueue_rows(conn, table, table.c.id == case_id)
        elif "case_id" in table.c and table is not pupils:
            _enqueue_rows(conn, table, table.c.case_id == case_id)


def _enqueue_rows(conn: Connection, table: Table, *where: Any) -> None:
    for row in conn.execute(select(table).where(*where)).mappings().all():
        _enqueue_new(conn, table, row)
        # Parents that belong to no case (an MDO meeting) travel along when still unsent.
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent.name in ("cases", "pupils") or table_named(parent.name) is None:
                continue
            if row[fk.parent.name]:
                for parent_row in conn.execute(select(parent).where(
                        fk.column == row[fk.parent.name])).mappings().all():
                    _enqueue_new(conn, parent, parent_row)


def _enqueue_new(conn: Connection, table: Table, row: Any) -> None:
    pending = conn.execute(select(sync_outbox.c.seq).where(
        sync_outbox.c.table_name == table.name, sync_outbox.c.row_id == row["id"])).first()
    if pending is None:
        enqueue(conn, table, row["id"], "upsert", None)


# -- outbox and pushes ------------------------------------------------------------------------
def unsent_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(sync_outbox)).scalar_one())


def pending_push(conn: Connection) -> dict[str, Any] | None:
    payload = conn.execute(select(sync_pending_push.c.payload)).scalar_one_or_none()
    return dict(json.loads(payload)) if payload else None


def take_batch(conn: Connection, limit: int) -> dict[str, Any] | None:
    """Freeze the oldest unsent changes as one push (id and content kept until answered)."""
    entries = conn.execute(select(sync_outbox).where(sync_outbox.c.push_id.is_(None))
                           .order_by(sync_outbox.c.seq).limit(limit)).all()
    if not entries:
        return None
    push_id = str(uuid.uuid4())
    changes = []
    for entry in entries:
        table = table_named(entry.table_name)
        if table is None:
            continue
        values = None
        if entry.op != "delete":
            row = conn.execute(select(table).where(table.c.id == entry.row_id)).mappings().first()
            if row is None:  # gone meanwhile without a tombstone: nothing to send
                conn.execute(delete(sync_outbox).where(sync_outbox.c.seq == entry.seq))
                continue
            values = encode_row(table, row)
        changes.append({"table": entry.table_name, "id": entry.row_id, "op": entry.op,
                        "base_version": entry.base_version,
                        "base": json.loads(entry.base) if entry.base else None,
                        "values": values, "changed_at": entry.changed_at.isoformat(),
                        "edits": entry.edits})
    conn.execute(update(sync_outbox).where(sync_outbox.c.seq.in_([e.seq for e in entries]))
                 .values(push_id=push_id))
    payload = {"push_id": push_id, "changes": changes}
    conn.execute(sync_pending_push.insert().values(push_id=push_id, payload=dumps(payload),
                                                   created_at=utc_now()))
    return payload


def finish_push(conn: Connection, payload: dict[str, Any], answer: dict[str, Any]) -> set[str]:
    """Store the server's answer to a push; returns the cases whose records changed.

    A record the server took as sent, and not edited here since, only gets its new version
    (in one statement per table); the others are written or merged one by one.
    """
    sent = {(c["table"], c["id"]): c for c in payload["changes"]}
    entries = {(e.table_name, e.row_id): e for e in conn.execute(
        select(sync_outbox).where(sync_outbox.c.push_id == payload["push_id"]))}
    touched: set[str] = set()
    done: list[int] = []
    versions: dict[str, list[dict[str, Any]]] = {}
    for result in answer.get("results", []):
        key = (result["table"], result["id"])
        change, table, entry = sent.get(key), table_named(str(result["table"])), entries.get(key)
        if change is None or table is None:
            continue
        if result["status"] == "geweigerd":  # the server does not know the table: try later
            continue
        if (entry is not None and entry.edits == change.get("edits")
                and not result.get("deleted") and change["op"] != "delete"
                and _same_data(table, change.get("values"), result.get("values"))):
            done.append(entry.seq)
            versions.setdefault(table.name, []).append(
                {"_row_id": result["id"], "_new_version": int(result["version"])})
            case_id = case_id_of(table, change["values"])
        else:
            case_id = sync_apply.apply_answer(conn, table, change, result)
        if case_id:
            touched.add(case_id)
    for name, rows in versions.items():
        table = table_named(name)
        assert table is not None
        conn.execute(update(table).where(table.c.id == bindparam("_row_id"))
                     .values(version=bindparam("_new_version")), rows)
    for start in range(0, len(done), 500):
        conn.execute(delete(sync_outbox).where(sync_outbox.c.seq.in_(done[start:start + 500])))
    conn.execute(update(sync_outbox).where(sync_outbox.c.push_id == payload["push_id"])
                 .values(push_id=None))
    conn.execute(delete(sync_pending_push))
    return touched


def _same_data(table: Table, sent: dict[str, Any] | None, server: dict[str, Any] | None) -> bool:
    if sent is None or server is None:
        return False
    return all(sent.get(name) == server.get(name) for name in data_fields(table))


# -- leaving ----------------------------------------------------------------------------------
def remove_team_data(conn: Connection) -> int:
    """After leaving (or a revoked device): every team record goes, private cases stay."""
    private = private_case_ids(conn)
    removed = 0
    for table in reversed(synced_tables()):
        query = delete(table)
        if table is cases:
            query = query.where(table.c.id.not_in(private))
        elif table is pupils:
            query = query.where(table.c.id.not_in(
                select(cases.c.pupil_id).where(cases.c.id.in_(private))))
        elif "case_id" in table.c:
            query = query.where(table.c.case_id.is_(None) | table.c.case_id.not_in(private))
        removed += conn.execute(query).rowcount or 0
    for table in (sync_outbox, sync_inbox, sync_pending_push, sync_private_cases):
        conn.execute(delete(table))
    clear_state(conn, *STATE_KEYS)
    return removed


ROOT_TABLES = (cases, pupils, mdo_meetings, schools)  # what a scope names (server/scope.py)


def local_roots(conn: Connection) -> dict[str, set[str]]:
    """The ids of every root record on this laptop, private cases (and their pupils) left out."""
    private = private_case_ids(conn)
    own_pupils = set(conn.execute(select(cases.c.pupil_id).where(
        cases.c.id.in_(private))).scalars()) if private else set()
    found = {t.name: set(conn.execute(select(t.c.id)).scalars()) for t in ROOT_TABLES}
    found["cases"] -= private
    found["pupils"] -= own_pupils
    return found


def remove_roots(conn: Connection, gone: dict[str, set[str]]) -> int:
    """Remove records that left this device's scope, with everything under them, without a
    trace in the outbox (nothing is deleted on the server); returns the number of rows."""
    removed = 0
    for table in ROOT_TABLES:  # cases before their pupils, meetings before schools
        ids = sorted(gone.get(table.name, ()))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            if table is cases:
                _drop_outbox_of_cases(conn, chunk)
            removed += conn.execute(delete(table).where(table.c.id.in_(chunk))).rowcount or 0
            conn.execute(delete(sync_outbox).where(sync_outbox.c.table_name == table.name,
                                                   sync_outbox.c.row_id.in_(chunk)))
    return removed


def _drop_outbox_of_cases(conn: Connection, case_ids: list[str]) -> None:
    """Unsent changes of rows of these cases go with them (the server would refuse them)."""
    for table in synced_tables():
        if "case_id" in table.c and table is not cases:
            rows = select(table.c.id).where(table.c.case_id.in_(case_ids))
            conn.execute(delete(sync_outbox).where(sync_outbox.c.table_name == table.name,
                                                   sync_outbox.c.row_id.in_(rows)))


def drop_refused(conn: Connection, refused: Iterable[tuple[str, str]]) -> None:
    """Changes the server refused leave the outbox and the push in flight (the records
    themselves are then set back to the server's values, ``forget_records``)."""
    for name, row_id in refused:
        conn.execute(delete(sync_outbox).where(sync_outbox.c.table_name == name,
                                               sync_outbox.c.row_id == row_id))
    conn.execute(update(sync_outbox).values(push_id=None))
    conn.execute(delete(sync_pending_push))


def forget_records(conn: Connection, rows: Iterable[tuple[str, str]]) -> None:
    """Remove records the server does not have for this user (children first), untracked."""
    order = table_order()
    for name, row_id in sorted(rows, key=lambda r: -order.get(r[0], 0)):
        table = table_named(name)
        if table is not None:
            conn.execute(delete(table).where(table.c.id == row_id))


def case_ids_with(conn: Connection, ids: Iterable[str]) -> set[str]:
    return set(conn.execute(select(cases.c.id).where(cases.c.id.in_(list(ids)))).scalars())


# -- records by table name (conflict decisions) -------------------------------------------------
def get_record(conn: Connection, table: Table, row_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return encode_row(table, row) if row is not None else None


def save_record(conn: Connection, table: Table, values: dict[str, Any], now: Any) -> None:
    """A local edit of some fields of a record (JSON values), through the outbox."""
    fields = {k: v for k, v in decode_row(table, values).items()
              if k not in ("created_at", "updated_at", "version")}
    upsert(conn, table, fields, now)


def restore_record(conn: Connection, table: Table, values: dict[str, Any], tombstone_version: int,
                   now: Any) -> None:
    """Put a record the team deleted back, on purpose (its outbox entry names the tombstone)."""
    save_record(conn, table, values, now)
    conn.execute(update(sync_outbox).where(sync_outbox.c.table_name == table.name,
                                           sync_outbox.c.row_id == values["id"])
                 .values(base_version=tombstone_version))


def delete_record(conn: Connection, table: Table, row_id: str) -> None:
    delete_rows(conn, table, table.c.id == row_id)
