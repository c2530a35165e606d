"""A row of buttons wraps onto the next line when its page is narrow (at 200 %), in reading
order, instead of making the page scroll sideways."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.ui.flow_layout import flow_row


def test_buttons_wrap_in_reading_order_when_narrow(qtbot: QtBot) -> None:
    buttons = [QPushButton(f"Knop nummer {n}") for n in range(1, 6)]
    row = flow_row(*buttons)
    page = QWidget()
    QVBoxLayout(page).addWidget(row)
    qtbot.addWidget(page)
    widest = max(b.sizeHint().width() for b in buttons)
    assert row.minimumSizeHint().width() <= widest + 1  # only the widest must fit

    page.resize(sum(b.sizeHint().width() for b in buttons) + 100, 200)
    page.show()
    qtbot.waitUntil(lambda: buttons[-1].geometry().x() > buttons[0].geometry().x())
    assert len({b.geometry().y() for b in buttons}) == 1  # one line when there is room

    page.resize(widest * 2 + 40, 400)
    qtbot.waitUntil(lambda: len({b.geometry().y() for b in buttons}) > 1)
    lines = sorted({b.geometry().y() for b in buttons})
    assert len(lines) == 3  # two a line
    order = sorted(buttons, key=lambda b: (b.geometry().y(), b.geometry().x()))
    assert order == buttons  # reading order kept
    assert row.height() >= row.layout().heightForWidth(row.width())
    assert all(page.rect().contains(b.geometry()) for b in buttons)
