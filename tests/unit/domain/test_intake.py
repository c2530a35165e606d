"""Stage dates of a case and the intake conversation record."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.vocab import CaseStage

START = date(2026, 11, 2)


def test_marking_a_step_records_today(today: date) -> None:
    stages = StageDates.starting(START)
    assert stages.mark(CaseStage.SCHOOL_GERAADPLEEGD, today) == today
    assert stages.current() is CaseStage.SCHOOL_GERAADPLEEGD


def test_marking_again_keeps_the_first_date(today: date) -> None:
    stages = StageDates.starting(START)
    stages.mark(CaseStage.UITGENODIGD, date(2026, 11, 5))
    assert stages.mark(CaseStage.UITGENODIGD, today) == date(2026, 11, 5)


def test_date_can_be_corrected_and_a_step_undone(today: date) -> None:
    stages = StageDates.starting(START)
    stages.mark(CaseStage.UITGENODIGD, today)
    stages.set_date(CaseStage.UITGENODIGD, date(2026, 11, 4))
    assert stages.dates[CaseStage.UITGENODIGD] == date(2026, 11, 4)
    stages.set_date(CaseStage.UITGENODIGD, None)
    assert stages.current() is CaseStage.AANMELDING_ONTVANGEN


def test_aanmelding_date_cannot_be_emptied() -> None:
    with pytest.raises(ValidationError) as info:
        StageDates.starting(START).set_date(CaseStage.AANMELDING_ONTVANGEN, None)
    assert "aanmelding" in info.value.errors["AANMELDING_ONTVANGEN"]


def test_timeline_lists_every_step_in_order_with_days_since_start() -> None:
    stages = StageDates.starting(START)
    stages.mark(CaseStage.UITGENODIGD, date(2026, 11, 4))
    stages.mark(CaseStage.GESPREK_GEVOERD, date(2026, 11, 12))
    timeline = stages.timeline()
    assert [s.stage for s in timeline] == list(CaseStage)
    done = {s.stage: s.days_since_start for s in timeline if s.done}
    assert done == {CaseStage.AANMELDING_ONTVANGEN: 0, CaseStage.UITGENODIGD: 2,
                    CaseStage.GESPREK_GEVOERD: 10}
    # a skipped step shows as not done
    assert not timeline[CaseStage.SCHOOL_GERAADPLEEGD.order].done


@pytest.mark.parametrize(
    ("dates", "key", "fragment"),
    [
        ({CaseStage.UITGENODIGD: date(2026, 11, 24)}, "UITGENODIGD", "toekomst"),
        # the conversation before the invitation
        ({CaseStage.UITGENODIGD: date(2026, 11, 10),
          CaseStage.GESPREK_GEVOERD: date(2026, 11, 9)}, "GESPREK_GEVOERD",
         "ligt vóór de datum van 'Uitgenodigd' (10-11-2026)"),
        # order is checked across a skipped step
        ({CaseStage.SCHOOL_GERAADPLEEGD: date(2026, 11, 10),
          CaseStage.GESPREK_GEVOERD: date(2026, 11, 9)}, "GESPREK_GEVOERD",
         "'School geraadpleegd'"),
        ({CaseStage.SCHOOL_GERAADPLEEGD: date(2026, 11, 1)}, "SCHOOL_GERAADPLEEGD",
         "'Aanmelding ontvangen'"),
    ],
)
def test_invalid_stage_dates(today: date, dates: dict[CaseStage, date], key: str,
                             fragment: str) -> None:
    stages = StageDates.starting(START)
    stages.dates.update(dates)
    with pytest.raises(ValidationError) as info:
        stages.validate(today)
    assert fragment in info.value.errors[key]


def test_same_day_steps_and_skipped_steps_are_valid(today: date) -> None:
    stages = StageDates.starting(START)
    stages.mark(CaseStage.SCHOOL_GERAADPLEEGD, START)
    stages.mark(CaseStage.AFGESLOTEN, today)
    stages.validate(today)


def test_missing_aanmelding_date_is_reported(today: date) -> None:
    with pytest.raises(ValidationError) as info:
        StageDates().validate(today)
    assert "AANMELDING_ONTVANGEN" in info.value.errors


def intake(**changes: object) -> IntakeRecord:
    record = IntakeRecord(case_id="c1", held_on=date(2026, 11, 12),
                          participants="Zoë, moeder Fatma Çelik, consulent")
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_filled_intake_is_valid(today: date) -> None:
    intake(parent_answers=ParentAnswers(three_words=["grappig", "slim", "zorgzaam"],
                                        two_things=["houdt van tekenen", "slaapt slecht"],
                                        one_wish="weer naar school"),
           agreements=[Agreement(who="Mentor", what="Belt elke maandag",
                                 by_when=date(2026, 12, 1))]).validate(today)


@pytest.mark.parametrize(
    ("changes", "key", "fragment"),
    [
        ({"held_on": date(2026, 11, 30)}, "held_on", "toekomst"),
        ({"participants": " "}, "participants", "wie er bij het gesprek"),
        ({"parent_answers": ParentAnswers(three_words=["a", "b", "c", "d"])},
         "parent_answers.three_words", "drie"),
        ({"parent_answers": ParentAnswers(two_things=["a", "b", "c"])},
         "parent_answers.two_things", "twee"),
        ({"health_needed": True}, "health_details", "gezondheidsinformatie"),
        ({"agreements": [Agreement(who="", what="Bellen", by_when=date(2026, 12, 1))]},
         "agreements.0.who", "wie"),
        ({"agreements": [Agreement(who="Mentor", what=" ", by_when=date(2026, 12, 1))]},
         "agreements.0.what", "wat"),
        ({"agreements": [Agreement(who="Mentor", what="Bellen")]},
         "agreements.0.by_when", "wanneer"),
    ],
)
def test_invalid_intake(today: date, changes: dict[str, object], key: str,
                        fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        intake(**changes).validate(today)
    assert fragment in info.value.errors[key]
