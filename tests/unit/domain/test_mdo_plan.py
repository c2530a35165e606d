"""The MDO ↔ plan bridge: snapshot facts from a plan, MDO actions into a plan."""

from __future__ import annotations

from datetime import date, time

from thuiszitter_desktop.domain.deadlines import Deadline, DeadlineKind, DeadlineState
from thuiszitter_desktop.domain.mdo import Mdo, MdoAction
from thuiszitter_desktop.domain.mdo_plan import (
    last_progress,
    plan_actions,
    plan_with_mdo_actions,
    snapshot_for,
)
from thuiszitter_desktop.domain.model import Case, Pupil
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
from thuiszitter_desktop.domain.vocab import Regie, StagnatieOorzaak


def plan() -> PlanVanAanpak:
    return PlanVanAanpak(case_id="c1", created=date(2026, 10, 1), goals=(
        Goal(description="Terug naar school", progress=(
            ProgressNote(on=date(2026, 10, 20), progress=GoalProgress.LOOPT),), actions=(
            Action(id="late", what="Intake", owner=Owner(name="Jeugdteam"),
                   due=date(2026, 11, 2)),
            Action(id="open", what="Rooster maken", owner=Owner(name="Mentor"),
                   due=date(2026, 12, 1)),
            Action(id="undated", what="Bellen"),
            Action(id="done", what="Gesprek", due=date(2026, 10, 1),
                   status=ActionStatus.GEDAAN, done_on=date(2026, 10, 28)),
            Action(id="dropped", what="Vervoer", due=date(2026, 10, 1),
                   status=ActionStatus.VERVALLEN),
        )),))


def test_plan_actions_split_open_and_overdue(today: date) -> None:
    open_, overdue = plan_actions(plan(), today)
    assert [a.id for a in open_] == ["open", "undated"]
    assert [(a.id, a.who, a.what) for a in overdue] == [("late", "Jeugdteam", "Intake")]
    assert plan_actions(None, today) == ((), ())


def test_last_progress_is_latest_note_or_done_action() -> None:
    assert last_progress(plan()) == date(2026, 10, 28)
    assert last_progress(None) is None


def test_snapshot_reads_case_plan_deadline_and_previous_mdo(today: date) -> None:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 1, 1),
                  school="De Regenboog", leerjaar="2 havo")
    case = Case(id="c1", pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1),
                home_since=date(2026, 8, 20), education_percentage=10, regie=Regie.LEERPLICHT,
                casusverantwoordelijke="Ingrid Post",
                stagnatie_oorzaak=StagnatieOorzaak.JEUGDHULPAANBOD)
    previous = Mdo(on=date(2026, 11, 3), start_time=time(9))
    previous.add_pupil("c1")
    deadline = Deadline(DeadlineKind.PASSEND_AANBOD, date(2026, 11, 20), DeadlineState.VERLOPEN)
    snap = snapshot_for(case, pupil, today=today, plan=plan(), last_contact=date(2026, 11, 2),
                        passend_aanbod=deadline, previous=previous)
    assert (snap.first_name, snap.school, snap.group) == ("Zoë", "De Regenboog", "2 havo")
    assert snap.days_at_home == (today - date(2026, 8, 20)).days
    assert snap.regie_label == "Leerplicht (Ingrid Post)"
    assert snap.stagnation_cause_label == "Te weinig jeugdhulpaanbod / wachtlijst"
    assert (snap.deadline_state, snap.deadline_due) == (DeadlineState.VERLOPEN,
                                                        date(2026, 11, 20))
    assert (snap.on_previous_agenda, snap.discussed_at_previous) == (True, False)
    assert [a.id for a in snap.overdue_actions] == ["late"]


def test_mdo_actions_join_one_goal_per_meeting_and_keep_their_ids() -> None:
    first = [MdoAction("Ouders", "Huisarts bellen", date(2026, 12, 5), "a1"),
             MdoAction("Leerling", "Rooster bekijken", date(2026, 12, 8), "a2")]
    updated = plan_with_mdo_actions(plan(), "c1", date(2026, 12, 1), first)
    goal = updated.goals[-1]
    assert goal.description == "Afspraken uit het MDO van 01-12-2026"
    assert [(a.id, a.owner.kind if a.owner else None) for a in goal.actions] == [
        ("a1", OwnerKind.PARENT), ("a2", OwnerKind.PUPIL)]
    again = plan_with_mdo_actions(updated, "c1", date(2026, 12, 1),
                                  [MdoAction("Ouders", "Huisarts gebeld", date(2026, 12, 6),
                                             "a1"),
                                   MdoAction("SWV", "Plek zoeken", date(2026, 12, 9), "a3")])
    assert len(again.goals) == len(updated.goals)
    assert [(a.id, a.what) for a in again.goals[-1].actions] == [
        ("a1", "Huisarts gebeld"), ("a2", "Rooster bekijken"), ("a3", "Plek zoeken")]


def test_mdo_actions_start_a_plan_when_there_is_none() -> None:
    made = plan_with_mdo_actions(None, "c9", date(2026, 12, 1),
                                 [MdoAction("Mentor", "Bellen", date(2026, 12, 3))])
    assert (made.case_id, made.created, len(made.goals)) == ("c9", date(2026, 12, 1), 1)
    assert not made.has_smart_goal  # the goals clock is not stopped by MDO actions alone
