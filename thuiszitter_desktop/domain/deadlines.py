"""The deadline clock of a case (DOMAIN.md "Deadlines and targets").

Counting rules (all in calendar days; weekends and school holidays count):

- **Eerste contact**: starts on the aanmelding date, due 14 calendar days later (aanmelding on
  2 November: due 16 November; contact on day 14 is on time, day 15 is late). Stopped by the
  earliest contact with pupil or parents (``first_contact_date`` and ``contact_dates``). The
  quarterly target counts contact within 7 days (``first_contact_within_target``).
- **Doelen gesteld**: starts on the aanmelding date, due one calendar month later (a plan with at
  least one SMART goal). Stopped by ``goals_set_date``.
- **Passend aanbod**: starts at the start of the home situation (``home_since``: the first day at
  home or below 50% education; it may lie before the aanmelding; missing means the aanmelding
  date), due three calendar months later. Stopped by the start date of a passend aanbod that lies
  on or after the home start (an offer from before the pupil went home did not answer this home
  situation).
- **Plan actions and evaluations**: due on their own date; stopped by their done date. Cancelled
  actions have no deadline.
- **Weer boven 50%** (a prompt, not a term): an open case whose pupil follows more than 50%
  education again, and that is not on monitoring, is due to be closed or put on monitoring
  from the day the percentage went up (``back_above_since``; seed 000, casus 1: "Als
  risicoleerlingen weer meer dan 50% onderwijs volgen, sluit de leerrechtorganisatie de casus
  af."). It disappears when the case is closed or put on monitoring.

The first-contact clock counts *conversations*: a contact face to face or by video with pupil
and/or parents (``ContactKind.is_conversation``); a phone call, an e-mail or a message does not
stop it (seed 000, casus 2: "binnen 14 dgn. eerste gesprek").

A month is a calendar month; when the day does not exist in the target month the clock falls due
on that month's last day (31 January + 1 month = 28 February, or 29 February in a leap year;
30 November + 3 months = 28/29 February).

States on a given day: *gehaald* once a stop date is recorded (``late`` when it lies after the due
date); otherwise *verlopen* after the due date, *binnenkort* from ``warning days`` before the due
date up to and including the due date itself, else *op tijd*. Warning days are a setting
(defaults in ``DEFAULT_WARNING_DAYS``: 3 for the two-week clock, 14 for the three-month clock).

Episodes (reopened cases, and a pupil who returns to school and drops out again):
- A case closes when the pupil is back (more than 50% education). A closed case has no running
  clocks: deadlines not met before closing are left out (neither met nor overdue).
- Reopening starts a new *episode* on ``reopened_on``. Eerste contact and doelen count again from
  the reopen date; only contacts and goals dated on or after it stop them. Passend aanbod counts
  from the new home start: ``home_since`` when it lies after the previous closing date (the pupil
  went home again then, possibly before the reopen date), else the reopen date. Plan actions and
  evaluations due before the reopen date belonged to the earlier episode and are left out.
- A pupil who drops out again while the case is still open: the consulent records the new
  ``home_since``; the passend aanbod clock then counts from it, and an aanbod that started before
  it no longer stops the clock.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.vocab import Labelled

FIRST_CONTACT_DAYS = 14
FIRST_CONTACT_TARGET_DAYS = 7
GOALS_MONTHS = 1
PASSEND_AANBOD_MONTHS = 3


class DeadlineKind(Labelled):
    EERSTE_CONTACT = "Eerste contact"
    DOELEN = "Doelen gesteld"
    PASSEND_AANBOD = "Passend aanbod"
    ACTIE = "Actie uit het plan"
    EVALUATIE = "Evaluatie van het plan"
    WEER_BOVEN_50 = "Weer meer dan 50% onderwijs: afsluiten of monitoren"


class DeadlineState(Labelled):
    OP_TIJD = "Op tijd"
    BINNENKORT = "Binnenkort"
    VERLOPEN = "Verlopen"
    GEHAALD = "Gehaald"

    @functools.cached_property  # sorting asks it for every row of the overview
    def urgency(self) -> int:
        """Lower is more urgent; used to sort."""
        return {"VERLOPEN": 0, "BINNENKORT": 1, "OP_TIJD": 2, "GEHAALD": 3}[self.name]


DEFAULT_WARNING_DAYS: dict[DeadlineKind, int] = {
    DeadlineKind.EERSTE_CONTACT: 3,
    DeadlineKind.DOELEN: 7,
    DeadlineKind.PASSEND_AANBOD: 14,
    DeadlineKind.ACTIE: 3,
    DeadlineKind.EVALUATIE: 3,
    DeadlineKind.WEER_BOVEN_50: 0,
}


@functools.lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the last day of the target month.

    Cached: the figures and the clock ask this for every case, and the dates of a caseload
    repeat (a cache hit is a C-level look-up, the computation runs Python code).
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day <= 28:  # every month has these days (and monthrange is slow in bulk)
        return date(year, month, day.day)
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


# ActionDue and EvaluationDue are read-only by convention, not frozen: every overview load
# builds thousands of them, and a frozen dataclass is built four times slower (bench/). The
# ClockFacts holding them is frozen, and the clock cache relies on that.
@dataclass(slots=True)
class ActionDue:
    """A plan action with a date (``PlanVanAanpak`` goal actions that have ``due`` set)."""

    id: str
    label: str
    due: date
    done_on: date | None = None
    cancelled: bool = False


@dataclass(slots=True)
class EvaluationDue:
    """A planned evaluation of the plan; done once progress was recorded for it."""

    due: date
    done_on: date | None = None

    @property
    def key(self) -> str:
        return f"{_KEY_EVALUATIE}:{self.due.isoformat()}"


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """The dates of one case that drive its clocks (see the module docstring for the rules)."""

    aanmelding_date: date
    home_since: date | None = None
    first_contact_date: date | None = None
    goals_set_date: date | None = None
    passend_aanbod_date: date | None = None
    closed_on: date | None = None
    # Start of the current episode when the case was reopened, and the closing date before it.
    reopened_on: date | None = None
    previous_closed_on: date | None = None
    # Dates of every conversation with pupil or parents; the earliest in the episode stops
    # the clock.
    contact_dates: tuple[date, ...] = ()
    actions: tuple[ActionDue, ...] = ()
    evaluations: tuple[EvaluationDue, ...] = ()
    # Since when the pupil follows more than 50% again (open, not on monitoring): a prompt.
    back_above_since: date | None = None

    @property
    def episode_start(self) -> date:
        """Start of the aanmelding-based clocks: the reopen date, else the aanmelding date."""
        return self.reopened_on or self.aanmelding_date

    @property
    def home_start(self) -> date:
        """Start of the passend aanbod clock in the current episode."""
        if self.reopened_on is None:
            return self.home_since or self.aanmelding_date
        if self.home_since is not None:
            if self.previous_closed_on is not None and self.home_since > self.previous_closed_on:
                return self.home_since
            if self.previous_closed_on is None and self.home_since >= self.reopened_on:
                return self.home_since
        return self.reopened_on

    @property
    def home_since_known(self) -> bool:
        """Whether the current episode's home start is a recorded date ('thuis sinds'), not
        the aanmelding or reopen date the clock falls back to."""
        return self.home_since is not None and self.home_start == self.home_since

    def _in_episode(self, day: date | None) -> date | None:
        """``day`` when it may stop an aanmelding-based clock of the current episode."""
        if day is None or (self.reopened_on is not None and day < self.reopened_on):
            return None
        return day

    @property
    def effective_first_contact(self) -> date | None:
        """The contact that stops the eerste-contact clock (the earliest in the episode)."""
        candidates = [
            day
            for day in (self.first_contact_date, *self.contact_dates)
            if day is not None and self._in_episode(day) is not None
        ]
        return min(candidates, default=None)

    @property
    def effective_goals_set(self) -> date | None:
        return self._in_episode(self.goals_set_date)

    @property
    def effective_passend_aanbod(self) -> date | None:
        day = self.passend_aanbod_date
        return day if day is not None and day >= self.home_start else None


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    due: date
    state: DeadlineState
    met_on: date | None = None
    # Stable within a case: the kind name for clocks, "ACTIE:<id>", "EVALUATIE:<date>".
    key: str = ""
    # What is due, for actions the action's text; empty means the kind's label.
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.kind.label

    @property
    def late(self) -> bool:
        """Met, but after the due date."""
        return self.met_on is not None and self.met_on > self.due

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def describe(self, today: date) -> str:
        """Short Dutch text for lists: 'Eerste contact: nog 3 dagen'."""
        label = self.title
        if self.kind is DeadlineKind.WEER_BOVEN_50:
            # Short, and the advice last: a narrow column keeps the end of a text.
            return f"Weer boven 50% sinds {self.due:%d-%m-%Y}: afsluiten of monitoren"
        if self.state is DeadlineState.GEHAALD:
            suffix = " (te laat)" if self.late else ""
            assert self.met_on is not None
            return f"{label}: gehaald op {self.met_on:%d-%m-%Y}{suffix}"
        left = self.days_left(today)
        if left < 0:
            return f"{label}: {-left} {_dagen(-left)} verlopen"
        if left == 0:
            return f"{label}: vandaag"
        return f"{label}: nog {left} {_dagen(left)}"


def _dagen(n: int) -> str:
    return "dag" if n == 1 else "dagen"


def deadline_state(
    due: date, met_on: date | None, today: date, warning_days: int
) -> DeadlineState:
    """The state of one deadline on ``today`` (rules in the module docstring)."""
    if met_on is not None:
        return DeadlineState.GEHAALD
    left = (due - today).days
    if left < 0:
        return DeadlineState.VERLOPEN
    if left <= warning_days:
        return DeadlineState.BINNENKORT
    return DeadlineState.OP_TIJD


def clock_due_dates(facts: ClockFacts) -> dict[DeadlineKind, date]:
    """Due dates of the three case clocks in the current episode."""
    start = facts.episode_start
    return {
        DeadlineKind.EERSTE_CONTACT: start + timedelta(days=FIRST_CONTACT_DAYS),
        DeadlineKind.DOELEN: add_months(start, GOALS_MONTHS),
        DeadlineKind.PASSEND_AANBOD: add_months(facts.home_start, PASSEND_AANBOD_MONTHS),
    }


def case_deadlines(
    facts: ClockFacts,
    today: date,
    warning_days: dict[DeadlineKind, int] | None = None,
) -> list[Deadline]:
    """All deadlines of a case with their state on ``today``: clocks, then actions, evaluations.

    A closed case keeps only what was met; see the module docstring.
    """
    warnings = {**DEFAULT_WARNING_DAYS, **(warning_days or {})}
    dues = clock_due_dates(facts)
    stops = {
        DeadlineKind.EERSTE_CONTACT: facts.effective_first_contact,
        DeadlineKind.DOELEN: facts.effective_goals_set,
        DeadlineKind.PASSEND_AANBOD: facts.effective_passend_aanbod,
    }
    items: list[tuple[DeadlineKind, str, str, date, date | None]] = [
        (kind, kind.name, "", dues[kind], stops[kind]) for kind in dues
    ]
    for action in facts.actions:
        if not action.cancelled and _plan_item_counts(facts, action.due):
            key = f"{DeadlineKind.ACTIE.name}:{action.id}"
            items.append((DeadlineKind.ACTIE, key, action.label, action.due, action.done_on))
    for evaluation in sorted(facts.evaluations, key=lambda e: e.due):
        if _plan_item_counts(facts, evaluation.due):
            items.append(
                (DeadlineKind.EVALUATIE, evaluation.key, "", evaluation.due, evaluation.done_on)
            )
    if facts.back_above_since is not None and facts.closed_on is None:
        items.append((DeadlineKind.WEER_BOVEN_50, _KEY_WEER_BOVEN_50, "",
                      facts.back_above_since, None))
    result: list[Deadline] = []
    for kind, key, label, due, met_on in items:
        if met_on is None and facts.closed_on is not None:
            continue
        state = deadline_state(due, met_on, today, warnings[kind])
        result.append(Deadline(kind, due, state, met_on, key=key, label=label))
    return result


def _plan_item_counts(facts: ClockFacts, due: date) -> bool:
    """Plan items due before a reopen date belonged to the earlier episode."""
    return facts.reopened_on is None or due >= facts.reopened_on


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The deadline that needs attention first: unmet ones by due date, else none."""
    pending = [d for d in deadlines if d.state is not DeadlineState.GEHAALD]
    if not pending:
        return None
    return min(pending, key=lambda d: (d.due, d.state.urgency))


