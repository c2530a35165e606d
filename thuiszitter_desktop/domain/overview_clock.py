"""What the caseload overview shows of a case's clock, reduced to what does not change by day.

A case's clock facts change only when the case is edited; the day only moves the states. So
the overview keeps, per case, the few dates its columns need and the unmet deadlines that fall
due first (``storage.repo_overview`` stores them), and works out the day's values from those:
loading the overview then reads no contacts, episodes or plans. Every value here equals the one
``deadlines`` computes from the full facts on any day (tests/unit/domain/test_overview_clock.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    DeadlineKind,
    UnmetItem,
    earliest_unmet,
    pick_next,
)

# The rules stored rows were made with. Bump it with any change to how clock facts become these
# values (``deadlines``, ``situation_history.back_above_since``, ``reminders.clock_facts_for``):
# rows made under other rules count as missing and are made again. A test keeps a fingerprint
# of those sources, so such a change cannot go unnoticed.
RULES = "1"


@dataclass(frozen=True, slots=True)
class OverviewClock:
    home_start: date  # start of the passend aanbod clock in the current episode
    home_known: bool  # whether home_start is a recorded 'thuis sinds' date
    aanbod_on: date | None  # the passend aanbod that stops the clock
    closed_on: date | None
    next_items: tuple[UnmetItem, ...]  # the unmet deadlines due first (``earliest_unmet``)

    def next_deadline(self, today: date,
                      warning_days: dict[DeadlineKind, int] | None = None) -> Deadline | None:
        """``deadlines.next_case_deadline`` of the facts this was made from."""
        return pick_next(self.next_items, today, warning_days) if self.next_items else None

    def days_at_home(self, today: date) -> int | None:
        """``deadlines.days_at_home`` of the facts this was made from."""
        if not self.home_known:
            return None
        return max(0, ((self.closed_on or today) - self.home_start).days)

    def days_without_aanbod(self, today: date) -> int:
        """``deadlines.days_without_passend_aanbod`` of the facts this was made from."""
        end = self.closed_on or today
        if self.aanbod_on is not None and self.aanbod_on < end:
            end = self.aanbod_on
        return max(0, (end - self.home_start).days)


def overview_clock(facts: ClockFacts) -> OverviewClock:
    return OverviewClock(
        home_start=facts.home_start, home_known=facts.home_since_known,
        aanbod_on=facts.effective_passend_aanbod, closed_on=facts.closed_on,
        next_items=earliest_unmet(facts),
    )
