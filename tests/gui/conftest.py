"""GUI test guard: a modal question must never block a test run."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer 'Discard' to any question a test did not script itself (e.g. at teardown)."""
    asked: list[str] = []

    def discard(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]) if len(args) > 1 else "")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", discard)
    return asked
