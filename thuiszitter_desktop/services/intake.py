"""Use cases of the first weeks of a case: aanmelding, stage dates, intake, terugkoppeling.

Next steps after an aanmelding (marking later stages, the intake, the terugkoppeling) are
refused with the Dutch reason while required consent is missing (geoorloofd verzuim).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.aanmelding import Aanmelding
from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.intake import IntakeRecord
from thuiszitter_desktop.domain.model import Case, ContactMoment
from thuiszitter_desktop.domain.regie import proposed_regie, regie_meaning
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    Terugkoppeling,
    draft_terugkoppeling,
)
from thuiszitter_desktop.domain.vocab import CaseStage
from thuiszitter_desktop.services import consent
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_intake, repo_settings

HOME_BELOW_PERCENTAGE = 50


# -- aanmelding -----------------------------------------------------------------------------
def register_aanmelding(ctx: AppContext, aanmelding: Aanmelding) -> Case:
    """Register a school's report: pupil, a new case and the aanmelding, in one transaction.

    Allowed without consent; the case then waits (see ``blocking_reasons``)."""
    today = ctx.today()
    aanmelding.validate(today)
    pct = aanmelding.education_percentage or 0
    case = Case(
        pupil_id=aanmelding.pupil.id, aanmelding_date=aanmelding.report_date,
        home_since=aanmelding.education_since if pct < HOME_BELOW_PERCENTAGE else None,
        verzuim_type=aanmelding.route.verzuim_type, education_percentage=pct,
        consulent=ctx.actor,
        regie=proposed_regie(aanmelding.pupil.enrolled, aanmelding.route.verzuim_type),
    )
    case.validate(today)
    with ctx.vault.transaction() as conn:
        repo_cases.save_pupil(conn, aanmelding.pupil, ctx.now())
        repo_cases.save_case(conn, case, ctx.now())
        repo_intake.save_aanmelding(conn, case.id, aanmelding, ctx.now())
        repo_intake.save_stage_dates(conn, case.id, StageDates.starting(case.aanmelding_date),
                                     ctx.now())
        ctx.audit(conn, "aanmelding geregistreerd", "aanmelding", aanmelding.id, case.id,
                  aanmelding.route.name)
    ctx.changes.publish(Change("case", (case.id,)))
    return case


def save_aanmelding(ctx: AppContext, case_id: str, aanmelding: Aanmelding) -> None:
    """Save edits to the aanmelding and its pupil; the case follows the report date."""
    aanmelding.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        repo_cases.save_pupil(conn, aanmelding.pupil, ctx.now())
        repo_intake.save_aanmelding(conn, case_id, aanmelding, ctx.now())
        stages = _stages(conn, case)
        stages.set_date(CaseStage.AANMELDING_ONTVANGEN, aanmelding.report_date)
        stages.validate(ctx.today())
        if case.aanmelding_date != aanmelding.report_date:
            case.aanmelding_date = aanmelding.report_date
            repo_cases.save_case(conn, case, ctx.now())
        _save_stages(ctx, conn, case, stages)
        ctx.audit(conn, "aanmelding gewijzigd", "aanmelding", aanmelding.id, case_id)
    ctx.changes.publish(Change("case", (case_id,)))


def load_aanmelding(ctx: AppContext, case_id: str) -> Aanmelding | None:
    with ctx.vault.read() as conn:
        case = repo_cases.get_case(conn, case_id)
        return repo_intake.load_aanmelding(conn, case_id,
                                           repo_cases.get_pupil(conn, case.pupil_id))


def blocking_reasons(ctx: AppContext, case_id: str) -> list[str]:
    """Why next steps wait for consent (Dutch, with how to record it); empty when they may go
    ahead."""
    return consent.gaps(ctx, case_id, Step.VOLGENDE_STAPPEN)


def _require_next_steps(ctx: AppContext, conn: Connection, case_id: str) -> None:
    consent.require(conn, case_id, Step.VOLGENDE_STAPPEN, ctx.today())


# -- stages ---------------------------------------------------------------------------------
def _stages(conn: Connection, case: Case) -> StageDates:
    stages = repo_intake.load_stage_dates(conn, case.id)
    stages.dates.setdefault(CaseStage.AANMELDING_ONTVANGEN, case.aanmelding_date)
    # Closing is done by the case service; its date is the case's closing date.
    stages.dates.pop(CaseStage.AFGESLOTEN, None)
    if case.closed_on is not None:
        stages.dates[CaseStage.AFGESLOTEN] = case.closed_on
    return stages


def _save_stages(ctx: AppContext, conn: Connection, case: Case, stages: StageDates) -> None:
    stored = StageDates({s: d for s, d in stages.dates.items() if s is not CaseStage.AFGESLOTEN})
    repo_intake.save_stage_dates(conn, case.id, stored, ctx.now())
    if case.is_open and case.stage is not stored.current():
        case.stage = stored.current()
        repo_cases.save_case(conn, case, ctx.now())


def load_stages(ctx: AppContext, case_id: str) -> StageDates:
    with ctx.vault.read() as conn:
        return _stages(conn, repo_cases.get_case(conn, case_id))


def mark_stage(ctx: AppContext, case_id: str, stage: CaseStage) -> StageDates:
    """Record that a step is reached today (an earlier recorded date is kept)."""
    return _change_stage(ctx, case_id, stage, None, mark=True)


def set_stage_date(ctx: AppContext, case_id: str, stage: CaseStage,
                   on: date | None) -> StageDates:
    """Correct a step's date afterwards; ``None`` undoes the step."""
    return _change_stage(ctx, case_id, stage, on, mark=False)


