"""The stored overview clock gives, on any later day, what the full clock facts give."""

from __future__ import annotations

import hashlib
import inspect
import random
from datetime import date, timedelta

import pytest

from tests.unit.domain.test_next_deadline_one_pass import TODAY, random_facts, random_warnings
from thuiszitter_desktop.domain.deadlines import (
    ActionDue,
    ClockFacts,
    DeadlineKind,
    DeadlineState,
    days_at_home,
    days_without_passend_aanbod,
    next_case_deadline,
)
from thuiszitter_desktop.domain.overview_clock import RULES, overview_clock


@pytest.mark.parametrize("seed", range(6))
def test_every_column_equals_the_full_computation_on_any_day(seed: int) -> None:
    rng = random.Random(seed)
    ties = 0
    for _ in range(800):
        facts, warnings = random_facts(rng), random_warnings(rng)
        stored = overview_clock(facts)  # made once, on the day of the edit
        ties += len(stored.next_items) > 1
        for later in (TODAY, TODAY + timedelta(days=rng.randint(1, 60)),
                      TODAY - timedelta(days=rng.randint(1, 30))):
            assert stored.next_deadline(later, warnings) == next_case_deadline(
                facts, later, warnings), facts
            assert stored.days_at_home(later) == days_at_home(facts, later)
            assert stored.days_without_aanbod(later) == days_without_passend_aanbod(
                facts, later)
    assert ties >= 5  # the sample really had deadlines sharing a day


def test_a_tie_is_decided_by_the_day_it_is_looked_at() -> None:
    """An action and the first-contact clock due the same day: with a long warning period for
    actions only, the action is 'binnenkort' first and so comes first; once overdue, both are
    equally urgent and the clock (first in order) comes first again."""
    aanmelding = date(2026, 11, 1)
    due = aanmelding + timedelta(days=14)
    facts = ClockFacts(aanmelding_date=aanmelding, goals_set_date=aanmelding,
                       passend_aanbod_date=aanmelding,
                       actions=(ActionDue("a1", "Gesprek met school", due),))
    stored = overview_clock(facts)
    assert [item[0] for item in stored.next_items] == [DeadlineKind.EERSTE_CONTACT,
                                                       DeadlineKind.ACTIE]
    warnings = {DeadlineKind.EERSTE_CONTACT: 0, DeadlineKind.ACTIE: 10}
    early = stored.next_deadline(due - timedelta(days=5), warnings)
    assert early is not None and early.title == "Gesprek met school"
    assert early.state is DeadlineState.BINNENKORT
    late = stored.next_deadline(due + timedelta(days=1), warnings)
    assert late is not None and late.kind is DeadlineKind.EERSTE_CONTACT
    assert late.state is DeadlineState.VERLOPEN


def test_a_closed_case_has_no_next_deadline_and_stops_counting_days() -> None:
    facts = ClockFacts(aanmelding_date=date(2026, 9, 1), home_since=date(2026, 8, 20),
                       closed_on=date(2026, 10, 1))
    stored = overview_clock(facts)
    assert stored.next_items == ()
    assert stored.next_deadline(date(2026, 12, 1)) is None
    assert stored.days_at_home(date(2026, 12, 1)) == 42


# The code that turns a case's records into what ``case_overview`` stores. Stored rows carry
# ``overview_clock.RULES``; when this code changes, the rows made by the old code must go.
def _clock_rule_sources() -> str:
    from thuiszitter_desktop.domain import deadlines
    from thuiszitter_desktop.domain import overview_clock as clock_module
    from thuiszitter_desktop.domain.situation_history import back_above_since
    from thuiszitter_desktop.services.reminders import clock_facts_for, facts_by_case
    from thuiszitter_desktop.storage.repo_plan import latest_clock_items
    from thuiszitter_desktop.storage.repo_reminders import contact_dates, latest_episodes

    parts = [inspect.getsource(code) for code in (
        deadlines.ClockFacts, deadlines.add_months, deadlines.clock_due_dates,
        deadlines._plan_item_counts, deadlines._has_contact_in_episode, deadlines._unmet_items,
        deadlines.earliest_unmet, clock_module.overview_clock, back_above_since,
        clock_facts_for, facts_by_case, latest_clock_items, contact_dates, latest_episodes)]
    constants = {name: value for name, value in vars(deadlines).items()
                 if name.isupper() and isinstance(value, int | str)}
    return "\n".join([*parts, repr(sorted(constants.items()))])


RULES_FINGERPRINT = ("1", "e13946a63e997a5f")


def test_a_change_to_the_clock_rules_comes_with_new_rules_for_stored_clocks() -> None:
    fingerprint = hashlib.sha256(_clock_rule_sources().encode()).hexdigest()[:16]
    assert (RULES, fingerprint) == RULES_FINGERPRINT, (
        "The code behind the stored overview clocks changed: raise overview_clock.RULES (rows "
        "made by the old code are then made again) and record the new pair here.")
