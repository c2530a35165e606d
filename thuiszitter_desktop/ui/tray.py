"""System tray notice while the app is open: counts only, never a name.

A notification can pop up on a locked screen or be seen by someone passing by, so its text comes
from ``notification_text`` ("2 termijnen verlopen, 3 deze week"). The icon disappears when the
vault is locked.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from thuiszitter_desktop.paths import resources_dir

TITLE = "Thuiszitter Desktop"


class ReminderTray(QObject):
    activated = Signal()  # the user clicked the icon or the message: show the Vandaag page

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_message = ""
        self._icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._icon = QSystemTrayIcon(QIcon(str(resources_dir() / "icons" / "app.png")), self)
            self._icon.setToolTip(TITLE)
            self._icon.activated.connect(lambda _reason: self.activated.emit())
            self._icon.messageClicked.connect(self.activated)
            self._icon.show()

    def notify(self, text: str) -> None:
        """Show ``text`` once; the same text again (e.g. after a refresh) is not repeated."""
        if self._icon is not None:
            self._icon.setToolTip(f"{TITLE}\n{text}" if text else TITLE)
        if not text or text == self.last_message:
            self.last_message = text
            return
        self.last_message = text
        if self._icon is not None and QSystemTrayIcon.supportsMessages():
            self._icon.showMessage(TITLE, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    def hide(self) -> None:
        """Remove the icon and forget the last text (before the vault locks)."""
        self.last_message = ""
        if self._icon is not None:
            self._icon.hide()
