"""'Scholen koppelen': map the free-text schools of older pupils to school records (issue 21).

Left every school text that has no record yet, with its number of pupils. Right the records it
plausibly means (the list-matching rule, best first) and a form for a new school prefilled with
the text. 'Koppelen' links the pupils with that text; the text itself stays on each pupil, so
nothing is lost, and nothing is linked without a person choosing it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.domain.school import School
from thuiszitter_desktop.services import schools
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import ErrorLabel, field_row


class SchoolMergeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Scholen koppelen")
        self.resize(900, 520)
        self.texts = QListWidget()
        self.texts.setAccessibleName("Scholen zonder koppeling")
        self.texts.currentRowChanged.connect(lambda _row: self._show_choices())
        self.matches = QListWidget()
        self.matches.setAccessibleName("Bestaande scholen die erop lijken")
        self.matches.currentRowChanged.connect(lambda _row: self._choose_existing())
        self.use_existing = QRadioButton("Koppelen aan een bestaande &school")
        self.make_new = QRadioButton("Een &nieuwe school maken")
        self.make_new.toggled.connect(self._toggle_new)
        self.name, self.brin, self.vestiging, self.gemeente = (QLineEdit() for _ in range(4))
        self.brin.setPlaceholderText("bijv. 12AB (leeg als onbekend)")
        self.vestiging.setPlaceholderText("bijv. 00")
        count_characters(SHORT_TEXT, self.name, self.gemeente)
        new_box = QGroupBox("Nieuwe school")
        form = QFormLayout(new_box)
        self.errors = {key: field_row(form, label, widget) for key, label, widget in (
            ("name", "Naam", self.name), ("brin", "BRIN-nummer", self.brin),
            ("vestiging", "Vestiging", self.vestiging), ("gemeente", "Gemeente", self.gemeente))}
        self.new_box = new_box
        self.link_button = QPushButton("&Koppelen")
        self.link_button.clicked.connect(self.link)
        self.summary = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(QLabel("<b>School zoals getypt bij de leerling</b>"))
        left.addWidget(self.texts, 1)
        right = QVBoxLayout()
        right.addWidget(self.use_existing)
        right.addWidget(self.matches, 1)
        right.addWidget(self.make_new)
        right.addWidget(new_box)
        right.addWidget(self.summary)
        right.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignRight)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        intro = QLabel("Koppel elke school die bij leerlingen als tekst is ingevuld aan een "
                       "school uit de lijst, of maak een nieuwe school. De getypte tekst blijft "
                       "bij de leerling staan; er gaat niets verloren. Een zorgcoördinator ziet "
                       "alleen leerlingen die aan zijn of haar school gekoppeld zijn.")
        intro.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.done_label)
        layout.addWidget(close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.link)
        self.reload()

    def reload(self) -> None:
        self.unmapped = schools.unmapped(self.ctx)
        self.texts.clear()
        for entry in self.unmapped:
            noun = "leerling" if entry.pupils == 1 else "leerlingen"
            self.texts.addItem(f"{entry.text} ({entry.pupils} {noun})")
        if not self.unmapped:
            self.done_label.setText("Alle scholen van leerlingen zijn gekoppeld.")
        self.texts.setCurrentRow(0 if self.unmapped else -1)
        self._show_choices()

    def _show_choices(self) -> None:
        row = self.texts.currentRow()
        entry = self.unmapped[row] if 0 <= row < len(self.unmapped) else None
        self.matches.clear()
        for match in entry.matches if entry else ():
            item = QListWidgetItem(match.school.label)
            item.setData(Qt.ItemDataRole.UserRole, match.school.id)
            self.matches.addItem(item)
        if entry is not None:
            self.name.setText(entry.text.strip())
            self.brin.clear()
            self.vestiging.clear()
            self.gemeente.clear()
        has_match = self.matches.count() > 0
        self.use_existing.setEnabled(has_match)
        (self.use_existing if has_match else self.make_new).setChecked(True)
        if has_match:
            self.matches.setCurrentRow(0)
        self.link_button.setEnabled(entry is not None)
        self._toggle_new(self.make_new.isChecked())

    def _choose_existing(self) -> None:
        if self.matches.currentRow() >= 0:
            self.use_existing.setChecked(True)

    def _toggle_new(self, new: bool) -> None:
        self.new_box.setEnabled(new)

    def link(self) -> None:
        row = self.texts.currentRow()
        if not 0 <= row < len(self.unmapped):
            return
        entry = self.unmapped[row]
        if self.use_existing.isChecked() and self.matches.currentItem() is not None:
            chosen_id = str(self.matches.currentItem().data(Qt.ItemDataRole.UserRole))
            school = next(m.school for m in entry.matches if m.school.id == chosen_id)
        else:
            school = School(name=self.name.text(), brin=self.brin.text(),
                            vestiging=self.vestiging.text(), gemeente=self.gemeente.text())
        try:
            count = schools.map_text(self.ctx, entry.text, school)
        except ValidationError as exc:
            for key, label in self.errors.items():
                label.show_message(exc.errors.get(key))
            self.summary.show_message("Niet gekoppeld: " + exc.message)
            return
        except UserError as exc:
            self.summary.show_message(exc.message)
            return
        for label in self.errors.values():
            label.show_message(None)
        self.summary.show_message(None)
        noun = "leerling" if count == 1 else "leerlingen"
        self.done_label.setText(f"'{entry.text}' gekoppeld aan {school.label} ({count} {noun}).")
        self.reload()
