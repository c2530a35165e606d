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

from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import (
    ClockSnapshot,
    read_snapshot,
    refreshed_snapshot,
)


class ClockCache:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self._snapshot: ClockSnapshot | None = None
        self.reads = 0  # how often every open case was read (the tests check the sharing)
        self._unsubscribe = ctx.changes.subscribe(self._changed)

    def snapshot(self) -> ClockSnapshot:
        if self._snapshot is None:
            self._snapshot = read_snapshot(self._ctx)
            self.reads += 1
        return self._snapshot

    def clear(self) -> None:
        """Forget the snapshot (on a change, and before the vault locks)."""
        self._snapshot = None

    def detach(self) -> None:
        """Stop listening (the window closes); safe to call twice."""
        self.clear()
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()

    def _changed(self, change: Change) -> None:
        # Any change may move a deadline, a name or a setting.
        if self._snapshot is not None:
            self._snapshot = refreshed_snapshot(self._ctx, self._snapshot, change)
