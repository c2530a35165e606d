"""Registering, editing, closing and reopening a case through the case window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind
from thuiszitter_desktop.services import caseload, cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui import case_window as case_window_module
from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects
from thuiszitter_desktop.ui.main_window import MainWindow


def new_window(qtbot: QtBot, ctx: AppContext) -> CaseWindow:
    pupil, case = new_case_objects(ctx)
    window = CaseWindow(ctx, pupil, case, is_new=True)
    qtbot.addWidget(window)
    return window


def fill_valid(qtbot: QtBot, window: CaseWindow) -> None:
    form = window.form
    # QTest cannot synthesise keys for 'ë'/'Ç'; insert() is what typing does to the text.
    form.first_name.insert("Zoë")
    form.last_name.insert("Çelik-d'Hondt")
    form.birth_date.set_value(date(2012, 6, 1))
    qtbot.keyClicks(form.school, "Stedelijk Lyceum Zuid")
    form.aanmelding_date.set_value(date(2026, 11, 16))
    form.percentage.setValue(20)


def test_new_case_is_registered_and_listed(qtbot: QtBot, ctx: AppContext) -> None:
    window = new_window(qtbot, ctx)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    fill_valid(qtbot, window)
    qtbot.keyClick(window.form.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.result() == QDialog.DialogCode.Accepted
    rows = caseload.load_rows(ctx)
    assert [(r.pupil_name, r.school, r.education_percentage) for r in rows] == [
        ("Zoë Çelik-d'Hondt", "Stedelijk Lyceum Zuid", 20)
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda f: f.first_name.clear(), "first_name", "Vul de voornaam in."),
        (lambda f: f.last_name.clear(), "last_name", "Vul de achternaam in."),
        (lambda f: f.birth_date.set_value(date(2030, 1, 1)), "birth_date", "toekomst"),
        (lambda f: f.birth_date.set_value(date(1990, 1, 1)), "birth_date", "leerplichtige"),
        (lambda f: f.aanmelding_date.set_value(date(2026, 12, 24)), "aanmelding_date",
         "toekomst"),
        (lambda f: f.home_since.set_value(date(2027, 1, 5)), "home_since", "toekomst"),
        (lambda f: f.opp_date.set_value(date(2027, 2, 1)), "opp_date", "toekomst"),
    ],
)
def test_invalid_input_shows_dutch_message_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, change: object, field: str, message: str
) -> None:
    window = new_window(qtbot, ctx)
    fill_valid(qtbot, window)
    change(window.form)  # type: ignore[operator]
    assert window.save() is False
    label = window.form.errors[field]
    assert message in label.text()
    assert not label.isHidden()
    assert window.summary.text().startswith("Niet opgeslagen")
    assert caseload.load_rows(ctx, include_closed=True) == []
    # Nothing typed is lost: the field values are still there to correct.
    assert window.form.last_name.text() in ("", "Çelik-d'Hondt")


def registered(ctx: AppContext, qtbot: QtBot) -> str:
    window = new_window(qtbot, ctx)
    fill_valid(qtbot, window)
    assert window.save()
    return window.case_id


def open_existing(qtbot: QtBot, ctx: AppContext, case_id: str) -> CaseWindow:
    detail = cases.load_case(ctx, case_id)
    window = CaseWindow(ctx, detail.pupil, detail.case, is_new=False)
    qtbot.addWidget(window)
    return window


def test_edit_saves_and_keeps_window_open(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = registered(ctx, qtbot)
    window = open_existing(qtbot, ctx, case_id)
    window.form.percentage.setValue(45)
    qtbot.keyClicks(window.form.casusverantwoordelijke, "Anouk Vermeer")
    assert window.save()
    row = caseload.load_row(ctx, case_id)
    assert row is not None
    assert (row.education_percentage, row.casusverantwoordelijke) == (45, "Anouk Vermeer")


def test_contact_tab_records_first_contact(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = registered(ctx, qtbot)
    window = open_existing(qtbot, ctx, case_id)
    tab = window.contacts
    tab.on.set_value(date(2026, 11, 20))
    tab.kind.set_value(ContactKind.HUISBEZOEK)
    tab.participants.insert("Zoë, moeder")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Huisbezoek"
    assert cases.load_case(ctx, case_id).case.first_contact_date == date(2026, 11, 20)


def test_future_contact_is_refused_with_message(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = registered(ctx, qtbot)
    window = open_existing(qtbot, ctx, case_id)
    window.contacts.on.set_value(date(2026, 12, 1))
    window.contacts._add()
    assert "toekomst" in window.contacts.error.text()
    assert window.contacts.table.rowCount() == 0


def test_close_and_reopen_from_the_window(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = registered(ctx, qtbot)
    window = open_existing(qtbot, ctx, case_id)

    def choose_reason(dialog: case_window_module.CloseCaseDialog) -> int:
        dialog.reason.set_value(ClosingReason.PASSEND_AANBOD)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(case_window_module.CloseCaseDialog, "exec", choose_reason)
    window.close_case_button.click()
    assert caseload.load_rows(ctx) == []
    closed = cases.load_case(ctx, case_id).case
    assert closed.closing_reason is ClosingReason.PASSEND_AANBOD

    again = open_existing(qtbot, ctx, case_id)
    assert again.reopen_button.isVisibleTo(again) and not again.close_case_button.isVisibleTo(again)
    again.reopen_button.click()
    assert [r.case_id for r in caseload.load_rows(ctx)] == [case_id]


def test_unsaved_changes_are_not_lost_silently(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = registered(ctx, qtbot)
    window = open_existing(qtbot, ctx, case_id)
    window.show()
    window.form.percentage.setValue(60)
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.close()
    assert asked == ["Wijzigingen opslaan?"]
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    window.close()
    assert not window.isVisible()
    row = caseload.load_row(ctx, case_id)
    assert row is not None and row.education_percentage == 60


def test_main_window_refreshes_overview_after_save(qtbot: QtBot, ctx: AppContext) -> None:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show_page(main.caseload)  # pages load when first shown
    case_id = registered(ctx, qtbot)
    assert main.caseload.model.rowCount() == 1
    assert main.statusBar().currentMessage().startswith("1 open casussen")
    cases.close_case(ctx, case_id, ClosingReason.VERHUISD)
    assert main.caseload.model.rowCount() == 0
