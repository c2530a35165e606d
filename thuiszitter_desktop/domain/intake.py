"""The intake conversation with pupil and parents (DOMAIN.md, steps 2–3 after an aanmelding).

Sensitive parts are kept in their own fields so documents can leave them out: the reason for
absence (from 16 the pupil decides whether parents hear it) and health details (only shared
when the consulent marks them as needed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import (
    LONG_TEXT,
    SHORT_TEXT,
    add_length_errors,
    each,
    long_field,
    short_field,
)
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import ContactKind, UitvalSignaal

THREE_WORDS = 3
TWO_THINGS = 2


@dataclass(slots=True, kw_only=True)
class Agreement:
    """Who does what by when."""

    who: str
    what: str
    by_when: date | None = None

    def errors(self, prefix: str) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.who.strip():
            errors[f"{prefix}.who"] = "Vul in wie de afspraak uitvoert."
        if not self.what.strip():
            errors[f"{prefix}.what"] = "Vul in wat er is afgesproken."
        if self.by_when is None:
            errors[f"{prefix}.by_when"] = "Vul in wanneer de afspraak klaar moet zijn."
        add_length_errors(errors, [short_field(f"{prefix}.who", "Wie de afspraak uitvoert",
                                               self.who),
                                   long_field(f"{prefix}.what", "De afspraak", self.what)])
        return errors


@dataclass(slots=True, kw_only=True)
class ParentAnswers:
    """The three questions to parents (seed 002)."""

    three_words: list[str] = field(default_factory=list)  # your child's qualities
    two_things: list[str] = field(default_factory=list)  # what I must know about your child
    one_wish: str = ""  # a wish or goal to work on together

    def filled(self) -> bool:
        return any(w.strip() for w in [*self.three_words, *self.two_things, self.one_wish])


@dataclass(slots=True, kw_only=True)
class IntakeRecord:
    id: str = field(default_factory=new_id)
    case_id: str
    held_on: date
    kind: ContactKind = ContactKind.HUISBEZOEK
    participants: str = ""
    background: str = ""  # achtergrondproblematiek
    absence_reason: str = ""
    needed_to_resume: str = ""  # what is needed to go back to school
    involved_help: str = ""
    school_role: str = ""
    risk_factors: list[str] = field(default_factory=list)
    protective_factors: list[str] = field(default_factory=list)
    pupil_own_words: str = ""  # "Wat wil je zelf?"
    parent_answers: ParentAnswers = field(default_factory=ParentAnswers)
    health_details: str = ""
    health_needed: bool = False  # health details needed in the terugkoppeling
    pupil_shares_reason: bool = False  # a pupil of 16+ agrees parents hear the reason
    agreements: list[Agreement] = field(default_factory=list)
    # Seed 002: "Functie verzuim in kaart brengen": what staying home brings or avoids.
    absence_function: str = ""
    # Seed 002, "Signalen voor schooluitval": where the bond with school breaks.
    dropout_signals: set[UitvalSignaal] = field(default_factory=set)

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.held_on > today:
            errors["held_on"] = "De datum van het gesprek ligt in de toekomst."
        if not self.participants.strip():
            errors["participants"] = "Vul in wie er bij het gesprek waren."
        if len(_clean(self.parent_answers.three_words)) > THREE_WORDS:
            errors["parent_answers.three_words"] = "Vul hooguit drie woorden in."
        if len(_clean(self.parent_answers.two_things)) > TWO_THINGS:
            errors["parent_answers.two_things"] = "Vul hooguit twee dingen in."
        if self.health_needed and not self.health_details.strip():
            errors["health_details"] = (
                "U heeft aangegeven dat gezondheidsinformatie nodig is; vul die in of zet het "
                "vinkje uit."
            )
        for i, agreement in enumerate(self.agreements):
            errors.update(agreement.errors(f"agreements.{i}"))
        answers = self.parent_answers
        add_length_errors(errors, [
            long_field("participants", "Wie er waren", self.participants),
            long_field("background", "De achtergrond", self.background),
            long_field("absence_reason", "De reden van het verzuim", self.absence_reason),
            long_field("needed_to_resume", "Wat nodig is", self.needed_to_resume),
            long_field("involved_help", "De betrokken hulp", self.involved_help),
            long_field("school_role", "Wat school doet", self.school_role),
            long_field("pupil_own_words", "De woorden van de leerling", self.pupil_own_words),
            long_field("health_details", "De gezondheid", self.health_details),
            long_field("absence_function", "De functie van het verzuim", self.absence_function),
            long_field("parent_answers.one_wish", "De wens", answers.one_wish),
            *each("risk_factors", "Een risicofactor", self.risk_factors, LONG_TEXT),
            *each("protective_factors", "Een beschermende factor", self.protective_factors,
                  LONG_TEXT),
            *each("parent_answers.three_words", "Een woord", answers.three_words, SHORT_TEXT),
            *each("parent_answers.two_things", "Een ding", answers.two_things, LONG_TEXT)])
        if errors:
            raise ValidationError(errors)


def _clean(items: list[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()]
