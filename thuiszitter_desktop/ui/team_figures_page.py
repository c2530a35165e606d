"""'Teamcijfers': the teamleider's dashboard (issue 21).

The figures of the whole team, counted and masked on the server: every number of fewer than
five pupils reads "< 5". The device keeps only this table; 'Vernieuwen' asks the server again
(in the background), 'Opslaan als Excel…' writes it as XLSX. There is nothing to click
through to: no pupil is ever on this device.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain import small_cells
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.services import team_figures
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.transport.https import TransportError
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.document_output import save_bytes
from thuiszitter_desktop.ui.lazy_page import LazyLoad
from thuiszitter_desktop.ui.row_table_model import RIGHT_ALIGNED
from thuiszitter_desktop.ui.widgets import EnumCombo, shrinking_combo


class TeamFiguresPage(QWidget):
    figures_shown = Signal()
    fetch_failed = Signal(str)

    def __init__(self, ctx: AppContext, lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.background = Background(self)
        self.loader = LazyLoad(self.reload, lazy=lazy)
        self.figures: team_figures.TeamFigures | None = None
        self.definition: EnumCombo[Definition] = EnumCombo(Definition)
        shrinking_combo(self.definition)
        self.definition.setAccessibleName("Definitie")
        self.refresh_button = QPushButton("&Vernieuwen")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Opslaan als &Excel…")
        self.export_button.clicked.connect(self.export)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Teamcijfers per kwartaal")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        note = QLabel(f"Cijfers van het hele team, zonder namen. Elk aantal kleiner dan "
                      f"{small_cells.SMALL_CELL} staat er als '{small_cells.MASK}', en een "
                      f"percentage of gemiddelde alleen als er {small_cells.SMALL_CELL} of meer "
                      f"leerlingen achter zitten: zo is geen leerling te herkennen.")
        note.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Definitie:"))
        controls.addWidget(self.definition, 1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Teamcijfers</h2>"))
        layout.addWidget(note)
        layout.addLayout(controls)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        self.definition.currentIndexChanged.connect(lambda _i: self.refresh())

    def page_shown(self) -> None:
        self.loader.show()

    def page_hidden(self) -> None:
        self.loader.hide()

    def reload(self) -> None:
        """Show what this device has; ask the server when it has nothing yet."""
        stored = team_figures.stored(self.ctx)
        if stored is None:
            self.refresh()
        else:
            self.show_figures(stored)

    def refresh(self) -> None:
        definition = self.definition.member()
        self.refresh_button.setEnabled(False)
        self.state.setText("De cijfers worden opgehaald bij de teamserver…")
        self.background.run("teamcijfers", lambda: team_figures.fetch(self.ctx, definition),
                            self.show_figures, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        message = (str(exc) if isinstance(exc, TransportError | UserError)
                   else "De cijfers konden niet worden opgehaald.")
        self.state.setText(f"{message} U ziet de cijfers van de vorige keer, als die er zijn.")
        self.fetch_failed.emit(message)

    def show_figures(self, figures: team_figures.TeamFigures) -> None:
        self.figures = figures
        self.refresh_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.state.setText(f"{figures.definition}. Berekend op "
                           f"{format_date(figures.computed_on)}.")
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["Onderdeel", "Cijfer", *figures.quarters])
        for row in figures.rows:
            cells = [QStandardItem(row.section), QStandardItem(row.label)]
            for value in row.cells:
                cell = QStandardItem(value)
                cell.setTextAlignment(RIGHT_ALIGNED)
                if value == small_cells.MASK:
                    cell.setToolTip(f"Minder dan {small_cells.SMALL_CELL} leerlingen")
                cells.append(cell)
            self.model.appendRow(cells)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.figures_shown.emit()

    def export(self) -> None:
        if self.figures is None:
            return
        if save_bytes(self, "Teamcijfers.xlsx", team_figures.to_xlsx(self.figures),
                      file_filter="Excel-werkmap (*.xlsx)", title="Teamcijfers opslaan"):
            team_figures.record_exported(self.ctx)

    def clear(self) -> None:
        self.model.clear()
        self.figures = None
        self.export_button.setEnabled(False)



