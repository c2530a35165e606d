"""The deadline clock: start, stop, boundaries, month ends, leap years, episodes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszitter_desktop.domain.deadlines import (
    ActionDue,
    ClockFacts,
    Deadline,
    DeadlineKind,
    DeadlineState,
    EvaluationDue,
    add_months,
    case_deadlines,
    days_at_home,
    days_without_passend_aanbod,
    first_contact_within_target,
    next_deadline,
)

K = DeadlineKind
S = DeadlineState


def deadline(facts: ClockFacts, today: date, kind: DeadlineKind) -> Deadline:
    found = [d for d in case_deadlines(facts, today) if d.kind is kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2028, 2, 29), 1, date(2028, 3, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("aanmelding", "expected_due"),
    [
        (date(2026, 11, 2), date(2026, 11, 16)),
        (date(2026, 12, 25), date(2027, 1, 8)),
        (date(2028, 2, 29), date(2028, 3, 14)),
        (date(2028, 2, 20), date(2028, 3, 5)),
    ],
)
def test_first_contact_due_fourteen_calendar_days_after_aanmelding(
    aanmelding: date, expected_due: date
) -> None:
    facts = ClockFacts(aanmelding_date=aanmelding)
    assert deadline(facts, aanmelding, K.EERSTE_CONTACT).due == expected_due


# Aanmelding 2 November 2026; due 16 November (day 14); default warning: 3 days.
@pytest.mark.parametrize(
    ("day", "state"),
    [
        (0, S.OP_TIJD),
        (10, S.OP_TIJD),
        (11, S.BINNENKORT),
        (13, S.BINNENKORT),
        (14, S.BINNENKORT),
        (15, S.VERLOPEN),
        (40, S.VERLOPEN),
    ],
)
def test_first_contact_state_by_day(day: int, state: DeadlineState) -> None:
    aanmelding = date(2026, 11, 2)
    facts = ClockFacts(aanmelding_date=aanmelding)
    assert deadline(facts, aanmelding + timedelta(days=day), K.EERSTE_CONTACT).state is state


@pytest.mark.parametrize(
    ("contact_day", "late"),
    [(0, False), (13, False), (14, False), (15, True)],
)
def test_first_contact_met_on_day_13_14_is_on_time_15_is_late(
    contact_day: int, late: bool
) -> None:
    aanmelding = date(2026, 11, 2)
    contact = aanmelding + timedelta(days=contact_day)
    facts = ClockFacts(aanmelding_date=aanmelding, contact_dates=(contact,))
    found = deadline(facts, date(2026, 12, 31), K.EERSTE_CONTACT)
    assert (found.state, found.met_on, found.late) == (S.GEHAALD, contact, late)


def test_earliest_contact_stops_the_clock() -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 11, 2),
        first_contact_date=date(2026, 11, 12),
        contact_dates=(date(2026, 11, 20), date(2026, 11, 9)),
    )
    assert deadline(facts, date(2026, 11, 23), K.EERSTE_CONTACT).met_on == date(2026, 11, 9)


@pytest.mark.parametrize(
    ("contact_day", "today_day", "expected"),
    [
        (6, 30, True),
        (7, 30, True),
        (8, 30, False),
        (None, 7, None),
        (None, 8, False),
    ],
)
def test_first_contact_within_week_target(
    contact_day: int | None, today_day: int, expected: bool | None
) -> None:
    aanmelding = date(2026, 11, 2)
    contacts = () if contact_day is None else (aanmelding + timedelta(days=contact_day),)
    facts = ClockFacts(aanmelding_date=aanmelding, contact_dates=contacts)
    today = aanmelding + timedelta(days=today_day)
    assert first_contact_within_target(facts, today) is expected


@pytest.mark.parametrize(
    ("aanmelding", "expected_due"),
    [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 11, 23), date(2026, 12, 23)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_goals_due_one_calendar_month_after_aanmelding(
    aanmelding: date, expected_due: date
) -> None:
    facts = ClockFacts(aanmelding_date=aanmelding)
    assert deadline(facts, aanmelding, K.DOELEN).due == expected_due


@pytest.mark.parametrize(
    ("home_since", "aanmelding", "expected_due"),
    [
        (date(2026, 11, 30), date(2026, 12, 10), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2027, 12, 1), date(2028, 2, 29)),
        (date(2026, 8, 15), date(2026, 10, 1), date(2026, 11, 15)),
        (None, date(2026, 9, 1), date(2026, 12, 1)),
    ],
)
def test_passend_aanbod_due_three_months_after_home_start(
    home_since: date | None, aanmelding: date, expected_due: date
) -> None:
    facts = ClockFacts(aanmelding_date=aanmelding, home_since=home_since)
    assert deadline(facts, aanmelding, K.PASSEND_AANBOD).due == expected_due


# Due 15 February 2027; warning 14 days.
@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2027, 1, 31), S.OP_TIJD),
        (date(2027, 2, 1), S.BINNENKORT),
        (date(2027, 2, 15), S.BINNENKORT),
        (date(2027, 2, 16), S.VERLOPEN),
    ],
)
def test_passend_aanbod_warning_period(today: date, state: DeadlineState) -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 12, 1), home_since=date(2026, 11, 15))
    assert deadline(facts, today, K.PASSEND_AANBOD).state is state


def test_warning_period_is_configurable() -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 11, 2))
    found = case_deadlines(facts, date(2026, 11, 9), {K.EERSTE_CONTACT: 7})
    assert [d.state for d in found if d.kind is K.EERSTE_CONTACT] == [S.BINNENKORT]


@pytest.mark.parametrize(
    ("aanbod", "state", "late"),
    [
        (date(2027, 2, 15), S.GEHAALD, False),
        (date(2027, 2, 16), S.GEHAALD, True),
        # An aanbod from before the home start does not answer this home situation.
        (date(2026, 11, 1), S.VERLOPEN, False),
    ],
)
def test_passend_aanbod_stop(aanbod: date, state: DeadlineState, late: bool) -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 12, 1), home_since=date(2026, 11, 15),
        passend_aanbod_date=aanbod,
    )
    found = deadline(facts, date(2027, 3, 1), K.PASSEND_AANBOD)
    assert (found.state, found.late) == (state, late)


def test_goals_met_late_reports_date_and_late() -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 1, 31), goals_set_date=date(2026, 3, 1))
    found = deadline(facts, date(2026, 3, 2), K.DOELEN)
    assert (found.state, found.met_on, found.late) == (S.GEHAALD, date(2026, 3, 1), True)
    assert found.describe(date(2026, 3, 2)) == "Doelen gesteld: gehaald op 01-03-2026 (te laat)"


def test_closed_case_keeps_only_met_deadlines() -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 9, 1), contact_dates=(date(2026, 9, 5),),
        closed_on=date(2026, 10, 1),
        actions=(ActionDue("a1", "Bel de jeugdarts", date(2026, 10, 20)),),
    )
    found = case_deadlines(facts, date(2026, 11, 23))
    assert [(d.kind, d.state) for d in found] == [(K.EERSTE_CONTACT, S.GEHAALD)]


def test_actions_and_evaluations_due_on_their_own_dates() -> None:
    facts = ClockFacts(
        aanmelding_date=date(2026, 9, 1),
        actions=(
            ActionDue("a1", "Gesprek met de mentor plannen", date(2026, 11, 20)),
            ActionDue("a2", "Aanvraag jeugdhulp", date(2026, 11, 25)),
            ActionDue("a3", "Rooster aanpassen", date(2026, 11, 10), done_on=date(2026, 11, 12)),
            ActionDue("a4", "Vervallen actie", date(2026, 11, 1), cancelled=True),
        ),
        evaluations=(EvaluationDue(date(2026, 12, 20)), EvaluationDue(date(2026, 10, 1),
                                                                      date(2026, 10, 1))),
    )
    found = {d.key: d for d in case_deadlines(facts, date(2026, 11, 23))}
    assert found["ACTIE:a1"].state is S.VERLOPEN
    assert found["ACTIE:a1"].title == "Gesprek met de mentor plannen"
    assert found["ACTIE:a2"].state is S.BINNENKORT
    assert (found["ACTIE:a3"].state, found["ACTIE:a3"].late) == (S.GEHAALD, True)
    assert "ACTIE:a4" not in found
    assert found["EVALUATIE:2026-12-20"].state is S.OP_TIJD
    assert found["EVALUATIE:2026-10-01"].state is S.GEHAALD


def reopened(**changes: object) -> ClockFacts:
    """Case of 2 March 2026 closed 1 June, reopened 2 November 2026."""
    base = ClockFacts(
        aanmelding_date=date(2026, 3, 2), home_since=date(2026, 2, 1),
        first_contact_date=date(2026, 3, 5), goals_set_date=date(2026, 3, 20),
        passend_aanbod_date=date(2026, 4, 1), previous_closed_on=date(2026, 6, 1),
        reopened_on=date(2026, 11, 2),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_reopened_case_restarts_aanmelding_clocks_from_reopen_date() -> None:
    found = {d.kind: d for d in case_deadlines(reopened(), date(2026, 11, 10))}
    assert found[K.EERSTE_CONTACT].due == date(2026, 11, 16)
    assert found[K.EERSTE_CONTACT].state is S.OP_TIJD
    assert found[K.DOELEN].due == date(2026, 12, 2)
    # The stale home start of the first episode is replaced by the reopen date.
    assert found[K.PASSEND_AANBOD].due == date(2027, 2, 2)
    assert found[K.PASSEND_AANBOD].state is S.OP_TIJD


def test_reopened_case_counts_passend_aanbod_from_new_home_start() -> None:
    facts = reopened(home_since=date(2026, 10, 12))
    assert deadline(facts, date(2026, 11, 10), K.PASSEND_AANBOD).due == date(2027, 1, 12)
    assert days_at_home(facts, date(2026, 11, 10)) == 29


def test_reopened_case_new_contact_stops_new_clock() -> None:
    facts = reopened(contact_dates=(date(2026, 3, 5), date(2026, 11, 6)))
    assert deadline(facts, date(2026, 11, 10), K.EERSTE_CONTACT).met_on == date(2026, 11, 6)
    assert first_contact_within_target(facts, date(2026, 11, 10)) is True


def test_reopened_case_drops_plan_items_of_the_earlier_episode() -> None:
    facts = reopened(
        actions=(ActionDue("old", "Oude actie", date(2026, 5, 1)),
                 ActionDue("new", "Nieuwe actie", date(2026, 11, 20))),
        evaluations=(EvaluationDue(date(2026, 5, 15)),),
    )
    keys = [d.key for d in case_deadlines(facts, date(2026, 11, 10))]
    assert "ACTIE:old" not in keys and "EVALUATIE:2026-05-15" not in keys
    assert "ACTIE:new" in keys


def test_reopen_without_known_previous_closing_uses_home_since_on_or_after_reopen() -> None:
    facts = reopened(previous_closed_on=None, home_since=date(2026, 11, 5))
    assert deadline(facts, date(2026, 11, 10), K.PASSEND_AANBOD).due == date(2027, 2, 5)


def test_drop_out_again_in_open_case_restarts_passend_aanbod() -> None:
    first = ClockFacts(aanmelding_date=date(2026, 3, 2), passend_aanbod_date=date(2026, 4, 1))
    assert deadline(first, date(2026, 9, 1), K.PASSEND_AANBOD).state is S.GEHAALD
    again = replace(first, home_since=date(2026, 9, 1))
    found = deadline(again, date(2026, 9, 1), K.PASSEND_AANBOD)
    assert (found.due, found.state) == (date(2026, 12, 1), S.OP_TIJD)
    assert days_without_passend_aanbod(again, date(2026, 9, 15)) == 14


@pytest.mark.parametrize(
    ("facts", "today", "at_home", "without"),
    [
        # Missing home_since: days at home are unknown (never '0 dagen'); the passend aanbod
        # clock counts from the aanmelding date.
        (ClockFacts(aanmelding_date=date(2026, 11, 1)), date(2026, 11, 23), None, 22),
        # Home start before the aanmelding.
        (ClockFacts(aanmelding_date=date(2026, 11, 1), home_since=date(2026, 10, 1)),
         date(2026, 11, 23), 53, 53),
        # Passend aanbod stops the second count, not the first.
        (ClockFacts(aanmelding_date=date(2026, 11, 1), home_since=date(2026, 10, 1),
                    passend_aanbod_date=date(2026, 11, 10)), date(2026, 11, 23), 53, 40),
        # Closing stops both.
        (ClockFacts(aanmelding_date=date(2026, 11, 1), home_since=date(2026, 11, 1),
                    closed_on=date(2026, 11, 11)), date(2026, 11, 23), 10, 10),
        # Leap day counted.
        (ClockFacts(aanmelding_date=date(2028, 2, 28), home_since=date(2028, 2, 28)),
         date(2028, 3, 1), 2, 2),
        # A reopened case whose home start lies before the reopening: not known for this
        # episode.
        (ClockFacts(aanmelding_date=date(2026, 1, 5), home_since=date(2026, 1, 5),
                    reopened_on=date(2026, 11, 2), previous_closed_on=date(2026, 6, 1)),
         date(2026, 11, 23), None, 21),
    ],
)
def test_days_at_home_and_without_passend_aanbod(
    facts: ClockFacts, today: date, at_home: int | None, without: int
) -> None:
    assert days_at_home(facts, today) == at_home
    assert days_without_passend_aanbod(facts, today) == without


def test_next_deadline_is_earliest_unmet() -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 11, 2), contact_dates=(date(2026, 11, 3),))
    found = next_deadline(case_deadlines(facts, date(2026, 11, 23)))
    assert found is not None and found.kind is K.DOELEN


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (date(2026, 11, 13), "Eerste contact: nog 3 dagen"),
        (date(2026, 11, 15), "Eerste contact: nog 1 dag"),
        (date(2026, 11, 16), "Eerste contact: vandaag"),
        (date(2026, 11, 17), "Eerste contact: 1 dag verlopen"),
        (date(2026, 11, 23), "Eerste contact: 7 dagen verlopen"),
    ],
)
def test_describe_in_dutch(today: date, text: str) -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 11, 2))
    assert deadline(facts, today, K.EERSTE_CONTACT).describe(today) == text


# --- Property: unrelated data never moves a deadline earlier -------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
offsets = st.integers(min_value=-120, max_value=400)


@st.composite
def clock_facts(draw: st.DrawFn) -> ClockFacts:
    aanmelding = draw(days)

    def maybe() -> date | None:
        offset = draw(st.none() | offsets)
        return None if offset is None else aanmelding + timedelta(days=offset)

    reopen = draw(st.none() | st.integers(min_value=1, max_value=400))
    reopened_on = None if reopen is None else aanmelding + timedelta(days=reopen)
    previous_closed = None
    if reopened_on is not None and draw(st.booleans()):
        previous_closed = reopened_on - timedelta(days=draw(st.integers(0, 60)))
    return ClockFacts(
        aanmelding_date=aanmelding, home_since=maybe(), first_contact_date=maybe(),
        goals_set_date=maybe(), passend_aanbod_date=maybe(),
        reopened_on=reopened_on, previous_closed_on=previous_closed,
        contact_dates=tuple(d for d in (maybe(), maybe()) if d is not None),
    )


def by_key(facts: ClockFacts, today: date) -> dict[str, Deadline]:
    return {d.key: d for d in case_deadlines(facts, today)}


@given(facts=clock_facts(), later=st.integers(0, 200), today=days)
def test_contact_after_the_first_never_changes_deadlines(
    facts: ClockFacts, later: int, today: date
) -> None:
    first = facts.effective_first_contact or facts.episode_start
    extra = first + timedelta(days=later)
    changed = replace(facts, contact_dates=(*facts.contact_dates, extra))
    before, after = by_key(facts, today), by_key(changed, today)
    for key, old in before.items():
        assert after[key].due >= old.due
        if key != K.EERSTE_CONTACT.name or facts.effective_first_contact is not None:
            assert after[key] == old


@given(facts=clock_facts(), offset=offsets, done=st.booleans(), today=days)
def test_unrelated_action_or_evaluation_never_moves_deadlines(
    facts: ClockFacts, offset: int, done: bool, today: date
) -> None:
    due = facts.aanmelding_date + timedelta(days=offset)
    done_on = due if done else None
    changed = replace(
        facts,
        actions=(*facts.actions, ActionDue("extra", "Extra actie", due, done_on)),
        evaluations=(*facts.evaluations, EvaluationDue(due, done_on)),
    )
    before, after = by_key(facts, today), by_key(changed, today)
    for key, old in before.items():
        assert after[key] == old


@given(facts=clock_facts(), today=days, later=st.integers(0, 30))
def test_time_passing_never_moves_a_due_date(facts: ClockFacts, today: date, later: int) -> None:
    before = by_key(facts, today)
    after = by_key(facts, today + timedelta(days=later))
    for key, old in before.items():
        assert after[key].due == old.due
