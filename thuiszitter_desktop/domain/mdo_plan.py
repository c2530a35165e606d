"""The bridge between the MDO and a case's plan van aanpak (pure functions).

- ``snapshot_for``: what the MDO agenda needs to know about a case, from the case, its plan,
  its contacts and its passend-aanbod deadline.
- ``plan_with_mdo_actions``: the new actions decided at an MDO go into the case's plan, in a goal
  "Afspraken uit het MDO van <datum>", so the deadline clock follows them like any plan action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.deadlines import Deadline
from thuiszitter_desktop.domain.mdo import Mdo, MdoAction, MdoCaseSnapshot
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    Owner,
    PlanVanAanpak,
)
from thuiszitter_desktop.domain.plan_owner import owner_for


def plan_actions(plan: PlanVanAanpak | None, today: date
                 ) -> tuple[tuple[MdoAction, ...], tuple[MdoAction, ...]]:
    """(open, overdue) actions of the plan: not done and not dropped; overdue = past due."""
    if plan is None:
        return (), ()
    open_: list[MdoAction] = []
    overdue: list[MdoAction] = []
    for goal in plan.goals:
        for action in goal.actions:
            if action.status is not ActionStatus.OPEN:
                continue
            who = action.owner.name if action.owner else ""
            item = MdoAction(who, action.what.strip(), action.due, action.id)
            (overdue if action.due is not None and action.due < today else open_).append(item)
    return tuple(open_), tuple(overdue)


def last_progress(plan: PlanVanAanpak | None) -> date | None:
    """The last sign of movement in the plan: an evaluation note or an action done."""
    if plan is None:
        return None
    days = [note.on for goal in plan.goals for note in goal.progress]
    days += [a.done_on for goal in plan.goals for a in goal.actions if a.done_on is not None]
    return max(days, default=None)


def snapshot_for(
    case: Case,
    pupil: Pupil,
    *,
    today: date,
    plan: PlanVanAanpak | None = None,
    last_contact: date | None = None,
    passend_aanbod: Deadline | None = None,
    previous: Mdo | None = None,
    pupil_voice: str = "",
    consent_given: bool = True,
    school_questions: tuple[str, ...] = (),
) -> MdoCaseSnapshot:
    open_actions, overdue_actions = plan_actions(plan, today)
    previous_item = next((i for i in previous.items if i.case_id == case.id), None) \
        if previous else None
    return MdoCaseSnapshot(
        case_id=case.id, first_name=pupil.first_name, last_name=pupil.last_name,
        school=pupil.school, group=pupil.leerjaar,
        days_at_home=case.days_at_home(today) if case.home_since else None,
        education_percentage=case.education_percentage,
        regie_label=case.regie.label + (f" ({case.casusverantwoordelijke})"
                                        if case.casusverantwoordelijke.strip() else ""),
        open_actions=open_actions, overdue_actions=overdue_actions,
        last_progress=last_progress(plan), last_contact=last_contact,
        stagnation_cause_label=case.stagnatie_oorzaak.label if case.stagnatie_oorzaak else "",
        aanmelding_date=case.aanmelding_date,
        deadline_state=passend_aanbod.state if passend_aanbod else None,
        deadline_due=passend_aanbod.due if passend_aanbod else None,
        on_previous_agenda=previous_item is not None,
        discussed_at_previous=previous_item is not None and previous_item.discussed,
        pupil_voice=(plan.pupil_voice.strip() if plan is not None else "") or pupil_voice,
        consent_given=consent_given, school_questions=school_questions,
    )


def mdo_goal_title(meeting_date: date) -> str:
    return f"Afspraken uit het MDO van {meeting_date:%d-%m-%Y}"


def plan_with_mdo_actions(
    plan: PlanVanAanpak | None, case_id: str, meeting_date: date,
    actions: Sequence[MdoAction], people: Sequence[Owner] = (),
) -> PlanVanAanpak:
    """``plan`` with the MDO's actions in it; an action already in the plan (same id) is
    updated, keeping its status, so recording an outcome twice never doubles an action.
    ``people`` are the people of the case: a name among them gets their kind (a registered
    parent is a parent, not a professional; see ``plan_owner.owner_for``)."""
    base = plan or PlanVanAanpak(case_id=case_id, created=meeting_date)
    known = {a.id for goal in base.goals for a in goal.actions}
    goals = []
    for goal in base.goals:
        updated = []
        for action in goal.actions:
            new = next((m for m in actions if m.id == action.id), None)
            if new is not None:
                action = replace(action, what=new.what.strip(),
                                 owner=owner_for(new.who, people), due=new.due)
            updated.append(action)
        goals.append(replace(goal, actions=tuple(updated)))
    fresh = tuple(Action(id=m.id, what=m.what.strip(), owner=owner_for(m.who, people),
                         due=m.due)
                  for m in actions if m.id not in known)
    if fresh:
        title = mdo_goal_title(meeting_date)
        index = next((i for i, g in enumerate(goals) if g.description == title), None)
        if index is None:
            goals.append(Goal(description=title, actions=fresh))
        else:
            goals[index] = replace(goals[index], actions=(*goals[index].actions, *fresh))
    return replace(base, goals=tuple(goals))
