"""Typing a SMART goal by keyboard: Doel, Tab, indicator, Tab, 'Afgesproken met' keeps each."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.plan_editor import PlanTab


def editor_in(view: QAbstractItemView, qtbot: QtBot) -> QLineEdit:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and view.isAncestorOf(QApplication.focusWidget()))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    return editor


def started_plan(qtbot: QtBot, ctx: AppContext, pupil: Pupil) -> PlanTab:
    """The plan tab of a new case of ``pupil``, with an empty plan started."""
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))
    tab = PlanTab(ctx, case.id)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    return tab


def test_tab_through_a_new_goal_keeps_every_field(qtbot: QtBot, ctx: AppContext) -> None:
    pupil = Pupil(first_name="Nina", last_name="Yılmaz", birth_date=date(2012, 3, 4))
    tab = started_plan(qtbot, ctx, pupil)
    qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
    view = tab.goals_view
    for text in ("Nina gaat drie ochtenden naar school", "Aanwezigheid volgens de mentor",
                 "Nina, moeder, mentor"):
        editor = editor_in(view, qtbot)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex().column() == 3)
    assert tab.plan is not None
    goal = plan_service.load_versions(ctx, tab.plan.case_id)[-1].goals[0]
    assert goal.description == "Nina gaat drie ochtenden naar school"
    assert goal.indicator == "Aanwezigheid volgens de mentor"
    assert goal.agreed_by == ("Nina", "moeder", "mentor")
