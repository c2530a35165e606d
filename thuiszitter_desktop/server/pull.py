"""Serving a pull: every record (or tombstone) past the laptop's cursor, in the server's order,
within the user's scope (``scope.pull_condition``, rows) and as the role sees it
(``scope.project``, fields). ``catch_up`` hands a device the records of what entered its scope
(a consent given, a pupil moved to its school), whatever their place in the order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, or_, select, true

from thuiszitter_desktop.domain.roles import reads
from thuiszitter_desktop.server import audit, registry
from thuiszitter_desktop.server.auth import Principal
from thuiszitter_desktop.server.scope import Scope, project, pull_condition
from thuiszitter_desktop.server.tables import srv_rows
from thuiszitter_desktop.storage.sync_codec import encode_row
from thuiszitter_desktop.storage.sync_scope import RECORD_COLUMNS, table_named
from thuiszitter_desktop.storage.tables_mdo import mdo_items, mdo_participants

MAX_LIMIT = 5000


def pull(conn: Connection, who: Principal, scope: Scope, since: int, limit: int,
         now: datetime, own: bool = False) -> dict[str, Any]:
    """``own``: also the records this device changed last (it has them from the push answers;
    only a laptop starting over after a server restore asks for them)."""
    limit = max(1, min(limit, MAX_LIMIT))
    # Read before the rows: a push committing in between only adds rows past it.
    latest = registry.latest_seq(conn)
    if since > latest:
        # The server's database is older than this laptop's cursor (restored from a backup).
        return {"changes": [], "next": 0, "more": True, "latest": latest, "reset": True}
    found = conn.execute(
        select(srv_rows.c.seq, srv_rows.c.table_name, srv_rows.c.row_id, srv_rows.c.version,
               srv_rows.c.deleted, srv_rows.c.case_id)
        .where(srv_rows.c.seq > since, pull_condition(scope),
               true() if own else or_(srv_rows.c.device_id.is_(None),
                                      srv_rows.c.device_id != who.device_id))
        .order_by(srv_rows.c.seq).limit(limit)).all()
    changes = _changes(conn, scope, found)
    full = len(found) == limit
    last = found[-1].seq if found else since
    audit.log(conn, now, who.user_id, who.device_id, "pull", (r.case_id for r in found),
              len(changes))
    return {"changes": changes, "next": last if full else max(last, latest), "more": full,
            "latest": latest, "reset": False}


def _columns(scope: Scope, table: Table) -> list[Any]:
    """What to read: a school role's database role may read only its columns."""
    allowed = (reads(scope.role) or {}).get(table.name) if not scope.everything else None
    if allowed is None:
        return [table]
    return [c for c in table.columns if c.name == "id" or c.name in RECORD_COLUMNS
            or c.name in allowed]


Found = Sequence[Row[Any, Any, Any, Any, Any, Any]]


def _changes(conn: Connection, scope: Scope, found: Found) -> list[dict[str, Any]]:
    live: dict[str, list[str]] = defaultdict(list)
    for row in found:
        if not row.deleted:
            live[row.table_name].append(row.row_id)
    values: dict[tuple[str, str], dict[str, Any] | None] = {}
    for name, ids in live.items():
        table = table_named(name)
        if table is None:
            continue
        for start in range(0, len(ids), 1000):
            for record in conn.execute(select(*_columns(scope, table)).where(
                    table.c.id.in_(ids[start:start + 1000]))).mappings():
                values[(name, record["id"])] = project(scope, table,
                                                       encode_row(table, record))
    changes = []
    for row in found:
        key = (row.table_name, row.row_id)
        if key in values and values[key] is None:
            continue  # a row this role does not receive (e.g. a consent for care providers)
        record_values = values.get(key)
        deleted = row.deleted or record_values is None
        changes.append({"seq": row.seq, "table": row.table_name, "id": row.row_id,
                        "version": row.version, "deleted": deleted,
                        "values": None if deleted else record_values})
    return changes


def catch_up(conn: Connection, who: Principal, scope: Scope, wanted: dict[str, Any],
             now: datetime) -> dict[str, Any]:
    """The live records of the roots a device lacks (``wanted``: ids per root table, and
    ``rows``: single records to fetch again), limited to the scope."""
    def ids(name: str, allowed: frozenset[str]) -> list[str]:
        return sorted({str(i) for i in wanted.get(name) or []} & allowed)

    case_ids = ids("cases", scope.cases)
    meetings = ids("mdo_meetings", scope.meetings)
    c = srv_rows.c
    conditions = [
        c.case_id.in_(case_ids),
        (c.table_name == "pupils") & c.row_id.in_(ids("pupils", scope.pupils)),
        (c.table_name == "schools") & c.row_id.in_(ids("schools", scope.schools)),
        (c.table_name == "mdo_meetings") & c.row_id.in_(meetings),
        (c.table_name == "mdo_participants") & c.row_id.in_(list(conn.execute(
            select(mdo_participants.c.id).where(mdo_participants.c.mdo_id.in_(meetings))
        ).scalars())),
        (c.table_name == "mdo_items") & c.row_id.in_(list(conn.execute(
            select(mdo_items.c.id).where(mdo_items.c.mdo_id.in_(meetings),
                                         mdo_items.c.case_id.in_(list(scope.cases)))
        ).scalars())),
    ]
    for pair in wanted.get("rows") or []:
        if isinstance(pair, list) and len(pair) == 2:
            conditions.append((c.table_name == str(pair[0])) & (c.row_id == str(pair[1])))
    found = conn.execute(
        select(c.seq, c.table_name, c.row_id, c.version, c.deleted, c.case_id)
        .where(or_(*conditions), pull_condition(scope)).order_by(c.seq)).all()
    changes = _changes(conn, scope, found)
    audit.log(conn, now, who.user_id, who.device_id, "bijgehaald", (r.case_id for r in found),
              len(changes))
    return {"changes": changes}
