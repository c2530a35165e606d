"""Rules that hold in every window, installed once on the application (``install_app_rules``).

- The mouse wheel never changes a value the user did not pick: combo boxes, spin boxes, time
  fields, sliders and tab bars react to the wheel only while they have focus; otherwise the
  wheel scrolls the page (or list) they sit in. Clicking or tabbing into them gives focus;
  the wheel itself no longer does.
- Tab leaves a table or list (it no longer walks every cell); Ctrl+Tab and Ctrl+Shift+Tab move
  between its cells. While a cell is being edited, Tab saves it and opens the next cell.
- Every window and dialog fits the screen it opens on, and a dialog grows when a wrapped
  message in it grows (``window_fit``).
- Fields in a form are named for screen readers after their label (``accessible_names``).
- Focus is shown with a clear ring (``focus_style``).

An event filter on the application sees every widget, also those other features add later,
so no form needs a line for any of this.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QWidget,
)

from thuiszitter_desktop.ui.accessible_names import name_from_form_label
from thuiszitter_desktop.ui.focus_style import FocusStyle
from thuiszitter_desktop.ui.window_fit import fit_to_screen, grow_for_wrapped_text

# Widgets whose value the wheel changes (a scroll bar's wheel only scrolls: it stays).
VALUE_WIDGETS = (QAbstractSpinBox, QComboBox, QAbstractSlider, QTabBar)
_PROPERTY = "thuiszitterAppRules"
T = QEvent.Type


def changes_value_on_wheel(widget: QObject) -> bool:
    return isinstance(widget, VALUE_WIDGETS) and not isinstance(widget, QScrollBar)


def scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose page (viewport) holds ``widget``."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def next_cell(view: QAbstractItemView, backwards: bool) -> None:
    """Ctrl+Tab in a table or list: the next (or previous) cell becomes current."""
    action = (QAbstractItemView.CursorAction.MovePrevious if backwards
              else QAbstractItemView.CursorAction.MoveNext)
    index = view.moveCursor(action, Qt.KeyboardModifier.NoModifier)
    if index.isValid():
        view.setCurrentIndex(index)


class AppRules(QObject):
    """The application-wide event filter; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._to_grow: set[QDialog] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == T.LayoutRequest and isinstance(watched, QDialog) and watched.isVisible():
            self._grow_later(watched)
            return False
        if kind == T.Wheel:
            return self._wheel(watched, event)
        if kind == T.KeyPress and isinstance(watched, QAbstractItemView):
            return self._key_in_view(watched, event)
        if kind == T.Polish and isinstance(watched, QWidget):
            self._polish(watched)
        elif kind == T.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
            # Widgets polished before they had their place (a table sized while it was
            # built) are named now that the window is complete.
            for widget in watched.findChildren(QWidget):
                name_from_form_label(widget)
        return False

    def _grow_later(self, dialog: QDialog) -> None:
        """After the layout has taken the new texts in (once per burst of changes)."""
        if dialog in self._to_grow:
            return
        self._to_grow.add(dialog)

        def grow() -> None:
            self._to_grow.discard(dialog)
            grow_for_wrapped_text(dialog)

        QTimer.singleShot(0, dialog, grow)

    @staticmethod
    def _wheel(watched: QObject, event: QEvent) -> bool:
        if not changes_value_on_wheel(watched):
            return False
        assert isinstance(watched, QWidget)
        if watched.hasFocus():
            return False
        area = scroll_area_around(watched)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)  # the page scrolls instead
        return True

    @staticmethod
    def _key_in_view(view: QAbstractItemView, event: QEvent) -> bool:
        assert isinstance(event, QKeyEvent)
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            next_cell(view, backwards=event.key() == Qt.Key.Key_Backtab)
            return True
        return False

    @staticmethod
    def _polish(widget: QWidget) -> None:
        if changes_value_on_wheel(widget) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if type(widget) is QScrollArea:
            # A page that scrolls is no stop of its own: Tab goes to its fields, and the page
            # scrolls to the field that has focus.
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
        name_from_form_label(widget)


def install_app_rules(app: QApplication) -> AppRules:
    """Install the rules and the focus style once; returns the (kept) filter."""
    installed = app.property(_PROPERTY)
    if isinstance(installed, AppRules):
        return installed
    rules = AppRules(app)
    app.installEventFilter(rules)
    app.setStyle(FocusStyle())
    app.setProperty(_PROPERTY, rules)
    return rules
