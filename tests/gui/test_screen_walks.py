"""Walks over every screen and dialog (``screen_catalog``): the wheel never changes a value
without focus, every control has a name for screen readers, and every action can be reached
by keyboard. New widgets are covered as soon as they are on a screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import screen_catalog
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.ui.accessible_names import accessible_name, needs_name
from thuiszitter_desktop.ui.app_rules import changes_value_on_wheel
from thuiszitter_desktop.ui.date_field import DateField

SCREENS = screen_catalog.screens()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[screen_catalog.Env]:
    found = screen_catalog.demo_env(tmp_path_factory.mktemp("screens"))
    yield found
    found.close()


def shown(qtbot: QtBot, env: screen_catalog.Env, name: str) -> QWidget:
    window = dict(SCREENS)[name](env)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def on_screen(window: QWidget) -> list[QWidget]:
    """The widgets of ``window`` a user can see (popups and hidden tabs left out)."""
    return [w for w in window.findChildren(QWidget)
            if w.isVisibleTo(window) and w.window() is window]


def value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    if isinstance(widget, QTabBar):
        return widget.currentIndex()
    raise AssertionError(type(widget))


def wheel(widget: QWidget, steps: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_catalog_covers_every_dialog(env: screen_catalog.Env, qtbot: QtBot) -> None:
    opened = set()
    for _name, open_screen in SCREENS:
        window = open_screen(env)
        qtbot.addWidget(window)
        opened.add(type(window))
    assert screen_catalog.window_classes() <= opened
    assert screen_catalog.case_window_tabs(env) == list(screen_catalog.CASE_TABS)


@pytest.mark.parametrize("name", [name for name, _ in SCREENS])
def test_wheel_without_focus_changes_nothing(qtbot: QtBot, env: screen_catalog.Env,
                                            name: str) -> None:
    window = shown(qtbot, env, name)
    targets = [w for w in on_screen(window) if changes_value_on_wheel(w) and w.isEnabled()]
    for widget in targets:
        assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus, widget  # no focus by wheel
        before = value(widget)
        widget.clearFocus()
        for steps in (1, -1, 3, -3):
            wheel(widget, steps)
        assert value(widget) == before, f"{name}: {type(widget).__name__} changed"


@pytest.mark.parametrize("name", [name for name, _ in SCREENS])
def test_every_control_has_a_name_for_screen_readers(qtbot: QtBot, env: screen_catalog.Env,
                                                     name: str) -> None:
    window = shown(qtbot, env, name)
    buddies = {label.buddy() for label in window.findChildren(QLabel) if label.buddy()}
    unnamed = []
    for widget in on_screen(window):
        if not needs_name(widget):
            continue
        # A combo box 'names' itself by its current value: that is no label.
        named = (bool(widget.accessibleName().strip()) or widget in buddies
                 if isinstance(widget, QComboBox) else bool(accessible_name(widget)))
        if not named:
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"({widget.toolTip() or getattr(widget, 'text', lambda: '')()!r})")
    assert not unnamed, f"{name}: controls without a name: " + "; ".join(unnamed)


def has_key_of_its_own(button: QAbstractButton) -> bool:
    """Buttons a key in their own widget stands for: a date field's calendar (Alt+↓), a
    table's select-all corner (Ctrl+A), a tab bar's scroll arrows (Ctrl+Tab)."""
    return (isinstance(button.parentWidget(), (DateField, QTabBar))
            or button.objectName() == "qt_tableview_cornerbutton")


@pytest.mark.parametrize("name", [name for name, _ in SCREENS])
def test_every_button_is_reachable_by_keyboard(qtbot: QtBot, env: screen_catalog.Env,
                                               name: str) -> None:
    window = shown(qtbot, env, name)
    unreachable = [w.text() or w.accessibleName() for w in on_screen(window)
                   if isinstance(w, QAbstractButton) and not has_key_of_its_own(w)
                   and not w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert unreachable == [], f"{name}: buttons no key reaches"


def test_a_focused_spin_box_still_turns_with_the_wheel(qtbot: QtBot) -> None:
    """The guard only acts without focus: the test above could fail."""
    from thuiszitter_desktop.ui.widgets import number_field

    spin = number_field(0, 10, 5)
    qtbot.addWidget(spin)
    spin.show()
    qtbot.waitExposed(spin)
    spin.clearFocus()
    wheel(spin, 1)
    assert spin.value() == 5
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 6


def tab_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order (as QWidget::focusNextPrevChild walks them)."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in chain:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window)
                and widget.isEnabled() and widget.window() is window
                and widget.focusProxy() is None):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def first_stop(cell: QWidget, chain: list[QWidget]) -> int | None:
    """Where Tab first reaches ``cell`` (or one of its parts)."""
    return next((i for i, w in enumerate(chain) if w is cell or cell.isAncestorOf(w)), None)


@pytest.mark.parametrize("name", [name for name, _ in SCREENS])
def test_tab_follows_the_rows_of_every_form(qtbot: QtBot, env: screen_catalog.Env,
                                            name: str) -> None:
    window = shown(qtbot, env, name)
    chain = tab_chain(window)
    for form in window.findChildren(QFormLayout):
        parent = form.parentWidget()
        if parent is None or not parent.isVisibleTo(window) or parent.window() is not window:
            continue
        stops = []
        for row in range(form.rowCount()):
            for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole,
                         QFormLayout.ItemRole.LabelRole):
                item = form.itemAt(row, role)
                cell = item.widget() if item is not None else None
                if cell is not None and cell.isVisibleTo(window):
                    stop = first_stop(cell, chain)
                    if stop is not None:
                        stops.append((stop, row))
        order = [row for _, row in sorted(stops)]
        assert order == sorted(order), f"{name}: Tab leaves reading order in a form: {order}"
