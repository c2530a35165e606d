"""Reminders for the "Vandaag" view and the tray notification.

A reminder is an unmet deadline of an open case that is overdue or falls due within the coming
week (today and the six days after it, ``REMINDER_HORIZON_DAYS``). Deadlines further away that
are already *binnenkort* (the 14-day warning of the passend aanbod clock) show in the caseload
overview, not here.

The consulent may *snooze* a reminder until a date (it returns on that date) or *acknowledge*
it (it stays away). Both need a reason and are kept for the audit log. A snooze belongs to one
reminder: case, deadline key and due date. When the deadline moves (a reopened case, an action
given a new date) the reminder comes back. A follow-up moment after closing (domain/follow_up)
is snoozed the same way: anything with a case, a key and a due date (``Snoozable``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol, TypeVar

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
    pending_deadlines,
)
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import new_id

REMINDER_HORIZON_DAYS = 7


@dataclass(frozen=True, slots=True)
class Reminder:
    case_id: str
    deadline: Deadline

    @property
    def key(self) -> str:
        return self.deadline.key

    @property
    def kind(self) -> DeadlineKind:
        return self.deadline.kind

    @property
    def due(self) -> date:
        return self.deadline.due

    @property
    def state(self) -> DeadlineState:
        return self.deadline.state

    @property
    def overdue(self) -> bool:
        return self.deadline.state is DeadlineState.VERLOPEN

    def describe(self, today: date) -> str:
        return self.deadline.describe(today)


class Snoozable(Protocol):
    """What a snooze can hold back: a reminder, or a follow-up moment after closing."""

    @property
    def case_id(self) -> str: ...

    @property
    def key(self) -> str: ...

    @property
    def due(self) -> date: ...

    @property
    def kind(self) -> Enum: ...  # its name goes into the audit line


S = TypeVar("S", bound=Snoozable)


@dataclass(frozen=True, slots=True, kw_only=True)
class Snooze:
    """A snoozed (``until`` set) or acknowledged (``until`` None) reminder, with who and why."""

    id: str = field(default_factory=new_id)
    case_id: str
    key: str
    due: date
    reason: str
    by: str
    at: datetime
    until: date | None = None

    @property
    def acknowledged(self) -> bool:
        return self.until is None

    def matches(self, item: Snoozable) -> bool:
        return (self.case_id, self.key, self.due) == (item.case_id, item.key, item.due)

    def hides_on(self, today: date) -> bool:
        """Whether the reminder stays out of view on ``today`` (it returns on ``until``)."""
        return self.until is None or self.until > today


def snooze(reminder: Snoozable, until: date, reason: str, by: str, at: datetime) -> Snooze:
    """Snooze ``reminder`` until ``until`` (after the day of ``at``), with a reason."""
    errors = _check(reason, by)
    if until <= at.date():
        errors["until"] = "Kies een datum na vandaag."
    if errors:
        raise ValidationError(errors)
    return Snooze(case_id=reminder.case_id, key=reminder.key, due=reminder.due,
                  reason=reason.strip(), by=by.strip(), at=at, until=until)


def acknowledge(reminder: Snoozable, reason: str, by: str, at: datetime) -> Snooze:
    """Mark ``reminder`` as seen and handled; it stays away until the deadline moves."""
    errors = _check(reason, by)
    if errors:
        raise ValidationError(errors)
    return Snooze(case_id=reminder.case_id, key=reminder.key, due=reminder.due,
                  reason=reason.strip(), by=by.strip(), at=at)


def _check(reason: str, by: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Geef een reden op."
    if not by.strip():
        errors["by"] = "Het is niet bekend wie dit doet."
    return errors


@dataclass(frozen=True, slots=True)
class HiddenReminder:
    """A reminder kept out of the Vandaag list by a snooze or 'gezien'."""

    reminder: Reminder
    snooze: Snooze


def split_reminders(
    cases_facts: Mapping[str, ClockFacts],
    snoozes: Iterable[Snooze],
    today: date,
    *,
    warning_days: dict[DeadlineKind, int] | None = None,
    horizon_days: int = REMINDER_HORIZON_DAYS,
    pending: Mapping[str, Sequence[Deadline]] | None = None,
) -> tuple[list[Reminder], list[HiddenReminder]]:
    """Overdue deadlines and those due this week, most urgent first (``reminder_order``):
    (shown, hidden by a snooze). Together they are every reminder of today, so the counts add
    up on every screen. ``pending`` may give each case's ``pending_deadlines`` up to the last
    day, worked out before (see services/clock_cache).
    """
    last_day = today + timedelta(days=horizon_days - 1)
    hiding = hiding_snoozes(snoozes, today)
    shown: list[Reminder] = []
    hidden: list[HiddenReminder] = []
    for case_id, facts in cases_facts.items():
        # The unmet deadlines of case_deadlines, due by the last day (met ones never remind).
        deadlines = (pending[case_id] if pending is not None
                     else pending_deadlines(facts, today, warning_days, due_until=last_day))
        case_shown, case_hidden = split_case_reminders(case_id, deadlines,
                                                       hiding.get(case_id, ()))
        shown += case_shown
        hidden += case_hidden
    return (sorted(shown, key=reminder_order),
            sorted(hidden, key=lambda h: reminder_order(h.reminder)))


def reminders_for_today(
    cases_facts: Mapping[str, ClockFacts],
    snoozes: Iterable[Snooze],
    today: date,
    *,
    warning_days: dict[DeadlineKind, int] | None = None,
    horizon_days: int = REMINDER_HORIZON_DAYS,
    pending: Mapping[str, Sequence[Deadline]] | None = None,
) -> list[Reminder]:
    """The reminders of ``split_reminders`` that are shown (not snoozed)."""
    return split_reminders(cases_facts, snoozes, today, warning_days=warning_days,
                           horizon_days=horizon_days, pending=pending)[0]


def hiding_snoozes(snoozes: Iterable[Snooze], today: date) -> dict[str, list[Snooze]]:
    """The snoozes that hide their reminder on ``today``, per case."""
    found: dict[str, list[Snooze]] = {}
    for item in snoozes:
        if item.hides_on(today):
            found.setdefault(item.case_id, []).append(item)
    return found


def split_case_reminders(case_id: str, pending: Iterable[Deadline], hiding: Sequence[Snooze]
                         ) -> tuple[list[Reminder], list[HiddenReminder]]:
    """One case's reminders: (shown, hidden by one of ``hiding``)."""
    shown, hidden = split_snoozed((Reminder(case_id, d) for d in pending), hiding)
    return shown, [HiddenReminder(reminder, snooze) for reminder, snooze in hidden]


