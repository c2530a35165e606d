"""The definitions of 'thuiszitter' the sources use, as pure predicates over a case's facts.

The same case data yields every count (DOMAIN.md "Who is a thuiszitter"). Percentage of
education and verzuim type are taken as they were on each day: from the case's history
(``situation_history``) when it has one, else its current values over its whole life; the
dates decide when it counts.

Rules shared by all definitions: a case counts on a day from its aanmelding (before that we did
not know the pupil) up to the day before it was closed (on the closing day the pupil follows
more than 50% again or left our care), and only while the pupil follows less than 50%.

- BREED (leerrecht organisations): every such case, whatever the verzuim type: geoorloofd,
  ongeoorloofd, absoluut verzuim, vrijstelling 5a and geschorst; any age. The "more than four
  weeks" of a risicoleerling is checked at the aanmelding, so it is not repeated here.
- INGRADO: enrolled (a school is recorded), verzuim type ongeoorloofd, aged 5 to 17 on the day
  (leerplicht plus kwalificatieplicht), and more than four weeks (28 days) at home: counts from
  day 29 after the home situation started. A vrijstelling is its own verzuim type, so it is
  excluded by the type.
- LANDELIJK (national count): aged 5 to 17, and either absoluut verzuim or langdurig relatief
  verzuim (enrolled and ongeoorloofd), for more than three calendar months: counts from the day
  after the three-month mark of the home situation.
- CASUS2 (the target group of casus 2's SMART targets, seed 000 footnote 9): "Thuiszitters zijn
  kinderen/jongeren die langer dan vier weken verzuimen óf niet op een school staan
  ingeschreven, inclusief leerlingen met een vrijstelling van onderwijs op basis van medische
  of psychische problemen." Aged 5 to 17; enrolled pupils with any type of verzuim from day 29
  at home; not enrolled and vrijstelling 5a from the start of the home situation.
- OVERHEID (the government's definition, seed 000 footnote 7): "langdurig ongeoorloofd relatief
  verzuim langer dan vier weken en absoluut verzuim." Aged 5 to 17; enrolled and ongeoorloofd
  from day 29 at home; absoluut verzuim from the start of the home situation.

Every qualifying period is one span of days (with gaps when the history says the pupil followed
50% or more, or the verzuim type did not fit, for a while), so "counts in a period" is an
overlap test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.situation_history import History
from thuiszitter_desktop.domain.vocab import Labelled, VerzuimType

INGRADO_WEEKS_DAYS = 28
NATIONAL_MONTHS = 3
MIN_AGE = 5
MAX_AGE_EXCLUSIVE = 18
EDUCATION_THRESHOLD = 50

CaseEntry = tuple[Pupil, Case]
"""A pupil with one of their cases: the unit every figure counts."""

Caseload = Sequence[CaseEntry]


class Definition(Labelled):
    BREED = "Brede definitie: alle risicoleerlingen onder 50% onderwijs"
    INGRADO = "Ingrado: ingeschreven, meer dan 4 weken ongeoorloofd afwezig"
    LANDELIJK = "Landelijke telling: meer dan 3 maanden absoluut of relatief verzuim"
    CASUS2 = ("Doelgroep casus 2: meer dan 4 weken verzuim of niet ingeschreven, "
              "inclusief vrijstelling")
    OVERHEID = "Overheid: meer dan 4 weken ongeoorloofd relatief verzuim, en absoluut verzuim"

    @property
    def short_label(self) -> str:
        return {"BREED": "Breed", "INGRADO": "Ingrado", "LANDELIJK": "Landelijk",
                "CASUS2": "Casus 2", "OVERHEID": "Overheid"}[self.name]


@dataclass(frozen=True, slots=True)
class Span:
    """Days a case counts: ``start`` up to and including ``last`` (None: still counting),
    except the days in ``gaps`` (inclusive date pairs, in order, inside the span)."""

    start: date
    last: date | None
    gaps: tuple[tuple[date, date], ...] = ()

    def contains(self, day: date) -> bool:
        if not (self.start <= day and (self.last is None or day <= self.last)):
            return False
        return not self.gaps or not any(a <= day <= b for a, b in self.gaps)

    def overlaps(self, first: date, last: date) -> bool:
        if not (self.start <= last and (self.last is None or self.last >= first)):
            return False
        # Not when [first, last] lies wholly inside one gap.
        return not self.gaps or not any(a <= first and last <= b for a, b in self.gaps)

    def last_counted(self, day: date) -> date:
        """The last day it counted on or before ``day`` (``day`` itself when it counts)."""
        if self.last is not None and day > self.last:
            day = self.last
        for a, b in self.gaps:
            if a <= day <= b:
                return a - _ONE_DAY
        return day


# Per definition: (a) which (enrolled, verzuim type) pairs count and from which day at home:
# 0 = from the home start, 29 = more than four weeks, None = after three calendar months;
# (b) whether the leerplicht ages (5 to 17) apply.
_RELATIEF = (True, VerzuimType.ONGEOORLOOFD)
_AFTER_WEEKS = INGRADO_WEEKS_DAYS + 1
_THREE_MONTHS = -1


def _wait_days(definition: Definition, enrolled: bool, verzuim: VerzuimType) -> int | None:
    """Days after the home start the case may count from (``_THREE_MONTHS``: the day after
    three calendar months); None: this verzuim never counts under ``definition``."""
    if definition is Definition.BREED:
        return 0
    if definition is Definition.INGRADO:
        return _AFTER_WEEKS if (enrolled, verzuim) == _RELATIEF else None
    if definition is Definition.LANDELIJK:
        return _THREE_MONTHS if (enrolled and verzuim is VerzuimType.ONGEOORLOOFD) or (
            verzuim is VerzuimType.ABSOLUUT) else None
    if definition is Definition.OVERHEID:
        if enrolled and verzuim is VerzuimType.ONGEOORLOOFD:
            return _AFTER_WEEKS
        return 0 if verzuim is VerzuimType.ABSOLUUT else None
    # CASUS2: not enrolled, or a vrijstelling, from the start; enrolled after four weeks.
    if not enrolled or verzuim in (VerzuimType.ABSOLUUT, VerzuimType.VRIJSTELLING_5A):
        return 0
    return _AFTER_WEEKS


def _threshold(definition: Definition, pupil: Pupil, home: date,
               verzuim: VerzuimType) -> date | None:
    wait = _wait_days(definition, pupil.enrolled, verzuim)
    if wait is None:
        return None
    if wait == _THREE_MONTHS:
        return add_months(home, NATIONAL_MONTHS) + _ONE_DAY
    return home + timedelta(days=wait) if wait else home


def _bounds(definition: Definition, pupil: Pupil, case: Case) -> tuple[date, date | None]:
    """The days any counting is limited to: aanmelding to the day before closing, and the
    leerplicht ages for every definition but the broad one."""
    start, last = case.aanmelding_date, None if case.closed_on is None else (
        case.closed_on - _ONE_DAY)
    if definition is not Definition.BREED:
        start = max(start, add_months(pupil.birth_date, 12 * MIN_AGE))
        adult_eve = add_months(pupil.birth_date, 12 * MAX_AGE_EXCLUSIVE) - _ONE_DAY
        last = adult_eve if last is None else min(last, adult_eve)
    return start, last


def qualifying_span(definition: Definition, pupil: Pupil, case: Case,
                    history: History = ()) -> Span | None:
    """The days on which ``case`` counts under ``definition``; None if it never does."""
    if history:
        return _span_with_history(definition, pupil, case, history)
    # The common case, computed inline: this runs for every case of the caseload.
    if case.education_percentage >= EDUCATION_THRESHOLD:
        return None
    wait = _wait_days(definition, pupil.enrolled, case.verzuim_type)
    if wait is None:
        return None
    home = case.home_since or case.aanmelding_date
    if wait == _THREE_MONTHS:
        threshold = add_months(home, NATIONAL_MONTHS) + _ONE_DAY
    else:
        threshold = home + timedelta(days=wait) if wait else home
    start = case.aanmelding_date if case.aanmelding_date > threshold else threshold
    last = None if case.closed_on is None else case.closed_on - _ONE_DAY
    if definition is not Definition.BREED:
        start = max(start, add_months(pupil.birth_date, 12 * MIN_AGE))
        adult_eve = add_months(pupil.birth_date, 12 * MAX_AGE_EXCLUSIVE) - _ONE_DAY
        last = adult_eve if last is None else min(last, adult_eve)
    if last is not None and last < start:
        return None
    return Span(start, last)


def _span_with_history(definition: Definition, pupil: Pupil, case: Case,
                       history: History) -> Span | None:
    """Each stretch of the history counts on its own; the span runs from the first counted
    day to the last, with the stretches in between as gaps."""
    low, high = _bounds(definition, pupil, case)
    home = case.home_start
    counted: list[tuple[date, date | None]] = []
    for index, change in enumerate(history):
        if change.education_percentage >= EDUCATION_THRESHOLD:
            continue
        threshold = _threshold(definition, pupil, home, change.verzuim_type)
        if threshold is None:
            continue
        begins = low if index == 0 else max(low, change.effective_from)
        ends = (history[index + 1].effective_from - _ONE_DAY
                if index + 1 < len(history) else None)
        begins = max(begins, threshold)
        if high is not None:
            ends = high if ends is None else min(ends, high)
        if ends is None or ends >= begins:
            counted.append((begins, ends))
    if not counted:
        return None
    gaps: list[tuple[date, date]] = []
    for (_, previous_end), (next_start, _) in pairwise(counted):
        assert previous_end is not None  # only the last stretch may run on
        if next_start > previous_end + _ONE_DAY:
            gaps.append((previous_end + _ONE_DAY, next_start - _ONE_DAY))
    return Span(counted[0][0], counted[-1][1], tuple(gaps))


_ONE_DAY = timedelta(days=1)


def counts_on(definition: Definition, pupil: Pupil, case: Case, day: date,
              history: History = ()) -> bool:
    span = qualifying_span(definition, pupil, case, history)
    return span is not None and span.contains(day)


def counts_during(definition: Definition, pupil: Pupil, case: Case, first: date,
                  last: date, history: History = ()) -> bool:
    span = qualifying_span(definition, pupil, case, history)
    return span is not None and span.overlaps(first, last)


def counts_until(definition: Definition, pupil: Pupil, case: Case, last: date,
                 history: History = ()) -> bool:
    """Whether the case counted on at least one day up to and including ``last``."""
    span = qualifying_span(definition, pupil, case, history)
    return span is not None and span.start <= last
