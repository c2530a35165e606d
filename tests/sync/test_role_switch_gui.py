"""The window follows the team role at once, against the real server (issue 21): after joining
as zorgcoördinator, and when the administrator changes a role, without locking and without
losing what is typed in an open window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from role_helpers import Region, menu_titles
from sqlalchemy import update
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.server.tables import srv_users
from thuiszitter_desktop.ui.join_wizard import JoinWizard
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.school_dialogs import ProposalDialog

CONSULENT_PAGES = ["Vandaag", "Caseload", "Aanmelden", "MDO", "Beleidsinformatie"]


def drive_join_wizard(qtbot: QtBot, team: TeamServer, code: str) -> Callable[[], None]:
    """What the user does in the Aansluiten dialog once it is open (it runs modally)."""
    def drive() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, JoinWizard)
        try:
            server = wizard.server_page
            server.address.setText(team.address)
            server.fetch.click()
            qtbot.waitUntil(lambda: bool(server.found), timeout=10000)
            server.confirm.setChecked(True)
            wizard.next()
            wizard.code_page.code.setText(code)
            wizard.code_page.join_button.click()
            qtbot.waitUntil(lambda: wizard.currentPage() is wizard.share_page, timeout=10000)
            wizard.button(QWizard.WizardButton.FinishButton).click()
        finally:
            if wizard.isVisible():  # never leave the test waiting on the dialog
                wizard.reject()
    return drive


def test_joining_as_zorgcoordinator_shows_mijn_school_at_once_without_locking(
        qtbot: QtBot, team: TeamServer, region: tuple[Laptop, Region],
        laptops: Callable[..., Laptop]) -> None:
    _consulent, made = region
    sem = laptops("Sem de Vries", join=False)
    team.add_user("sem", "Sem de Vries", "zorgcoordinator", (made.regenboog.id,))
    window = MainWindow(sem.ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.page_titles() == CONSULENT_PAGES
    assert window.team is not None

    QTimer.singleShot(0, drive_join_wizard(qtbot, team, team.code_for("sem")))
    window.team.join_action.trigger()

    assert not sem.vault.is_locked  # no Ctrl+L and unlock needed
    assert window.page_titles() == ["Mijn school"]
    assert window.role is Role.ZORGCOORDINATOR
    assert window.pages.currentWidget() is window.school_page
    entries = menu_titles(window)
    assert "&Nieuwe casus…" not in entries and "&Scholen koppelen…" not in entries
    assert "Casussen &delen met het team…" not in entries
    assert "&Afgesloten casussen tonen" not in entries
    assert [a.shortcut() for a in window.page_actions] == [QKeySequence("Ctrl+1")]
    notice = window.team.role_switch.notice
    assert notice is not None and notice.isVisible()
    text = notice.text()
    assert "aangesloten bij het team als zorgcoördinator" in text
    assert "Nieuw: Mijn school." in text
    assert "Niet meer te zien: " + ", ".join(CONSULENT_PAGES) + "." in text
    assert "Vergrendel" not in text
    # The first sync brings the school's shared pupils onto the page.
    qtbot.waitUntil(lambda: window.school_page.model.rowCount() == 2, timeout=20000)
    names = {row.pupil_name for row in window.school_page.model.rows()}
    assert names == {"Sara El Idrissi", "Noor van den Berg"}
    qtbot.waitUntil(lambda: "Zorgcoördinator" in window.team.status_bar.who.text())


def test_a_changed_role_waits_for_the_open_window_and_keeps_what_was_typed(
        qtbot: QtBot, team: TeamServer, region: tuple[Laptop, Region],
        laptops: Callable[..., Laptop]) -> None:
    _consulent, made = region
    sem = laptops("Sem de Vries", role="zorgcoordinator", schools=(made.regenboog.id,))
    sem.sync()
    window = MainWindow(sem.ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.page_titles() == ["Mijn school"]
    assert window.team is not None
    dialog = ProposalDialog(sem.ctx, made.shared["Noor"], "Noor van den Berg", window)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = "Kan Noor na de vakantie halve dagen komen? ✏️"
    dialog.question.setPlainText(typed)
    with team.engine.begin() as conn:  # the administrator makes Sem a consulent
        conn.execute(update(srv_users).where(srv_users.c.id == sem.user_id)
                     .values(role="consulent"))

    with qtbot.waitSignal(window.team.runner.finished, timeout=20000):
        window.team.runner.run_now()

    # The proposal is still open with its text; the screens wait for it.
    assert dialog.isVisible() and dialog.question.toPlainText() == typed
    assert window.page_titles() == ["Mijn school"]
    notice = window.team.role_switch.notice
    assert notice is not None
    assert "u bent nu consulent" in notice.text()
    assert "Zodra u ze hebt gesloten" in notice.text()

    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    qtbot.waitUntil(lambda: window.page_titles()[:5] == CONSULENT_PAGES)
    assert "Mijn school" not in window.page_titles()
    assert window.page_titles()[5:] == ["Conflicten", "Mogelijk dubbel"]
    assert window.pages.currentWidget() is window.today_page
    assert "&Nieuwe casus…" in menu_titles(window)
    switched = window.team.role_switch.notice
    assert switched is not None and switched is not notice
    assert "heeft uw rol gewijzigd: u bent nu consulent (was zorgcoördinator)" in switched.text()
    assert "Niet meer te zien: Mijn school." in switched.text()
