"""The four criteria for 'zorgwekkend ziekteverzuim' (DOMAIN.md, seed 000 casus 2).

Criteria 1–3 are computed from the sick reports a school enters; criterion 4 ("opvallend
ziekteverzuim") is the consulent's judgement and never computed. The computation only
suggests: the consulent confirms which criteria hold.

Counting rules (documented so a consulent can check them by hand):
- A school day is Monday to Friday; school holidays are not known here and count as school days.
- A sick report without an end date lasts up to and including the report date (still sick).
- Sick reports whose periods overlap or touch (no school day between them, e.g. ending on
  Friday and starting on Monday) form one sickness: a pupil sick Monday and again Tuesday was
  sick once, for two days.
- Criterion 1: three or more sicknesses of one or two school days each, whose start dates lie
  within one period of two calendar months (the third starts before the first start + 2 months).
- Criterion 2: one sickness of more than ten school days in a row. Whether the reason is
  unclear is for the consulent to judge.
- Criterion 3: more than four school days sick in the past month: the days after the same date
  one calendar month before the report date, up to and including the report date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled

SHORT_MAX_DAYS = 2
SHORT_MIN_COUNT = 3
SHORT_WINDOW_MONTHS = 2
LONG_MIN_DAYS = 11  # "meer dan tien schooldagen"
MONTH_MIN_DAYS = 5  # "meer dan vier dagen"


class SickCriterion(Labelled):
    KORT_HERHAALD = "In twee maanden drie keer (of vaker) één of twee dagen ziek gemeld"
    LANG_ONDUIDELIJK = "Onduidelijk ziekteverzuim van meer dan tien schooldagen achter elkaar"
    VERSPREID_MAAND = "Meer dan vier dagen ziek gemeld, verspreid over de afgelopen maand"
    OPVALLEND = "Opvallend ziekteverzuim, bijvoorbeeld regelmatig ziek naar huis"

    @property
    def number(self) -> int:
        return list(SickCriterion).index(self) + 1

    @property
    def computed(self) -> bool:
        """Criterion 4 is a judgement; the others follow from the sick reports."""
        return self is not SickCriterion.OPVALLEND


@dataclass(frozen=True, slots=True)
class SickReport:
    """One ziekmelding: first and last day sick; ``end`` None means still sick."""

    start: date
    end: date | None = None
    id: str = field(default_factory=new_id, compare=False)
    # The "Opmerking" column of the printed aanmeldformulier (e.g. "naar huis gestuurd").
    note: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: SickCriterion
    holds: bool
    explanation: str  # Dutch, shown next to the checkbox


@dataclass(frozen=True, slots=True)
class _Sickness:
    start: date
    end: date
    ongoing: bool
    school_days: int


def is_school_day(day: date) -> bool:
    return day.weekday() < 5


def next_school_day(day: date) -> date:
    """``day`` itself on Monday–Friday, else the Monday after it (meetings, appointments)."""
    while not is_school_day(day):
        day += timedelta(days=1)
    return day


def previous_school_day(day: date) -> date:
    """``day`` itself on Monday–Friday, else the Friday before it."""
    while not is_school_day(day):
        day -= timedelta(days=1)
    return day


def school_days_between(start: date, end: date) -> int:
    """Monday–Friday days from ``start`` to ``end``, both included (0 if end < start)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    full_weeks, rest = divmod(total, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if is_school_day(start + timedelta(days=full_weeks * 7 + offset)):
            count += 1
    return count


def _fmt(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def _periods(reports: Iterable[SickReport], report_date: date) -> list[tuple[date, date, bool]]:
    """(start, end, ongoing) per report up to the report date, sorted by start."""
    result = []
    for report in reports:
        if report.start > report_date:
            continue
        end = report_date if report.end is None else min(report.end, report_date)
        result.append((report.start, max(end, report.start), report.end is None))
    return sorted(result)


def _sicknesses(reports: Iterable[SickReport], report_date: date) -> list[_Sickness]:
    """Merge reports that overlap or touch (no school day in between) into sicknesses."""
    merged: list[tuple[date, date, bool]] = []
    for start, end, ongoing in _periods(reports, report_date):
        if merged:
            last_start, last_end, last_ongoing = merged[-1]
            gap = school_days_between(last_end + timedelta(days=1), start - timedelta(days=1))
            if gap == 0:
                merged[-1] = (last_start, max(last_end, end), last_ongoing or ongoing)
                continue
        merged.append((start, end, ongoing))
    return [_Sickness(start, end, ongoing, school_days_between(start, end))
            for start, end, ongoing in merged]


def _criterion_short(sicknesses: Sequence[_Sickness]) -> CriterionResult:
    short = [s for s in sicknesses if 1 <= s.school_days <= SHORT_MAX_DAYS]
    best: list[_Sickness] = []
    for i, first in enumerate(short):
        window_end = add_months(first.start, SHORT_WINDOW_MONTHS)
        group = [s for s in short[i:] if s.start < window_end]
        if len(group) > len(best):
            best = group
    criterion = SickCriterion.KORT_HERHAALD
    if len(best) >= SHORT_MIN_COUNT:
        dates = ", ".join(_fmt(s.start) for s in best)
        return CriterionResult(
            criterion, True,
            f"{len(best)} korte ziekmeldingen (één of twee schooldagen) binnen twee maanden: "
            f"{dates}.",
        )
    if not short:
        return CriterionResult(criterion, False, "Niet gevonden: geen korte ziekmeldingen "
                               "(één of twee schooldagen).")
    return CriterionResult(
        criterion, False,
        f"Niet gevonden: hooguit {len(best)} korte ziekmelding(en) binnen twee maanden "
        f"(nodig: {SHORT_MIN_COUNT} of meer).",
    )


def _criterion_long(sicknesses: Sequence[_Sickness]) -> CriterionResult:
    criterion = SickCriterion.LANG_ONDUIDELIJK
    if not sicknesses:
        return CriterionResult(criterion, False, "Niet gevonden: geen ziekmeldingen ingevuld.")
    longest = max(sicknesses, key=lambda s: (s.school_days, s.start))
    if longest.school_days >= LONG_MIN_DAYS:
        until = ("nog ziek op de datum van aanmelding" if longest.ongoing
                 else f"tot en met {_fmt(longest.end)}")
        return CriterionResult(
            criterion, True,
            f"Ziek vanaf {_fmt(longest.start)}, {until}: {longest.school_days} schooldagen "
            "achter elkaar. Ga na of de reden van het verzuim duidelijk is.",
        )
    return CriterionResult(
        criterion, False,
        f"Niet gevonden: de langste ziekteperiode is {longest.school_days} schooldag(en) "
        "achter elkaar (nodig: meer dan tien).",
    )


def _criterion_month(sicknesses: Sequence[_Sickness], report_date: date) -> CriterionResult:
    criterion = SickCriterion.VERSPREID_MAAND
    window_start = add_months(report_date, -1) + timedelta(days=1)
    days = 0
    counted = 0
    for s in sicknesses:
        overlap = school_days_between(max(s.start, window_start), min(s.end, report_date))
        if overlap:
            days += overlap
            counted += 1
    period = f"{_fmt(window_start)} tot en met {_fmt(report_date)}"
    if days >= MONTH_MIN_DAYS:
        return CriterionResult(
            criterion, True,
            f"{days} schooldagen ziek van {period}, in {counted} ziekmelding(en).",
        )
    return CriterionResult(
        criterion, False,
        f"Niet gevonden: {days} schooldag(en) ziek van {period} (nodig: meer dan vier).",
    )


def evaluate_criteria(reports: Iterable[SickReport], report_date: date) -> list[CriterionResult]:
    """Criteria 1–3 with whether each holds and a Dutch explanation; the consulent confirms."""
    sicknesses = _sicknesses(reports, report_date)
    return [
        _criterion_short(sicknesses),
        _criterion_long(sicknesses),
        _criterion_month(sicknesses, report_date),
    ]


def holding_criteria(reports: Iterable[SickReport], report_date: date) -> list[CriterionResult]:
    """Only the computed criteria that hold."""
    return [r for r in evaluate_criteria(reports, report_date) if r.holds]
