"""The caseload overview read whole: one query with each case's stored clock, one pass of rows.

A case's clock facts (contacts, episodes, plans, situation changes) are read only for cases
whose stored clock is missing: new or changed since the last load (``tables_overview``). Those
clocks are stored afterwards, so the next load reads one row per case and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from thuiszitter_desktop.domain.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineState,
    deadline_state,
)
from thuiszitter_desktop.domain.model import age_on
from thuiszitter_desktop.domain.overview_clock import RULES, OverviewClock, overview_clock
from thuiszitter_desktop.domain.vocab import CaseStage, Onderwijstype, Regie, VerzuimType
from thuiszitter_desktop.services.caseload_row import STAGE_ORDER, CaseloadRow
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import facts_by_case, warning_days
from thuiszitter_desktop.storage import repo_cases, repo_overview, repo_settings
from thuiszitter_desktop.storage.errors import VaultError
from thuiszitter_desktop.storage.rows import enum_by_name

log = logging.getLogger(__name__)

# Up to this many missing clocks are read by case id; more, whole (SQL variable limits).
BY_ID = 500

_VERZUIM = {member.name: member.label for member in VerzuimType}
_REGIE = {member.name: member.label for member in Regie}
_STAGE = {member.name: (member.label, STAGE_ORDER[member]) for member in CaseStage}
_ONDERWIJSTYPE = {member.name: member.label for member in Onderwijstype}


def read_rows(ctx: AppContext, today: date, include_closed: bool) -> list[CaseloadRow]:
    """Every open case (and closed ones when asked) as overview rows."""
    with ctx.vault.read() as conn:
        # The epoch first: a change committed after it makes ``keep`` refuse what this read.
        seen = repo_overview.epoch(conn)
        raw = repo_overview.overview_rows(conn, include_closed)
        warnings = warning_days(repo_settings.load_all(conn))
        current = seen.rules == RULES
        at = repo_overview.CLOCK_AT
        missing = [values[0] for values in raw if not current or values[at] is None]
        computed = _compute(conn, missing, include_closed) if missing else {}
    rows = _rows(raw, computed, today, warnings)
    if computed and not ctx.vault.read_only:
        _keep(ctx, seen, computed)
    return rows


def store_missing(ctx: AppContext) -> int:
    """Make and store the clocks of every open case that has none (after upgrading, or after
    a pull that changed many cases), so that the next start shows the caseload at once.
    Returns how many were stored; none on a read-only vault or when a change came meanwhile."""
    if ctx.vault.read_only:
        return 0
    with ctx.vault.read() as conn:
        seen = repo_overview.epoch(conn)
        missing = repo_overview.missing_open(conn, RULES)
        computed = _compute(conn, missing, include_closed=False) if missing else {}
    return len(computed) if computed and _keep(ctx, seen, computed) else 0


def _compute(conn: Connection, case_ids: list[str], include_closed: bool
             ) -> dict[str, OverviewClock]:
    """The clocks of ``case_ids`` from their full facts."""
    if len(case_ids) <= BY_ID:
        items = repo_cases.list_cases(conn, include_closed=True, case_ids=case_ids)
        facts = facts_by_case(conn, items)
    else:
        wanted = set(case_ids)
        items = [item for item in repo_cases.list_cases(conn, include_closed=include_closed)
                 if item.case.id in wanted]
        facts = facts_by_case(conn, items, only_these=False)
    return {case_id: overview_clock(case_facts) for case_id, case_facts in facts.items()}


def _keep(ctx: AppContext, seen: repo_overview.Epoch, clocks: Mapping[str, OverviewClock]
          ) -> bool:
    """Store the computed clocks; a failure only means computing them again next time."""
    try:
        with ctx.vault.transaction() as conn:
            return repo_overview.keep(conn, seen, RULES, clocks)
    except (VaultError, SQLAlchemyError) as exc:
        log.warning("Overzichtsklokken niet bewaard (%s); volgende keer opnieuw berekend.",
                    type(exc).__name__)
        return False


def _rows(raw: Sequence[Any], computed: Mapping[str, OverviewClock], today: date,
          warnings: dict[DeadlineKind, int]) -> list[CaseloadRow]:
    dates = repo_cases.STORED_DATES
    # Deadlines shared by many cases (a clock's kind and due date): made once each.
    deadlines: dict[tuple[Any, ...], Deadline] = {}
    made = deadlines.get
    states: dict[tuple[str, Any], tuple[DeadlineKind, date, DeadlineState]] = {}
    ages = _ages_on(today)
    rows: list[CaseloadRow] = []
    append = rows.append
    for values in raw:
        (case_id, verzuim, percentage, regie, verantwoordelijke, consulent, stage, closed,
         first_name, last_name, birth, school, onderwijstype,
         clock_id, home_raw, home_known, aanbod_raw, due_raw, kind, key, label, more) = values
        closed_on = dates[closed] if closed else None
        clock = computed.get(case_id) if computed else None
        if clock is None and clock_id is not None and not more:
            # ``OverviewClock``'s day values, inline: this runs for every case.
            end = closed_on or today
            home = dates[home_raw]
            days = (end - home).days
            at_home = (days if days > 0 else 0) if home_known else None
            if aanbod_raw and (aanbod := dates[aanbod_raw]) < end:
                days = (aanbod - home).days
            without = days if days > 0 else 0
            deadline = None
            if due_raw:
                token = (kind, due_raw, key, label)
                deadline = made(token)
                if deadline is None:  # ``pick_next`` of this one item
                    due_kind, due, state = states.get((kind, due_raw)) or _state(
                        states, kind, due_raw, today, warnings)
                    deadline = deadlines[token] = Deadline(due_kind, due, state, None, key,
                                                           label)
        else:
            clock = clock or repo_overview.stored_clock(values)
            assert clock is not None  # every case without a stored clock was computed
            at_home = clock.days_at_home(today)
            without = clock.days_without_aanbod(today)
            deadline = clock.next_deadline(today, warnings)
        stage_label, stage_order = _STAGE[stage]
        age = ages.get(birth)
        if age is None:
            age = ages[birth] = age_on(dates[birth], today)
        append(CaseloadRow(
            case_id, f"{first_name} {last_name}".strip(), age,
            school or "Niet ingeschreven", _ONDERWIJSTYPE[onderwijstype], _VERZUIM[verzuim],
            percentage, at_home, _REGIE[regie], verantwoordelijke, consulent, stage_label,
            stage_order, deadline, closed_on is None, without))
    return rows


def _state(states: dict[tuple[str, Any], tuple[DeadlineKind, date, DeadlineState]], kind: str,
           due_raw: Any, today: date, warnings: dict[DeadlineKind, int]
           ) -> tuple[DeadlineKind, date, DeadlineState]:
    """The kind, due date and state of an unmet deadline, remembered in ``states``."""
    due_kind, due = enum_by_name(DeadlineKind, kind), repo_cases.STORED_DATES[due_raw]
    made = states[kind, due_raw] = (
        due_kind, due, deadline_state(due, None, today, warnings[due_kind]))
    return made


# Pupils' ages by raw birth date, for one day: the same few thousand on every load that day.
_AGES: dict[date, dict[Any, int]] = {}


def _ages_on(today: date) -> dict[Any, int]:
    ages = _AGES.get(today)
    if ages is None:
        _AGES.clear()
        ages = _AGES[today] = {}
    return ages