def next_case_deadline(
    facts: ClockFacts,
    today: date,
    warning_days: dict[DeadlineKind, int] | None = None,
) -> Deadline | None:
    """``next_deadline(case_deadlines(facts, today, warning_days))`` in one pass.

    The overview needs only this one deadline per case; building every Deadline of every case
    first was most of its load time. Same candidates in the same order, same tie-breaks (the
    first unmet item with the smallest due date, then urgency), and only the winner becomes a
    Deadline. (Urgency only differs between items due the same day when their warning periods
    differ, so it is computed only then.)
    """
    if facts.closed_on is not None:
        return None  # a closed case keeps only met deadlines, and met ones are never next
    return pick_next(_unmet_items(facts), today, warning_days)


UnmetItem = tuple[DeadlineKind, date, str, str]  # (kind, due, key, label)


def pick_next(items: Iterable[UnmetItem], today: date,
              warning_days: dict[DeadlineKind, int] | None = None) -> Deadline | None:
    """The unmet item that needs attention first, as a Deadline: the first with the smallest
    due date, then urgency (``next_deadline``'s order)."""
    warnings = (warning_days if warning_days is not None
                and len(warning_days) == len(DEFAULT_WARNING_DAYS)
                else {**DEFAULT_WARNING_DAYS, **(warning_days or {})})
    # (due, urgency, kind, key, label) of the best candidate so far.
    best: tuple[date, int, DeadlineKind, str, str] | None = None
    for kind, due, key, label in items:
        if best is not None and due > best[0]:
            continue
        # deadline_state(...).urgency for an unmet deadline, without the enum lookups.
        left = (due - today).days
        urgency = 0 if left < 0 else 1 if left <= warnings[kind] else 2
        if best is None or (due, urgency) < best[:2]:
            best = (due, urgency, kind, key, label)
    if best is None:
        return None
    due, _, kind, key, label = best
    return Deadline(kind, due, deadline_state(due, None, today, warnings[kind]), None,
                    key=key, label=label)


