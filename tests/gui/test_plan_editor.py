"""The plan editor as a consulent uses it: keyboard editing, hints, reorder, undo, versions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.plan import ActionStatus, GoalProgress, OwnerKind
from thuiszitter_desktop.domain.vocab import ProfessionalRole
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.plan_editor import PlanTab


@pytest.fixture
def case(ctx: AppContext) -> Case:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    registered = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                      aanmelding_date=date(2026, 11, 2)))
    cases.save_professional(ctx, InvolvedProfessional(
        case_id=registered.id, name="Sem de Vries", role=ProfessionalRole.MENTOR))
    return registered


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext, case: Case) -> PlanTab:
    widget = PlanTab(ctx, case.id)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.mouseClick(widget.start_button, Qt.MouseButton.LeftButton)
    return widget


def stored(ctx: AppContext, case: Case) -> list:  # type: ignore[type-arg]
    return plan_service.load_versions(ctx, case.id)


def type_into_open_editor(qtbot: QtBot, text: str) -> None:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    view = editor.parentWidget().parentWidget()
    assert isinstance(view, QAbstractItemView)
    editor.insert(text)  # QTest cannot type 'ë'; insert() is what typing does
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes its editor through a queued call.
    qtbot.waitUntil(lambda: view.state() is not QAbstractItemView.State.EditingState)


def hint_texts(tab: PlanTab) -> list[str]:
    return [tab.hints.item(i).text() for i in range(tab.hints.count())]


def add_goals(qtbot: QtBot, tab: PlanTab, *descriptions: str) -> None:
    for description in descriptions:
        qtbot.mouseClick(tab.add_goal_button, Qt.MouseButton.LeftButton)
        type_into_open_editor(qtbot, description)


def goal_names(tab: PlanTab) -> list[str]:
    assert tab.plan is not None
    return [g.description for g in tab.plan.goals]


def test_empty_case_offers_to_start_a_plan(qtbot: QtBot, ctx: AppContext, case: Case) -> None:
    widget = PlanTab(ctx, case.id)
    qtbot.addWidget(widget)
    assert widget.pages.currentIndex() == 0
    qtbot.mouseClick(widget.start_button, Qt.MouseButton.LeftButton)
    assert widget.pages.currentIndex() == 1
    assert widget.version_combo.currentText() == "Versie 1 van 23 november 2026 (nieuwste)"
    assert [p.version for p in stored(ctx, case)] == [1]


def test_typing_a_goal_saves_it_and_hints_guide_to_smart(
    qtbot: QtBot, ctx: AppContext, case: Case, tab: PlanTab
) -> None:
    add_goals(qtbot, tab, "Zoë gaat beter naar school")
    assert [g.description for g in stored(ctx, case)[-1].goals] == ["Zoë gaat beter naar school"]
    hints = " ".join(hint_texts(tab))
    assert "Doel 1" in hints and "‘beter’" in hints and "Wanneer moet het gelukt zijn" in hints

    model, view = tab.goals_model, tab.goals_view
    view.setFocus()
    view.setCurrentIndex(model.index(0, 5))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_open_editor(qtbot, "18-12-2026")
    assert stored(ctx, case)[-1].goals[0].deadline == date(2026, 12, 18)
    assert "Wanneer moet het gelukt zijn" not in " ".join(hint_texts(tab))
    # Doelen gesteld needs a measurable indicator too.
    assert cases.load_case(ctx, case.id).case.goals_set_date is None
    model.setData(model.index(0, 1), "3 van de 5 ochtenden")
    assert cases.load_case(ctx, case.id).case.goals_set_date == date(2026, 11, 23)


def test_a_wrong_date_is_explained_and_changes_nothing(qtbot: QtBot, tab: PlanTab) -> None:
    add_goals(qtbot, tab, "Naar school")
    before = tab.plan
    assert not tab.goals_model.setData(tab.goals_model.index(0, 5), "31 december")
    assert tab.plan == before
    assert "dd-mm-jjjj" in tab.error.text()


def test_reorder_with_keyboard_and_drag_and_undo(
    qtbot: QtBot, ctx: AppContext, case: Case, tab: PlanTab
) -> None:
    add_goals(qtbot, tab, "A", "B", "C")
    view, model = tab.goals_view, tab.goals_model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert goal_names(tab) == ["B", "A", "C"]
    assert view.currentIndex().row() == 1  # the moved goal stays selected

    # Drag "C" and drop it before "B" (row 0), as the view does on a drop.
    data = model.mimeData([model.index(2, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert goal_names(tab) == ["C", "B", "A"]
    assert [g.description for g in stored(ctx, case)[-1].goals] == ["C", "B", "A"]

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert goal_names(tab) == ["B", "A", "C"]
    assert [g.description for g in stored(ctx, case)[-1].goals] == ["B", "A", "C"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert goal_names(tab) == ["A", "B", "C"]
    qtbot.keyClick(view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert goal_names(tab) == ["B", "A", "C"]
    tab.undo_button.click()  # the move
    assert goal_names(tab) == ["A", "B", "C"]
    tab.undo_button.click()  # typing "C"
    assert goal_names(tab) == ["A", "B", ""]
    tab.undo_button.click()  # adding the third goal
    assert goal_names(tab) == ["A", "B"]


def test_actions_who_what_when_status_and_moves(
    qtbot: QtBot, ctx: AppContext, case: Case, tab: PlanTab
) -> None:
    add_goals(qtbot, tab, "Eerste doel", "Tweede doel")
    tab.goals_view.setCurrentIndex(tab.goals_model.index(0, 0))
    actions = tab.actions_model
    for what in ("Rooster maken", "Wekker zetten"):
        qtbot.mouseClick(tab.add_action_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        row = actions.rowCount() - 1
        actions.setData(actions.index(row, 2), what)
    actions.setData(actions.index(0, 0), "Sem de Vries")
    actions.setData(actions.index(0, 3), "1-12-2026")
    actions.setData(actions.index(0, 4), ActionStatus.GEDAAN.name)
    actions.setData(actions.index(1, 0), "Zoë Çelik-d'Hondt")
    first, second = stored(ctx, case)[-1].goals[0].actions
    assert first.owner is not None and first.owner.kind is OwnerKind.PROFESSIONAL
    assert first.owner.person_id  # linked to the involved professional
    assert (first.what, first.due, first.status, first.done_on) == (
        "Rooster maken", date(2026, 12, 1), ActionStatus.GEDAAN, date(2026, 11, 23))
    assert second.owner is not None and second.owner.kind is OwnerKind.PUPIL

    tab.actions_view.setFocus()
    tab.actions_view.setCurrentIndex(actions.index(1, 2))
    qtbot.keyClick(tab.actions_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [a.what for a in actions.items()] == ["Wekker zetten", "Rooster maken"]

    # Dropping an action on the second goal moves it there.
    goals = tab.goals_model
    data = actions.mimeData([actions.index(0, 0)])
    goals.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, goals.index(1, 0))
    plan = stored(ctx, case)[-1]
    assert [a.what for a in plan.goals[0].actions] == ["Rooster maken"]
    assert [a.what for a in plan.goals[1].actions] == ["Wekker zetten"]


def test_evaluation_and_new_version_keep_the_old_one_read_only(
    qtbot: QtBot, ctx: AppContext, case: Case, tab: PlanTab
) -> None:
    add_goals(qtbot, tab, "Naar school")
    assert tab.plan is not None
    goal_id = tab.plan.goals[0].id
    tab.record_evaluation(date(2026, 11, 23), {goal_id: (GoalProgress.DEELS, "Gaat goed")},
                          then_revise=True)
    versions = stored(ctx, case)
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].goals[0].progress[0].text == "Gaat goed"
    assert tab.version_combo.currentText().startswith("Versie 2 van 23 november 2026")
    assert not tab.undo_button.isEnabled()  # undo works within one version

    tab.goals_model.setData(tab.goals_model.index(0, 0), "Elke ochtend naar school")
    tab.version_combo.setCurrentIndex(0)
    assert tab.read_only and tab.version_state.text() == "Oudere versie — alleen lezen"
    assert goal_names(tab) == ["Naar school"]
    assert not tab.add_goal_button.isEnabled()
    assert not tab.goals_model.flags(tab.goals_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not tab.goals_model.setData(tab.goals_model.index(0, 0), "Toch wijzigen")
    assert stored(ctx, case)[0].goals[0].description == "Naar school"
    tab.version_combo.setCurrentIndex(1)
    assert goal_names(tab) == ["Elke ochtend naar school"]


def test_plan_fields_are_saved_when_leaving_them(
    qtbot: QtBot, ctx: AppContext, case: Case, tab: PlanTab
) -> None:
    tab.shared_goal.setFocus()
    tab.shared_goal.insert("Zoë gaat weer naar school")
    qtbot.keyClick(tab.shared_goal, Qt.Key.Key_Tab)
    tab.casusverantwoordelijke.setFocus()
    qtbot.keyClicks(tab.casusverantwoordelijke, "Sem de Vries")
    qtbot.keyClick(tab.casusverantwoordelijke, Qt.Key.Key_Return)
    tab.evaluation_date.set_value(date(2027, 1, 15))
    tab.add_evaluation.click()
    plan = stored(ctx, case)[-1]
    assert (plan.shared_goal, plan.casusverantwoordelijke, plan.evaluation_dates) == (
        "Zoë gaat weer naar school", "Sem de Vries", (date(2027, 1, 15),))
    assert cases.load_case(ctx, case.id).case.casusverantwoordelijke == "Sem de Vries"
    assert not any("evaluatiedatum" in text for text in hint_texts(tab))


def test_case_window_has_a_plan_tab(qtbot: QtBot, ctx: AppContext, case: Case) -> None:
    detail = cases.load_case(ctx, case.id)
    window = CaseWindow(ctx, detail.pupil, detail.case, is_new=False)
    qtbot.addWidget(window)
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Plan van aanpak" in labels


