"""Seed 001: "Tot een jaar later wordt er gekeken hoe het gaat." A follow-up moment that falls
due counts where a due deadline counts, and a snooze holds it back until its day."""

from __future__ import annotations

from datetime import date, datetime, time

from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reminders import snooze
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import cases, follow_up, reminders
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.today_board import TodayBoard

# ctx's clock: Monday 23 November 2026.


def closed_back_at_school(ctx: AppContext) -> str:
    pupil = Pupil(first_name="Noor", last_name="El Amrani", birth_date=date(2012, 6, 1))
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 9, 1)))
    cases.close_case(ctx, case.id, ClosingReason.TERUG_OP_SCHOOL)
    return case.id


def on_day(ctx: AppContext, day: date) -> None:
    moment = datetime.combine(day, time(9, 0)).astimezone()
    ctx.clock = lambda: moment


def test_a_follow_up_counts_from_the_week_it_falls_due(ctx: AppContext) -> None:
    closed_back_at_school(ctx)  # moments on 23 February, 23 May and 23 November 2027
    assert reminders.load_today(ctx).notification == ""
    on_day(ctx, date(2027, 2, 16))
    assert reminders.load_today(ctx).notification == ""  # a week and a day ahead
    on_day(ctx, date(2027, 2, 17))
    assert reminders.load_today(ctx).notification == "1 termijn deze week"
    on_day(ctx, date(2027, 2, 24))
    today = reminders.load_today(ctx)
    assert today.notification == "1 termijn verlopen"
    assert [(r.item.kind, r.overdue) for r in today.follow_ups] == [
        (FollowUpKind.NA_3_MAANDEN, True)]


def test_the_board_counts_it_on_a_new_day_and_after_a_snooze(ctx: AppContext) -> None:
    case_id = closed_back_at_school(ctx)
    cache = ClockCache(ctx)
    board = TodayBoard()
    board.rebuild(cache.snapshot(), ctx.today(), cache.pending_deadlines(ctx.today()))
    assert board.notification == ""
    on_day(ctx, date(2027, 2, 22))

    def follow(change: Change) -> None:
        today = ctx.today()
        board.update(cache.snapshot(), today, cache.pending_deadlines(today),
                     reminders.touched_cases(change))

    ctx.changes.subscribe(follow)
    ctx.changes.publish(Change("mdo", ("x",)))  # any change: a new day rebuilds
    assert board.notification == "1 termijn deze week"
    [due] = board.follow_up_rows()
    held = reminders.snooze_reminder(ctx, due.item, date(2027, 3, 1), "Ouders op vakantie")
    assert board.notification == "1 termijn uitgesteld"
    assert [row.case_id for row in board.snoozed_rows()] == [case_id]
    reminders.undo_snooze(ctx, held)
    assert board.notification == "1 termijn deze week"
    assert cache.reads == 1  # patched per case, never read whole again
    cache.detach()


def test_a_snooze_holds_back_one_follow_up_only() -> None:
    first = FollowUp(case_id="c1", kind=FollowUpKind.NA_3_MAANDEN, due=date(2027, 2, 23))
    second = FollowUp(case_id="c1", kind=FollowUpKind.NA_6_MAANDEN, due=date(2027, 2, 23))
    held = snooze(first, date(2027, 3, 1), "Ouders op vakantie", "Test Consulent",
                  datetime(2027, 2, 22, 9, 0))
    assert held.key == f"nazorg:{first.id}" and held.matches(first)
    assert not held.matches(second)
    assert held.hides_on(date(2027, 2, 28)) and not held.hides_on(date(2027, 3, 1))
    assert follow_up.case_follow_ups(None, [held], date(2027, 2, 22)) == ([], [])
