"""Use cases of the deadline clock: the Vandaag list, snooze/acknowledge, agenda and week PDF.

Every screen computes deadline states from the same facts (``clock_facts_for``), so a case shows
the same state in the caseload overview, the Vandaag list and the exports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.deadlines import (
    DEFAULT_WARNING_DAYS,
    ActionDue,
    ClockFacts,
    Deadline,
    DeadlineKind,
    EvaluationDue,
    case_deadlines,
)
from thuiszitter_desktop.domain.episodes import Reopening
from thuiszitter_desktop.domain.follow_up import FollowUp
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reminders import (
    REMINDER_HORIZON_DAYS,
    HiddenReminder,
    Reminder,
    Snoozable,
    Snooze,
    acknowledge,
    counts_text,
    hiding_snoozes,
    reminder_order,
    snooze,
    split_reminders,
)
from thuiszitter_desktop.domain.situation_history import (
    BACK_ABOVE_PERCENTAGE,
    History,
    back_above_since,
)
from thuiszitter_desktop.domain.vocab import CaseStage
from thuiszitter_desktop.interchange.ics import (
    CalendarItem,
    NameSetting,
    build_ics,
    deadline_items,
    initials,
    mdo_item,
)
from thuiszitter_desktop.services.bulk import built_with_paused_gc, paused_gc
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.follow_up import (
    FollowUpRow,
    OpenFollowUps,
    case_follow_ups,
    follow_up_row,
    read_open_follow_ups,
)
from thuiszitter_desktop.storage import (
    repo_cases,
    repo_mdo,
    repo_plan,
    repo_reminders,
    repo_settings,
    repo_situation,
)

# Settings (stored in the vault's settings table, JSON values).
WARNING_SETTINGS = {
    DeadlineKind.EERSTE_CONTACT: settings_registry.WARN_FIRST_CONTACT,
    DeadlineKind.DOELEN: settings_registry.WARN_GOALS,
    DeadlineKind.PASSEND_AANBOD: settings_registry.WARN_PASSEND_AANBOD,
}

PlanItems = Mapping[str, tuple[tuple[ActionDue, ...], tuple[EvaluationDue, ...]]]


def clock_facts_for(case: Case, contacts: tuple[date, ...] = (),
                    episode: Reopening | None = None,
                    plan: tuple[tuple[ActionDue, ...], tuple[EvaluationDue, ...]] = ((), ()),
                    history: History = ()) -> ClockFacts:
    """The clock facts of one case: the single place where a case becomes ClockFacts.

    ``contacts`` are the dates of conversations with pupil or parents; ``history`` the case's
    history of percentage (for the prompt to close or monitor a pupil above 50% again)."""
    actions, evaluations = plan
    back = (back_above_since(case, history)
            if case.education_percentage > BACK_ABOVE_PERCENTAGE
            and case.stage is not CaseStage.MONITORING else None)
    return ClockFacts(
        aanmelding_date=case.aanmelding_date, home_since=case.home_since,
        first_contact_date=case.first_contact_date, goals_set_date=case.goals_set_date,
        passend_aanbod_date=case.passend_aanbod_date, closed_on=case.closed_on,
        reopened_on=episode.reopened_on if episode else None,
        previous_closed_on=episode.previous_closed_on if episode else None,
        contact_dates=contacts, actions=actions, evaluations=evaluations,
        back_above_since=back,
    )


def warning_days(settings: Mapping[str, Any]) -> dict[DeadlineKind, int]:
    """Warning periods from the settings, defaults for anything missing or invalid."""
    result = dict(DEFAULT_WARNING_DAYS)
    for kind, setting in WARNING_SETTINGS.items():
        result[kind] = int(setting.read(dict(settings)))
    return result


def ics_names(settings: Mapping[str, Any]) -> NameSetting:
    return "none" if settings_registry.ICS_NAMES.read(dict(settings)) == "none" else "initials"


@dataclass(frozen=True, slots=True)
class CaseClock:
    case_id: str
    pupil_name: str
    pupil_initials: str
    school: str
    facts: ClockFacts


def facts_by_case(conn: Connection, items: list[repo_cases.CaseWithPupil],
                  plan_items: PlanItems | None = None, *,
                  only_these: bool = True) -> dict[str, ClockFacts]:
    """Clock facts for ``items`` in a few bulk queries (contacts, episodes, newest plans'
    clock items; never whole plan documents).

    With ``only_these=False`` the side tables are read whole instead of filtered by id, which
    is what a full overview wants (and avoids SQL variable limits on large caseloads).
    """
    ids = [item.case.id for item in items] if only_these else None
    contacts = repo_reminders.contact_dates(conn, ids)
    episodes = repo_reminders.latest_episodes(conn, ids)
    plans = plan_items if plan_items is not None else repo_plan.latest_clock_items(conn, ids)
    # Only a pupil above 50% needs the history (since when): few cases, read by id.
    above = [item.case.id for item in items
             if item.case.education_percentage > BACK_ABOVE_PERCENTAGE]
    histories = repo_situation.histories(conn, above) if above else {}
    return {
        item.case.id: clock_facts_for(item.case, contacts.get(item.case.id, ()),
                                      episodes.get(item.case.id),
                                      plans.get(item.case.id, ((), ())),
                                      histories.get(item.case.id, ()))
        for item in items
    }


def load_clocks(conn: Connection, plan_items: PlanItems | None = None) -> list[CaseClock]:
    """Clock facts of every open case, read in a few queries.

    Plan actions and evaluations come from the newest plan version of each case unless
    ``plan_items`` is given.
    """
    items = repo_cases.list_cases(conn)
    return _clocks(items, facts_by_case(conn, items, plan_items, only_these=False))


def _clocks(items: Iterable[repo_cases.CaseWithPupil],
            facts: Mapping[str, ClockFacts]) -> list[CaseClock]:
    return [
        CaseClock(
            item.case.id, item.pupil.full_name,
            initials(item.pupil.first_name, item.pupil.last_name),
            item.pupil.school or "Niet ingeschreven", facts[item.case.id],
        )
        for item in items
    ]


@dataclass(frozen=True, slots=True)
class ClockSnapshot:
    """The clock of every open case, read at once: Vandaag, the status line and the caseload
    overview all start from it, so the app reads it once at start-up (``ClockCache``)."""

    cases: Mapping[str, repo_cases.CaseWithPupil]  # open cases with their pupil, by case id
    facts: Mapping[str, ClockFacts]
    snoozes: tuple[Snooze, ...]
    settings: Mapping[str, Any]
    # Follow-up moments not done yet, by case (mostly closed cases, so not in ``cases``).
    follow_ups: Mapping[str, OpenFollowUps] = field(default_factory=dict)

    @property
    def items(self) -> tuple[repo_cases.CaseWithPupil, ...]:
        return tuple(self.cases.values())

    @property
    def warnings(self) -> dict[DeadlineKind, int]:
        return warning_days(self.settings)


def read_snapshot(ctx: AppContext, plan_items: PlanItems | None = None, *,
                  oldest: int | None = None) -> ClockSnapshot:
    """Every open case with its clock facts, the snoozes and the settings, in one read.

    With ``oldest``, only that many open cases, those registered longest ago (whose clocks run
    out first): the first screen of a very large caseload while the rest is read."""
    with paused_gc(), ctx.vault.read() as conn:  # many small objects at once
        items = repo_cases.list_cases(conn, oldest=oldest)
        facts = facts_by_case(conn, items, plan_items, only_these=oldest is not None)
        snoozes = repo_reminders.list_snoozes(conn)
        settings = repo_settings.load_all(conn)
        follow_ups = read_open_follow_ups(conn)
    return ClockSnapshot({item.case.id: item for item in items}, facts, tuple(snoozes),
                         settings, follow_ups)


# Changes that cannot move a clock: an MDO's own record (its actions reach the plan, which
# publishes a "plan" change of its own), a saved list comparison, a seen assumption of an
# update, the story of a quarter, a sync's own notice (the cases it touched come as "case"
# changes with their ids), and the vault turning read-only or writable again (its data stay
# the same). A "follow_up" change (ids: cases) moves only those cases' follow-up moments.
_CLOCK_NEUTRAL = frozenset({"mdo", "list_comparison", "assumption", "quarter_story", "sync",
                            "vault_state"})
# Above this many changed cases (a list import) one full read is simpler than patching.
_PATCH_AT_MOST = 500


def refreshed_snapshot(ctx: AppContext, snapshot: ClockSnapshot,
                       change: Change) -> ClockSnapshot | None:
    """``snapshot`` brought up to date after ``change``, reading only what it touched.

    A change to some cases or their plans re-reads just those cases (a closed one leaves the
    snapshot); a snooze re-reads the snoozes, a setting the settings. Returns None when only a
    full read will do (a change without ids, a restored vault, an unknown kind). At 50,000
    cases a full read takes over a second, and Vandaag refreshes after every save.
    """
    entity, ids = change.entity, set(change.ids)
    if entity in _CLOCK_NEUTRAL:
        return snapshot
    with ctx.vault.read() as conn:
        if entity in ("case", "plan") and ids and len(ids) <= _PATCH_AT_MOST:
            fresh = [item for item in repo_cases.list_cases(conn, include_closed=True,
                                                            case_ids=sorted(ids))
                     if item.case.is_open]
            # Copies (a few milliseconds at 50,000 cases): a snapshot never changes once made.
            facts, open_cases = dict(snapshot.facts), dict(snapshot.cases)
            for case_id in ids:
                facts.pop(case_id, None)
                open_cases.pop(case_id, None)
            facts.update(facts_by_case(conn, fresh))
            open_cases.update((item.case.id, item) for item in fresh)
            # Closing plans follow-up moments, reopening answers them.
            return replace(snapshot, cases=open_cases, facts=facts,
                           follow_ups=_follow_ups_patched(conn, snapshot, ids)
                           if entity == "case" else snapshot.follow_ups)
        if entity == "follow_up" and ids and len(ids) <= _PATCH_AT_MOST:
            return replace(snapshot, follow_ups=_follow_ups_patched(conn, snapshot, ids))
        if entity == "reminder":
            return replace(snapshot, snoozes=tuple(repo_reminders.list_snoozes(conn)))
        if entity == "settings":
            return replace(snapshot, settings=repo_settings.load_all(conn))
    return None


def _follow_ups_patched(conn: Connection, snapshot: ClockSnapshot,
                        case_ids: set[str]) -> dict[str, OpenFollowUps]:
    found = dict(snapshot.follow_ups)
    for case_id in case_ids:
        found.pop(case_id, None)
    found.update(read_open_follow_ups(conn, case_ids))
    return found


def touched_cases(change: Change) -> frozenset[str] | None:
    """The cases whose clock facts ``change`` may have moved: none for a change that cannot
    move a clock (or only moves snoozes and settings, which are not facts), None when it may
    have moved any (``refreshed_snapshot`` reads everything again then)."""
    if change.entity in _CLOCK_NEUTRAL or change.entity in ("reminder", "settings"):
        return frozenset()
    if (change.entity in ("case", "plan", "follow_up") and change.ids
            and len(change.ids) <= _PATCH_AT_MOST):
        return frozenset(change.ids)
    return None


@dataclass(frozen=True, slots=True)
class ReminderRow:
    """One line of the Vandaag list: plain data, no Qt."""

    reminder: Reminder
    pupil_name: str
    school: str
    text: str  # e.g. "Eerste contact: 3 dagen verlopen"


@dataclass(frozen=True, slots=True)
class SnoozedRow:
    """One line of the 'Uitgesteld' list: a reminder or follow-up moment hidden until a
    date, or seen."""

    snooze: Snooze
    pupil_name: str
    school: str
    text: str
    order: tuple[Any, ...]  # where it stands in the list: ``reminder_order``

    @property
    def case_id(self) -> str:
        return self.snooze.case_id

    @property
    def until_text(self) -> str:
        until = self.snooze.until
        return "gezien" if until is None else f"tot {until:%d-%m-%Y}"


@dataclass(frozen=True, slots=True)
class TodayOverview:
    today: date
    rows: tuple[ReminderRow, ...]
    snoozed: tuple[SnoozedRow, ...] = ()
    follow_ups: tuple[FollowUpRow, ...] = ()  # 'Nazorg': counted like deadlines

    @property
    def notification(self) -> str:
        """Privacy-safe counts (no names) for the Vandaag page, the status bar and the tray,
        from this one overview, so they always agree. A follow-up moment counts as a
        deadline: it is one, of a closed case."""
        overdue = (sum(1 for row in self.rows if row.reminder.overdue)
                   + sum(1 for row in self.follow_ups if row.overdue))
        return counts_text(overdue, len(self.rows) + len(self.follow_ups) - overdue,
                           len(self.snoozed))


def load_today(ctx: AppContext, plan_items: PlanItems | None = None,
               snapshot: ClockSnapshot | None = None,
               pending: Mapping[str, Sequence[Deadline]] | None = None) -> TodayOverview:
    """Overdue deadlines and those due this week, most urgent first, without snoozed ones.

    From ``snapshot`` when given (no read), else from a fresh read; ``pending`` may give each
    case's unmet deadlines this week, worked out before (``ClockCache.pending_deadlines``).
    """
    source = snapshot or read_snapshot(ctx, plan_items)
    # The deadlines of every open case are worked out and dropped: see built_with_paused_gc.
    return built_with_paused_gc(lambda: today_overview(source, ctx.today(), pending))


def today_overview(snapshot: ClockSnapshot, today: date,
                   pending: Mapping[str, Sequence[Deadline]] | None = None) -> TodayOverview:
    shown, hidden = split_reminders(snapshot.facts, snapshot.snoozes, today,
                                    warning_days=snapshot.warnings, pending=pending)
    cases = snapshot.cases
    rows = tuple(reminder_row(r, cases[r.case_id].pupil, today) for r in shown)
    snoozed = [snoozed_row(h, cases[h.reminder.case_id].pupil, today) for h in hidden]
    hiding = hiding_snoozes(snapshot.snoozes, today)
    follow_ups: list[FollowUpRow] = []
    for case_id, found in snapshot.follow_ups.items():
        due, held_back = case_follow_ups(found, hiding.get(case_id, ()), today)
        follow_ups += (follow_up_row(item, found.pupil, today) for item in due)
        snoozed += (snoozed_follow_up(item, held, found.pupil, today)
                    for item, held in held_back)
    return TodayOverview(today, rows, tuple(sorted(snoozed, key=lambda row: row.order)),
                         tuple(sorted(follow_ups, key=lambda row: row.order)))


def reminder_row(reminder: Reminder, pupil: Pupil, today: date) -> ReminderRow:
    return ReminderRow(reminder, pupil.full_name, pupil.school or "Niet ingeschreven",
                       reminder.describe(today))


def snoozed_row(hidden: HiddenReminder, pupil: Pupil, today: date) -> SnoozedRow:
    return SnoozedRow(hidden.snooze, pupil.full_name, pupil.school or "Niet ingeschreven",
                      hidden.reminder.describe(today), reminder_order(hidden.reminder))


def snoozed_follow_up(item: FollowUp, held: Snooze, pupil: Pupil, today: date) -> SnoozedRow:
    row = follow_up_row(item, pupil, today)
    return SnoozedRow(held, row.pupil_name, row.school, row.text, row.order)


def snooze_reminder(ctx: AppContext, reminder: Snoozable, until: date, reason: str) -> Snooze:
    """Hide ``reminder`` (a deadline or a follow-up moment) until ``until``; logged with the
    reason."""
    item = snooze(reminder, until, reason, ctx.actor, ctx.now())
    _save(ctx, item, f"{_what(reminder)} uitgesteld",
          f"{reminder.kind.name} tot {until.isoformat()}")
    return item


def acknowledge_reminder(ctx: AppContext, reminder: Snoozable, reason: str) -> Snooze:
    """Mark ``reminder`` as seen; it returns only when its deadline moves."""
    item = acknowledge(reminder, reason, ctx.actor, ctx.now())
    _save(ctx, item, f"{_what(reminder)} gezien", reminder.kind.name)
    return item


def _what(item: Snoozable) -> str:
    return "nazorg" if isinstance(item, FollowUp) else "termijn"


def undo_snooze(ctx: AppContext, item: Snooze) -> None:
    """Take a snooze or 'gezien' back: the reminder shows again at once (logged)."""
    with ctx.vault.transaction() as conn:
        repo_reminders.delete_snooze(conn, item.id)
        ctx.audit(conn, "uitstel ongedaan gemaakt", "herinnering", item.id, item.case_id,
                  item.key.split(":")[0])
    ctx.changes.publish(Change("reminder", (item.id,)))


def _save(ctx: AppContext, item: Snooze, action: str, detail: str) -> None:
    # The reason is free text and may hold personal details: it stays in its own table, the
    # audit line only names the deadline kind.
    with ctx.vault.transaction() as conn:
        repo_reminders.save_snooze(conn, item, ctx.now())
        ctx.audit(conn, action, "herinnering", item.id, item.case_id, detail)
    ctx.changes.publish(Change("reminder", (item.id,)))


def list_snoozes(ctx: AppContext, case_id: str) -> list[Snooze]:
    """Snoozes and acknowledgements of one case, oldest first (for the case's history)."""
    with ctx.vault.read() as conn:
        return repo_reminders.list_snoozes(conn, [case_id])


def export_ics(ctx: AppContext, extra_items: Iterable[CalendarItem] = (),
               plan_items: PlanItems | None = None) -> bytes:
    """Unmet deadlines of open cases and MDOs from today on, as an .ics file.

    Names follow the setting (initials or none). An MDO is one event for the meeting, titled
    with the school only: it concerns several pupils.
    """
    today = ctx.today()
    with ctx.vault.read() as conn:
        clocks = load_clocks(conn, plan_items)
        settings = repo_settings.load_all(conn)
        meetings = [m for m in repo_mdo.list_mdos(conn) if m.on >= today]
    names = ics_names(settings)
    items: list[CalendarItem] = list(extra_items)
    for meeting in meetings:
        item = mdo_item("mdo", meeting.id, meeting.on)
        title = f"MDO {meeting.school.strip()}".strip()
        items.append(CalendarItem(item.case_id, item.key, title, item.day))
    for clock in clocks:
        deadlines = case_deadlines(clock.facts, today, warning_days(settings))
        items += deadline_items(clock.case_id, clock.pupil_initials, deadlines)
    return build_ics(items, names=names, generated_at=ctx.now().astimezone())


def weekly_pdf(ctx: AppContext, plan_items: PlanItems | None = None) -> bytes:
    """The weekly overview PDF (overdue and this week's deadlines) for the consulent."""
    # Imported when a PDF is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.weekly import WeeklyItem, WeeklyOverview, weekly_overview_pdf

    today = ctx.today()
    with ctx.vault.read() as conn:
        clocks = load_clocks(conn, plan_items)
        settings = repo_settings.load_all(conn)
    last = today + timedelta(days=REMINDER_HORIZON_DAYS - 1)
    items: list[WeeklyItem] = []
    for clock in clocks:
        for d in case_deadlines(clock.facts, today, warning_days(settings)):
            if d.met_on is None and d.due <= last:
                items.append(WeeklyItem(clock.pupil_name, clock.school, d.title, d.due, d.state))
    organisation = str(settings_registry.ORGANISATION.read(settings))
    return weekly_overview_pdf(WeeklyOverview(organisation, ctx.actor, today, tuple(items)))
