"""A page of open items to decide (Conflicten, Mogelijk dubbel): a list on the left, the
chosen item in a scrollable panel on the right, loaded lazily and refreshed after a sync."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync_conflicts import ConflictItem
from thuiszitter_desktop.ui.lazy_page import LazyLoad

REFRESH_ON = frozenset({"sync", "case", "vault"})


class ReviewPage(QWidget):
    """Subclasses give ``load_items``, ``item_text`` and ``show_detail``."""

    def __init__(self, ctx: AppContext, title: str, intro: str, empty: str, list_name: str,
                 lazy: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self.items: list[ConflictItem] = []
        self.list = QListWidget()
        self.list.setAccessibleName(list_name)
        self.list.currentRowChanged.connect(self._show_row)
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self.clear_detail()
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail_area)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (QLabel(f"<h2>{title}</h2>"), intro_label, self.empty):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        self.loader = LazyLoad(self.reload, lazy=lazy)

    # -- what a page shows ------------------------------------------------------------------
    def load_items(self) -> list[ConflictItem]:
        raise NotImplementedError

    def item_text(self, item: ConflictItem) -> str:
        raise NotImplementedError

    def show_detail(self, item: ConflictItem) -> None:
        raise NotImplementedError

    # -- lazy page protocol -------------------------------------------------------------------
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
        self.clear_detail()
        self.loader.forget()

    # -- content ----------------------------------------------------------------------------
    def reload(self) -> None:
        row = self.list.currentRow()
        current = self.items[row].id if 0 <= row < len(self.items) else None
        self.items = self.load_items()
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            self.list.addItem(self.item_text(item))
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        rows = [i for i, item in enumerate(self.items) if item.id == current]
        self.list.setCurrentRow(rows[0] if rows else (0 if self.items else -1))
        self._show_row(self.list.currentRow())

    def clear_detail(self) -> None:
        """A fresh detail panel (the scroll area deletes the old one with all it held)."""
        self.detail = QWidget()
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_area.setWidget(self.detail)

    def _show_row(self, row: int) -> None:
        self.clear_detail()
        if 0 <= row < len(self.items):
            self.show_detail(self.items[row])

    def run(self, action: Callable[..., object], *args: object) -> None:
        """A decision: the service call, a calm Dutch message if it is refused, a reload."""
        try:
            action(self.ctx, *args)
        except ValidationError as exc:
            QMessageBox.warning(self, self.title, "\n".join(exc.errors.values()))
        self.reload()