def _change_stage(ctx: AppContext, case_id: str, stage: CaseStage, on: date | None,
                  mark: bool) -> StageDates:
    if stage is CaseStage.AFGESLOTEN:
        raise UserError("Sluit de casus af met de knop 'Casus afsluiten'.")
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        if stage is not CaseStage.AANMELDING_ONTVANGEN and (mark or on is not None):
            _require_next_steps(ctx, conn, case_id)
        stages = _stages(conn, case)
        if mark:
            stages.mark(stage, ctx.today())
        else:
            stages.set_date(stage, on)
        stages.validate(ctx.today())
        if stage is CaseStage.AANMELDING_ONTVANGEN and on is not None:
            case.aanmelding_date = on
            repo_cases.save_case(conn, case, ctx.now())
        _save_stages(ctx, conn, case, stages)
        ctx.audit(conn, "fase vastgelegd", "casus", case_id, case_id, stage.name)
    ctx.changes.publish(Change("case", (case_id,)))
    return stages


def save_stages(ctx: AppContext, case_id: str, dates: dict[CaseStage, date]) -> StageDates:
    """Save all step dates at once (the timeline form); closing stays with the case."""
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        before = _stages(conn, case).dates
        stages = StageDates({s: d for s, d in dates.items() if s is not CaseStage.AFGESLOTEN})
        added = [s for s, d in stages.dates.items()
                 if s is not CaseStage.AANMELDING_ONTVANGEN and before.get(s) != d]
        if added:
            _require_next_steps(ctx, conn, case_id)
        stages.validate(ctx.today())
        first = stages.dates[CaseStage.AANMELDING_ONTVANGEN]
        if case.aanmelding_date != first:
            case.aanmelding_date = first
            repo_cases.save_case(conn, case, ctx.now())
        _save_stages(ctx, conn, case, stages)
        ctx.audit(conn, "fasen gewijzigd", "casus", case_id, case_id)
    ctx.changes.publish(Change("case", (case_id,)))
    return stages


# -- intake ---------------------------------------------------------------------------------
def save_intake(ctx: AppContext, intake: IntakeRecord) -> None:
    """Save the conversation; it counts as contact with pupil/parents and marks the step."""
    intake.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        _require_next_steps(ctx, conn, intake.case_id)
        case = repo_cases.get_case(conn, intake.case_id)
        if intake.held_on < case.aanmelding_date:
            raise ValidationError({"held_on": "Het gesprek ligt vóór de datum van aanmelding."})
        is_new = repo_intake.load_intake(conn, case.id) is None
        repo_intake.save_intake(conn, intake, ctx.now())
        if is_new and not _has_family_contact_on(conn, case.id, intake.held_on):
            repo_cases.save_contact(conn, ContactMoment(
                case_id=case.id, on=intake.held_on, kind=intake.kind,
                participants=intake.participants, notes="Intakegesprek"), ctx.now())
        first = repo_cases.first_contact_date(conn, case.id)
        if case.first_contact_date != first:
            case.first_contact_date = first
            repo_cases.save_case(conn, case, ctx.now())
        stages = _stages(conn, case)
        stages.dates.setdefault(CaseStage.GESPREK_GEVOERD, intake.held_on)
        stages.validate(ctx.today())
        _save_stages(ctx, conn, case, stages)
        ctx.audit(conn, "gesprek vastgelegd", "intake", intake.id, case.id)
    ctx.changes.publish(Change("case", (intake.case_id,)))


def _has_family_contact_on(conn: Connection, case_id: str, day: date) -> bool:
    return any(c.on == day and c.with_pupil_or_parents
               for c in repo_cases.list_contacts(conn, case_id))


def load_intake(ctx: AppContext, case_id: str) -> IntakeRecord | None:
    with ctx.vault.read() as conn:
        return repo_intake.load_intake(conn, case_id)


