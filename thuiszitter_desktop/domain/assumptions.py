"""What an update assumed about data recorded before a rule existed, shown to the user.

Migrating a vault never invents facts. Where a new rule needs a fact the old data does not
have (was that phone call a video call? did this aanbod meet the criteria?), the migration keeps
what was recorded, makes the assumption that keeps today's figures explainable, and records it
here per case, so the consulent sees it and can correct the data. Marking one as seen is
recorded with who and when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled


class AssumptionSubject(Labelled):
    EERSTE_GESPREK = "Eerste gesprek"
    SOORT_CONTACT = "Soort contact"
    PASSEND_AANBOD = "Passend aanbod"
    TOESTEMMING = "Toestemming"


@dataclass(slots=True, kw_only=True)
class Assumption:
    id: str = field(default_factory=new_id)
    case_id: str
    subject: AssumptionSubject
    detail: str  # Dutch; dates and kinds only, never health content
    made_on: date
    seen_on: date | None = None
    seen_by: str = ""

    @property
    def open(self) -> bool:
        return self.seen_on is None
