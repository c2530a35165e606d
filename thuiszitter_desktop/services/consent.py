"""Consent per purpose: record, withdraw, and the gate every step passes (``require``).

One mechanism for every step that waits for consent (``domain/consent.Step``): the intake and
terugkoppeling, the plan van aanpak, an MDO discussion, contact with a care provider and
sharing with school. A service calls ``require`` inside its transaction before it writes; the
UI asks ``gaps`` to show the same reasons before the user tries, with how to record consent.

Leerplicht's own involvement needs consent when the aanmelding came in as geoorloofd verzuim
(``AanmeldRoute.needs_consent``); cases registered without an aanmeldformulier are not asked
for it (as before). The other purposes apply to every case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain.consent import (
    ConsentPurpose,
    ConsentRecord,
    ConsentSituation,
    Step,
    consent_gaps,
)
from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_consent, repo_intake


class ConsentMissing(UserError):
    """A step refused for want of consent; ``reasons`` end with how to record it."""

    def __init__(self, reasons: Sequence[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = list(reasons)


def situation(conn: Connection, case_id: str, today: date) -> ConsentSituation:
    case = repo_cases.get_case(conn, case_id)
    pupil = repo_cases.get_pupil(conn, case.pupil_id)
    aanmelding = repo_intake.load_aanmelding(conn, case_id, pupil)
    return ConsentSituation(
        records=tuple(repo_consent.list_consents(conn, case_id)),
        leerplicht_needs_consent=aanmelding is not None and aanmelding.route.needs_consent,
        pupil_age=pupil.age(today), pupil_first_name=pupil.first_name)


def step_gaps(conn: Connection, case_id: str, step: Step, today: date,
              provider_id: str | None = None) -> list[str]:
    """Why ``step`` must wait for this case (Dutch), empty when it may go ahead."""
    provider_name = ""
    if provider_id is not None:
        provider_name = next((p.name for p in repo_cases.list_professionals(conn, case_id)
                              if p.id == provider_id), "")
    return consent_gaps(situation(conn, case_id, today), step, today, provider_id,
                        provider_name)


def require(conn: Connection, case_id: str, step: Step, today: date,
            provider_id: str | None = None) -> None:
    """Refuse ``step`` (``ConsentMissing``) while consent for it is missing."""
    reasons = step_gaps(conn, case_id, step, today, provider_id)
    if reasons:
        raise ConsentMissing(reasons)


def gaps(ctx: AppContext, case_id: str, step: Step,
         provider_id: str | None = None) -> list[str]:
    """``step_gaps`` for the UI: shown before the user tries the step."""
    with ctx.vault.read() as conn:
        return step_gaps(conn, case_id, step, ctx.today(), provider_id)


def consented_cases(conn: Connection, case_ids: Sequence[str], step: Step,
                    today: date) -> set[str]:
    """The cases among ``case_ids`` whose consent allows ``step`` today."""
    return {case_id for case_id in case_ids
            if not step_gaps(conn, case_id, step, today)}


def list_consents(ctx: AppContext, case_id: str) -> list[ConsentRecord]:
    with ctx.vault.read() as conn:
        return repo_consent.list_consents(conn, case_id)


def record_consent(ctx: AppContext, record: ConsentRecord) -> None:
    """Record a consent (date, how, who); for care providers, the ones it names."""
    record.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        known = {p.id for p in repo_cases.list_professionals(conn, record.case_id)}
        if set(record.provider_ids) - known:
            raise ValidationError({"provider_ids": "Kies zorgverleners van deze casus."})
        repo_consent.save_consent(conn, record, ctx.now())
        ctx.audit(conn, "toestemming vastgelegd", "toestemming", record.id, record.case_id,
                  f"{record.purpose.name}; {record.giver.name}")
    ctx.changes.publish(Change("case", (record.case_id,)))


def withdraw_consent(ctx: AppContext, consent_id: str, on: date | None = None) -> None:
    """Withdraw a consent in one action: from ``on`` (today) no step relies on it."""
    day = on or ctx.today()
    with ctx.vault.transaction() as conn:
        record = repo_consent.get_consent(conn, consent_id)
        if record is None:
            raise repo_cases.NotFoundError(consent_id)
        if record.withdrawn_on is not None:
            raise ValidationError({"withdrawn_on": "Deze toestemming is al ingetrokken."})
        if day < record.on or day > ctx.today():
            raise ValidationError({"withdrawn_on": "Kies een datum tussen de toestemming en "
                                                   "vandaag."})
        repo_consent.withdraw(conn, record, day, ctx.now())
        ctx.audit(conn, "toestemming ingetrokken", "toestemming", record.id, record.case_id,
                  record.purpose.name)
    ctx.changes.publish(Change("case", (record.case_id,)))


def purposes_in_force(ctx: AppContext, case_id: str) -> dict[ConsentPurpose, list[str]]:
    """Per purpose, who gave consent that holds today ('Ouders / verzorgers', 'Leerling')."""
    today = ctx.today()
    found: dict[ConsentPurpose, list[str]] = {purpose: [] for purpose in ConsentPurpose}
    for record in list_consents(ctx, case_id):
        if record.active_on(today) and record.giver.label not in found[record.purpose]:
            found[record.purpose].append(record.giver.label)
    return found
