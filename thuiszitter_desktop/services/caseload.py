"""The caseload overview: one row per case, with its deadline state computed in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    case_deadlines,
    next_deadline,
)
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """What the overview shows of one case; plain data, no Qt."""

    case_id: str
    pupil_name: str
    age: int
    school: str
    onderwijstype: str
    verzuim_type: str
    education_percentage: int
    days_at_home: int
    regie: str
    casusverantwoordelijke: str
    consulent: str
    stage: str
    stage_order: int
    deadline: Deadline | None
    is_open: bool


def clock_facts(case: Case) -> ClockFacts:
    return ClockFacts(
        aanmelding_date=case.aanmelding_date, home_since=case.home_since,
        first_contact_date=case.first_contact_date, goals_set_date=case.goals_set_date,
        passend_aanbod_date=case.passend_aanbod_date, closed_on=case.closed_on,
    )


def make_row(case: Case, pupil: Pupil, today: date) -> CaseloadRow:
    return CaseloadRow(
        case_id=case.id, pupil_name=pupil.full_name, age=pupil.age(today),
        school=pupil.school or "Niet ingeschreven", onderwijstype=pupil.onderwijstype.label,
        verzuim_type=case.verzuim_type.label, education_percentage=case.education_percentage,
        days_at_home=case.days_at_home(today), regie=case.regie.label,
        casusverantwoordelijke=case.casusverantwoordelijke, consulent=case.consulent,
        stage=case.stage.label, stage_order=case.stage.order,
        deadline=next_deadline(case_deadlines(clock_facts(case), today)), is_open=case.is_open,
    )


def load_rows(ctx: AppContext, include_closed: bool = False) -> list[CaseloadRow]:
    today = ctx.today()
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=include_closed)
    return [make_row(item.case, item.pupil, today) for item in items]


def load_row(ctx: AppContext, case_id: str) -> CaseloadRow | None:
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True, case_ids=[case_id])
    return make_row(items[0].case, items[0].pupil, ctx.today()) if items else None
