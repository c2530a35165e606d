"""Use cases around the plan van aanpak: start, save, evaluate, revise, print.

Only the newest version of a plan can be saved; earlier versions are read-only snapshots.
Saving moves the case's clock ('doelen gesteld') and keeps the case's regie and
casusverantwoordelijke in step with the plan, where they are agreed. Every writer of a plan
version (this module, the MDO outcome) goes through ``store_newest_version`` for these rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.plan import (
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    goals_set_after_save,
    record_progress,
    revise,
)
from thuiszitter_desktop.domain.plan_clock import validate_plan
from thuiszitter_desktop.domain.regie import RegieReason
from thuiszitter_desktop.domain.vocab import CaseStage
from thuiszitter_desktop.services import consent, regie
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.figures import organisation
from thuiszitter_desktop.services.reminders import PlanItems
from thuiszitter_desktop.storage import repo_cases, repo_intake, repo_plan, repo_reminders

NOT_LATEST = ("Dit is een oudere versie van het plan. Alleen de nieuwste versie kan worden "
              "aangepast.")


def load_versions(ctx: AppContext, case_id: str) -> list[PlanVanAanpak]:
    """All versions of the case's plan, oldest first (empty when there is no plan yet)."""
    with ctx.vault.read() as conn:
        return repo_plan.list_versions(conn, case_id)


def plan_people(ctx: AppContext, case_id: str) -> list[Owner]:
    """Who can own an action: the involved professionals, the parents registered with the
    aanmelding and the pupil."""
    with ctx.vault.read() as conn:
        return people_of_case(conn, case_id)


def people_of_case(conn: Connection, case_id: str) -> list[Owner]:
    """``plan_people`` in the caller's transaction."""
    case = repo_cases.get_case(conn, case_id)
    pupil = repo_cases.get_pupil(conn, case.pupil_id)
    professionals = [Owner(name=p.name, kind=OwnerKind.PROFESSIONAL, person_id=p.id)
                     for p in repo_cases.list_professionals(conn, case_id)]
    parents = [Owner(name=p.name, kind=OwnerKind.PARENT)
               for p in repo_intake.list_parents(conn, case_id) if p.name.strip()]
    return [*professionals, *parents, Owner(name=pupil.full_name, kind=OwnerKind.PUPIL)]


def registered_parents(ctx: AppContext, case_id: str) -> tuple[str, ...]:
    """The names of the parents registered with the aanmelding (for the plan's signatures)."""
    with ctx.vault.read() as conn:
        return tuple(p.name.strip() for p in repo_intake.list_parents(conn, case_id)
                     if p.name.strip())


def start_plan(ctx: AppContext, case_id: str) -> PlanVanAanpak:
    """Version 1 of a new plan, with regie and casusverantwoordelijke taken from the case.

    Refused (``ConsentMissing``) while leerplicht's involvement waits for consent."""
    with ctx.vault.transaction() as conn:
        consent.require(conn, case_id, Step.PLAN, ctx.today())
        if repo_plan.latest_version(conn, case_id) is not None:
            raise ValidationError({"plan": "Deze casus heeft al een plan van aanpak."})
        case = repo_cases.get_case(conn, case_id)
        plan = PlanVanAanpak(case_id=case_id, created=ctx.today(), regie=case.regie,
                             casusverantwoordelijke=case.casusverantwoordelijke)
        repo_plan.save_version(conn, plan, ctx.now())
        ctx.audit(conn, "plan gestart", "plan", plan.id, case_id)
    ctx.changes.publish(Change("plan", (case_id,)))
    return plan


def store_newest_version(ctx: AppContext, conn: Connection, plan: PlanVanAanpak) -> None:
    """Store ``plan`` as the newest version in the caller's transaction, by the plan rules.

    Validates the plan, refuses an older version, and updates the case ('doelen gesteld'
    date, stage, regie, casusverantwoordelijke). The caller audits and publishes.
    """
    validate_plan(plan, ctx.today())
    _require_latest(conn, plan)
    repo_plan.save_version(conn, plan, ctx.now())
    _update_case(ctx, conn, plan)


def save_plan(ctx: AppContext, plan: PlanVanAanpak) -> PlanVanAanpak:
    """Save the newest version (overwriting its snapshot) and update the case's clock."""
    with ctx.vault.transaction() as conn:
        consent.require(conn, plan.case_id, Step.PLAN, ctx.today())
        store_newest_version(ctx, conn, plan)
        ctx.audit(conn, "plan opgeslagen", "plan", plan.id, plan.case_id,
                  f"versie {plan.version}")
    _publish(ctx, plan.case_id)
    return plan


