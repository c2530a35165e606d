"""Repository for plan van aanpak versions (JSON snapshots, see ``tables_plan``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, func, select

from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.plan_dict import plan_from_dict, plan_to_dict
from thuiszitter_desktop.storage.rows import upsert
from thuiszitter_desktop.storage.tables_plan import plan_versions


def save_version(conn: Connection, plan: PlanVanAanpak, now: datetime) -> None:
    """Insert a new version or overwrite the snapshot of an existing one (same id)."""
    upsert(conn, plan_versions, {
        "id": plan.id, "case_id": plan.case_id, "number": plan.version,
        "created_on": plan.created, "has_smart_goal": plan.has_smart_goal,
        "document": json.dumps(plan_to_dict(plan), ensure_ascii=False),
    }, now)


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
