"""Follow-up after closing: how is the pupil doing 3, 6 and 12 months later, and at a transition.

Seed 001: "Tot een jaar later wordt er gekeken hoe het gaat." Seed 004: "Met name de
overgangen naar een ander onderwijstype zijn kwetsbaar; van po naar vo en van vo naar
vervolgopleiding", and "dat partijen een vinger aan de pols houden als een passend aanbod is
gerealiseerd. Hiermee wordt voorkomen dat leerlingen tijdens overgangen in de
onderwijsloopbaan (bijvoorbeeld de overstap van po naar vo) wederom thuis komen te zitten."

A case closed because the pupil went back to school or an aanbod started gets moments 3, 6 and
12 months after closing; a transition the consulent knows of gets a moment of its own, a month
after the new school starts. A moment is done once its outcome is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import add_length_errors, long_field
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import ClosingReason, Labelled

FOLLOW_UP_MONTHS = (3, 6, 12)
# A month after a transition: long enough to see how the new school goes, early enough to act.
AFTER_TRANSITION_MONTHS = 1
# Closing for these reasons means the pupil is back in education: worth following up.
FOLLOWED_UP = (ClosingReason.TERUG_OP_SCHOOL, ClosingReason.PASSEND_AANBOD)


class FollowUpKind(Labelled):
    NA_3_MAANDEN = "Nazorg na 3 maanden"
    NA_6_MAANDEN = "Nazorg na 6 maanden"
    NA_12_MAANDEN = "Nazorg na 12 maanden"
    OVERGANG_PO_VO = "Overgang van po naar vo"
    OVERGANG_VO_VERVOLG = "Overgang van vo naar vervolgopleiding"

    @property
    def is_transition(self) -> bool:
        return self.name.startswith("OVERGANG")


class FollowUpOutcome(Labelled):
    GAAT_GOED = "Gaat goed"
    ZORGEN = "Er zijn zorgen; school volgt het"
    WEER_THUIS = "Weer (deels) thuis; casus heropend"
    NIET_BEREIKT = "Niet bereikt"


@dataclass(slots=True, kw_only=True)
class FollowUp:
    id: str = field(default_factory=new_id)
    case_id: str
    kind: FollowUpKind
    due: date
    done_on: date | None = None
    outcome: FollowUpOutcome | None = None
    note: str = ""

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def key(self) -> str:
        """Its key beside the deadline keys, for a snooze (domain/reminders)."""
        return f"nazorg:{self.id}"

    def record(self, on: date, outcome: FollowUpOutcome, note: str, today: date) -> None:
        errors: dict[str, str] = {}
        if on > today:
            errors["done_on"] = "De datum ligt in de toekomst."
        add_length_errors(errors, [long_field("note", "De notitie", note)])
        if errors:
            raise ValidationError(errors)
        self.done_on, self.outcome, self.note = on, outcome, note.strip()


_MONTH_KINDS = dict(zip(FOLLOW_UP_MONTHS, (FollowUpKind.NA_3_MAANDEN, FollowUpKind.NA_6_MAANDEN,
                                          FollowUpKind.NA_12_MAANDEN), strict=True))


def follow_ups_after_closing(case_id: str, closed_on: date,
                             reason: ClosingReason) -> list[FollowUp]:
    """The moments 3, 6 and 12 months after a closing that put the pupil back in education."""
    if reason not in FOLLOWED_UP:
        return []
    return [FollowUp(case_id=case_id, kind=kind, due=add_months(closed_on, months))
            for months, kind in _MONTH_KINDS.items()]


def transition_follow_up(case_id: str, kind: FollowUpKind, new_school_starts: date) -> FollowUp:
    if not kind.is_transition:
        raise ValidationError({"kind": "Kies een overgang (po naar vo, of vo naar vervolg)."})
    return FollowUp(case_id=case_id, kind=kind,
                    due=add_months(new_school_starts, AFTER_TRANSITION_MONTHS))


def due_follow_ups(items: Iterable[FollowUp], today: date, horizon_days: int) -> list[FollowUp]:
    """Moments not done that are overdue or due within ``horizon_days`` (today included)."""
    last = date.fromordinal(today.toordinal() + horizon_days - 1)
    return sorted((f for f in items if not f.done and f.due <= last),
                  key=lambda f: (f.due, f.case_id, f.kind.name))


@dataclass(frozen=True, slots=True)
class FollowUpFigures:
    """Follow-up moments that fell due in a period, and what they found."""

    due: int
    done: int
    done_in_time: int  # within a month after the due date
    back_home: int  # outcome: weer thuis
    open: int

    @property
    def share_done(self) -> float | None:
        return None if not self.due else 100 * self.done / self.due


def follow_up_figures(items: Iterable[FollowUp], first: date, last: date) -> FollowUpFigures:
    """Moments due from ``first`` to ``last``; 'in time' = done within a month after due."""
    in_period = [f for f in items if first <= f.due <= last]
    done = [f for f in in_period if f.done_on is not None and f.done_on <= last]
    in_time = [f for f in done if f.done_on is not None and f.done_on <= add_months(f.due, 1)]
    back = [f for f in done if f.outcome is FollowUpOutcome.WEER_THUIS]
    return FollowUpFigures(len(in_period), len(done), len(in_time), len(back),
                           len(in_period) - len(done))
