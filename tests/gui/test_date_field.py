"""Date fields: an impossible date is refused in Dutch with the typed text kept; required
dates start empty; typing 31-2-2011 style, 31022011 or picking from the calendar all work."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.widgets import ErrorLabel, field_row


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    """A form window for the field of a test (kept alive for the whole test)."""
    window = QWidget()
    QFormLayout(window)
    qtbot.addWidget(window)
    return window


def form_with(qtbot: QtBot, holder: QWidget, field: DateField) -> ErrorLabel:
    form = holder.layout()
    assert isinstance(form, QFormLayout)
    error = field_row(form, "Geboortedatum", field)
    holder.show()
    qtbot.waitExposed(holder)
    return error


def type_into(qtbot: QtBot, field: DateField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)  # done typing (as leaving the field)


def test_31_february_is_refused_in_dutch_and_the_text_stays(qtbot: QtBot, holder: QWidget) -> None:
    field = DateField(None, date(2026, 11, 23), key="birth_date")
    error = form_with(qtbot, holder, field)
    type_into(qtbot, field, "31-02-2011")
    assert field.text() == "31-02-2011"  # not moved to 28-02-2011
    assert error.isVisible()
    assert error.text() == "31-02-2011 bestaat niet: februari 2011 heeft 28 dagen."
    with pytest.raises(ValidationError) as refused:
        field.value()
    assert refused.value.errors == {"birth_date": error.text()}
    # Fixing the day takes the message away at once, before leaving the field.
    field.edit.setFocus()
    field.edit.setCursorPosition(2)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "28")
    assert not error.isVisible()
    assert field.value() == date(2011, 2, 28)


@pytest.mark.parametrize("typed", ["31-3-2011", "31032011", "31-03-2011", "31/3/2011"])
def test_short_and_digit_only_dates_are_read_and_written_out(qtbot: QtBot, holder: QWidget,
                                                             typed: str) -> None:
    field = DateField(None, date(2026, 11, 23))
    form_with(qtbot, holder, field)
    type_into(qtbot, field, typed)
    assert field.value() == date(2011, 3, 31)
    assert field.text() == "31-03-2011"


def test_picking_from_the_calendar(qtbot: QtBot, holder: QWidget) -> None:
    field = DateField(None, date(2026, 11, 23))
    form_with(qtbot, holder, field)
    with qtbot.waitSignal(field.changed):
        field.edit.setFocus()
        qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert field.calendar.selectedDate() == QDate(2026, 11, 23)  # the app's day
        field.calendar.setSelectedDate(QDate(2026, 11, 20))
        qtbot.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key.Key_Return)
    assert field.value() == date(2026, 11, 20)
    assert field.text() == "20-11-2026"


def test_a_required_empty_date_is_named_in_dutch(qtbot: QtBot, holder: QWidget) -> None:
    field = DateField(None, date(2026, 11, 23), key="birth_date",
                      required="Vul de geboortedatum in.")
    error = form_with(qtbot, holder, field)
    with pytest.raises(ValidationError) as refused:
        field.day()
    assert refused.value.errors == {"birth_date": "Vul de geboortedatum in."}
    assert error.text() == "Vul de geboortedatum in."


def test_new_registrations_start_without_a_birth_date(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = AanmeldingDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.form.birth_date.text() == ""
    window = CaseWindow(ctx, *new_case_objects(ctx), is_new=True)
    qtbot.addWidget(window)
    assert window.form.birth_date.text() == ""


def test_a_new_case_without_birth_date_is_not_saved(qtbot: QtBot, ctx: AppContext) -> None:
    window = CaseWindow(ctx, *new_case_objects(ctx), is_new=True)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.form.first_name, "Nina")
    window.form.last_name.insert("Yılmaz")  # QTest types no ı; insert() is what typing does
    assert not window.save()
    assert window.form.errors["birth_date"].text() == "Vul de geboortedatum in."
    assert window.result() != QDialog.DialogCode.Accepted  # nothing registered
    window.form.birth_date.set_value(date(2012, 3, 4))
    assert window.save()
