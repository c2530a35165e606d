"""Forms show their maximum with a counter; a longer text is refused in Dutch, never cut."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.text_limits import CharCounter
from thuiszitter_desktop.ui.widgets import text_box


def counter_of(edit: QLineEdit | QPlainTextEdit) -> QLabel:
    host = edit if isinstance(edit, QLineEdit) else edit.viewport()
    return next(label for label in host.findChildren(QLabel)
                if label.objectName() == "charCounter")


def test_a_text_box_always_shows_how_much_fits(qtbot: QtBot) -> None:
    box = text_box("", "Notities", 80)
    qtbot.addWidget(box)
    box.show()
    label = counter_of(box)
    assert label.isVisible() and label.text() == "0 / 20.000"
    box.setPlainText("x" * (LONG_TEXT + 5))
    assert label.text() == "20.005 / 20.000 — te lang"
    assert box.toPlainText() == "x" * (LONG_TEXT + 5)  # nothing is cut off
    assert "Hoogstens 20.000 tekens" in box.toolTip()


def test_a_line_shows_its_counter_near_the_maximum(qtbot: QtBot) -> None:
    line = QLineEdit()
    qtbot.addWidget(line)
    CharCounter(line, SHORT_TEXT)
    line.show()
    label = counter_of(line)
    line.setText("Zoë")
    assert not label.isVisible()
    line.setText("x" * 170)
    assert label.isVisible() and label.text() == "170 / 200"
    assert line.textMargins().right() > 0  # the end of the text stays readable


def test_a_too_long_name_is_refused_by_name_when_saving(qtbot: QtBot, ctx: AppContext) -> None:
    pupil = Pupil(first_name="Zoë", last_name="Çelik", birth_date=date(2013, 4, 2))
    window = CaseWindow(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2)),
                        is_new=True)
    qtbot.addWidget(window)
    window.form.birth_date.set_value(pupil.birth_date)  # a new case starts without one
    window.form.first_name.setText("Zoë" * 100)
    assert counter_of(window.form.first_name).text().endswith("te lang")
    assert not window.save()
    assert "De voornaam is te lang: 300 tekens, er passen er 200." in window.summary.text()
    assert "te lang" in window.form.errors["first_name"].text()
