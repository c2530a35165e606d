"""'Wie bent u?': the user's name and function, asked once and kept in the vault.

The name goes on new cases as 'Consulent', in the audit log and on letters; the function on
letters. Both can be changed later under Instellingen.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain import settings as registry
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.widgets import ErrorLabel, save_cancel_buttons, with_error


def role_combo(current: str = registry.CONSULENT_ROLE.default) -> QComboBox:
    combo = QComboBox()
    for key, label in registry.ROLES:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def name_field(current: str = "") -> QLineEdit:
    field = QLineEdit(current)
    field.setPlaceholderText("Voornaam en achternaam, bijv. Anouk Vermeer")
    field.setMinimumWidth(280)
    return field


class ProfileDialog(QDialog):
    """Asks the name and function once (first start, or an older vault without a name)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Wie bent u?")
        profile = settings_service.user_profile(ctx)
        intro = QLabel("Uw naam komt bij nieuwe casussen als consulent, in het logboek en onder "
                       "brieven. U kunt hem later wijzigen onder Bestand → Instellingen.")
        intro.setWordWrap(True)
        self.name = name_field(profile.name)
        self.role = role_combo(profile.role)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Uw &naam *", with_error(self.name, self.error))
        form.addRow("Uw &functie", self.role)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))

    def save(self) -> None:
        try:
            settings_service.save_user_profile(self._ctx, self.name.text(),
                                               str(self.role.currentData()))
        except ValidationError as exc:
            self.error.show_message(exc.message)
            self.name.setFocus()
            return
        self.accept()
