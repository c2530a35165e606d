"""The Nazorg tab: follow-up moments after closing (3, 6, 12 months, and at a transition),
with what each found."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind, FollowUpOutcome
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.services import follow_up
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import fill_table, list_table
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumCombo,
    ErrorLabel,
    clear_when_edited,
    save_cancel_buttons,
)

TRANSITIONS = (FollowUpKind.OVERGANG_PO_VO, FollowUpKind.OVERGANG_VO_VERVOLG)


class OutcomeDialog(QDialog):
    def __init__(self, ctx: AppContext, item: FollowUp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{item.kind.label}: hoe gaat het?")
        self._ctx, self._item = ctx, item
        self.on = DateField(ctx.today(), ctx.today(), key="on",
                            required="Vul de datum van de nazorg in.")
        self.on.setAccessibleName("Datum van de nazorg")
        self.outcome = EnumCombo(FollowUpOutcome)
        self.outcome.setAccessibleName("Uitkomst")
        self.note = QLineEdit()
        self.note.setAccessibleName("Notitie")
        count_characters(LONG_TEXT, self.note)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow("Datum", self.on)
        clear_when_edited(self.on, self.error)  # a wrong date says so at once
        form.addRow("Hoe gaat het?", self.outcome)
        form.addRow("Notitie", self.note)
        hint = QLabel("Is de leerling weer (deels) thuis? Heropen dan ook de casus.")
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self._save, self.reject))

    def _save(self) -> None:
        try:
            follow_up.record_outcome(self._ctx, self._item, self.on.day(),
                                     self.outcome.member(), self.note.text())
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.accept()


class TransitionDialog(QDialog):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Overgang plannen")
        self._ctx, self._case_id = ctx, case_id
        self.kind = EnumCombo(FollowUpKind)
        for kind in FollowUpKind:
            if kind not in TRANSITIONS:
                self.kind.removeItem(self.kind.findData(kind.name))
        self.kind.setAccessibleName("Soort overgang")
        self.starts = DateField(ctx.today(), ctx.today(), key="starts",
                                required="Vul in wanneer de nieuwe school begint.")
        self.starts.setAccessibleName("Start op de nieuwe school")
        self.error = ErrorLabel()
        form = QFormLayout(self)
        intro = QLabel("Overgangen naar een ander onderwijstype zijn kwetsbaar. Een maand na de "
                       "start op de nieuwe school vraagt u hoe het gaat.")
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow("Overgang", self.kind)
        form.addRow("Start nieuwe school", self.starts)
        clear_when_edited(self.starts, self.error)
        form.addRow(self.error)
        form.addRow(save_cancel_buttons(self._save, self.reject))

    def _save(self) -> None:
        try:
            follow_up.add_transition(self._ctx, self._case_id, self.kind.member(),
                                     self.starts.day())
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        self.accept()


class FollowUpTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._case_id = ctx, case_id
        self._items: list[FollowUp] = []
        intro = QLabel("Tot een jaar na het afsluiten kijken we hoe het gaat: na 3, 6 en 12 "
                       "maanden, en rond een overgang (po naar vo, vo naar vervolgopleiding).")
        intro.setWordWrap(True)
        self.table = list_table(["Moment", "Datum", "Gedaan op", "Hoe gaat het?", "Notitie"],
                                stretch_column=4)
        self.table.setAccessibleName("Nazorgmomenten")
        self.empty = QLabel("Nog geen nazorgmomenten. Die komen er bij het afsluiten, als de "
                            "leerling weer naar school gaat of een passend aanbod heeft.")
        self.empty.setWordWrap(True)
        self.record_button = QPushButton("&Uitkomst vastleggen…")
        self.transition_button = QPushButton("&Overgang plannen…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.transition_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.record_button.clicked.connect(self.record_current)
        self.transition_button.clicked.connect(self.plan_transition)
        self.reload()

    def reload(self) -> None:
        self._items = follow_up.list_for_case(self._ctx, self._case_id)
        fill_table(self.table, [
            [i.kind.label, format_date(i.due), format_date(i.done_on),
             i.outcome.label if i.outcome else "", i.note] for i in self._items])
        self.empty.setVisible(not self._items)
        self.record_button.setEnabled(any(not i.done for i in self._items))

    def record_current(self) -> None:
        row = self.table.currentRow()
        open_items = [i for i in self._items if not i.done]
        item = self._items[row] if 0 <= row < len(self._items) else (
            open_items[0] if open_items else None)
        if item is None or item.done:
            return
        if OutcomeDialog(self._ctx, item, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def plan_transition(self) -> None:
        if TransitionDialog(self._ctx, self._case_id, self).exec() == (
                QDialog.DialogCode.Accepted):
            self.reload()
            self.changed.emit()
