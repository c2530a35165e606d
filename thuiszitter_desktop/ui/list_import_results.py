"""The outcome of a list comparison, in five groups the consulent works through.

Alleen in de lijst · Alleen bij ons · In beide · Waarschijnlijk dezelfde (the user says whether
they are the same pupil) · Niet gelezen (row, column and reason of each row left out).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.reconcile import Match
from thuiszitter_desktop.services.list_compare import Comparison
from thuiszitter_desktop.ui.list_editor import fill_table, read_only_table

ONLY_LIST, ONLY_OURS, BOTH, PROBABLE, NOT_READ = range(5)
NOT_READ_HELP = ("Deze rijen zijn niet vergeleken. Verbeter ze in het bestand en lees het "
                 "opnieuw in, of laat ze bewust weg: de andere rijen tellen gewoon mee.")
PROBABLE_HELP = ("Zelfde geboortedatum, maar de naam is anders geschreven. Ze tellen pas als "
                 "dezelfde leerling als u dat bevestigt.")


def _table(headers: list[str]) -> QTableWidget:
    table = read_only_table(headers)
    table.resizeColumnsToContents()  # empty: every header readable from the start
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    fill_table(table, rows)
    table.resizeColumnsToContents()


def _with_help(table: QTableWidget, help_text: str, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    explanation = QLabel(help_text)
    explanation.setWordWrap(True)
    column.addWidget(explanation)
    column.addWidget(table, 1)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
    return page


class ComparisonResults(QTabWidget):
    """The five groups; ``decided`` is emitted when the user judges a probable match."""

    decided = Signal(object, bool)  # the Match, whether it is the same pupil
    reread = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_list = _table(["Rij", "Naam", "Geboortedatum", "School", "Status"])
        self.only_ours = _table(["Naam", "Geboortedatum", "School", "Type verzuim", "Status"])
        self.both = _table(["Rij", "Naam in de lijst", "Bij ons", "Verschillen"])
        self.probable = _table(["Rij", "Naam in de lijst", "Bij ons", "Geboortedatum",
                                "Verschillen"])
        self.not_read = _table(["Rij", "Kolom", "Reden"])
        self.same_button = QPushButton("&Dezelfde leerling")
        self.other_button = QPushButton("&Niet dezelfde")
        self.reread_button = QPushButton("Bestand opnieuw &inlezen")
        self.addTab(self.only_list, "Alleen in de lijst")
        self.addTab(self.only_ours, "Alleen bij ons")
        self.addTab(self.both, "In beide")
        self.addTab(_with_help(self.probable, PROBABLE_HELP, self.same_button,
                               self.other_button), "Waarschijnlijk dezelfde")
        self.addTab(_with_help(self.not_read, NOT_READ_HELP, self.reread_button),
                    "Niet gelezen")
        self._probable: tuple[Match, ...] = ()
        self.same_button.clicked.connect(lambda: self._decide(True))
        self.other_button.clicked.connect(lambda: self._decide(False))
        self.reread_button.clicked.connect(self.reread)
        self.probable.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def show_comparison(self, comparison: Comparison, can_reread: bool) -> None:
        result = comparison.result
        _fill(self.only_list, [[str(e.row_number), e.full_name, f"{e.birth_date:%d-%m-%Y}",
                                e.school, e.status] for e in result.only_in_list])
        _fill(self.only_ours, [
            [p.full_name, f"{p.birth_date:%d-%m-%Y}", p.school or "Niet ingeschreven",
             c.verzuim_type.label,
             "Open" if c.is_open else f"Afgesloten op {c.closed_on:%d-%m-%Y}"]
            for p, c in result.only_in_caseload])
        _fill(self.both, [[str(m.entry.row_number), m.entry.full_name, m.pupil.full_name,
                           _differences(m)] for m in result.in_both])
        self._probable = result.probable
        _fill(self.probable, [[str(m.entry.row_number), m.entry.full_name, m.pupil.full_name,
                               f"{m.pupil.birth_date:%d-%m-%Y}", _differences(m)]
                              for m in result.probable])
        _fill(self.not_read, [[str(p.row) if p.row is not None else "", p.column or "",
                               p.message] for p in comparison.problems])
        counts = (len(result.only_in_list), len(result.only_in_caseload), len(result.in_both),
                  len(result.probable), comparison.rows_left_out)
        for index, (title, count) in enumerate(zip(
                ("Alleen in de lijst", "Alleen bij ons", "In beide", "Waarschijnlijk dezelfde",
                 "Niet gelezen"), counts, strict=True)):
            self.setTabText(index, f"{title} ({count})")
        self.reread_button.setEnabled(can_reread)
        self._update_buttons()

    def clear_results(self) -> None:
        for table in (self.only_list, self.only_ours, self.both, self.probable, self.not_read):
            table.setRowCount(0)
        self._probable = ()
        self._update_buttons()

    def selected_probable(self) -> Match | None:
        row = self.probable.currentRow()
        return self._probable[row] if 0 <= row < len(self._probable) else None

    def _decide(self, same: bool) -> None:
        match = self.selected_probable()
        if match is not None:
            self.decided.emit(match, same)

    def _update_buttons(self) -> None:
        chosen = self.selected_probable() is not None
        self.same_button.setEnabled(chosen)
        self.other_button.setEnabled(chosen)


def _differences(match: Match) -> str:
    return " ".join(d.text for d in match.differences) or "Geen verschillen"
