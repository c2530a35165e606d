"""Repository for changes of regie ("regie overgenomen") of a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.regie import RegieChange, RegieReason
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.storage.rows import enum_by_name, upsert
from thuiszitter_desktop.storage.tables_seed_rules import regie_events


def save_change(conn: Connection, change: RegieChange, now: datetime) -> None:
    upsert(conn, regie_events, {
        "id": change.id, "case_id": change.case_id, "on_date": change.on,
        "from_regie": change.from_regie.name, "to_regie": change.to_regie.name,
        "reason": change.reason.name, "note": change.note.strip(), "changed_by": change.by,
    }, now)


def list_changes(conn: Connection, case_id: str) -> list[RegieChange]:
    """Every change of regie of a case, oldest first."""
    rows = conn.execute(select(regie_events).where(regie_events.c.case_id == case_id)
                        .order_by(regie_events.c.on_date, regie_events.c.created_at)).mappings()
    return [RegieChange(id=r["id"], case_id=r["case_id"], on=r["on_date"],
                        from_regie=enum_by_name(Regie, r["from_regie"]),
                        to_regie=enum_by_name(Regie, r["to_regie"]),
                        reason=enum_by_name(RegieReason, r["reason"]), note=r["note"],
                        by=r["changed_by"])
            for r in rows]
