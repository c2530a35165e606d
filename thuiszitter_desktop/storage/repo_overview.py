"""The overview's read (open cases, their pupil and stored clock in one query) and the keeping
of clock rows the overview had to compute (``tables_overview`` explains the scheme)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, select, update

from thuiszitter_desktop.domain.deadlines import DeadlineKind, UnmetItem
from thuiszitter_desktop.domain.overview_clock import OverviewClock
from thuiszitter_desktop.storage.repo_cases import STORED_DATES, raw_dates
from thuiszitter_desktop.storage.rows import enum_by_name
from thuiszitter_desktop.storage.tables import cases, pupils
from thuiszitter_desktop.storage.tables_overview import case_overview, overview_epoch

# The columns of ``overview_query``, in order: a case ...
CASE_COLUMNS = ("id", "verzuim_type", "education_percentage", "regie", "casusverantwoordelijke",
                "consulent", "stage", "closed_on")
# ... its pupil ...
PUPIL_COLUMNS = ("first_name", "last_name", "birth_date", "school", "onderwijstype")
# ... and its stored clock (all NULL when there is none: ``case_id`` tells).
CLOCK_COLUMNS = ("case_id", "home_start", "home_known", "aanbod_on", "next_due", "next_kind",
                 "next_key", "next_label", "next_more")
CLOCK_AT = len(CASE_COLUMNS) + len(PUPIL_COLUMNS)

_CLOSED_AT = CASE_COLUMNS.index("closed_on")


def overview_query(include_closed: bool = False) -> Select[Any]:
    query = (
        select(*(raw_dates(cases.c[name]) for name in CASE_COLUMNS),
               *(raw_dates(pupils.c[name]) for name in PUPIL_COLUMNS),
               *(raw_dates(case_overview.c[name]) for name in CLOCK_COLUMNS))
        .join(pupils, pupils.c.id == cases.c.pupil_id)
        .outerjoin(case_overview, case_overview.c.case_id == cases.c.id)
    )
    return query if include_closed else query.where(cases.c.closed_on.is_(None))


def overview_rows(conn: Connection, include_closed: bool = False) -> Sequence[Any]:
    """Raw rows of ``overview_query``: dates as stored (``STORED_DATES`` reads them)."""
    return conn.execute(overview_query(include_closed)).all()


@dataclass(frozen=True, slots=True)
class Epoch:
    changes: int  # how many changes of clock sources the triggers counted
    rules: str  # the ``overview_clock.RULES`` the stored rows were made with


def epoch(conn: Connection) -> Epoch:
    changes, rules = conn.execute(
        select(overview_epoch.c.n, overview_epoch.c.rules).where(overview_epoch.c.id == 1)
    ).one()
    return Epoch(changes, rules)


def missing_open(conn: Connection, rules: str) -> list[str]:
    """The open cases without a stored clock made under ``rules``."""
    query = select(cases.c.id).where(cases.c.closed_on.is_(None))
    if epoch(conn).rules == rules:
        query = (query.outerjoin(case_overview, case_overview.c.case_id == cases.c.id)
                 .where(case_overview.c.case_id.is_(None)))
    return list(conn.execute(query).scalars())


def _more_items(text: str) -> tuple[UnmetItem, ...]:
    """The ``next_more`` column: further unmet items due the same day."""
    return tuple((enum_by_name(DeadlineKind, kind), STORED_DATES[due], key, label)
                 for kind, due, key, label in json.loads(text))


def stored_clock(values: Sequence[Any]) -> OverviewClock | None:
    """The stored clock of one ``overview_query`` row, or None when it has none."""
    closed = values[_CLOSED_AT]
    (case_id, home_start, home_known, aanbod_on, next_due, next_kind, next_key, next_label,
     next_more) = values[CLOCK_AT:]
    if case_id is None:
        return None
    dates = STORED_DATES
    first: tuple[UnmetItem, ...] = (
        ((enum_by_name(DeadlineKind, next_kind), dates[next_due], next_key, next_label),)
        if next_due else ())
    return OverviewClock(
        home_start=dates[home_start], home_known=bool(home_known),
        aanbod_on=dates[aanbod_on] if aanbod_on else None,
        closed_on=dates[closed] if closed else None,
        next_items=first + (_more_items(next_more) if next_more else ()))


def _clock_values(case_id: str, clock: OverviewClock) -> dict[str, Any]:
    first: UnmetItem | None = clock.next_items[0] if clock.next_items else None
    more = clock.next_items[1:]
    return {
        "case_id": case_id, "home_start": clock.home_start, "home_known": clock.home_known,
        "aanbod_on": clock.aanbod_on,
        "next_due": first[1] if first else None,
        "next_kind": first[0].name if first else None,
        "next_key": first[2] if first else None,
        "next_label": first[3] if first else None,
        "next_more": json.dumps([[kind.name, due.isoformat(), key, label]
                                 for kind, due, key, label in more]) if more else None,
    }


def keep(conn: Connection, seen: Epoch, rules: str, clocks: Mapping[str, OverviewClock]) -> bool:
    """Store clocks computed from what was read at ``seen``, unless a clock source changed since
    (then they may be outdated, and the next load computes them again). Rows made under other
    rules go. Returns whether they were stored."""
    now = epoch(conn)
    if now.changes != seen.changes:
        return False
    if now.rules != rules:
        conn.execute(delete(case_overview))
        conn.execute(update(overview_epoch).where(overview_epoch.c.id == 1).values(rules=rules))
    if clocks:
        conn.execute(insert(case_overview).prefix_with("OR REPLACE"),
                     [_clock_values(case_id, clock) for case_id, clock in clocks.items()])
    return True


def forget_all(conn: Connection) -> None:
    """Every stored clock counts as missing (a test's cold load, bench/)."""
    conn.execute(delete(case_overview))

