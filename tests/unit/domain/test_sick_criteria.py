"""Criteria 1–3 of zorgwekkend ziekteverzuim, computed from sick reports (boundaries first)."""

from datetime import date

import pytest

from thuiszitter_desktop.domain.ziekteverzuim import (
    SickCriterion,
    SickReport,
    evaluate_criteria,
    holding_criteria,
    school_days_between,
)

REPORT_DATE = date(2026, 11, 23)  # a Monday


def day(d: int, m: int) -> SickReport:
    return SickReport(date(2026, m, d), date(2026, m, d))


def span(start: tuple[int, int], end: tuple[int, int] | None) -> SickReport:
    return SickReport(
        date(2026, start[1], start[0]), None if end is None else date(2026, end[1], end[0])
    )


def result(reports: list[SickReport], criterion: SickCriterion, on: date = REPORT_DATE
           ) -> tuple[bool, str]:
    (found,) = [r for r in evaluate_criteria(reports, on) if r.criterion is criterion]
    return found.holds, found.explanation


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 2), date(2026, 11, 2), 1),  # Monday
        (date(2026, 11, 7), date(2026, 11, 8), 0),  # weekend only
        (date(2026, 11, 6), date(2026, 11, 9), 2),  # Friday to Monday
        (date(2026, 11, 2), date(2026, 11, 13), 10),
        (date(2026, 11, 2), date(2026, 11, 16), 11),
        (date(2026, 11, 5), date(2026, 11, 4), 0),
    ],
)
def test_school_days_count_monday_to_friday(start: date, end: date, expected: int) -> None:
    assert school_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("reports", "holds"),
    [
        # exactly three one-day reports, the third the day before the two-month boundary
        ([day(3, 9), day(16, 9), day(2, 11)], True),
        # the third on the boundary itself: not within two months
        ([day(3, 9), day(16, 9), day(3, 11)], False),
        ([day(3, 9), day(16, 9)], False),
        # two-day reports count as short
        ([span((7, 9), (8, 9)), span((21, 9), (22, 9)), span((5, 10), (6, 10))], True),
        # Friday to Monday is two school days: still short
        ([span((2, 10), (5, 10)), day(14, 10), day(21, 10)], True),
        # a three-day report is not short
        ([span((7, 9), (9, 9)), day(21, 9), day(5, 10)], False),
        # Friday and the next Monday reported apart are one sickness of two days
        ([day(2, 10), day(5, 10), day(14, 10)], False),
        # four short reports spread wider than two months, never three in one window
        ([day(1, 6), day(15, 7), day(14, 9), day(20, 11)], False),
    ],
)
def test_criterion_1_three_short_reports_in_two_months(
    reports: list[SickReport], holds: bool
) -> None:
    assert result(reports, SickCriterion.KORT_HERHAALD)[0] is holds


def test_criterion_1_explanation_names_the_dates() -> None:
    holds, explanation = result([day(3, 9), day(16, 9), day(2, 11)], SickCriterion.KORT_HERHAALD)
    assert holds
    for text in ("03-09-2026", "16-09-2026", "02-11-2026", "binnen twee maanden"):
        assert text in explanation


@pytest.mark.parametrize(
    ("reports", "on", "holds"),
    [
        ([span((2, 11), (13, 11))], REPORT_DATE, False),  # 10 school days
        ([span((2, 11), (16, 11))], REPORT_DATE, True),  # 11 across a weekend
        # two reports touching across a weekend are one sickness of 11 days
        ([span((2, 11), (6, 11)), span((9, 11), (16, 11))], REPORT_DATE, True),
        # one school day in between: two sicknesses of 5 and 5 days
        ([span((2, 11), (6, 11)), span((10, 11), (16, 11))], REPORT_DATE, False),
        # still sick, counted up to the report date: 6 Nov .. 20 Nov = 11 school days
        ([span((6, 11), None)], date(2026, 11, 20), True),
        ([span((9, 11), None)], date(2026, 11, 20), False),
        ([], REPORT_DATE, False),
    ],
)
def test_criterion_2_more_than_ten_school_days_in_a_row(
    reports: list[SickReport], on: date, holds: bool
) -> None:
    assert result(reports, SickCriterion.LANG_ONDUIDELIJK, on)[0] is holds


def test_criterion_2_explanation_for_ongoing_sickness() -> None:
    holds, explanation = result(
        [span((6, 11), None)], SickCriterion.LANG_ONDUIDELIJK, date(2026, 11, 20)
    )
    assert holds
    assert "11 schooldagen" in explanation
    assert "nog ziek" in explanation


def test_criterion_2_not_holding_names_longest_period() -> None:
    holds, explanation = result([span((2, 11), (13, 11))], SickCriterion.LANG_ONDUIDELIJK)
    assert not holds
    assert "10 schooldag" in explanation


FRIDAY = date(2026, 11, 20)  # past month: 21 Oct .. 20 Nov


@pytest.mark.parametrize(
    ("reports", "holds"),
    [
        ([day(21, 10), day(28, 10), day(4, 11), day(11, 11)], False),  # four days
        ([day(21, 10), day(28, 10), day(4, 11), day(11, 11), day(18, 11)], True),  # five
        # 20 Oct lies just outside the past month
        ([day(20, 10), day(28, 10), day(4, 11), day(11, 11), day(18, 11)], False),
        # a sickness overlapping the start counts only its days inside the month
        ([span((19, 10), (23, 10)), day(4, 11)], False),  # 3 + 1 inside
        ([span((19, 10), (23, 10)), day(4, 11), day(12, 11)], True),  # 3 + 1 + 1
        # sick days after the report date do not count
        ([day(4, 11), day(11, 11), day(18, 11), day(19, 11), span((23, 11), (24, 11))], False),
    ],
)
def test_criterion_3_more_than_four_days_in_the_past_month(
    reports: list[SickReport], holds: bool
) -> None:
    assert result(reports, SickCriterion.VERSPREID_MAAND, FRIDAY)[0] is holds


def test_criterion_3_explanation_names_period_and_count() -> None:
    reports = [day(21, 10), day(28, 10), day(4, 11), day(11, 11), day(18, 11)]
    holds, explanation = result(reports, SickCriterion.VERSPREID_MAAND, FRIDAY)
    assert holds
    assert "5 schooldagen" in explanation
    assert "21-10-2026 tot en met 20-11-2026" in explanation


def test_holding_criteria_lists_only_those_that_hold() -> None:
    reports = [span((2, 11), (16, 11))]  # long and more than four days this month
    held = {r.criterion for r in holding_criteria(reports, REPORT_DATE)}
    assert held == {SickCriterion.LANG_ONDUIDELIJK, SickCriterion.VERSPREID_MAAND}


def test_criterion_4_is_never_computed() -> None:
    computed = {r.criterion for r in evaluate_criteria([day(2, 11)], REPORT_DATE)}
    assert SickCriterion.OPVALLEND not in computed
    assert [c.number for c in SickCriterion] == [1, 2, 3, 4]


def test_criterion_1_without_short_reports_says_so() -> None:
    holds, explanation = result([span((2, 11), (16, 11))], SickCriterion.KORT_HERHAALD)
    assert not holds
    assert explanation == "Niet gevonden: geen korte ziekmeldingen (één of twee schooldagen)."
