"""The three definitions of 'thuiszitter' as pure predicates over a case's facts.

The same case data yields all three counts (DOMAIN.md "Who is a thuiszitter"). A case records
only its *current* verzuim type and percentage of education, so each definition is evaluated
with those values over the whole life of the case; the dates decide when it counts.

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

Every qualifying period is one span of days, so "counts in a period" is an overlap test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.model import Case, Pupil
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

    @property
    def short_label(self) -> str:
        return {"BREED": "Breed", "INGRADO": "Ingrado", "LANDELIJK": "Landelijk"}[self.name]


@dataclass(frozen=True, slots=True)
class Span:
    """Days a case counts: ``start`` up to and including ``last`` (None: still counting)."""

    start: date
    last: date | None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.last is None or day <= self.last)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.last is None or self.last >= first)


def _type_and_threshold(definition: Definition, pupil: Pupil, case: Case) -> date | None:
    """The first day the type/duration rules allow, or None if the case never qualifies."""
    home = case.home_start
    if definition is Definition.BREED:
        return home
    relatief = pupil.enrolled and case.verzuim_type is VerzuimType.ONGEOORLOOFD
    if definition is Definition.INGRADO:
        return home + timedelta(days=INGRADO_WEEKS_DAYS + 1) if relatief else None
    if relatief or case.verzuim_type is VerzuimType.ABSOLUUT:
        return add_months(home, NATIONAL_MONTHS) + timedelta(days=1)
    return None


def qualifying_span(definition: Definition, pupil: Pupil, case: Case) -> Span | None:
    """The days on which ``case`` counts under ``definition``; None if it never does."""
    if case.education_percentage >= EDUCATION_THRESHOLD:
        return None
    threshold = _type_and_threshold(definition, pupil, case)
    if threshold is None:
        return None
    start = max(case.aanmelding_date, threshold)
    last = None if case.closed_on is None else case.closed_on - _ONE_DAY
    if definition is not Definition.BREED:
        start = max(start, add_months(pupil.birth_date, 12 * MIN_AGE))
        adult_eve = add_months(pupil.birth_date, 12 * MAX_AGE_EXCLUSIVE) - _ONE_DAY
        last = adult_eve if last is None else min(last, adult_eve)
    if last is not None and last < start:
        return None
    return Span(start, last)


_ONE_DAY = timedelta(days=1)


def counts_on(definition: Definition, pupil: Pupil, case: Case, day: date) -> bool:
    span = qualifying_span(definition, pupil, case)
    return span is not None and span.contains(day)


def counts_during(definition: Definition, pupil: Pupil, case: Case, first: date,
                  last: date) -> bool:
    span = qualifying_span(definition, pupil, case)
    return span is not None and span.overlaps(first, last)


def counts_until(definition: Definition, pupil: Pupil, case: Case, last: date) -> bool:
    """Whether the case counted on at least one day up to and including ``last``."""
    span = qualifying_span(definition, pupil, case)
    return span is not None and span.start <= last
