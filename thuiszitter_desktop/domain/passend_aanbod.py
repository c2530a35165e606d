"""A passend aanbod as a checked decision (seed 004, 2.3, tables B2.10 and B2.11).

Typing a start date is not enough: an aanbod stops the three-month clock, and counts toward
the 80% target, only when it meets the criteria the regions agreed on and the parents agreed
that it is passend:

- the five criteria of table B2.10 ("Aan welke criteria dient een passend aanbod ... te
  voldoen?"): parents and child involved from the start; support for the plan from all
  parties; at least an education or a care component; directly available; durable;
- who decides it is passend (table B2.11: the school, the SWV, the pupil, the parents,
  leerplicht, the municipality, care): each party's agreement is recorded with its date.
  "Ouders vinden echter wel dat hun mening doorslaggevend moet zijn": the parents' agreement
  is required.

A *voorlopig* (temporary) aanbod is recorded too, but keeps the clock running. An aanbod
recorded before these checks existed (migration ``0013_seed_rules``) keeps counting as it
did, marked ``unchecked`` so the consulent sees it and can record the criteria.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, long_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled


class AanbodCriterion(Labelled):
    """Table B2.10, in the seed's own words."""

    BETROKKEN = "Ouders en kind zijn vanaf het begin betrokken"
    DRAAGVLAK = "Er is draagvlak voor het plan onder alle betrokken partijen"
    COMPONENT = "Het aanbod bevat ten minste een onderwijs- of zorgcomponent"
    DIRECT_BESCHIKBAAR = "Het aanbod is direct beschikbaar"
    DUURZAAM = "De oplossing is duurzaam"


class AanbodParty(Labelled):
    """Who may agree that the aanbod is passend (table B2.11)."""

    OUDERS = "Ouders"
    LEERLING = "Leerling"
    SCHOOL = "School"
    SWV = "Samenwerkingsverband"
    LEERPLICHT = "Leerplicht"
    GEMEENTE = "Gemeente"
    ZORG = "Zorgorganisatie"


class ParentView(Labelled):
    """What the parents think of the aanbod; their view is decisive."""

    PASSEND = "Passend"
    TWIJFEL = "Twijfel"
    NIET_PASSEND = "Niet passend"
    ONBEKEND = "Nog niet gevraagd"


@dataclass(slots=True, kw_only=True)
class PassendAanbod:
    id: str = field(default_factory=new_id)
    case_id: str
    start: date
    description: str = ""  # e.g. "maatwerkrooster 3 ochtenden plus dagbesteding"
    education_part: bool = False
    care_part: bool = False
    criteria: set[AanbodCriterion] = field(default_factory=set)
    agreed: dict[AanbodParty, date] = field(default_factory=dict)
    parent_view: ParentView = ParentView.ONBEKEND
    parent_view_note: str = ""
    voorlopig: bool = False
    # Recorded before the criteria were checked (migration 0013): counts as before.
    unchecked: bool = False

    def shortfalls(self) -> list[str]:
        """Why this aanbod does not (yet) count as passend, in Dutch; empty when it does."""
        if self.unchecked:
            return []
        reasons: list[str] = []
        if self.voorlopig:
            reasons.append("Dit is een voorlopig aanbod; de termijn van drie maanden loopt "
                           "door.")
        for criterion in AanbodCriterion:
            if criterion not in self.criteria:
                reasons.append(f"Niet vastgelegd: {criterion.label.lower()}.")
        if AanbodCriterion.COMPONENT in self.criteria and not (
                self.education_part or self.care_part):
            reasons.append("Kies of het aanbod een onderwijsdeel, een zorgdeel of allebei "
                           "heeft.")
        if AanbodParty.OUDERS not in self.agreed:
            reasons.append("De ouders hebben nog niet ingestemd; hun mening is doorslaggevend.")
        elif self.parent_view is not ParentView.PASSEND:
            reasons.append(f"De ouders vinden het aanbod niet passend "
                           f"({self.parent_view.label.lower()}).")
        return reasons

    @property
    def is_passend(self) -> bool:
        return not self.shortfalls()

    @property
    def passend_since(self) -> date | None:
        """The day it counts from: its start, or the parents' agreement if that came later."""
        if not self.is_passend:
            return None
        if self.unchecked:
            return self.start
        return max(self.start, self.agreed[AanbodParty.OUDERS])

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.start > today:
            errors["start"] = "De startdatum van het aanbod ligt in de toekomst."
        if not self.description.strip():
            errors["description"] = "Beschrijf kort wat het aanbod is."
        for party, day in self.agreed.items():
            if day > today:
                errors[f"agreed.{party.name}"] = (
                    f"De datum van instemming ({party.label.lower()}) ligt in de toekomst.")
        add_length_errors(errors, [
            long_field("description", "De omschrijving van het aanbod", self.description),
            long_field("parent_view_note", "De toelichting van de ouders",
                       self.parent_view_note)])
        if errors:
            raise ValidationError(errors)


def clock_stop(offers: Iterable[PassendAanbod]) -> PassendAanbod | None:
    """The aanbod that stops the clock: the first one that is passend (earliest day)."""
    passend = [offer for offer in offers if offer.passend_since is not None]
    return min(passend, key=_since, default=None)


def _since(offer: PassendAanbod) -> date:
    since = offer.passend_since
    assert since is not None
    return since


def agreed_text(agreed: Mapping[AanbodParty, date]) -> str:
    """'Ouders (3-2-2026), School (5-2-2026)' in table order."""
    return ", ".join(f"{party.label} ({agreed[party]:%d-%m-%Y})"
                     for party in AanbodParty if party in agreed)
