"""A reopened case counts per episode in the figures; every expectation computed by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.breakdowns import Dimension
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.episodes import ClosedEpisode, Reopening, episode_entries
from thuiszitter_desktop.domain.figures import DurationMeasure, QuarterFigures, quarter_figures
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.vocab import ClosingReason

D = date
TODAY = D(2026, 11, 23)
NOOR = Pupil(id="p-noor", first_name="Noor", last_name="Bakker", birth_date=D(2013, 4, 2),
             school="OBS De Regenboog")
# At home since 20 February, aanmelding 2 March, contact 5 March, goals 20 March; back at
# school on 15 May. Home again from 1 September, reopened 7 September, contact on the 10th,
# new goals on the 25th. The case now holds the second episode's dates.
NOW = Case(id="noor", pupil_id="p-noor", aanmelding_date=D(2026, 3, 2),
           home_since=D(2026, 9, 1), first_contact_date=D(2026, 3, 5),
           goals_set_date=D(2026, 9, 25))
FIRST_CLOSING = ClosedEpisode(ClosingReason.TERUG_OP_SCHOOL, home_since=D(2026, 2, 20),
                              goals_set_date=D(2026, 3, 20), passend_aanbod_date=None)
REOPENED = Reopening(D(2026, 9, 7), previous_closed_on=D(2026, 5, 15), closed=FIRST_CLOSING)
CONTACTS = (D(2026, 3, 5), D(2026, 9, 10))


def dates(case: Case) -> tuple[object, ...]:
    return (case.aanmelding_date, case.home_since, case.first_contact_date,
            case.goals_set_date, case.passend_aanbod_date, case.closed_on, case.closing_reason)


def test_a_case_never_reopened_is_one_episode_unchanged() -> None:
    assert episode_entries(NOOR, NOW, []) == [(NOOR, NOW)]


def test_each_episode_has_its_own_dates() -> None:
    first, second = (case for _, case in episode_entries(NOOR, NOW, [REOPENED], CONTACTS))
    assert dates(first) == (D(2026, 3, 2), D(2026, 2, 20), D(2026, 3, 5), D(2026, 3, 20), None,
                            D(2026, 5, 15), ClosingReason.TERUG_OP_SCHOOL)
    assert dates(second) == (D(2026, 9, 7), D(2026, 9, 1), D(2026, 9, 10), D(2026, 9, 25), None,
                             None, None)
    assert first.id == second.id == "noor"


def test_a_reopening_without_kept_history_takes_the_dates_that_fall_in_each_episode() -> None:
    legacy = replace(REOPENED, closed=None)
    first, second = (case for _, case in episode_entries(NOOR, NOW, [legacy], CONTACTS))
    # The home start and goals of September do not belong to the first episode.
    assert dates(first) == (D(2026, 3, 2), None, D(2026, 3, 5), None, None, D(2026, 5, 15),
                            None)
    assert dates(second)[:4] == (D(2026, 9, 7), D(2026, 9, 1), D(2026, 9, 10), D(2026, 9, 25))


def test_a_later_episode_without_a_new_home_start_counts_from_the_reopen_date() -> None:
    unchanged = replace(NOW, home_since=D(2026, 2, 20))
    _, second = (case for _, case in episode_entries(NOOR, unchanged, [REOPENED], CONTACTS))
    assert second.home_start == D(2026, 9, 7)


def test_contact_before_the_reopening_does_not_count_for_the_new_episode() -> None:
    early = (D(2026, 3, 5), D(2026, 9, 3))  # the 3rd: home again, not yet reopened
    _, second = (case for _, case in episode_entries(NOOR, NOW, [REOPENED], early))
    assert second.first_contact_date is None


def figures(quarter: Quarter) -> QuarterFigures:
    return quarter_figures(episode_entries(NOOR, NOW, [REOPENED], CONTACTS), quarter,
                           Definition.BREED, TODAY)


def durations(result: QuarterFigures, measure: DurationMeasure) -> tuple[tuple[str, int], ...]:
    return next(d for d in result.durations if d.measure is measure).days_by_case


def test_figures_count_the_days_at_home_per_episode() -> None:
    q2, q3 = figures(Quarter(2026, 2)), figures(Quarter(2026, 3))
    # 20 February to 15 May: 84 days, closed in the second quarter.
    assert durations(q2, DurationMeasure.THUIS_AFGESLOTEN) == (("noor", 84),)
    assert q2.flow.ended_ids == ("noor",)
    # Third quarter: only the new episode, from 1 September to 30 September (29 days); the
    # summer at school is not counted.
    assert durations(q3, DurationMeasure.THUIS_LOPEND) == (("noor", 29),)
    assert q3.flow.new_ids == ("noor",) and q3.flow.ended_ids == ()


def test_targets_are_decided_per_episode() -> None:
    q1, q3 = figures(Quarter(2026, 1)), figures(Quarter(2026, 3))
    # First episode: contact on day 3 and goals on day 18, both decided in the first quarter.
    assert [(len(t.numerator_ids), len(t.denominator_ids)) for t in q1.targets][:2] == [(1, 1),
                                                                                       (1, 1)]
    # Second episode: contact on day 3 after reopening, goals on day 18.
    assert [(len(t.numerator_ids), len(t.denominator_ids)) for t in q3.targets][:2] == [(1, 1),
                                                                                       (1, 1)]


def test_a_case_with_two_episodes_in_one_quarter_counts_once() -> None:
    october = Reopening(D(2026, 10, 20), previous_closed_on=D(2026, 10, 5),
                        closed=ClosedEpisode(ClosingReason.TERUG_OP_SCHOOL, None, None, None))
    case = replace(NOW, aanmelding_date=D(2026, 9, 14), home_since=None,
                   first_contact_date=None, goals_set_date=None)
    result = quarter_figures(episode_entries(NOOR, case, [october]), Quarter(2026, 4),
                             Definition.BREED, TODAY)
    assert result.flow.running_ids == ("noor",)
    assert result.flow.new_ids == ("noor",) and result.flow.ended_ids == ("noor",)
    assert [table.total for table in result.counts] == [1] * len(Dimension)


def test_closed_and_reopened_on_one_day_the_contact_that_day_counts_for_the_new_episode() -> None:
    same_day = Reopening(D(2026, 11, 23), previous_closed_on=D(2026, 11, 23),
                         closed=ClosedEpisode(ClosingReason.VERHUISD, None, None, None))
    case = replace(NOW, aanmelding_date=D(2026, 10, 1), home_since=None,
                   first_contact_date=D(2026, 10, 3), goals_set_date=None)
    first, second = (c for _, c in episode_entries(NOOR, case, [same_day],
                                                   (D(2026, 10, 3), D(2026, 11, 23))))
    assert (first.first_contact_date, first.closed_on) == (D(2026, 10, 3), D(2026, 11, 23))
    assert (second.aanmelding_date, second.first_contact_date) == (D(2026, 11, 23),
                                                                   D(2026, 11, 23))
