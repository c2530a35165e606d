"""Table cells whose text wraps between words, and inside a word only when it must.

Qt's own item drawing wraps at word boundaries only, so a long word in a narrow column
('ondersteuningscoördinator' at 200 %) was cut off. This delegate draws and measures the text
with ``WrapAtWordBoundaryOrAnywhere``: rows grow to the whole text, and nothing is cut.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

ItemIndex = QModelIndex | QPersistentModelIndex
LINE_SEPARATOR = "\u2028"  # a line break QTextLayout keeps


def text_option(alignment: Qt.AlignmentFlag | None = None) -> QTextOption:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if alignment is not None:
        option.setAlignment(alignment)
    return option


def wrapped_height(text: str, font: QFont, width: int) -> int:
    """The height of ``text`` wrapped to ``width`` pixels, words broken only when needed."""
    layout = QTextLayout(text.replace("\n", LINE_SEPARATOR), font)
    layout.setTextOption(text_option())
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(1, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return int(height + 0.999)


class WrappedCellDelegate(QStyledItemDelegate):
    """Draws and sizes a cell's text wrapped at words, or anywhere in a too-long word."""

    def _text_rect(self, option: QStyleOptionViewItem) -> QRect:
        widget = option.widget
        style = widget.style() if isinstance(widget, QWidget) else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return rect.adjusted(margin, 0, -margin, 0)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ItemIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if isinstance(widget, QWidget) else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        painter.setClipRect(opt.rect)
        painter.drawText(QRectF(self._text_rect(opt)), text,
                         text_option(opt.displayAlignment))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ItemIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = option.widget
        if not isinstance(view, QAbstractItemView) or not hasattr(view, "columnWidth"):
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, view.columnWidth(index.column()), size.height())
        width = self._text_rect(opt).width()
        height = wrapped_height(opt.text, opt.font, width)
        return QSize(size.width(), max(size.height(), height + 4))
