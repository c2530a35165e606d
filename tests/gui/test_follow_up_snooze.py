"""A follow-up moment after closing counts on Vandaag, in the status bar and the tray like a
deadline, and is snoozed and taken back with the same dialog, undo and 'Uitgesteld' list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_snooze_undo import counts, ctrl_key

from thuiszitter_desktop.domain.follow_up import FollowUpKind
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import cases, follow_up
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_audit
from thuiszitter_desktop.ui import today_page
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.snooze_dialog import SnoozeDialog
from thuiszitter_desktop.ui.snoozed_dialog import SnoozedDialog

# ctx's clock: Monday 23 November 2026.


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> str:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2014, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil,
                               Case(pupil_id=pupil.id, aanmelding_date=aanmelding)).id


@pytest.fixture
def closed_case(ctx: AppContext) -> str:
    # First contact 14 days overdue, goals due this week.
    register(ctx, "Zoë", "de Vries", date(2026, 10, 26))
    case_id = register(ctx, "Ömer", "Şahin-Ørsted", date(2026, 9, 14))
    cases.close_case(ctx, case_id, ClosingReason.TERUG_OP_SCHOOL)  # follow-up from February
    return case_id


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, closed_case: str) -> MainWindow:
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    return shown


def seen(text: str) -> tuple[str, str, str]:
    return text, f"1 open casussen · {text}", text


@pytest.fixture
def snooze_by_dialog(monkeypatch: pytest.MonkeyPatch) -> list[SnoozeDialog]:
    """The snooze dialog, filled in and saved as a user does; the dialogs shown."""
    shown: list[SnoozeDialog] = []

    def filled(dialog: SnoozeDialog) -> int:
        shown.append(dialog)
        dialog.until.set_value(date(2026, 12, 1))
        dialog.reason.setText("Mentor belt na de toetsweek terug")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(today_page.SnoozeDialog, "exec", filled)
    return shown


def test_a_due_follow_up_counts_is_snoozed_and_comes_back(
        qtbot: QtBot, window: MainWindow, closed_case: str,
        snooze_by_dialog: list[SnoozeDialog]) -> None:
    page = window.today_page
    assert counts(window) == seen("1 termijn verlopen, 1 deze week")
    assert page.follow_up_table.isHidden()

    # Ömer started at the vo almost a month ago: the follow-up of the transition falls due.
    follow_up.add_transition(window.ctx, closed_case, FollowUpKind.OVERGANG_PO_VO,
                             date(2026, 10, 26))
    assert counts(window) == seen("1 termijn verlopen, 2 deze week")
    assert not page.follow_up_table.isHidden()
    assert page.follow_up_model.row_at(0).pupil_name == "Ömer Şahin-Ørsted"

    page.follow_up_snooze_button.click()
    [dialog] = snooze_by_dialog
    assert dialog.windowTitle() == "Nazorg uitstellen"
    assert not dialog.ack_choice.isVisibleTo(dialog)  # done = an outcome, in the case
    assert counts(window) == seen("1 termijn verlopen, 1 deze week, 1 uitgesteld")
    assert page.follow_up_table.isHidden()
    assert page.undo_text.text() == (
        "Overgang van po naar vo: vragen hoe het gaat (deze week) (Ömer Şahin-Ørsted) is "
        "uitgesteld tot 01-12-2026. Terugvinden: knop 'Uitgesteld'.")
    assert page.snoozed_button.text().replace("&", "") == "Uitgesteld (1)…"

    ctrl_key(qtbot, window, page.table, Qt.Key.Key_Z)  # undo
    assert counts(window) == seen("1 termijn verlopen, 2 deze week")
    assert page.follow_up_model.rowCount() == 1
    with window.ctx.vault.read() as conn:
        logged = [(e.action, e.detail) for e in repo_audit.entries(conn)]
    assert logged[-2:] == [("nazorg uitgesteld", "OVERGANG_PO_VO tot 2026-12-01"),
                           ("uitstel ongedaan gemaakt", "nazorg")]


def test_uitgesteld_lists_the_follow_up_and_takes_it_back(
        qtbot: QtBot, window: MainWindow, closed_case: str,
        snooze_by_dialog: list[SnoozeDialog]) -> None:
    page = window.today_page
    follow_up.add_transition(window.ctx, closed_case, FollowUpKind.OVERGANG_PO_VO,
                             date(2026, 10, 26))
    ctrl_key(qtbot, window, page.follow_up_table, Qt.Key.Key_U)  # snooze, in the Nazorg list
    assert len(snooze_by_dialog) == 1
    dialog = SnoozedDialog(window.ctx, page._snoozed)
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells == ["Ömer Şahin-Ørsted", "Overgang van po naar vo: vragen hoe het gaat "
                     "(deze week)", "tot 01-12-2026", "Mentor belt na de toetsweek terug",
                     "Test Consulent"]
    with qtbot.waitSignal(dialog.open_case) as opened:
        dialog.open_button.click()
    assert opened.args == [closed_case]
    dialog.restore_button.click()
    assert dialog.empty.isVisibleTo(dialog)
    assert counts(window) == seen("1 termijn verlopen, 2 deze week")


def test_only_follow_up_due_says_so_above_the_empty_deadline_list(
        qtbot: QtBot, ctx: AppContext) -> None:
    case_id = register(ctx, "Sem", "Bakker", date(2026, 9, 14))
    cases.close_case(ctx, case_id, ClosingReason.PASSEND_AANBOD)
    follow_up.add_transition(ctx, case_id, FollowUpKind.OVERGANG_VO_VERVOLG, date(2026, 10, 1))
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    page = shown.today_page
    assert page.summary.text() == "1 termijn verlopen"
    assert page.empty.text() == "Geen termijnen van open casussen; wel nazorg, hieronder."
    assert page.follow_up_model.row_at(0).text == ("Overgang van vo naar vervolgopleiding: "
                                                   "vragen hoe het gaat (verlopen)")
