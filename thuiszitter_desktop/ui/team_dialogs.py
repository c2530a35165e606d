"""Small team dialogs: offering local cases to the team, handing a case to a colleague."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services import sync_team
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.widgets import ErrorLabel


class CaseChooser(QWidget):
    """The private cases, each with a tick box; nothing is shared unless ticked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget()
        self.list.setAccessibleName("Casussen op deze laptop")
        self.none = QLabel("Er staan geen eigen casussen op deze laptop.")
        all_button = QPushButton("Alles aanvinken")
        all_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        clear_button = QPushButton("Niets aanvinken")
        clear_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        buttons = QHBoxLayout()
        buttons.addWidget(all_button)
        buttons.addWidget(clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self.list.clear()
        for entry in sync_team.private_cases(self.ctx):
            state = "afgesloten" if entry.case.closed_on else "open"
            item = QListWidgetItem(f"{entry.pupil.full_name} — aanmelding "
                                   f"{entry.case.aanmelding_date:%d-%m-%Y} ({state})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, entry.case.id)
            self.list.addItem(item)
        self.none.setVisible(self.list.count() == 0)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None:
                item.setCheckState(state)

    def chosen(self) -> list[str]:
        found = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found


class ShareCasesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Casussen delen met het team")
        intro = QLabel("Aangevinkte casussen gaan bij de volgende synchronisatie naar het "
                       "team. Wat je niet aanvinkt, blijft alleen op deze laptop.")
        intro.setWordWrap(True)
        self.chooser = CaseChooser(ctx)
        self.chooser.reload()
        buttons = QDialogButtonBox()
        buttons.addButton("Aangevinkte delen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chooser)
        layout.addWidget(buttons)
        self.resize(560, 460)

    def accept(self) -> None:
        chosen = self.chooser.chosen()
        if chosen:
            sync_team.share_cases(self.ctx, chosen)
        super().accept()


class HandOverDialog(QDialog):
    """Overdragen: a colleague becomes the casusverantwoordelijke."""

    def __init__(self, ctx: AppContext, case_id: str, pupil_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.setWindowTitle("Casus overdragen")
        intro = QLabel(f"Aan wie draag je de casus van {pupil_name} over? Die collega wordt "
                       "casusverantwoordelijke; het hele team ziet dat na de volgende "
                       "synchronisatie.")
        intro.setWordWrap(True)
        self.colleague = QComboBox()
        self.colleague.setEditable(True)
        self.colleague.setAccessibleName("Collega")
        self.colleague.setPlaceholderText("Naam van de collega")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Collega", self.colleague)
        buttons = QDialogButtonBox()
        buttons.addButton("Overdragen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 220)
        self.background = Background(self)
        self.background.run("team", lambda: sync_team.team_members(ctx), self._members)

    def _members(self, names: list[str]) -> None:
        typed = self.colleague.currentText()
        self.colleague.clear()
        self.colleague.addItems(names)
        self.colleague.setCurrentText(typed)

    def accept(self) -> None:
        try:
            sync_team.hand_over(self.ctx, self.case_id, self.colleague.currentText())
        except ValidationError as exc:
            self.error.show_message("\n".join(exc.errors.values()))
            return
        super().accept()
