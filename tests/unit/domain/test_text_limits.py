"""Texts up to the form limits are accepted; longer ones are refused in Dutch, by field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time

import pytest

from thuiszitter_desktop.domain import settings
from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT, count_text
from thuiszitter_desktop.domain.mdo import Mdo, MdoOutcome, MdoParticipant, MdoRole
from thuiszitter_desktop.domain.model import Case, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.plan import Action, Goal, PlanVanAanpak
from thuiszitter_desktop.domain.plan_clock import validate_plan
from thuiszitter_desktop.domain.terugkoppeling import Recipient, RecipientKind, Terugkoppeling
from thuiszitter_desktop.domain.vocab import ProfessionalRole

TODAY = date(2026, 11, 23)


def pupil(first: str = "Zoë") -> Pupil:
    return Pupil(first_name=first, last_name="Çelik", birth_date=date(2012, 4, 3))


def check_pupil(first: str) -> None:
    pupil(first).validate(TODAY)


def check_case_notes(notes: str) -> None:
    Case(pupil_id="p", aanmelding_date=TODAY, notes=notes).validate(TODAY)


def check_professional(name: str) -> None:
    InvolvedProfessional(case_id="c", name=name, role=next(iter(ProfessionalRole))).validate()


def check_aanmelding_notes(notes: str) -> None:
    Aanmelding(report_date=TODAY, route=AanmeldRoute.GESCHORST,
               reporter=Reporter(school="Het Baken", contact_name="Sem"),
               pupil=replace(pupil(), school="Het Baken"), education_percentage=10,
               parents=[ParentContact(name="Fatma", relation=Relation.MOEDER, phone="06")],
               notes=notes).validate(TODAY)


def check_intake_background(background: str) -> None:
    IntakeRecord(case_id="c", held_on=TODAY, participants="Zoë en moeder",
                 background=background).validate(TODAY)


def check_agreement(what: str) -> None:
    errors = Agreement(who="Mentor", what=what, by_when=TODAY).errors("a")
    if errors:
        raise ValidationError(errors)


def check_terugkoppeling(summary: str) -> None:
    Terugkoppeling(case_id="c", conversation_date=TODAY, written_on=TODAY, pupil_age=14,
                   summary=summary,
                   recipients=[Recipient(kind=RecipientKind.OUDERS, name="Fatma")]
                   ).validate(TODAY)


def check_plan_action(what: str) -> None:
    goal = Goal(description="Naar school", actions=(Action(what=what),))
    validate_plan(PlanVanAanpak(case_id="c", version=1, created=TODAY, goals=(goal,)), TODAY)


def check_mdo_chair(chair: str) -> None:
    Mdo(on=TODAY, start_time=time(9), location="School", chair=chair, school="X").validate()


def check_mdo_participant(name: str) -> None:
    MdoParticipant(name=name, role=MdoRole.MENTOR).validate()


def check_decision(decision: str) -> None:
    MdoOutcome(decisions=[decision]).validate(TODAY)


def check_organisation(name: str) -> None:
    settings.ORGANISATION.clean(name)


CHECKS: list[tuple[Callable[[str], None], int, str]] = [
    (check_pupil, SHORT_TEXT, "De voornaam"),
    (check_case_notes, LONG_TEXT, "De notities"),
    (check_professional, SHORT_TEXT, "De naam"),
    (check_aanmelding_notes, LONG_TEXT, "De opmerkingen"),
    (check_intake_background, LONG_TEXT, "De achtergrond"),
    (check_agreement, LONG_TEXT, "De afspraak"),
    (check_terugkoppeling, LONG_TEXT, "De samenvatting"),
    (check_plan_action, LONG_TEXT, "Wat er gebeurt"),
    (check_mdo_chair, SHORT_TEXT, "De voorzitter"),
    (check_mdo_participant, SHORT_TEXT, "De naam"),
    (check_decision, LONG_TEXT, "Een besluit"),
    (check_organisation, SHORT_TEXT, "Naam organisatie"),
]


@pytest.mark.parametrize(("check", "limit", "label"), CHECKS,
                         ids=[c[0].__name__ for c in CHECKS])
def test_up_to_the_limit_is_fine_and_longer_is_refused_by_name(
    check: Callable[[str], None], limit: int, label: str,
) -> None:
    check("a" * limit)
    with pytest.raises(ValidationError) as refused:
        check("a" * (limit + 1))
    assert refused.value.message == (
        f"{label} is te lang: {count_text(limit + 1)} tekens, er passen er "
        f"{count_text(limit)}. Maak de tekst korter.")


def test_a_megabyte_name_is_refused_quickly() -> None:
    with pytest.raises(ValidationError, match=r"De voornaam is te lang: 1\.000\.000 tekens"):
        check_pupil("x" * 1_000_000)
