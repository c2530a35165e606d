"""GUI tests run with the app's own rules (focus ring, wheel, Tab, window fit, names), and a
modal question never blocks a test run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.ui import security_wiring
from thuiszitter_desktop.ui.app_rules import install_app_rules


@pytest.fixture(autouse=True)
def app_rules(qapp: QApplication) -> None:
    """What ``app.run`` installs; installed once, kept for the whole session."""
    install_app_rules(qapp)


@pytest.fixture(autouse=True)
def controllers_stop_after_the_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An AppController outlives its test (its auto-lock holds it through a Qt connection):
    minutes later its idle timer would lock a window the test already deleted, failing a test
    that happens to run then."""
    made: list[AppController] = []
    original = AppController.__init__

    def init(self: AppController, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(self)

    monkeypatch.setattr(AppController, "__init__", init)
    yield
    for controller in made:
        if controller.autolock is not None:
            controller.autolock.stop()


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer 'Discard' to any question a test did not script itself (e.g. at teardown)."""
    asked: list[str] = []

    def discard(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]) if len(args) > 1 else "")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", discard)
    return asked


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every information/warning/critical box as 'title: text' (answered OK at once); the
    yearly retention review stays closed."""
    shown: list[str] = []

    def record(_parent: object, title: str, text: str, *args: object) -> object:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    monkeypatch.setattr(security_wiring.RetentionReviewDialog, "exec", lambda self: 0)
    return shown
