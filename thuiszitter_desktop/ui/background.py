"""Work that reads many cases runs in a worker thread; its result comes back to the window.

A read of a large caseload takes seconds; done in the window's thread it would freeze the
window (no repaint, no typing) for that long. ``Background.run`` starts the work in a daemon
thread with its own database connection and calls ``done`` with the result in the window's
thread (a queued Qt signal). Work finds the vault locked by itself (``vault.in_use``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
log = logging.getLogger("thuiszitter.background")


class Background(QObject):
    _finished = Signal(object, object)  # (done callback, result), delivered in our thread
    _failed = Signal(object, object)  # (failed callback, exception)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._finished.connect(lambda done, result: done(result))
        self._failed.connect(lambda failed, exc: failed(exc))

    def run(self, name: str, work: Callable[[], T], done: Callable[[T], None],
            failed: Callable[[BaseException], None] | None = None) -> None:
        def target() -> None:
            try:
                result: Any = work()
            except Exception as exc:  # handed to the window; never personal data in the log
                log.warning("%s failed: %s", name, type(exc).__name__)
                self._emit(self._failed, failed, exc)
            else:
                self._emit(self._finished, done, result)

        threading.Thread(target=target, name=name, daemon=True).start()

    def deliver(self, done: Callable[[T], None], result: T) -> None:
        """From inside a work function: hand a partial result to the window's thread now."""
        self._emit(self._finished, done, result)

    @staticmethod
    def _emit(signal: Any, callback: object, value: object) -> None:
        if callback is None:
            return
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody to tell
            signal.emit(callback, value)
