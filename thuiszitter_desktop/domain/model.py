"""Entities of a caseload: pupils, cases, contact moments and involved professionals.

Plain dataclasses with the rules that belong to a single entity. No Qt, no SQL: storage maps
these to rows, the UI shows them through services.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import (
    LONG_TEXT,
    Field,
    add_length_errors,
    long_field,
    short_field,
    too_long,
)
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ClosingReason,
    ContactKind,
    HuidigeSituatie,
    KearneyTier,
    Ondersteuningsvraag,
    Onderwijstype,
    OppStatus,
    ProfessionalRole,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    VrijstellingAdvies,
    Wachtlijst,
)

# Leerplicht starts at 5, but a four-year-old at a voorschool or in group 1 may be reported
# too (seed 004, B4.2 lists "Voorschool/peuterspeelzaal"); the figures count ages themselves.
REGISTER_MIN_AGE = 4
LEERPLICHT_MIN_AGE = 5
LEERPLICHT_MAX_AGE = 18


def new_id() -> str:
    """A stable identifier that stays unique when laptops later sync with a shared server."""
    return str(uuid.uuid4())


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day``; a 29 February birthday counts from 1 March."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def leerplicht_age_error(birth_date: date, on: date) -> str | None:
    """Dutch message when the age on ``on`` is outside the ages we register (4 to 18)."""
    age = age_on(birth_date, on)
    if REGISTER_MIN_AGE <= age <= LEERPLICHT_MAX_AGE:
        return None
    return (f"Met deze geboortedatum is de leerling {age} jaar; dat past niet bij de "
            "leerplichtige leeftijd (5 tot en met 18 jaar, of 4 jaar bij voorschool of "
            "groep 1).")


@dataclass(slots=True, kw_only=True)
class Pupil:
    id: str = field(default_factory=new_id)
    first_name: str
    last_name: str
    birth_date: date
    school: str = ""
    leerjaar: str = ""
    onderwijstype: Onderwijstype = Onderwijstype.PO
    address: str = ""
    gemeente: str = ""
    swv: str = ""
    school_id: str | None = None  # the school record (issue 21); ``school`` keeps the text

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def enrolled(self) -> bool:
        return bool(self.school.strip())

    def age(self, today: date) -> int:
        return age_on(self.birth_date, today)

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if not self.first_name.strip():
            errors["first_name"] = "Vul de voornaam in."
        if not self.last_name.strip():
            errors["last_name"] = "Vul de achternaam in."
        if self.birth_date > today:
            errors["birth_date"] = "De geboortedatum ligt in de toekomst."
        elif (message := leerplicht_age_error(self.birth_date, today)) is not None:
            errors["birth_date"] = message
        add_length_errors(errors, pupil_text_fields(self))
        if errors:
            raise ValidationError(errors)


def pupil_text_fields(pupil: Pupil, prefix: str = "") -> list[Field]:
    """The pupil's texts with their limits, for ``add_length_errors``."""
    return [short_field(f"{prefix}{key}", label, value) for key, label, value in (
        ("first_name", "De voornaam", pupil.first_name),
        ("last_name", "De achternaam", pupil.last_name),
        ("school", "De school", pupil.school), ("leerjaar", "Het leerjaar", pupil.leerjaar),
        ("address", "Het adres", pupil.address), ("gemeente", "De gemeente", pupil.gemeente),
        ("swv", "Het samenwerkingsverband", pupil.swv))]


