"""Mogelijk dubbel: the same pupil registered on two laptops, side by side, to merge or not."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.reports.base import dutch_date
from thuiszitter_desktop.services import sync_conflicts, sync_duplicates
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync_conflicts import ConflictItem
from thuiszitter_desktop.services.sync_duplicates import PupilSide
from thuiszitter_desktop.ui.conflicts_page import REFRESH_ON
from thuiszitter_desktop.ui.lazy_page import LazyLoad


class DuplicatesPage(QWidget):
    def __init__(self, ctx: AppContext, lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[ConflictItem] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Mogelijk dubbele leerlingen")
        self.list.currentRowChanged.connect(self._show_item)
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self._clear_detail()
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail_area)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        title = QLabel("<h2>Mogelijk dubbel</h2>")
        intro = QLabel("Deze leerlingen zijn op twee laptops aangemeld, met dezelfde "
                       "geboortedatum en een naam die erg lijkt. Is het dezelfde leerling? "
                       "Voeg ze dan samen: alle contactmomenten, planversies en het logboek "
                       "van beide blijven bewaard.")
        intro.setWordWrap(True)
        self.empty = QLabel("Er zijn geen mogelijk dubbele leerlingen.")
        layout = QVBoxLayout(self)
        for widget in (title, intro, self.empty):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        self.loader = LazyLoad(self.reload, lazy=lazy)

    def page_shown(self) -> None:
        self.loader.show()

    def page_hidden(self) -> None:
        self.loader.hide()

    def on_change(self, change: Change) -> None:
        if change.entity in REFRESH_ON:
            self.loader.changed()

    def clear(self) -> None:
        self.items = []
        self.list.clear()
        self._clear_detail()
        self.loader.forget()

    def reload(self) -> None:
        self.items = sync_conflicts.open_items(self.ctx, duplicates=True)
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            self.list.addItem(item.pupil_name or "Onbekende leerling")
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        self.list.setCurrentRow(0 if self.items else -1)
        self._show_item(self.list.currentRow())

    def _clear_detail(self) -> None:
        self.detail = QWidget()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_area.setWidget(self.detail)

    def _show_item(self, row: int) -> None:
        self._clear_detail()
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        try:
            sides = sync_duplicates.pair(self.ctx, item.id)
        except ValidationError as exc:
            self.detail_layout.addWidget(QLabel("\n".join(exc.errors.values())))
            return
        columns = QHBoxLayout()
        for side, who in zip(sides, (item.server_by, item.client_by), strict=True):
            columns.addWidget(self._side_box(item, side, who))
        self.detail_layout.addLayout(columns)
        other = QPushButton("Geen dubbel: twee verschillende leerlingen")
        other.clicked.connect(lambda: self._run(sync_conflicts.dismiss, item.id))
        row_layout = QHBoxLayout()
        row_layout.addWidget(other)
        row_layout.addStretch(1)
        self.detail_layout.addLayout(row_layout)
        self.detail_layout.addStretch(1)

    def _side_box(self, item: ConflictItem, side: PupilSide, who: str) -> QGroupBox:
        box = QGroupBox(f"Aangemeld door {who or 'een collega'}")
        form = QFormLayout(box)
        for label, value in (("Naam", side.name), ("Geboortedatum", dutch_date(side.birth_date)),
                             ("School", side.school or "—"),
                             ("Casus", "\n".join(side.cases) or "—"),
                             ("Contactmomenten", str(side.contacts)),
                             ("Planversies", str(side.plan_versions))):
            shown = QLabel(value)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        keep = QPushButton("Samenvoegen, deze gegevens houden")
        keep.setToolTip("Lege velden worden aangevuld met die van de ander; notities van "
                        "beide blijven staan.")
        keep.clicked.connect(lambda: self._merge(item, side))
        form.addRow(keep)
        return box

    def _merge(self, item: ConflictItem, side: PupilSide) -> None:
        answer = QMessageBox.question(
            self, "Samenvoegen",
            f"De twee aanmeldingen samenvoegen tot één leerling ({side.name})? Alle "
            "contactmomenten en planversies van beide blijven bewaard.")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(sync_duplicates.merge_duplicate, item.id, side.pupil_id)

    def _run(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(self.ctx, *args)
        except ValidationError as exc:
            QMessageBox.warning(self, "Mogelijk dubbel", "\n".join(exc.errors.values()))
        self.reload()
