"""GUI tests run with the app's own rules (focus ring, wheel, Tab, window fit, names), and a
modal question never blocks a test run."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from thuiszitter_desktop.ui import security_wiring
from thuiszitter_desktop.ui.app_rules import install_app_rules
from thuiszitter_desktop.ui.autolock import AutoLock


@pytest.fixture(autouse=True)
def app_rules(qapp: QApplication) -> None:
    """What ``app.run`` installs; installed once, kept for the whole session."""
    install_app_rules(qapp)


@pytest.fixture(autouse=True)
def no_autolock_after_the_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stop every auto-lock a test started: an AppController kept alive by its connections
    otherwise locked its (long deleted) window five real minutes later, in another test."""
    started: list[AutoLock] = []
    start = AutoLock.start

    def recorded(self: AutoLock, idle_minutes: int | None = None) -> None:
        started.append(self)
        start(self, idle_minutes)

    monkeypatch.setattr(AutoLock, "start", recorded)
    yield
    for autolock in started:
        with contextlib.suppress(RuntimeError):  # its C++ object may be gone already
            autolock.stop()


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
