"""Plan or edit an MDO: when and where, who comes, and which pupils with which question."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.domain.mdo import Mdo, MdoAgendaItem, MdoParticipant, MdoRole
from thuiszitter_desktop.domain.mdo_suggest import Suggestion, suggestion_labels
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo, ErrorLabel, with_error

P_NAME, P_ROLE, P_ORG, P_FOR, P_CONSENT = range(5)
WHOLE_MEETING = "Hele overleg"


class MdoDialog(QDialog):
    """Edits a copy of ``mdo``; the meeting is saved only with 'Opslaan'."""

    def __init__(self, ctx: AppContext, mdo: Mdo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("MDO plannen")
        self.resize(1000, 760)
        self._ctx = ctx
        self.mdo = mdo
        self._items = {item.case_id: item for item in mdo.items}
        self._names = mdo_service.pupil_names(ctx, mdo.case_ids)
        self._suggestions: list[Suggestion] = []

        self.on = DateField(mdo.on, ctx.today(), key="on",
                            required="Vul de datum van het MDO in.")
        self.on_error = ErrorLabel()
        self.start = QTimeEdit(QTime(mdo.start_time.hour, mdo.start_time.minute))
        self.start.setDisplayFormat("HH:mm")
        self.start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.location = QLineEdit(mdo.location)
        self.video_link = QLineEdit(mdo.video_link)
        self.chair = QLineEdit(mdo.chair)
        self.school = QLineEdit(mdo.school)
        count_characters(SHORT_TEXT, self.location, self.video_link, self.chair, self.school)
        form = QFormLayout()
        for label, widget in (("&Datum", with_error(self.on, self.on_error)),
                              ("&Begintijd", self.start),
                              ("&Plaats", self.location), ("&Videolink", self.video_link),
                              ("&Voorzitter", self.chair), ("&School", self.school)):
            form.addRow(label, widget)

        self.participants = QTableWidget(0, 5)
        self.participants.setHorizontalHeaderLabels(
            ["Naam", "Rol", "Organisatie", "Komt voor", "Toestemming"])
        consent_header = QTableWidgetItem("Toestemming")
        consent_header.setToolTip(
            "Aangevinkt: de toestemming van ouders dekt dat deze deelnemer erbij is.")
        self.participants.setHorizontalHeaderItem(P_CONSENT, consent_header)
        header = self.participants.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(P_CONSENT, QHeaderView.ResizeMode.ResizeToContents)
        self.participants.setMinimumHeight(170)
        self.add_person = QPushButton("Deelnemer &toevoegen")
        self.remove_person = QPushButton("Deelnemer verwijderen")
        people_box = _box("Deelnemers", self.participants, self.add_person, self.remove_person)

        self.suggested = QListWidget()
        self.suggested.setWordWrap(True)
        self.suggested.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.refresh = QPushButton("Voorstellen &vernieuwen")
        self.take = QPushButton("Aangevinkte leerlingen &op de agenda")
        suggest_box = _box("Voorgestelde leerlingen", self.suggested, self.refresh, self.take)
        self.agenda = QTableWidget(0, 3)
        self.agenda.setHorizontalHeaderLabels(["Leerling", "Aanleiding", "Vraag voor dit MDO"])
        self.agenda.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.agenda.setColumnWidth(0, 150)
        self.agenda.setColumnWidth(1, 190)
        self.agenda.setWordWrap(True)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setToolTip("Laat de vraag leeg voor een standaardvraag op basis van de "
                               "aanleiding.")
        self.remove_pupil = QPushButton("Leerling van de agenda &halen")
        agenda_box = _box("Op de agenda", self.agenda, self.remove_pupil)

        self.error = ErrorLabel()
        # A plain button: a standard Save button brings its own Ctrl+S, which would make the
        # dialog's shortcut ambiguous so neither fires.
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip("Opslaan (Ctrl+S)")
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        pupils = QHBoxLayout()
        pupils.addWidget(suggest_box, 2)
        pupils.addWidget(agenda_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(people_box, 1)
        layout.addLayout(pupils, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.add_person.clicked.connect(lambda: self.add_participant(None))
        self.remove_person.clicked.connect(
            lambda: self.participants.removeRow(self.participants.currentRow()))
        self.refresh.clicked.connect(self.load_suggestions)
        self.take.clicked.connect(self.take_checked)
        self.remove_pupil.clicked.connect(self.remove_current_pupil)
        for person in mdo.participants:
            self.add_participant(person)
        for item in mdo.items:
            self._add_agenda_row(item)
        self.load_suggestions()

    # -- participants ---------------------------------------------------------------------
    def add_participant(self, person: MdoParticipant | None) -> None:
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        name = QTableWidgetItem(person.name if person else "")
        name.setData(Qt.ItemDataRole.UserRole, person.id if person else None)
        self.participants.setItem(row, P_NAME, name)
        role = EnumCombo(MdoRole)
        role.setAccessibleName("Rol")
        role.set_value(person.role if person else MdoRole.MENTOR)
        self.participants.setCellWidget(row, P_ROLE, role)
        self.participants.setItem(row, P_ORG, QTableWidgetItem(person.organisation
                                                               if person else ""))
        self.participants.setCellWidget(row, P_FOR, self._pupil_combo(
            person.case_id if person else None))
        consent = QTableWidgetItem()
        consent.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        covered = person.consent_covers_attendance if person else False
        consent.setCheckState(Qt.CheckState.Checked if covered else Qt.CheckState.Unchecked)
        self.participants.setItem(row, P_CONSENT, consent)
        if person is None:
            self.participants.setCurrentCell(row, P_NAME)
            self.participants.editItem(name)

    def _pupil_combo(self, case_id: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName("Komt voor")
        combo.addItem(WHOLE_MEETING, None)
        for cid in self._items:
            combo.addItem(self._names.get(cid, "Leerling"), cid)
        combo.setCurrentIndex(max(combo.findData(case_id), 0))
        return combo

    def _refresh_pupil_combos(self) -> None:
        for row in range(self.participants.rowCount()):
            old = self.participants.cellWidget(row, P_FOR)
            chosen = old.currentData() if isinstance(old, QComboBox) else None
            self.participants.setCellWidget(row, P_FOR, self._pupil_combo(chosen))

    # -- pupils ---------------------------------------------------------------------------
    def load_suggestions(self) -> None:
        draft = Mdo(on=self.on.value_or(self.mdo.on) or self.mdo.on, start_time=time(9),
                    school=self.school.text(),
                    items=list(self._items.values()))
        self._suggestions = mdo_service.suggestions(self._ctx, draft)
        self.suggested.clear()
        for suggestion, text in zip(self._suggestions, suggestion_labels(self._suggestions),
                                    strict=True):
            snap = suggestion.snapshot
            details = list(suggestion.details)
            if not snap.consent_given:
                # Seed 000: "Er is altijd toestemming van ouders bij een kindbespreking."
                text += " (toestemming voor het MDO ontbreekt)"
                details.append("Leg eerst de toestemming van de ouders (en vanaf 16 van de "
                               "leerling) vast in de casus, tabblad Toestemming.")
            entry = QListWidgetItem(text)
            entry.setToolTip("\n".join(details))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.suggested.addItem(entry)

    def take_checked(self) -> None:
        for index, suggestion in enumerate(self._suggestions):
            if self.suggested.item(index).checkState() is not Qt.CheckState.Checked:
                continue
            snap = suggestion.snapshot
            self._names[snap.case_id] = snap.full_name
            item = MdoAgendaItem(case_id=snap.case_id, reasons=suggestion.reasons)
            self._items[snap.case_id] = item
            self._add_agenda_row(item)
        self._refresh_pupil_combos()
        self.load_suggestions()

    def _add_agenda_row(self, item: MdoAgendaItem) -> None:
        row = self.agenda.rowCount()
        self.agenda.insertRow(row)
        name = QTableWidgetItem(self._names.get(item.case_id, "Leerling"))
        name.setData(Qt.ItemDataRole.UserRole, item.case_id)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        reasons = QTableWidgetItem("; ".join(r.label for r in item.reasons))
        reasons.setFlags(reasons.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.agenda.setItem(row, 0, name)
        self.agenda.setItem(row, 1, reasons)
        self.agenda.setItem(row, 2, QTableWidgetItem(item.question))

    def remove_current_pupil(self) -> None:
        row = self.agenda.currentRow()
        if row < 0:
            return
        case_id = _cell(self.agenda, row, 0).data(Qt.ItemDataRole.UserRole)
        self.agenda.removeRow(row)
        del self._items[case_id]
        self._refresh_pupil_combos()
        self.load_suggestions()

    # -- saving ---------------------------------------------------------------------------
    def _collect(self) -> Mdo:
        people = []
        for row in range(self.participants.rowCount()):
            name = _cell(self.participants, row, P_NAME)
            role = self.participants.cellWidget(row, P_ROLE)
            pupil = self.participants.cellWidget(row, P_FOR)
            assert isinstance(role, EnumCombo) and isinstance(pupil, QComboBox)
            old = next((p for p in self.mdo.participants
                        if p.id == name.data(Qt.ItemDataRole.UserRole)), None)
            person = MdoParticipant(
                name=name.text().strip(), role=MdoRole.from_name(role.currentData()),
                organisation=_cell(self.participants, row, P_ORG).text().strip(),
                case_id=pupil.currentData(),
                consent_covers_attendance=_cell(self.participants, row, P_CONSENT).checkState()
                is Qt.CheckState.Checked,
                attended=old.attended if old else None)
            if old is not None:
                person.id = old.id
            people.append(person)
        items = []
        for row in range(self.agenda.rowCount()):
            item = self._items[_cell(self.agenda, row, 0).data(Qt.ItemDataRole.UserRole)]
            item.question = _cell(self.agenda, row, 2).text().strip()
            items.append(item)
        value = self.start.time()
        return Mdo(id=self.mdo.id, on=self.on.day(),
                   start_time=time(value.hour(), value.minute()),
                   location=self.location.text().strip(),
                   video_link=self.video_link.text().strip(), chair=self.chair.text().strip(),
                   school=self.school.text().strip(), participants=people, items=items,
                   next_mdo_date=self.mdo.next_mdo_date, general_notes=self.mdo.general_notes)

    def save(self) -> None:
        try:
            mdo = self._collect()
            mdo_service.save_mdo(self._ctx, mdo)
        except UserError as error:  # a rule of the meeting, or consent for a pupil missing
            self.error.show_message(error.message)
            return
        self.mdo = mdo
        self.accept()


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item in a cell; an empty one when the user never typed there."""
    return table.item(row, column) or QTableWidgetItem()


def _box(title: str, main: QWidget, *buttons: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(main)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box
