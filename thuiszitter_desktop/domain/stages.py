"""The dated steps a case goes through (``CaseStage``, in order).

Marking a step records today's date; the consulent may correct it afterwards. Steps may be
skipped (a case can close at any step), but the dates that are recorded must follow the order of
the steps and may not lie in the future.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.vocab import CaseStage

FIRST_STAGE = CaseStage.AANMELDING_ONTVANGEN


@dataclass(frozen=True, slots=True)
class StageStep:
    """One row of the timeline: the step, its date if reached, days since the aanmelding."""

    stage: CaseStage
    on: date | None
    days_since_start: int | None

    @property
    def done(self) -> bool:
        return self.on is not None


@dataclass(slots=True)
class StageDates:
    dates: dict[CaseStage, date] = field(default_factory=dict)

    @classmethod
    def starting(cls, aanmelding_date: date) -> StageDates:
        return cls({FIRST_STAGE: aanmelding_date})

    def mark(self, stage: CaseStage, today: date) -> date:
        """Record that ``stage`` is reached today; an already recorded date is kept."""
        return self.dates.setdefault(stage, today)

    def set_date(self, stage: CaseStage, on: date | None) -> None:
        """Correct a step's date afterwards; ``None`` undoes the step."""
        if on is None:
            if stage is FIRST_STAGE:
                raise ValidationError(
                    {stage.name: "De datum van de aanmelding kan niet leeg zijn."}
                )
            self.dates.pop(stage, None)
        else:
            self.dates[stage] = on

    def current(self) -> CaseStage:
        """The furthest step reached."""
        reached = [s for s in CaseStage if s in self.dates]
        return reached[-1] if reached else FIRST_STAGE

    def timeline(self) -> list[StageStep]:
        """Every step in order, with its date when reached."""
        start = self.dates.get(FIRST_STAGE)
        steps = []
        for stage in CaseStage:
            on = self.dates.get(stage)
            days = (on - start).days if on is not None and start is not None else None
            steps.append(StageStep(stage, on, days))
        return steps

    def validate(self, today: date) -> None:
        """Dates not in the future and in the order of the steps; Dutch message per step."""
        errors: dict[str, str] = {}
        if FIRST_STAGE not in self.dates:
            errors[FIRST_STAGE.name] = "Vul de datum van de aanmelding in."
        previous: tuple[CaseStage, date] | None = None
        for stage in CaseStage:
            on = self.dates.get(stage)
            if on is None:
                continue
            if on > today:
                errors[stage.name] = f"De datum van '{stage.label}' ligt in de toekomst."
            elif previous is not None and on < previous[1]:
                errors[stage.name] = (
                    f"De datum van '{stage.label}' ({on:%d-%m-%Y}) ligt vóór de datum van "
                    f"'{previous[0].label}' ({previous[1]:%d-%m-%Y})."
                )
            previous = (stage, on)
        if errors:
            raise ValidationError(errors)
