"""MDO services on a real (temporary) vault: suggestions, agenda, outcome into the plan."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader
from sqlalchemy import Connection

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.deadlines import DeadlineKind, DeadlineState, case_deadlines
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    SuggestionReason,
)
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.plan import Action, Goal, Owner, PlanVanAanpak
from thuiszitter_desktop.domain.plan_clock import clock_items
from thuiszitter_desktop.domain.vocab import CaseStage, ContactKind
from thuiszitter_desktop.services import cases, consent, reminders
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import clock_facts_for
from thuiszitter_desktop.storage import repo_audit, repo_cases, repo_plan, repo_settings

# The ctx clock stands at 23 November 2026.
SCHOOL = "OBS De Regenboog"


class MemoryPlans:
    """Stands in for the plan feature's store (keeps the latest version per case)."""

    def __init__(self) -> None:
        self.plans: dict[str, PlanVanAanpak] = {}

    def latest(self, conn: Connection, case_ids: Sequence[str]) -> dict[str, PlanVanAanpak]:
        return {cid: self.plans[cid] for cid in case_ids if cid in self.plans}

    def save(self, ctx: AppContext, conn: Connection, plan: PlanVanAanpak) -> None:
        self.plans[plan.case_id] = plan


def register(ctx: AppContext, first: str, last: str, aanmelding: date,
             home_since: date | None = None, school: str = SCHOOL) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2), school=school,
                  leerjaar="groep 7")
    case = Case(pupil_id=pupil.id, aanmelding_date=aanmelding, home_since=home_since,
                education_percentage=20)
    registered = cases.register_case(ctx, pupil, case)
    mdo_consent(ctx, registered)
    return registered


def mdo_consent(ctx: AppContext, case: Case) -> None:
    """The parents agree to discussing their child in the MDO (needed before the agenda)."""
    consent.record_consent(ctx, ConsentRecord(
        case_id=case.id, purpose=ConsentPurpose.MDO, giver=ConsentGiver.OUDERS,
        on=case.aanmelding_date, method=ConsentMethod.MONDELING, given_by="Moeder"))


def contact(ctx: AppContext, case: Case, on: date) -> None:
    cases.save_contact(ctx, ContactMoment(case_id=case.id, on=on, kind=ContactKind.TELEFOON))


@pytest.fixture
def pupils(ctx: AppContext) -> dict[str, Case]:
    zoe = register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 8, 10), home_since=date(2026, 8, 1))
    sem = register(ctx, "Sem", "de Vries", date(2026, 11, 16))
    noah = register(ctx, "Noah", "Jansen", date(2026, 9, 20))
    elders = register(ctx, "Mila", "Bakker", date(2026, 11, 16), school="Het Baken")
    for case in (zoe, noah, elders):
        contact(ctx, case, date(2026, 11, 18))
    contact(ctx, sem, date(2026, 11, 20))
    return {"zoe": zoe, "sem": sem, "noah": noah, "elders": elders}


def meeting(on: date = date(2026, 12, 1)) -> Mdo:
    return Mdo(on=on, start_time=time(13, 30), location="Teamkamer", chair="Fatima Bakkali",
               school=SCHOOL)


def test_suggestions_come_from_cases_plans_and_the_previous_mdo(
    ctx: AppContext, pupils: dict[str, Case]
) -> None:
    plans = MemoryPlans()
    noah = pupils["noah"]
    plans.plans[noah.id] = PlanVanAanpak(case_id=noah.id, created=date(2026, 10, 1), goals=(
        Goal(description="Terug naar school", actions=(
            Action(what="Intake jeugdteam", owner=Owner(name="Jeugdteam"),
                   due=date(2026, 11, 2)),)),))
    earlier = meeting(date(2026, 11, 3))
    earlier.add_pupil(noah.id)
    mdo_service.save_mdo(ctx, earlier)

    found = mdo_service.suggestions(ctx, meeting(), plans)

    reasons = {s.snapshot.first_name: s.reasons for s in found}
    assert reasons["Zoë"][0] is SuggestionReason.TERMIJN_VERLOPEN  # home since 1 August
    assert reasons["Noah"] == (SuggestionReason.ACTIES_VERLOPEN, SuggestionReason.STAGNATIE,
                               SuggestionReason.DOORGESCHOVEN)
    assert reasons["Sem"] == (SuggestionReason.NIEUWE_AANMELDING,)
    assert "Mila" not in reasons  # another school
    assert [s.snapshot.first_name for s in found] == ["Zoë", "Noah", "Sem"]


