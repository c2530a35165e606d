"""A plan version as JSON-safe data: stored as a snapshot document and used in the AVG export.

Dates are ISO strings, enums are stored by *name* (labels may be reworded later). ``schema``
lets a later release read snapshots written by this one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    ProgressNote,
)
from thuiszitter_desktop.domain.vocab import Regie

SCHEMA = 1


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _required_day(value: Any) -> date:
    return date.fromisoformat(value)


def plan_to_dict(plan: PlanVanAanpak) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "id": plan.id,
        "case_id": plan.case_id,
        "version": plan.version,
        "created": _day(plan.created),
        "shared_goal": plan.shared_goal,
        "risk_factors": list(plan.risk_factors),
        "protective_factors": list(plan.protective_factors),
        "pupil_voice": plan.pupil_voice,
        "regie": plan.regie.name,
        "regie_holder": plan.regie_holder,
        "casusverantwoordelijke": plan.casusverantwoordelijke,
        "evaluation_dates": [_day(day) for day in plan.evaluation_dates],
        "goals": [_goal_to_dict(goal) for goal in plan.goals],
    }


def _goal_to_dict(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id,
        "description": goal.description,
        "indicator": goal.indicator,
        "agreed_by": list(goal.agreed_by),
        "realistic": goal.realistic,
        "realistic_why": goal.realistic_why,
        "deadline": _day(goal.deadline),
        "actions": [_action_to_dict(action) for action in goal.actions],
        "progress": [
            {"on": _day(note.on), "progress": note.progress.name, "text": note.text}
            for note in goal.progress
        ],
    }


def _action_to_dict(action: Action) -> dict[str, Any]:
    owner = action.owner
    return {
        "id": action.id,
        "what": action.what,
        "owner": None if owner is None else {
            "name": owner.name, "kind": owner.kind.name, "person_id": owner.person_id,
        },
        "due": _day(action.due),
        "status": action.status.name,
        "done_on": _day(action.done_on),
    }


def plan_from_dict(data: dict[str, Any]) -> PlanVanAanpak:
    """Read a snapshot written by ``plan_to_dict``; unknown schemas are refused."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"Unsupported plan snapshot schema: {data.get('schema')!r}")
    return PlanVanAanpak(
        id=data["id"],
        case_id=data["case_id"],
        version=int(data["version"]),
        created=_required_day(data["created"]),
        shared_goal=data["shared_goal"],
        risk_factors=tuple(data["risk_factors"]),
        protective_factors=tuple(data["protective_factors"]),
        pupil_voice=data["pupil_voice"],
        regie=Regie.from_name(data["regie"]),
        regie_holder=data["regie_holder"],
        casusverantwoordelijke=data["casusverantwoordelijke"],
        evaluation_dates=tuple(_required_day(day) for day in data["evaluation_dates"]),
        goals=tuple(_goal_from_dict(goal) for goal in data["goals"]),
    )


def _goal_from_dict(data: dict[str, Any]) -> Goal:
    return Goal(
        id=data["id"],
        description=data["description"],
        indicator=data["indicator"],
        agreed_by=tuple(data["agreed_by"]),
        realistic=data["realistic"],
        realistic_why=data["realistic_why"],
        deadline=_parse_day(data["deadline"]),
        actions=tuple(_action_from_dict(action) for action in data["actions"]),
        progress=tuple(
            ProgressNote(on=_required_day(note["on"]),
                         progress=GoalProgress.from_name(note["progress"]), text=note["text"])
            for note in data["progress"]
        ),
    )


def _action_from_dict(data: dict[str, Any]) -> Action:
    owner = data["owner"]
    return Action(
        id=data["id"],
        what=data["what"],
        owner=None if owner is None else Owner(
            name=owner["name"], kind=OwnerKind.from_name(owner["kind"]),
            person_id=owner["person_id"],
        ),
        due=_parse_day(data["due"]),
        status=ActionStatus.from_name(data["status"]),
        done_on=_parse_day(data["done_on"]),
    )
