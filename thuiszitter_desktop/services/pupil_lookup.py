"""Does this pupil exist already? Asked before a registration creates a new pupil.

The same question 'Casus aanmaken' from a list asks (``list_compare.pupils_like``, the rule of
``reconcile.near_misses``): the same date of birth and a name that looks alike, folded
('Nina Yilmaz' is 'Nina Yılmaz'), swapped names and typos too; closed cases included.
"""

from __future__ import annotations

from dataclasses import dataclass

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reconcile import ListEntry
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.list_compare import pupils_like


@dataclass(frozen=True, slots=True)
class ExistingPupil:
    pupil: Pupil
    case: Case  # the pupil's open case, else their latest

    @property
    def description(self) -> str:
        """'Nina Yılmaz, geboren 04-03-2012, OBS De Regenboog — casus open (Plan van aanpak)'."""
        school = self.pupil.school.strip() or "niet ingeschreven"
        state = (f"casus open ({self.case.stage.label})" if self.case.is_open
                 else f"casus afgesloten op {self.case.closed_on:%d-%m-%Y}")
        return (f"{self.pupil.full_name}, geboren {self.pupil.birth_date:%d-%m-%Y}, {school} — "
                f"{state}")


def probable_existing_pupils(ctx: AppContext, pupil: Pupil) -> list[ExistingPupil]:
    """Pupils who are probably ``pupil`` (not ``pupil`` itself), the likeliest first."""
    entry = ListEntry(row_number=0, first_name=pupil.first_name, last_name=pupil.last_name,
                      birth_date=pupil.birth_date, school=pupil.school)
    return [ExistingPupil(found, case) for found, case in pupils_like(ctx, entry)
            if found.id != pupil.id]
