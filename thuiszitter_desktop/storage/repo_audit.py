"""The audit log: who did what when, stored inside the vault (never health content)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.storage.tables import audit_log
from thuiszitter_desktop.storage.tables_sync import case_merges


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
    """The log, or a case's part of it (with that of cases merged into it, Mogelijk dubbel)."""
    query = select(audit_log).order_by(audit_log.c.id)
    if case_id is not None:
        merged = select(case_merges.c.from_case_id).where(case_merges.c.into_case_id == case_id)
        query = query.where(audit_log.c.case_id.in_(merged) | (audit_log.c.case_id == case_id))
    return [
        AuditEntry(r["at"], r["actor"], r["action"], r["entity"], r["entity_id"], r["case_id"],
                   r["detail"])
        for r in conn.execute(query).mappings()
    ]
