"""The audit log: who did what when, stored inside the vault (never health content)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.storage.tables import audit_log


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    case_id: str | None
    detail: str


def record(conn: Connection, entry: AuditEntry) -> None:
    conn.execute(audit_log.insert().values(
        at=entry.at, actor=entry.actor, action=entry.action, entity=entry.entity,
        entity_id=entry.entity_id, case_id=entry.case_id, detail=entry.detail,
    ))


def entries(conn: Connection, case_id: str | None = None) -> list[AuditEntry]:
    query = select(audit_log).order_by(audit_log.c.id)
    if case_id is not None:
        query = query.where(audit_log.c.case_id == case_id)
    return [
        AuditEntry(r["at"], r["actor"], r["action"], r["entity"], r["entity_id"], r["case_id"],
                   r["detail"])
        for r in conn.execute(query).mappings()
    ]
