"""The history of a case's percentage of education, type of verzuim and current situation.

A case shows today's values; the policy figures of an earlier quarter need the values as they
were then (a pupil who follows 60% again since March still counted as a thuiszitter in
January). Each ``SituationChange`` says: from this date on, these were the values. Before the
first change the first change's values are taken to hold (a case that never changed has no
history and its current values hold throughout, which is what the figures did before history
was kept).

Seed 000, casus 1: "Als risicoleerlingen weer meer dan 50% onderwijs volgen, sluit de
leerrechtorganisatie de casus af." So a case above 50% is a prompt to close it (or to monitor),
and stops counting as a risicoleerling on the day the percentage went up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from thuiszitter_desktop.domain.model import Case, new_id
from thuiszitter_desktop.domain.vocab import HuidigeSituatie, VerzuimType

BACK_ABOVE_PERCENTAGE = 50  # "weer meer dan 50% onderwijs"


@dataclass(frozen=True, slots=True, kw_only=True)
class SituationChange:
    id: str = field(default_factory=new_id)
    case_id: str
    effective_from: date
    education_percentage: int
    verzuim_type: VerzuimType
    huidige_situatie: HuidigeSituatie | None = None

    @classmethod
    def of(cls, case: Case, effective_from: date) -> SituationChange:
        return cls(case_id=case.id, effective_from=effective_from,
                   education_percentage=case.education_percentage,
                   verzuim_type=case.verzuim_type, huidige_situatie=case.huidige_situatie)

    def same_values(self, case: Case) -> bool:
        return (self.education_percentage, self.verzuim_type, self.huidige_situatie) == (
            case.education_percentage, case.verzuim_type, case.huidige_situatie)


History = Sequence[SituationChange]


def changes_to_record(before: Case, after: Case, history: History,
                      effective_from: date) -> list[SituationChange]:
    """The history rows to add when ``before`` is saved as ``after`` with a change that holds
    from ``effective_from``. A case without history first gets a row for its old values from
    its aanmelding (what the figures assumed until now), so the old values are not lost."""
    if SituationChange.of(before, effective_from).same_values(after):
        return []
    rows: list[SituationChange] = []
    if not history:
        start = min(before.aanmelding_date, effective_from)
        if start < effective_from:
            rows.append(SituationChange.of(before, start))
    rows.append(SituationChange.of(after, effective_from))
    return rows


def values_on(history: History, day: date) -> SituationChange | None:
    """The change in effect on ``day`` (the first one for days before it); None: no history."""
    if not history:
        return None
    current = history[0]
    for change in history:
        if change.effective_from > day:
            break
        current = change
    return current


def case_as_on(case: Case, history: History, day: date) -> Case:
    """``case`` with the percentage, verzuim type and situation it had on ``day``."""
    found = values_on(history, day)
    if found is None or found.same_values(case):
        return case
    return replace(case, education_percentage=found.education_percentage,
                   verzuim_type=found.verzuim_type, huidige_situatie=found.huidige_situatie)


def back_above_since(case: Case, history: History) -> date | None:
    """Since when an open case's pupil follows more than 50% again (the prompt to close or
    monitor); None when the pupil does not. Without history: since the aanmelding, as far as
    the app knows."""
    if case.closed_on is not None or case.education_percentage <= BACK_ABOVE_PERCENTAGE:
        return None
    since: date | None = None
    for change in history:
        if change.education_percentage <= BACK_ABOVE_PERCENTAGE:
            since = None
        elif since is None:
            since = change.effective_from
    if since is None:  # no history, or it ends below 50%: the case itself is the last word
        since = history[-1].effective_from if history else case.aanmelding_date
    return max(since, case.aanmelding_date)
