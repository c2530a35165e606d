"""The main window's navigation: order, icons, Ctrl+number shortcuts, Vandaag first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.main_window import MainWindow

ORDER = ["Vandaag", "Caseload", "Aanmelden", "MDO", "Beleidsinformatie"]


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_pages_in_the_order_a_consulent_works(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ORDER
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    assert window.nav.currentItem().text() == "Vandaag"
    assert window.pages.currentWidget() is window.today_page


@pytest.mark.parametrize(("number", "title"), list(enumerate(ORDER, start=1)))
def test_ctrl_number_opens_the_page(qtbot: QtBot, window: MainWindow, number: int,
                                    title: str) -> None:
    if number == 1:
        window.nav.setCurrentRow(len(ORDER) - 1)  # start somewhere else
    QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number),
                   Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentItem().text() == title
    assert window.pages.currentIndex() == number - 1
    assert f"Ctrl+{number}" in window.nav.currentItem().toolTip()


def test_go_to_menu_lists_every_page_with_its_shortcut(window: MainWindow) -> None:
    entries = [(a.text(), a.shortcut().toString()) for a in window.go_menu.actions()]
    assert entries == [(title, f"Ctrl+{n}") for n, title in enumerate(ORDER, start=1)]
