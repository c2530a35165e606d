"""The aanmeldformulier on screen: fields, live criteria suggestions, consent, inline errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.aanmelding import Aanmelding, AanmeldRoute, Reporter
from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE, Consent, ConsentMethod
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion
from thuiszitter_desktop.ui.aanmelding_lists import ParentsEditor, SickReportsEditor
from thuiszitter_desktop.ui.date_field import DateField, check_dates
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumCombo,
    ErrorLabel,
    blocked_notice,
    field_row,
    number_field,
    show_blocking_reasons,
    text_box,
    with_error,
)

UNKNOWN = -1


def _text_box(value: str, placeholder: str) -> QPlainTextEdit:
    return text_box(value, placeholder, height=80)


class ConsentEditor(QGroupBox):
    """Consent: given or not, when, how and by whom."""

    edited = Signal()

    def __init__(self, title: str, consent: Consent, prefix: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.prefix = prefix
        self.given = QCheckBox("Toestemming gegeven")
        self.given.setChecked(consent.given)
        self.on = DateField(consent.on, today, key=f"{prefix}.on", empty_means="onbekend")
        self.method = EnumCombo(ConsentMethod, optional=True, empty_label="— kies —")
        self.method.set_value(consent.method)
        self.given_by = QLineEdit(consent.given_by)
        self.given_by.setPlaceholderText("Bijv. moeder, Fatma Çelik")
        count_characters(SHORT_TEXT, self.given_by)
        self.errors = {key: ErrorLabel() for key in ("on", "method", "given_by")}
        form = QFormLayout(self)
        form.addRow(self.given)
        for label, widget, key in (("Datum", self.on, "on"), ("Hoe", self.method, "method"),
                                   ("Gegeven door", self.given_by, "given_by")):
            form.addRow(label, with_error(widget, self.errors[key]))
        self.given.toggled.connect(self._enable)
        self.given.toggled.connect(self.edited)
        self.on.changed.connect(self.edited)
        self.method.activated.connect(self.edited)
        self.given_by.textEdited.connect(self.edited)
        self._enable(consent.given)

    def _enable(self, given: bool) -> None:
        for widget in (self.on, self.method, self.given_by):
            widget.setEnabled(given)

    def value(self) -> Consent:
        """The consent; raises ``ValidationError`` when its date is not a date."""
        if not self.given.isChecked():
            return Consent()
        return self._consent(self.on.value())

    def preview(self) -> Consent:
        """The consent as far as it can be read now (a half-typed date counts as unknown)."""
        return self._consent(self.on.value_or(None)) if self.given.isChecked() else Consent()

    def _consent(self, on: date | None) -> Consent:
        return Consent(given=True, on=on, method=self.method.value(),
                       given_by=self.given_by.text())

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_message(errors.get(f"{self.prefix}.{key}"))


class AanmeldingForm(QWidget):
    """Edits an Aanmelding; ``values()`` returns a new object, the original stays untouched."""

    edited = Signal()

    def __init__(self, aanmelding: Aanmelding, today: date,
                 parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self._original = aanmelding
        self._today = today
        self.errors: dict[str, ErrorLabel] = {}
        a, r, p = aanmelding, aanmelding.reporter, aanmelding.pupil

        self.report_date = DateField(a.report_date, today, key="report_date",
                                     required="Vul de datum van aanmelding in.")
        self.reporter_school = QLineEdit(r.school)
        self.contact_name = QLineEdit(r.contact_name)
        self.contact_role = QLineEdit(r.contact_role)
        self.contact_phone = QLineEdit(r.phone)
        self.contact_email = QLineEdit(r.email)
        self.first_name = QLineEdit(p.first_name)
        self.last_name = QLineEdit(p.last_name)
        # A new form starts without a birth date: age decides consent and the figures, so a
        # guessed date must never slip through.
        self.birth_date = DateField(None if new else p.birth_date, today,
                                    key="pupil.birth_date",
                                    required="Vul de geboortedatum van de leerling in.")
        self.address = QLineEdit(p.address)
        self.address.setPlaceholderText("Optioneel")
        self.school = QLineEdit(p.school)
        self.leerjaar = QLineEdit(p.leerjaar)
        self.onderwijstype = EnumCombo(Onderwijstype)
        self.onderwijstype.set_value(p.onderwijstype)
        self.parents = ParentsEditor(a.parents)
        self.route = EnumCombo(AanmeldRoute)
        self.route.setAccessibleName("Reden van aanmelding")
        self.route.set_value(a.route)
        self.sick_reports = SickReportsEditor(a.sick_reports, today)
        self.criteria = {c: QCheckBox(f"{c.number}. {c.label}") for c in SickCriterion}
        self.criteria_found = {c: QLabel() for c in SickCriterion if c.computed}
        for criterion, box in self.criteria.items():
            box.setChecked(criterion in a.confirmed_criteria)
        self.criterion_4_note = QLineEdit(a.criterion_4_note)
        self.criterion_4_note.setPlaceholderText("Wat is er opvallend? Bijv. vaak ziek naar huis")
        count_characters(SHORT_TEXT, self.reporter_school, self.contact_name, self.contact_role,
                         self.contact_phone, self.contact_email, self.first_name,
                         self.last_name, self.address, self.school, self.leerjaar)
        count_characters(LONG_TEXT, self.criterion_4_note)
        self.percentage = number_field(
            UNKNOWN, 100, UNKNOWN if a.education_percentage is None else a.education_percentage,
            " %")
        self.percentage.setSpecialValueText("— onbekend —")
        self.education_since = DateField(a.education_since, today, key="education_since",
                                         empty_means="onbekend")
        self.school_actions = _text_box(a.school_actions, "Wat heeft school al gedaan?")
        self.school_absence_reason = _text_box(a.school_absence_reason,
                                               "Wat is volgens school de reden van afwezigheid?")
        self.school_absence_reason.setAccessibleName("Reden van afwezigheid volgens school")
        self.involved_help = _text_box(a.involved_help, "Welke hulpverlening is betrokken?")
        self.notes = _text_box(a.notes, "Overige opmerkingen")
        self.parental_consent = ConsentEditor("Toestemming ouders", a.parental_consent,
                                              "parental_consent", today)
        self.pupil_consent = ConsentEditor(
            f"Toestemming leerling (nodig vanaf {PUPIL_CONSENT_AGE} jaar)", a.pupil_consent,
            "pupil_consent", today)
        self.blocked = blocked_notice()
        self.route_notes = QLabel()
        self.route_notes.setWordWrap(True)
        self._layout()
        self._connect()
        self.refresh()

    # -- building -------------------------------------------------------------------------
    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        self.errors[field] = field_row(form, label, widget)

    def _layout(self) -> None:
        school_box = QGroupBox("1. School en contactpersoon")
        form = QFormLayout(school_box)
        self._row(form, "Datum aanmelding *", self.report_date, "report_date")
        self._row(form, "School / melder *", self.reporter_school, "reporter.school")
        self._row(form, "Contactpersoon *", self.contact_name, "reporter.contact_name")
        self._row(form, "Functie", self.contact_role, "reporter.contact_role")
        self._row(form, "Telefoon", self.contact_phone, "reporter.phone")
        self._row(form, "E-mail", self.contact_email, "reporter.email")

        pupil_box = QGroupBox("2. Leerling")
        form = QFormLayout(pupil_box)
        self._row(form, "Voornaam *", self.first_name, "pupil.first_name")
        self._row(form, "Achternaam *", self.last_name, "pupil.last_name")
        self._row(form, "Geboortedatum *", self.birth_date, "pupil.birth_date")
        self._row(form, "Adres", self.address, "pupil.address")
        self._row(form, "School", self.school, "pupil.school")
        self._row(form, "Klas / leerjaar", self.leerjaar, "pupil.leerjaar")
        self._row(form, "Type onderwijs", self.onderwijstype, "pupil.onderwijstype")

        parents_box = QGroupBox("3. Ouders of verzorgers *")
        QVBoxLayout(parents_box).addWidget(self.parents)

        route_box = QGroupBox("4. Reden van aanmelding")
        route_layout = QVBoxLayout(route_box)
        route_layout.addWidget(self.route)
        route_layout.addWidget(self.route_notes)
        # Sick reports and criteria belong to the ziekteverzuim route; other routes hide them.
        self.sick_section = QWidget()
        sick_layout = QVBoxLayout(self.sick_section)
        sick_layout.setContentsMargins(0, 0, 0, 0)
        sick_layout.addWidget(QLabel("<b>Ziekmeldingen</b>"))
        sick_layout.addWidget(self.sick_reports)
        sick_layout.addWidget(QLabel("<b>Criteria</b> — de app berekent 1 tot en met 3 uit de "
                                     "ziekmeldingen; u bevestigt door aan te vinken."))
        for criterion, box in self.criteria.items():
            sick_layout.addWidget(box)
            found = self.criteria_found.get(criterion)
            if found is not None:
                found.setWordWrap(True)
                found.setContentsMargins(24, 0, 0, 4)
                sick_layout.addWidget(found)
        form = QFormLayout()
        self._row(form, "Toelichting criterium 4", self.criterion_4_note, "criterion_4_note")
        sick_layout.addLayout(form)
        route_layout.addWidget(self.sick_section)

        education_box = QGroupBox("5. Onderwijs nu")
        form = QFormLayout(education_box)
        self._row(form, "Onderwijs gevolgd *", self.percentage, "education_percentage")
        self._row(form, "Sinds", self.education_since, "education_since")
        self._row(form, "Reden volgens school", self.school_absence_reason,
                  "school_absence_reason")
        self._row(form, "Wat deed school al?", self.school_actions, "school_actions")
        self._row(form, "Betrokken hulp", self.involved_help, "involved_help")
        self._row(form, "Opmerkingen", self.notes, "notes")

        left = QVBoxLayout()
        for group in (school_box, pupil_box, parents_box):
            left.addWidget(group)
        left.addStretch(1)
        right = QVBoxLayout()
        for widget in (route_box, education_box, self.parental_consent, self.pupil_consent,
                       self.blocked):
            right.addWidget(widget)
        right.addStretch(1)
        # Side by side when there is room, else one below the other (ui/reflow.py).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.columns = ReflowColumns([left, right])
        outer.addWidget(self.columns)

    def _connect(self) -> None:
        for line in (self.reporter_school, self.contact_name, self.contact_role,
                     self.contact_phone, self.contact_email, self.first_name, self.last_name,
                     self.address, self.school, self.leerjaar, self.criterion_4_note):
            line.textEdited.connect(self._changed)
        for edit in (self.school_actions, self.school_absence_reason, self.involved_help,
                     self.notes):
            edit.textChanged.connect(self._changed)
        for combo in (self.onderwijstype, self.route):
            combo.activated.connect(self._changed)
        for signal in (self.report_date.changed, self.birth_date.changed,
                       self.parents.edited, self.sick_reports.edited,
                       self.education_since.changed, self.parental_consent.edited,
                       self.pupil_consent.edited):
            signal.connect(self._changed)
        self.percentage.valueChanged.connect(self._changed)
        for box in self.criteria.values():
            box.toggled.connect(self._changed)

    def _changed(self) -> None:
        self.refresh()
        self.edited.emit()

    # -- reading and showing --------------------------------------------------------------
    def values(self) -> Aanmelding:
        """The form as a new Aanmelding; raises ``ValidationError`` for every date field that
        holds no (valid) date, each message shown under its field."""
        check_dates(self.report_date, self.birth_date, self.education_since,
                    self.parental_consent.on, self.pupil_consent.on)
        return self._build(self.report_date.day(), self.birth_date.day(),
                           self.education_since.value(), self.parental_consent.value(),
                           self.pupil_consent.value())

    def preview(self) -> Aanmelding:
        """The form as far as it can be read while typing (for the live remarks): a date that
        is not filled in yet counts as the report date (age 0, so no pupil consent asked)."""
        report = self.report_date.value_or(self._today) or self._today
        return self._build(report, self.birth_date.value_or(report) or report,
                           self.education_since.value_or(None),
                           self.parental_consent.preview(), self.pupil_consent.preview())

    def _build(self, report_date: date, birth_date: date, education_since: date | None,
               parental_consent: Consent, pupil_consent: Consent) -> Aanmelding:
        a = self._original
        route = self.route.member()
        kind = self.onderwijstype.member()
        pct = self.percentage.value()
        return replace(
            a, report_date=report_date,
            reporter=Reporter(school=self.reporter_school.text(),
                              contact_name=self.contact_name.text(),
                              contact_role=self.contact_role.text(),
                              phone=self.contact_phone.text(), email=self.contact_email.text()),
            pupil=replace(a.pupil, first_name=self.first_name.text(),
                          last_name=self.last_name.text(), birth_date=birth_date,
                          address=self.address.text(), school=self.school.text(),
                          leerjaar=self.leerjaar.text(), onderwijstype=kind),
            parents=self.parents.values(), route=route,
            sick_reports=self.sick_reports.values(),
            confirmed_criteria={c for c, box in self.criteria.items() if box.isChecked()},
            criterion_4_note=self.criterion_4_note.text(),
            education_percentage=None if pct == UNKNOWN else pct,
            education_since=education_since,
            school_actions=self.school_actions.toPlainText(),
            school_absence_reason=self.school_absence_reason.toPlainText(),
            involved_help=self.involved_help.toPlainText(), notes=self.notes.toPlainText(),
            parental_consent=parental_consent, pupil_consent=pupil_consent,
        )

    def refresh(self) -> None:
        """Recompute the criteria suggestions, route remarks and the consent notice."""
        current = self.preview()
        for result in current.computed_criteria():
            prefix = "Volgens de ziekmeldingen: ja. " if result.holds else ""
            self.criteria_found[result.criterion].setText(prefix + result.explanation)
        self.route_notes.setText("\n".join(current.route_notes()))
        self.route_notes.setVisible(bool(current.route_notes()))
        # Hidden only when empty: nothing typed ever disappears from view.
        self.sick_section.setHidden(current.route is not AanmeldRoute.ZIEKTEVERZUIM
                                    and not current.sick_reports
                                    and not current.confirmed_criteria)
        reasons = current.blocking_reasons()
        show_blocking_reasons(self.blocked, reasons)

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.show_message(errors.get(field))
        self.parents.show_errors(errors)
        self.sick_reports.show_errors(errors)
        self.parental_consent.show_errors(errors)
        self.pupil_consent.show_errors(errors)
