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

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Generic, TypeVar

from thuiszitter_desktop.domain.deadlines import (
    ClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
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
    touched_cases,
)

T = TypeVar("T")


class PerCaseMemo(Generic[T]):
    """A value per open case computed from its clock facts, kept up to date case by case.

    The cache marks the cases a change touched (``mark``); the next ``values`` computes only
    those again, or every case when ``key`` (the day, the warning settings) changed or the
    snapshot was read whole (``mark_all``). The values come back as a read-only view of the
    memo's own dict, so asking costs nothing however large the caseload: after a save at 50,000
    cases, building every case's deadlines again took Vandaag and the status line most of a
    second. ``counted`` (optional) keeps a running count of the values it holds true for.
    """

    def __init__(self, counted: Callable[[T], bool] | None = None) -> None:
        self._key: Hashable = None
        self._values: dict[str, T] = {}
        self._dirty: set[str] | None = None  # None: every case
        self._counted = counted
        self.count = 0

    def mark(self, case_ids: Iterable[str]) -> None:
        if self._dirty is not None:
            self._dirty.update(case_ids)

    def mark_all(self) -> None:
        self._dirty = None

    def values(self, facts: Mapping[str, ClockFacts], key: Hashable,
               compute: Callable[[ClockFacts], T]) -> Mapping[str, T]:
        if self._dirty is None or key != self._key:
            with paused_gc():  # many small objects at once
                self._values = {case_id: compute(f) for case_id, f in facts.items()}
            counted = self._counted
            self.count = (sum(1 for v in self._values.values() if counted(v))
                          if counted is not None else 0)
        else:
            for case_id in self._dirty:
                self._replace(case_id, facts.get(case_id), compute)
        self._key, self._dirty = key, set()
        return MappingProxyType(self._values)

    def _replace(self, case_id: str, facts: ClockFacts | None,
                 compute: Callable[[ClockFacts], T]) -> None:
        counted = self._counted
        if counted is not None and case_id in self._values:
            self.count -= counted(self._values[case_id])
        if facts is None:  # closed or gone
            self._values.pop(case_id, None)
            return
        value = self._values[case_id] = compute(facts)
        if counted is not None:
            self.count += counted(value)

    def install(self, values: dict[str, T], key: Hashable, count: int = 0) -> None:
        """Values worked out elsewhere (a background read) for every case, for ``key``."""
        self._key, self._values, self._dirty, self.count = key, values, set(), count

    def clear(self) -> None:
        self._key, self._values, self._dirty, self.count = None, {}, None, 0


def _overdue(deadline: Deadline | None) -> bool:
    return deadline is not None and deadline.state is DeadlineState.VERLOPEN


def _memo_key(today: date, warnings: Mapping[DeadlineKind, int]) -> Hashable:
    """What every case's deadlines depend on besides its facts: the day and the warnings."""
    return today, frozenset(warnings.items())


def _next_of(today: date, warnings: dict[DeadlineKind, int]
             ) -> Callable[[ClockFacts], Deadline | None]:
    return lambda facts: next_case_deadline(facts, today, warnings)


def _pending_of(today: date, warnings: dict[DeadlineKind, int]
                ) -> Callable[[ClockFacts], list[Deadline]]:
    last_day = today + timedelta(days=REMINDER_HORIZON_DAYS - 1)
    return lambda facts: pending_deadlines(facts, today, warnings, due_until=last_day)


@dataclass(frozen=True)
class PreparedClock:
    """The open cases' clock read and worked out away from the window (``prepare_clock``)."""

    snapshot: ClockSnapshot
    today: date
    next: dict[str, Deadline | None]
    pending: dict[str, list[Deadline]]
    overdue: int


