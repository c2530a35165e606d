"""The aanmelding: a school's report of a pupil (DOMAIN.md "How a case starts").

Holds what the aanmeldformulier asks, validates it with Dutch messages per field, suggests which
sick-leave criteria hold, and says whether next steps wait for consent.

Error keys are dotted paths the UI can map to widgets: ``report_date``, ``reporter.school``,
``pupil.birth_date``, ``parents.0.name``, ``sick_reports.1.end``, ``parental_consent.on``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.consent import Consent, consent_reasons
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import Field, add_length_errors, long_field, short_field
from thuiszitter_desktop.domain.model import (
    Pupil,
    leerplicht_age_error,
    new_id,
    pupil_text_fields,
)
from thuiszitter_desktop.domain.vocab import Labelled, Onderwijstype, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import (
    CriterionResult,
    SickCriterion,
    SickReport,
    evaluate_criteria,
)

LANGDURIG_WEEKS = 4
LANGDURIG_MAX_PERCENTAGE = 50
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AanmeldRoute(Labelled):
    ZIEKTEVERZUIM = "Zorgwekkend ziekteverzuim (criteria 1 tot en met 4)"
    GEOORLOOFD_LANGDURIG = "Langer dan 4 weken geoorloofd afwezig, minder dan 50% onderwijs"
    DUO = "Melding via DUO"
    ABSOLUUT_VERZUIM = "Absoluut verzuim (niet ingeschreven)"
    VRIJSTELLING_5A = "Vrijstelling artikel 5 onder a"
    GESCHORST = "Geschorst in afwachting van verwijdering"

    @property
    def verzuim_type(self) -> VerzuimType:
        """The case's type of verzuim this route starts with."""
        return {
            "ZIEKTEVERZUIM": VerzuimType.GEOORLOOFD,
            "GEOORLOOFD_LANGDURIG": VerzuimType.GEOORLOOFD,
            "DUO": VerzuimType.ONGEOORLOOFD,
            "ABSOLUUT_VERZUIM": VerzuimType.ABSOLUUT,
            "VRIJSTELLING_5A": VerzuimType.VRIJSTELLING_5A,
            "GESCHORST": VerzuimType.GESCHORST,
        }[self.name]

    @property
    def needs_consent(self) -> bool:
        """Leerplicht only acts on geoorloofd absence with consent."""
        return self.verzuim_type is VerzuimType.GEOORLOOFD


class Relation(Labelled):
    MOEDER = "Moeder"
    VADER = "Vader"
    OUDER = "Ouder"
    PLEEGOUDER = "Pleegouder"
    VOOGD = "Voogd"
    VERZORGER = "Verzorger"
    ANDERS = "Anders"


@dataclass(slots=True, kw_only=True)
class Reporter:
    """The reporting school and its contact person."""

    school: str
    contact_name: str = ""
    contact_role: str = "Ondersteuningscoördinator"
    phone: str = ""
    email: str = ""


@dataclass(slots=True, kw_only=True)
class ParentContact:
    id: str = field(default_factory=new_id)
    name: str
    relation: Relation = Relation.OUDER
    phone: str = ""
    email: str = ""


