"""Quarterly policy figures: SMART targets, doorloopsnelheid, counts, in- and outflow.

Every figure carries the ``Definition`` it was computed with; the same caseload yields all
three. A quarter that is still running is measured up to ``today`` (the "period end").

Which cases count (the *population* of a definition): cases that counted under the definition
on at least one day up to the period end (see ``definitions``).

Targets (seed 000, casus 2), each measured over the cases whose result was *decided* in the
quarter (on or before the period end): a met target is decided on the day it was met, a missed
one on its due date; never before the aanmelding. A case whose due date lies ahead and that has
not met the target yet is not counted anywhere yet.
- Eerste gesprek binnen 7 dagen (norm 80%) and binnen 14 dagen (norm 100%): due 7 / 14 days
  after the aanmelding; met when the first *conversation* (face to face or video) with pupil
  or parents was on or before it. A phone call, an e-mail or a message does not count (seed
  000, casus 2: "binnen 14 dgn. eerste gesprek"; bouwsteen 4: "met leerling en ouders in
  gesprek").
- Doelen binnen de eerste maand (norm 90%): due one calendar month after the aanmelding; met
  when the goals were set on or before it.
- Niet langer dan 3 maanden thuis zonder passend aanbod (norm 80%): due three calendar months
  after the home situation started; met when a passend aanbod started on or before it, or the
  case was closed by then because the pupil went back to school or a passend aanbod started.
  Only an aanbod that meets the criteria counts (``passend_aanbod``: the case's
  ``passend_aanbod_date`` is the day the first such aanbod counts from); a voorlopig aanbod
  does not.
A case closed before its due date without meeting it (moved, vrijstelling, other) has no
result for that target and is left out of both numerator and denominator.

Doorloopsnelheid (seed 003), in calendar days from the start of the home situation:
- "thuis, afgesloten": cases closed in the quarter, until the closing date;
- "thuis, lopend": cases still counting on the period end, until that day;
- "tot passend aanbod": cases whose passend aanbod started in the quarter.
Each with average and median, and the trend of the average against the previous quarter.

A reopened case enters as one entry per episode (``episodes``): targets and durations count
per episode; flow and counts count the case once.

In- and outflow: *nieuw* = started counting in the quarter, *gestopt* = last day counted in the
quarter (closed, no longer within the definition, e.g. turned 18, or back above 50%), *lopend* =
counted on at least one day of the quarter, *op einddatum* = still counting on the period end.
Counts per characteristic are taken over the *lopend* cases, with ages and (when the case has a
history) percentage, verzuim type and situation on their last counted day.

``history`` gives each case's history of percentage, verzuim type and situation
(``situation_history``), so an earlier quarter is computed with the values of that time.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.breakdowns import Counts, CountTable, Dimension
from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.definitions import (
    CaseEntry,
    Caseload,
    Definition,
    Span,
    qualifying_span,
)
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.situation_history import History, case_as_on
from thuiszitter_desktop.domain.vocab import ClosingReason, Labelled

__all__ = [
    "CountTable",
    "Definition",
    "Dimension",
    "DurationFigure",
    "DurationMeasure",
    "Flow",
    "Quarter",
    "QuarterFigures",
    "Target",
    "TargetResult",
    "format_number",
    "quarter_figures",
    "running_entries",
]


class Target(Labelled):
    # Stored names keep "CONTACT"; what counts is a conversation with pupil or parents.
    EERSTE_CONTACT_7 = "Eerste gesprek met leerling of ouders binnen 7 dagen"
    DOELEN_1_MAAND = "Doelen gesteld binnen de eerste maand"
    PASSEND_AANBOD_3_MAANDEN = "Niet langer dan 3 maanden thuis zonder passend aanbod"
    EERSTE_CONTACT_14 = "Eerste gesprek met leerling of ouders binnen 14 dagen"

    @property
    def short_label(self) -> str:
        """For chart axes, where the full label would be cut off."""
        return {"EERSTE_CONTACT_7": "Eerste gesprek ≤ 7 dagen",
                "DOELEN_1_MAAND": "Doelen ≤ 1 maand",
                "PASSEND_AANBOD_3_MAANDEN": "Passend aanbod ≤ 3 maanden",
                "EERSTE_CONTACT_14": "Eerste gesprek ≤ 14 dagen"}[self.name]

    @property
    def explanation(self) -> str:
        """What counts, in one Dutch sentence (dashboard and report)."""
        return {
            "EERSTE_CONTACT_7": _CONVERSATION_ONLY,
            "EERSTE_CONTACT_14": _CONVERSATION_ONLY,
            "DOELEN_1_MAAND": "Telt als een plan een SMART-doel heeft.",
            "PASSEND_AANBOD_3_MAANDEN": (
                "Telt alleen een aanbod dat aan de vijf criteria voldoet en waarmee de ouders "
                "hebben ingestemd; een voorlopig aanbod telt niet."),
        }[self.name]

    @property
    def norm(self) -> int:
        """The required share of cases, in percent."""
        return {"EERSTE_CONTACT_7": 80, "DOELEN_1_MAAND": 90, "PASSEND_AANBOD_3_MAANDEN": 80,
                "EERSTE_CONTACT_14": 100}[self.name]


_CONVERSATION_ONLY = ("Telt alleen een gesprek met leerling en/of ouders (face to face of "
                      "video); telefoon, e-mail en berichten tellen niet.")


# Closing for these reasons before the three months are over means the child was not at home
# longer than three months without an offer.
_GOOD_ENDINGS = (ClosingReason.TERUG_OP_SCHOOL, ClosingReason.PASSEND_AANBOD)


_Outcome = tuple[date, bool] | None  # (day the result was decided, met), None: no result


def _outcomes(case: Case) -> tuple[_Outcome, _Outcome, _Outcome, _Outcome]:
    """The result of each target for one case, in ``Target`` order (rules: module docstring).

    One function for all four: the due dates and met dates are shared, and this runs for every
    case of the caseload.
    """
    start, closed, contact = case.aanmelding_date, case.closed_on, case.first_contact_date
    aanbod_due = add_months(case.home_start, 3)
    aanbod = case.passend_aanbod_date
    if aanbod is not None and aanbod > aanbod_due:
        aanbod = None
    if (case.closing_reason in _GOOD_ENDINGS and closed is not None and closed <= aanbod_due
            and (aanbod is None or closed < aanbod)):
        aanbod = closed  # closed in time because the pupil went back or got an offer
    return (
        _decide(start, closed, start + _WEEK, contact),
        _decide(start, closed, add_months(start, 1), case.goals_set_date),
        _decide(start, closed, aanbod_due, aanbod),
        _decide(start, closed, start + _TWO_WEEKS, contact),
    )


_WEEK, _TWO_WEEKS = timedelta(days=7), timedelta(days=14)


def _decide(start: date, closed: date | None, due: date, met: date | None) -> _Outcome:
    """Met when ``met`` lies on or before ``due``; no result when the case closed before it
    was due; else missed on the due date. Never decided before the aanmelding."""
    if met is not None and met <= due:
        return (met if met > start else start), True
    if closed is not None and closed <= due:
        return None
    return (due if due > start else start), False


@dataclass(frozen=True, slots=True)
class TargetResult:
    target: Target
    definition: Definition
    numerator_ids: tuple[str, ...]
    denominator_ids: tuple[str, ...]

    @property
    def percentage(self) -> float | None:
        if not self.denominator_ids:
            return None
        return 100 * len(self.numerator_ids) / len(self.denominator_ids)

    @property
    def met(self) -> bool | None:
        """Whether the norm was reached; None when no case fell due."""
        pct = self.percentage
        return None if pct is None else pct >= self.target.norm

    @property
    def verdict(self) -> str:
        met = self.met
        if met is None:
            return "Geen casussen in dit kwartaal"
        return "Norm gehaald" if met else "Norm niet gehaald"


class DurationMeasure(Labelled):
    THUIS_AFGESLOTEN = "Dagen thuis (afgesloten casussen)"
    THUIS_LOPEND = "Dagen thuis tot nu (lopende casussen)"
    TOT_PASSEND_AANBOD = "Dagen tot passend aanbod"


@dataclass(frozen=True, slots=True)
class DurationFigure:
    measure: DurationMeasure
    definition: Definition
    days_by_case: tuple[tuple[str, int], ...]
    previous_mean: float | None

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(case_id for case_id, _ in self.days_by_case)

    @property
    def count(self) -> int:
        return len(self.days_by_case)

    @property
    def mean(self) -> float | None:
        return _mean([days for _, days in self.days_by_case])

    @property
    def median(self) -> float | None:
        values = [days for _, days in self.days_by_case]
        return float(statistics.median(values)) if values else None

    @property
    def trend_days(self) -> float | None:
        """Change of the average against the previous quarter (negative: shorter)."""
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean

    @property
    def trend_text(self) -> str:
        delta = self.trend_days
        if delta is None:
            return "Geen vergelijking met vorig kwartaal mogelijk"
        if abs(delta) < 0.05:
            return "Gelijk aan vorig kwartaal"
        word = "korter" if delta < 0 else "langer"
        return f"{format_number(abs(delta))} dagen {word} dan vorig kwartaal"


def _mean(values: Sequence[int]) -> float | None:
    return statistics.fmean(values) if values else None


def format_number(value: float | None, decimals: int = 1) -> str:
    """Dutch notation: '12,5'; whole numbers without decimals; '—' for no value."""
    if value is None:
        return "—"
    rounded = round(value, decimals)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{decimals}f}".replace(".", ",")


@dataclass(frozen=True, slots=True)
class Flow:
    definition: Definition
    new_ids: tuple[str, ...]
    ended_ids: tuple[str, ...]
    running_ids: tuple[str, ...]
    at_end_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuarterFigures:
    quarter: Quarter
    definition: Definition
    period_end: date
    targets: tuple[TargetResult, ...]
    durations: tuple[DurationFigure, ...]
    flow: Flow
    counts: Counts  # per characteristic, each made when first asked for

    @property
    def is_partial(self) -> bool:
        """True when the quarter had not ended yet on the day of computing."""
        return self.period_end < self.quarter.end


def _period_end(quarter: Quarter, today: date) -> date:
    if quarter.start > today:
        raise ValidationError({"quarter": f"Het {quarter.label} is nog niet begonnen."})
    return min(quarter.end, today)


Histories = Mapping[str, History]


def _spans(caseload: Caseload, definition: Definition,
           history: Histories | None = None) -> list[tuple[CaseEntry, Span]]:
    """Every case that ever counts under ``definition``, with its span (computed once)."""
    result: list[tuple[CaseEntry, Span]] = []
    found = history.get if history else None
    for pupil, case in caseload:
        span = qualifying_span(definition, pupil, case,
                               found(case.id, ()) if found is not None else ())
        if span is not None:
            result.append(((pupil, case), span))
    return result


def _population(spans: list[tuple[CaseEntry, Span]],
                until: date) -> list[tuple[CaseEntry, Span]]:
    """The cases that counted on at least one day up to ``until``."""
    return [item for item in spans if item[1].start <= until]


def _targets(population: list[tuple[CaseEntry, Span]], definition: Definition,
             first: date, last: date) -> tuple[TargetResult, ...]:
    targets = list(Target)
    numerators: list[list[str]] = [[] for _ in targets]
    denominators: list[list[str]] = [[] for _ in targets]
    for (_, case), _span in population:
        if not _may_decide_in(case, first, last):
            continue
        for index, outcome in enumerate(_outcomes(case)):
            if outcome is None or not first <= outcome[0] <= last:
                continue
            denominators[index].append(case.id)
            if outcome[1]:
                numerators[index].append(case.id)
    return tuple(TargetResult(target, definition, tuple(numerators[i]), tuple(denominators[i]))
                 for i, target in enumerate(targets))


def _may_decide_in(case: Case, first: date, last: date) -> bool:
    """False when no target result of ``case`` can be decided from ``first`` to ``last``.

    A result is decided on the aanmelding date at the earliest and on the latest due date at
    the latest (met on or before its due date, or missed on it). A month is at most 31 days
    and three months at most 92, so this bound is safe; most cases of a caseload that spans
    years lie wholly before the quarter, and this check is cheaper than four outcomes.
    """
    start = case.aanmelding_date
    if start > last:
        return False
    return start + _MONTH_AT_MOST >= first or case.home_start + _THREE_MONTHS_AT_MOST >= first


_MONTH_AT_MOST, _THREE_MONTHS_AT_MOST = timedelta(days=31), timedelta(days=92)


def _durations(population: list[tuple[CaseEntry, Span]], first: date,
               last: date) -> dict[DurationMeasure, list[tuple[str, int]]]:
    closed_cases: list[tuple[str, int]] = []
    running: list[tuple[str, int]] = []
    offered: list[tuple[str, int]] = []
    for (_, case), span in population:
        home = case.home_start
        closed = case.closed_on
        if closed is not None and first <= closed <= last:
            closed_cases.append((case.id, max(0, (closed - home).days)))
        if span.contains(last):
            running.append((case.id, max(0, (last - home).days)))
        offer = case.passend_aanbod_date
        if offer is not None and first <= offer <= last:
            offered.append((case.id, max(0, (offer - home).days)))
    return {DurationMeasure.THUIS_AFGESLOTEN: closed_cases, DurationMeasure.THUIS_LOPEND: running,
            DurationMeasure.TOT_PASSEND_AANBOD: offered}


def _flow(population: list[tuple[CaseEntry, Span]], definition: Definition, first: date,
          last: date) -> Flow:
    new, ended, running, at_end = [], [], [], []
    for (_, case), span in population:
        if not span.overlaps(first, last):
            continue
        running.append(case.id)
        if first <= span.start:
            new.append(case.id)
        counting_at_end = span.contains(last)
        if (span.last is not None and span.last <= last) or not counting_at_end:
            ended.append(case.id)  # closed, out of the definition, or back above 50%
        if counting_at_end:
            at_end.append(case.id)
    # A reopened case has an entry per episode (``episodes``), yet is one pupil in the flow.
    return Flow(definition, *(tuple(dict.fromkeys(ids)) for ids in (new, ended, running, at_end)))


def running_entries(caseload: Caseload, quarter: Quarter, definition: Definition,
                    today: date, history: Histories | None = None
                    ) -> list[tuple[CaseEntry, date]]:
    """Cases counting on at least one day of the quarter, each with its last counted day.

    These are the rows behind the counts and the anonymised export; pupils who stopped being
    a thuiszitter during the quarter are kept.
    """
    return _running(_spans(caseload, definition, history), quarter,
                    _period_end(quarter, today), history)


def _running(spans: list[tuple[CaseEntry, Span]], quarter: Quarter,
             last: date, history: Histories | None = None) -> list[tuple[CaseEntry, date]]:
    first = quarter.start
    # One row per case: of a reopened case's episodes (``episodes``) the latest one counting.
    by_case: dict[str, tuple[CaseEntry, date]] = {}
    for entry, span in spans:
        if not span.overlaps(first, last):
            continue
        if span.gaps:
            day = span.last_counted(last)
        else:
            day = last if span.last is None or span.last > last else span.last
        by_case[entry[1].id] = (entry, day)
    if history:  # characteristics as they were on the last counted day
        for case_id, ((pupil, case), day) in by_case.items():
            found = history.get(case_id)
            if found:
                by_case[case_id] = ((pupil, case_as_on(case, found, day)), day)
    return list(by_case.values())


def quarter_figures(caseload: Caseload, quarter: Quarter, definition: Definition,
                    today: date, history: Histories | None = None) -> QuarterFigures:
    """All figures of one quarter under one definition.

    Each case's span is computed once and every figure works from that list (at 50,000 cases
    the spans were computed four times and the counts searched enum members per row).
    """
    last = _period_end(quarter, today)
    spans = _spans(caseload, definition, history)
    population = _population(spans, last)
    previous = quarter.previous()
    previous_found = _durations(_population(spans, previous.end), previous.start, previous.end)
    found = _durations(population, quarter.start, last)
    durations = tuple(
        DurationFigure(measure, definition, tuple(found[measure]),
                       _mean([days for _, days in previous_found[measure]]))
        for measure in DurationMeasure)
    running = _running(spans, quarter, last, history)
    counts = Counts(running, definition)
    return QuarterFigures(
        quarter=quarter,
        definition=definition,
        period_end=last,
        targets=_targets(population, definition, quarter.start, last),
        durations=durations,
        flow=_flow(population, definition, quarter.start, last),
        counts=counts,
    )
