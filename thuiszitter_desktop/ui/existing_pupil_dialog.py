"""'Bestaat deze leerling al?': asked before registering a pupil who is probably known.

Registering a pupil twice splits their history over two cases and makes the MDO suggest them
twice. When a pupil with the same birth date and a similar name exists (closed cases
included), the user sees who it is and chooses: open that case, register anyway, or go back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.pupil_lookup import ExistingPupil, probable_existing_pupils


class Choice(Enum):
    OPEN = auto()  # open the existing case instead
    REGISTER = auto()  # a different child after all: register
    BACK = auto()  # back to the form


class ExistingPupilDialog(QDialog):
    def __init__(self, matches: Sequence[ExistingPupil], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches = list(matches)
        self.choice = Choice.BACK
        self.setWindowTitle("Bestaat deze leerling al?")
        one = len(self.matches) == 1
        intro = QLabel(
            ("Er staat al een leerling in de kluis met dezelfde geboortedatum en een naam die "
             "erop lijkt:" if one else
             "Er staan al leerlingen in de kluis met dezelfde geboortedatum en een naam die "
             "erop lijkt:")
            + " is dit dezelfde leerling? Open dan de bestaande casus, zodat alles over de "
              "leerling bij elkaar blijft.")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Bestaande leerlingen")
        self.list.setWordWrap(True)
        for match in self.matches:
            self.list.addItem(match.description)
        self.list.setCurrentRow(0)
        self.list.setMinimumWidth(560)
        self.list.setMaximumHeight(20 + 44 * min(len(self.matches), 5))
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Bestaande casus &openen",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.register_button = buttons.addButton("Toch &nieuw registreren",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        back = buttons.addButton("&Terug naar het formulier",
                                 QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(lambda: self._choose(Choice.OPEN))
        self.register_button.clicked.connect(lambda: self._choose(Choice.REGISTER))
        back.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._choose(Choice.OPEN))

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def chosen_case_id(self) -> str:
        return self.matches[max(self.list.currentRow(), 0)].case.id


@dataclass
class ExistingCheck:
    """Asks about a probable existing pupil once per name and birth date typed."""

    ctx: AppContext
    parent: QWidget
    confirmed_new: tuple[str, str, str] | None = None
    open_case_id: str | None = None

    def go_on(self, pupil: Pupil) -> bool:
        """Whether to register ``pupil``; False when the user goes back or opens a known
        case instead (then ``open_case_id`` is set)."""
        key = (pupil.first_name.strip(), pupil.last_name.strip(), pupil.birth_date.isoformat())
        if key == self.confirmed_new or not (key[0] and key[1]):
            return True
        matches = probable_existing_pupils(self.ctx, pupil)
        if not matches:
            return True
        dialog = ExistingPupilDialog(matches, self.parent)
        dialog.exec()
        if dialog.choice is Choice.OPEN:
            self.open_case_id = dialog.chosen_case_id()
            return False
        if dialog.choice is Choice.REGISTER:
            self.confirmed_new = key
            return True
        return False
