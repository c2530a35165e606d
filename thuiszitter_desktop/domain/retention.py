"""Bewaartermijn: when a closed case must be anonymised.

Defaults (DOMAIN.md "Privacy rules", README "Security and reliability promises"):
- VNG Selectielijst 2020, category 12.1.3 (leerplicht): destroy 19 years after the birth date;
- category 12.1.4 (kwalificatieplicht, pupils of 16 and older): 2 years after the
  kwalificatieplicht ends (at the 18th birthday at the latest), so 20 years after birth;
- an absence report handled under the Wpg is kept 5 years: used as a floor after closing, so no
  case disappears within 5 years of its closing.
Every term is a setting; the yearly review list is shown before anything is anonymised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from thuiszitter_desktop.domain.deadlines import add_months
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import age_on

KWALIFICATIEPLICHT_FROM_AGE = 16
REVIEW_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class RetentionPolicy:
    years_after_birth: int = 19  # VNG 12.1.3
    years_after_kwalificatieplicht: int = 2  # VNG 12.1.4
    kwalificatieplicht_until_age: int = 18
    min_years_after_closing: int = 5  # Wpg absence report

    def validate(self) -> None:
        errors: dict[str, str] = {}
        for name, value in asdict(self).items():
            if not isinstance(value, int) or not 0 <= value <= 100:
                errors[name] = "Vul een aantal jaren in tussen 0 en 100."
        if not errors and self.years_after_birth + self.min_years_after_closing == 0:
            errors["years_after_birth"] = "Een bewaartermijn van 0 jaar is niet toegestaan."
        if errors:
            raise ValidationError(errors)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @staticmethod
    def from_dict(values: dict[str, Any] | None) -> RetentionPolicy:
        defaults = RetentionPolicy()
        if not values:
            return defaults
        known = {k: int(v) for k, v in values.items() if k in asdict(defaults)}
        return RetentionPolicy(**{**asdict(defaults), **known})


def _plus_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def retention_end(policy: RetentionPolicy, birth_date: date, closed_on: date) -> date:
    """The first day the closed case may be anonymised."""
    ends = [_plus_years(birth_date, policy.years_after_birth)]
    if age_on(birth_date, closed_on) >= KWALIFICATIEPLICHT_FROM_AGE:
        plicht_end = _plus_years(birth_date, policy.kwalificatieplicht_until_age)
        ends.append(_plus_years(plicht_end, policy.years_after_kwalificatieplicht))
    ends.append(_plus_years(closed_on, policy.min_years_after_closing))
    return max(ends)


@dataclass(frozen=True)
class RetentionCandidate:
    case_id: str
    pupil_id: str
    birth_date: date
    closed_on: date | None
    already_anonymised: bool = False


def due_for_anonymisation(policy: RetentionPolicy, candidates: list[RetentionCandidate],
                          today: date) -> list[tuple[RetentionCandidate, date]]:
    """Closed, not yet anonymised cases whose term has passed, oldest term first."""
    due = [
        (c, retention_end(policy, c.birth_date, c.closed_on))
        for c in candidates
        if c.closed_on is not None and not c.already_anonymised
    ]
    return sorted([(c, end) for c, end in due if end <= today], key=lambda pair: pair[1])


def review_due(last_review: date | None, today: date) -> bool:
    """The yearly review: due when never held or a year has passed."""
    return last_review is None or (today - last_review).days >= REVIEW_INTERVAL_DAYS
