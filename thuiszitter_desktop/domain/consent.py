"""Consent to involve leerplicht, as recorded with an aanmelding (DOMAIN.md).

For geoorloofd absence, parental consent is a precondition: without it the consulent may
register the report but takes no next steps. From 16 the pupil's own consent is needed too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.limits import add_length_errors, short_field
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