@dataclass(slots=True, kw_only=True)
class Aanmelding:
    id: str = field(default_factory=new_id)
    report_date: date
    reporter: Reporter
    pupil: Pupil
    parents: list[ParentContact] = field(default_factory=list)
    route: AanmeldRoute = AanmeldRoute.ZIEKTEVERZUIM
    sick_reports: list[SickReport] = field(default_factory=list)
    # Criteria the consulent confirmed (the app only suggests 1–3; 4 is a judgement).
    confirmed_criteria: set[SickCriterion] = field(default_factory=set)
    criterion_4_note: str = ""
    education_percentage: int | None = None
    education_since: date | None = None
    school_actions: str = ""  # what the school already did
    # The reason for the absence as the school knows it (the aanmeldformulier asks it).
    school_absence_reason: str = ""
    involved_help: str = ""
    parental_consent: Consent = field(default_factory=Consent)
    pupil_consent: Consent = field(default_factory=Consent)
    notes: str = ""

    @property
    def pupil_age(self) -> int:
        return self.pupil.age(self.report_date)

    def computed_criteria(self) -> list[CriterionResult]:
        """Criteria 1–3 as the sick reports suggest them, each with a Dutch explanation."""
        return evaluate_criteria(self.sick_reports, self.report_date)

    def blocking_reasons(self) -> list[str]:
        """Dutch reasons why next steps wait for consent; empty when they may go ahead."""
        return consent_reasons(
            needs_consent=self.route.needs_consent,
            parental=self.parental_consent,
            pupil=self.pupil_consent,
            pupil_age=self.pupil_age,
            pupil_first_name=self.pupil.first_name,
        )

    def next_steps_blocked(self) -> bool:
        return bool(self.blocking_reasons())

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.report_date > today:
            errors["report_date"] = "De datum van aanmelding ligt in de toekomst."
        errors.update(_reporter_errors(self.reporter, self.route))
        errors.update(_pupil_errors(self.pupil, self.report_date, self.route, today))
        errors.update(_parent_errors(self.parents))
        errors.update(_sick_report_errors(self.sick_reports, self.report_date, today))
        errors.update(self._route_errors())
        errors.update(self._education_errors(today))
        errors.update(self.parental_consent.errors("parental_consent", today))
        errors.update(self.pupil_consent.errors("pupil_consent", today))
        add_length_errors(errors, self._text_fields())
        if errors:
            raise ValidationError(errors)

    def route_notes(self) -> list[str]:
        """Dutch remarks when the facts do not fit the chosen route; they do not block."""
        notes = []
        if self.route is AanmeldRoute.ZIEKTEVERZUIM:
            computed = {r.criterion for r in self.computed_criteria() if r.holds}
            if self.sick_reports and not computed:
                notes.append("Volgens de ingevulde ziekmeldingen geldt geen van de criteria 1 "
                             "tot en met 3.")
            for criterion in sorted(self.confirmed_criteria - computed, key=_number):
                if criterion.computed:
                    notes.append(f"Criterium {criterion.number} is aangevinkt, maar volgt niet "
                                 "uit de ingevulde ziekmeldingen.")
        if self.route is AanmeldRoute.GEOORLOOFD_LANGDURIG:
            pct = self.education_percentage
            if pct is not None and pct >= LANGDURIG_MAX_PERCENTAGE:
                notes.append(f"De leerling volgt {pct}% onderwijs; deze route geldt bij minder "
                             "dan 50%.")
            since = self.education_since
            if since is not None and (self.report_date - since).days < LANGDURIG_WEEKS * 7:
                notes.append("De situatie duurt nog geen 4 weken.")
        return notes

    def _text_fields(self) -> list[Field]:
        r = self.reporter
        fields = [
            short_field("reporter.school", "De school die aanmeldt", r.school),
            short_field("reporter.contact_name", "De contactpersoon", r.contact_name),
            short_field("reporter.contact_role", "De functie", r.contact_role),
            short_field("reporter.phone", "Het telefoonnummer", r.phone),
            short_field("reporter.email", "Het e-mailadres", r.email),
            *pupil_text_fields(self.pupil, "pupil."),
            long_field("criterion_4_note", "De toelichting bij criterium 4",
                       self.criterion_4_note),
            long_field("school_actions", "Wat school al deed", self.school_actions),
            long_field("school_absence_reason", "De reden volgens school",
                       self.school_absence_reason),
            long_field("involved_help", "De betrokken hulp", self.involved_help),
            long_field("notes", "De opmerkingen", self.notes),
        ]
        for i, parent in enumerate(self.parents):
            fields += [short_field(f"parents.{i}.name", "De naam van de ouder", parent.name),
                       short_field(f"parents.{i}.phone", "Het telefoonnummer", parent.phone),
                       short_field(f"parents.{i}.email", "Het e-mailadres", parent.email)]
        fields += [short_field(f"sick_reports.{i}.note", "De opmerking", report.note)
                   for i, report in enumerate(self.sick_reports)]
        return fields

    def _route_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.route is AanmeldRoute.ZIEKTEVERZUIM and not self.sick_reports and (
            SickCriterion.OPVALLEND not in self.confirmed_criteria
        ):
            errors["sick_reports"] = ("Vul de ziekmeldingen in, of vink criterium 4 (opvallend "
                                      "ziekteverzuim) aan.")
        if SickCriterion.OPVALLEND in self.confirmed_criteria and not self.criterion_4_note.strip():
            errors["criterion_4_note"] = "Beschrijf kort wat er opvallend is aan het ziekteverzuim."
        if self.route is AanmeldRoute.GEOORLOOFD_LANGDURIG and self.education_since is None:
            errors["education_since"] = ("Vul in sinds wanneer de leerling minder onderwijs "
                                         "volgt.")
        return errors

    def _education_errors(self, today: date) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.education_percentage is None:
            errors["education_percentage"] = "Vul in hoeveel procent onderwijs de leerling volgt."
        elif not 0 <= self.education_percentage <= 100:
            errors["education_percentage"] = ("Het percentage onderwijs moet tussen 0 en 100 "
                                              "liggen.")
        if self.education_since is not None and self.education_since > today:
            errors["education_since"] = "De datum 'sinds' ligt in de toekomst."
        elif self.education_since is not None and self.education_since > self.report_date:
            errors["education_since"] = "De datum 'sinds' ligt na de datum van aanmelding."
        return errors