def earliest_unmet(facts: ClockFacts) -> tuple[UnmetItem, ...]:
    """The unmet items of an open case that share the earliest due date, in ``case_deadlines``
    order: all ``pick_next`` needs on any day (only urgency, for a tie, depends on the day)."""
    if facts.closed_on is not None:
        return ()
    items = list(_unmet_items(facts))
    if not items:
        return ()
    first = min(due for _, due, _, _ in items)
    return tuple(item for item in items if item[1] == first)


def pending_deadlines(
    facts: ClockFacts,
    today: date,
    warning_days: dict[DeadlineKind, int] | None = None,
    *,
    due_until: date | None = None,
) -> list[Deadline]:
    """The deadlines of ``case_deadlines`` that are not met (optionally only those due on or
    before ``due_until``), in the same order, without building the met ones (Vandaag, bulk)."""
    if facts.closed_on is not None:
        return []
    warnings = {**DEFAULT_WARNING_DAYS, **(warning_days or {})}
    return [
        Deadline(kind, due, deadline_state(due, None, today, warnings[kind]), None, key=key,
                 label=label)
        for kind, due, key, label in _unmet_items(facts)
        if due_until is None or due <= due_until
    ]


# Deadline keys, spelled out once: Enum.name is a slow property and this runs for every case.
_KEY_EERSTE_CONTACT = DeadlineKind.EERSTE_CONTACT.name
_KEY_DOELEN = DeadlineKind.DOELEN.name
_KEY_PASSEND_AANBOD = DeadlineKind.PASSEND_AANBOD.name
_KEY_ACTIE = DeadlineKind.ACTIE.name
_KEY_EVALUATIE = DeadlineKind.EVALUATIE.name
_KEY_WEER_BOVEN_50 = DeadlineKind.WEER_BOVEN_50.name


