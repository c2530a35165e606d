"""Drafting a terugkoppeling from the intake and what each recipient may read."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    Terugkoppeling,
    draft_terugkoppeling,
)

HELD_ON = date(2026, 11, 12)
AGED_15 = date(2011, 6, 1)
AGED_16 = date(2010, 11, 12)  # sixteenth birthday on the day of the conversation

RECIPIENTS = [
    Recipient(kind=RecipientKind.LEERLING, name="Zoë Çelik-d'Hondt"),
    Recipient(kind=RecipientKind.OUDERS, name="Fatma Çelik"),
    Recipient(kind=RecipientKind.ONDERSTEUNINGSCOORDINATOR, name="Sem de Vries"),
]


def intake(**changes: object) -> IntakeRecord:
    record = IntakeRecord(
        case_id="c1", held_on=HELD_ON, participants="Zoë, haar moeder en de consulent",
        background="Zoë voelt zich niet veilig in de klas.",
        absence_reason="Zoë wordt gepest door klasgenoten.",
        needed_to_resume="Een rustige plek om te werken en een vaste mentor.",
        involved_help="Jeugdteam Noord",
        school_role="School zoekt een kleinere klas.",
        risk_factors=["Weinig vriendinnen"],
        protective_factors=["Goede band met oma", "Houdt van tekenen"],
        pupil_own_words="Ik wil eerst twee ochtenden per week naar school.",
        parent_answers=ParentAnswers(three_words=["grappig", "slim", "zorgzaam"],
                                     two_things=["Ze slaapt slecht", "Ze tekent graag"],
                                     one_wish="Dat Zoë haar diploma haalt."),
        health_details="Gebruikt medicijnen voor migraine.",
        agreements=[Agreement(who="Mentor", what="Belt Zoë elke maandag.",
                              by_when=date(2026, 12, 1))],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def draft(birth: date = AGED_15, **changes: object) -> Terugkoppeling:
    return draft_terugkoppeling(intake(**changes), pupil_first_name="Zoë",
                                pupil_birth_date=birth, written_on=date(2026, 11, 13),
                                recipients=RECIPIENTS)


def test_draft_summarises_the_conversation_in_plain_dutch() -> None:
    summary = draft().summary
    for expected in ("Bij het gesprek waren: Zoë, haar moeder en de consulent.",
                     "Wat Zoë zelf wil: Ik wil eerst twee ochtenden",
                     "Wat nodig is om weer naar school te gaan: Een rustige plek",
                     "Welke hulp er al is: Jeugdteam Noord",
                     "Wat goed gaat: Goede band met oma; Houdt van tekenen",
                     "Zoë in drie woorden: grappig, slim, zorgzaam",
                     "Uw wens: Dat Zoë haar diploma haalt.",
                     "Wat er speelt: Zoë voelt zich niet veilig"):
        assert expected in summary
    assert "Weinig vriendinnen" not in summary  # risk factors stay with the consulent


def test_draft_copies_agreements_and_recipients_unsent() -> None:
    result = draft()
    assert [(a.who, a.what, a.by_when) for a in result.agreements] == [
        ("Mentor", "Belt Zoë elke maandag.", date(2026, 12, 1))]
    assert [r.name for r in result.recipients] == [r.name for r in RECIPIENTS]
    assert not result.sent_to_all


@pytest.mark.parametrize(
    ("birth", "shares", "kind", "reason_shown"),
    [
        (AGED_15, False, RecipientKind.OUDERS, True),
        (AGED_15, False, RecipientKind.ONDERSTEUNINGSCOORDINATOR, True),
        (AGED_16, False, RecipientKind.OUDERS, False),
        (AGED_16, False, RecipientKind.ONDERSTEUNINGSCOORDINATOR, False),
        (AGED_16, False, RecipientKind.LEERLING, True),
        (AGED_16, True, RecipientKind.OUDERS, True),
    ],
)
def test_reason_for_absence_follows_the_pupils_choice_from_16(
    birth: date, shares: bool, kind: RecipientKind, reason_shown: bool
) -> None:
    content = draft(birth, pupil_shares_reason=shares).content_for(kind)
    assert ("gepest" in content.absence_reason) is reason_shown
    assert content.reason_left_out is not reason_shown


def test_background_is_left_out_of_the_summary_when_the_reason_is_private() -> None:
    assert "niet veilig" not in draft(AGED_16).summary
    assert "niet veilig" in draft(AGED_16, pupil_shares_reason=True).summary


@pytest.mark.parametrize(("needed", "shown"), [(False, False), (True, True)])
def test_health_details_only_when_marked_needed(needed: bool, shown: bool) -> None:
    result = draft(health_needed=needed)
    for kind in RecipientKind:
        assert ("migraine" in result.content_for(kind).health_details) is shown


def test_sending_is_recorded_per_recipient(today: date) -> None:
    result = draft()
    for i in range(len(result.recipients)):
        result.mark_sent(i, date(2026, 11, 14))
    assert result.sent_to_all
    result.validate(today)


@pytest.mark.parametrize(
    ("changes", "key", "fragment"),
    [
        ({"written_on": date(2026, 11, 24)}, "written_on", "toekomst"),
        ({"written_on": date(2026, 11, 11)}, "written_on", "vóór het gesprek"),
        ({"summary": " "}, "summary", "samenvatting"),
        ({"recipients": []}, "recipients", "ontvanger"),
        ({"recipients": [Recipient(kind=RecipientKind.OUDERS, name="")]},
         "recipients.0.name", "naam"),
        ({"recipients": [Recipient(kind=RecipientKind.OUDERS, name="Fatma Çelik",
                                   sent_on=date(2026, 11, 30))]},
         "recipients.0.sent_on", "toekomst"),
        ({"recipients": [Recipient(kind=RecipientKind.OUDERS, name="Fatma Çelik",
                                   sent_on=date(2026, 11, 12))]},
         "recipients.0.sent_on", "vóór de datum"),
        ({"agreements": [Agreement(who="Mentor", what="Bellen")]}, "agreements.0.by_when",
         "wanneer"),
        ({"health_needed": True, "health_details": ""}, "health_details",
         "gezondheidsinformatie"),
    ],
)
def test_invalid_terugkoppeling(today: date, changes: dict[str, object], key: str,
                                fragment: str) -> None:
    result = draft()
    for name, value in changes.items():
        setattr(result, name, value)
    with pytest.raises(ValidationError) as info:
        result.validate(today)
    assert fragment in info.value.errors[key]
