"""Who has the regie (procesregie) of a case, and when another party takes it over.

Seed 000, casus 1: "Wanneer een kind een schoolinschrijving heeft, ligt de procesregie over
het terugwerken naar school bij de school. Wanneer het passend is, kan een andere partij deze
rol nemen. Leerplicht kan de procesregie pakken wanneer het proces stagneert. Wanneer een kind
geen schoolinschrijving heeft, ligt de procesregie bij leerplicht indien het kind GEEN
vrijstelling heeft en bij de gemeentelijke toegang indien het kind WEL een vrijstelling heeft."
And: "Belangrijk is dat altijd expliciet is bij alle partijen wie de procesregie heeft – en wat
dit betekent."

So the app proposes the regie from enrolment and vrijstelling, says what it means on every
document, and records every change of regie as an event with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, long_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled, Regie, VerzuimType


def proposed_regie(enrolled: bool, verzuim_type: VerzuimType) -> Regie:
    """The party that has the regie by the regional rule (seed 000, casus 1)."""
    if enrolled:
        return Regie.SCHOOL
    if verzuim_type is VerzuimType.VRIJSTELLING_5A:
        return Regie.GEMEENTELIJKE_TOEGANG
    return Regie.LEERPLICHT


def proposal_reason(enrolled: bool, verzuim_type: VerzuimType) -> str:
    """Why the rule proposes what it proposes, in one Dutch sentence."""
    if enrolled:
        return "De leerling staat ingeschreven op een school."
    if verzuim_type is VerzuimType.VRIJSTELLING_5A:
        return "De leerling staat niet ingeschreven en heeft een vrijstelling."
    return "De leerling staat niet ingeschreven en heeft geen vrijstelling."


def regie_meaning(regie: Regie, holder: str = "") -> str:
    """What having the regie means, for letters and the plan (plain Dutch, B1)."""
    who = holder.strip() or _WORDS[regie]
    return (f"{who[:1].upper()}{who[1:]} heeft de regie. Dat betekent: {who} houdt het "
            "overzicht, zorgt dat iedereen samenwerkt en let erop dat de afspraken worden "
            "nagekomen.")


_WORDS: dict[Regie, str] = {
    Regie.SCHOOL: "de school",
    Regie.LEERPLICHT: "leerplicht van de gemeente",
    Regie.GEMEENTELIJKE_TOEGANG: "de gemeente (de gemeentelijke toegang)",
    Regie.JEUGDHULP: "het jeugdteam of wijkteam",
    Regie.SWV: "het samenwerkingsverband (de scholen in de regio samen)",
    Regie.ANDERS: "een andere organisatie",
}


class RegieReason(Labelled):
    """Why the regie moved to another party."""

    STAGNATIE = "Het proces stagneert (leerplicht neemt de regie over)"
    GEEN_REGIEHOUDER = "Er is geen duidelijke regiehouder"
    PASSEND = "Een andere partij past beter"
    INSCHRIJVING = "De inschrijving of vrijstelling is veranderd"
    PLAN = "Afgesproken in het plan van aanpak"
    ANDERS = "Anders"


@dataclass(slots=True, kw_only=True)
class RegieChange:
    """'Regie overgenomen': from whom, to whom, when and why."""

    id: str = field(default_factory=new_id)
    case_id: str
    on: date
    from_regie: Regie
    to_regie: Regie
    reason: RegieReason
    note: str = ""
    by: str = ""

    def validate(self, today: date, since: date) -> None:
        errors: dict[str, str] = {}
        if self.to_regie is self.from_regie:
            errors["to_regie"] = f"{self.to_regie.label} heeft de regie al."
        if self.on > today:
            errors["on"] = "De datum ligt in de toekomst."
        elif self.on < since:
            errors["on"] = "De datum ligt vóór de aanmelding."
        if self.reason is RegieReason.ANDERS and not self.note.strip():
            errors["note"] = "Geef bij 'Anders' een korte toelichting."
        add_length_errors(errors, [long_field("note", "De toelichting", self.note)])
        if errors:
            raise ValidationError(errors)
