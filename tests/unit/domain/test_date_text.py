"""Dates as people type them; a date that does not exist is refused, never moved."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.date_text import DateTextError, parse_date_text


@pytest.mark.parametrize("typed", ["31-3-2026", "31-03-2026", "31032026", "31/3/2026",
                                   "31.03.2026", " 31 - 3 - 2026 ", "2026-03-31"])
def test_the_ways_people_write_a_date(typed: str) -> None:
    assert parse_date_text(typed) == date(2026, 3, 31)


def test_empty_is_no_date() -> None:
    assert parse_date_text("   ") is None


@pytest.mark.parametrize(("typed", "says"), [
    ("31-02-2011", "31-02-2011 bestaat niet: februari 2011 heeft 28 dagen."),
    ("31-2-2011", "31-02-2011 bestaat niet: februari 2011 heeft 28 dagen."),
    ("29022023", "29-02-2023 bestaat niet: februari 2023 heeft 28 dagen."),
    ("31-04-2026", "31-04-2026 bestaat niet: april 2026 heeft 30 dagen."),
    ("00-01-2026", "00-01-2026 bestaat niet: januari 2026 heeft 31 dagen."),
])
def test_impossible_days_are_refused_with_the_reason(typed: str, says: str) -> None:
    with pytest.raises(DateTextError) as refused:
        parse_date_text(typed)
    assert refused.value.message == says


def test_leap_day_exists_in_a_leap_year() -> None:
    assert parse_date_text("29-2-2028") == date(2028, 2, 29)


@pytest.mark.parametrize(("typed", "part"), [
    ("13-13-2026", "12 maanden"), ("3-2-26", "vier cijfers"), ("morgen", "geen datum"),
    ("1-1-0211", "jaar 211"), ("3122011", "geen datum"),
])
def test_other_mistakes_say_how_to_write_it(typed: str, part: str) -> None:
    with pytest.raises(DateTextError) as refused:
        parse_date_text(typed)
    assert part in refused.value.message
