"""Plan van aanpak versions for the fictitious demo caseload (see ``services/demo.py``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    record_progress,
    revise,
)
from thuiszitter_desktop.domain.ziekteverzuim import next_school_day, previous_school_day
from thuiszitter_desktop.services.demo_case import DemoCase

JEUGDARTS_ACTION = "Afspraak bij de jeugdarts maken"


def _settled(action: Action, today: date) -> Action:
    """An open action whose day has passed was done, the day before it was due."""
    if action.status is not ActionStatus.OPEN or action.due is None or action.due >= today:
        return action
    return replace(action, status=ActionStatus.GEDAAN,
                   done_on=previous_school_day(action.due - timedelta(days=1)))


def _settle(plan: PlanVanAanpak, today: date, stuck: frozenset[str]) -> PlanVanAanpak:
    """Past actions are done, except the ones named in ``stuck`` (a stagnating case)."""
    goals = tuple(replace(goal, actions=tuple(
        action if action.what in stuck else _settled(action, today)
        for action in goal.actions)) for goal in plan.goals)
    return replace(plan, goals=goals)


def demo_plans(item: DemoCase, today: date) -> list[PlanVanAanpak]:
    """Version 1 from the day goals were set; a second version after an evaluation when the
    case has run long enough. Cases without goals get no plan.

    Like a real caseload, actions whose day has passed are mostly done; only a stagnating case
    keeps an overdue action (the appointment that waits for care) and an overdue evaluation.
    """
    case, pupil = item.case, item.pupil
    if case.goals_set_date is None:
        return []
    start = min(case.goals_set_date, today)
    stagnating = case.stagnatie_oorzaak is not None
    stuck = frozenset({JEUGDARTS_ACTION}) if stagnating else frozenset()
    name = pupil.first_name
    helper = item.professionals[0] if item.professionals else None
    helper_owner = (Owner(name=helper.name, kind=OwnerKind.PROFESSIONAL, person_id=helper.id)
                    if helper else Owner(name=case.consulent))
    pupil_owner = Owner(name=pupil.full_name, kind=OwnerKind.PUPIL)

    def after(days: int) -> date:  # appointments and deadlines fall on school days
        return next_school_day(start + timedelta(days=days))

    deadline = after(42)
    school_goal = Goal(
        description=f"{name} gaat drie ochtenden per week naar school",
        indicator="3 van de 5 ochtenden aanwezig volgens de absentieregistratie",
        agreed_by=(name, "ouders", "ondersteuningscoördinator"), realistic=True,
        realistic_why=f"{name} wil zelf weer beginnen, eerst in een klein lokaal",
        deadline=deadline,
        actions=(
            Action(what="Aangepast rooster maken en bespreken", owner=helper_owner,
                   due=after(7), status=ActionStatus.GEDAAN,
                   done_on=min(today, previous_school_day(after(7) - timedelta(days=1)))),
            Action(what="Elke schooldag om 7.30 uur opstaan", owner=pupil_owner,
                   due=after(14)),
            Action(what="Samen met de ouders de eerste week naar school fietsen",
                   owner=Owner(name="Ouder", kind=OwnerKind.PARENT),
                   due=after(7)),
        ),
    )
    care_goal = Goal(
        description=f"{name} heeft een gesprek met de jeugdarts over de klachten",
        indicator="Het gesprek heeft plaatsgevonden en het advies is gedeeld",
        agreed_by=(name, "ouders"), realistic=True, deadline=after(28),
        actions=(Action(what=JEUGDARTS_ACTION, owner=helper_owner, due=after(10)),),
    )
    evaluation = after(28)
    first = PlanVanAanpak(
        case_id=case.id, created=start,
        shared_goal=f"{name} gaat weer met plezier naar school",
        risk_factors=("Spanning bij grote groepen", "Onregelmatig slaapritme"),
        protective_factors=("Goede band met de mentor", "Betrokken ouders"),
        pupil_voice="Ik wil eerst rustig beginnen, in een klein lokaal.",
        regie=case.regie, casusverantwoordelijke=case.casusverantwoordelijke,
        evaluation_dates=(evaluation, evaluation + timedelta(days=42)),
        goals=(school_goal, care_goal),
    )
    if evaluation > today:
        return [_settle(first, today, stuck)]
    evaluated = record_progress(_settle(first, evaluation, stuck), evaluation, {
        school_goal.id: (GoalProgress.DEELS, "Twee van de drie ochtenden lukten."),
        care_goal.id: (GoalProgress.LOOPT if stagnating else GoalProgress.GEHAALD,
                       "Wacht op de jeugdarts." if stagnating else "Gesprek gevoerd."),
    })
    second = revise(evaluated, evaluation)
    # The next step of the school goal; the next evaluation is ahead, unless the case is stuck.
    next_step = Action(what="Rooster uitbreiden naar vier ochtenden", owner=helper_owner,
                       due=evaluation + timedelta(days=35))
    goals = (replace(second.goals[0], actions=(*second.goals[0].actions, next_step),
                     deadline=evaluation + timedelta(days=49)),  # more time after 'deels'
             *second.goals[1:])
    next_evaluation = evaluation + timedelta(days=42)
    # Half of the stuck cases are behind on evaluating too; the others have it planned ahead.
    behind = stagnating and start.toordinal() % 2 == 1
    if not behind and next_evaluation < today:
        next_evaluation = next_school_day(today + timedelta(days=7 + start.toordinal() % 28))
    second = replace(second, goals=goals, evaluation_dates=(evaluation, next_evaluation))
    return [evaluated, _settle(second, today, stuck)]
