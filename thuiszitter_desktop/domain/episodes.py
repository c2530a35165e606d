"""A reopened case as the episodes the policy figures count.

A case closes when the pupil follows more than 50% education again; when the pupil drops out
again the consulent reopens it, which records the reopen date and the closing date before it.
The deadline clock then starts a new episode (``deadlines``); the figures count every episode
as an aanmelding of its own:

- Episode 1 runs from the aanmelding to the first closing date, each later one from its reopen
  date to the next closing date (the last one: the case's own closing date, or still open). The
  days between a closing and the next reopening do not count.
- Contacts, goals and offers count for the episode they fall in: from its start (for a later
  episode its reopen date, as the clock counts them) up to its closing date, and before the
  next reopen date. An episode's first contact is the earliest contact with pupil or parents
  in it.
- Home start: ``home_since`` when it lies after the previous closing date and up to the
  episode's own (the pupil may have gone home again before the reopen date); for a later
  episode without one the reopen date (the clock's rule), for the first the aanmelding date.
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
from datetime import date, timedelta

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
        first, last = index == 0, index == len(starts) - 1
        # This episode's own closing, and the last day its contacts, goals and offers count:
        # never after it closed, and before the next reopen date.
        closing: date | None = None
        ends: date | None = None
        if not last:
            own = closing = closings[index]
            ends = min(own, starts[index + 1] - _ONE_DAY)
        # The home start may lie after the previous closing (home again before the reopen
        # date); contacts, goals and offers count from the episode's start (the clock's rule).
        home_window = (None if first else closings[index - 1], closing)
        event_window = (None if first else start - _ONE_DAY, ends)
        # An earlier episode as the case recorded it at closing (when that was kept).
        closed = None if last else ordered[index].closed
        source = case if closed is None else closed
        if last:
            reason = case.closing_reason
        else:
            reason = closed.closing_reason if closed is not None else None
        home = _within(source.home_since, *home_window)
        stops_clock = [day for day in (case.first_contact_date, *contacts)
                       if day is not None and _within(day, *event_window) is not None]
        entries.append((pupil, replace(
            case,
            aanmelding_date=start,
            home_since=home if home is not None or first else start,
            first_contact_date=min(stops_clock, default=None),
            goals_set_date=_within(source.goals_set_date, *event_window),
            passend_aanbod_date=_within(source.passend_aanbod_date, *event_window),
            closed_on=case.closed_on if last else closing,
            closing_reason=reason,
        )))
    return entries


_ONE_DAY = timedelta(days=1)


def _within(day: date | None, after: date | None, until: date | None) -> date | None:
    """``day`` when it lies after ``after`` and on or before ``until`` (None: no bound)."""
    if day is None or (after is not None and day <= after) or (
            until is not None and day > until):
        return None
    return day
