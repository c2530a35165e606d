"""Repository for plan van aanpak versions (JSON snapshots, see ``tables_plan``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

from thuiszitter_desktop.domain.deadlines import ActionDue, EvaluationDue
from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.plan_clock import ClockItems, clock_items
from thuiszitter_desktop.domain.plan_dict import plan_from_dict, plan_to_dict
from thuiszitter_desktop.storage.rows import upsert
from thuiszitter_desktop.storage.tables_plan import plan_versions


def version_values(plan: PlanVanAanpak) -> dict[str, Any]:
    """The row of one version: the document and, next to it, its compact clock items."""
    return {
        "id": plan.id, "case_id": plan.case_id, "number": plan.version,
        "created_on": plan.created, "has_smart_goal": plan.has_smart_goal,
        "document": json.dumps(plan_to_dict(plan), ensure_ascii=False),
        "clock": clock_to_json(clock_items(plan)),
    }


def save_version(conn: Connection, plan: PlanVanAanpak, now: datetime) -> None:
    """Insert a new version or overwrite the snapshot of an existing one (same id)."""
    upsert(conn, plan_versions, version_values(plan), now)


def list_versions(conn: Connection, case_id: str) -> list[PlanVanAanpak]:
    """Every version of the case's plan, oldest first."""
    rows = conn.execute(
        select(plan_versions.c.document).where(plan_versions.c.case_id == case_id)
        .order_by(plan_versions.c.number)
    )
    return [plan_from_dict(json.loads(document)) for (document,) in rows]


def latest_version(conn: Connection, case_id: str) -> PlanVanAanpak | None:
    row = conn.execute(
        select(plan_versions.c.document).where(plan_versions.c.case_id == case_id)
        .order_by(plan_versions.c.number.desc()).limit(1)
    ).first()
    return plan_from_dict(json.loads(row[0])) if row else None


def _newest(*columns: Any, case_ids: Iterable[str] | None) -> Any:
    """``columns`` of the newest version of each case (of ``case_ids``, or all)."""
    newest = (
        select(plan_versions.c.case_id, func.max(plan_versions.c.number).label("number"))
        .group_by(plan_versions.c.case_id).subquery()
    )
    query = select(plan_versions.c.case_id, *columns).join(
        newest, (plan_versions.c.case_id == newest.c.case_id)
        & (plan_versions.c.number == newest.c.number),
    )
    if case_ids is not None:
        query = query.where(plan_versions.c.case_id.in_(list(case_ids)))
    return query


def latest_versions(conn: Connection, case_ids: Iterable[str] | None = None,
                    ) -> dict[str, PlanVanAanpak]:
    """The newest version per case (all cases with a plan when ``case_ids`` is None)."""
    query = _newest(plan_versions.c.document, case_ids=case_ids)
    return {case_id: plan_from_dict(json.loads(document))
            for case_id, document in conn.execute(query)}


def latest_clock_items(conn: Connection, case_ids: Iterable[str] | None = None,
                       ) -> dict[str, ClockItems]:
    """The clock items of each case's newest version, without reading whole documents.

    A version whose items were not stored yet is read the slow way (its document).
    """
    query = _newest(plan_versions.c.clock, plan_versions.c.id, case_ids=case_ids)
    result: dict[str, ClockItems] = {}
    missing: dict[str, str] = {}
    for case_id, clock, version_id in conn.execute(query):
        if clock is None:
            missing[version_id] = case_id
        else:
            result[case_id] = clock_from_json(clock)
    if missing:
        rows = conn.execute(select(plan_versions.c.id, plan_versions.c.document)
                            .where(plan_versions.c.id.in_(list(missing))))
        for version_id, document in rows:
            result[missing[version_id]] = clock_items(plan_from_dict(json.loads(document)))
    return result


def fill_missing_clocks(conn: Connection) -> int:
    """Store the clock items of every version that has none yet (after a migration).

    Derived data only: the record's ``version`` and ``updated_at`` stay as they are, so a
    sync does not see an edit. Returns how many versions were filled.
    """
    rows = conn.execute(select(plan_versions.c.id, plan_versions.c.document)
                        .where(plan_versions.c.clock.is_(None))).all()
    for version_id, document in rows:
        clock = clock_to_json(clock_items(plan_from_dict(json.loads(document))))
        conn.execute(update(plan_versions).where(plan_versions.c.id == version_id)
                     .values(clock=clock))
    return len(rows)


# -- compact clock JSON: {"a": [[id, label, due, done_on, cancelled], …], "e": [[due, done_on]]}
def clock_to_json(items: ClockItems) -> str:
    actions, evaluations = items
    return json.dumps({
        "a": [[a.id, a.label, a.due.isoformat(), _iso(a.done_on), a.cancelled]
              for a in actions],
        "e": [[e.due.isoformat(), _iso(e.done_on)] for e in evaluations],
    }, ensure_ascii=False, separators=(",", ":"))


def clock_from_json(text: str) -> ClockItems:
    data = json.loads(text)
    day = date.fromisoformat
    return (
        tuple(ActionDue(id=i, label=label, due=day(due), done_on=day(done) if done else None,
                        cancelled=cancelled)
              for i, label, due, done, cancelled in data["a"]),
        tuple(EvaluationDue(due=day(due), done_on=day(done) if done else None)
              for due, done in data["e"]),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
