"""Repository for the deadline clock: snoozes, case episodes, contact dates per case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, delete, select

from thuiszitter_desktop.domain.episodes import ClosedEpisode, Reopening
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.reminders import Snooze
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.storage.repo_cases import family_conversation
from thuiszitter_desktop.storage.rows import enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables import contact_moments
from thuiszitter_desktop.storage.tables_reminders import case_episodes, reminder_snoozes


# -- snoozes --------------------------------------------------------------------------------
def save_snooze(conn: Connection, item: Snooze, now: datetime) -> None:
    upsert(conn, reminder_snoozes, {
        "id": item.id, "case_id": item.case_id, "deadline_key": item.key, "due": item.due,
        "until": item.until, "reason": item.reason, "snoozed_by": item.by,
        "snoozed_at": item.at,
    }, now)


def delete_snooze(conn: Connection, snooze_id: str) -> None:
    conn.execute(delete(reminder_snoozes).where(reminder_snoozes.c.id == snooze_id))


def list_snoozes(conn: Connection, case_ids: Iterable[str] | None = None) -> list[Snooze]:
    query = select(reminder_snoozes).order_by(reminder_snoozes.c.snoozed_at)
    if case_ids is not None:
        query = query.where(reminder_snoozes.c.case_id.in_(list(case_ids)))
    return [
        Snooze(id=r["id"], case_id=r["case_id"], key=r["deadline_key"], due=r["due"],
               reason=r["reason"], by=r["snoozed_by"], at=r["snoozed_at"], until=r["until"])
        for r in conn.execute(query).mappings()
    ]


# -- episodes -------------------------------------------------------------------------------
def add_episode(conn: Connection, case_id: str, reopened_on: date,
                previous_closed_on: date | None, now: datetime,
                closed: ClosedEpisode | None = None) -> None:
    """Record that ``case_id`` was reopened: its clocks restart (domain/deadlines.py); with
    ``closed``, what the case recorded about the episode that closed (for the figures)."""
    upsert(conn, case_episodes, {
        "id": new_id(), "case_id": case_id, "reopened_on": reopened_on,
        "previous_closed_on": previous_closed_on,
        "previous_closing_reason": enum_name(closed.closing_reason) if closed else None,
        "previous_home_since": closed.home_since if closed else None,
        "previous_goals_set_date": closed.goals_set_date if closed else None,
        "previous_passend_aanbod_date": closed.passend_aanbod_date if closed else None,
    }, now)


def reopenings(conn: Connection,
               case_ids: Iterable[str] | None = None) -> dict[str, list[Reopening]]:
    """Every reopening of every (or each given) case, oldest first."""
    c = case_episodes.c
    query = select(c.case_id, c.reopened_on, c.previous_closed_on, c.previous_closing_reason,
                   c.previous_home_since, c.previous_goals_set_date,
                   c.previous_passend_aanbod_date).order_by(c.reopened_on, c.created_at)
    if case_ids is not None:
        query = query.where(c.case_id.in_(list(case_ids)))
    found: defaultdict[str, list[Reopening]] = defaultdict(list)
    for case_id, reopened_on, closed_on, reason, home, goals, aanbod in conn.execute(query):
        # Nothing recorded: a reopening from before 0009_episode_history.
        closed = (ClosedEpisode(enum_or_none(ClosingReason, reason), home, goals, aanbod)
                  if any((reason, home, goals, aanbod)) else None)
        found[case_id].append(Reopening(reopened_on, closed_on, closed))
    return dict(found)


def latest_episodes(conn: Connection,
                    case_ids: Iterable[str] | None = None) -> dict[str, Reopening]:
    """The latest reopening of every reopened case: where its current episode starts."""
    return {case_id: found[-1] for case_id, found in reopenings(conn, case_ids).items()}


# -- contact dates --------------------------------------------------------------------------
def contact_dates(conn: Connection, case_ids: Iterable[str] | None = None, *,
                  reopened_only: bool = False,
                  conversations_only: bool = True) -> dict[str, tuple[date, ...]]:
    """Per case, the dates of conversations with pupil or parents (what stops the two-week
    clock); with ``reopened_only``, of the cases that were ever reopened (the figures'
    episodes); without ``conversations_only``, of every contact with pupil or parents."""
    query = select(contact_moments.c.case_id, contact_moments.c.on_date).where(
        family_conversation() if conversations_only
        else contact_moments.c.with_pupil_or_parents.is_(True))
    if case_ids is not None:
        query = query.where(contact_moments.c.case_id.in_(list(case_ids)))
    if reopened_only:
        query = query.where(contact_moments.c.case_id.in_(select(case_episodes.c.case_id)))
    found: defaultdict[str, list[date]] = defaultdict(list)
    for case_id, on_date in conn.execute(query):
        found[case_id].append(on_date)
    return {case_id: tuple(sorted(days)) for case_id, days in found.items()}
