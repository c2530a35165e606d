"""What a zorgcoördinator adds: a pupil proposed for the next MDO, and the school's input.

DOMAIN.md: "They propose pupils and questions for the MDO and add the school's input." The
input follows the aanmeldformulier's school part (seed 000, casus 2): how the pupil attends,
what the school tried, what the school needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, long_field, short_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled


class ProposalStatus(Labelled):
    OPEN = "Voorgesteld"
    INGEPLAND = "Op de agenda gezet"


@dataclass(slots=True, kw_only=True)
class MdoProposal:
    id: str = field(default_factory=new_id)
    case_id: str
    question: str
    proposed_by: str
    proposed_on: date
    status: ProposalStatus = ProposalStatus.OPEN
    mdo_id: str | None = None

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if not self.question.strip():
            errors["question"] = ("Schrijf de vraag voor het MDO op: wat wilt u dat het MDO "
                                  "besluit of bespreekt?")
        if self.proposed_on > today:
            errors["proposed_on"] = "De datum van het voorstel ligt in de toekomst."
        add_length_errors(errors, [long_field("question", "De vraag", self.question),
                                   short_field("proposed_by", "Voorgesteld door",
                                               self.proposed_by)])
        if errors:
            raise ValidationError(errors)

    @property
    def line(self) -> str:
        """'Vraag van Sem de Vries (12-11-2026): …' for the consulent's suggestion list."""
        return (f"Vraag van {self.proposed_by or 'school'} ({self.proposed_on:%d-%m-%Y}): "
                f"{self.question.strip()}")


@dataclass(slots=True, kw_only=True)
class SchoolInput:
    id: str = field(default_factory=new_id)
    case_id: str
    on_date: date
    attendance: str = ""
    tried: str = ""
    needs: str = ""
    written_by: str = ""

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if not (self.attendance.strip() or self.tried.strip() or self.needs.strip()):
            errors["attendance"] = ("Vul minstens één van de drie vragen in: aanwezigheid, wat "
                                    "de school heeft geprobeerd of wat de school nodig heeft.")
        if self.on_date > today:
            errors["on_date"] = "De datum ligt in de toekomst."
        add_length_errors(errors, [long_field("attendance", "De aanwezigheid", self.attendance),
                                   long_field("tried", "Wat de school probeerde", self.tried),
                                   long_field("needs", "Wat de school nodig heeft", self.needs),
                                   short_field("written_by", "Door", self.written_by)])
        if errors:
            raise ValidationError(errors)
