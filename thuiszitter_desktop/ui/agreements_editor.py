"""An editable list of agreements: who does what by when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from thuiszitter_desktop.domain.intake import Agreement
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import ListEditor, list_table
from thuiszitter_desktop.ui.text_limits import count_characters


class AgreementsEditor(ListEditor[Agreement]):
    def __init__(self, agreements: Sequence[Agreement], today: date,
                 parent: QWidget | None = None) -> None:
        who = QLineEdit()
        who.setPlaceholderText("Bijv. mentor, moeder, Zoë")
        what = QLineEdit()
        what.setPlaceholderText("Wat gaat diegene doen?")
        count_characters(SHORT_TEXT, who)
        count_characters(LONG_TEXT, what)
        when = DateField(None, today, key="by_when", empty_means="geen datum")
        super().__init__(
            agreements, list_table(["Wie", "Wat", "Wanneer"], stretch_column=1, min_height=110),
            [("Wie", who), ("Wat", what), ("Wanneer", when)],
            "Afspraak toevoegen", "agreements", "Afspraak", parent=parent)
        self.table.setAccessibleName("Afspraken")
        self.who, self.what, self.when = who, what, when

    def cells(self, item: Agreement) -> list[str]:
        return [item.who, item.what, format_date(item.by_when) or "—"]

    def from_fields(self) -> Agreement:
        return Agreement(who=self.who.text(), what=self.what.text(), by_when=self.when.value())

    def clear_fields(self) -> None:
        self.who.clear()
        self.what.clear()
        self.when.set_value(None)
