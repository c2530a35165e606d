"""Clears personal data the app put on the clipboard after 30 seconds.

Any copy made from within the app (a name from a table, a field's text) is covered: when the
clipboard changes while this app owns it, a timer starts; when it fires and the clipboard
still holds exactly what we put there, it is cleared. What another program copied meanwhile is
left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clipboard: QClipboard = QGuiApplication.clipboard()
        self._ours: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(clear_after_ms)
        self.timer.timeout.connect(self.clear_if_ours)
        self.clipboard.dataChanged.connect(self._changed)

    def _from_this_app(self) -> bool:
        # ownsClipboard() is not reported on every platform; a change while one of our windows
        # has focus can only come from this app.
        return self.clipboard.ownsClipboard() or QGuiApplication.focusWindow() is not None

    def _changed(self) -> None:
        text = self.clipboard.text()
        if text and self._from_this_app():
            self._ours = text
            self.timer.start()
        elif text != self._ours:
            self._ours = None  # someone else copied: not ours to clear

    def clear_if_ours(self) -> None:
        if self._ours is not None and self.clipboard.text() == self._ours:
            self.clipboard.clear()
        self._ours = None

    def clear_now(self) -> None:
        """On lock: do not leave a copied name behind."""
        self.timer.stop()
        self.clear_if_ours()
