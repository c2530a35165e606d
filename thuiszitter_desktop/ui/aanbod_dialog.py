"""Record a passend aanbod as a checked decision: the five criteria, who agreed and when,
the parents' view, or a voorlopig aanbod. What it still lacks is shown while typing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
)
from thuiszitter_desktop.services import passend_aanbod
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumCombo,
    ErrorLabel,
    field_row,
    save_cancel_buttons,
    save_showing_errors,
)
from thuiszitter_desktop.ui.window_fit import available_area


class AanbodDialog(QDialog):
    def __init__(self, ctx: AppContext, offer: PassendAanbod,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Passend aanbod vastleggen")
        self._ctx, self._offer = ctx, offer
        today = ctx.today()
        self.start = DateField(offer.start, today, key="start",
                               required="Vul de startdatum van het aanbod in.")
        self.start.setAccessibleName("Startdatum van het aanbod")
        self.description = QLineEdit(offer.description)
        self.description.setPlaceholderText("Bijv. maatwerkrooster 3 ochtenden en dagbesteding")
        self.description.setAccessibleName("Omschrijving van het aanbod")
        self.education = QCheckBox("Onderwijsdeel")
        self.education.setChecked(offer.education_part)
        self.care = QCheckBox("Zorgdeel")
        self.care.setChecked(offer.care_part)
        self.criteria = {c: QCheckBox(c.label) for c in AanbodCriterion}
        for criterion, check in self.criteria.items():
            check.setChecked(criterion in offer.criteria and not offer.unchecked)
        self.agreed: dict[AanbodParty, tuple[QCheckBox, DateField]] = {}
        for party in AanbodParty:
            check = QCheckBox(party.label)
            day = DateField(offer.agreed.get(party, today), today, key=f"agreed.{party.name}",
                            required=f"Vul in wanneer {party.label.lower()} instemde.")
            day.setAccessibleName(f"Datum instemming {party.label.lower()}")
            check.setChecked(party in offer.agreed)
            day.setEnabled(check.isChecked())
            check.toggled.connect(day.setEnabled)
            self.agreed[party] = (check, day)
        self.parent_view = EnumCombo(ParentView)
        self.parent_view.set_value(offer.parent_view)
        self.parent_view.setAccessibleName("Mening van de ouders")
        self.parent_note = QLineEdit(offer.parent_view_note)
        self.parent_note.setAccessibleName("Toelichting van de ouders")
        self.voorlopig = QCheckBox("Voorlopig aanbod (de termijn van drie maanden loopt door)")
        self.voorlopig.setChecked(offer.voorlopig)
        count_characters(LONG_TEXT, self.description, self.parent_note)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.summary = ErrorLabel()

        parts = QHBoxLayout()
        parts.addWidget(self.education)
        parts.addWidget(self.care)
        parts.addStretch(1)
        parts_box = QWidget()
        parts_box.setLayout(parts)
        top = QFormLayout()
        self.errors = {"start": field_row(top, "Start", self.start),
                       "description": field_row(top, "Wat is het aanbod *", self.description)}
        top.addRow("Bevat", parts_box)
        criteria_box = QGroupBox("Voldoet het aanbod aan de vijf criteria?")
        criteria_layout = QVBoxLayout(criteria_box)
        for check in self.criteria.values():
            criteria_layout.addWidget(check)
        agreed_box = QGroupBox("Wie vindt het aanbod passend? (de mening van de ouders is "
                               "doorslaggevend)")
        grid = QGridLayout(agreed_box)
        for row, (check, day) in enumerate(self.agreed.values()):
            grid.addWidget(check, row // 2, (row % 2) * 2)
            grid.addWidget(day, row // 2, (row % 2) * 2 + 1)
        parents = QFormLayout()
        parents.addRow("Mening van de ouders", self.parent_view)
        parents.addRow("Toelichting", self.parent_note)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(top)
        column.addWidget(criteria_box)
        column.addWidget(agreed_box)
        column.addLayout(parents)
        column.addWidget(self.voorlopig)
        column.addWidget(self.status)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(save_cancel_buttons(self._save, self.reject))

        for check in (self.education, self.care, self.voorlopig, *self.criteria.values(),
                      *(c for c, _ in self.agreed.values())):
            check.toggled.connect(self._show_status)
        self.parent_view.currentIndexChanged.connect(self._show_status)
        self._show_status()
        # Room for the criteria and the agreements, never more than the screen (it scrolls).
        screen = available_area(parent if parent is not None else self)
        self.resize(min(780, int(screen.width() * 0.9)), min(760, int(screen.height() * 0.9)))

    def value(self) -> PassendAanbod:
        agreed: dict[AanbodParty, date] = {party: day.day()
                                           for party, (check, day) in self.agreed.items()
                                           if check.isChecked()}
        return replace(
            self._offer, start=self.start.day(), description=self.description.text(),
            education_part=self.education.isChecked(), care_part=self.care.isChecked(),
            criteria={c for c, check in self.criteria.items() if check.isChecked()},
            agreed=agreed, parent_view=self.parent_view.member(),
            parent_view_note=self.parent_note.text(), voorlopig=self.voorlopig.isChecked(),
            unchecked=False)

    def _show_status(self) -> None:
        try:
            lacking = self.value().shortfalls()
        except ValidationError:
            return  # a date that is not a date yet: its field says so
        if not lacking:
            self.status.setText("Dit aanbod telt als passend aanbod: de termijn van drie "
                                "maanden stopt.")
        else:
            self.status.setText("Dit aanbod telt (nog) niet als passend aanbod:\n"
                                + "\n".join(f"• {reason}" for reason in lacking))

    def _save(self) -> None:
        def save() -> None:
            passend_aanbod.save_offer(self._ctx, self.value())

        if save_showing_errors(save, self._show_errors, self.summary):
            self.accept()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.show_message(errors.get(field))
