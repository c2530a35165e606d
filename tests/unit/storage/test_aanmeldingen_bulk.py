"""Reading many aanmeldingen at once gives exactly what reading them one by one gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases, repo_intake


def form(first: str, route: AanmeldRoute, parents: int, sick: int, consent: bool) -> Aanmelding:
    return Aanmelding(
        report_date=date(2026, 11, 16), route=route,
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries", phone="010-0000000"),
        pupil=Pupil(first_name=first, last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                    school="Het Baken", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name=f"Ouder {i}", relation=Relation.MOEDER, phone="06-12345678")
                 for i in range(parents)],
        sick_reports=[SickReport(date(2026, 10, 1 + 3 * i), date(2026, 10, 2 + 3 * i))
                      for i in range(sick)],
        education_percentage=0, education_since=date(2026, 10, 1),
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.VIA_SCHOOL, given_by="moeder")
        if consent else Consent(),
    )


def test_bulk_read_equals_one_by_one(ctx: AppContext) -> None:
    ids = [intake.register_aanmelding(ctx, form(*args)).id for args in [
        ("Zoë", AanmeldRoute.ZIEKTEVERZUIM, 2, 3, True),
        ("Noah", AanmeldRoute.GEOORLOOFD_LANGDURIG, 1, 0, False),
        ("Mila", AanmeldRoute.DUO, 3, 1, False),
    ]]
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 1, 5))
    without_form = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                         aanmelding_date=date(2026, 11, 2)))
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True)
        pupils = {i.case.id: i.pupil for i in items}
        bulk = repo_intake.load_aanmeldingen(conn, pupils)
        one_by_one = {case_id: repo_intake.load_aanmelding(conn, case_id, p)
                      for case_id, p in pupils.items()}
    assert set(bulk) == set(ids)
    assert without_form.id not in bulk and one_by_one[without_form.id] is None
    for case_id in ids:
        assert bulk[case_id] == one_by_one[case_id]
    assert [len(bulk[i].parents) for i in ids] == [2, 1, 3]
    assert [len(bulk[i].sick_reports) for i in ids] == [3, 0, 1]
    assert [bool(bulk[i].blocking_reasons()) for i in ids] == [False, True, False]
    assert replace(bulk[ids[0]], notes="x") != bulk[ids[0]]  # a real comparison
