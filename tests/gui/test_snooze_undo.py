"""Snoozing shows an undo and an 'Uitgesteld' list; Vandaag, the status bar and the tray
count the same."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases, reminders
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_audit
from thuiszitter_desktop.ui import today_page
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.snooze_dialog import SnoozeDialog
from thuiszitter_desktop.ui.snoozed_dialog import SnoozedDialog

# ctx's clock: Monday 23 November 2026.


def register(ctx: AppContext, first: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name="de Vries", birth_date=date(2013, 4, 2))
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    register(ctx, "Zoë", date(2026, 10, 26))  # first contact 14 days overdue
    register(ctx, "Sem", date(2026, 11, 10))  # first contact due tomorrow
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    return shown


def counts(window: MainWindow) -> tuple[str, str, str]:
    return (window.today_page.summary.text(), window.statusBar().currentMessage(),
            window.tray.last_message)


def ctrl_key(qtbot: QtBot, window: MainWindow, widget: QWidget, key: Qt.Key) -> None:
    """Ctrl+``key`` typed in ``widget`` of the shown, active window."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def snooze_by_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The snooze dialog, filled in and saved as a user does."""
    def filled(dialog: SnoozeDialog) -> int:
        dialog.until.set_value(date(2026, 11, 26))
        dialog.reason.setText("Moeder belt donderdag terug")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(today_page.SnoozeDialog, "exec", filled)


def test_snooze_can_be_undone_and_counts_agree(qtbot: QtBot, window: MainWindow,
                                               snooze_by_dialog: None) -> None:
    page = window.today_page
    assert counts(window) == ("1 termijn verlopen, 2 deze week",
                              "2 open casussen · 1 termijn verlopen, 2 deze week",
                              "1 termijn verlopen, 2 deze week")
    page.snooze_current(acknowledge=False)
    assert page.undo_bar.isVisibleTo(page)
    assert page.undo_text.text() == ("Eerste contact: 14 dagen verlopen (Zoë de Vries) is "
                                     "uitgesteld tot 26-11-2026. Terugvinden: knop "
                                     "'Uitgesteld'.")
    assert counts(window) == ("2 termijnen deze week, 1 uitgesteld",
                              "2 open casussen · 2 termijnen deze week, 1 uitgesteld",
                              "2 termijnen deze week, 1 uitgesteld")
    assert page.snoozed_button.text().replace("&", "") == "Uitgesteld (1)…"
    ctrl_key(qtbot, window, page.table, Qt.Key.Key_Z)  # undo
    assert not page.undo_bar.isVisibleTo(page)
    assert counts(window)[0] == "1 termijn verlopen, 2 deze week"
    assert reminders.load_today(window.ctx).snoozed == ()
    with window.ctx.vault.read() as conn:
        actions = [entry.action for entry in repo_audit.entries(conn)]
    assert actions[-2:] == ["termijn uitgesteld", "uitstel ongedaan gemaakt"]


def test_uitgesteld_lists_why_and_until_and_takes_back(qtbot: QtBot, window: MainWindow,
                                                      snooze_by_dialog: None) -> None:
    page = window.today_page
    page.snooze_current(acknowledge=False)
    overview = reminders.load_today(window.ctx)
    dialog = SnoozedDialog(window.ctx, overview.snoozed)
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells == ["Zoë de Vries", "Eerste contact: 14 dagen verlopen", "tot 26-11-2026",
                     "Moeder belt donderdag terug", "Test Consulent"]
    with qtbot.waitSignal(dialog.open_case) as opened:
        dialog.open_button.click()
    assert opened.args == [overview.snoozed[0].case_id]
    dialog.restore_button.click()
    assert dialog.empty.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)
    assert counts(window)[1] == "2 open casussen · 1 termijn verlopen, 2 deze week"
    assert dialog.result() != QDialog.DialogCode.Accepted
