"""The 'Plan van aanpak' tab of the case window: edit, reorder, undo, evaluate, print.

Every change is a new plan object put on a ``QUndoStack`` (before/after), and the newest version
is saved right away, so nothing is lost when the window closes. Older versions are shown
read-only. SMART hints are listed beside the plan and lead to the goal or action they are about.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.plan import (
    ActionStatus,
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    record_progress,
    version_text,
)
from thuiszitter_desktop.domain.plan_clock import validate_plan
from thuiszitter_desktop.domain.plan_edit import (
    add_action,
    add_goal,
    move_action,
    move_goal,
    remove_action,
    remove_goal,
    update_plan,
)
from thuiszitter_desktop.services import access_log, consent
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.cell_limits import LimitedTextDelegate
from thuiszitter_desktop.ui.plan_dialogs import EvaluationDialog, PrintDialog
from thuiszitter_desktop.ui.plan_fields import PlanFields
from thuiszitter_desktop.ui.plan_hints import SmartHintsBox
from thuiszitter_desktop.ui.plan_models import (
    REALISTIC_CHOICES,
    ActionsModel,
    ChoiceDelegate,
    GoalsModel,
    PersonDelegate,
)
from thuiszitter_desktop.ui.plan_table import plan_table
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.widgets import ConsentGate, ErrorLabel

SIDE_MARGINS = 48  # the page's and the group boxes' margins around the goals table


class PlanCommand(QUndoCommand):
    """One edit: remembers the plan before and after."""

    def __init__(self, tab: PlanTab, before: PlanVanAanpak, after: PlanVanAanpak,
                 text: str) -> None:
        super().__init__(text)
        self._tab, self._before, self._after = tab, before, after

    def redo(self) -> None:
        self._tab.show_plan(self._after)

    def undo(self) -> None:
        self._tab.show_plan(self._before)


class PlanTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None, *,
                 pupil_name: str = "") -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._pupil_name = " ".join(pupil_name.split())  # for the saved file's name
        self._versions = plan_service.load_versions(ctx, case_id)
        self._plan: PlanVanAanpak | None = self._versions[-1] if self._versions else None
        self._viewing = len(self._versions) - 1
        self._loading = False
        self.undo_stack = QUndoStack(self)
        self.goals_model = GoalsModel(self)
        self.actions_model = ActionsModel(self)

        # Without leerplicht's consent no plan (seed 000: "doet de leerrechtorganisatie niets").
        self.gate = ConsentGate("het plan van aanpak")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._empty_page())
        self.pages.addWidget(self._editor_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.gate)
        layout.addWidget(self.pages)
        self.refresh_gate()
        self._refresh_all()

    def refresh_gate(self) -> None:
        """Show why the plan waits for consent (and how to record it), from the service."""
        reasons = consent.gaps(self._ctx, self._case_id, Step.PLAN)
        self.gate.show_reasons(reasons)
        self.start_button.setEnabled(not reasons)

    # -- PlanSource ----------------------------------------------------------------------
    @property
    def plan(self) -> PlanVanAanpak | None:
        if self._plan is None:
            return None
        return self._plan if not self.read_only else self._versions[self._viewing]

    @property
    def read_only(self) -> bool:
        return self._viewing != len(self._versions) - 1

    def today(self) -> date:
        return self._ctx.today()

    def people(self) -> list[Owner]:
        return plan_service.plan_people(self._ctx, self._case_id)

    def show_problem(self, message: str) -> None:
        self.error.show_message(message)

    def apply(self, plan: PlanVanAanpak, description: str) -> bool:
        """Check and record an edit as an undoable step (saved immediately)."""
        if self._plan is None or self.read_only or plan == self._plan:
            return False
        try:
            validate_plan(plan, self.today())
        except ValidationError as exc:
            self.show_problem(exc.message)
            return False
        self.undo_stack.push(PlanCommand(self, self._plan, plan, description))
        return True

    def show_plan(self, plan: PlanVanAanpak) -> None:
        """Make ``plan`` current and save it; called by undo commands."""
        try:
            plan_service.save_plan(self._ctx, plan)
        except UserError as exc:
            self.show_problem("Niet bewaard: " + exc.message)
        else:
            self.error.show_message(None)
        self._plan = plan
        self._versions[-1] = plan
        self._refresh_all()

    # -- building ------------------------------------------------------------------------
    def _empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        text = QLabel("Er is nog geen plan van aanpak. Maak het samen met de leerling, de "
                      "ouders en de school: wie doet wat, en wanneer?")
        text.setWordWrap(True)
        self.start_button = QPushButton("Plan van aanpak &starten")
        self.start_button.clicked.connect(self.start_plan)
        layout.addWidget(text)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _editor_page(self) -> QWidget:
        self.version_combo = QComboBox()
        self.version_combo.setAccessibleName("Versie")
        self.version_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.version_state = QLabel()
        self.undo_button = QPushButton("Ongedaan maken")
        self.redo_button = QPushButton("Opnieuw")
        self.evaluate_button = QPushButton("&Evaluatie vastleggen…")
        self.revise_button = QPushButton("&Nieuwe versie")
        self.print_button = QPushButton("Af&drukken of PDF…")
        self.error = ErrorLabel()
        version_row = QHBoxLayout()
        version_row.addWidget(QLabel("Versie:"))
        version_row.addWidget(self.version_combo)
        version_row.addWidget(self.version_state, 1)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        for button in (self.undo_button, self.redo_button, self.evaluate_button,
                       self.revise_button, self.print_button):
            button_row.addWidget(button)
        # One row when there is room; at 200 % the buttons go below the version, so the case
        # window does not scroll sideways for this tab.
        bar = ReflowColumns([version_row, button_row])

        self.hints_box = SmartHintsBox()
        self.hints = self.hints_box.hints

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self._plan_form())
        left.addWidget(self._goals_box())
        left.addWidget(self._actions_box())
        self.main_splitter = main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.hints_box)
        main.setStretchFactor(0, 4)
        main.setStretchFactor(1, 1)
        main.setChildrenCollapsible(False)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(bar)
        layout.addWidget(self.error)
        layout.addWidget(main, 1)
        self._connect()
        return page

    def _plan_form(self) -> QWidget:
        self.fields = PlanFields(self._ctx.today())
        # The fields tests and hints reach directly.
        self.shared_goal = self.fields.shared_goal
        self.casusverantwoordelijke = self.fields.casusverantwoordelijke
        self.evaluation_date = self.fields.evaluation_date
        self.add_evaluation = self.fields.add_evaluation
        self.remove_evaluation = self.fields.remove_evaluation
        return self.fields

    def _goals_box(self) -> QGroupBox:
        # Everything but the choice and the date wraps: at 200 % the names share the room too.
        self.goals_view, self.goals_fit = plan_table(self.goals_model, (0, 0, 0, 80, 0, 90),
                                                     stretch={0: 3, 1: 3, 2: 2, 4: 2})
        self.goals_view.setItemDelegateForColumn(3, ChoiceDelegate(REALISTIC_CHOICES, self))
        for column, what in ((0, "het doel"), (1, "de meting"), (4, "de toelichting")):
            self.goals_view.setItemDelegateForColumn(
                column, LimitedTextDelegate(LONG_TEXT, what, self.show_problem, self))
        self.add_goal_button = QPushButton("&Doel toevoegen")
        self.remove_goal_button = QPushButton("Doel verwijderen")
        return self._box("Doelen (slepen of Alt+↑/↓ om de volgorde te wijzigen)",
                         self.goals_view, self.add_goal_button, self.remove_goal_button)

    def _actions_box(self) -> QGroupBox:
        self.actions_view, self.actions_fit = plan_table(
            self.actions_model, (0, 100, 0, 90, 90, 90), stretch={0: 1, 2: 3})
        self.actions_view.setItemDelegateForColumn(0, PersonDelegate(self, self))
        self.actions_view.setItemDelegateForColumn(1, ChoiceDelegate(OwnerKind.choices(), self))
        self.actions_view.setItemDelegateForColumn(
            2, LimitedTextDelegate(LONG_TEXT, "de actie", self.show_problem, self))
        self.actions_view.setItemDelegateForColumn(4, ChoiceDelegate(ActionStatus.choices(),
                                                                     self))
        self.add_action_button = QPushButton("&Actie toevoegen")
        self.remove_action_button = QPushButton("Actie verwijderen")
        self.actions_box = self._box("Wie doet wat, wanneer — bij het gekozen doel",
                                     self.actions_view, self.add_action_button,
                                     self.remove_action_button)
        return self.actions_box

    @staticmethod
    def _box(title: str, view: QTableView, add: QPushButton, remove: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(view)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _connect(self) -> None:
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self._update_buttons)
        self.undo_stack.canRedoChanged.connect(self._update_buttons)
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo_stack.undo),
                           (QKeySequence.StandardKey.Redo, self.undo_stack.redo)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.version_combo.currentIndexChanged.connect(self._choose_version)
        self.evaluate_button.clicked.connect(self.evaluate)
        self.revise_button.clicked.connect(self.new_version)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.fields.edited.connect(lambda description, changes: self._edit_plan(
            description, **changes))
        self.add_goal_button.clicked.connect(self.add_goal)
        self.remove_goal_button.clicked.connect(self.remove_goal)
        self.add_action_button.clicked.connect(self.add_action)
        self.remove_action_button.clicked.connect(self.remove_action)
        selection = self.goals_view.selectionModel()
        selection.currentRowChanged.connect(lambda *_: self._goal_selected())
        self.hints_box.target_chosen.connect(self._go_to)
        for view, move in ((self.goals_view, self.move_goal), (self.actions_view,
                                                                self.move_action)):
            for sequence, step in (("Alt+Up", -1), ("Alt+Down", 1)):
                shortcut = QShortcut(QKeySequence(sequence), view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda m=move, s=step: m(s))
        for view, remove in ((self.goals_view, self.remove_goal),
                             (self.actions_view, self.remove_action)):
            shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(remove)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        """The tips beside the tables when both fit, else below them (at 200 %): the goal
        columns keep a readable width instead of sharing a third of the window with tips."""
        main = self.main_splitter
        beside = (self.goals_fit.minimum_width() + self.hints_box.minimumSizeHint().width()
                  + main.handleWidth() + SIDE_MARGINS)
        wanted = Qt.Orientation.Horizontal if width >= beside else Qt.Orientation.Vertical
        if main.orientation() != wanted:
            main.setOrientation(wanted)
            if wanted is Qt.Orientation.Horizontal:
                main.setSizes([width * 4 // 5, width // 5])
            else:  # the tables get the room, the tips a few lines (the splitter gives more)
                tips = self.fontMetrics().lineSpacing() * 6
                main.setSizes([max(1, main.height() - tips), tips])

    # -- showing -------------------------------------------------------------------------
    def _refresh_all(self) -> None:
        plan = self.plan
        self.pages.setCurrentIndex(0 if plan is None else 1)
        if plan is None:
            return
        self._loading = True
        try:
            self.version_combo.clear()
            for index, version in enumerate(self._versions):
                newest = " (nieuwste)" if index == len(self._versions) - 1 else ""
                self.version_combo.addItem(version_text(version) + newest)
            self.version_combo.setCurrentIndex(self._viewing)
            self.version_state.setText(
                "Oudere versie — alleen lezen" if self.read_only
                else "Wijzigingen worden meteen bewaard")
            self.fields.show_plan(plan, self.read_only)
            goal_id = self.actions_model.goal_id
            self.goals_model.refresh()
            self._select_goal(goal_id)
            self.actions_model.refresh()
            self.goals_view.resizeRowsToContents()
            self.actions_view.resizeRowsToContents()
            self.hints_box.show_hints(plan)
            self._update_buttons()
        finally:
            self._loading = False

    def _update_buttons(self) -> None:
        editable = self._plan is not None and not self.read_only
        has_goal = self.actions_model.goal_id is not None
        self.undo_button.setEnabled(editable and self.undo_stack.canUndo())
        self.redo_button.setEnabled(editable and self.undo_stack.canRedo())
        self.undo_button.setToolTip(self.undo_stack.undoText())
        for button in (self.add_goal_button, self.evaluate_button, self.revise_button,
                       self.add_evaluation, self.remove_evaluation):
            button.setEnabled(editable)
        self.remove_goal_button.setEnabled(editable and has_goal)
        self.add_action_button.setEnabled(editable and has_goal)
        self.remove_action_button.setEnabled(editable and self.actions_model.rowCount() > 0)

    def _select_goal(self, goal_id: str | None) -> None:
        plan = self.plan
        goals = plan.goals if plan else ()
        row = next((i for i, g in enumerate(goals) if g.id == goal_id), 0 if goals else -1)
        if row < 0:
            self.actions_model.set_goal(None)
            return
        # Keep the current cell when its row is already the goal's: a save after each cell
        # edit refreshes the tables, and moving the cursor back to column 0 made Tab reopen
        # the same cell, so the next value overwrote it.
        if self.goals_view.currentIndex().row() != row:
            self.goals_view.selectionModel().setCurrentIndex(
                self.goals_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        if self.actions_model.goal_id != goals[row].id:
            self.actions_model.set_goal(goals[row].id)

    def _goal_selected(self) -> None:
        plan = self.plan
        row = self.goals_view.currentIndex().row()
        goal_id = plan.goals[row].id if plan and 0 <= row < len(plan.goals) else None
        if goal_id != self.actions_model.goal_id:
            self.actions_model.set_goal(goal_id)
            self.actions_view.resizeRowsToContents()
        self._update_buttons()

    def _choose_version(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self._viewing = index
        version = self._versions[index]
        access_log.record_view(self._ctx, "planversie", version.id, version.case_id,
                               f"versie {version.version}")
        self._refresh_all()

    def _go_to(self, goal_id: str | None, action_id: str | None) -> None:
        """Focus what a SMART tip is about: the shared goal, a goal, or one of its actions."""
        if goal_id is None:
            self.shared_goal.setFocus()
            return
        self._select_goal(goal_id)
        self.goals_view.setFocus()
        if action_id is not None:
            row = next(i for i, a in enumerate(self.actions_model.items()) if a.id == action_id)
            self.actions_view.setCurrentIndex(self.actions_model.index(row, 0))
            self.actions_view.setFocus()

    # -- actions -------------------------------------------------------------------------
    def _edit_plan(self, description: str, **changes: object) -> None:
        if self._loading or self._plan is None:
            return
        self.apply(update_plan(self._plan, **changes), description)

    def start_plan(self) -> None:
        try:
            plan = plan_service.start_plan(self._ctx, self._case_id)
        except UserError:  # consent missing (or withdrawn meanwhile): the gate says why
            self.refresh_gate()
            return
        self._versions = [plan]
        self._plan = plan
        self._viewing = 0
        self._refresh_all()
        self.shared_goal.setFocus()

    def add_goal(self) -> None:
        if self._plan is not None and self.apply(add_goal(self._plan), "Doel toevoegen"):
            self._select_goal(self._plan.goals[-1].id)
            self.goals_view.setFocus()
            self.goals_view.edit(self.goals_view.currentIndex())

    def remove_goal(self) -> None:
        goal_id = self.actions_model.goal_id
        if self._plan is not None and goal_id is not None:
            self.apply(remove_goal(self._plan, goal_id), "Doel verwijderen")

    def move_goal(self, step: int) -> None:
        goal_id = self.actions_model.goal_id
        if self._plan is None or goal_id is None:
            return
        row = next(i for i, g in enumerate(self._plan.goals) if g.id == goal_id)
        if 0 <= row + step < len(self._plan.goals):
            self.apply(move_goal(self._plan, goal_id, row + step), "Doel verplaatsen")
            self._select_goal(goal_id)

    def add_action(self) -> None:
        goal_id = self.actions_model.goal_id
        if self._plan is None or goal_id is None:
            return
        if self.apply(add_action(self._plan, goal_id), "Actie toevoegen"):
            last = self.actions_model.rowCount() - 1
            self.actions_view.setFocus()
            self.actions_view.setCurrentIndex(self.actions_model.index(last, 0))
            self.actions_view.edit(self.actions_view.currentIndex())

    def remove_action(self) -> None:
        row = self.actions_view.currentIndex().row()
        actions = self.actions_model.items()
        if self._plan is not None and 0 <= row < len(actions):
            self.apply(remove_action(self._plan, actions[row].id), "Actie verwijderen")

    def move_action(self, step: int) -> None:
        index = self.actions_view.currentIndex()
        actions = self.actions_model.items()
        row = index.row()
        if self._plan is None or not 0 <= row < len(actions):
            return
        if 0 <= row + step < len(actions):
            self.apply(move_action(self._plan, actions[row].id, row + step), "Actie verplaatsen")
            self.actions_view.setCurrentIndex(self.actions_model.index(row + step,
                                                                       index.column()))

    def evaluate(self) -> None:
        if self._plan is None or self.read_only:
            return
        dialog = EvaluationDialog(self._plan, self.today(), self)
        if dialog.exec() != EvaluationDialog.DialogCode.Accepted:
            return
        self.record_evaluation(dialog.on.day(), dialog.notes(), dialog.revise.isChecked())

    def record_evaluation(self, on: date, notes: Mapping[str, tuple[GoalProgress, str]],
                          then_revise: bool) -> None:
        if self._plan is None or self.read_only:
            return
        self.apply(record_progress(self._plan, on, notes), "Evaluatie vastleggen")
        if then_revise:
            self.new_version()

    def new_version(self) -> None:
        if self._plan is None or self.read_only:
            return
        try:
            new = plan_service.revise_plan(self._ctx, self._plan)
        except UserError as exc:
            self.show_problem(exc.message)
            return
        self._versions = plan_service.load_versions(self._ctx, self._case_id)
        self._plan = new
        self._viewing = len(self._versions) - 1
        self.undo_stack.clear()  # undo works within one version
        self._refresh_all()

    def open_print_dialog(self) -> None:
        if self.plan is not None:
            PrintDialog(self._ctx, self.plan, self, pupil_name=self._pupil_name).exec()
