"""The team in the main window: the Team menu, the status bar's sync part, the background
sync, and the Conflicten and Mogelijk dubbel pages (once the laptop is in a team)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.services import cases, sync, sync_team
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync_report import SyncReport
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.conflicts_page import ConflictsPage
from thuiszitter_desktop.ui.duplicates_page import DuplicatesPage
from thuiszitter_desktop.ui.join_wizard import JoinWizard, failure_text
from thuiszitter_desktop.ui.qt_changes import QtChanges
from thuiszitter_desktop.ui.role_switch import RoleHost, RoleSwitcher
from thuiszitter_desktop.ui.sync_runner import SyncRunner
from thuiszitter_desktop.ui.sync_status import SyncStatusBar
from thuiszitter_desktop.ui.team_dialogs import HandOverDialog, ShareCasesDialog


class PageHost(RoleHost, Protocol):
    """What the main window offers: its pages and role (fulfilled by ``MainWindow``)."""

    def add_page(self, title: str, page: QWidget, viewed_as: str | None = None, *,
                 for_role: bool = False) -> None: ...

    def show_page(self, page: QWidget) -> None: ...


class TeamWiring(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, changes: QtChanges,
                 pages: PageHost, lock_requested: SignalInstance,
                 selected_case: Callable[[], str | None]) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.pages = pages
        self.lock_requested = lock_requested
        self.selected_case = selected_case
        self.status_bar = SyncStatusBar()
        window.statusBar().addPermanentWidget(self.status_bar)
        self.runner = SyncRunner(self.ctx, self)
        self.background = Background(self)
        self.runner.started.connect(self.refresh)
        self.runner.progressed.connect(self.status_bar.show_progress)
        self.runner.finished.connect(self._finished)
        self.status_bar.sync_requested.connect(self.runner.run_now)
        self.conflicts_page: ConflictsPage | None = None
        self.duplicates_page: DuplicatesPage | None = None
        self.status_bar.conflicts_clicked.connect(self._show_conflicts)
        changes.changed.connect(self._on_change)
        lock_requested.connect(self.runner.stop)
        self.role_switch = RoleSwitcher(window, pages, self._role_switched)
        self._build_menu()
        self.refresh()
        if sync.status(self.ctx).joined:
            self._add_pages()
            self.runner.start()

    def _build_menu(self) -> None:
        menu = self.window.menuBar().addMenu("&Team")
        self.join_action = QAction("&Aansluiten bij team…", self)
        self.join_action.triggered.connect(self.join)
        self.sync_action = QAction("Nu &synchroniseren", self)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(self.runner.run_now)
        self.share_action = QAction("Casussen &delen met het team…", self)
        self.share_action.triggered.connect(self.share)
        self.hand_over_action = QAction("Casus &overdragen…", self)
        self.hand_over_action.triggered.connect(self.hand_over)
        self.leave_action = QAction("Team &verlaten…", self)
        self.leave_action.triggered.connect(self.leave)
        for action in (self.join_action, self.sync_action, self.share_action,
                       self.hand_over_action, self.leave_action):
            menu.addAction(action)
            self.window.addAction(action)
        self.menu = menu

    def _add_pages(self) -> None:
        # School staff and team leads never receive conflicts (nor decide them).
        if self.conflicts_page is not None or self.pages.role is not Role.CONSULENT:
            return
        self.conflicts_page = ConflictsPage(self.ctx, lazy=True)
        self.pages.add_page("Conflicten", self.conflicts_page, for_role=True)
        self.duplicates_page = DuplicatesPage(self.ctx, lazy=True)
        self.pages.add_page("Mogelijk dubbel", self.duplicates_page, for_role=True)
        self.lock_requested.connect(self.conflicts_page.clear)
        self.lock_requested.connect(self.duplicates_page.clear)

    def refresh(self) -> None:
        if self.ctx.vault.is_locked:
            return
        status = sync.status(self.ctx)
        self.status_bar.show_status(status, self.ctx.now(), self.runner.running)
        self.join_action.setEnabled(not status.joined)
        for action in (self.sync_action, self.share_action, self.hand_over_action,
                       self.leave_action):
            action.setEnabled(status.joined)
        self.sync_action.setEnabled(status.joined and not status.revoked)
        for action in (self.share_action, self.hand_over_action):
            action.setVisible(status.role is Role.CONSULENT)

    def _on_change(self, change: Change) -> None:
        for page in (self.conflicts_page, self.duplicates_page):
            if page is not None:
                page.on_change(change)
        self.refresh()

    def _role_switched(self) -> None:
        # The window removed (and deleted) the role's pages, these two among them.
        self.conflicts_page = self.duplicates_page = None
        if sync.status(self.ctx).joined:
            self._add_pages()
        self.refresh()

    def _finished(self, report: SyncReport) -> None:
        self.refresh()
        # The administrator may have changed the role (not read once locked: closing down).
        if not report.error and not self.ctx.vault.is_locked:
            status = sync.status(self.ctx)
            if status.joined:
                self.role_switch.follow(status.role)
        if report.refused:
            QMessageBox.warning(self.window, "Wijziging geweigerd", report.error)
        if report.revoked and not report.removed:
            QMessageBox.warning(
                self.window, "Niet meer in het team",
                "Deze laptop hoort niet meer bij het team. Er zijn nog wijzigingen die niet "
                "zijn verstuurd; ze blijven bewaard. Vraag de beheerder om een nieuwe "
                "aanmeldcode, of kies Team → Team verlaten… om ze op te geven.")

    def _show_conflicts(self) -> None:
        if self.conflicts_page is not None:
            self.pages.show_page(self.conflicts_page)

    # -- actions ----------------------------------------------------------------------------
    def join(self) -> None:
        wizard = JoinWizard(self.ctx, self.window)
        wizard.exec()
        status = sync.status(self.ctx)
        if status.joined:
            # A zorgcoördinator or teamleider gets the role's screens at once.
            self.role_switch.follow(status.role, joined=True)
            self._add_pages()
            self.refresh()
            self.runner.start()

    def share(self) -> None:
        if ShareCasesDialog(self.ctx, self.window).exec() == QDialog.DialogCode.Accepted:
            self.runner.run_now()

    def hand_over(self) -> None:
        case_id = self.selected_case()
        if not case_id:
            QMessageBox.information(self.window, "Casus overdragen",
                                    "Kies eerst een casus in de caseload.")
            return
        pupil = cases.load_case(self.ctx, case_id).pupil
        if HandOverDialog(self.ctx, case_id, pupil.full_name,
                          self.window).exec() == QDialog.DialogCode.Accepted:
            self.runner.run_now()

    def leave(self, give_up: bool = False) -> None:
        unsent = sync.status(self.ctx).unsent
        question = ("Team verlaten? De casussen van het team verdwijnen van deze laptop; je "
                    "eigen, niet-gedeelde casussen blijven.")
        if unsent and not give_up:
            question += f" Eerst worden de {unsent} niet-verstuurde wijzigingen verstuurd."
        if give_up:
            question = (f"{unsent} wijzigingen zijn niet verstuurd en gaan verloren als je nu "
                        "het team verlaat. Weet je het zeker?")
        if QMessageBox.question(self.window, "Team verlaten",
                                question) != QMessageBox.StandardButton.Yes:
            return
        self.background.run("team-verlaten", lambda: sync_team.leave_team(self.ctx, give_up),
                            lambda _report: self.refresh(), self._leave_failed)

    def _leave_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and sync.status(self.ctx).unsent:
            answer = QMessageBox.question(
                self.window, "Team verlaten",
                f"{failure_text(exc)}\n\nWil je de niet-verstuurde wijzigingen opgeven en het "
                "team toch verlaten?")
            if answer == QMessageBox.StandardButton.Yes:
                self.leave(give_up=True)
            return
        QMessageBox.warning(self.window, "Team verlaten", failure_text(exc))


