"""Repository for the follow-up moments after closing (``follow_ups``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind, FollowUpOutcome
from thuiszitter_desktop.storage.rows import enum_by_name, enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables_seed_rules import follow_ups


def save_follow_up(conn: Connection, item: FollowUp, now: datetime) -> None:
    upsert(conn, follow_ups, {
        "id": item.id, "case_id": item.case_id, "kind": item.kind.name, "due": item.due,
        "done_on": item.done_on, "outcome": enum_name(item.outcome), "note": item.note,
    }, now)


def list_follow_ups(conn: Connection, case_ids: Iterable[str] | None = None, *,
                    open_due_until: date | None = None) -> list[FollowUp]:
    """Follow-up moments (of the given cases), by due date; with ``open_due_until`` only the
    ones not done and due by that day."""
    c = follow_ups.c
    query = select(follow_ups).order_by(c.due, c.case_id)
    if case_ids is not None:
        query = query.where(c.case_id.in_(list(case_ids)))
    if open_due_until is not None:
        query = query.where(c.done_on.is_(None), c.due <= open_due_until)
    return [FollowUp(id=r["id"], case_id=r["case_id"], kind=enum_by_name(FollowUpKind, r["kind"]),
                     due=r["due"], done_on=r["done_on"],
                     outcome=enum_or_none(FollowUpOutcome, r["outcome"]), note=r["note"])
            for r in conn.execute(query).mappings()]
