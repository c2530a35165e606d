"""Keeps the last clock snapshot of the open cases until anything changes.

At start-up the Vandaag page, the status line and (when first shown) the caseload overview all
need the clock facts of every open case; with this cache they are read once. The cache listens
to the change bus itself and brings the snapshot up to date on every change, reading only the
cases the change names (``reminders.refreshed_snapshot``), or forgets it when only a full read
will do; so a view refreshing after a change always sees the vault as it is. Create it before
any view subscribes (the bus calls listeners in the order they subscribed), and ``detach`` it
when the window closes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import date, timedelta
from typing import Generic, TypeVar

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    next_case_deadline,
    pending_deadlines,
)
from thuiszitter_desktop.domain.reminders import REMINDER_HORIZON_DAYS
from thuiszitter_desktop.services.bulk import paused_gc
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import (
    ClockSnapshot,
    read_snapshot,
    refreshed_snapshot,
)

T = TypeVar("T")


class PerCaseMemo(Generic[T]):
    """A value per open case computed from its clock facts, computed again only for the cases
    whose facts changed since the last call (the cache keeps the facts objects of unchanged
    cases when it patches the snapshot), or for every case when ``key`` (the day, the warning
    settings) changed. After a save at 50,000 cases, working out every case's deadlines again
    took Vandaag and the status line most of a second."""

    def __init__(self) -> None:
        self._key: Hashable = None
        self._values: dict[str, tuple[ClockFacts, T]] = {}

    def values(self, facts: Mapping[str, ClockFacts], key: Hashable,
               compute: Callable[[ClockFacts], T]) -> dict[str, T]:
        known = self._values if key == self._key else {}
        fresh: dict[str, tuple[ClockFacts, T]] = {}
        with paused_gc():  # many small objects at once (the first time for every case)
            for case_id, case_facts in facts.items():
                hit = known.get(case_id)
                fresh[case_id] = (hit if hit is not None and hit[0] is case_facts
                                  else (case_facts, compute(case_facts)))
            self._key, self._values = key, fresh
            return {case_id: value for case_id, (_, value) in fresh.items()}

    def clear(self) -> None:
        self._key, self._values = None, {}


class ClockCache:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._snapshot: ClockSnapshot | None = None
        self._next: PerCaseMemo[Deadline | None] = PerCaseMemo()
        self._pending: PerCaseMemo[list[Deadline]] = PerCaseMemo()
        self.reads = 0  # how often every open case was read (the tests check the sharing)
        self._unsubscribe = ctx.changes.subscribe(self._changed)

    def snapshot(self) -> ClockSnapshot:
        if self._snapshot is None:
            self._snapshot = read_snapshot(self._ctx)
            self.reads += 1
        return self._snapshot

    def next_deadlines(self, today: date) -> dict[str, Deadline | None]:
        """Each open case's next deadline on ``today`` (the overview, the status line)."""
        snapshot = self.snapshot()
        warnings = snapshot.warnings
        return self._next.values(snapshot.facts, (today, frozenset(warnings.items())),
                                 lambda facts: next_case_deadline(facts, today, warnings))

    def pending_deadlines(self, today: date) -> dict[str, list[Deadline]]:
        """Each open case's unmet deadlines due within Vandaag's horizon on ``today``."""
        snapshot = self.snapshot()
        warnings = snapshot.warnings
        last_day = today + timedelta(days=REMINDER_HORIZON_DAYS - 1)
        return self._pending.values(
            snapshot.facts, (today, frozenset(warnings.items())),
            lambda facts: pending_deadlines(facts, today, warnings, due_until=last_day))

    def clear(self) -> None:
        """Forget the snapshot and what was worked out from it (before the vault locks)."""
        self._snapshot = None
        self._next.clear()
        self._pending.clear()

    def detach(self) -> None:
        """Stop listening (the window closes); safe to call twice."""
        self.clear()
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()

    def _changed(self, change: Change) -> None:
        # Any change may move a deadline, a name or a setting.
        if self._snapshot is not None:
            self._snapshot = refreshed_snapshot(self._ctx, self._snapshot, change)
