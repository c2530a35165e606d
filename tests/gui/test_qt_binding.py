"""Guards against a broken Qt binding: the app must not abort after many widget calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot


def test_widget_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call, and the
    # interpreter aborts ('none_dealloc') once the count runs out.
    label, button = QLabel(), QPushButton("x")
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("a")
        button.click()
    assert sys.getrefcount(None) >= before - 50
