"""Mogelijk dubbel: the same pupil registered on two laptops, side by side, to merge or not."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services import sync_conflicts, sync_duplicates
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.sync_conflicts import ConflictItem
from thuiszitter_desktop.services.sync_duplicates import PupilSide
from thuiszitter_desktop.ui.review_page import ReviewPage


class DuplicatesPage(ReviewPage):
    def __init__(self, ctx: AppContext, lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "Mogelijk dubbel",
            "Deze leerlingen zijn op twee laptops aangemeld, met dezelfde geboortedatum en een "
            "naam die erg lijkt. Is het dezelfde leerling? Voeg ze dan samen: alle "
            "contactmomenten, planversies en het logboek van beide blijven bewaard.",
            "Er zijn geen mogelijk dubbele leerlingen.", "Mogelijk dubbele leerlingen", lazy,
            parent)

    def load_items(self) -> list[ConflictItem]:
        return sync_conflicts.open_items(self.ctx, duplicates=True)

    def item_text(self, item: ConflictItem) -> str:
        return item.pupil_name or "Onbekende leerling"

    def show_detail(self, item: ConflictItem) -> None:
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
        other.clicked.connect(lambda: self.run(sync_conflicts.dismiss, item.id))
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
            self.run(sync_duplicates.merge_duplicate, item.id, side.pupil_id)
