"""During or after an MDO: who was there, and per pupil the decisions, actions and escalation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.date_text import DateTextError, parse_date_text
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.mdo import Escalation, Mdo, MdoAction, MdoOutcome
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo, ErrorLabel, with_error


class OutcomeDialog(QDialog):
    def __init__(self, ctx: AppContext, mdo: Mdo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Uitkomst van het MDO vastleggen")
        self.resize(900, 720)
        self._ctx = ctx
        self.mdo = mdo
        names = mdo_service.pupil_names(ctx, mdo.case_ids)

        self.attendance = QListWidget()
        self.attendance.setMaximumHeight(150)
        for person in mdo.participants:
            entry = QListWidgetItem(f"{person.name} ({person.role_label})")
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if person.attended
                                else Qt.CheckState.Unchecked)
            self.attendance.addItem(entry)
        self.save_attendance = QPushButton("&Aanwezigheid opslaan")
        people = QGroupBox("Aanwezig (aangevinkt)")
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.attendance)
        people_layout.addWidget(self.save_attendance, 0, Qt.AlignmentFlag.AlignLeft)

        self.pupil = QComboBox()
        for case_id in mdo.case_ids:
            self.pupil.addItem(names.get(case_id, "Leerling"), case_id)
        self.status = QLabel()
        self.decisions = QPlainTextEdit()
        self.decisions.setPlaceholderText("Eén besluit per regel")
        self.action_table = QTableWidget(0, 3)
        self.action_table.setHorizontalHeaderLabels(["Wie", "Wat", "Wanneer"])
        when_header = QTableWidgetItem("Wanneer")
        when_header.setToolTip("Datum als dd-mm-jjjj")
        self.action_table.setHorizontalHeaderItem(2, when_header)
        self.action_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.action_table.setColumnWidth(0, 160)
        self.action_table.setColumnWidth(2, 110)
        self.action_table.setMinimumHeight(140)
        self.add_action = QPushButton("Actie &toevoegen")
        self.remove_action = QPushButton("Actie verwijderen")
        self.escalation = EnumCombo(Escalation, optional=True, empty_label="— geen —")
        self.escalation_note = QLineEdit()
        count_characters(LONG_TEXT, self.decisions, self.escalation_note)
        self.next_date = DateField(None, ctx.today(), key="next_mdo_date",
                                   empty_means="nog niet gepland")
        # When to check what the escalation brought: it becomes an action in the plan.
        self.escalation_follow_up = DateField(None, ctx.today(), key="escalation_follow_up",
                                              empty_means="geen")
        self.escalation_follow_up.setAccessibleName("Opvolging van de opschaling")
        self.error = ErrorLabel()
        self.save_outcome = QPushButton("Uitkomst &opslaan")
        close = QPushButton("&Sluiten")

        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action)
        action_buttons.addWidget(self.remove_action)
        action_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("&Leerling", self.pupil)
        form.addRow("", self.status)
        form.addRow("&Besluiten", self.decisions)
        form.addRow("Nieuwe acties", self.action_table)
        form.addRow("", action_buttons)
        form.addRow("Op&schaling", self.escalation)
        form.addRow("Toelichting opschaling", self.escalation_note)
        self.follow_up_error = ErrorLabel()
        form.addRow("Opvolging opschaling", with_error(self.escalation_follow_up,
                                                       self.follow_up_error))
        self.next_error = ErrorLabel()
        form.addRow("&Volgende bespreking", with_error(self.next_date, self.next_error))
        outcome = QGroupBox("Per leerling")
        outcome.setLayout(form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addStretch(1)  # normal-sized buttons on the right, also without a message
        bottom.addWidget(self.save_outcome)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(people)
        layout.addWidget(outcome, 1)
        layout.addLayout(bottom)

        self.save_attendance.clicked.connect(self.store_attendance)
        self.pupil.currentIndexChanged.connect(self.show_pupil)
        self.add_action.clicked.connect(lambda: self._add_action_row(None))
        self.remove_action.clicked.connect(
            lambda: self.action_table.removeRow(self.action_table.currentRow()))
        self.save_outcome.clicked.connect(self.store_outcome)
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+S"), self, self.store_outcome)
        self.show_pupil()

    def store_attendance(self) -> None:
        present = {
            self.attendance.item(i).data(Qt.ItemDataRole.UserRole):
                self.attendance.item(i).checkState() is Qt.CheckState.Checked
            for i in range(self.attendance.count())
        }
        mdo_service.record_attendance(self._ctx, self.mdo.id, present)
        self.mdo = mdo_service.load_mdo(self._ctx, self.mdo.id)
        self.error.show_message(None)

    def show_pupil(self) -> None:
        case_id = self.pupil.currentData()
        self.save_outcome.setEnabled(case_id is not None)
        if case_id is None:
            return
        item = self.mdo.item(case_id)
        outcome = item.outcome
        self.status.setText("Besproken" if item.discussed else "Nog niet besproken")
        self.decisions.setPlainText("\n".join(outcome.decisions))
        self.action_table.setRowCount(0)
        for action in outcome.new_actions:
            self._add_action_row(action)
        self.escalation.set_value(outcome.escalation)
        self.escalation_note.setText(outcome.escalation_note)
        self.next_date.set_value(outcome.next_mdo_date)
        self.escalation_follow_up.set_value(outcome.escalation_follow_up)
        self.error.show_message(None)

    def _add_action_row(self, action: MdoAction | None) -> None:
        row = self.action_table.rowCount()
        self.action_table.insertRow(row)
        who = QTableWidgetItem(action.who if action else "")
        who.setData(Qt.ItemDataRole.UserRole, action.id if action else None)
        self.action_table.setItem(row, 0, who)
        self.action_table.setItem(row, 1, QTableWidgetItem(action.what if action else ""))
        self.action_table.setItem(row, 2, QTableWidgetItem(format_date(action.due) if action
                                                      else ""))

    def _collect_actions(self) -> list[MdoAction]:
        result = []
        for row in range(self.action_table.rowCount()):
            cells = [self.action_table.item(row, c) or QTableWidgetItem() for c in range(3)]
            try:
                due = parse_date_text(cells[2].text())
            except DateTextError as exc:
                raise ValidationError({f"new_actions.{row}.due": (
                    f"Actie {row + 1}: {exc.message}")}) from None
            action = MdoAction(cells[0].text().strip(), cells[1].text().strip(), due)
            action_id = cells[0].data(Qt.ItemDataRole.UserRole)
            result.append(MdoAction(action.who, action.what, due, action_id)
                          if action_id else action)
        return result

    def store_outcome(self) -> None:
        case_id = self.pupil.currentData()
        if case_id is None:
            return
        try:
            outcome = MdoOutcome(
                decisions=[line.strip() for line in self.decisions.toPlainText().splitlines()
                           if line.strip()],
                new_actions=self._collect_actions(),
                escalation=self.escalation.value(),
                escalation_note=self.escalation_note.text().strip(),
                escalation_follow_up=self.escalation_follow_up.value(),
                next_mdo_date=self.next_date.value())
            self.mdo = mdo_service.record_outcome(self._ctx, self.mdo.id, case_id, outcome)
        except ValidationError as error:
            self.error.show_message(error.message)
            return
        self.show_pupil()
        self.status.setText("Besproken — opgeslagen; nieuwe acties staan in het plan.")
