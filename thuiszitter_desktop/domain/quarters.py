"""Calendar quarters, the period every policy figure is reported over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.errors import ValidationError

_ORDINALS = {1: "1e", 2: "2e", 3: "3e", 4: "4e"}


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """A calendar quarter: ``Quarter(2026, 3)`` runs from 1 July to 30 September 2026."""

    year: int
    q: int

    def __post_init__(self) -> None:
        if self.q not in (1, 2, 3, 4):
            raise ValidationError({"quarter": "Een kwartaal is 1, 2, 3 of 4."})

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        """The last day of the quarter (inclusive)."""
        return self.next().start - timedelta(days=1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """'3e kwartaal 2026'."""
        return f"{_ORDINALS[self.q]} kwartaal {self.year}"

    @property
    def key(self) -> str:
        """'2026-Q3': how a quarter is stored (the story beside its figures)."""
        return f"{self.year}-Q{self.q}"

    @property
    def short_label(self) -> str:
        """'K3 2026', for chart axes and file names."""
        return f"K{self.q} {self.year}"
