"""Plan van aanpak use cases on a real vault: versions, clock, evaluation, printing."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.plan import Action, Goal, GoalProgress, Owner
from thuiszitter_desktop.domain.plan_edit import add_action, add_goal, update_plan
from thuiszitter_desktop.domain.vocab import CaseStage, ClosingReason, ProfessionalRole, Regie
from thuiszitter_desktop.services import cases, reminders
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit, repo_plan
from thuiszitter_desktop.storage.tables_plan import plan_versions

GOAL = Goal(description="Zoë gaat drie ochtenden per week naar school",
            indicator="3 van de 5 ochtenden aanwezig", agreed_by=("Zoë", "moeder"),
            deadline=date(2026, 12, 18))


def register(ctx: AppContext) -> Case:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2),
                casusverantwoordelijke="Sem de Vries")
    return cases.register_case(ctx, pupil, case)


def test_start_plan_takes_regie_from_the_case_and_only_once(ctx: AppContext) -> None:
    case = register(ctx)
    plan = plan_service.start_plan(ctx, case.id)
    assert (plan.version, plan.created, plan.regie, plan.casusverantwoordelijke) == (
        1, date(2026, 11, 23), Regie.SCHOOL, "Sem de Vries")
    assert plan_service.load_versions(ctx, case.id) == [plan]
    with pytest.raises(ValidationError):
        plan_service.start_plan(ctx, case.id)


def test_saving_a_smart_goal_sets_the_clock_stage_and_regie(ctx: AppContext) -> None:
    case = register(ctx)
    seen: list[Change] = []
    ctx.changes.subscribe(seen.append)
    plan = plan_service.start_plan(ctx, case.id)
    plan_service.save_plan(ctx, update_plan(plan, regie=Regie.LEERPLICHT,
                                            casusverantwoordelijke="Anouk Vermeer"))
    saved = cases.load_case(ctx, case.id).case
    assert saved.goals_set_date is None
    assert (saved.regie, saved.casusverantwoordelijke) == (Regie.LEERPLICHT, "Anouk Vermeer")
    plan_service.save_plan(ctx, add_goal(plan, GOAL))
    saved = cases.load_case(ctx, case.id).case
    assert saved.goals_set_date == date(2026, 11, 23)
    assert saved.stage is CaseStage.PLAN_VAN_AANPAK
    assert Change("plan", (case.id,)) in seen and Change("case", (case.id,)) in seen


def test_revising_keeps_the_old_version_readable_and_frozen(ctx: AppContext) -> None:
    case = register(ctx)
    v1 = add_goal(plan_service.start_plan(ctx, case.id), GOAL)
    v2 = plan_service.revise_plan(ctx, v1)
    assert v2.version == 2
    v2 = plan_service.save_plan(ctx, update_plan(v2, shared_goal="Elke ochtend naar school"))
    versions = plan_service.load_versions(ctx, case.id)
    assert [(p.version, p.shared_goal) for p in versions] == [
        (1, ""), (2, "Elke ochtend naar school")]
    assert versions[0].goals == v1.goals
    with pytest.raises(ValidationError) as info:
        plan_service.save_plan(ctx, update_plan(v1, shared_goal="Achteraf gewijzigd"))
    assert "oudere versie" in info.value.message
    assert plan_service.load_versions(ctx, case.id)[0].shared_goal == ""
    with pytest.raises(ValidationError):
        plan_service.revise_plan(ctx, v1)
    with ctx.vault.read() as conn:
        numbers = conn.execute(select(plan_versions.c.number)).scalars().all()
    assert sorted(numbers) == [1, 2]


def test_evaluation_is_recorded_and_closes_the_evaluation_reminder(ctx: AppContext) -> None:
    case = register(ctx)
    plan = add_goal(plan_service.start_plan(ctx, case.id), GOAL)
    plan = update_plan(plan, evaluation_dates=(date(2026, 11, 20), date(2027, 1, 15)))
    plan = add_action(plan, GOAL.id, Action(what="Rooster maken", owner=Owner(name="Mentor"),
                                            due=date(2026, 12, 1)))
    plan = plan_service.save_plan(ctx, plan)
    evaluated = plan_service.record_evaluation(
        ctx, plan, date(2026, 11, 23), {GOAL.id: (GoalProgress.DEELS, "Twee ochtenden")})
    stored = plan_service.load_versions(ctx, case.id)[-1]
    assert stored == evaluated
    assert stored.goal(GOAL.id).progress[0].text == "Twee ochtenden"
    actions, evaluations = plan_service.plan_items(ctx)[case.id]
    assert [(a.label, a.due) for a in actions] == [("Rooster maken", date(2026, 12, 1))]
    assert [(e.due, e.done_on) for e in evaluations] == [
        (date(2026, 11, 20), date(2026, 11, 23)), (date(2027, 1, 15), None)]
    with pytest.raises(ValidationError):
        plan_service.record_evaluation(ctx, stored, date(2026, 11, 30), {})


def test_done_dates_in_the_future_are_refused(ctx: AppContext) -> None:
    case = register(ctx)
    plan = add_goal(plan_service.start_plan(ctx, case.id), GOAL)
    plan = add_action(plan, GOAL.id, Action(what="Bellen", done_on=date(2026, 12, 1)))
    with pytest.raises(ValidationError) as info:
        plan_service.save_plan(ctx, plan)
    assert "done_on" in info.value.errors


def test_printed_plan_lists_the_involved_professionals_and_is_logged_once_out(
    ctx: AppContext,
) -> None:
    case = register(ctx)
    cases.save_professional(ctx, InvolvedProfessional(
        case_id=case.id, name="Anouk Jansen", role=ProfessionalRole.MENTOR,
        organisation="OBS De Regenboog", phone="0570-123456"))
    plan = add_goal(plan_service.start_plan(ctx, case.id), GOAL)
    pdf = plan_service.plan_document(ctx, plan, parent_names=("Fatma Çelik",), password="x1")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.is_encrypted
    reader.decrypt("x1")
    content = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for piece in ("Plan van aanpak voor Zoë", "Anouk Jansen", "Mentor, OBS De Regenboog",
                  "0570-123456", "Ouder/verzorger: Fatma Çelik", "Leerling: Zoë Çelik-d'Hondt",
                  "Versie 1 van 23 november 2026"):
        assert piece in content
    with ctx.vault.read() as conn:
        entries = repo_audit.entries(conn, case.id)
    assert not any(e.action == "plan afgedrukt" for e in entries)  # made, not yet out
    plan_service.record_plan_printed(ctx, plan, plan_service.SAVED_WITH_PASSWORD)
    with ctx.vault.read() as conn:
        entries = repo_audit.entries(conn, case.id)
    assert [e.detail for e in entries if e.action == "plan afgedrukt"] == [
        "PDF opgeslagen met wachtwoord"]


def test_demo_caseload_has_plans_with_versions(ctx: AppContext) -> None:
    from thuiszitter_desktop.domain.plan_clock import validate_plan
    from thuiszitter_desktop.services.demo import populate_demo

    populate_demo(ctx, size=20)
    with ctx.vault.read() as conn:
        latest = repo_plan.latest_versions(conn)
        plans = {case_id: repo_plan.list_versions(conn, case_id) for case_id in latest}
    assert latest and any(len(versions) == 2 for versions in plans.values())
    for versions in plans.values():
        for version in versions:
            validate_plan(version, ctx.today())
            assert version.has_smart_goal
        assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    assert all(items for items in plan_service.plan_items(ctx).values())


def test_goals_in_a_plan_after_reopening_stop_the_new_doelen_clock(ctx: AppContext) -> None:
    case = register(ctx)
    detail = cases.load_case(ctx, case.id)
    # Goals were set in the first episode; the pupil went back to school, then home again.
    cases.save_case(ctx, detail.pupil, replace(detail.case, goals_set_date=date(2026, 11, 5)))
    cases.close_case(ctx, case.id, ClosingReason.TERUG_OP_SCHOOL)
    cases.reopen_case(ctx, case.id)  # today, 23 November: a new episode
    plan = plan_service.start_plan(ctx, case.id)
    plan_service.save_plan(ctx, add_goal(plan, GOAL))
    assert cases.load_case(ctx, case.id).case.goals_set_date == date(2026, 11, 23)
    facts = reminders.read_snapshot(ctx).facts[case.id]
    assert facts.effective_goals_set == date(2026, 11, 23)
