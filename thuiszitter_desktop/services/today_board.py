"""The Vandaag list kept in order and brought up to date case by case.

``today_overview`` builds the list from scratch: right at start-up, or on a new day. After a
change the board replaces only the rows of the cases the change touched (and of the cases
whose snoozes changed), each at its place in the order (a binary search), and tells the view
which rows went and came, so a save at 50,000 cases does not rebuild a list of tens of
thousands of rows. Its rows always equal what ``today_overview`` gives for the same snapshot
(tests/unit/services/test_today_board.py checks that after every kind of change). The
follow-up moments after closing ('Nazorg') are kept per case the same way and counted with
the deadlines.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from thuiszitter_desktop.domain.deadlines import Deadline
from thuiszitter_desktop.domain.reminders import (
    Snooze,
    counts_text,
    hiding_snoozes,
    reminder_order,
    split_case_reminders,
)
from thuiszitter_desktop.services.follow_up import FollowUpRow, case_follow_ups, follow_up_row
from thuiszitter_desktop.services.reminders import (
    ClockSnapshot,
    ReminderRow,
    SnoozedRow,
    reminder_row,
    snoozed_follow_up,
    snoozed_row,
    today_overview,
)

# Above this many touched cases (a list import) one rebuild is simpler than patching.
_PATCH_AT_MOST = 500


@dataclass(frozen=True, slots=True)
class RowEdit:
    """Remove the row at ``position``, or insert ``row`` there (``row`` set); each edit's
    position holds after the edits before it."""

    position: int
    row: ReminderRow | None = None


class TodayBoard:
    def __init__(self) -> None:
        self.rows: list[ReminderRow] = []
        self._order: list[tuple[Any, ...]] = []  # reminder_order of each row, ascending
        self._by_case: dict[str, list[ReminderRow]] = {}
        self._basis: tuple[date, frozenset[Any]] | None = None
        self._snoozes: frozenset[Snooze] = frozenset()
        self._overdue = 0
        # The reminders a snooze keeps out of the list, per case: counted as 'uitgesteld'.
        self._snoozed: dict[str, list[SnoozedRow]] = {}
        # Follow-up moments due (not snoozed), per case, and how many there are, overdue.
        self._follow_ups: dict[str, list[FollowUpRow]] = {}
        self._follow_up_count = 0
        self._follow_up_overdue = 0

    @property
    def notification(self) -> str:
        """Privacy-safe counts for the tray, the status bar and the summary line; a due
        follow-up moment counts as a deadline."""
        overdue = self._overdue + self._follow_up_overdue
        return counts_text(overdue, len(self.rows) + self._follow_up_count - overdue,
                           sum(len(rows) for rows in self._snoozed.values()))

    def snoozed_rows(self) -> list[SnoozedRow]:
        """The snoozed reminders, in the list's order (for the 'Uitgesteld' list)."""
        found = [row for rows in self._snoozed.values() for row in rows]
        return sorted(found, key=lambda row: row.order)

    def follow_up_rows(self) -> list[FollowUpRow]:
        """The follow-up moments due (the 'Nazorg' list), most urgent first."""
        found = [row for rows in self._follow_ups.values() for row in rows]
        return sorted(found, key=lambda row: row.order)

    def rebuild(self, snapshot: ClockSnapshot, today: date,
                pending: Mapping[str, Sequence[Deadline]] | None = None) -> None:
        """Every row afresh, as ``today_overview`` makes them."""
        overview = today_overview(snapshot, today, pending)
        self.rows = list(overview.rows)
        self._order = [reminder_order(row.reminder) for row in self.rows]
        self._by_case = {}
        for row in self.rows:
            self._by_case.setdefault(row.reminder.case_id, []).append(row)
        self._basis = _basis(snapshot, today)
        self._snoozes = frozenset(snapshot.snoozes)
        self._overdue = sum(1 for row in self.rows if row.reminder.overdue)
        self._snoozed = {}
        for hidden in overview.snoozed:
            self._snoozed.setdefault(hidden.case_id, []).append(hidden)
        self._follow_ups = {}
        self._follow_up_count = self._follow_up_overdue = 0
        for follow_up in overview.follow_ups:
            self._add_follow_up(follow_up)

    def update(self, snapshot: ClockSnapshot, today: date,
               pending: Mapping[str, Sequence[Deadline]],
               touched: Collection[str] | None) -> list[RowEdit] | None:
        """Bring the rows up to date after a change that touched the clock facts of
        ``touched`` (None: any case). Returns the edits made, or None after a rebuild (a new
        day, other warning settings, too much changed): the view then shows all rows anew."""
        snoozes = frozenset(snapshot.snoozes)
        if touched is not None:
            touched = {*touched, *(s.case_id for s in snoozes ^ self._snoozes)}
        if (touched is None or self._basis != _basis(snapshot, today)
                or len(touched) > _PATCH_AT_MOST):
            self.rebuild(snapshot, today, pending)
            return None
        self._snoozes = snoozes
        hiding = hiding_snoozes((s for s in snoozes if s.case_id in touched), today)
        edits: list[RowEdit] = []
        for case_id in touched:
            for row in self._by_case.pop(case_id, ()):
                edits.append(self._remove(row))
            self._snoozed.pop(case_id, None)
            self._replace_follow_ups(snapshot, case_id, hiding.get(case_id, ()), today)
            item = snapshot.cases.get(case_id)
            if item is None:  # closed or gone
                continue
            shown, hidden = split_case_reminders(case_id, pending.get(case_id, ()),
                                                 hiding.get(case_id, ()))
            fresh = [reminder_row(r, item.pupil, today) for r in shown]
            if hidden:
                self._snoozed.setdefault(case_id, [])[:0] = [snoozed_row(h, item.pupil, today)
                                                             for h in hidden]
            if fresh:
                self._by_case[case_id] = fresh
            edits += (self._insert(row) for row in fresh)
        return edits

    def _replace_follow_ups(self, snapshot: ClockSnapshot, case_id: str,
                            hiding: Sequence[Snooze], today: date) -> None:
        for row in self._follow_ups.pop(case_id, ()):
            self._follow_up_count -= 1
            self._follow_up_overdue -= row.overdue
        found = snapshot.follow_ups.get(case_id)
        shown, held_back = case_follow_ups(found, hiding, today)
        if found is None:
            return
        for item in shown:
            self._add_follow_up(follow_up_row(item, found.pupil, today))
        if held_back:
            self._snoozed.setdefault(case_id, []).extend(
                snoozed_follow_up(item, held, found.pupil, today) for item, held in held_back)

    def _add_follow_up(self, row: FollowUpRow) -> None:
        self._follow_ups.setdefault(row.item.case_id, []).append(row)
        self._follow_up_count += 1
        self._follow_up_overdue += row.overdue

    def _remove(self, row: ReminderRow) -> RowEdit:
        position = bisect.bisect_left(self._order, reminder_order(row.reminder))
        del self.rows[position], self._order[position]
        self._overdue -= row.reminder.overdue
        return RowEdit(position)

    def _insert(self, row: ReminderRow) -> RowEdit:
        key = reminder_order(row.reminder)
        position = bisect.bisect_left(self._order, key)
        self.rows.insert(position, row)
        self._order.insert(position, key)
        self._overdue += row.reminder.overdue
        return RowEdit(position, row)


def _basis(snapshot: ClockSnapshot, today: date) -> tuple[date, frozenset[Any]]:
    """What every row depends on: the day and the warning periods."""
    return today, frozenset(snapshot.warnings.items())
