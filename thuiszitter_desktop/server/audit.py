"""The server's audit table: every request, who and which device, the case ids; no content."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection

from thuiszitter_desktop.server.tables import srv_audit


def log(conn: Connection, at: datetime, user_id: str | None, device_id: str | None,
        action: str, case_ids: Iterable[str | None] = (), row_count: int = 0) -> None:
    ids = sorted({c for c in case_ids if c})
    conn.execute(srv_audit.insert().values(at=at, user_id=user_id, device_id=device_id,
                                           action=action, case_ids=",".join(ids),
                                           row_count=row_count))
