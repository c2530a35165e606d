"""The clock cache stays what a fresh read would give, reading only what each change touched."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.deadlines import ClockFacts, DeadlineState
from thuiszitter_desktop.domain.follow_up import FollowUpKind, FollowUpOutcome
from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
)
from thuiszitter_desktop.domain.plan import Action, Goal
from thuiszitter_desktop.domain.regie import RegieReason
from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind, Regie
from thuiszitter_desktop.services import cases, follow_up, passend_aanbod, regie, reminders
from thuiszitter_desktop.services import clock_cache as clock_cache_module
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import ClockSnapshot, read_snapshot
from thuiszitter_desktop.storage import repo_cases

# The ctx clock stands at 23 November 2026.


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


def content(snapshot: ClockSnapshot) -> object:
    """What the views use of a snapshot; the order of the cases does not matter to them."""
    return ({item.case.id: (item.case, item.pupil) for item in snapshot.items},
            dict(snapshot.facts), snapshot.snoozes, dict(snapshot.settings),
            dict(snapshot.follow_ups))


@pytest.fixture
def cache(ctx: AppContext) -> Iterator[ClockCache]:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 26))
    register(ctx, "Sem", "de Vries", date(2026, 11, 10))
    kept = ClockCache(ctx)
    kept.snapshot()
    yield kept
    kept.detach()


def _case_id(ctx: AppContext, first_name: str) -> str:
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True)
    return next(i.case.id for i in items if i.pupil.first_name == first_name)


def new_case(ctx: AppContext) -> None:
    register(ctx, "Noor", "Jansen", date(2026, 11, 18))


def contact(ctx: AppContext) -> None:
    cases.save_contact(ctx, ContactMoment(case_id=_case_id(ctx, "Zoë"), on=date(2026, 11, 20),
                                          kind=ContactKind.HUISBEZOEK))


def edit_case(ctx: AppContext) -> None:
    detail = cases.load_case(ctx, _case_id(ctx, "Sem"))
    cases.save_case(ctx, replace(detail.pupil, last_name="de Vries-Bakker"),
                    replace(detail.case, home_since=date(2026, 9, 1)))


def close(ctx: AppContext) -> None:
    cases.close_case(ctx, _case_id(ctx, "Zoë"), ClosingReason.TERUG_OP_SCHOOL)


def close_and_reopen(ctx: AppContext) -> None:
    case_id = _case_id(ctx, "Zoë")
    cases.close_case(ctx, case_id, ClosingReason.VERHUISD)
    cases.reopen_case(ctx, case_id)


def plan(ctx: AppContext) -> None:
    started = plan_service.start_plan(ctx, _case_id(ctx, "Sem"))
    goal = Goal(description="Sem gaat weer 2 ochtenden naar school",
                indicator="aanwezig op maandag en donderdag", deadline=date(2027, 1, 15),
                actions=(Action(what="Rooster aanpassen met de mentor",
                                due=date(2026, 11, 25)),))
    plan_service.save_plan(ctx, replace(started, goals=(goal,),
                                        evaluation_dates=(date(2026, 11, 27),)))


def snooze(ctx: AppContext) -> None:
    first = reminders.load_today(ctx).rows[0].reminder
    reminders.snooze_reminder(ctx, first, date(2026, 11, 26), "Moeder belt maandag terug")


def setting(ctx: AppContext) -> None:
    settings_service.save(ctx, {settings_registry.WARN_GOALS.key: 1})


def meeting(ctx: AppContext) -> None:
    mdo_service.save_mdo(ctx, Mdo(on=date(2026, 12, 3), start_time=time(14, 0),
                                  school="OBS De Regenboog", location="Lokaal 2",
                                  chair="Fatma Yilmaz"))


def passend(ctx: AppContext) -> None:
    passend_aanbod.save_offer(ctx, PassendAanbod(
        case_id=_case_id(ctx, "Sem"), start=date(2026, 11, 20), description="Maatwerkrooster",
        care_part=True, criteria=set(AanbodCriterion),
        agreed={AanbodParty.OUDERS: date(2026, 11, 20)}, parent_view=ParentView.PASSEND))


def regie_over(ctx: AppContext) -> None:
    regie.take_over(ctx, _case_id(ctx, "Zoë"), Regie.LEERPLICHT, RegieReason.STAGNATIE)


def back_above_50(ctx: AppContext) -> None:
    detail = cases.load_case(ctx, _case_id(ctx, "Sem"))
    cases.save_case(ctx, detail.pupil, replace(detail.case, education_percentage=70),
                    effective_from=date(2026, 11, 16))


def follow_up_done(ctx: AppContext) -> None:
    case_id = _case_id(ctx, "Sem")
    cases.close_case(ctx, case_id, ClosingReason.TERUG_OP_SCHOOL)
    item = follow_up.list_for_case(ctx, case_id)[0]
    follow_up.record_outcome(ctx, item, date(2026, 11, 23), FollowUpOutcome.GAAT_GOED)


def follow_up_due(ctx: AppContext) -> None:
    # The pupil started at the vo almost a month ago: the follow-up falls due this week.
    follow_up.add_transition(ctx, _case_id(ctx, "Zoë"), FollowUpKind.OVERGANG_PO_VO,
                             date(2026, 10, 26))


def _snooze_follow_up(ctx: AppContext) -> reminders.Snooze:
    follow_up.add_transition(ctx, _case_id(ctx, "Zoë"), FollowUpKind.OVERGANG_VO_VERVOLG,
                             date(2026, 10, 28))
    due = next(r for r in reminders.load_today(ctx).follow_ups
               if r.item.kind is FollowUpKind.OVERGANG_VO_VERVOLG)
    return reminders.snooze_reminder(ctx, due.item, date(2026, 11, 30), "Mentor belt terug")


def follow_up_snoozed(ctx: AppContext) -> None:
    _snooze_follow_up(ctx)


def follow_up_unsnoozed(ctx: AppContext) -> None:
    reminders.undo_snooze(ctx, _snooze_follow_up(ctx))


CHANGES: list[tuple[Callable[[AppContext], None], str]] = [
    (new_case, "case"), (contact, "case"), (edit_case, "case"), (close_and_reopen, "case"),
    (plan, "plan"), (snooze, "reminder"), (setting, "settings"), (meeting, "mdo"),
    (passend, "case"), (regie_over, "case"), (back_above_50, "case"),
    (close, "case"), (follow_up_done, "follow_up"), (follow_up_due, "follow_up"),
    (follow_up_snoozed, "reminder"), (follow_up_unsnoozed, "reminder"),
]


@pytest.mark.parametrize(("change", "entity"), CHANGES, ids=[c.__name__ for c, _ in CHANGES])
def test_snapshot_after_a_change_equals_a_fresh_read_without_reading_everything(
        ctx: AppContext, cache: ClockCache, change: Callable[[AppContext], None],
        entity: str) -> None:
    seen: list[str] = []
    ctx.changes.subscribe(lambda c: seen.append(c.entity))
    change(ctx)
    assert entity in seen
    assert content(cache.snapshot()) == content(read_snapshot(ctx))
    assert cache.reads == 1  # brought up to date, never read whole again


def test_every_change_in_a_row_keeps_the_snapshot_true(ctx: AppContext,
                                                       cache: ClockCache) -> None:
    for change, _ in CHANGES:
        change(ctx)
        assert content(cache.snapshot()) == content(read_snapshot(ctx)), change.__name__
    assert cache.reads == 1


@pytest.mark.parametrize("change", [Change("case"), Change("vault"), Change("onbekend", ("x",)),
                                    Change("case", tuple(f"id-{n}" for n in range(501)))])
def test_changes_it_cannot_patch_lead_to_one_full_read(ctx: AppContext, cache: ClockCache,
                                                       change: Change) -> None:
    ctx.changes.publish(change)
    assert content(cache.snapshot()) == content(read_snapshot(ctx))
    assert cache.reads == 2


def test_deadlines_worked_out_again_only_for_cases_that_changed(
        ctx: AppContext, cache: ClockCache, monkeypatch: pytest.MonkeyPatch) -> None:
    today = ctx.today()
    computed: list[ClockFacts] = []
    real = clock_cache_module.next_case_deadline

    def counting(facts: ClockFacts, *args: object, **kwargs: object) -> object:
        computed.append(facts)
        return real(facts, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(clock_cache_module, "next_case_deadline", counting)
    assert len(cache.next_deadlines(today)) == 2 and len(computed) == 2
    contact(ctx)  # Zoë only
    zoe = _case_id(ctx, "Zoë")
    after = cache.next_deadlines(today)
    assert computed[2:] == [cache.snapshot().facts[zoe]]
    snapshot = read_snapshot(ctx)
    assert after == {case_id: real(facts, today, snapshot.warnings)
                     for case_id, facts in snapshot.facts.items()}
    assert cache.next_deadlines(today + timedelta(days=1)) is not None
    assert len(computed) == 2 + 1 + 2  # another day: every case again


def test_vandaag_from_the_cache_equals_vandaag_from_a_fresh_read(ctx: AppContext,
                                                                 cache: ClockCache) -> None:
    for change, _ in CHANGES:
        change(ctx)
        today = ctx.today()
        shared = reminders.load_today(ctx, snapshot=cache.snapshot(),
                                      pending=cache.pending_deadlines(today))
        assert shared == reminders.load_today(ctx), change.__name__


def test_overdue_count_kept_case_by_case_equals_a_fresh_count(ctx: AppContext,
                                                              cache: ClockCache) -> None:
    seen: list[int] = []
    for change, _ in CHANGES:
        change(ctx)
        today = ctx.today()
        snapshot = read_snapshot(ctx)
        fresh = [clock_cache_module.next_case_deadline(f, today, snapshot.warnings)
                 for f in snapshot.facts.values()]
        expected = sum(1 for d in fresh if d is not None and d.state is DeadlineState.VERLOPEN)
        assert cache.overdue_cases(today) == expected, change.__name__
        seen.append(expected)
    assert max(seen) > 0 and seen[-1] == 0  # counts went up and down along the way