def _number(criterion: SickCriterion) -> int:
    return criterion.number


def _email_error(value: str) -> str | None:
    if value.strip() and not _EMAIL.match(value.strip()):
        return "Dit e-mailadres klopt niet; controleer het (voorbeeld: naam@school.nl)."
    return None


def _reporter_errors(reporter: Reporter, route: AanmeldRoute) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not reporter.school.strip():
        errors["reporter.school"] = "Vul in welke school (of instantie) de leerling aanmeldt."
    if route is not AanmeldRoute.DUO and not reporter.contact_name.strip():
        errors["reporter.contact_name"] = "Vul de naam van de contactpersoon van school in."
    if (message := _email_error(reporter.email)) is not None:
        errors["reporter.email"] = message
    return errors


def _pupil_errors(
    pupil: Pupil, report_date: date, route: AanmeldRoute, today: date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not pupil.first_name.strip():
        errors["pupil.first_name"] = "Vul de voornaam van de leerling in."
    if not pupil.last_name.strip():
        errors["pupil.last_name"] = "Vul de achternaam van de leerling in."
    if pupil.birth_date > today:
        errors["pupil.birth_date"] = "De geboortedatum ligt in de toekomst."
    elif pupil.birth_date > report_date:
        errors["pupil.birth_date"] = "De geboortedatum ligt na de datum van aanmelding."
    elif (message := leerplicht_age_error(pupil.birth_date, report_date)) is not None:
        errors["pupil.birth_date"] = message
    enrolled_route = route is not AanmeldRoute.ABSOLUUT_VERZUIM
    if enrolled_route and not pupil.school.strip():
        errors["pupil.school"] = "Vul de school van de leerling in."
    if enrolled_route and pupil.onderwijstype is Onderwijstype.GEEN:
        errors["pupil.onderwijstype"] = "Kies het type onderwijs van de school."
    return errors


def _parent_errors(parents: list[ParentContact]) -> dict[str, str]:
    if not parents:
        return {"parents": "Vul minstens één ouder of verzorger in."}
    errors: dict[str, str] = {}
    for i, parent in enumerate(parents):
        if not parent.name.strip():
            errors[f"parents.{i}.name"] = "Vul de naam van de ouder of verzorger in."
        if not parent.phone.strip() and not parent.email.strip():
            errors[f"parents.{i}.phone"] = "Vul een telefoonnummer of e-mailadres in."
        if (message := _email_error(parent.email)) is not None:
            errors[f"parents.{i}.email"] = message
    return errors


def _sick_report_errors(
    reports: list[SickReport], report_date: date, today: date
) -> dict[str, str]:
    errors: dict[str, str] = {}
    for i, report in enumerate(reports):
        if report.start > today:
            errors[f"sick_reports.{i}.start"] = "Deze ziekmelding begint in de toekomst."
        elif report.start > report_date:
            errors[f"sick_reports.{i}.start"] = (
                "Deze ziekmelding begint na de datum van aanmelding."
            )
        if report.end is not None and report.end < report.start:
            errors[f"sick_reports.{i}.end"] = "De einddatum ligt vóór de begindatum."
        elif report.end is not None and report.end > today:
            errors[f"sick_reports.{i}.end"] = "De einddatum ligt in de toekomst."
        elif report.end is not None and report.end > report_date:
            errors[f"sick_reports.{i}.end"] = "De einddatum ligt na de datum van aanmelding."
    return errors
