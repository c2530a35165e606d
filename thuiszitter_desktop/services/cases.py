"""Use cases around pupils and cases: one function per action a user takes."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection

from thuiszitter_desktop.domain.episodes import ClosedEpisode
from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases as repo
from thuiszitter_desktop.storage import repo_reminders


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    pupil: Pupil
    contacts: list[ContactMoment]
    professionals: list[InvolvedProfessional]


def register_case(ctx: AppContext, pupil: Pupil, case: Case) -> Case:
    """Create a pupil (or update a known one) and a new case for them."""
    today = ctx.today()
    pupil.validate(today)
    case = replace(case, pupil_id=pupil.id)
    case.validate(today)
    with ctx.vault.transaction() as conn:
        repo.save_pupil(conn, pupil, ctx.now())
        repo.save_case(conn, case, ctx.now())
        ctx.audit(conn, "aangemaakt", "casus", case.id, case.id)
    ctx.changes.publish(Change("case", (case.id,)))
    return case


def load_case(ctx: AppContext, case_id: str) -> CaseDetail:
    with ctx.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        detail = CaseDetail(case, repo.get_pupil(conn, case.pupil_id),
                            repo.list_contacts(conn, case_id),
                            repo.list_professionals(conn, case_id))
        ctx.audit(conn, "bekeken", "casus", case_id, case_id)
    return detail


def save_case(ctx: AppContext, pupil: Pupil, case: Case) -> None:
    """Save edits to a pupil and their case in one transaction."""
    today = ctx.today()
    pupil.validate(today)
    case.validate(today)
    with ctx.vault.transaction() as conn:
        repo.save_pupil(conn, pupil, ctx.now())
        repo.save_case(conn, case, ctx.now())
        ctx.audit(conn, "gewijzigd", "casus", case.id, case.id)
    ctx.changes.publish(Change("case", (case.id,)))


def close_case(ctx: AppContext, case_id: str, reason: ClosingReason, note: str = "") -> Case:
    with ctx.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        case.close(reason, ctx.today(), note)
        repo.save_case(conn, case, ctx.now())
        ctx.audit(conn, "afgesloten", "casus", case_id, case_id, reason.name)
    ctx.changes.publish(Change("case", (case_id,)))
    return case


def reopen_case(ctx: AppContext, case_id: str) -> Case:
    with ctx.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        # A reopened case starts a new episode: its clocks restart (domain/deadlines.py).
        repo_reminders.add_episode(conn, case_id, ctx.today(), case.closed_on, ctx.now(),
                                   closed=ClosedEpisode.of(case))
        case.reopen()
        repo.save_case(conn, case, ctx.now())
        ctx.audit(conn, "heropend", "casus", case_id, case_id)
    ctx.changes.publish(Change("case", (case_id,)))
    return case


def save_contact(ctx: AppContext, contact: ContactMoment) -> None:
    """Record a contact moment; the first contact with pupil/parents stops the two-week clock."""
    contact.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        repo.save_contact(conn, contact, ctx.now())
        _refresh_first_contact(ctx, conn, contact.case_id)
        ctx.audit(conn, "contact vastgelegd", "contact", contact.id, contact.case_id)
    ctx.changes.publish(Change("case", (contact.case_id,)))


def delete_contact(ctx: AppContext, contact: ContactMoment) -> None:
    with ctx.vault.transaction() as conn:
        repo.delete_contact(conn, contact.id)
        _refresh_first_contact(ctx, conn, contact.case_id)
        ctx.audit(conn, "contact verwijderd", "contact", contact.id, contact.case_id)
    ctx.changes.publish(Change("case", (contact.case_id,)))


def _refresh_first_contact(ctx: AppContext, conn: Connection, case_id: str) -> None:
    case = repo.get_case(conn, case_id)
    first = repo.first_contact_date(conn, case_id)
    if case.first_contact_date != first:
        case.first_contact_date = first
        repo.save_case(conn, case, ctx.now())


def save_professional(ctx: AppContext, person: InvolvedProfessional) -> None:
    person.validate()
    with ctx.vault.transaction() as conn:
        repo.save_professional(conn, person, ctx.now())
        ctx.audit(conn, "betrokkene vastgelegd", "betrokkene", person.id, person.case_id)
    ctx.changes.publish(Change("case", (person.case_id,)))


def delete_professional(ctx: AppContext, person: InvolvedProfessional) -> None:
    with ctx.vault.transaction() as conn:
        repo.delete_professional(conn, person.id)
        ctx.audit(conn, "betrokkene verwijderd", "betrokkene", person.id, person.case_id)
    ctx.changes.publish(Change("case", (person.case_id,)))