def split_snoozed(items: Iterable[S], hiding: Sequence[Snooze]
                  ) -> tuple[list[S], list[tuple[S, Snooze]]]:
    """``items`` of one case: (shown, hidden with the snooze that hides each)."""
    shown: list[S] = []
    hidden: list[tuple[S, Snooze]] = []
    for item in items:
        snooze = next((s for s in hiding if s.matches(item)), None)
        if snooze is None:
            shown.append(item)
        else:
            hidden.append((item, snooze))
    return shown, hidden


def case_reminders(case_id: str, pending: Iterable[Deadline],
                   hiding: Sequence[Snooze]) -> list[Reminder]:
    """One case's reminders: its pending deadlines without the snoozed ones."""
    return split_case_reminders(case_id, pending, hiding)[0]


_KIND_ORDER = {kind: index for index, kind in enumerate(DeadlineKind)}


def reminder_order(reminder: Reminder) -> tuple[int, date, int, str, str]:
    """Verlopen first, the longest overdue on top; then the rest by due date. Ties keep clock
    deadlines before plan items and then go by case id and key, so the order is total."""
    return (reminder.state.urgency, reminder.due, _KIND_ORDER[reminder.kind],
            reminder.case_id, reminder.key)


def notification_text(reminders: Iterable[Reminder], snoozed: int = 0) -> str:
    """Privacy-safe text without names, e.g. '2 termijnen verlopen, 3 deze week, 1 uitgesteld';
    the same words in the Vandaag list, the status bar and the tray.

    Empty when there is nothing to say (show no notification then).
    """
    items = list(reminders)
    overdue = sum(1 for r in items if r.overdue)
    return counts_text(overdue, len(items) - overdue, snoozed)


def counts_text(overdue: int, this_week: int, snoozed: int = 0) -> str:
    """``notification_text`` from the counts alone."""
    parts = []
    if overdue:
        parts.append(f"{_termijnen(overdue)} verlopen")
    if this_week:
        parts.append(f"{this_week} deze week" if overdue else f"{_termijnen(this_week)} deze "
                     "week")
    if snoozed:
        parts.append(f"{snoozed} uitgesteld" if parts else f"{_termijnen(snoozed)} uitgesteld")
    return ", ".join(parts)


def _termijnen(n: int) -> str:
    return f"{n} termijn" if n == 1 else f"{n} termijnen"
