"""A school as a record: name, BRIN and vestiging where known, gemeente (issue 21).

Pupils used to hold the school as free text. Those texts are mapped to school records by a
person (dialog *Scholen koppelen*) with suggestions made by the same rule as list matching
(``name_match.same_school``, folding through ``text_fold``), so nothing is guessed silently
and the typed text stays on the pupil.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, short_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.name_match import plain, ratio, same_school

BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}$")  # e.g. 12AB (DUO's institution number)
VESTIGING = re.compile(r"^[0-9]{2}$")  # e.g. 00, 01


@dataclass(slots=True, kw_only=True)
class School:
    id: str = field(default_factory=new_id)
    name: str
    brin: str = ""
    vestiging: str = ""
    gemeente: str = ""

    @property
    def label(self) -> str:
        """'OBS De Regenboog (12AB00, Utrecht)': enough to tell two schools apart."""
        code = f"{self.brin}{self.vestiging}"
        extra = ", ".join(part for part in (code, self.gemeente.strip()) if part)
        return f"{self.name} ({extra})" if extra else self.name

    def normalised(self) -> School:
        return School(id=self.id, name=" ".join(self.name.split()),
                      brin=self.brin.strip().upper(), vestiging=self.vestiging.strip(),
                      gemeente=" ".join(self.gemeente.split()))

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = "Vul de naam van de school in."
        if self.brin.strip() and not BRIN.match(self.brin.strip().upper()):
            errors["brin"] = ("Een BRIN-nummer is twee cijfers en twee letters, bijvoorbeeld "
                              "12AB. Laat het leeg als u het niet weet.")
        if self.vestiging.strip():
            if not VESTIGING.match(self.vestiging.strip()):
                errors["vestiging"] = ("Een vestigingsnummer is twee cijfers, bijvoorbeeld 00 "
                                       "of 01.")
            elif not self.brin.strip():
                errors["vestiging"] = "Vul eerst het BRIN-nummer in."
        add_length_errors(errors, [short_field("name", "De naam", self.name),
                                   short_field("gemeente", "De gemeente", self.gemeente)])
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True, slots=True)
class SchoolMatch:
    school: School
    score: float


def suggestions(text: str, schools: Iterable[School], limit: int = 5) -> list[SchoolMatch]:
    """School records that a typed school name plausibly means, best first.

    A BRIN typed in the text (``12AB``, ``12AB00``) matches that school outright; otherwise the
    list-matching rule (``same_school``) decides, and the names' similarity orders them.
    """
    typed = plain(text)
    found: list[SchoolMatch] = []
    codes = {token.upper() for token in typed.split() if len(token) in (4, 6)}
    for school in schools:
        code = f"{school.brin}{school.vestiging}".upper()
        if school.brin and (school.brin.upper() in codes or (code and code in codes)):
            found.append(SchoolMatch(school, 1.0))
        elif typed and same_school(text, school.name):
            found.append(SchoolMatch(school, max(ratio(typed, plain(school.name)), 0.5)))
    found.sort(key=lambda m: (-m.score, plain(m.school.name)))
    return found[:limit]


def linked_school(text: str, current_id: str | None, stored_text: str | None,
                  schools: Iterable[School]) -> str | None:
    """The school record a pupil's typed school points to when saved.

    A text that names a record exactly (folded, ``name_match.plain``) links to it; a text left
    as it was keeps the link chosen before (e.g. in *Scholen koppelen*); any other text has no
    record yet and waits for the consulent to map it. Nothing is guessed.
    """
    wanted = plain(text)
    if not wanted:
        return None
    exact = [s.id for s in schools if plain(s.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    if current_id and stored_text is not None and plain(stored_text) == wanted:
        return current_id
    return None
