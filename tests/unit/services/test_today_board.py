"""The Vandaag board, patched case by case, always equals the list built from scratch."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from test_clock_cache import CHANGES, register

from thuiszitter_desktop.services import reminders
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import touched_cases
from thuiszitter_desktop.services.today_board import RowEdit, TodayBoard


class Follower:
    """A board kept up to date from the change bus, as the Vandaag page keeps it, replaying
    its edits on a plain list as the page's table model does."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.cache = ClockCache(ctx)  # subscribes first, like the main window's
        self.board = TodayBoard()
        self.rebuilds = 0
        self.rebuild()
        ctx.changes.subscribe(self.changed)

    def rebuild(self) -> None:
        today = self.ctx.today()
        self.board.rebuild(self.cache.snapshot(), today, self.cache.pending_deadlines(today))
        self.shown = list(self.board.rows)
        self.rebuilds += 1

    def changed(self, change: Change) -> None:
        today = self.ctx.today()
        edits = self.board.update(self.cache.snapshot(), today,
                                  self.cache.pending_deadlines(today), touched_cases(change))
        if edits is None:
            self.rebuild()
            return
        for edit in edits:
            apply(self.shown, edit)


def apply(rows: list[reminders.ReminderRow], edit: RowEdit) -> None:
    if edit.row is None:
        del rows[edit.position]
    else:
        rows.insert(edit.position, edit.row)


@pytest.fixture
def follower(ctx: AppContext) -> Iterator[Follower]:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 26))
    register(ctx, "Sem", "de Vries", date(2026, 11, 10))
    register(ctx, "Noor", "El Amrani", date(2026, 11, 2))
    kept = Follower(ctx)
    yield kept
    kept.cache.detach()


def fresh(ctx: AppContext) -> reminders.TodayOverview:
    return reminders.load_today(ctx)


@pytest.mark.parametrize(("change", "entity"), CHANGES, ids=[c.__name__ for c, _ in CHANGES])
def test_each_change_patches_the_board_to_what_a_fresh_list_shows(
        ctx: AppContext, follower: Follower, change: Callable[[AppContext], None],
        entity: str) -> None:
    change(ctx)
    expected = fresh(ctx)
    assert follower.board.rows == list(expected.rows)
    assert follower.shown == list(expected.rows)  # the edits, replayed, give the same list
    assert follower.board.notification == expected.notification
    assert follower.board.follow_up_rows() == list(expected.follow_ups)
    assert follower.board.snoozed_rows() == list(expected.snoozed)
    if entity != "settings":  # other warning periods move every row
        assert follower.rebuilds == 1


def test_many_changes_in_a_row_keep_board_and_view_true(ctx: AppContext,
                                                        follower: Follower) -> None:
    for change, _ in CHANGES:
        change(ctx)
        expected = list(fresh(ctx).rows)
        assert follower.board.rows == expected, change.__name__
        assert follower.shown == expected, change.__name__
        overview = fresh(ctx)
        assert follower.board.follow_up_rows() == list(overview.follow_ups), change.__name__
        assert follower.board.snoozed_rows() == list(overview.snoozed), change.__name__
        assert follower.board.notification == overview.notification, change.__name__


def test_a_new_day_rebuilds_every_row(ctx: AppContext, follower: Follower) -> None:
    later = ctx.now() + timedelta(days=3)
    ctx.clock = lambda: later
    ctx.changes.publish(Change("mdo", ("x",)))  # any change: the page looks again
    assert follower.rebuilds == 2
    assert follower.board.rows == list(fresh(ctx).rows)


def test_a_snooze_hides_only_its_own_row(ctx: AppContext, follower: Follower) -> None:
    before = list(follower.board.rows)
    first = before[0].reminder
    reminders.snooze_reminder(ctx, first, date(2026, 11, 26), "Moeder belt maandag terug")
    assert follower.board.rows == [r for r in before if r.reminder != first]
    assert follower.shown == follower.board.rows


def test_a_case_edit_replaces_only_its_rows(ctx: AppContext, follower: Follower) -> None:
    from thuiszitter_desktop.services import cases

    zoe = next(r.reminder.case_id for r in follower.board.rows if r.pupil_name.startswith("Z"))
    detail = cases.load_case(ctx, zoe)
    cases.save_case(ctx, replace(detail.pupil, last_name="Çelik"), detail.case)
    names = {r.pupil_name for r in follower.shown}
    assert "Zoë Çelik" in names and "Zoë Çelik-d'Hondt" not in names
    assert follower.shown == list(fresh(ctx).rows)
