"""Pure policies: unlock throttling, auto-lock idle rule, bewaartermijn."""

from datetime import date, datetime, timedelta

import pytest

from thuiszitter_desktop.domain.autolock import should_lock, validate_idle_minutes
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.retention import (
    RetentionCandidate,
    RetentionPolicy,
    due_for_anonymisation,
    retention_end,
    review_due,
)
from thuiszitter_desktop.domain.unlock_attempts import (
    MAX_DELAY,
    UnlockThrottle,
    delay_after,
    wait_message,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.mark.parametrize(("failures", "seconds"), [
    (0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (8, 240), (20, MAX_DELAY.total_seconds()),
    (10_000, MAX_DELAY.total_seconds()),
])
def test_delay_grows_after_five_failures_and_is_capped(failures: int, seconds: float) -> None:
    assert delay_after(failures).total_seconds() == seconds


def test_five_wrong_attempts_are_free_then_the_wait_grows() -> None:
    clock = FakeClock()
    throttle = UnlockThrottle(clock)
    for _ in range(4):
        throttle.failed()
        assert throttle.may_try()
    throttle.failed()  # fifth
    assert not throttle.may_try()
    assert throttle.wait_remaining() == timedelta(seconds=30)
    clock.advance(seconds=29)
    assert not throttle.may_try()
    clock.advance(seconds=1)
    assert throttle.may_try()
    throttle.failed()  # sixth: one minute
    clock.advance(seconds=59)
    assert not throttle.may_try()
    clock.advance(seconds=1)
    assert throttle.may_try()


def test_success_resets_and_nothing_ever_locks_out_for_good() -> None:
    clock = FakeClock()
    throttle = UnlockThrottle(clock)
    for _ in range(50):
        throttle.failed()
    assert throttle.wait_remaining() == MAX_DELAY
    clock.advance(minutes=15)
    assert throttle.may_try()
    throttle.succeeded()
    throttle.failed()
    assert throttle.may_try()


def test_clock_set_back_does_not_lengthen_the_wait() -> None:
    clock = FakeClock()
    throttle = UnlockThrottle(clock)
    for _ in range(6):
        throttle.failed()
    clock.advance(days=-30)
    assert throttle.wait_remaining() <= MAX_DELAY


def test_wait_message_is_dutch_and_generic() -> None:
    assert "Wacht 30 seconden" in wait_message(timedelta(seconds=30))
    assert "Wacht 2 minuten" in wait_message(timedelta(seconds=90))
    assert "wachtwoord" in wait_message(timedelta(seconds=1))


@pytest.mark.parametrize(("idle", "minutes", "locks"), [
    (timedelta(minutes=4, seconds=59), 5, False),
    (timedelta(minutes=5), 5, True),
    (timedelta(hours=8), 15, True),  # the computer slept: wall clock jumped
    (timedelta(minutes=14), 15, False),
])
def test_idle_rule(idle: timedelta, minutes: int, locks: bool) -> None:
    start = datetime(2026, 11, 23, 9, 0)
    assert should_lock(start, start + idle, minutes) is locks


@pytest.mark.parametrize("value", [0, 16, -1, "5", True, None])
def test_idle_setting_is_bounded(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        validate_idle_minutes(value)
    assert "minuten" in info.value.errors["idle_minutes"]


NO_FLOOR = RetentionPolicy(min_years_after_closing=0)


@pytest.mark.parametrize(("policy", "birth", "closed", "end"), [
    # leerplicht only (closed at 12): 19 years after birth; Wpg floor far earlier
    (RetentionPolicy(), date(2010, 3, 4), date(2022, 6, 1), date(2029, 3, 4)),
    # kwalificatieplicht (closed at 17): 2 years after the 18th birthday
    (NO_FLOOR, date(2005, 3, 4), date(2022, 6, 1), date(2025, 3, 4)),
    # ... but with the default Wpg floor, 5 years after closing
    (RetentionPolicy(), date(2005, 3, 4), date(2022, 6, 1), date(2027, 6, 1)),
    # closed late (age 23): the 5-year floor after closing wins
    (RetentionPolicy(), date(1999, 3, 4), date(2022, 6, 1), date(2027, 6, 1)),
    # leap-day birth date clamps to 28 February
    (RetentionPolicy(), date(2008, 2, 29), date(2015, 1, 1), date(2027, 2, 28)),
])
def test_retention_end_per_vng_defaults(policy: RetentionPolicy, birth: date, closed: date,
                                        end: date) -> None:
    assert retention_end(policy, birth, closed) == end


def test_due_list_only_closed_expired_not_yet_anonymised(today: date) -> None:
    cands = [
        RetentionCandidate("oud", "p1", date(2000, 1, 1), date(2016, 1, 1)),
        RetentionCandidate("open", "p2", date(2000, 1, 1), None),
        RetentionCandidate("jong", "p3", date(2015, 1, 1), date(2025, 1, 1)),
        RetentionCandidate("al-gedaan", "p4", date(2000, 1, 1), date(2016, 1, 1), True),
        RetentionCandidate("ouder", "p5", date(1998, 1, 1), date(2014, 1, 1)),
    ]
    due = due_for_anonymisation(RetentionPolicy(), cands, today)
    assert [c.case_id for c, _ in due] == ["ouder", "oud"]
    assert all(end <= today for _, end in due)


def test_policy_round_trips_and_validates() -> None:
    policy = RetentionPolicy(years_after_birth=23)
    assert RetentionPolicy.from_dict(policy.to_dict()) == policy
    assert RetentionPolicy.from_dict(None) == RetentionPolicy()
    with pytest.raises(ValidationError):
        RetentionPolicy(years_after_birth=-1).validate()
    RetentionPolicy().validate()


def test_yearly_review(today: date) -> None:
    assert review_due(None, today)
    assert not review_due(today - timedelta(days=364), today)
    assert review_due(today - timedelta(days=365), today)
