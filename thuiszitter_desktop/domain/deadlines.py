"""The deadline clock of a case (DOMAIN.md "Deadlines and targets").

Counting rules:
- Eerste contact: due 14 calendar days after the aanmelding date; stopped by the first contact
  moment with pupil or parents.
- Doelen gesteld: due one calendar month after the aanmelding date (a plan with at least one
  SMART goal); stopped by the date the goals were set.
- Passend aanbod: due three calendar months after the start of the home situation (which may lie
  before the aanmelding); stopped by the start date of a passend aanbod.
A month is a calendar month; when the day does not exist in the target month the clock falls due
on that month's last day (31 January + 1 month = 28/29 February).
A closed case has no running clocks: deadlines not met before closing are reported as neither
met nor overdue.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.vocab import Labelled

FIRST_CONTACT_DAYS = 14
FIRST_CONTACT_TARGET_DAYS = 7
GOALS_MONTHS = 1
PASSEND_AANBOD_MONTHS = 3


class DeadlineKind(Labelled):
    EERSTE_CONTACT = "Eerste contact"
    DOELEN = "Doelen gesteld"
    PASSEND_AANBOD = "Passend aanbod"


class DeadlineState(Labelled):
    OP_TIJD = "Op tijd"
    BINNENKORT = "Binnenkort"
    VERLOPEN = "Verlopen"
    GEHAALD = "Gehaald"

    @property
    def urgency(self) -> int:
        """Lower is more urgent; used to sort."""
        return {"VERLOPEN": 0, "BINNENKORT": 1, "OP_TIJD": 2, "GEHAALD": 3}[self.name]


DEFAULT_WARNING_DAYS: dict[DeadlineKind, int] = {
    DeadlineKind.EERSTE_CONTACT: 3,
    DeadlineKind.DOELEN: 7,
    DeadlineKind.PASSEND_AANBOD: 14,
}


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the last day of the target month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """The dates of one case that drive its clocks."""

    aanmelding_date: date
    home_since: date | None = None
    first_contact_date: date | None = None
    goals_set_date: date | None = None
    passend_aanbod_date: date | None = None
    closed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    due: date
    state: DeadlineState
    met_on: date | None = None

    @property
    def late(self) -> bool:
        """Met, but after the due date."""
        return self.met_on is not None and self.met_on > self.due

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def describe(self, today: date) -> str:
        """Short Dutch text for lists: 'Eerste contact: nog 3 dagen'."""
        label = self.kind.label
        if self.state is DeadlineState.GEHAALD:
            suffix = " (te laat)" if self.late else ""
            assert self.met_on is not None
            return f"{label}: gehaald op {self.met_on:%d-%m-%Y}{suffix}"
        left = self.days_left(today)
        if left < 0:
            return f"{label}: {-left} {_dagen(-left)} verlopen"
        if left == 0:
            return f"{label}: vandaag"
        return f"{label}: nog {left} {_dagen(left)}"


def _dagen(n: int) -> str:
    return "dag" if n == 1 else "dagen"


def _state(
    due: date, met_on: date | None, today: date, warning_days: int, closed_on: date | None
) -> DeadlineState | None:
    if met_on is not None:
        return DeadlineState.GEHAALD
    if closed_on is not None:
        return None
    left = (due - today).days
    if left < 0:
        return DeadlineState.VERLOPEN
    if left <= warning_days:
        return DeadlineState.BINNENKORT
    return DeadlineState.OP_TIJD


def case_deadlines(
    facts: ClockFacts,
    today: date,
    warning_days: dict[DeadlineKind, int] | None = None,
) -> list[Deadline]:
    """All clock deadlines of a case with their state on ``today``."""
    warnings = {**DEFAULT_WARNING_DAYS, **(warning_days or {})}
    home_start = facts.home_since or facts.aanmelding_date
    rules = (
        (
            DeadlineKind.EERSTE_CONTACT,
            facts.aanmelding_date + timedelta(days=FIRST_CONTACT_DAYS),
            facts.first_contact_date,
        ),
        (
            DeadlineKind.DOELEN,
            add_months(facts.aanmelding_date, GOALS_MONTHS),
            facts.goals_set_date,
        ),
        (
            DeadlineKind.PASSEND_AANBOD,
            add_months(home_start, PASSEND_AANBOD_MONTHS),
            facts.passend_aanbod_date,
        ),
    )
    result: list[Deadline] = []
    for kind, due, met_on in rules:
        state = _state(due, met_on, today, warnings[kind], facts.closed_on)
        if state is not None:
            result.append(Deadline(kind, due, state, met_on))
    return result


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline that needs attention first: unmet ones by due date, else none."""
    pending = [d for d in deadlines if d.state is not DeadlineState.GEHAALD]
    if not pending:
        return None
    return min(pending, key=lambda d: (d.due, d.state.urgency))
