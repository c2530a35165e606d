"""Use cases around pupils and cases: one function per action a user takes.

Saving a case keeps what other rules derive: the passend aanbod date and kind follow the
recorded offers (``passend_aanbod``), the regie changes only as an event with a reason
(``regie``), and a change of percentage, verzuim type or situation is kept in the case's
history from the day it holds (``situation_history``). Closing plans the follow-up moments.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.episodes import ClosedEpisode
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.follow_up import (
    FollowUpKind,
    FollowUpOutcome,
    follow_ups_after_closing,
    transition_follow_up,
)
from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.situation_history import SituationChange, changes_to_record
from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind
from thuiszitter_desktop.services import consent
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases as repo
from thuiszitter_desktop.storage import repo_follow_up, repo_reminders, repo_situation


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


def save_case(ctx: AppContext, pupil: Pupil, case: Case,
              effective_from: date | None = None) -> None:
    """Save edits to a pupil and their case in one transaction.

    A new percentage, verzuim type or situation holds from ``effective_from`` (today when not
    given) and is added to the case's history.
    """
    today = ctx.today()
    pupil.validate(today)
    case.validate(today)
    since = effective_from or today
    with ctx.vault.transaction() as conn:
        stored = repo.get_case(conn, case.id)
        if case.regie is not stored.regie:
            raise ValidationError({"regie": "Wijzig de regie met de knop 'Regie wijzigen…', "
                                            "met de reden."})
        # Derived from the recorded offers, never typed here.
        case = replace(case, passend_aanbod_date=stored.passend_aanbod_date,
                       passend_aanbod_kind=stored.passend_aanbod_kind)
        history = repo_situation.histories(conn, [case.id]).get(case.id, ())
        added = changes_to_record(stored, case, history, since)
        if added and not case.aanmelding_date <= since <= today:
            raise ValidationError({"effective_from": "De wijziging van onderwijs of situatie "
                                   "moet ingaan tussen de aanmelding en vandaag."})
        for change in added:
            repo_situation.save_change(conn, change, ctx.now())
        repo.save_pupil(conn, pupil, ctx.now())
        repo.save_case(conn, case, ctx.now())
        ctx.audit(conn, "gewijzigd", "casus", case.id, case.id,
                  "verloop onderwijs/situatie" if added else "")
    ctx.changes.publish(Change("case", (case.id,)))


def close_case(ctx: AppContext, case_id: str, reason: ClosingReason, note: str = "",
               transition: tuple[FollowUpKind, date] | None = None) -> Case:
    """Close a case; when the pupil is back in education, plan the follow-up moments (3, 6
    and 12 months, and a month after a known transition to a new school type)."""
    with ctx.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        case.close(reason, ctx.today(), note)
        repo.save_case(conn, case, ctx.now())
        planned = follow_ups_after_closing(case_id, ctx.today(), reason)
        if transition is not None:
            planned.append(transition_follow_up(case_id, *transition))
        for item in planned:
            repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "afgesloten", "casus", case_id, case_id, reason.name)
    ctx.changes.publish(Change("case", (case_id,)))
    return case


def reopen_case(ctx: AppContext, case_id: str) -> Case:
    """Reopen a case; follow-up moments still open are answered: the pupil is home again."""
    with ctx.vault.transaction() as conn:
        case = repo.get_case(conn, case_id)
        # A reopened case starts a new episode: its clocks restart (domain/deadlines.py).
        repo_reminders.add_episode(conn, case_id, ctx.today(), case.closed_on, ctx.now(),
                                   closed=ClosedEpisode.of(case))
        case.reopen()
        repo.save_case(conn, case, ctx.now())
        for item in repo_follow_up.list_follow_ups(conn, [case_id]):
            if not item.done:
                item.record(ctx.today(), FollowUpOutcome.WEER_THUIS, "Casus heropend",
                            ctx.today())
                repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "heropend", "casus", case_id, case_id)
    ctx.changes.publish(Change("case", (case_id,)))
    return case


def save_contact(ctx: AppContext, contact: ContactMoment) -> None:
    """Record a contact moment; the first conversation with pupil/parents stops the two-week
    clock. Contact with a care provider needs the consent that names them."""
    contact.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        if contact.care_provider_id is not None:
            if contact.care_provider_id not in {
                    p.id for p in repo.list_professionals(conn, contact.case_id)}:
                raise ValidationError({"care_provider_id": "Kies een betrokkene van deze "
                                                           "casus."})
            consent.require(conn, contact.case_id, Step.ZORGVERLENER, ctx.today(),
                            contact.care_provider_id)
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


def change_contact_kind(ctx: AppContext, contact: ContactMoment,
                        kind: ContactKind) -> ContactMoment:
    """Correct the kind of a recorded contact (e.g. a 'telefoon' that was a video call); the
    kind is then no longer an assumption of the update."""
    changed = replace(contact, kind=kind, kind_assumed=False)
    with ctx.vault.transaction() as conn:
        repo.save_contact(conn, changed, ctx.now())
        _refresh_first_contact(ctx, conn, contact.case_id)
        ctx.audit(conn, "soort contact aangepast", "contact", contact.id, contact.case_id,
                  kind.name)
    ctx.changes.publish(Change("case", (contact.case_id,)))
    return changed


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


def list_professionals(ctx: AppContext, case_id: str) -> list[InvolvedProfessional]:
    """The involved professionals of a case (to name in a consent or a contact)."""
    with ctx.vault.read() as conn:
        return repo.list_professionals(conn, case_id)


def situation_history(ctx: AppContext, case_id: str) -> tuple[SituationChange, ...]:
    """The case's history of percentage, verzuim type and situation, oldest first."""
    with ctx.vault.read() as conn:
        return repo_situation.histories(conn, [case_id]).get(case_id, ())


def load_summary(ctx: AppContext, case_id: str) -> tuple[Case, Pupil]:
    """The case and its pupil, for a tab of the case window already opened (and audited)."""
    with ctx.vault.read() as conn:
        case = repo.get_case(conn, case_id)
        return case, repo.get_pupil(conn, case.pupil_id)
