"""Every user setting declared in one place: key, Dutch label, explanation, type, default, bounds.

Values are stored as JSON inside the vault (``settings`` table), never in plain files, because
some (organisation, consulent) say something about who works on which pupils.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import SHORT_TEXT, too_long


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    help: str
    kind: type  # str, int or bool
    default: Any
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, Dutch label) for a fixed list
    required: bool = False  # a text that may not be left empty

    def clean(self, value: Any) -> Any:
        """The value if valid, else ``ValidationError`` with a Dutch message."""
        if self.kind is bool:
            if not isinstance(value, bool):
                raise ValidationError({self.key: f"{self.label}: kies ja of nee."})
            return value
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError({self.key: f"{self.label}: vul een heel getal in."})
            low = self.minimum if self.minimum is not None else value
            high = self.maximum if self.maximum is not None else value
            if not low <= value <= high:
                raise ValidationError(
                    {self.key: f"{self.label}: kies een waarde van {low} tot en met {high}."}
                )
            return value
        text = " ".join(str(value).split())
        if self.required and not text:
            raise ValidationError({self.key: f"Vul {self.label.lower()} in."})
        if self.choices and text not in {v for v, _ in self.choices}:
            raise ValidationError({self.key: f"{self.label}: kies een van de mogelijkheden."})
        if (message := too_long(text, SHORT_TEXT, self.label)) is not None:
            raise ValidationError({self.key: message})
        return text

    def read(self, stored: dict[str, Any]) -> Any:
        """The stored value when valid, else the default (a bad stored value never crashes)."""
        if self.key not in stored:
            return self.default
        try:
            return self.clean(stored[self.key])
        except ValidationError:
            return self.default


ORGANISATION = Setting(
    "organisation", "Naam organisatie",
    "Staat bovenaan elke brief en elk rapport, bijvoorbeeld 'Leerplicht Regio Rivierland'.",
    str, "Leerplicht")
CONSULENT_NAME = Setting(
    "consulent.name", "Uw naam",
    "Zo ondertekent u brieven, en zo staat u in het logboek en als consulent bij nieuwe "
    "casussen.", str, "", required=True)
ROLES: tuple[tuple[str, str], ...] = (
    ("thuiszittersconsulent", "Thuiszittersconsulent"),
    ("consulent_leerrecht", "Consulent leerrecht"),
    ("leerplichtambtenaar", "Leerplichtambtenaar"),
    ("zorgcoordinator", "Zorgcoördinator"),
    ("teamleider", "Teamleider"),
)
CONSULENT_ROLE = Setting(
    "consulent.role", "Uw functie", "Staat onder uw naam op brieven.", str,
    "thuiszittersconsulent", choices=ROLES)
CONSULENT_PHONE = Setting(
    "consulent.phone", "Uw telefoonnummer", "Voor ouders en school op brieven.", str, "")
CONSULENT_EMAIL = Setting(
    "consulent.email", "Uw e-mailadres", "Voor ouders en school op brieven.", str, "")
WARN_FIRST_CONTACT = Setting(
    "deadlines.warn.EERSTE_CONTACT", "Waarschuwen eerste contact",
    "Aantal dagen vóór de termijn van 14 dagen dat 'Binnenkort' verschijnt.", int, 3, 0, 13)
WARN_GOALS = Setting(
    "deadlines.warn.DOELEN", "Waarschuwen doelen gesteld",
    "Aantal dagen vóór de termijn van een maand.", int, 7, 0, 27)
WARN_PASSEND_AANBOD = Setting(
    "deadlines.warn.PASSEND_AANBOD", "Waarschuwen passend aanbod",
    "Aantal dagen vóór de termijn van drie maanden.", int, 14, 0, 60)
ICS_NAMES = Setting(
    "deadlines.ics_names", "Namen in agenda-export",
    "Wat van de leerling in een .ics-bestand voor Outlook staat.", str, "initials",
    choices=(("initials", "Alleen initialen"), ("none", "Geen namen")))
MDO_FULL_NAMES = Setting(
    "mdo.full_names", "Volledige namen op de MDO-agenda",
    "Uit: voornaam en eerste letter van de achternaam.", bool, False)
MDO_STAGNATION_WEEKS = Setting(
    "mdo.stagnation_weeks", "Stagnatie na (weken)",
    "Geen voortgang of contact in zoveel weken: de leerling wordt voorgesteld voor het MDO.",
    int, 4, 1, 26)
IDLE_MINUTES = Setting(
    "security.idle_minutes", "Automatisch vergrendelen na (minuten)",
    "Zonder gebruik vergrendelt de kluis na zoveel minuten.", int, 5, 1, 15)

ALL: tuple[Setting, ...] = (
    ORGANISATION, CONSULENT_NAME, CONSULENT_ROLE, CONSULENT_PHONE, CONSULENT_EMAIL,
    WARN_FIRST_CONTACT,
    WARN_GOALS, WARN_PASSEND_AANBOD, ICS_NAMES, MDO_FULL_NAMES, MDO_STAGNATION_WEEKS,
    IDLE_MINUTES,
)
BY_KEY = {setting.key: setting for setting in ALL}
