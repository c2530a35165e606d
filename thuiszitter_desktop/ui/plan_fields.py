"""The plan-level fields of a plan van aanpak: shared goal, regie, evaluation dates, analysis.

The form shows a plan and reports each edit as ``edited(description, changes)``, where
``changes`` are keyword arguments for ``domain.plan_edit.update_plan``; the plan tab turns
them into an undoable step.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.flow_layout import flow_row
from thuiszitter_desktop.ui.plan_table import CommitTextEdit, text_lines
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo, ErrorLabel, with_error


class PlanFields(QScrollArea):
    edited = Signal(str, dict)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dates: tuple[date, ...] = ()
        self.shared_goal = QLineEdit()
        self.shared_goal.setPlaceholderText(
            "Bijv. Sarah gaat vanaf 1 maart drie ochtenden per week naar school")
        self.regie = EnumCombo(Regie)
        self.regie_holder = QLineEdit()
        self.regie_holder.setPlaceholderText("Bijv. de naam van de school (mag leeg)")
        self.casusverantwoordelijke = QLineEdit()
        count_characters(SHORT_TEXT, self.regie_holder, self.casusverantwoordelijke)
        count_characters(LONG_TEXT, self.shared_goal)
        self.evaluations = QListWidget()
        self.evaluations.setMaximumHeight(70)
        self.evaluation_date = DateField(today, today, key="evaluation_date",
                                         required="Vul de evaluatiedatum in.")
        self.evaluation_error = ErrorLabel()
        self.evaluation_date.setAccessibleName("Nieuwe evaluatiedatum")
        self.add_evaluation = QPushButton("Datum toevoegen")
        self.remove_evaluation = QPushButton("Datum verwijderen")
        # Wraps at 200 %: beside each other the three were wider than the plan's column.
        dates = flow_row(with_error(self.evaluation_date, self.evaluation_error),
                         self.add_evaluation, self.remove_evaluation)
        self.risk = CommitTextEdit()
        self.protective = CommitTextEdit()
        self.voice = CommitTextEdit()
        count_characters(LONG_TEXT, self.risk, self.protective, self.voice)
        for edit, hint in ((self.risk, "Eén per regel"), (self.protective, "Eén per regel"),
                           (self.voice, "Wat zegt de leerling zelf? Wat heeft hij of zij nodig?")):
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow("Gezamenlijk doel", self.shared_goal)
        form.addRow("Regie bij", self.regie)
        form.addRow("Wie precies", self.regie_holder)
        form.addRow("Casusverantwoordelijke", self.casusverantwoordelijke)
        form.addRow("Evaluatiedata", self.evaluations)
        form.addRow("", dates)
        form.addRow("Risicofactoren", self.risk)
        form.addRow("Beschermende factoren", self.protective)
        form.addRow("Stem van de leerling", self.voice)
        self.setWidget(form_widget)
        self.setWidgetResizable(True)
        self._connect()

    def _connect(self) -> None:
        def report(description: str, **changes: object) -> None:
            self.edited.emit(description, changes)

        self.shared_goal.editingFinished.connect(
            lambda: report("Gezamenlijk doel", shared_goal=self.shared_goal.text()))
        self.regie_holder.editingFinished.connect(
            lambda: report("Regie", regie_holder=self.regie_holder.text()))
        self.casusverantwoordelijke.editingFinished.connect(
            lambda: report("Casusverantwoordelijke",
                           casusverantwoordelijke=self.casusverantwoordelijke.text()))
        self.regie.currentIndexChanged.connect(
            lambda: report("Regie", regie=self.regie.value()))
        self.risk.committed.connect(
            lambda: report("Analyse", risk_factors=text_lines(self.risk)))
        self.protective.committed.connect(
            lambda: report("Analyse", protective_factors=text_lines(self.protective)))
        self.voice.committed.connect(
            lambda: report("Stem van de leerling", pupil_voice=self.voice.toPlainText().strip()))
        self.add_evaluation.clicked.connect(self._add_evaluation)
        self.remove_evaluation.clicked.connect(self._remove_evaluation)

    def _add_evaluation(self) -> None:
        try:
            day = self.evaluation_date.day()
        except ValidationError:
            return  # the field says what is wrong
        self.edited.emit("Evaluatiedatum toevoegen",
                         {"evaluation_dates": tuple(sorted({*self._dates, day}))})

    def _remove_evaluation(self) -> None:
        row = self.evaluations.currentRow()
        if row < 0:
            return
        days = list(self._dates)
        del days[row]
        self.edited.emit("Evaluatiedatum verwijderen", {"evaluation_dates": tuple(days)})

    def show_plan(self, plan: PlanVanAanpak, read_only: bool) -> None:
        self._dates = tuple(sorted(plan.evaluation_dates))
        self.shared_goal.setText(plan.shared_goal)
        self.regie.set_value(plan.regie)
        self.regie_holder.setText(plan.regie_holder)
        self.casusverantwoordelijke.setText(plan.casusverantwoordelijke)
        self.evaluations.clear()
        for day in self._dates:
            self.evaluations.addItem(format_date(day))
        self.risk.setPlainText("\n".join(plan.risk_factors))
        self.protective.setPlainText("\n".join(plan.protective_factors))
        self.voice.setPlainText(plan.pupil_voice)
        for widget in (self.shared_goal, self.regie_holder, self.casusverantwoordelijke,
                       self.risk, self.protective, self.voice):
            widget.setReadOnly(read_only)
        self.regie.setEnabled(not read_only)
