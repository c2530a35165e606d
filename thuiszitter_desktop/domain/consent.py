"""Consent: to involve leerplicht (recorded with an aanmelding), and consent per purpose.

For geoorloofd absence, parental consent is a precondition: without it the consulent may
register the report but takes no next steps (seed 000, casus 1: "Als ouders niet akkoord gaan,
doet de leerrechtorganisatie niets."). From 16 the pupil's own consent is needed too.

Consent is recorded per purpose (``ConsentPurpose``) with date, way and giver, and checked
before each step that needs it (``consent_gaps``):
- an MDO/ZAT discussion of a pupil: "Er is altijd toestemming van ouders bij een
  kindbespreking (ZAT)" (seed 000, casus 2);
- contacting care providers: "Met toestemming van leerling en ouders neemt de
  leerplichtambtenaar contact op met hulpverlening/betrokkenen" (seed 000, casus 2), for the
  care providers the consent names;
- sharing with school: "Partners koppelen in overleg en met toestemming van leerling en ouders,
  informatie ... naar school terug" (seed 000, casus 2).
Withdrawing a consent is one action: it ends on that day for every step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, long_field, short_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled

PUPIL_CONSENT_AGE = 16


class ConsentMethod(Labelled):
    MONDELING = "Mondeling"
    SCHRIFTELIJK = "Schriftelijk"
    VIA_SCHOOL = "Via school"


@dataclass(slots=True, kw_only=True)
class Consent:
    given: bool = False
    on: date | None = None
    method: ConsentMethod | None = None
    given_by: str = ""  # who gave it, e.g. "moeder, Fatma Çelik"

    def errors(self, prefix: str, today: date) -> dict[str, str]:
        """Dutch messages per field; a consent marked as given needs date, way and giver."""
        if not self.given:
            return {}
        errors: dict[str, str] = {}
        if self.on is None:
            errors[f"{prefix}.on"] = "Vul de datum van de toestemming in."
        elif self.on > today:
            errors[f"{prefix}.on"] = "De datum van de toestemming ligt in de toekomst."
        if self.method is None:
            errors[f"{prefix}.method"] = (
                "Kies hoe de toestemming is gegeven (mondeling, schriftelijk of via school)."
            )
        if not self.given_by.strip():
            errors[f"{prefix}.given_by"] = "Vul in wie de toestemming heeft gegeven."
        add_length_errors(errors, [short_field(f"{prefix}.given_by", "Wie toestemming gaf",
                                               self.given_by)])
        return errors


def consent_reasons(
    *,
    needs_consent: bool,
    parental: Consent,
    pupil: Consent,
    pupil_age: int,
    pupil_first_name: str,
) -> list[str]:
    """Why next steps are blocked (Dutch), empty when they are not."""
    if not needs_consent:
        return []
    reasons = []
    if not parental.given:
        reasons.append(
            "De ouders hebben nog geen toestemming gegeven om leerplicht in te schakelen bij "
            "geoorloofd verzuim. U kunt de aanmelding vastleggen, maar nog geen volgende "
            "stappen zetten."
        )
    if pupil_age >= PUPIL_CONSENT_AGE and not pupil.given:
        name = pupil_first_name.strip() or "De leerling"
        reasons.append(
            f"{name} is {pupil_age} jaar en moet zelf ook toestemming geven. "
            "Die toestemming is nog niet vastgelegd."
        )
    return reasons


# -- consent per purpose ----------------------------------------------------------------------
class ConsentPurpose(Labelled):
    """What the consent is for (DOMAIN.md "Consent is recorded per purpose")."""

    LEERPLICHT = "Betrokkenheid van leerplicht bij geoorloofd verzuim"
    MDO = "Bespreking in het MDO of ZAT"
    ZORGVERLENERS = "Contact met genoemde zorgverleners"
    SCHOOL = "Gegevens delen met school"


class ConsentGiver(Labelled):
    OUDERS = "Ouders / verzorgers"
    LEERLING = "Leerling"


@dataclass(slots=True, kw_only=True)
class ConsentRecord:
    """One consent for one purpose, given by the parents or the pupil; withdrawn in one go."""

    id: str = field(default_factory=new_id)
    case_id: str
    purpose: ConsentPurpose
    giver: ConsentGiver
    on: date
    method: ConsentMethod | None  # None only for consents migrated without it
    given_by: str  # the person, e.g. "moeder, Fatma Çelik"
    # For ZORGVERLENERS: the involved professionals the consent names (their ids).
    provider_ids: tuple[str, ...] = ()
    withdrawn_on: date | None = None
    note: str = ""

    def active_on(self, day: date) -> bool:
        return self.on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)

    def covers(self, provider_id: str | None) -> bool:
        return provider_id is None or provider_id in self.provider_ids

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.on > today:
            errors["on"] = "De datum van de toestemming ligt in de toekomst."
        if self.method is None:
            errors["method"] = ("Kies hoe de toestemming is gegeven (mondeling, schriftelijk of "
                                "via school).")
        if not self.given_by.strip():
            errors["given_by"] = "Vul in wie de toestemming heeft gegeven."
        if self.purpose is ConsentPurpose.ZORGVERLENERS and not self.provider_ids:
            errors["provider_ids"] = ("Kies met welke zorgverleners contact mag worden "
                                      "opgenomen.")
        if self.withdrawn_on is not None and self.withdrawn_on < self.on:
            errors["withdrawn_on"] = "De intrekking ligt vóór de toestemming."
        add_length_errors(errors, [
            short_field("given_by", "Wie toestemming gaf", self.given_by),
            long_field("note", "De opmerking", self.note)])
        if errors:
            raise ValidationError(errors)


class Step(Labelled):
    """A step of the werkwijze that waits for consent (seed 000, casus 2)."""

    VOLGENDE_STAPPEN = "Gesprek, terugkoppeling en volgende stappen"
    PLAN = "Plan van aanpak"
    MDO = "Bespreking in het MDO"
    ZORGVERLENER = "Contact met een zorgverlener"
    SCHOOL = "Gegevens delen met school"

    @property
    def purposes(self) -> tuple[ConsentPurpose, ...]:
        """The consents this step needs; leerplicht's involvement comes first for all."""
        own = {"VOLGENDE_STAPPEN": (), "PLAN": (), "MDO": (ConsentPurpose.MDO,),
               "ZORGVERLENER": (ConsentPurpose.ZORGVERLENERS,),
               "SCHOOL": (ConsentPurpose.SCHOOL,)}[self.name]
        return (ConsentPurpose.LEERPLICHT, *own)


