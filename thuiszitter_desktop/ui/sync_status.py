"""The status bar's sync part: 'Gesynchroniseerd om 10:42', '3 wijzigingen nog niet
verstuurd', 'Server niet bereikbaar sinds …', and progress during a long first sync."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from thuiszitter_desktop.domain.dutch_dates import MONTHS
from thuiszitter_desktop.domain.roles import role_line
from thuiszitter_desktop.services.sync import SyncStatus


def local_moment(utc: datetime) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def when(utc: datetime, now: datetime) -> str:
    """'10:42' today, else '3 december 10:42' (local time)."""
    moment = local_moment(utc)
    if moment.date() == now.date():
        return f"{moment:%H:%M}"
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment:%H:%M}"


def at_when(utc: datetime, now: datetime) -> str:
    """'om 10:42' today, else 'op 3 december om 10:42'."""
    moment = local_moment(utc)
    if moment.date() == now.date():
        return f"om {moment:%H:%M}"
    return f"op {moment.day} {MONTHS[moment.month - 1]} om {moment:%H:%M}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def status_text(status: SyncStatus, now: datetime, running: bool = False) -> str:
    """One line for the status bar (``now``: the laptop's local time)."""
    if not status.joined:
        return ""
    if status.revoked:
        parts = ["Dit apparaat hoort niet meer bij het team"]
    elif running:
        parts = ["Bezig met synchroniseren…"]
    elif status.unreachable_since is not None:
        parts = [f"Server niet bereikbaar sinds {when(status.unreachable_since, now)}"]
    elif status.last_sync is not None:
        parts = [f"Gesynchroniseerd {at_when(status.last_sync, now)}"]
    else:
        parts = ["Nog niet gesynchroniseerd"]
    if status.unsent:
        parts.append(plural(status.unsent, "wijziging nog niet verstuurd",
                            "wijzigingen nog niet verstuurd"))
    return " · ".join(parts)


class SyncStatusBar(QWidget):
    """Text, a progress bar while a long sync runs, a conflicts link and 'Nu synchroniseren'."""

    sync_requested = Signal()
    conflicts_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Who is signed in to the team, with the role's Dutch name (issue 21).
        self.who = QLabel()
        self.who.setAccessibleName("Gebruiker en rol")
        self.label = QLabel()
        self.label.setAccessibleName("Synchronisatie")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("%v van %m")
        self.progress.hide()
        self.conflicts = QLabel()
        self.conflicts.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts.linkActivated.connect(lambda _link: self.conflicts_clicked.emit())
        self.conflicts.hide()
        self.button = QToolButton()
        self.button.setText("Nu synchroniseren")
        self.button.setToolTip("Nu synchroniseren met de teamserver (F5)")
        self.button.clicked.connect(self.sync_requested)
        for widget in (self.who, self.label, self.progress, self.conflicts, self.button):
            layout.addWidget(widget)

    def show_status(self, status: SyncStatus, now: datetime, running: bool = False) -> None:
        self.setVisible(status.joined)
        self.who.setText(f"<b>{escape(role_line(status.user, status.role))}</b> ·"
                         if status.joined else "")
        self.label.setText(status_text(status, now, running))
        self.button.setEnabled(not running and not status.revoked)
        if not running:
            self.progress.hide()
        parts = []
        if status.open_conflicts:
            parts.append(plural(status.open_conflicts, "conflict", "conflicten"))
        if status.open_duplicates:
            parts.append(f"{status.open_duplicates} mogelijk dubbel")
        self.conflicts.setVisible(bool(parts))
        self.conflicts.setText(f'<a href="conflicten">{" · ".join(parts)}</a>')

    def show_progress(self, done: int, total: int) -> None:
        # Only worth a bar for a long sync (a first sync of a whole team caseload).
        if total < 500:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))
        self.progress.show()
