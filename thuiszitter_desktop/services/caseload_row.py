"""One row of the caseload overview: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    days_at_home,
    days_without_passend_aanbod,
)
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.domain.vocab import CaseStage


@dataclass(slots=True)
class CaseloadRow:
    """What the overview shows of one case; plain data, no Qt.

    Read-only by convention, not frozen: one per open case on every load, and a frozen
    dataclass is built four times slower.
    """

    case_id: str
    pupil_name: str
    age: int
    school: str
    onderwijstype: str
    verzuim_type: str
    education_percentage: int
    days_at_home: int | None  # None: 'thuis sinds' not known
    regie: str
    casusverantwoordelijke: str
    consulent: str
    stage: str
    stage_order: int
    deadline: Deadline | None
    is_open: bool
    days_without_aanbod: int = 0
    # Prepared once per row, so sorting and search-as-you-type compare plain strings.
    sort_name: str = field(init=False)
    search_text: str = field(init=False)

    def __post_init__(self) -> None:
        self.sort_name = fold(self.pupil_name)
        self.search_text = f"{self.sort_name} {fold(self.school)}"


# CaseStage.order searches the member list; the overview asks it for every row.
STAGE_ORDER = {stage: stage.order for stage in CaseStage}


def make_row(case: Case, pupil: Pupil, facts: ClockFacts, today: date,
             deadline: Deadline | None) -> CaseloadRow:
    """One overview row; ``deadline`` is ``next_case_deadline`` of the same facts the Vandaag
    list and the exports use."""
    return CaseloadRow(
        case_id=case.id, pupil_name=pupil.full_name, age=pupil.age(today),
        school=pupil.school or "Niet ingeschreven", onderwijstype=pupil.onderwijstype.label,
        verzuim_type=case.verzuim_type.label, education_percentage=case.education_percentage,
        days_at_home=days_at_home(facts, today), regie=case.regie.label,
        casusverantwoordelijke=case.casusverantwoordelijke, consulent=case.consulent,
        stage=case.stage.label, stage_order=STAGE_ORDER[case.stage],
        deadline=deadline, is_open=case.is_open,
        days_without_aanbod=days_without_passend_aanbod(facts, today),
    )
