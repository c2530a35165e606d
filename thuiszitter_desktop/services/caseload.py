"""The caseload overview: one row per case, with its deadline state computed in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    DeadlineKind,
    next_case_deadline,
)
from thuiszitter_desktop.domain.overview_clock import RULES
from thuiszitter_desktop.services import overview_rows
from thuiszitter_desktop.services.bulk import built_with_paused_gc, paused_gc
from thuiszitter_desktop.services.caseload_row import CaseloadRow, make_row
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import (
    ClockSnapshot,
    facts_by_case,
    read_snapshot,
    warning_days,
)
from thuiszitter_desktop.storage import repo_cases, repo_overview, repo_settings

# A caseload this large takes seconds to read whole (a region's, bench/): without its stored
# clocks, the window shows a first screen of rows meanwhile, the cases registered longest ago
# (their clocks run out first).
FIRST_SCREEN_FROM = 10_000
FIRST_SCREEN_CASES = 2_000


@dataclass(frozen=True, slots=True)
class FirstScreen:
    rows: list[CaseloadRow]
    open_cases: int  # how many there are in all

    @property
    def complete(self) -> bool:
        return len(self.rows) == self.open_cases


def first_screens(ctx: AppContext, today: date) -> Iterator[FirstScreen]:
    """Overview rows to show while the window reads every open case's clock facts (which
    takes a while): when that read takes seconds, those registered longest ago; then, when
    their stored clocks are there (all but a few, which are made on the way), every open case.
    Nothing when neither is quicker than the whole read."""
    with ctx.vault.read() as conn:
        total = repo_cases.count_open_cases(conn)
        missing = len(repo_overview.missing_open(conn, RULES))
    if total >= FIRST_SCREEN_FROM:
        snapshot = read_snapshot(ctx, oldest=FIRST_SCREEN_CASES)
        with paused_gc():
            yield FirstScreen(_rows(snapshot.items, snapshot.facts, today, snapshot.warnings),
                              total)
    if missing <= overview_rows.BY_ID:
        rows = built_with_paused_gc(lambda: overview_rows.read_rows(ctx, today, False))
        yield FirstScreen(rows, len(rows))


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

    return built_with_paused_gc(  # builds objects for every case at once
        lambda: overview_rows.read_rows(ctx, today, include_closed))


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
