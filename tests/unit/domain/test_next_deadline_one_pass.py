"""The one-pass shortcuts (overview, Vandaag) give exactly what the full deadline list gives."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from thuiszitter_desktop.domain.deadlines import (
    ActionDue,
    ClockFacts,
    DeadlineKind,
    DeadlineState,
    EvaluationDue,
    case_deadlines,
    next_case_deadline,
    next_deadline,
    pending_deadlines,
)

TODAY = date(2026, 11, 23)


def maybe_day(rng: random.Random, around: date, spread: int, chance: float) -> date | None:
    return around + timedelta(days=rng.randint(-spread, spread)) if rng.random() < chance else None


def random_facts(rng: random.Random) -> ClockFacts:
    """A case with any mix of clocks, episodes, contacts, actions and evaluations.

    Due dates are drawn from a narrow window so that ties (same day, different kinds) and
    every state (verlopen, binnenkort, op tijd) occur often.
    """
    aanmelding = TODAY - timedelta(days=rng.randint(0, 120))
    reopened = maybe_day(rng, TODAY, 40, 0.15)
    actions = tuple(
        ActionDue(id=f"a{i}", label=f"Actie {i}", due=TODAY + timedelta(days=rng.randint(-6, 20)),
                  done_on=maybe_day(rng, TODAY, 5, 0.3), cancelled=rng.random() < 0.15)
        for i in range(rng.randint(0, 4))
    )
    evaluations = tuple(
        EvaluationDue(due=TODAY + timedelta(days=rng.randint(-6, 20)),
                      done_on=maybe_day(rng, TODAY, 5, 0.3))
        for _ in range(rng.randint(0, 3))
    )
    return ClockFacts(
        aanmelding_date=aanmelding,
        home_since=maybe_day(rng, aanmelding, 30, 0.6),
        first_contact_date=maybe_day(rng, aanmelding + timedelta(days=10), 10, 0.4),
        goals_set_date=maybe_day(rng, aanmelding + timedelta(days=25), 15, 0.4),
        passend_aanbod_date=maybe_day(rng, aanmelding + timedelta(days=60), 40, 0.3),
        closed_on=maybe_day(rng, TODAY, 10, 0.1),
        reopened_on=reopened,
        previous_closed_on=maybe_day(rng, reopened, 20, 0.7) if reopened else None,
        contact_dates=tuple(sorted(
            aanmelding + timedelta(days=rng.randint(-3, 40)) for _ in range(rng.randint(0, 3)))),
        actions=actions,
        evaluations=evaluations,
        back_above_since=maybe_day(rng, TODAY, 20, 0.1),
    )


def random_warnings(rng: random.Random) -> dict[DeadlineKind, int] | None:
    if rng.random() < 0.5:
        return None
    return {kind: rng.randint(0, 21) for kind in DeadlineKind if rng.random() < 0.7}


@pytest.mark.parametrize("seed", range(8))
def test_same_next_deadline_as_the_full_list(seed: int) -> None:
    rng = random.Random(seed)
    states = set()
    for _ in range(1_500):
        facts, warnings = random_facts(rng), random_warnings(rng)
        expected = next_deadline(case_deadlines(facts, TODAY, warnings))
        assert next_case_deadline(facts, TODAY, warnings) == expected, facts
        if expected is not None:
            states.add((expected.kind, expected.state))
    # The sample really covered the rules: every kind, in more than one state.
    assert {kind for kind, _ in states} == set(DeadlineKind)
    assert len(states) >= 10


@pytest.mark.parametrize("seed", range(4))
def test_pending_deadlines_are_the_unmet_ones_of_the_full_list(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(1_500):
        facts, warnings = random_facts(rng), random_warnings(rng)
        until = TODAY + timedelta(days=rng.randint(-3, 14)) if rng.random() < 0.7 else None
        expected = [d for d in case_deadlines(facts, TODAY, warnings)
                    if d.state is not DeadlineState.GEHAALD and (until is None or d.due <= until)]
        assert pending_deadlines(facts, TODAY, warnings, due_until=until) == expected, facts


def test_tie_on_the_same_day_goes_to_the_more_urgent_then_the_first() -> None:
    due = TODAY + timedelta(days=5)
    facts = ClockFacts(
        aanmelding_date=TODAY - timedelta(days=9),  # eerste contact due in 5 days
        first_contact_date=None, goals_set_date=TODAY, passend_aanbod_date=TODAY,
        actions=(ActionDue("x", "Rooster maken", due), ActionDue("y", "Bellen", due)),
        evaluations=(EvaluationDue(due),),
    )
    warnings = {DeadlineKind.EERSTE_CONTACT: 3, DeadlineKind.ACTIE: 7}
    found = next_case_deadline(facts, TODAY, warnings)
    assert found == next_deadline(case_deadlines(facts, TODAY, warnings))
    assert found is not None and found.key == "ACTIE:x"  # binnenkort beats op tijd


def test_closed_case_has_no_next_deadline() -> None:
    facts = ClockFacts(aanmelding_date=TODAY - timedelta(days=60), closed_on=TODAY)
    assert next_case_deadline(facts, TODAY) is None
