"""Shortening a text that does not fit by whole words, never in the middle of one.

A deadline reads 'Afspraak bij de jeugdarts maken: 3 dagen verlopen'. When the column is too
narrow, Qt's own eliding cut it to 'Afspraak bij de jeugdar…ken: 3 dagen verlopen'; here
words drop from the end of the part before the colon ('Afspraak bij de…: 3 dagen
verlopen'), so the state after the colon stays whole. The full text is in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ELLIPSIS = "…"


def elide_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` if it fits in ``width`` pixels, else shortened by whole words."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    head, colon, tail = text.rpartition(": ")
    if not colon:
        head, tail = text, ""
    ending = f"{ELLIPSIS}{colon}{tail}"
    words = head.split()
    while words:
        candidate = " ".join(words) + ending
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
        words.pop()
    if tail and metrics.horizontalAdvance(tail) <= width:
        return tail  # only the state: 'nog 3 dagen'
    words = text.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words) + ELLIPSIS
        if metrics.horizontalAdvance(candidate) <= width:
            return candidate
    return words[0] if words else ""


class WordElideDelegate(QStyledItemDelegate):
    """Cells that shorten by whole words (``elide_words``) when painted; their size hint
    stays the whole text's, so sizing a column to its contents still sees all of it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        style = cell.widget.style() if cell.widget is not None else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, cell,
                                   cell.widget) + 1
        room = cell.rect.width() - 2 * margin
        if cell.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration:
            room -= cell.decorationSize.width() + 2 * margin
        cell.text = elide_words(cell.text, cell.fontMetrics, room)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, cell.widget)
