"""Small actions of a consulent on a laptop, through the app's own services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.vocab import ContactKind, VerzuimType
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext


def register(ctx: AppContext, first: str = "Zoë", last: str = "Çelik-d'Hondt",
             birth: date = date(2013, 4, 2)) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=birth, school="OBS De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 10),
                verzuim_type=VerzuimType.GEOORLOOFD, consulent=ctx.actor)
    return cases.register_case(ctx, pupil, case)


def edit_case(ctx: AppContext, case_id: str, **changes: object) -> None:
    detail = cases.load_case(ctx, case_id)
    cases.save_case(ctx, detail.pupil, replace(detail.case, **changes))  # type: ignore[arg-type]


def edit_pupil(ctx: AppContext, case_id: str, **changes: object) -> None:
    detail = cases.load_case(ctx, case_id)
    cases.save_case(ctx, replace(detail.pupil, **changes), detail.case)  # type: ignore[arg-type]


def add_contact(ctx: AppContext, case_id: str, notes: str = "Gesprek thuis",
                on: date = date(2026, 11, 12)) -> ContactMoment:
    contact = ContactMoment(case_id=case_id, on=on, kind=ContactKind.HUISBEZOEK, notes=notes)
    cases.save_contact(ctx, contact)
    return contact


def register_reported(ctx: AppContext, first: str, last: str, birth: date) -> Case:
    """A pupil registered through the aanmeldformulier (aanmelding, parents, stage dates)."""
    from thuiszitter_desktop.domain.aanmelding import (
        Aanmelding,
        ParentContact,
        Relation,
        Reporter,
    )
    from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
    from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
    from thuiszitter_desktop.services import intake

    return intake.register_aanmelding(ctx, Aanmelding(
        report_date=date(2026, 11, 16),
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries"),
        pupil=Pupil(first_name=first, last_name=last, birth_date=birth, school="Het Baken"),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        sick_reports=[SickReport(date(2026, 11, 2), date(2026, 11, 13))],
        confirmed_criteria={SickCriterion.VERSPREID_MAAND},
        education_percentage=20, education_since=date(2026, 11, 2),
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.VIA_SCHOOL, given_by="moeder")))