@dataclass(slots=True, kw_only=True)
class Case:
    """One period of concern about a pupil, from aanmelding to closing."""

    id: str = field(default_factory=new_id)
    pupil_id: str
    aanmelding_date: date
    # First day at home or below 50% education; may lie before the aanmelding.
    home_since: date | None = None
    verzuim_type: VerzuimType = VerzuimType.GEOORLOOFD
    education_percentage: int = 0
    regie: Regie = Regie.SCHOOL
    casusverantwoordelijke: str = ""
    consulent: str = ""
    stage: CaseStage = CaseStage.AANMELDING_ONTVANGEN
    first_contact_date: date | None = None
    goals_set_date: date | None = None
    passend_aanbod_date: date | None = None
    passend_aanbod_kind: str = ""
    ondersteuningsvraag: Ondersteuningsvraag | None = None
    huidige_situatie: HuidigeSituatie | None = None
    wachtlijst: Wachtlijst = Wachtlijst.GEEN
    stagnatie_oorzaak: StagnatieOorzaak | None = None
    closed_on: date | None = None
    closing_reason: ClosingReason | None = None
    closing_note: str = ""
    notes: str = ""
    # More than one answer is possible (seed 004, B4.1 and B4.3): the fields above hold the
    # main one, which the figures count; these the others.
    extra_ondersteuningsvragen: tuple[Ondersteuningsvraag, ...] = ()
    extra_situaties: tuple[HuidigeSituatie, ...] = ()
    opp_status: OppStatus | None = None
    opp_date: date | None = None
    opp_review_date: date | None = None
    kearney_tier: KearneyTier | None = None
    vrijstelling_advies: VrijstellingAdvies | None = None
    vrijstelling_advies_date: date | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def home_start(self) -> date:
        """The date the home situation started, falling back to the aanmelding."""
        return self.home_since or self.aanmelding_date

    def days_at_home(self, today: date) -> int:
        """Calendar days since the home situation started, up to closing (not negative)."""
        end = self.closed_on or today
        return max(0, (end - self.home_start).days)

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.aanmelding_date > today:
            errors["aanmelding_date"] = "De datum van aanmelding ligt in de toekomst."
        if self.home_since is not None and self.home_since > today:
            errors["home_since"] = "De datum 'thuis sinds' ligt in de toekomst."
        if not 0 <= self.education_percentage <= 100:
            errors["education_percentage"] = "Het percentage onderwijs moet tussen 0 en 100 liggen."
        if self.first_contact_date is not None and self.first_contact_date > today:
            errors["first_contact_date"] = "De datum van eerste contact ligt in de toekomst."
        if self.passend_aanbod_date is not None and self.passend_aanbod_date > today:
            errors["passend_aanbod_date"] = (
                "De startdatum van het passend aanbod ligt in de toekomst."
            )
        add_length_errors(errors, [
            short_field("casusverantwoordelijke", "De casusverantwoordelijke",
                        self.casusverantwoordelijke),
            short_field("consulent", "De consulent", self.consulent),
            short_field("passend_aanbod_kind", "Het soort aanbod", self.passend_aanbod_kind),
            long_field("closing_note", "De toelichting bij het afsluiten", self.closing_note),
            long_field("notes", "De notities", self.notes)])
        if self.opp_date is not None and self.opp_date > today:
            errors["opp_date"] = "De datum van het OPP ligt in de toekomst."
        if (self.opp_review_date is not None and self.opp_date is not None
                and self.opp_review_date < self.opp_date):
            errors["opp_review_date"] = "De evaluatie van het OPP ligt vóór de datum van het OPP."
        if self.vrijstelling_advies_date is not None and self.vrijstelling_advies_date > today:
            errors["vrijstelling_advies_date"] = "De datum van het advies ligt in de toekomst."
        if (self.verzuim_type is VerzuimType.VRIJSTELLING_5A
                and self.vrijstelling_advies is VrijstellingAdvies.NEGATIEF):
            # Seed 000, casus 1: "Bij een negatief advies geeft leerplicht geen vrijstelling af."
            errors["vrijstelling_advies"] = (
                "Bij een negatief advies van de arts geeft leerplicht geen vrijstelling af. "
                "Kies een ander soort verzuim, of pas het advies aan."
            )
        if errors:
            raise ValidationError(errors)

    def close(self, reason: ClosingReason, on: date, note: str = "") -> None:
        if not self.is_open:
            raise ValidationError({"closed_on": "Deze casus is al afgesloten."})
        if on < self.aanmelding_date:
            raise ValidationError(
                {"closed_on": "De afsluitdatum ligt vóór de datum van aanmelding."}
            )
        if reason is ClosingReason.ANDERS and not note.strip():
            raise ValidationError({"closing_note": "Geef bij 'Anders' een korte toelichting."})
        if (message := too_long(note, LONG_TEXT, "De toelichting")) is not None:
            raise ValidationError({"closing_note": message})
        self.closed_on = on
        self.closing_reason = reason
        self.closing_note = note.strip()
        self.stage = CaseStage.AFGESLOTEN

    def reopen(self) -> None:
        """Reopen a closed case; it returns to monitoring, the closing data is cleared."""
        if self.is_open:
            raise ValidationError({"closed_on": "Deze casus is niet afgesloten."})
        self.closed_on = None
        self.closing_reason = None
        self.closing_note = ""
        self.stage = CaseStage.MONITORING


@dataclass(slots=True, kw_only=True)
class ContactMoment:
    id: str = field(default_factory=new_id)
    case_id: str
    on: date
    kind: ContactKind
    # Whether pupil or parents took part: only a conversation with them stops the
    # first-contact clock (``is_family_conversation``).
    with_pupil_or_parents: bool = True
    participants: str = ""
    notes: str = ""
    # The involved professional (a care provider) this contact was with, if any: contacting
    # care providers needs the consent of pupil and parents (seed 000, casus 2, step 5).
    care_provider_id: str | None = None
    # Recorded before kinds told a conversation from a message (0013_seed_rules): the kind
    # was kept, and the user is asked to check it (``data_assumptions``).
    kind_assumed: bool = False

    @property
    def is_family_conversation(self) -> bool:
        """A conversation (face to face or video) with pupil and/or parents."""
        return self.with_pupil_or_parents and self.kind.is_conversation

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.on > today:
            errors["on"] = "De datum van het contact ligt in de toekomst."
        add_length_errors(errors, [
            long_field("participants", "Wie er waren", self.participants),
            long_field("notes", "De notities", self.notes)])
        if errors:
            raise ValidationError(errors)


@dataclass(slots=True, kw_only=True)
class InvolvedProfessional:
    id: str = field(default_factory=new_id)
    case_id: str
    name: str
    role: ProfessionalRole
    organisation: str = ""
    phone: str = ""
    email: str = ""

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = "Vul de naam in."
        add_length_errors(errors, [
            short_field("name", "De naam", self.name),
            short_field("organisation", "De organisatie", self.organisation),
            short_field("phone", "Het telefoonnummer", self.phone),
            short_field("email", "Het e-mailadres", self.email)])
        if errors:
            raise ValidationError(errors)