def test_agenda_and_pdfs_from_the_vault(ctx: AppContext, pupils: dict[str, Case]) -> None:
    repo_settings_store(ctx, {settings_registry.ORGANISATION.key: "Leerrecht Oost",
                              mdo_service.SETTING_MINUTES: {"base": 20}})
    mdo = meeting()
    for key in ("zoe", "sem"):
        mdo.add_pupil(pupils[key].id, (SuggestionReason.NIEUWE_AANMELDING,))
    mdo.participants.append(MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS,
                                           case_id=pupils["sem"].id))
    mdo_service.save_mdo(ctx, mdo)

    agenda = mdo_service.agenda(ctx, mdo.id)
    assert [s.minutes for s in agenda.pupil_slots] == [20, 20]
    assert "Bespreking Zoë Ç." in mdo_service.agenda_email(ctx, mdo.id)
    professional = pdf_text(mdo_service.agenda_pdf(ctx, mdo.id))
    assert "Leerrecht Oost" in professional and "Sem de V." in professional
    parents = pdf_text(mdo_service.parent_agenda_pdf(ctx, mdo.id, pupils["sem"].id))
    assert "Sem" in parents and "Zoë" not in parents and "Çelik" not in parents


def repo_settings_store(ctx: AppContext, values: dict[str, object]) -> None:
    with ctx.vault.transaction() as conn:
        for key, value in values.items():
            repo_settings.store(conn, key, value)


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def test_outcome_actions_go_into_the_plan_with_the_clock_running(
    ctx: AppContext, pupils: dict[str, Case]
) -> None:
    plans = MemoryPlans()
    zoe = pupils["zoe"]
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(zoe.id)
    mdo_service.save_mdo(ctx, mdo)
    changes: list[Change] = []
    ctx.changes.subscribe(changes.append)
    actions = [MdoAction("Kees Mulder", "Plek op het vso aanvragen", date(2026, 11, 25)),
               MdoAction("Ouders", "Gesprek met jeugdarts plannen", date(2026, 12, 18))]
    outcome = MdoOutcome(decisions=["Opschalen naar het SWV"], new_actions=actions,
                         escalation=Escalation.CASUISTIEKOVERLEG_SWV)

    mdo_service.record_outcome(ctx, mdo.id, zoe.id, outcome, plans)

    plan = plans.plans[zoe.id]
    goal = plan.goals[0]
    assert goal.description == "Afspraken uit het MDO van 20-11-2026"
    assert [(a.what, a.owner.name if a.owner else "", a.due) for a in goal.actions] == [
        (a.what, a.who, a.due) for a in actions]
    facts = clock_facts_for(zoe, plan=clock_items(plan))
    states = {d.label: d.state for d in case_deadlines(facts, ctx.today())
              if d.kind is DeadlineKind.ACTIE}
    assert states == {"Plek op het vso aanvragen": DeadlineState.BINNENKORT,
                      "Gesprek met jeugdarts plannen": DeadlineState.OP_TIJD}
    stored = mdo_service.load_mdo(ctx, mdo.id).item(zoe.id)
    assert stored.discussed and stored.outcome.escalation is Escalation.CASUISTIEKOVERLEG_SWV
    assert {c.entity for c in changes} == {"mdo", "plan", "case"}

    # Recording the outcome again (a correction) updates the same plan actions.
    fixed = [actions[0], MdoAction("Ouders", "Afspraak jeugdarts maken", date(2026, 12, 18),
                                   actions[1].id)]
    mdo_service.record_outcome(ctx, mdo.id, zoe.id, MdoOutcome(new_actions=fixed), plans)
    whats = [a.what for g in plans.plans[zoe.id].goals for a in g.actions]
    assert whats == ["Plek op het vso aanvragen", "Afspraak jeugdarts maken"]


def test_outcome_is_logged_without_its_content(ctx: AppContext,
                                               pupils: dict[str, Case]) -> None:
    zoe = pupils["zoe"]
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(zoe.id)
    mdo_service.save_mdo(ctx, mdo)
    mdo_service.record_outcome(ctx, mdo.id, zoe.id,
                               MdoOutcome(decisions=["Zoë heeft angstklachten"]), None)
    with ctx.vault.read() as conn:
        entries = repo_audit.entries(conn, case_id=zoe.id)
    assert any(e.action == "uitkomst vastgelegd" for e in entries)
    assert all("angst" not in e.detail for e in entries)


def test_next_mdo_carries_over_pupils_not_discussed(ctx: AppContext,
                                                    pupils: dict[str, Case]) -> None:
    first = meeting(date(2026, 11, 20))
    first.add_pupil(pupils["zoe"].id, (), "Welke plek?")
    first.add_pupil(pupils["noah"].id)
    first.participants += [
        MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, attended=True),
        MdoParticipant(name="Fam. Jansen", role=MdoRole.OUDERS, case_id=pupils["noah"].id),
    ]
    mdo_service.save_mdo(ctx, first)
    mdo_service.record_outcome(ctx, first.id, pupils["noah"].id,
                               MdoOutcome(decisions=["Loopt"]), None)

    following = mdo_service.start_next_mdo(ctx, first.id, date(2027, 1, 19), time(9, 0))

    loaded = mdo_service.load_mdo(ctx, following.id)
    assert loaded.case_ids == [pupils["zoe"].id]
    assert loaded.item(pupils["zoe"].id).question == "Welke plek?"
    assert loaded.item(pupils["zoe"].id).reasons == (SuggestionReason.DOORGESCHOVEN,)
    assert [(p.name, p.attended) for p in loaded.participants] == [("Kees Mulder", None)]
    assert (loaded.chair, loaded.school, loaded.location) == (first.chair, SCHOOL, "Teamkamer")


