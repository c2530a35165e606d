"""Instellingen: one form built from the declared settings (``domain/settings.py``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain import settings as registry
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import ErrorLabel, number_field, save_cancel_buttons


def _editor(setting: registry.Setting, value: Any) -> QWidget:
    if setting.choices:
        combo = QComboBox()
        for stored, label in setting.choices:
            combo.addItem(label, stored)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        return combo
    if setting.kind is bool:
        box = QCheckBox()
        box.setChecked(bool(value))
        return box
    if setting.kind is int:
        return number_field(setting.minimum or 0, setting.maximum or 999, int(value))
    edit = QLineEdit(str(value))
    edit.setMinimumWidth(320)
    count_characters(SHORT_TEXT, edit)
    return edit


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    assert isinstance(widget, QLineEdit)
    return widget.text()


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Instellingen")
        current = settings_service.load(ctx)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        fields = QWidget()
        form = QFormLayout(fields)
        for setting in registry.ALL:
            editor = _editor(setting, current[setting.key])
            editor.setToolTip(setting.help)
            help_label = QLabel(setting.help)
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #555555;")
            error = ErrorLabel()
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 4)
            column.setSpacing(1)
            column.addWidget(editor)
            column.addWidget(help_label)
            column.addWidget(error)
            form.addRow(setting.label, holder)
            self.editors[setting.key] = editor
            self.errors[setting.key] = error
        buttons = save_cancel_buttons(self.save, self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Deze instellingen staan versleuteld in de kluis.")
        layout.addWidget(intro)
        # In a scroll area the form gets the height its wrapped explanations need (a dialog
        # sized from its hint cut them off); wide enough that each takes a line or two.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(780, 640)

    def save(self) -> None:
        values = {key: _value(widget) for key, widget in self.editors.items()}
        try:
            settings_service.save(self._ctx, values)
        except ValidationError as exc:
            for key, label in self.errors.items():
                label.show_message(exc.errors.get(key))
            return
        self.accept()