def _unmet_items(facts: ClockFacts) -> Iterator[UnmetItem]:
    """The unmet deadlines of an open case as (kind, due, key, label), in case_deadlines order
    (clocks, actions, evaluations by due date)."""
    start = facts.episode_start
    if not _has_contact_in_episode(facts):
        yield (DeadlineKind.EERSTE_CONTACT, start + timedelta(days=FIRST_CONTACT_DAYS),
               _KEY_EERSTE_CONTACT, "")
    if facts.effective_goals_set is None:
        yield DeadlineKind.DOELEN, add_months(start, GOALS_MONTHS), _KEY_DOELEN, ""
    if facts.effective_passend_aanbod is None:
        yield (DeadlineKind.PASSEND_AANBOD, add_months(facts.home_start, PASSEND_AANBOD_MONTHS),
               _KEY_PASSEND_AANBOD, "")
    reopened = facts.reopened_on
    for action in facts.actions:
        if (action.done_on is None and not action.cancelled
                and (reopened is None or action.due >= reopened)):
            yield DeadlineKind.ACTIE, action.due, f"{_KEY_ACTIE}:{action.id}", action.label
    evaluations = facts.evaluations
    if len(evaluations) > 1:
        evaluations = tuple(sorted(evaluations, key=lambda e: e.due))
    for evaluation in evaluations:
        if evaluation.done_on is None and (reopened is None or evaluation.due >= reopened):
            yield DeadlineKind.EVALUATIE, evaluation.due, evaluation.key, ""
    if facts.back_above_since is not None:
        yield DeadlineKind.WEER_BOVEN_50, facts.back_above_since, _KEY_WEER_BOVEN_50, ""


