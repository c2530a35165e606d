"""The SMART tips beside the plan: each tip leads to the goal or action it is about."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.plan_smart import Severity, smart_hints

TITLE = "Tips voor een SMART plan"
PADDING = 8


class WrappedTextDelegate(QStyledItemDelegate):
    """Items as tall as their wrapped text at the list's current width: Qt's own size hint
    for a wrapped item came out a line short, so a long tip lost its end."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        icon = option.decorationSize.width() + PADDING if index.data(
            Qt.ItemDataRole.DecorationRole) is not None else 0
        text_width = max(40, width - icon - 2 * PADDING)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, text_width, 100_000),
                                                 Qt.TextFlag.TextWordWrap, text)
        height = max(bounds.height(), option.decorationSize.height()) + PADDING
        return QSize(width - PADDING, height)


class SmartHintsBox(QGroupBox):
    # (goal id or None, action id or None): None, None means the plan's shared goal.
    target_chosen = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.hints = QListWidget()
        self.hints.setWordWrap(True)
        self.hints.setSpacing(4)
        self.hints.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.hints.setResizeMode(QListView.ResizeMode.Adjust)
        self.hints.setMinimumWidth(220)
        self.hints.setAccessibleName(TITLE)
        self.hints.setUniformItemSizes(False)
        self.hints.setItemDelegate(WrappedTextDelegate(self.hints))
        QVBoxLayout(self).addWidget(self.hints)
        self.hints.itemActivated.connect(self._activated)

    def show_hints(self, plan: PlanVanAanpak) -> None:
        self.hints.clear()
        hints = smart_hints(plan)
        if not hints:
            self.hints.addItem("Het plan is SMART: doelen zijn meetbaar, afgesproken en hebben "
                               "een datum.")
        for hint in hints:
            where = f"{hint.where}: " if hint.where else ""
            icon = (QStyle.StandardPixmap.SP_MessageBoxWarning
                    if hint.severity is Severity.WARNING
                    else QStyle.StandardPixmap.SP_MessageBoxInformation)
            item = QListWidgetItem(self.style().standardIcon(icon),
                                   f"{hint.severity.label} — {where}{hint.message}")
            item.setData(Qt.ItemDataRole.UserRole, (hint.goal_id, hint.action_id))
            self.hints.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:  # the "all is SMART" line leads nowhere
            self.target_chosen.emit(*target)
