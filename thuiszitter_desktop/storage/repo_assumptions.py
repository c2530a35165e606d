"""Repository for what a migration assumed about older data (``data_assumptions``)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.assumptions import Assumption, AssumptionSubject
from thuiszitter_desktop.storage.rows import enum_by_name, upsert
from thuiszitter_desktop.storage.tables_seed_rules import data_assumptions


def list_assumptions(conn: Connection, case_id: str) -> list[Assumption]:
    c = data_assumptions.c
    rows = conn.execute(select(data_assumptions).where(c.case_id == case_id)
                        .order_by(c.made_on, c.subject, c.created_at)).mappings()
    return [Assumption(id=r["id"], case_id=r["case_id"],
                       subject=enum_by_name(AssumptionSubject, r["subject"]),
                       detail=r["detail"], made_on=r["made_on"], seen_on=r["seen_on"],
                       seen_by=r["seen_by"]) for r in rows]


def mark_seen(conn: Connection, item: Assumption, on: date, by: str, now: datetime) -> None:
    item.seen_on, item.seen_by = on, by
    upsert(conn, data_assumptions, {
        "id": item.id, "case_id": item.case_id, "subject": item.subject.name,
        "detail": item.detail, "made_on": item.made_on, "seen_on": on, "seen_by": by,
    }, now)


def open_counts(conn: Connection) -> Counter[AssumptionSubject]:
    """Assumptions nobody has looked at yet, per subject (for the figures' notes)."""
    c = data_assumptions.c
    return Counter(enum_by_name(AssumptionSubject, subject) for (subject,) in conn.execute(
        select(c.subject).where(c.seen_on.is_(None))))
