"""Plan table cells show the domain's maximum while editing and never cut a pasted text."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
)
from pytestqt.qtbot import QtBot
from test_smart_goal_tab import editor_in, started_plan

from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.plan_editor import PlanTab

SENTENCE = "Zoë gaat elke ochtend met de fiets naar school en belt 's middags haar mentor. "


def text_of(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length]


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> PlanTab:
    return started_plan(qtbot, ctx, Pupil(first_name="Zoë", last_name="Ivanova",
                                          birth_date=date(2012, 5, 6)))


def counter_beside(editor: QLineEdit) -> QLabel:
    viewport = editor.parentWidget()
    return next(label for label in viewport.findChildren(QLabel)
                if label.objectName() == "charCounter" and label.isVisible())


def commit(qtbot: QtBot, view: QTableView, editor: QLineEdit) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() is not QAbstractItemView.State.EditingState)


def test_a_goal_cell_shows_its_counter_below_while_editing(qtbot: QtBot, tab: PlanTab) -> None:
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    editor = editor_in(tab.goals_view, qtbot)
    counter = counter_beside(editor)
    assert counter.text() == "0 / 20.000 tekens"
    qtbot.keyClicks(editor, "Naar school")
    assert counter.text() == "11 / 20.000 tekens"
    # Beside the text, not over it: just below (or above) the cell being edited.
    cell = editor.geometry()
    assert counter.geometry().top() > cell.bottom() or counter.geometry().bottom() < cell.top()
    commit(qtbot, tab.goals_view, editor)
    qtbot.waitUntil(lambda: not counter_beside_any(tab.goals_view))


def counter_beside_any(view: QTableView) -> bool:
    return any(label.objectName() == "charCounter" and label.isVisible()
               for label in view.viewport().findChildren(QLabel))


def test_a_paste_over_the_maximum_is_refused_whole_and_said(qtbot: QtBot, tab: PlanTab,
                                                             ctx: AppContext) -> None:
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    editor = editor_in(tab.goals_view, qtbot)
    qtbot.keyClicks(editor, "Doel: ")
    too_long = text_of(LONG_TEXT)
    QApplication.clipboard().setText(too_long)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "Doel: "  # nothing cut in, nothing lost
    assert QApplication.clipboard().text() == too_long  # the pasted text is still there
    assert tab.error.text() == ("Niet geplakt: het doel zou dan 20.006 tekens lang worden, er "
                                "passen er 20.000. Maak de tekst korter en plak hem opnieuw.")
    assert tab.error.isVisible()

    fits = text_of(LONG_TEXT - len("Doel: "))
    QApplication.clipboard().setText(fits)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "Doel: " + fits
    assert counter_beside(editor).text() == "20.000 / 20.000 tekens"
    qtbot.keyClicks(editor, "x")  # typing stops at the maximum
    assert editor.text() == "Doel: " + fits
    assert tab.error.text() == "Het doel is vol: er passen 20.000 tekens in."
    commit(qtbot, tab.goals_view, editor)
    assert tab.plan is not None
    goal = plan_service.load_versions(ctx, tab.plan.case_id)[-1].goals[0]
    assert goal.description == ("Doel: " + fits).strip()


def test_an_action_cell_and_its_owner_keep_to_their_maximum(qtbot: QtBot, tab: PlanTab,
                                                             ctx: AppContext) -> None:
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    commit(qtbot, tab.goals_view, editor_in(tab.goals_view, qtbot))
    qtbot.mouseClick(tab.add_action_button, Qt.MouseButton.LeftButton)
    view = tab.actions_view
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    owner = combo.lineEdit()  # 'Wie': a name, SHORT_TEXT at most
    QApplication.clipboard().setText("Ouder " * 40)
    qtbot.keyClick(owner, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert owner.text() == ""
    assert tab.error.text().startswith("Niet geplakt: de naam zou dan 240 tekens lang worden")
    assert f"er passen er {SHORT_TEXT}" in tab.error.text()
    qtbot.keyClick(owner, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() is not QAbstractItemView.State.EditingState)
    view.setFocus()
    view.setCurrentIndex(tab.actions_model.index(0, 2))
    view.edit(view.currentIndex())
    what = editor_in(view, qtbot)
    assert counter_beside(what).text() == "0 / 20.000 tekens"
    QApplication.clipboard().setText(text_of(LONG_TEXT + 1))
    qtbot.keyClick(what, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert what.text() == ""
    assert tab.error.text().startswith("Niet geplakt: de actie zou dan 20.001 tekens")
