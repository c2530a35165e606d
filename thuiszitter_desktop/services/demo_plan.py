"""Plan van aanpak versions for the fictitious demo caseload (see ``services/demo.py``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from thuiszitter_desktop.services.demo import DemoCase


def demo_plans(item: DemoCase, today: date) -> list[PlanVanAanpak]:
    """Version 1 from the day goals were set; a second version after an evaluation when the
    case has run long enough. Cases without goals get no plan."""
    case, pupil = item.case, item.pupil
    if case.goals_set_date is None:
        return []
    start = min(case.goals_set_date, today)
    name = pupil.first_name
    helper = item.professionals[0] if item.professionals else None
    helper_owner = (Owner(name=helper.name, kind=OwnerKind.PROFESSIONAL, person_id=helper.id)
                    if helper else Owner(name=case.consulent))
    pupil_owner = Owner(name=pupil.full_name, kind=OwnerKind.PUPIL)
    deadline = start + timedelta(days=42)
    school_goal = Goal(
        description=f"{name} gaat drie ochtenden per week naar school",
        indicator="3 van de 5 ochtenden aanwezig volgens de absentieregistratie",
        agreed_by=(name, "ouders", "ondersteuningscoördinator"), realistic=True,
        realistic_why=f"{name} wil zelf weer beginnen, eerst in een klein lokaal",
        deadline=deadline,
        actions=(
            Action(what="Aangepast rooster maken en bespreken", owner=helper_owner,
                   due=start + timedelta(days=7), status=ActionStatus.GEDAAN,
                   done_on=min(today, start + timedelta(days=6))),
            Action(what="Elke schooldag om 7.30 uur opstaan", owner=pupil_owner,
                   due=start + timedelta(days=14)),
            Action(what="Samen met de ouders de eerste week naar school fietsen",
                   owner=Owner(name="Ouder", kind=OwnerKind.PARENT),
                   due=start + timedelta(days=14)),
        ),
    )
    care_goal = Goal(
        description=f"{name} heeft een gesprek met de jeugdarts over de klachten",
        indicator="Het gesprek heeft plaatsgevonden en het advies is gedeeld",
        agreed_by=(name, "ouders"), realistic=True, deadline=start + timedelta(days=28),
        actions=(Action(what="Afspraak bij de jeugdarts maken", owner=helper_owner,
                        due=start + timedelta(days=10)),),
    )
    evaluation = start + timedelta(days=28)
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
        return [first]
    evaluated = record_progress(first, evaluation, {
        school_goal.id: (GoalProgress.DEELS, "Twee van de drie ochtenden lukten."),
        care_goal.id: (GoalProgress.GEHAALD, "Gesprek gevoerd."),
    })
    return [evaluated, revise(evaluated, evaluation)]
