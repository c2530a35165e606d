"""The pupil and case fields of the case window, with inline Dutch validation messages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    HuidigeSituatie,
    Ondersteuningsvraag,
    Onderwijstype,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    Wachtlijst,
)
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    DateField,
    EnumCombo,
    ErrorLabel,
    OptionalDateField,
    field_row,
    number_field,
)


class CaseForm(QWidget):
    """Edits a Pupil and a Case; ``values()`` returns new objects, originals untouched."""

    edited = Signal()

    def __init__(self, pupil: Pupil, case: Case, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pupil = pupil
        self._case = case
        self.errors: dict[str, ErrorLabel] = {}

        self.first_name = QLineEdit(pupil.first_name)
        self.last_name = QLineEdit(pupil.last_name)
        self.birth_date = DateField(pupil.birth_date)
        self.school = QLineEdit(pupil.school)
        self.school.setPlaceholderText("Leeg laten als de leerling niet ingeschreven is")
        self.leerjaar = QLineEdit(pupil.leerjaar)
        self.onderwijstype = EnumCombo(Onderwijstype)
        self.onderwijstype.set_value(pupil.onderwijstype)
        self.gemeente = QLineEdit(pupil.gemeente)
        self.swv = QLineEdit(pupil.swv)
        self.address = QLineEdit(pupil.address)
        self.address.setPlaceholderText("Optioneel")

        self.aanmelding_date = DateField(case.aanmelding_date)
        self.home_since = OptionalDateField("bekend", case.home_since, today)
        self.verzuim_type = EnumCombo(VerzuimType)
        self.verzuim_type.set_value(case.verzuim_type)
        self.percentage = number_field(0, 100, case.education_percentage, " %")
        self.regie = EnumCombo(Regie)
        self.regie.set_value(case.regie)
        self.casusverantwoordelijke = QLineEdit(case.casusverantwoordelijke)
        self.consulent = QLineEdit(case.consulent)
        self.stage = EnumCombo(CaseStage)
        self.stage.set_value(case.stage)
        self.stage.setEnabled(case.is_open)
        self.passend_aanbod_date = OptionalDateField("gestart op", case.passend_aanbod_date,
                                                     today)
        self.passend_aanbod_kind = QLineEdit(case.passend_aanbod_kind)
        self.passend_aanbod_kind.setPlaceholderText("Bijv. maatwerkrooster, dagbesteding, zorg")
        self.ondersteuningsvraag = EnumCombo(Ondersteuningsvraag, optional=True)
        self.ondersteuningsvraag.set_value(case.ondersteuningsvraag)
        self.huidige_situatie = EnumCombo(HuidigeSituatie, optional=True)
        self.huidige_situatie.set_value(case.huidige_situatie)
        self.wachtlijst = EnumCombo(Wachtlijst)
        self.wachtlijst.set_value(case.wachtlijst)
        self.stagnatie = EnumCombo(StagnatieOorzaak, optional=True, empty_label="— geen —")
        self.stagnatie.set_value(case.stagnatie_oorzaak)
        self.notes = QPlainTextEdit(case.notes)
        self.notes.setPlaceholderText("Korte notities (geen medische details die niet nodig "
                                      "zijn)")
        self.notes.setMaximumHeight(90)
        count_characters(SHORT_TEXT, self.first_name, self.last_name, self.school,
                         self.leerjaar, self.gemeente, self.swv, self.address,
                         self.casusverantwoordelijke, self.consulent, self.passend_aanbod_kind)
        count_characters(LONG_TEXT, self.notes)

        pupil_box = QGroupBox("Leerling")
        pupil_form = QFormLayout(pupil_box)
        self._row(pupil_form, "Voornaam *", self.first_name, "first_name")
        self._row(pupil_form, "Achternaam *", self.last_name, "last_name")
        self._row(pupil_form, "Geboortedatum *", self.birth_date, "birth_date")
        self._row(pupil_form, "School", self.school, "school")
        self._row(pupil_form, "Groep / klas", self.leerjaar, "leerjaar")
        self._row(pupil_form, "Onderwijstype", self.onderwijstype, "onderwijstype")
        self._row(pupil_form, "Gemeente", self.gemeente, "gemeente")
        self._row(pupil_form, "Samenwerkingsverband", self.swv, "swv")
        self._row(pupil_form, "Adres", self.address, "address")

        case_box = QGroupBox("Casus")
        case_form = QFormLayout(case_box)
        self._row(case_form, "Datum aanmelding *", self.aanmelding_date, "aanmelding_date")
        self._row(case_form, "Thuis / onder 50% sinds", self.home_since, "home_since")
        self._row(case_form, "Soort verzuim", self.verzuim_type, "verzuim_type")
        self._row(case_form, "Onderwijs gevolgd", self.percentage, "education_percentage")
        self._row(case_form, "Regie", self.regie, "regie")
        self._row(case_form, "Casusverantwoordelijke", self.casusverantwoordelijke,
                  "casusverantwoordelijke")
        self._row(case_form, "Consulent", self.consulent, "consulent")
        self._row(case_form, "Fase", self.stage, "stage")

        policy_box = QGroupBox("Aanbod en registratie")
        policy_form = QFormLayout(policy_box)
        self._row(policy_form, "Passend aanbod", self.passend_aanbod_date, "passend_aanbod_date")
        self._row(policy_form, "Soort aanbod", self.passend_aanbod_kind, "passend_aanbod_kind")
        self._row(policy_form, "Ondersteuningsvraag", self.ondersteuningsvraag,
                  "ondersteuningsvraag")
        self._row(policy_form, "Huidige situatie", self.huidige_situatie, "huidige_situatie")
        self._row(policy_form, "Wachtlijst", self.wachtlijst, "wachtlijst")
        self._row(policy_form, "Stagnatie-oorzaak", self.stagnatie, "stagnatie_oorzaak")
        self._row(policy_form, "Notities", self.notes, "notes")

        left = QVBoxLayout()
        left.addWidget(pupil_box)
        left.addWidget(policy_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(case_box)
        right.addStretch(1)
        columns = QHBoxLayout(self)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        for widget in (self.first_name, self.last_name, self.school, self.leerjaar,
                       self.gemeente, self.swv, self.address, self.casusverantwoordelijke,
                       self.consulent, self.passend_aanbod_kind):
            widget.textEdited.connect(self.edited)
        for combo in (self.onderwijstype, self.verzuim_type, self.regie, self.stage,
                      self.ondersteuningsvraag, self.huidige_situatie, self.wachtlijst,
                      self.stagnatie):
            combo.activated.connect(self.edited)
        self.birth_date.dateChanged.connect(self.edited)
        self.aanmelding_date.dateChanged.connect(self.edited)
        self.home_since.changed.connect(self.edited)
        self.passend_aanbod_date.changed.connect(self.edited)
        self.percentage.valueChanged.connect(self.edited)
        self.notes.textChanged.connect(self.edited)

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        self.errors[field] = field_row(form, label, widget)

    def values(self) -> tuple[Pupil, Case]:
        pupil = replace(
            self._pupil, first_name=self.first_name.text(), last_name=self.last_name.text(),
            birth_date=self.birth_date.value(), school=self.school.text(),
            leerjaar=self.leerjaar.text(),
            onderwijstype=self.onderwijstype.member(),
            gemeente=self.gemeente.text(), swv=self.swv.text(), address=self.address.text(),
        )
        case = replace(
            self._case, aanmelding_date=self.aanmelding_date.value(),
            home_since=self.home_since.value(),
            verzuim_type=self.verzuim_type.member(),
            education_percentage=self.percentage.value(),
            regie=self.regie.member(),
            casusverantwoordelijke=self.casusverantwoordelijke.text(),
            consulent=self.consulent.text(),
            stage=self.stage.member(),
            passend_aanbod_date=self.passend_aanbod_date.value(),
            passend_aanbod_kind=self.passend_aanbod_kind.text(),
            ondersteuningsvraag=self.ondersteuningsvraag.value(),
            huidige_situatie=self.huidige_situatie.value(),
            wachtlijst=self.wachtlijst.member(),
            stagnatie_oorzaak=self.stagnatie.value(),
            notes=self.notes.toPlainText(),
        )
        return pupil, case

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Show each message under its field; returns the first field's error label."""
        first: QWidget | None = None
        for field, label in self.errors.items():
            label.show_message(errors.get(field))
            if field in errors and first is None:
                first = label
        return first
