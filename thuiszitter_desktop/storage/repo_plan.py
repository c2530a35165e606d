"""Repository for plan van aanpak versions (JSON snapshots, see ``tables_plan``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select

from thuiszitter_desktop.domain.deadlines import ActionDue, EvaluationDue
from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.plan_clock import ClockItems, clock_items
from thuiszitter_desktop.domain.plan_dict import plan_from_dict, plan_to_dict
from thuiszitter_desktop.storage.rows import upsert
from thuiszitter_desktop.storage.tables_plan import plan_clocks, plan_versions

_CHUNK = 500  # ids per IN (...) list while filling


def version_values(plan: PlanVanAanpak) -> dict[str, Any]:
    """The ``plan_versions`` row of one version (the whole document)."""
    return {
        "id": plan.id, "case_id": plan.case_id, "number": plan.version,
        "created_on": plan.created, "has_smart_goal": plan.has_smart_goal,
        "document": json.dumps(plan_to_dict(plan), ensure_ascii=False),
    }


def clock_values(plan: PlanVanAanpak) -> dict[str, Any]:
    """The ``plan_clocks`` row of a case's newest version: its clock items (the domain rule)."""
    return {"id": plan.id, "case_id": plan.case_id, "number": plan.version,
            "clock": clock_to_json(clock_items(plan))}


def save_version(conn: Connection, plan: PlanVanAanpak, now: datetime) -> None:
    """Insert a new version or overwrite the snapshot of an existing one (same id).

    The case's clock items follow the newest version (an older one saved again leaves them).
    """
    upsert(conn, plan_versions, version_values(plan), now)
    stored = conn.execute(select(plan_clocks.c.number)
                          .where(plan_clocks.c.case_id == plan.case_id)).scalar_one_or_none()
    if stored is None or plan.version >= stored:
        _store_clock(conn, plan, now)


def _store_clock(conn: Connection, plan: PlanVanAanpak, now: datetime) -> None:
    conn.execute(delete(plan_clocks).where(plan_clocks.c.case_id == plan.case_id))
    conn.execute(plan_clocks.insert().values(**clock_values(plan), created_at=now,
                                             updated_at=now, version=1))


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


def latest_versions(conn: Connection, case_ids: Iterable[str] | None = None,
                    ) -> dict[str, PlanVanAanpak]:
    """The newest version per case (all cases with a plan when ``case_ids`` is None)."""
    newest = (
        select(plan_versions.c.case_id, func.max(plan_versions.c.number).label("number"))
        .group_by(plan_versions.c.case_id).subquery()
    )
    query = select(plan_versions.c.case_id, plan_versions.c.document).join(
        newest, (plan_versions.c.case_id == newest.c.case_id)
        & (plan_versions.c.number == newest.c.number),
    )
    if case_ids is not None:
        query = query.where(plan_versions.c.case_id.in_(list(case_ids)))
    return {case_id: plan_from_dict(json.loads(document))
            for case_id, document in conn.execute(query)}


def latest_clock_items(conn: Connection, case_ids: Iterable[str] | None = None,
                       ) -> dict[str, ClockItems]:
    """The clock items of each case's newest version, without reading plan documents.

    Two sequential reads (the stored items, and the newest numbers from an index) are merged
    here; a case whose stored items are missing or belong to another version is read from its
    newest document instead.
    """
    stored = select(plan_clocks.c.case_id, plan_clocks.c.number, plan_clocks.c.clock)
    newest = select(plan_versions.c.case_id, func.max(plan_versions.c.number)).group_by(
        plan_versions.c.case_id)
    if case_ids is not None:
        ids = list(case_ids)
        stored = stored.where(plan_clocks.c.case_id.in_(ids))
        newest = newest.where(plan_versions.c.case_id.in_(ids))
    numbers: dict[str, int] = {case_id: number for case_id, number in conn.execute(newest)}
    result: dict[str, ClockItems] = {}
    for case_id, number, clock in conn.execute(stored):
        if numbers.get(case_id) == number:
            result[case_id] = clock_from_json(clock)
    missing = [case_id for case_id in numbers if case_id not in result]
    for plan in _latest_in_chunks(conn, missing):
        result[plan.case_id] = clock_items(plan)
    return result


def fill_missing_clocks(conn: Connection, now: datetime | None = None) -> int:
    """Store the clock items of every case whose newest version has none (after a migration).

    Returns how many cases were filled. The plan versions themselves are not touched.
    """
    current = select(plan_clocks.c.case_id, plan_clocks.c.number)
    stored: dict[str, int] = {case_id: number for case_id, number in conn.execute(current)}
    newest = select(plan_versions.c.case_id, func.max(plan_versions.c.number)).group_by(
        plan_versions.c.case_id)
    missing = [case_id for case_id, number in conn.execute(newest)
               if stored.get(case_id) != number]
    stamp = now or datetime.now()
    for plan in _latest_in_chunks(conn, missing):
        _store_clock(conn, plan, stamp)
    return len(missing)


def refresh_clocks(conn: Connection, case_ids: Iterable[str], now: datetime | None = None) -> None:
    """Store the clock items of these cases' newest versions again (after a sync wrote them),
    in one statement (a first sync brings thousands of plans)."""
    listed = sorted(set(case_ids))
    stamp = now or datetime.now()
    rows = []
    for start in range(0, len(listed), _CHUNK):
        chunk = listed[start:start + _CHUNK]
        conn.execute(delete(plan_clocks).where(plan_clocks.c.case_id.in_(chunk)))
        rows += [{**clock_values(plan), "created_at": stamp, "updated_at": stamp, "version": 1}
                 for plan in latest_versions(conn, chunk).values()]
    if rows:
        conn.execute(plan_clocks.insert(), rows)


def _latest_in_chunks(conn: Connection, case_ids: list[str]) -> Iterator[PlanVanAanpak]:
    """Newest versions of many cases, a few hundred ids per query (SQL variable limits)."""
    for start in range(0, len(case_ids), _CHUNK):
        yield from latest_versions(conn, case_ids[start:start + _CHUNK]).values()


# -- compact clock JSON: {"a": [[id, label, due, done_on, cancelled], …], "e": [[due, done_on]]}
def clock_to_json(items: ClockItems) -> str:
    actions, evaluations = items
    return json.dumps({
        "a": [[a.id, a.label, a.due.isoformat(), _iso(a.done_on), a.cancelled]
              for a in actions],
        "e": [[e.due.isoformat(), _iso(e.done_on)] for e in evaluations],
    }, ensure_ascii=False, separators=(",", ":"))


def clock_from_json(text: str) -> ClockItems:
    # Positional arguments and list comprehensions: this runs for every plan in the overview.
    data = json.loads(text)
    day = date.fromisoformat
    actions = [ActionDue(i, label, day(due), day(done) if done else None, cancelled)
               for i, label, due, done, cancelled in data["a"]]
    evaluations = [EvaluationDue(day(due), day(done) if done else None)
                   for due, done in data["e"]]
    return tuple(actions), tuple(evaluations)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
