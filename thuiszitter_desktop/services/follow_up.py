"""Use cases of the follow-up after closing: what is due (Vandaag, counted and snoozed like a
deadline: services/reminders, today_board), record what was found, plan a moment at a
transition, and the figures of a quarter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain.deadlines import DeadlineKind, DeadlineState
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.follow_up import (
    FollowUp,
    FollowUpFigures,
    FollowUpKind,
    FollowUpOutcome,
    due_follow_ups,
    follow_up_figures,
    transition_follow_up,
)
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.reminders import REMINDER_HORIZON_DAYS, Snooze, split_snoozed
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_follow_up


@dataclass(frozen=True, slots=True)
class OpenFollowUps:
    """A case's follow-up moments not done yet, with its pupil: what Vandaag needs of it."""

    pupil: Pupil
    items: tuple[FollowUp, ...]


def read_open_follow_ups(conn: Connection, case_ids: Iterable[str] | None = None
                         ) -> dict[str, OpenFollowUps]:
    """The moments not done yet of every (or each given) case, by case: part of the clock
    snapshot (services/reminders), kept up to date per case like the deadlines."""
    wanted = None if case_ids is None else sorted(set(case_ids))
    items: dict[str, list[FollowUp]] = {}
    for item in repo_follow_up.list_follow_ups(conn, wanted, open_only=True):
        items.setdefault(item.case_id, []).append(item)
    return {found.case.id: OpenFollowUps(found.pupil, tuple(items[found.case.id]))
            for found in repo_follow_up.cases_with_open_follow_ups(conn, wanted)
            if found.case.id in items}


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One line of the Vandaag list 'Nazorg': plain data, no Qt."""

    item: FollowUp
    pupil_name: str
    school: str
    overdue: bool

    @property
    def text(self) -> str:
        when = "verlopen" if self.overdue else "deze week"
        return f"{self.item.kind.label}: vragen hoe het gaat ({when})"

    @property
    def order(self) -> tuple[int, date, int, str, str]:
        """Where it stands among the reminders (``reminder_order``): by its state, then its
        due date, after the deadlines of the same day."""
        state = DeadlineState.VERLOPEN if self.overdue else DeadlineState.BINNENKORT
        return (state.urgency, self.item.due, len(DeadlineKind), self.item.case_id,
                self.item.key)


def follow_up_row(item: FollowUp, pupil: Pupil, today: date) -> FollowUpRow:
    return FollowUpRow(item, pupil.full_name, pupil.school or "Niet ingeschreven",
                       item.due < today)


def case_follow_ups(found: OpenFollowUps | None, hiding: Sequence[Snooze], today: date
                    ) -> tuple[list[FollowUp], list[tuple[FollowUp, Snooze]]]:
    """One case's moments overdue or due this week: (shown, hidden by one of ``hiding``)."""
    if found is None:
        return [], []
    return split_snoozed(due_follow_ups(found.items, today, REMINDER_HORIZON_DAYS), hiding)


def list_for_case(ctx: AppContext, case_id: str) -> list[FollowUp]:
    with ctx.vault.read() as conn:
        return repo_follow_up.list_follow_ups(conn, [case_id])


def record_outcome(ctx: AppContext, item: FollowUp, on: date, outcome: FollowUpOutcome,
                   note: str = "") -> None:
    """What the follow-up found; 'weer thuis' means: reopen the case (a separate action)."""
    item.record(on, outcome, note, ctx.today())
    with ctx.vault.transaction() as conn:
        repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "nazorg vastgelegd", "nazorg", item.id, item.case_id, outcome.name)
    ctx.changes.publish(Change("follow_up", (item.case_id,)))


def add_transition(ctx: AppContext, case_id: str, kind: FollowUpKind,
                   new_school_starts: date) -> FollowUp:
    """A follow-up a month after the pupil starts at the new school type (po→vo, vo→vervolg)."""
    item = transition_follow_up(case_id, kind, new_school_starts)
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        if new_school_starts < case.aanmelding_date:
            raise ValidationError({"new_school_starts": "Die datum ligt vóór de aanmelding."})
        repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "nazorg gepland", "nazorg", item.id, case_id, kind.name)
    ctx.changes.publish(Change("follow_up", (case_id,)))
    return item


def quarter_follow_ups(ctx: AppContext, quarter: Quarter) -> FollowUpFigures:
    """Follow-up moments due in ``quarter`` (up to today) and what they found."""
    last = min(quarter.end, ctx.today())
    with ctx.vault.read() as conn:
        items = repo_follow_up.list_follow_ups(conn)
    return follow_up_figures(items, quarter.start, last)
