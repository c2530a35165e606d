from datetime import date

import pytest

from thuiszitter_desktop.domain.deadlines import DeadlineKind, DeadlineState
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
)
from thuiszitter_desktop.domain.vocab import CaseStage, ClosingReason, ContactKind, VerzuimType
from thuiszitter_desktop.services import caseload, cases, passend_aanbod
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.demo import build_demo_cases, populate_demo
from thuiszitter_desktop.storage import repo_audit


def register(ctx: AppContext, first: str = "Zoë", aanmelding: date = date(2026, 11, 10)) -> Case:
    pupil = Pupil(first_name=first, last_name="Çelik-d'Hondt", birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=aanmelding,
                verzuim_type=VerzuimType.GEOORLOOFD)
    return cases.register_case(ctx, pupil, case)


def test_registered_case_appears_in_overview_with_first_contact_deadline(ctx: AppContext) -> None:
    case = register(ctx)
    rows = caseload.load_rows(ctx)
    assert [r.case_id for r in rows] == [case.id]
    row = rows[0]
    assert row.pupil_name == "Zoë Çelik-d'Hondt"
    assert row.age == 13
    assert row.deadline is not None
    assert row.deadline.kind is DeadlineKind.EERSTE_CONTACT
    assert row.deadline.due == date(2026, 11, 24)
    assert row.deadline.state is DeadlineState.BINNENKORT


def test_invalid_case_is_not_saved(ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 1, 1))
    with pytest.raises(ValidationError):
        cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=date(2027, 1, 1)))
    assert caseload.load_rows(ctx, include_closed=True) == []


def test_first_contact_with_parents_stops_the_two_week_clock(ctx: AppContext) -> None:
    case = register(ctx)
    cases.save_contact(ctx, ContactMoment(case_id=case.id, on=date(2026, 11, 12),
                                          kind=ContactKind.TELEFOON,
                                          with_pupil_or_parents=False))
    assert cases.load_case(ctx, case.id).case.first_contact_date is None
    visit = ContactMoment(case_id=case.id, on=date(2026, 11, 14), kind=ContactKind.HUISBEZOEK)
    cases.save_contact(ctx, visit)
    assert cases.load_case(ctx, case.id).case.first_contact_date == date(2026, 11, 14)
    row = caseload.load_rows(ctx)[0]
    assert row.deadline is not None and row.deadline.kind is DeadlineKind.DOELEN
    cases.delete_contact(ctx, visit)
    assert cases.load_case(ctx, case.id).case.first_contact_date is None


def test_close_removes_from_overview_but_stays_findable_and_reopens(ctx: AppContext) -> None:
    case = register(ctx)
    seen: list[Change] = []
    ctx.changes.subscribe(seen.append)
    cases.close_case(ctx, case.id, ClosingReason.TERUG_OP_SCHOOL)
    assert caseload.load_rows(ctx) == []
    closed = caseload.load_rows(ctx, include_closed=True)
    assert [r.case_id for r in closed] == [case.id] and not closed[0].is_open
    assert seen == [Change("case", (case.id,))]
    reopened = cases.reopen_case(ctx, case.id)
    assert reopened.stage is CaseStage.MONITORING
    assert [r.case_id for r in caseload.load_rows(ctx)] == [case.id]


def test_actions_are_audited_without_content(ctx: AppContext) -> None:
    case = register(ctx)
    cases.load_case(ctx, case.id)
    cases.close_case(ctx, case.id, ClosingReason.VERHUISD)
    with ctx.vault.read() as conn:
        log = repo_audit.entries(conn, case.id)
    assert [e.action for e in log] == ["aangemaakt", "bekeken", "afgesloten"]
    assert all("Zoë" not in e.detail for e in log)
    assert {e.actor for e in log} == {"Test Consulent"}


def test_demo_caseload_covers_every_stage(ctx: AppContext, today: date) -> None:
    demo = build_demo_cases(today)
    assert len(demo) == 60
    assert len({d.pupil.school for d in demo if d.pupil.school}) >= 5
    populate_demo(ctx)
    rows = caseload.load_rows(ctx, include_closed=True)
    assert len(rows) == 60
    stages = {r.stage for r in rows}
    assert {"Aanmelding ontvangen", "Plan van aanpak", "Monitoring", "Afgesloten"} <= stages
    states = {r.deadline.state for r in rows if r.deadline}
    assert {DeadlineState.VERLOPEN, DeadlineState.BINNENKORT} <= states
    for item in demo:
        item.pupil.validate(today)
        item.case.validate(today)


def test_overview_counts_days_at_home_and_days_without_passend_aanbod(ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2012, 3, 4))
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 10, 1),
                home_since=date(2026, 9, 14))
    cases.register_case(ctx, pupil, case)
    row = caseload.load_rows(ctx)[0]
    assert (row.days_at_home, row.days_without_aanbod) == (70, 70)  # today: 23 November
    passend_aanbod.save_offer(ctx, PassendAanbod(
        case_id=case.id, start=date(2026, 11, 2), description="Maatwerkrooster",
        education_part=True, criteria=set(AanbodCriterion),
        agreed={AanbodParty.OUDERS: date(2026, 11, 2)}, parent_view=ParentView.PASSEND))
    row = caseload.load_rows(ctx)[0]
    assert (row.days_at_home, row.days_without_aanbod) == (70, 49)
