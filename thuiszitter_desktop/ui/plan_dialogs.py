"""Dialogs of the plan editor: recording an evaluation, and printing or saving the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.plan import GoalProgress, PlanVanAanpak
from thuiszitter_desktop.storage.files import atomic_write
from thuiszitter_desktop.ui.widgets import DateField, EnumCombo, ErrorLabel

PdfMaker = Callable[[tuple[str, ...], str | None], bytes]


class EvaluationDialog(QDialog):
    """Per goal: how it stands and a short note; optionally start a new version afterwards."""

    def __init__(self, plan: PlanVanAanpak, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evaluatie vastleggen")
        self.on = DateField(today)
        self.rows: dict[str, tuple[EnumCombo[GoalProgress], QLineEdit]] = {}
        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow("Datum van de evaluatie", self.on)
        layout.addLayout(top)
        for number, goal in enumerate(plan.goals, start=1):
            box = QGroupBox(f"Doel {number}: {goal.description or '(geen omschrijving)'}")
            form = QFormLayout(box)
            progress = EnumCombo(GoalProgress)
            note = QLineEdit()
            note.setPlaceholderText("Wat ging goed, wat niet?")
            form.addRow("Stand", progress)
            form.addRow("Toelichting", note)
            self.rows[goal.id] = (progress, note)
            layout.addWidget(box)
        self.revise = QCheckBox("Daarna een nieuwe versie van het plan maken")
        layout.addWidget(self.revise)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Vastleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._today = today

    def _accept(self) -> None:
        if self.on.value() > self._today:
            self.error.show_message("De evaluatiedatum ligt in de toekomst.")
            return
        self.accept()

    def notes(self) -> dict[str, tuple[GoalProgress, str]]:
        result: dict[str, tuple[GoalProgress, str]] = {}
        for goal_id, (combo, note) in self.rows.items():
            result[goal_id] = (combo.member(), note.text())
        return result


class PrintDialog(QDialog):
    """Names for the signature lines and an optional password, then save or print."""

    def __init__(self, make_pdf: PdfMaker, save: Callable[[bytes], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan afdrukken of opslaan")
        self.setMinimumWidth(480)  # room for the hint without squeezing the fields
        self._make_pdf = make_pdf
        self._save = save
        self.parent1 = QLineEdit()
        self.parent2 = QLineEdit()
        for field in (self.parent1, self.parent2):
            field.setPlaceholderText("Laat leeg voor een lege regel")
        self.protect = QCheckBox("PDF beveiligen met een wachtwoord")
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setEnabled(False)
            self.protect.toggled.connect(field.setEnabled)
        hint = QLabel("Geef het wachtwoord apart door, bijvoorbeeld telefonisch. Afdrukken gaat "
                      "altijd zonder wachtwoord.")
        hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.save_button = QPushButton("PDF &opslaan…")
        self.print_button = QPushButton("&Afdrukken…")
        cancel = QPushButton("Annuleren")
        form = QFormLayout(self)
        form.addRow("Ouder/verzorger 1", self.parent1)
        form.addRow("Ouder/verzorger 2", self.parent2)
        form.addRow(self.protect)
        form.addRow("Wachtwoord", self.password)
        form.addRow("Herhaal wachtwoord", self.repeat)
        form.addRow(hint)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        form.addRow(buttons)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_plan)
        cancel.clicked.connect(self.reject)

    def parent_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.parent1.text().strip(), self.parent2.text().strip()) if n)

    def chosen_password(self) -> str | None:
        """The password, or None without protection; shows a message when it is not usable."""
        if not self.protect.isChecked():
            return None
        if len(self.password.text()) < 6:
            raise ValueError("Kies een wachtwoord van minstens 6 tekens.")
        if self.password.text() != self.repeat.text():
            raise ValueError("De twee wachtwoorden zijn niet gelijk.")
        return self.password.text()

    def save_pdf(self) -> None:
        try:
            password = self.chosen_password()
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        if self._save(self._make_pdf(self.parent_names(), password)):
            self.accept()

    def print_plan(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_pdf(self._make_pdf(self.parent_names(), None), printer)
        self.accept()


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print PDF bytes page by page without writing a file; returns the pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    printed = 0
    if painter.begin(printer):
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                area = painter.viewport()
                points = document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                painter.drawImage(QRectF(0, 0, size.width(), size.height()),
                                  document.render(page, size))
                printed += 1
        finally:
            painter.end()
    document.close()
    buffer.close()
    return printed


def save_pdf(parent: QWidget, suggested: str, data: bytes) -> bool:
    """Ask where to save; the PDF is written only there, nowhere else."""
    path, _ = QFileDialog.getSaveFileName(parent, "PDF opslaan", suggested, "PDF (*.pdf)")
    if not path:
        return False
    atomic_write(Path(path), data)
    return True