def _has_contact_in_episode(facts: ClockFacts) -> bool:
    """``effective_first_contact is not None``, without building the candidate list."""
    reopened = facts.reopened_on
    if reopened is None:
        return facts.first_contact_date is not None or bool(facts.contact_dates)
    first = facts.first_contact_date
    return (first is not None and first >= reopened) or any(
        day >= reopened for day in facts.contact_dates)


def first_contact_within_target(facts: ClockFacts, today: date) -> bool | None:
    """Whether the quarterly target 'eerste contact binnen een week' was met.

    True: contact on or before the 7th day after the episode start. False: contact later, or no
    contact while the 7th day has passed (on ``today``, or on the closing date). None: no contact
    yet and the week is still running (not yet decided).
    """
    target = facts.episode_start + timedelta(days=FIRST_CONTACT_TARGET_DAYS)
    contact = facts.effective_first_contact
    if contact is not None:
        return contact <= target
    end = facts.closed_on or today
    return False if end > target else None


def days_at_home(facts: ClockFacts, today: date) -> int | None:
    """Calendar days since the home start of the current episode, up to closing (never < 0);
    None when the date the pupil has been at home since is not known."""
    if not facts.home_since_known:
        return None
    end = facts.closed_on or today
    return max(0, (end - facts.home_start).days)


def days_without_passend_aanbod(facts: ClockFacts, today: date) -> int:
    """Calendar days from the home start until a passend aanbod started (or closing, or today)."""
    end = facts.closed_on or today
    aanbod = facts.effective_passend_aanbod
    if aanbod is not None:
        end = min(end, aanbod)
    return max(0, (end - facts.home_start).days)
