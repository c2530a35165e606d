"""Repository for the passend aanbod records of a case (``passend_aanboden``)."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Connection, RowMapping, select

from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
)
from thuiszitter_desktop.storage.rows import delete_rows, enum_by_name, upsert
from thuiszitter_desktop.storage.tables_seed_rules import passend_aanboden


def save_aanbod(conn: Connection, offer: PassendAanbod, now: datetime) -> None:
    upsert(conn, passend_aanboden, {
        "id": offer.id, "case_id": offer.case_id, "start_date": offer.start,
        "description": offer.description.strip(), "education_part": offer.education_part,
        "care_part": offer.care_part,
        "criteria": ",".join(c.name for c in AanbodCriterion if c in offer.criteria),
        "agreed": json.dumps({party.name: day.isoformat()
                              for party, day in offer.agreed.items()}),
        "parent_view": offer.parent_view.name, "parent_view_note": offer.parent_view_note,
        "voorlopig": offer.voorlopig, "unchecked": offer.unchecked,
    }, now)


def delete_aanbod(conn: Connection, offer_id: str) -> None:
    # Through delete_rows: in a team the deletion reaches the others (a tombstone).
    delete_rows(conn, passend_aanboden, passend_aanboden.c.id == offer_id)


def _from_row(r: RowMapping) -> PassendAanbod:
    return PassendAanbod(
        id=r["id"], case_id=r["case_id"], start=r["start_date"], description=r["description"],
        education_part=r["education_part"], care_part=r["care_part"],
        criteria={enum_by_name(AanbodCriterion, n) for n in r["criteria"].split(",") if n},
        agreed={enum_by_name(AanbodParty, k): date.fromisoformat(v)
                for k, v in json.loads(r["agreed"] or "{}").items()},
        parent_view=enum_by_name(ParentView, r["parent_view"]),
        parent_view_note=r["parent_view_note"], voorlopig=r["voorlopig"],
        unchecked=r["unchecked"])


def list_aanboden(conn: Connection, case_id: str) -> list[PassendAanbod]:
    """The offers of a case, oldest first."""
    rows = conn.execute(select(passend_aanboden).where(passend_aanboden.c.case_id == case_id)
                        .order_by(passend_aanboden.c.start_date,
                                  passend_aanboden.c.created_at)).mappings()
    return [_from_row(r) for r in rows]


def count_unchecked(conn: Connection, case_ids: list[str] | None = None) -> int:
    """Offers still counted from before the criteria were checked (0013_seed_rules)."""
    query = select(passend_aanboden.c.id).where(passend_aanboden.c.unchecked.is_(True))
    if case_ids is not None:
        query = query.where(passend_aanboden.c.case_id.in_(case_ids))
    return len(conn.execute(query).all())
