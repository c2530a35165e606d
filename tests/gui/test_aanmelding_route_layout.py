"""Sick reports and criteria show for the ziekteverzuim route only, unless already filled in."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog


def choose_route(qtbot: QtBot, dialog: AanmeldingDialog, route: AanmeldRoute) -> None:
    combo = dialog.form.route
    combo.setCurrentIndex(combo.findData(route.name))
    combo.activated.emit(combo.currentIndex())


def test_other_routes_hide_the_empty_sick_reports(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = AanmeldingDialog(ctx)
    qtbot.addWidget(dialog)
    section = dialog.form.sick_section
    assert not section.isHidden()
    choose_route(qtbot, dialog, AanmeldRoute.GESCHORST)
    assert section.isHidden()
    choose_route(qtbot, dialog, AanmeldRoute.ZIEKTEVERZUIM)
    assert not section.isHidden()


def test_filled_in_sick_reports_stay_visible_on_another_route(qtbot: QtBot,
                                                              ctx: AppContext) -> None:
    dialog = AanmeldingDialog(ctx)
    qtbot.addWidget(dialog)
    reports = dialog.form.sick_reports
    reports.start.set_value(date(2026, 11, 2))
    reports.end.set_value(date(2026, 11, 6))
    qtbot.mouseClick(reports.add_button, Qt.MouseButton.LeftButton)
    choose_route(qtbot, dialog, AanmeldRoute.DUO)
    assert not dialog.form.sick_section.isHidden()
    assert reports.table.rowCount() == 1


def test_education_since_says_what_empty_means(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = AanmeldingDialog(ctx)
    qtbot.addWidget(dialog)
    field = dialog.form.education_since
    assert field.text() == ""
    assert field.hint is not None and field.hint.text() == "leeg: onbekend"
