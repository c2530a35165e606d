"""The records of issue 18 come back from the vault exactly as saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Reporter,
)
from thuiszitter_desktop.domain.consent import (
    Consent,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
)
from thuiszitter_desktop.domain.intake import IntakeRecord
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
)
from thuiszitter_desktop.domain.vocab import (
    HuidigeSituatie,
    KearneyTier,
    Ondersteuningsvraag,
    OppStatus,
    UitvalSignaal,
    VerzuimType,
    VrijstellingAdvies,
)
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.storage import repo_aanbod, repo_cases, repo_consent, repo_intake
from thuiszitter_desktop.storage.vault import Vault

NOW = datetime(2026, 11, 23, 10, 0)


def saved(vault: Vault, **fields: object) -> tuple[Pupil, Case]:
    pupil = Pupil(first_name="Yusuf", last_name="Öztürk", birth_date=date(2011, 2, 3),
                  school="Noorderlicht College")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1), **fields)  # type: ignore[arg-type]
    with vault.transaction() as conn:
        repo_cases.save_pupil(conn, pupil, NOW)
        repo_cases.save_case(conn, case, NOW)
    return pupil, case


def test_new_case_fields_round_trip(vault: Vault) -> None:
    _, case = saved(
        vault, verzuim_type=VerzuimType.VRIJSTELLING_5A,
        extra_ondersteuningsvragen=(Ondersteuningsvraag.PSYCHISCH, Ondersteuningsvraag.LEREN),
        extra_situaties=(HuidigeSituatie.ZORG_NAAST_SCHOOL,), opp_status=OppStatus.JA,
        opp_date=date(2026, 6, 1), opp_review_date=date(2026, 12, 1),
        kearney_tier=KearneyTier.NIVEAU_3, vrijstelling_advies=VrijstellingAdvies.POSITIEF,
        vrijstelling_advies_date=date(2026, 8, 20))
    with vault.read() as conn:
        assert repo_cases.get_case(conn, case.id) == case


def test_aanbod_and_intake_fields_round_trip(vault: Vault) -> None:
    _, case = saved(vault)
    offer = PassendAanbod(case_id=case.id, start=date(2026, 10, 5),
                          description="Maatwerk: 3 ochtenden + dagbesteding",
                          care_part=True, criteria={AanbodCriterion.DUURZAAM},
                          agreed={AanbodParty.OUDERS: date(2026, 10, 1),
                                  AanbodParty.ZORG: date(2026, 10, 2)},
                          parent_view=ParentView.TWIJFEL, parent_view_note="Te weinig uren",
                          voorlopig=True)
    intake = IntakeRecord(case_id=case.id, held_on=date(2026, 9, 10), participants="Yusuf",
                          absence_function="Thuis ontloopt hij de drukte van de pauzes.",
                          dropout_signals={UitvalSignaal.SOCIAAL, UitvalSignaal.COGNITIEF})
    with vault.transaction() as conn:
        repo_aanbod.save_aanbod(conn, offer, NOW)
        repo_intake.save_intake(conn, intake, NOW)
    with vault.read() as conn:
        assert repo_aanbod.list_aanboden(conn, case.id) == [offer]
        assert repo_intake.load_intake(conn, case.id) == intake


def test_the_aanmelding_consent_lives_in_the_consents_and_unticking_withdraws_it(
        vault: Vault) -> None:
    pupil, case = saved(vault)
    aanmelding = Aanmelding(
        report_date=date(2026, 9, 1), reporter=Reporter(school="Noorderlicht College"),
        pupil=pupil, parents=[ParentContact(name="Ayşe Öztürk", phone="06-00000000")],
        route=AanmeldRoute.ZIEKTEVERZUIM, school_absence_reason="Hoofdpijn, volgens school",
        sick_reports=[SickReport(date(2026, 8, 25), note="Naar huis gestuurd")],
        parental_consent=Consent(given=True, on=date(2026, 8, 30),
                                 method=ConsentMethod.SCHRIFTELIJK, given_by="Ayşe Öztürk"))
    with vault.transaction() as conn:
        repo_intake.save_aanmelding(conn, case.id, aanmelding, NOW)
    with vault.read() as conn:
        loaded = repo_intake.load_aanmelding(conn, case.id, pupil)
        [record] = repo_consent.list_consents(conn, case.id)
    assert loaded is not None
    assert loaded.parental_consent == aanmelding.parental_consent
    assert loaded.school_absence_reason == "Hoofdpijn, volgens school"
    assert [r.note for r in loaded.sick_reports] == ["Naar huis gestuurd"]
    assert (record.purpose, record.giver) == (ConsentPurpose.LEERPLICHT, ConsentGiver.OUDERS)
    with vault.transaction() as conn:
        repo_intake.save_aanmelding(conn, case.id, replace(aanmelding, parental_consent=Consent()),
                                    NOW)
    with vault.read() as conn:
        [record] = repo_consent.list_consents(conn, case.id)
        assert repo_intake.load_aanmelding(conn, case.id, pupil).parental_consent == Consent()  # type: ignore[union-attr]
    assert record.withdrawn_on == NOW.date()  # kept, with the day it ended