# -- terugkoppeling -------------------------------------------------------------------------
def new_terugkoppeling(ctx: AppContext, case_id: str) -> Terugkoppeling:
    """A draft from the latest intake, addressed to pupil, parents and the school contact."""
    with ctx.vault.read() as conn:
        intake = repo_intake.load_intake(conn, case_id)
        if intake is None:
            raise UserError("Leg eerst het gesprek vast; de terugkoppeling wordt daarvan "
                            "gemaakt.")
        case = repo_cases.get_case(conn, case_id)
        pupil = repo_cases.get_pupil(conn, case.pupil_id)
        aanmelding = repo_intake.load_aanmelding(conn, case_id, pupil)
    recipients = [Recipient(kind=RecipientKind.LEERLING, name=pupil.full_name)]
    if aanmelding is not None:
        recipients += [Recipient(kind=RecipientKind.OUDERS, name=p.name)
                       for p in aanmelding.parents]
        if aanmelding.reporter.contact_name.strip():
            recipients.append(Recipient(kind=RecipientKind.ONDERSTEUNINGSCOORDINATOR,
                                        name=aanmelding.reporter.contact_name))
    return draft_terugkoppeling(intake, pupil_first_name=pupil.first_name,
                                pupil_birth_date=pupil.birth_date, written_on=ctx.today(),
                                recipients=recipients)


def save_terugkoppeling(ctx: AppContext, t: Terugkoppeling) -> None:
    """Save the (edited) terugkoppeling; when every recipient got it, the step is marked."""
    t.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        _require_next_steps(ctx, conn, t.case_id)
        repo_intake.save_terugkoppeling(conn, t, ctx.now())
        if t.sent_to_all:
            case = repo_cases.get_case(conn, t.case_id)
            stages = _stages(conn, case)
            last_sent = max(r.sent_on for r in t.recipients if r.sent_on is not None)
            stages.dates.setdefault(CaseStage.TERUGKOPPELING_VERSTUURD, last_sent)
            stages.validate(ctx.today())
            _save_stages(ctx, conn, case, stages)
        ctx.audit(conn, "terugkoppeling opgeslagen", "terugkoppeling", t.id, t.case_id)
    ctx.changes.publish(Change("case", (t.case_id,)))


def load_terugkoppeling(ctx: AppContext, case_id: str) -> Terugkoppeling | None:
    with ctx.vault.read() as conn:
        return repo_intake.load_terugkoppeling(conn, case_id)


# -- documents ------------------------------------------------------------------------------
def organisation_name(ctx: AppContext) -> str:
    with ctx.vault.read() as conn:
        return str(settings_registry.ORGANISATION.read(repo_settings.load_all(conn)))


def aanmelding_document(ctx: AppContext, case_id: str) -> bytes:
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.aanmeldformulier import aanmeldformulier_pdf

    aanmelding = load_aanmelding(ctx, case_id)
    if aanmelding is None:
        raise UserError("Bij deze casus is geen aanmeldformulier vastgelegd.")
    return aanmeldformulier_pdf(aanmelding, organisation=organisation_name(ctx))


def blank_aanmelding_document(ctx: AppContext) -> bytes:
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.aanmeldformulier import blank_aanmeldformulier_pdf

    return blank_aanmeldformulier_pdf(organisation=organisation_name(ctx))


def terugkoppeling_document(ctx: AppContext, t: Terugkoppeling, recipient_index: int) -> bytes:
    """The letter for one recipient, after the privacy rules of the domain."""
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.terugkoppeling import (
        ConsulentContact,
        TerugkoppelingLetter,
        terugkoppeling_pdf,
    )

    recipient = t.recipients[recipient_index]
    with ctx.vault.read() as conn:
        if recipient.kind is RecipientKind.ONDERSTEUNINGSCOORDINATOR:
            consent.require(conn, t.case_id, Step.SCHOOL, ctx.today())
        case = repo_cases.get_case(conn, t.case_id)
        pupil = repo_cases.get_pupil(conn, case.pupil_id)
        settings = repo_settings.load_all(conn)
    organisation = str(settings_registry.ORGANISATION.read(settings))
    letter = TerugkoppelingLetter(
        terugkoppeling=t, recipient=recipient.kind,
        addressee=pupil.first_name if recipient.kind is RecipientKind.LEERLING
        else recipient.name,
        pupil_first_name=pupil.first_name, pupil_full_name=pupil.full_name,
        pupil_birth_date=pupil.birth_date,
        school=pupil.school, organisation=organisation,
        consulent=ConsulentContact(name=case.consulent or ctx.actor,
                                   role=dict(settings_registry.ROLES)[
                                       settings_registry.CONSULENT_ROLE.read(settings)],
                                   phone=settings_registry.CONSULENT_PHONE.read(settings),
                                   email=settings_registry.CONSULENT_EMAIL.read(settings)),
        regie=regie_meaning(case.regie),
    )
    return terugkoppeling_pdf(letter)
