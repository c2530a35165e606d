"""Reminders for the Vandaag view: selection, urgency order, snooze, notification text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from thuiszitter_desktop.domain.deadlines import (
    ActionDue,
    ClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
)
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.reminders import (
    Reminder,
    acknowledge,
    notification_text,
    reminders_for_today,
    snooze,
)

K = DeadlineKind
S = DeadlineState
NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def caseload(today: date) -> dict[str, ClockFacts]:
    """Today is 23 November 2026."""
    return {
        # Eerste contact due 9 Nov: 14 days overdue. Doelen due 26 Nov: this week.
        "zoe": ClockFacts(aanmelding_date=date(2026, 10, 26)),
        # Eerste contact due 20 Nov: 3 days overdue; met doelen; action due tomorrow.
        "sem": ClockFacts(
            aanmelding_date=date(2026, 11, 6), goals_set_date=date(2026, 11, 10),
            passend_aanbod_date=date(2026, 11, 10),
            actions=(ActionDue("a1", "Gesprek met de mentor", today + timedelta(days=1)),),
        ),
        # All clocks far away or met: no reminders.
        "noor": ClockFacts(aanmelding_date=date(2026, 11, 20), contact_dates=(date(2026, 11, 21),)),
        # Closed: never reminded.
        "daan": ClockFacts(aanmelding_date=date(2026, 6, 1), closed_on=date(2026, 7, 1)),
    }


def summary(reminders: list[Reminder]) -> list[tuple[str, str, date, DeadlineState]]:
    return [(r.case_id, r.key, r.due, r.state) for r in reminders]


def test_overdue_first_by_most_overdue_then_by_due_date(
    caseload: dict[str, ClockFacts], today: date
) -> None:
    found = reminders_for_today(caseload, [], today)
    assert summary(found) == [
        ("zoe", "EERSTE_CONTACT", date(2026, 11, 9), S.VERLOPEN),
        ("sem", "EERSTE_CONTACT", date(2026, 11, 20), S.VERLOPEN),
        ("sem", "ACTIE:a1", date(2026, 11, 24), S.BINNENKORT),
        ("zoe", "DOELEN", date(2026, 11, 26), S.BINNENKORT),
    ]


@pytest.mark.parametrize(
    ("offset", "included"),
    [(-1, True), (0, True), (6, True), (7, False)],
)
def test_week_horizon_is_today_and_six_days_after(
    today: date, offset: int, included: bool
) -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 11, 20), contact_dates=(date(2026, 11, 20),),
        actions=(ActionDue("x", "Actie", today + timedelta(days=offset)),),
    )
    keys = [r.key for r in reminders_for_today({"c": facts}, [], today)]
    assert ("ACTIE:x" in keys) is included


def test_snoozed_reminder_hidden_until_its_date_then_returns(
    caseload: dict[str, ClockFacts], today: date
) -> None:
    first = reminders_for_today(caseload, [], today)[0]
    snoozed = snooze(first, today + timedelta(days=2), "Ouders bellen terug", "consulent", NOW)
    assert first not in reminders_for_today(caseload, [snoozed], today)
    assert first not in reminders_for_today(caseload, [snoozed], today + timedelta(days=1))
    later = reminders_for_today(caseload, [snoozed], today + timedelta(days=2))
    assert (first.case_id, first.key) in [(r.case_id, r.key) for r in later]


def test_acknowledged_reminder_stays_away_until_the_deadline_moves(today: date) -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 11, 20), contact_dates=(date(2026, 11, 20),),
        actions=(ActionDue("x", "Actie", today),),
    )
    found = reminders_for_today({"c": facts}, [], today)
    reminder = next(r for r in found if r.key == "ACTIE:x")
    seen = acknowledge(reminder, "Besproken met school", "consulent", NOW)
    assert seen.acknowledged
    later = reminders_for_today({"c": facts}, [seen], today + timedelta(days=30))
    assert "ACTIE:x" not in [r.key for r in later]
    moved = ClockFacts(
        aanmelding_date=facts.aanmelding_date, contact_dates=facts.contact_dates,
        actions=(ActionDue("x", "Actie", today + timedelta(days=3)),),
    )
    assert [r.key for r in reminders_for_today({"c": moved}, [seen], today)] == ["ACTIE:x"]


def test_snooze_of_another_case_does_not_hide(
    caseload: dict[str, ClockFacts], today: date
) -> None:
    zoe = reminders_for_today(caseload, [], today)[0]
    other = Reminder("sem", zoe.deadline)
    snoozed = acknowledge(other, "Andere leerling", "consulent", NOW)
    assert zoe in reminders_for_today(caseload, [snoozed], today)


@pytest.mark.parametrize(
    ("until", "reason", "by", "fields"),
    [
        (date(2026, 11, 24), "", "consulent", {"reason"}),
        (date(2026, 11, 23), "Wacht op school", "consulent", {"until"}),
        (date(2026, 11, 22), "   ", "", {"until", "reason", "by"}),
    ],
)
def test_snooze_needs_reason_author_and_future_date(
    until: date, reason: str, by: str, fields: set[str]
) -> None:
    reminder = Reminder("c", Deadline(K.DOELEN, date(2026, 11, 20), S.VERLOPEN, key="DOELEN"))
    with pytest.raises(ValidationError) as caught:
        snooze(reminder, until, reason, by, NOW)
    assert set(caught.value.errors) == fields


def test_acknowledge_needs_a_reason() -> None:
    reminder = Reminder("c", Deadline(K.DOELEN, date(2026, 11, 20), S.VERLOPEN, key="DOELEN"))
    with pytest.raises(ValidationError) as caught:
        acknowledge(reminder, "", "consulent", NOW)
    assert caught.value.errors == {"reason": "Geef een reden op."}


def make(state: DeadlineState, n: int) -> list[Reminder]:
    return [
        Reminder(f"c{i}", Deadline(K.ACTIE, date(2026, 11, 23), state, key=f"ACTIE:{i}"))
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("overdue", "this_week", "text"),
    [
        (0, 0, ""),
        (1, 0, "1 termijn verlopen"),
        (2, 0, "2 termijnen verlopen"),
        (0, 1, "1 termijn deze week"),
        (0, 3, "3 termijnen deze week"),
        (2, 3, "2 termijnen verlopen, 3 deze week"),
        (1, 1, "1 termijn verlopen, 1 deze week"),
    ],
)
def test_notification_text_counts_without_names(overdue: int, this_week: int, text: str) -> None:
    reminders = make(S.VERLOPEN, overdue) + make(S.BINNENKORT, this_week)
    assert notification_text(reminders) == text


def test_notification_text_has_no_action_text(
    caseload: dict[str, ClockFacts], today: date
) -> None:
    text = notification_text(reminders_for_today(caseload, [], today))
    assert text == "2 termijnen verlopen, 2 deze week"
    assert "mentor" not in text and "zoe" not in text
