"""Repository for MDO meetings: a meeting is saved and loaded whole (participants, items)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoAgendaItem,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    SuggestionReason,
)
from thuiszitter_desktop.storage.repo_cases import NotFoundError
from thuiszitter_desktop.storage.rows import delete_rows, enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables_mdo import mdo_items, mdo_meetings, mdo_participants


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def outcome_to_json(outcome: MdoOutcome) -> str:
    return json.dumps({
        "decisions": list(outcome.decisions),
        "actions": [{"id": a.id, "who": a.who, "what": a.what, "due": _day(a.due)}
                    for a in outcome.new_actions],
        "escalation": enum_name(outcome.escalation),
        "escalation_note": outcome.escalation_note,
        "escalation_follow_up": _day(outcome.escalation_follow_up),
        "next_mdo_date": _day(outcome.next_mdo_date),
    }, ensure_ascii=False)


def outcome_from_json(text: str) -> MdoOutcome:
    data = json.loads(text or "{}")
    return MdoOutcome(
        decisions=[str(d) for d in data.get("decisions", [])],
        new_actions=[MdoAction(a["who"], a["what"], _parse_day(a.get("due")), a["id"])
                     for a in data.get("actions", [])],
        escalation=enum_or_none(Escalation, data.get("escalation")),
        escalation_note=str(data.get("escalation_note", "")),
        escalation_follow_up=_parse_day(data.get("escalation_follow_up")),
        next_mdo_date=_parse_day(data.get("next_mdo_date")),
    )


def save_mdo(conn: Connection, mdo: Mdo, now: datetime) -> None:
    """Save the meeting with its participants and items; removed ones are deleted."""
    upsert(conn, mdo_meetings, {
        "id": mdo.id, "on_date": mdo.on, "start_time": mdo.start_time, "location": mdo.location,
        "video_link": mdo.video_link, "chair": mdo.chair, "school": mdo.school,
        "next_mdo_date": mdo.next_mdo_date, "general_notes": mdo.general_notes,
    }, now)
    keep = [p.id for p in mdo.participants]
    delete_rows(conn, mdo_participants, mdo_participants.c.mdo_id == mdo.id,
                mdo_participants.c.id.not_in(keep))
    for position, p in enumerate(mdo.participants):
        upsert(conn, mdo_participants, {
            "id": p.id, "mdo_id": mdo.id, "position": position, "name": p.name,
            "role": p.role.name, "role_other": p.role_other, "organisation": p.organisation,
            "case_id": p.case_id, "consent_covers_attendance": p.consent_covers_attendance,
            "attended": p.attended,
        }, now)
    keep = [item.id for item in mdo.items]
    delete_rows(conn, mdo_items, mdo_items.c.mdo_id == mdo.id, mdo_items.c.id.not_in(keep))
    for position, item in enumerate(mdo.items):
        upsert(conn, mdo_items, {
            "id": item.id, "mdo_id": mdo.id, "case_id": item.case_id, "position": position,
            "question": item.question, "reasons": ",".join(r.name for r in item.reasons),
            "discussed": item.discussed, "outcome": outcome_to_json(item.outcome),
        }, now)


def _meeting(row: RowMapping, participants: list[MdoParticipant],
             items: list[MdoAgendaItem]) -> Mdo:
    return Mdo(
        id=row["id"], on=row["on_date"], start_time=row["start_time"], location=row["location"],
        video_link=row["video_link"], chair=row["chair"], school=row["school"],
        next_mdo_date=row["next_mdo_date"], general_notes=row["general_notes"],
        participants=participants, items=items,
    )


def _participant(row: RowMapping) -> MdoParticipant:
    return MdoParticipant(
        id=row["id"], name=row["name"], role=MdoRole.from_name(row["role"]),
        role_other=row["role_other"], organisation=row["organisation"], case_id=row["case_id"],
        consent_covers_attendance=row["consent_covers_attendance"], attended=row["attended"],
    )


def _item(row: RowMapping) -> MdoAgendaItem:
    reasons = tuple(SuggestionReason.from_name(n) for n in row["reasons"].split(",") if n)
    return MdoAgendaItem(id=row["id"], case_id=row["case_id"], question=row["question"],
                         reasons=reasons, discussed=row["discussed"],
                         outcome=outcome_from_json(row["outcome"]))


def list_mdos(conn: Connection, ids: Iterable[str] | None = None) -> list[Mdo]:
    """Meetings, oldest first, each with participants and items in their saved order."""
    query = select(mdo_meetings).order_by(mdo_meetings.c.on_date, mdo_meetings.c.start_time)
    if ids is not None:
        query = query.where(mdo_meetings.c.id.in_(list(ids)))
    rows = list(conn.execute(query).mappings())
    found = [r["id"] for r in rows]
    people: dict[str, list[MdoParticipant]] = {i: [] for i in found}
    for r in conn.execute(select(mdo_participants).where(mdo_participants.c.mdo_id.in_(found))
                          .order_by(mdo_participants.c.position)).mappings():
        people[r["mdo_id"]].append(_participant(r))
    items: dict[str, list[MdoAgendaItem]] = {i: [] for i in found}
    for r in conn.execute(select(mdo_items).where(mdo_items.c.mdo_id.in_(found))
                          .order_by(mdo_items.c.position)).mappings():
        items[r["mdo_id"]].append(_item(r))
    return [_meeting(r, people[r["id"]], items[r["id"]]) for r in rows]


def get_mdo(conn: Connection, mdo_id: str) -> Mdo:
    found = list_mdos(conn, [mdo_id])
    if not found:
        raise NotFoundError(mdo_id)
    return found[0]


def delete_mdo(conn: Connection, mdo_id: str) -> None:
    # Children first: SQLite only cascades with foreign keys on, a server may differ.
    delete_rows(conn, mdo_participants, mdo_participants.c.mdo_id == mdo_id)
    delete_rows(conn, mdo_items, mdo_items.c.mdo_id == mdo_id)
    delete_rows(conn, mdo_meetings, mdo_meetings.c.id == mdo_id)
