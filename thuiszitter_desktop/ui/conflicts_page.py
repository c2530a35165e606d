"""Conflicten: what two people changed at the same time, with both values, who and when.

Per field: keep one, keep the other, or combine by editing. A deleted record against an edit:
restore it or let it go. A plan saved twice: keep either version, or both.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services import sync_conflicts
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.sync_conflicts import ConflictItem, FieldChoice
from thuiszitter_desktop.storage.sync_codec import JsonValue
from thuiszitter_desktop.ui.review_page import ReviewPage
from thuiszitter_desktop.ui.sync_status import when


def who_when(name: str, moment: datetime | None, now: datetime) -> str:
    """'Anna Jansen, 10:42' (times are UTC as stored, shown in local time)."""
    if moment is None:
        return name or "onbekend"
    return f"{name or 'onbekend'}, {when(moment, now)}"


def _value_box(text: str, editable: bool = False) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setReadOnly(not editable)
    lines = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(lines * 3 + 12)
    box.setMaximumHeight(lines * 8 + 12)
    return box


class FieldDecision(QGroupBox):
    """One field: the team's value, this other value, or a combination typed here."""

    def __init__(self, choice: FieldChoice, item: ConflictItem, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(choice.label, parent)
        self.choice = choice
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.keep_server = QRadioButton(
            f"Houden wat {who_when(item.server_by, item.server_at, now)} opsloeg:")
        self.keep_client = QRadioButton(
            f"Houden wat {who_when(item.client_by, item.client_at, now)} opsloeg:")
        layout.addWidget(self.keep_server)
        layout.addWidget(_value_box(choice.server_text))
        layout.addWidget(self.keep_client)
        layout.addWidget(_value_box(choice.client_text))
        self.combine: QRadioButton | None = None
        self.combined: QPlainTextEdit | None = None
        if self._combinable():
            self.combine = QRadioButton("Combineren (pas de tekst hieronder aan):")
            self.combined = _value_box(f"{choice.server}\n{choice.client}", editable=True)
            combine = self.combine
            self.combined.textChanged.connect(lambda: combine.setChecked(True))
            layout.addWidget(self.combine)
            layout.addWidget(self.combined)
        for button in (self.keep_server, self.keep_client, self.combine):
            if button is not None:
                self.group.addButton(button)
        self.keep_server.setChecked(True)

    def _combinable(self) -> bool:
        server, client = self.choice.server, self.choice.client
        return (isinstance(server, str) and isinstance(client, str) and self.choice.field
                != "document" and server == self.choice.server_text
                and client == self.choice.client_text)

    def value(self) -> JsonValue:
        if self.combine is not None and self.combine.isChecked() and self.combined is not None:
            return self.combined.toPlainText().strip()
        return self.choice.client if self.keep_client.isChecked() else self.choice.server


class ConflictsPage(ReviewPage):
    def __init__(self, ctx: AppContext, lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        self.decisions: list[FieldDecision] = []
        super().__init__(
            ctx, "Conflicten",
            "Twee mensen veranderden hetzelfde terwijl ze niet verbonden waren. Niets is "
            "weggegooid: kies per onderdeel wat blijft. Je keuze gaat naar het hele team.",
            "Er zijn geen conflicten. Wat twee collega's tegelijk veranderden, verschijnt hier, "
            "met beide versies.", "Open conflicten", lazy, parent)

    def load_items(self) -> list[ConflictItem]:
        return sync_conflicts.open_items(self.ctx)

    def item_text(self, item: ConflictItem) -> str:
        return f"{item.pupil_name or 'Onbekende leerling'}\n{item.title}: {item.what}"

    def clear_detail(self) -> None:
        self.decisions = []
        super().clear_detail()

    def show_detail(self, item: ConflictItem) -> None:
        now = self.ctx.now()
        heading = QLabel(f"<h3>{item.pupil_name or 'Onbekende leerling'} — {item.what}</h3>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.detail_layout.addWidget(heading)
        buttons = QHBoxLayout()
        if item.kind == "veld" and any(f.field == "document" for f in item.fields):
            self._plan_versions(item, now, buttons)
        elif item.kind == "veld":
            for choice in item.fields:
                decision = FieldDecision(choice, item, now)
                self.decisions.append(decision)
                self.detail_layout.addWidget(decision)
            self._button(buttons, "Besluit opslaan", lambda: self._resolve_fields(item))
        elif item.kind == "verwijderd":
            self._deletion(item, now, buttons)
        else:
            note = QLabel(f"Op twee laptops is tegelijk een nieuwe versie van het plan gemaakt. "
                          f"De versie van {item.client_by} kreeg het volgende nummer. Bekijk "
                          "beide versies in het plan van aanpak en voeg ze zo nodig samen.")
            note.setWordWrap(True)
            self.detail_layout.addWidget(note)
            self._button(buttons, "Gezien", lambda: self.run(sync_conflicts.dismiss, item.id))
        buttons.addStretch(1)
        self.detail_layout.addLayout(buttons)
        self.detail_layout.addStretch(1)

    def _plan_versions(self, item: ConflictItem, now: datetime, buttons: QHBoxLayout) -> None:
        document = next(f for f in item.fields if f.field == "document")
        side_by_side = QHBoxLayout()
        for title, text in (
                (f"Versie van {who_when(item.server_by, item.server_at, now)}",
                 document.server_text),
                (f"Versie van {who_when(item.client_by, item.client_at, now)}",
                 document.client_text)):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            view = QPlainTextEdit(text)
            view.setReadOnly(True)
            inner.addWidget(view)
            side_by_side.addWidget(box)
        self.detail_layout.addLayout(side_by_side)
        others = {f.field: f.server for f in item.fields}
        mine = {f.field: f.client for f in item.fields}
        self._button(buttons, f"Versie van {item.server_by or 'het team'} houden",
                     lambda: self.run(sync_conflicts.resolve_fields, item.id, others))
        self._button(buttons, f"Versie van {item.client_by or 'deze laptop'} houden",
                     lambda: self.run(sync_conflicts.resolve_fields, item.id, mine))
        self._button(buttons, "Beide bewaren",
                     lambda: self.run(sync_conflicts.keep_both_versions, item.id))

    def _deletion(self, item: ConflictItem, now: datetime, buttons: QHBoxLayout) -> None:
        if item.server_deleted:
            text = (f"{item.server_by or 'Een collega'} verwijderde dit, terwijl "
                    f"{who_when(item.client_by, item.client_at, now)} het nog "
                    "aanpaste. Hieronder staat de aangepaste versie.")
            keep, drop = "Herstellen", "Verwijderd laten"
        else:
            text = (f"{item.client_by or 'Een collega'} verwijderde dit, terwijl "
                    f"{who_when(item.server_by, item.server_at, now)} het nog aanpaste. "
                    "Hieronder staat de aangepaste versie.")
            keep, drop = "Bewaren", "Toch verwijderen"
        note = QLabel(text)
        note.setWordWrap(True)
        self.detail_layout.addWidget(note)
        lines = [f"{f.label}: {f.client_text if item.server_deleted else f.server_text}"
                 for f in item.fields]
        self.detail_layout.addWidget(_value_box("\n".join(lines)))
        self._button(buttons, keep,
                     lambda: self.run(sync_conflicts.resolve_deletion, item.id, True))
        self._button(buttons, drop,
                     lambda: self.run(sync_conflicts.resolve_deletion, item.id, False))

    def _button(self, layout: QHBoxLayout, text: str,
                action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action)
        layout.addWidget(button)
        return button

    def _resolve_fields(self, item: ConflictItem) -> None:
        chosen = {d.choice.field: d.value() for d in self.decisions}
        self.run(sync_conflicts.resolve_fields, item.id, chosen)