def prepare_clock(ctx: AppContext, today: date) -> PreparedClock:
    """Read every open case and work out its deadlines: safe to run in a worker thread (its
    own connection, plain data out), so the window stays responsive at start-up."""
    snapshot = read_snapshot(ctx)
    warnings = snapshot.warnings
    with paused_gc():
        upcoming, pending = _next_of(today, warnings), _pending_of(today, warnings)
        nexts = {case_id: upcoming(f) for case_id, f in snapshot.facts.items()}
        pendings = {case_id: pending(f) for case_id, f in snapshot.facts.items()}
    return PreparedClock(snapshot, today, nexts, pendings,
                         sum(1 for d in nexts.values() if _overdue(d)))


class ClockCache:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._snapshot: ClockSnapshot | None = None
        self._next: PerCaseMemo[Deadline | None] = PerCaseMemo(counted=_overdue)
        self._pending: PerCaseMemo[list[Deadline]] = PerCaseMemo()
        self.reads = 0  # how often every open case was read (the tests check the sharing)
        # A background read under way: its number, and the changes heard meanwhile (replayed
        # on what it read, which may predate them).
        self._load = 0
        self._heard: list[Change] | None = None
        self._unsubscribe = ctx.changes.subscribe(self._changed)

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    def snapshot(self) -> ClockSnapshot:
        if self._snapshot is None:
            self._snapshot = read_snapshot(self._ctx)
            self.reads += 1
            self._load += 1  # a background read under way is no longer needed
            self._heard = None
        return self._snapshot

    def begin_load(self) -> int:
        """Start listening for changes a background read (``prepare_clock``) may miss;
        returns the number to give ``install``."""
        self._load += 1
        self._heard = []
        return self._load

    def install(self, prepared: PreparedClock, load: int) -> list[Change] | None:
        """Take what a background read prepared, and replay the changes heard meanwhile
        (returned). None when it came too late (the cache was cleared, or read by itself
        meanwhile)."""
        if load != self._load or self._snapshot is not None or self._heard is None:
            return None
        heard, self._heard = self._heard, None
        self._snapshot = prepared.snapshot
        self.reads += 1
        key = _memo_key(prepared.today, prepared.snapshot.warnings)
        self._next.install(prepared.next, key, prepared.overdue)
        self._pending.install(prepared.pending, key)
        for change in heard:
            self._changed(change)
        return heard

    def next_deadlines(self, today: date) -> Mapping[str, Deadline | None]:
        """Each open case's next deadline on ``today`` (the overview, the status line)."""
        snapshot = self.snapshot()
        warnings = snapshot.warnings
        return self._next.values(snapshot.facts, _memo_key(today, warnings),
                                 _next_of(today, warnings))

    def overdue_cases(self, today: date) -> int:
        """How many open cases have an overdue deadline (their next one is overdue)."""
        self.next_deadlines(today)
        return self._next.count

    def pending_deadlines(self, today: date) -> Mapping[str, list[Deadline]]:
        """Each open case's unmet deadlines due within Vandaag's horizon on ``today``."""
        snapshot = self.snapshot()
        warnings = snapshot.warnings
        return self._pending.values(snapshot.facts, _memo_key(today, warnings),
                                    _pending_of(today, warnings))

    def clear(self) -> None:
        """Forget the snapshot and what was worked out from it (before the vault locks)."""
        self._snapshot = None
        self._load += 1  # what a background read brings now is for a closed vault
        self._heard = None
        self._next.clear()
        self._pending.clear()

    def detach(self) -> None:
        """Stop listening (the window closes); safe to call twice."""
        self.clear()
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()

    def _changed(self, change: Change) -> None:
        # Any change may move a deadline, a name or a setting.
        if self._snapshot is None:
            if self._heard is not None:
                self._heard.append(change)
            return
        self._snapshot = refreshed_snapshot(self._ctx, self._snapshot, change)
        touched = touched_cases(change)
        for memo in (self._next, self._pending):
            if self._snapshot is None or touched is None:
                memo.mark_all()
            else:
                memo.mark(touched)
