"""Tabs of the case window listing contact moments and involved professionals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import ContactMoment, InvolvedProfessional
from thuiszitter_desktop.domain.vocab import ContactKind, ProfessionalRole
from thuiszitter_desktop.services import cases, consent
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import fill_table, list_table
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import ConsentGate, EnumCombo, ErrorLabel, clear_when_edited

T = TypeVar("T")
Action = Callable[[AppContext, T], None]


class _CaseListTab(QWidget, Generic[T]):
    """The case's records of one kind, each saved or deleted on its own through a service.

    The table with 'Verwijderen' (after a confirmation) above a box with the fields of a new
    record, its error message and the add button. A subclass passes its fields and says how a
    row is shown (``cells``), made (``from_fields``) and what to ask before deleting it.
    """

    changed = Signal()  # a record was added or deleted

    def __init__(self, ctx: AppContext, case_id: str, items: list[T], list_name: str,
                 headers: Sequence[str], box_title: str,
                 fields: Sequence[tuple[str, QWidget]], add_text: str,
                 save: Action[T], delete: Action[T], remove_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._items = items
        self._save, self._delete, self._remove_title = save, delete, remove_title
        self.table = list_table(headers)
        self.table.setAccessibleName(list_name)
        self.error = ErrorLabel()
        self.add_button = QPushButton(add_text)
        self.remove = QPushButton("Verwijderen")

        box = QGroupBox(box_title)
        form = QFormLayout(box)
        for label, field in fields:
            form.addRow(label, field)
            clear_when_edited(field, self.error)
        form.addRow("", self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        form.addRow(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        self._row_buttons = QHBoxLayout()
        self._row_buttons.addStretch(1)
        self._row_buttons.addWidget(self.remove)
        layout.addLayout(self._row_buttons)
        layout.addWidget(box)
        self.add_button.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self._show()

    # -- what a subclass says ----------------------------------------------------------------
    def cells(self, item: T) -> list[str]:
        raise NotImplementedError

    def from_fields(self) -> T:
        raise NotImplementedError

    def remove_question(self, item: T) -> str:
        raise NotImplementedError

    def insert(self, item: T) -> None:
        self._items.append(item)

    def add_row_button(self, button: QPushButton) -> None:
        """Another action on the chosen row, beside 'Verwijderen'."""
        self._row_buttons.insertWidget(1, button)

    def after_add(self) -> None:
        """Empty the fields that should not carry over to the next record."""

    def typed_fields(self) -> Sequence[QLineEdit]:
        """The text fields of a new record that hold something the user typed."""
        raise NotImplementedError

    # -- a new record typed but not yet added (the case window asks before closing) ---------
    def has_unsaved_changes(self) -> bool:
        return any(field.text().strip() for field in self.typed_fields())

    def save_changes(self) -> bool:
        """Add the record typed in the fields, if any; False when it cannot be stored."""
        return self._add() if self.has_unsaved_changes() else True

    # -- the list ----------------------------------------------------------------------------
    def _show(self) -> None:
        fill_table(self.table, [self.cells(item) for item in self._items])
        self.remove.setEnabled(bool(self._items))

    def _add(self) -> bool:
        try:
            item = self.from_fields()
            self._save(self._ctx, item)
        except UserError as exc:
            self.error.show_message(exc.message)
            return False
        self.error.show_message(None)
        self.insert(item)
        self.after_add()
        self._show()
        self.changed.emit()
        return True

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        item = self._items[row]
        answer = QMessageBox.question(self, self._remove_title, self.remove_question(item))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._delete(self._ctx, item)
        del self._items[row]
        self._show()
        self.changed.emit()


class ContactsTab(_CaseListTab[ContactMoment]):
    """Contact moments; the first *conversation* (face to face or video) with pupil or
    parents stops the two-week clock. Contact with a care provider needs consent that names
    them (the gate says so before adding)."""

    kind_changed = Signal()

    def __init__(self, ctx: AppContext, case_id: str, contacts: list[ContactMoment],
                 parent: QWidget | None = None) -> None:
        on = DateField(ctx.today(), ctx.today(), key="on",
                       required="Vul de datum van het contact in.")
        kind = EnumCombo(ContactKind)
        on.edit.setAccessibleName("Datum van het contact")
        kind.setAccessibleName("Soort contact")
        kind.setToolTip("Alleen een gesprek (huisbezoek, op school of kantoor, of video) telt "
                        "als eerste gesprek; telefoon, e-mail en berichten niet.")
        with_family = QCheckBox("Contact met leerling en/of ouders")
        with_family.setChecked(True)
        provider = QComboBox()
        provider.setAccessibleName("Contact met zorgverlener")
        participants = QLineEdit()
        participants.setPlaceholderText("Bijv. leerling, moeder, mentor")
        participants.setAccessibleName("Deelnemers")
        notes = QLineEdit()
        notes.setPlaceholderText("Korte notitie")
        count_characters(LONG_TEXT, participants, notes)
        notes.setAccessibleName("Notitie")
        self.gate = ConsentGate("contact met deze zorgverlener")
        super().__init__(
            ctx, case_id, contacts, "Contactmomenten",
            ["Datum", "Soort", "Telt als gesprek", "Met leerling/ouders", "Deelnemers",
             "Notities"],
            "Nieuw contactmoment",
            [("Datum", on), ("Soort", kind), ("", with_family), ("Zorgverlener", provider),
             ("", self.gate), ("Deelnemers", participants), ("Notitie", notes)],
            "Contactmoment toevoegen", cases.save_contact, cases.delete_contact,
            "Contactmoment verwijderen", parent)
        self.on, self.kind, self.with_family = on, kind, with_family
        self.provider, self.participants, self.notes = provider, participants, notes
        self.kind_button = QPushButton("Soort &aanpassen…")
        self.kind_button.setToolTip("De soort van het gekozen contact corrigeren (bijv. een "
                                    "videogesprek dat als telefoon is vastgelegd)")
        self.add_row_button(self.kind_button)
        self.kind_button.clicked.connect(self.change_kind)
        provider.currentIndexChanged.connect(self.refresh_gate)
        self.refresh_providers()

    def refresh_providers(self) -> None:
        """The involved professionals a contact may be with (after 'Betrokkenen' changed)."""
        current = self.provider.currentData()
        self.provider.blockSignals(True)
        self.provider.clear()
        self.provider.addItem("— geen zorgverlener —", None)
        for person in cases.list_professionals(self._ctx, self._case_id):
            self.provider.addItem(f"{person.name} ({person.role.label})", person.id)
        self.provider.setCurrentIndex(max(0, self.provider.findData(current)))
        self.provider.blockSignals(False)
        self.refresh_gate()

    def refresh_gate(self) -> None:
        chosen = self.provider.currentData()
        reasons = [] if chosen is None else consent.gaps(
            self._ctx, self._case_id, Step.ZORGVERLENER, chosen)
        self.gate.show_reasons(reasons)

    def change_kind(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            self.error.show_message("Kies eerst het contactmoment.")
            return
        item = self._items[row]
        names = [kind.label for kind in ContactKind]
        label, ok = QInputDialog.getItem(
            self, "Soort aanpassen", f"Soort van het contact van {format_date(item.on)}:",
            names, names.index(item.kind.label), False)
        if not ok:
            return
        kind = next(k for k in ContactKind if k.label == label)
        self._items[row] = cases.change_contact_kind(self._ctx, item, kind)
        self._show()
        self.kind_changed.emit()

    def cells(self, item: ContactMoment) -> list[str]:
        if item.is_family_conversation:
            counts = "ja"
        elif item.kind_assumed:
            counts = "nee (soort aangenomen bij update: controleer)"
        else:
            counts = "nee"
        return [format_date(item.on), item.kind.label, counts,
                "ja" if item.with_pupil_or_parents else "nee", item.participants, item.notes]

    def from_fields(self) -> ContactMoment:
        return ContactMoment(case_id=self._case_id, on=self.on.day(), kind=self.kind.member(),
                             with_pupil_or_parents=self.with_family.isChecked(),
                             participants=self.participants.text(), notes=self.notes.text(),
                             care_provider_id=self.provider.currentData())

    def remove_question(self, item: ContactMoment) -> str:
        return f"Het contactmoment van {format_date(item.on)} verwijderen?"

    def insert(self, item: ContactMoment) -> None:
        self._items = sorted([*self._items, item], key=lambda c: c.on, reverse=True)

    def after_add(self) -> None:
        self.participants.clear()
        self.notes.clear()

    def typed_fields(self) -> Sequence[QLineEdit]:
        return (self.participants, self.notes)


class ProfessionalsTab(_CaseListTab[InvolvedProfessional]):
    """Who is involved around the pupil (school contacts, JGZ, jeugdteam, SWV …)."""

    def __init__(self, ctx: AppContext, case_id: str, people: list[InvolvedProfessional],
                 parent: QWidget | None = None) -> None:
        name, role = QLineEdit(), EnumCombo(ProfessionalRole)
        organisation, phone, email = QLineEdit(), QLineEdit(), QLineEdit()
        count_characters(SHORT_TEXT, name, organisation, phone, email)
        super().__init__(
            ctx, case_id, people, "Betrokkenen",
            ["Naam", "Rol", "Organisatie", "Telefoon", "E-mail"],
            "Nieuwe betrokkene",
            [("Naam *", name), ("Rol", role), ("Organisatie", organisation),
             ("Telefoon", phone), ("E-mail", email)],
            "Betrokkene toevoegen", cases.save_professional, cases.delete_professional,
            "Betrokkene verwijderen", parent)
        self.name, self.role, self.organisation = name, role, organisation
        self.phone, self.email = phone, email

    def cells(self, item: InvolvedProfessional) -> list[str]:
        return [item.name, item.role.label, item.organisation, item.phone, item.email]

    def from_fields(self) -> InvolvedProfessional:
        return InvolvedProfessional(
            case_id=self._case_id, name=self.name.text(), role=self.role.member(),
            organisation=self.organisation.text(), phone=self.phone.text(),
            email=self.email.text(),
        )

    def remove_question(self, item: InvolvedProfessional) -> str:
        return f"{item.name} verwijderen uit deze casus?"

    def after_add(self) -> None:
        for field in (self.name, self.organisation, self.phone, self.email):
            field.clear()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def typed_fields(self) -> Sequence[QLineEdit]:
        return (self.name, self.organisation, self.phone, self.email)