def test_attendance_and_minutes(ctx: AppContext, pupils: dict[str, Case]) -> None:
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(pupils["zoe"].id)
    kees = MdoParticipant(name="Kees Mulder", role=MdoRole.SWV)
    mdo.participants.append(kees)
    mdo_service.save_mdo(ctx, mdo)
    mdo_service.record_attendance(ctx, mdo.id, {kees.id: True})
    text = pdf_text(mdo_service.minutes_pdf(ctx, mdo.id))
    assert "Kees Mulder" in text and "Aanwezig" in text
    assert "Niet besproken. Schuift door naar het volgende MDO." in text


def test_with_the_vault_plan_actions_appear_in_the_plan_and_on_the_today_list(
    ctx: AppContext, pupils: dict[str, Case]
) -> None:
    sem = pupils["sem"]
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(sem.id)
    mdo_service.save_mdo(ctx, mdo)
    action = MdoAction("Mentor", "Rooster voor halve dagen maken", date(2026, 11, 26))

    mdo_service.record_outcome(ctx, mdo.id, sem.id, MdoOutcome(new_actions=[action]))

    versions = plan_service.load_versions(ctx, sem.id)
    assert [a.what for v in versions for g in v.goals for a in g.actions] == [action.what]
    rows = reminders.load_today(ctx, plan_service.plan_items(ctx)).rows
    assert [(r.pupil_name, r.reminder.kind) for r in rows
            if r.reminder.kind is DeadlineKind.ACTIE] == [("Sem de Vries", DeadlineKind.ACTIE)]
    # The plan can still be edited and saved by the plan feature afterwards.
    plan_service.save_plan(ctx, versions[-1])


# -- outcome actions follow the plan feature's rules -------------------------------------------
def smart_plan(case: Case) -> PlanVanAanpak:
    return PlanVanAanpak(case_id=case.id, created=date(2026, 11, 2), goals=(
        Goal(description="Sem gaat drie ochtenden naar school", indicator="Absentieregistratie",
             deadline=date(2027, 1, 15)),))


@pytest.mark.parametrize(("has_smart_plan", "goals_set_before", "goals_set_after"), [
    (False, None, None),  # MDO agreements alone are no SMART goal: the clock keeps running
    (True, None, date(2026, 11, 23)),  # the plan's SMART goal counts from this save
    (True, date(2026, 11, 5), date(2026, 11, 5)),  # once set, the date never moves
], ids=["no plan", "smart plan, date missing", "date already set"])
def test_outcome_on_a_case_without_goals_set_updates_the_case_like_a_plan_save(
    ctx: AppContext, pupils: dict[str, Case], has_smart_plan: bool,
    goals_set_before: date | None, goals_set_after: date | None,
) -> None:
    sem = replace(pupils["sem"], goals_set_date=goals_set_before)
    with ctx.vault.transaction() as conn:
        repo_cases.save_case(conn, sem, ctx.now())
        if has_smart_plan:  # e.g. a plan written before the clock existed
            repo_plan.save_version(conn, smart_plan(sem), ctx.now())
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(sem.id)
    mdo_service.save_mdo(ctx, mdo)

    mdo_service.record_outcome(ctx, mdo.id, sem.id, MdoOutcome(new_actions=[
        MdoAction("Mentor", "Rooster voor halve dagen maken", date(2026, 11, 26))]))

    case = cases.load_case(ctx, sem.id).case
    assert case.goals_set_date == goals_set_after
    assert case.stage is CaseStage.PLAN_VAN_AANPAK  # the case now has a plan with actions
    versions = plan_service.load_versions(ctx, sem.id)
    assert len(versions) == 1
    assert versions[0].has_smart_goal is has_smart_plan


def test_outcome_refuses_a_plan_that_breaks_the_plan_rules(
    ctx: AppContext, pupils: dict[str, Case]
) -> None:
    sem = pupils["sem"]
    broken = PlanVanAanpak(case_id=sem.id, created=date(2026, 11, 2), goals=(
        Goal(description="Terug naar school", actions=(
            Action(what="Rooster maken", done_on=date(2026, 12, 24)),)),))
    with ctx.vault.transaction() as conn:
        repo_plan.save_version(conn, broken, ctx.now())
    mdo = meeting(date(2026, 11, 20))
    mdo.add_pupil(sem.id)
    mdo_service.save_mdo(ctx, mdo)

    with pytest.raises(ValidationError):
        mdo_service.record_outcome(ctx, mdo.id, sem.id, MdoOutcome(new_actions=[
            MdoAction("Mentor", "Gesprek plannen", date(2026, 11, 26))]))

    # Nothing half-done: neither the outcome nor the plan changed.
    assert not mdo_service.load_mdo(ctx, mdo.id).item(sem.id).discussed
    assert plan_service.load_versions(ctx, sem.id) == [broken]
