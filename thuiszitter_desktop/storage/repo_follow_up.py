"""Repository for the follow-up moments after closing (``follow_ups``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind, FollowUpOutcome
from thuiszitter_desktop.storage.repo_cases import CaseWithPupil, cases_from, cases_query
from thuiszitter_desktop.storage.rows import enum_by_name, enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables import cases
from thuiszitter_desktop.storage.tables_seed_rules import follow_ups


def save_follow_up(conn: Connection, item: FollowUp, now: datetime) -> None:
    upsert(conn, follow_ups, {
        "id": item.id, "case_id": item.case_id, "kind": item.kind.name, "due": item.due,
        "done_on": item.done_on, "outcome": enum_name(item.outcome), "note": item.note,
    }, now)


def list_follow_ups(conn: Connection, case_ids: Iterable[str] | None = None, *,
                    open_due_until: date | None = None,
                    open_only: bool = False) -> list[FollowUp]:
    """Follow-up moments (of the given cases), by due date; with ``open_only`` only the ones
    not done, with ``open_due_until`` only those due by that day too."""
    c = follow_ups.c
    query = select(follow_ups).order_by(c.due, c.case_id)
    if case_ids is not None:
        query = query.where(c.case_id.in_(list(case_ids)))
    if open_only or open_due_until is not None:
        query = query.where(c.done_on.is_(None))
    if open_due_until is not None:
        query = query.where(c.due <= open_due_until)
    return [FollowUp(id=r["id"], case_id=r["case_id"], kind=enum_by_name(FollowUpKind, r["kind"]),
                     due=r["due"], done_on=r["done_on"],
                     outcome=enum_or_none(FollowUpOutcome, r["outcome"]), note=r["note"])
            for r in conn.execute(query).mappings()]


def cases_with_open_follow_ups(conn: Connection, case_ids: Iterable[str] | None = None
                               ) -> list[CaseWithPupil]:
    """The cases (mostly closed ones) with a follow-up moment not done yet, with their pupil;
    a subquery, so a large caseload never passes its ids as SQL variables."""
    pending = select(follow_ups.c.case_id).where(follow_ups.c.done_on.is_(None))
    if case_ids is not None:
        pending = pending.where(follow_ups.c.case_id.in_(list(case_ids)))
    return cases_from(conn, cases_query(include_closed=True).where(cases.c.id.in_(pending)))
