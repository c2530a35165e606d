"""Names for screen readers: a field in a form is called after its label.

``QFormLayout`` rows label their field visually, but a screen reader only hears the label when
the field is the label's direct buddy; our forms put a field together with its error message
(or a date with its calendar button) in a small holder, so the field itself had no name. At
polish time each input field without a name gets its form label as name (several inputs in
one row are numbered). A table or list without a name takes the title of the group box or
tab it sits in, a check box without text its form label. ``accessible_name`` is what a screen reader
hears; the accessibility test walks every screen with it.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# Input widgets a screen reader must be able to name; a button names itself by its text.
INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
          QAbstractSlider)
# How far up from a field its labelled form cell may be (field, date field, holder).
MAX_DEPTH = 3


def clean_label(text: str) -> str:
    """'&Geboortedatum *:' → 'Geboortedatum' (mnemonic, required star and colon dropped)."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").rstrip("*").strip().rstrip(":").strip()


def is_input(widget: QWidget) -> bool:
    if isinstance(widget, (QScrollBar, QHeaderView)):
        return False
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(),
                                                    (QComboBox, QAbstractSpinBox)):
        return False  # the text part of a combo or spin box: the box itself is named
    return isinstance(widget, INPUTS)


def is_own_input(widget: QWidget, cell: QWidget) -> bool:
    """An input of the form cell itself: not inside a popup (a calendar, a combo's list) and
    not a part of another input (a table's header or cell editor)."""
    if not is_input(widget) or widget.window() is not cell.window():
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not cell:
        if is_input(parent):
            return False
        parent = parent.parentWidget()
    return True


def form_label(widget: QWidget) -> tuple[str, QWidget] | None:
    """The label text of the form row holding ``widget`` (directly or a few levels down),
    with the widget that is that row's field."""
    cell: QWidget | None = widget
    for _ in range(MAX_DEPTH):
        if cell is None or cell.isWindow():
            return None
        parent = cell.parentWidget()
        if parent is None:
            return None
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(cell)
            if isinstance(label, QLabel) and clean_label(label.text()):
                return clean_label(label.text()), cell
        cell = parent
    return None


def group_title(widget: QWidget) -> str:
    """The title of the group box around ``widget`` (a few levels up), or ''."""
    parent = widget.parentWidget()
    for _ in range(MAX_DEPTH + 1):
        if parent is None or parent.isWindow():
            return ""
        if isinstance(parent, QGroupBox) and clean_label(parent.title()):
            return clean_label(parent.title())
        parent = parent.parentWidget()
    return ""


def tab_title(widget: QWidget) -> str:
    """The title of the tab whose page holds ``widget`` (a few levels up), or ''."""
    cell: QWidget | None = widget
    for _ in range(MAX_DEPTH + 1):
        parent = cell.parentWidget() if cell is not None else None
        if cell is None or parent is None or cell.isWindow():
            return ""
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget) and tabs.indexOf(cell) >= 0:
            return clean_label(tabs.tabText(tabs.indexOf(cell)))
        cell = parent
    return ""


def unlabelled_button(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton) and not widget.text().strip()


def name_from_form_label(widget: QWidget) -> None:
    """Give an unnamed input field its form label (a table its group box) as name."""
    if widget.accessibleName() or not (is_input(widget) or unlabelled_button(widget)):
        return
    if widget.objectName() == "qt_tableview_cornerbutton":
        widget.setAccessibleName("Alle cellen selecteren")
        return
    found = form_label(widget)
    if found is None:
        if isinstance(widget, QAbstractItemView) and (
                title := group_title(widget) or tab_title(widget)):
            widget.setAccessibleName(title)
        return
    label, cell = found
    inputs = [w for w in (cell, *cell.findChildren(QWidget)) if is_own_input(w, cell)]
    if len(inputs) > 1 and widget in inputs:
        label = f"{label} {inputs.index(widget) + 1}"
    widget.setAccessibleName(label)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def needs_name(widget: QWidget) -> bool:
    """Whether ``widget`` is something a user operates (so it must have a name)."""
    return is_input(widget) or isinstance(widget, QAbstractButton)
