"""A reopened case as the episodes the policy figures count.

A case closes when the pupil follows more than 50% education again; when the pupil drops out
again the consulent reopens it, which records the reopen date and the closing date before it.
The deadline clock then starts a new episode (``deadlines``); the figures count every episode
as an aanmelding of its own:

- Episode 1 runs from the aanmelding to the first closing date, each later one from its reopen
  date to the next closing date (the last one: the case's own closing date, or still open). The
  days between a closing and the next reopening do not count.
- A date belongs to the episode it falls in: after the previous closing date, up to and
  including the episode's own closing date. The case keeps one goals date and one passend
  aanbod date; each counts for the episode it falls in. An episode's first contact is the
  earliest contact with pupil or parents in it, for a later episode on or after its reopen date
  (as the clock counts it).
- Home start: the case's ``home_since`` for the episode it falls in; for a later episode
  without one the reopen date (the clock's rule), for the first the aanmelding date.
- An earlier episode takes its closing reason, home start, goals date and passend aanbod date
  from what the case recorded when it closed (kept at reopening). Reopenings recorded before
  that was kept have none: those episodes take the case's current dates that fall in them, and
  count as closed for an unknown reason (the passend-aanbod target is then met only by an offer
  that started in time).

Every episode keeps the case id, so the pupils behind a number are the same cases. A case that
was never reopened is its single episode, unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from thuiszitter_desktop.domain.definitions import CaseEntry
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason


@dataclass(frozen=True, slots=True)
class ClosedEpisode:
    """What a case recorded about the episode that closed, kept when it was reopened."""

    closing_reason: ClosingReason | None
    home_since: date | None
    goals_set_date: date | None
    passend_aanbod_date: date | None

    @classmethod
    def of(cls, case: Case) -> ClosedEpisode:
        return cls(case.closing_reason, case.home_since, case.goals_set_date,
                   case.passend_aanbod_date)


@dataclass(frozen=True, slots=True)
class Reopening:
    """One reopening of a case: the day it was reopened, the closing date before it and,
    for reopenings since 0009_episode_history, what the case recorded at that closing."""

    reopened_on: date
    previous_closed_on: date | None
    closed: ClosedEpisode | None = None


def episode_entries(pupil: Pupil, case: Case, reopenings: Sequence[Reopening],
                    contacts: Sequence[date] = ()) -> list[CaseEntry]:
    """``case`` as one entry per episode (rules: module docstring), oldest first."""
    if not reopenings:
        return [(pupil, case)]
    ordered = sorted(reopenings, key=lambda r: r.reopened_on)
    starts = [case.aanmelding_date, *(r.reopened_on for r in ordered)]
    # A reopening always follows a closing; without its date the episode ends the day before.
    closings = [r.previous_closed_on or r.reopened_on for r in ordered]
    entries: list[CaseEntry] = []
    for index, start in enumerate(starts):
        after = closings[index - 1] if index > 0 else None  # the previous closing
        until = closings[index] if index < len(closings) else None  # this episode's own

        def within(day: date | None, after: date | None = after,
                   until: date | None = until) -> date | None:
            if day is None or (after is not None and day <= after) or (
                    until is not None and day > until):
                return None
            return day

        first = index == 0
        stops_clock = [day for day in (case.first_contact_date, *contacts)
                       if day is not None and within(day) is not None
                       and (first or day >= start)]
        # An earlier episode as the case recorded it at closing (when that was kept).
        closed = ordered[index].closed if until is not None else None
        source = case if closed is None else closed
        if until is None:
            reason = case.closing_reason
        else:
            reason = closed.closing_reason if closed is not None else None
        home = within(source.home_since)
        entries.append((pupil, replace(
            case,
            aanmelding_date=start,
            home_since=home if home is not None or first else start,
            first_contact_date=min(stops_clock, default=None),
            goals_set_date=within(source.goals_set_date),
            passend_aanbod_date=within(source.passend_aanbod_date),
            closed_on=until if until is not None else case.closed_on,
            closing_reason=reason,
        )))
    return entries