def record_evaluation(ctx: AppContext, plan: PlanVanAanpak, on: date,
                      notes: Mapping[str, tuple[GoalProgress, str]]) -> PlanVanAanpak:
    """Record progress per goal at an evaluation held ``on`` in the newest version."""
    if on > ctx.today():
        raise ValidationError({"on": "De evaluatiedatum ligt in de toekomst."})
    evaluated = record_progress(plan, on, notes)
    save_plan(ctx, evaluated)
    return evaluated


def revise_plan(ctx: AppContext, plan: PlanVanAanpak) -> PlanVanAanpak:
    """Save ``plan`` as it is, then start the next version from it, dated today."""
    validate_plan(plan, ctx.today())
    new = revise(plan, ctx.today())
    with ctx.vault.transaction() as conn:
        consent.require(conn, plan.case_id, Step.PLAN, ctx.today())
        _require_latest(conn, plan)
        repo_plan.save_version(conn, plan, ctx.now())
        repo_plan.save_version(conn, new, ctx.now())
        _update_case(ctx, conn, new)
        ctx.audit(conn, "nieuwe planversie", "plan", new.id, plan.case_id,
                  f"versie {new.version}")
    _publish(ctx, plan.case_id)
    return new


def plan_items(ctx: AppContext) -> PlanItems:
    """Dated actions and evaluations of every newest plan, for the reminders service."""
    with ctx.vault.read() as conn:
        return repo_plan.latest_clock_items(conn)


def plan_document(ctx: AppContext, plan: PlanVanAanpak, *, parent_names: Sequence[str] = (),
                  password: str | None = None) -> bytes:
    """The printed plan for parents as PDF bytes (encrypted when a password is given).
    Making it records nothing: ``record_plan_printed`` does, once it was saved or printed."""
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.plan import PlanLetter, PlanPerson, plan_pdf

    with ctx.vault.read() as conn:
        case = repo_cases.get_case(conn, plan.case_id)
        pupil = repo_cases.get_pupil(conn, case.pupil_id)
        people = [
            PlanPerson(p.name, _role(p.role.label, p.organisation), p.phone, p.email)
            for p in repo_cases.list_professionals(conn, plan.case_id)
        ]
    letter = PlanLetter(plan=plan, pupil_first_name=pupil.first_name,
                        pupil_full_name=pupil.full_name, pupil_birth_date=pupil.birth_date,
                        organisation=organisation(ctx), printed_on=ctx.today(), people=people,
                        parent_names=tuple(parent_names))
    return plan_pdf(letter, password=password)


PRINTED_ON_PAPER = "naar de printer gestuurd"
SAVED_WITH_PASSWORD = "PDF opgeslagen met wachtwoord"
SAVED_WITHOUT_PASSWORD = "PDF opgeslagen zonder wachtwoord"


def record_plan_printed(ctx: AppContext, plan: PlanVanAanpak, how: str) -> None:
    """Log that the plan left the vault: saved as a PDF or sent to the printer (``how``)."""
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "plan afgedrukt", "plan", plan.id, plan.case_id, how)


def _role(role: str, organisation_name: str) -> str:
    return f"{role}, {organisation_name}" if organisation_name.strip() else role


def _require_latest(conn: Connection, plan: PlanVanAanpak) -> None:
    latest = repo_plan.latest_version(conn, plan.case_id)
    if latest is not None and (latest.version != plan.version or latest.id != plan.id):
        raise ValidationError({"version": NOT_LATEST})


def _update_case(ctx: AppContext, conn: Connection, plan: PlanVanAanpak) -> None:
    case = repo_cases.get_case(conn, plan.case_id)
    episode = repo_reminders.latest_episodes(conn, [plan.case_id]).get(plan.case_id)
    updated = replace(
        case,
        goals_set_date=goals_set_after_save(case.goals_set_date, plan, ctx.today(),
                                            episode.reopened_on if episode else None),
        casusverantwoordelijke=plan.casusverantwoordelijke.strip(),
    )
    if plan.regie is not case.regie:  # the plan's agreement, kept as an event
        regie.record_change(ctx, conn, updated, plan.regie, RegieReason.PLAN, ctx.today())
    if case.is_open and plan.goals and case.stage.order < CaseStage.PLAN_VAN_AANPAK.order:
        updated.stage = CaseStage.PLAN_VAN_AANPAK
    if updated != case:
        repo_cases.save_case(conn, updated, ctx.now())


def _publish(ctx: AppContext, case_id: str) -> None:
    ctx.changes.publish(Change("plan", (case_id,)))
    ctx.changes.publish(Change("case", (case_id,)))
