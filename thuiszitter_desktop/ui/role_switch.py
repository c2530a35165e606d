"""The main window follows a changed team role at once, without locking (issue 21).

After joining a team as zorgcoördinator or teamleider, or when a sync reports that the
administrator changed the role, the window swaps its pages and menus for the role's. Open
windows (a case being edited, an MDO) are never closed for it: the switch waits until they
are closed, and the user is told so, so no unsaved input is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QWidget

from thuiszitter_desktop.domain.roles import Role


class RoleHost(Protocol):
    """What the main window offers (fulfilled by ``MainWindow``)."""

    role: Role

    def page_titles(self) -> list[str]: ...

    def apply_role(self, role: Role) -> None: ...


def other_open_windows(*keep: QWidget | None) -> list[QWidget]:
    """The open windows a user works in (dialogs, case windows), except those in ``keep``;
    not menus, tool tips or completer pop-ups, which close by themselves."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog | QMainWindow) and w.isVisible()
            and not any(w is k for k in keep)]


def switched_text(old: Role, new: Role, before: list[str], after: list[str],
                  joined: bool) -> str:
    """What changed, in plain Dutch: the role and which pages came and went."""
    if joined:
        text = f"U bent aangesloten bij het team als {new.label.lower()}."
    else:
        text = (f"De beheerder van het team heeft uw rol gewijzigd: u bent nu "
                f"{new.label.lower()} (was {old.label.lower()}).")
    text += " De app toont nu de schermen voor die rol."
    added = [title for title in after if title not in before]
    gone = [title for title in before if title not in after]
    if added:
        text += f"\n\nNieuw: {', '.join(added)}."
    if gone:
        text += f"\nNiet meer te zien: {', '.join(gone)}."
    if new is Role.ZORGCOORDINATOR:
        text += ("\n\nU ziet alleen leerlingen van uw school waarvoor toestemming is om "
                 "gegevens met school te delen.")
    elif new is Role.TEAMLEIDER:
        text += "\n\nU ziet alleen de cijfers van het team, zonder namen."
    return text


WAITING_TEXT = ("Uw rol in het team is gewijzigd: u bent nu {role}. Er staan nog vensters "
                "open; die blijven open, zodat u niets kwijtraakt. Sla op wat u wilt bewaren. "
                "Zodra u ze hebt gesloten, toont de app de schermen voor uw nieuwe rol.")


class RoleSwitcher(QObject):
    """Switches ``host`` to a role now, or as soon as the open windows are closed."""

    def __init__(self, window: QWidget, host: RoleHost, switched: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.switched = switched  # e.g. the team's own pages for the new role
        self.pending: Role | None = None
        self.joined = False
        self.notice: QMessageBox | None = None
        self._watched: list[QWidget] = []

    def follow(self, role: Role, joined: bool = False) -> bool:
        """Switch to ``role`` if it differs from the window's; True when switched now."""
        if role is self.host.role:
            self.pending = None
            return False
        self.joined = self.joined or joined
        waiting = other_open_windows(self.window, self.notice)
        if waiting:
            first_notice = self.pending is not role
            self.pending = role
            self._wait_for(waiting)
            if first_notice:
                self._tell("Uw rol is gewijzigd", WAITING_TEXT.format(role=role.label.lower()),
                           QApplication.activeModalWidget() or waiting[0])
            return False
        self.pending = None
        old, before = self.host.role, self.host.page_titles()
        self.host.apply_role(role)
        self.switched()
        self._tell("Uw rol is gewijzigd" if not self.joined else "Aangesloten",
                   switched_text(old, role, before, self.host.page_titles(), self.joined),
                   self.window)
        self.joined = False
        return True

    def _wait_for(self, windows: list[QWidget]) -> None:
        for window in windows:
            if window in self._watched:
                continue
            self._watched.append(window)
            if isinstance(window, QDialog):
                window.finished.connect(self._retry_soon)
            window.destroyed.connect(self._retry_soon)

    def _retry_soon(self, *_args: object) -> None:
        # After the dialog's own event loop has returned: its page may be replaced then.
        QTimer.singleShot(0, self._retry)

    def _retry(self) -> None:
        self._watched = [w for w in self._watched if _alive_and_open(w)]
        if self.pending is not None:
            self.follow(self.pending)

    def _tell(self, title: str, text: str, parent: QWidget) -> None:
        # Not blocking: the window behind it already shows the new screens.
        if self.notice is not None and _alive_and_open(self.notice):
            self.notice.close()  # (gone already when its window was closed)
        self.notice = QMessageBox(QMessageBox.Icon.Information, title, text,
                                  QMessageBox.StandardButton.Ok, parent)
        self.notice.open()


def _alive_and_open(window: QWidget) -> bool:
    try:
        return window.isVisible()
    except RuntimeError:  # already deleted by Qt
        return False
