"""Serving a pull: every record (or tombstone) past the laptop's cursor, in the server's order,
within the device's scope (``scope.pull_scope``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, or_, select, true

from thuiszitter_desktop.server import audit, registry
from thuiszitter_desktop.server.auth import Principal
from thuiszitter_desktop.server.scope import pull_scope
from thuiszitter_desktop.server.tables import srv_rows
from thuiszitter_desktop.storage.sync_codec import encode_row
from thuiszitter_desktop.storage.sync_scope import table_named

MAX_LIMIT = 5000


def pull(conn: Connection, who: Principal, since: int, limit: int, now: datetime,
         own: bool = False) -> dict[str, Any]:
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
        .where(srv_rows.c.seq > since, pull_scope(who),
               true() if own else or_(srv_rows.c.device_id.is_(None),
                                      srv_rows.c.device_id != who.device_id))
        .order_by(srv_rows.c.seq).limit(limit)).all()
    live: dict[str, list[str]] = defaultdict(list)
    for row in found:
        if not row.deleted:
            live[row.table_name].append(row.row_id)
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for name, ids in live.items():
        table = table_named(name)
        if table is None:
            continue
        for start in range(0, len(ids), 1000):
            for record in conn.execute(select(table).where(
                    table.c.id.in_(ids[start:start + 1000]))).mappings():
                values[(name, record["id"])] = encode_row(table, record)
    changes = []
    for row in found:
        record_values = values.get((row.table_name, row.row_id))
        deleted = row.deleted or record_values is None
        changes.append({"seq": row.seq, "table": row.table_name, "id": row.row_id,
                        "version": row.version, "deleted": deleted,
                        "values": None if deleted else record_values})
    full = len(found) == limit
    last = found[-1].seq if found else since
    audit.log(conn, now, who.user_id, who.device_id, "pull", (r.case_id for r in found),
              len(found))
    return {"changes": changes, "next": last if full else max(last, latest), "more": full,
            "latest": latest, "reset": False}
