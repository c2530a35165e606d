"""How a deadline state looks, the same on every screen: colour AND icon AND text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from thuiszitter_desktop.domain.deadlines import DeadlineState


@dataclass(frozen=True)
class StateLook:
    background: QColor
    foreground: QColor
    symbol: str  # drawn in the icon, so the state is readable without colour
    label: str


LOOKS: dict[DeadlineState, StateLook] = {
    DeadlineState.VERLOPEN: StateLook(QColor("#FDE7E9"), QColor("#A4262C"), "!", "Verlopen"),
    DeadlineState.BINNENKORT: StateLook(QColor("#FFF4CE"), QColor("#8A5300"), "…", "Binnenkort"),
    DeadlineState.OP_TIJD: StateLook(QColor("#FFFFFF"), QColor("#1F4E79"), "○", "Op tijd"),
    DeadlineState.GEHAALD: StateLook(QColor("#DFF6DD"), QColor("#107C10"), "✓", "Gehaald"),
}


def look(state: DeadlineState) -> StateLook:
    return LOOKS[state]


def state_role(state: DeadlineState, role: int) -> Any:
    """The state's icon, background or text colour for that Qt item role; else None."""
    if role == Qt.ItemDataRole.DecorationRole:
        return state_icon(state)
    if role == Qt.ItemDataRole.BackgroundRole:
        return LOOKS[state].background
    if role == Qt.ItemDataRole.ForegroundRole:
        return LOOKS[state].foreground
    return None


@cache
def state_icon(state: DeadlineState) -> QIcon:
    """A round badge with a symbol; distinguishable in grey-scale too."""
    style = LOOKS[state]
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(style.foreground)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 14, 14)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, style.symbol)
    painter.end()
    return QIcon(pixmap)
