"""Sync in the background: at unlock, every few minutes, and on demand (never two at once).

The network and the vault writes of a sync run in a worker thread; the report comes back to
the GUI thread, which publishes the changes so the screens refresh.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal

from thuiszitter_desktop.services import sync
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.sync_report import SyncReport
from thuiszitter_desktop.ui.background import Background

INTERVAL_MS = 5 * 60 * 1000


class _ProgressRelay(QObject):
    progressed = Signal(int, int)


class SyncRunner(QObject):
    started = Signal()
    progressed = Signal(int, int)  # done, total (records pulled in a long first sync)
    finished = Signal(object)  # SyncReport

    def __init__(self, ctx: AppContext, parent: QObject | None = None,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self.progressed)
        self._background = Background(self)

    def start(self) -> None:
        """At unlock: one round right away, then every few minutes."""
        self.timer.start()
        QTimer.singleShot(0, self.run_now)

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self) -> bool:
        if self.running or self.ctx.vault.is_locked or not sync.status(self.ctx).joined:
            return False
        self.running = True
        self.started.emit()
        relay = self._relay

        def progress(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                relay.progressed.emit(done, total)

        self._background.run("synchroniseren", lambda: sync.sync_now(self.ctx, progress),
                             self._done, self._failed)
        return True

    def _done(self, report: SyncReport) -> None:
        self.running = False
        if not self.ctx.vault.is_locked:
            sync.publish_report(self.ctx, report)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        # A vault locked mid-sync, or a bug: the outbox still holds everything unsent.
        self._done(SyncReport(error=f"Synchroniseren is niet gelukt ({type(exc).__name__})."))
