from datetime import date

import pytest

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case, Pupil, age_on
from thuiszitter_desktop.domain.vocab import CaseStage, ClosingReason, VerzuimType


def make_case(**kwargs: object) -> Case:
    values: dict[str, object] = {"pupil_id": "p1", "aanmelding_date": date(2026, 9, 1)}
    values.update(kwargs)
    return Case(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("birth", "day", "expected"),
    [
        (date(2012, 5, 10), date(2026, 5, 9), 13),
        (date(2012, 5, 10), date(2026, 5, 10), 14),
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
    ],
)
def test_age_counts_whole_years(birth: date, day: date, expected: int) -> None:
    assert age_on(birth, day) == expected


def test_pupil_outside_leerplicht_age_is_refused(today: date) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2000, 1, 1))
    with pytest.raises(ValidationError) as info:
        pupil.validate(today)
    assert "leerplichtige leeftijd" in info.value.errors["birth_date"]


def test_pupil_without_name_names_both_fields(today: date) -> None:
    pupil = Pupil(first_name=" ", last_name="", birth_date=date(2014, 3, 3))
    with pytest.raises(ValidationError) as info:
        pupil.validate(today)
    assert set(info.value.errors) == {"first_name", "last_name"}


def test_education_percentage_must_be_a_percentage(today: date) -> None:
    with pytest.raises(ValidationError) as info:
        make_case(education_percentage=120).validate(today)
    assert "tussen 0 en 100" in info.value.errors["education_percentage"]


def test_future_aanmelding_is_refused(today: date) -> None:
    with pytest.raises(ValidationError):
        make_case(aanmelding_date=date(2026, 12, 1)).validate(today)


def test_days_at_home_count_from_home_since_and_stop_at_closing(today: date) -> None:
    case = make_case(home_since=date(2026, 8, 20))
    assert case.days_at_home(date(2026, 8, 30)) == 10
    case.close(ClosingReason.TERUG_OP_SCHOOL, date(2026, 9, 9))
    assert case.days_at_home(today) == 20


def test_days_at_home_fall_back_to_aanmelding() -> None:
    assert make_case().days_at_home(date(2026, 9, 11)) == 10


def test_close_and_reopen() -> None:
    case = make_case(verzuim_type=VerzuimType.ABSOLUUT)
    case.close(ClosingReason.VERHUISD, date(2026, 10, 1))
    assert not case.is_open
    assert case.stage is CaseStage.AFGESLOTEN
    with pytest.raises(ValidationError):
        case.close(ClosingReason.VERHUISD, date(2026, 10, 2))
    case.reopen()
    assert case.is_open
    assert case.closing_reason is None
    assert case.stage is CaseStage.MONITORING


def test_close_before_aanmelding_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        make_case().close(ClosingReason.VERHUISD, date(2026, 8, 1))
    assert "vóór" in info.value.errors["closed_on"]


def test_close_with_other_reason_needs_a_note() -> None:
    with pytest.raises(ValidationError) as info:
        make_case().close(ClosingReason.ANDERS, date(2026, 10, 1))
    assert "toelichting" in info.value.errors["closing_note"]
