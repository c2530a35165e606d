"""The pupil and case fields of the case window, with inline Dutch validation messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.regie import proposal_reason, proposed_regie
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    HuidigeSituatie,
    KearneyTier,
    Ondersteuningsvraag,
    Onderwijstype,
    OppStatus,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    VrijstellingAdvies,
    Wachtlijst,
)
from thuiszitter_desktop.ui.date_field import DateField, check_dates, format_date
from thuiszitter_desktop.ui.folded_completer import FoldedCompleter
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumChecks,
    EnumCombo,
    ErrorLabel,
    field_row,
    number_field,
)


class CaseForm(QWidget):
    """Edits a Pupil and a Case; ``values()`` returns new objects, originals untouched.

    The regie of a saved case and its passend aanbod are shown here but changed on the tab
    'Aanbod en regie' (as an event with a reason, and as a checked decision); a new case
    starts with the regie the regional rule proposes."""

    edited = Signal()

    def __init__(self, pupil: Pupil, case: Case, today: date, is_new: bool = False,
                 parent: QWidget | None = None, school_names: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self._pupil = pupil
        self._case = case
        self._is_new = is_new
        self._regie_chosen = False  # a new case follows the proposal until the user picks
        self.errors: dict[str, ErrorLabel] = {}

        self.first_name = QLineEdit(pupil.first_name)
        self.last_name = QLineEdit(pupil.last_name)
        # A new pupil starts without a birth date: never a guessed one (age drives consent
        # from 16 and the figures).
        self.birth_date = DateField(None if is_new else pupil.birth_date, today, key="birth_date",
                                    required="Vul de geboortedatum in.")
        self.school = QLineEdit(pupil.school)
        self.school.setPlaceholderText("Leeg laten als de leerling niet ingeschreven is")
        # The team's school records: a name picked here links the pupil to that school.
        # Folded like every search: 'sint jozef' offers "Sint-Jozefschool".
        self.school_completer = FoldedCompleter(list(school_names), self.school)
        self.leerjaar = QLineEdit(pupil.leerjaar)
        self.onderwijstype = EnumCombo(Onderwijstype)
        self.onderwijstype.set_value(pupil.onderwijstype)
        self.gemeente = QLineEdit(pupil.gemeente)
        self.swv = QLineEdit(pupil.swv)
        self.address = QLineEdit(pupil.address)
        self.address.setPlaceholderText("Optioneel")

        self.aanmelding_date = DateField(case.aanmelding_date, today, key="aanmelding_date",
                                         required="Vul de datum van aanmelding in.")
        self.home_since = DateField(case.home_since, today, key="home_since",
                                    empty_means="onbekend")
        self.verzuim_type = EnumCombo(VerzuimType)
        self.verzuim_type.set_value(case.verzuim_type)
        self.percentage = number_field(0, 100, case.education_percentage, " %")
        self.regie = EnumCombo(Regie)
        self.regie.set_value(case.regie)
        self.regie.setAccessibleName("Regie")
        self.regie.setEnabled(is_new)
        if not is_new:
            self.regie.setToolTip("Wijzig de regie op het tabblad 'Aanbod en regie', met de "
                                  "reden.")
        self.regie_proposal = QLabel()
        self.regie_proposal.setWordWrap(True)
        self.regie_proposal.setObjectName("regieProposal")
        self.effective_from = DateField(today, today, key="effective_from",
                                        required="Vul in vanaf wanneer de wijziging geldt.")
        self.effective_from.setAccessibleName("Wijziging van onderwijs of situatie geldt vanaf")
        self.effective_from.setToolTip("Wijzigt u het percentage onderwijs, het soort verzuim "
                                       "of de situatie, dan geldt dat vanaf deze datum (voor "
                                       "de kwartaalcijfers).")
        self.casusverantwoordelijke = QLineEdit(case.casusverantwoordelijke)
        self.consulent = QLineEdit(case.consulent)
        self.stage = EnumCombo(CaseStage)
        self.stage.set_value(case.stage)
        self.stage.setEnabled(case.is_open)
        self.passend_aanbod = QLabel()
        self.passend_aanbod.setWordWrap(True)
        self.passend_aanbod.setAccessibleName("Passend aanbod")
        self.extra_vragen = EnumChecks(Ondersteuningsvraag, "Andere ondersteuningsvragen", 3)
        self.extra_vragen.set_members(case.extra_ondersteuningsvragen)
        self.extra_situaties = EnumChecks(HuidigeSituatie, "Andere situaties", 3)
        self.extra_situaties.set_members(case.extra_situaties)
        self.opp_status = EnumCombo(OppStatus, optional=True, empty_label="— niet gevraagd —")
        self.opp_status.set_value(case.opp_status)
        self.opp_status.setAccessibleName("Ontwikkelingsperspectiefplan (OPP)")
        self.opp_date = DateField(case.opp_date, today, key="opp_date",
                                  empty_means="nog niet opgesteld")
        self.opp_review = DateField(case.opp_review_date, today, key="opp_review_date",
                                    empty_means="geen evaluatie gepland")
        self.kearney = EnumCombo(KearneyTier, optional=True)
        self.kearney.set_value(case.kearney_tier)
        self.kearney.setAccessibleName("Niveau van het verzuim (Kearney)")
        self.advies = EnumCombo(VrijstellingAdvies, optional=True,
                                empty_label="— niet van toepassing —")
        self.advies.set_value(case.vrijstelling_advies)
        self.advies.setAccessibleName("Advies van de arts over vrijstelling")
        self.advies_date = DateField(case.vrijstelling_advies_date, today,
                                     key="vrijstelling_advies_date", empty_means="geen advies")
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
                         self.casusverantwoordelijke, self.consulent)
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
        if not is_new:
            self._row(case_form, "Wijziging geldt vanaf", self.effective_from, "effective_from")
        self._row(case_form, "Regie", self.regie, "regie")
        case_form.addRow("", self.regie_proposal)
        self._row(case_form, "Casusverantwoordelijke", self.casusverantwoordelijke,
                  "casusverantwoordelijke")
        self._row(case_form, "Consulent", self.consulent, "consulent")
        self._row(case_form, "Fase", self.stage, "stage")

        policy_box = QGroupBox("Aanbod en registratie")
        policy_form = QFormLayout(policy_box)
        self._row(policy_form, "Passend aanbod", self.passend_aanbod, "passend_aanbod_date")
        self._row(policy_form, "Ondersteuningsvraag", self.ondersteuningsvraag,
                  "ondersteuningsvraag")
        self._row(policy_form, "Ook", self.extra_vragen, "extra_ondersteuningsvragen")
        self._row(policy_form, "Huidige situatie", self.huidige_situatie, "huidige_situatie")
        self._row(policy_form, "Ook", self.extra_situaties, "extra_situaties")
        self._row(policy_form, "Wachtlijst", self.wachtlijst, "wachtlijst")
        self._row(policy_form, "Stagnatie-oorzaak", self.stagnatie, "stagnatie_oorzaak")
        self._row(policy_form, "Niveau (Kearney)", self.kearney, "kearney_tier")
        self._row(policy_form, "OPP", self.opp_status, "opp_status")
        self._row(policy_form, "OPP opgesteld op", self.opp_date, "opp_date")
        self._row(policy_form, "OPP-evaluatie op", self.opp_review, "opp_review_date")
        self._row(policy_form, "Advies arts (5a)", self.advies, "vrijstelling_advies")
        self._row(policy_form, "Advies gegeven op", self.advies_date,
                  "vrijstelling_advies_date")
        self._row(policy_form, "Notities", self.notes, "notes")

        left = QVBoxLayout()
        left.addWidget(pupil_box)
        left.addWidget(policy_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(case_box)
        right.addStretch(1)
        # Side by side when there is room, else one below the other (ui/reflow.py).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.columns = ReflowColumns([left, right])
        outer.addWidget(self.columns)

        for widget in (self.first_name, self.last_name, self.school, self.leerjaar,
                       self.gemeente, self.swv, self.address, self.casusverantwoordelijke,
                       self.consulent):
            widget.textEdited.connect(self.edited)
        for combo in (self.onderwijstype, self.verzuim_type, self.regie, self.stage,
                      self.ondersteuningsvraag, self.huidige_situatie, self.wachtlijst,
                      self.stagnatie, self.opp_status, self.kearney, self.advies):
            combo.activated.connect(self.edited)
        for field in (self.birth_date, self.aanmelding_date, self.home_since, self.opp_date,
                      self.opp_review, self.advies_date):
            field.changed.connect(self.edited)
        self.percentage.valueChanged.connect(self.edited)
        self.notes.textChanged.connect(self.edited)
        self.extra_vragen.changed.connect(self.edited)
        self.extra_situaties.changed.connect(self.edited)
        self.regie.activated.connect(self._regie_picked)
        self.school.textEdited.connect(self._show_proposal)
        self.verzuim_type.currentIndexChanged.connect(self._show_proposal)
        self.follow_stored(case)

    def follow_stored(self, case: Case) -> None:
        """Show what other tabs changed (regie, passend aanbod), keeping the user's edits."""
        self._case = replace(self._case, regie=case.regie,
                             passend_aanbod_date=case.passend_aanbod_date,
                             passend_aanbod_kind=case.passend_aanbod_kind)
        if not self._is_new:
            self.regie.set_value(case.regie)
        if case.passend_aanbod_date is None:
            text = "Nog geen passend aanbod. Leg het vast op het tabblad 'Aanbod en regie'."
        else:
            kind = f" ({case.passend_aanbod_kind})" if case.passend_aanbod_kind else ""
            text = f"Passend aanbod sinds {format_date(case.passend_aanbod_date)}{kind}"
        self.passend_aanbod.setText(text if not self._is_new else
                                    "Leg een passend aanbod vast nadat de casus is "
                                    "geregistreerd.")
        self._show_proposal()

    def _regie_picked(self) -> None:
        self._regie_chosen = True
        self._show_proposal()

    def _show_proposal(self) -> None:
        """The regie the regional rule proposes (seed 000, casus 1); a new case follows it
        until the user picks one."""
        enrolled, verzuim = bool(self.school.text().strip()), self.verzuim_type.member()
        proposed = proposed_regie(enrolled, verzuim)
        if self._is_new and not self._regie_chosen:
            self.regie.set_value(proposed)
        reason = proposal_reason(enrolled, verzuim)
        if self.regie.member() is proposed:
            self.regie_proposal.setText(f"Volgens de regionale afspraak. {reason}")
        else:
            self.regie_proposal.setText(f"Volgens de regionale afspraak hoort de regie bij "
                                        f"{proposed.label}. {reason}")

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        self.errors[field] = field_row(form, label, widget)

    def values(self) -> tuple[Pupil, Case]:
        """The pupil and case as the form shows them; raises ``ValidationError`` for every
        date field that holds no (valid) date, each message shown under its field."""
        check_dates(self.birth_date, self.aanmelding_date, self.home_since, self.opp_date,
                    self.opp_review, self.advies_date)
        pupil = replace(
            self._pupil, first_name=self.first_name.text(), last_name=self.last_name.text(),
            birth_date=self.birth_date.day(), school=self.school.text(),
            leerjaar=self.leerjaar.text(),
            onderwijstype=self.onderwijstype.member(),
            gemeente=self.gemeente.text(), swv=self.swv.text(), address=self.address.text(),
        )
        case = replace(
            self._case, aanmelding_date=self.aanmelding_date.day(),
            home_since=self.home_since.value(),
            verzuim_type=self.verzuim_type.member(),
            education_percentage=self.percentage.value(),
            regie=self.regie.member(),
            casusverantwoordelijke=self.casusverantwoordelijke.text(),
            consulent=self.consulent.text(),
            stage=self.stage.member(),
            ondersteuningsvraag=self.ondersteuningsvraag.value(),
            huidige_situatie=self.huidige_situatie.value(),
            wachtlijst=self.wachtlijst.member(),
            stagnatie_oorzaak=self.stagnatie.value(),
            notes=self.notes.toPlainText(),
            extra_ondersteuningsvragen=self.extra_vragen.members(),
            extra_situaties=self.extra_situaties.members(),
            opp_status=self.opp_status.value(), opp_date=self.opp_date.value(),
            opp_review_date=self.opp_review.value(), kearney_tier=self.kearney.value(),
            vrijstelling_advies=self.advies.value(),
            vrijstelling_advies_date=self.advies_date.value(),
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
