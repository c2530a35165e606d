"""Before registering a pupil from a list: is this pupil perhaps already in the vault?

Closed cases and near-miss spellings count too (``list_compare.pupils_like``): reopening the
pupil's case keeps one dossier, where registering again would make a duplicate pupil.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from thuiszitter_desktop.domain.definitions import CaseEntry
from thuiszitter_desktop.domain.reconcile import ListEntry


class Choice(Enum):
    REOPEN = "heropenen"
    NEW = "nieuw"
    CANCEL = "annuleren"


def _describe(found: CaseEntry) -> str:
    pupil, case = found
    state = ("open casus" if case.is_open
             else f"casus afgesloten op {case.closed_on:%d-%m-%Y}")
    school = f", {pupil.school}" if pupil.school.strip() else ""
    return f"• {pupil.full_name} (geboren {pupil.birth_date:%d-%m-%Y}{school}): {state}"


def ask_existing(parent: QWidget, entry: ListEntry, found: Sequence[CaseEntry]) -> Choice:
    """Ask what to do when ``found`` (best first) may hold the pupil of ``entry``."""
    best_pupil, best_case = found[0]
    listed = "\n".join(_describe(f) for f in found)
    text = (f"In de lijst staat {entry.full_name}, geboren {entry.birth_date:%d-%m-%Y}. "
            f"Deze leerling staat mogelijk al in de kluis:\n\n{listed}\n\n")
    box = QMessageBox(QMessageBox.Icon.Question, "Staat deze leerling al in de kluis?", "",
                      QMessageBox.StandardButton.NoButton, parent)
    reopen = None
    if best_case.is_open:
        text += ("Die leerling heeft al een open casus. Is het dezelfde leerling, maak dan "
                 "geen nieuwe aan.")
    else:
        text += ("Is het dezelfde leerling? Heropen dan de casus: het dossier blijft bij "
                 "elkaar en er komt geen tweede leerling.")
        reopen = box.addButton(f"Casus van {best_pupil.full_name} &heropenen",
                               QMessageBox.ButtonRole.AcceptRole)
    box.setText(text)
    new = box.addButton("Toch een &nieuwe leerling registreren",
                        QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reopen or cancel)
    box.exec()
    clicked = box.clickedButton()
    if reopen is not None and clicked is reopen:
        return Choice.REOPEN
    return Choice.NEW if clicked is new else Choice.CANCEL
