"""The caseload overview: one row per case, with its deadline state computed in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    DeadlineKind,
    days_at_home,
    days_without_passend_aanbod,
    next_case_deadline,
)
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.domain.vocab import CaseStage
from thuiszitter_desktop.services.bulk import built_with_paused_gc, paused_gc
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import (
    ClockSnapshot,
    facts_by_case,
    read_snapshot,
    warning_days,
)
from thuiszitter_desktop.storage import repo_cases, repo_settings


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
_STAGE_ORDER = {stage: stage.order for stage in CaseStage}


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
        stage=case.stage.label, stage_order=_STAGE_ORDER[case.stage],
        deadline=deadline, is_open=case.is_open,
        days_without_aanbod=days_without_passend_aanbod(facts, today),
    )


# A caseload this large takes seconds to read whole (a region's, bench/): the window shows a
# first screen of rows meanwhile, the cases registered longest ago (their clocks run out first).
FIRST_SCREEN_FROM = 10_000
FIRST_SCREEN_CASES = 2_000


@dataclass(frozen=True, slots=True)
class FirstScreen:
    rows: list[CaseloadRow]
    open_cases: int  # how many there are in all


def first_screen(ctx: AppContext, today: date) -> FirstScreen | None:
    """Overview rows of the open cases registered longest ago, when there are so many open
    cases that reading them all takes seconds; None when the whole read is quick anyway."""
    with ctx.vault.read() as conn:
        total = repo_cases.count_open_cases(conn)
    if total < FIRST_SCREEN_FROM:
        return None
    snapshot = read_snapshot(ctx, oldest=FIRST_SCREEN_CASES)
    with paused_gc():
        return FirstScreen(_rows(snapshot.items, snapshot.facts, today, snapshot.warnings),
                           total)


def load_rows(ctx: AppContext, include_closed: bool = False,
              snapshot: ClockSnapshot | None = None,
              next_deadlines: Mapping[str, Deadline | None] | None = None,
              ) -> list[CaseloadRow]:
    """Every open case (and closed ones when asked) as overview rows.

    Open cases only can come from a ``snapshot`` already read for Vandaag (no read then), with
    each case's next deadline worked out before (``ClockCache.next_deadlines``).
    """
    today = ctx.today()
    if snapshot is not None and not include_closed:
        with paused_gc():
            return _rows(snapshot.items, snapshot.facts, today, snapshot.warnings,
                         next_deadlines)

    def read() -> list[CaseloadRow]:
        with ctx.vault.read() as conn:
            items = repo_cases.list_cases(conn, include_closed=include_closed)
            facts = facts_by_case(conn, items, only_these=False)
            warnings = warning_days(repo_settings.load_all(conn))
        return _rows(items, facts, today, warnings)

    return built_with_paused_gc(read)  # builds objects for every case at once


def _rows(items: Sequence[repo_cases.CaseWithPupil], facts: Mapping[str, ClockFacts],
          today: date, warnings: dict[DeadlineKind, int],
          next_deadlines: Mapping[str, Deadline | None] | None = None) -> list[CaseloadRow]:
    if next_deadlines is None:
        next_deadlines = _next_deadlines(items, facts, today, warnings)
    return [make_row(i.case, i.pupil, facts[i.case.id], today, next_deadlines[i.case.id])
            for i in items]


def _next_deadlines(items: Iterable[repo_cases.CaseWithPupil], facts: Mapping[str, ClockFacts],
                    today: date, warnings: dict[DeadlineKind, int]
                    ) -> dict[str, Deadline | None]:
    return {i.case.id: next_case_deadline(facts[i.case.id], today, warnings) for i in items}


def row_from_snapshot(ctx: AppContext, snapshot: ClockSnapshot, case_id: str,
                      next_deadlines: Mapping[str, Deadline | None]) -> CaseloadRow | None:
    """The overview row of an open case from the shared clock snapshot (no read); None when
    the case is not open (closed or gone)."""
    item = snapshot.cases.get(case_id)
    if item is None:
        return None
    return make_row(item.case, item.pupil, snapshot.facts[case_id], ctx.today(),
                    next_deadlines[case_id])


def rows_for(ctx: AppContext, case_ids: list[str]) -> list[CaseloadRow]:
    """Overview rows of the given cases (open or closed), in no particular order."""
    if not case_ids:
        return []
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True, case_ids=case_ids)
        facts = facts_by_case(conn, items)
        warnings = warning_days(repo_settings.load_all(conn))
    return _rows(items, facts, ctx.today(), warnings)


def load_row(ctx: AppContext, case_id: str) -> CaseloadRow | None:
    rows = rows_for(ctx, [case_id])
    return rows[0] if rows else None