HOW_TO_RECORD = ("Leg de toestemming vast in de casus, op het tabblad Toestemming "
                 "(knop 'Toestemming vastleggen').")


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentSituation:
    """What the gate needs to know about a case."""

    records: tuple[ConsentRecord, ...]
    # Leerplicht is involved in geoorloofd absence only with consent (seed 000, casus 1).
    leerplicht_needs_consent: bool
    pupil_age: int
    pupil_first_name: str


def consent_gaps(situation: ConsentSituation, step: Step, today: date,
                 provider_id: str | None = None, provider_name: str = "") -> list[str]:
    """Why ``step`` must wait (Dutch), each reason once, then how to record consent; empty
    when the step may go ahead."""
    reasons: list[str] = []
    name = situation.pupil_first_name.strip() or "De leerling"
    givers = [ConsentGiver.OUDERS]
    if situation.pupil_age >= PUPIL_CONSENT_AGE:
        givers.append(ConsentGiver.LEERLING)
    for purpose in step.purposes:
        if purpose is ConsentPurpose.LEERPLICHT and not situation.leerplicht_needs_consent:
            continue
        provider = provider_id if purpose is ConsentPurpose.ZORGVERLENERS else None
        for giver in givers:
            if any(r.purpose is purpose and r.giver is giver and r.active_on(today)
                   and r.covers(provider) for r in situation.records):
                continue
            reasons.append(_missing(purpose, giver, name, situation.pupil_age, provider_name))
    return [*reasons, HOW_TO_RECORD] if reasons else []


def _missing(purpose: ConsentPurpose, giver: ConsentGiver, name: str, age: int,
             provider_name: str) -> str:
    who = "De ouders hebben" if giver is ConsentGiver.OUDERS else (
        f"{name} is {age} jaar en moet zelf ook toestemming geven. {name} heeft")
    what = {
        ConsentPurpose.LEERPLICHT: "nog geen toestemming gegeven om leerplicht in te schakelen "
                                   "bij geoorloofd verzuim.",
        ConsentPurpose.MDO: f"nog geen toestemming gegeven om {name} in het MDO te bespreken.",
        ConsentPurpose.ZORGVERLENERS: (
            f"nog geen toestemming gegeven om contact op te nemen met "
            f"{provider_name.strip() or 'deze zorgverlener'}."),
        ConsentPurpose.SCHOOL: "nog geen toestemming gegeven om gegevens met school te delen.",
    }[purpose]
    return f"{who} {what}"


def active_consents(records: Iterable[ConsentRecord], today: date) -> list[ConsentRecord]:
    return [r for r in records if r.active_on(today)]
