"""Intake records and terugkoppelingen come back from the vault exactly as saved."""

from __future__ import annotations

from datetime import date, datetime

from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.terugkoppeling import Recipient, RecipientKind, Terugkoppeling
from thuiszitter_desktop.domain.vocab import CaseStage, ContactKind
from thuiszitter_desktop.storage import repo_cases, repo_intake
from thuiszitter_desktop.storage.vault import Vault

NOW = datetime(2026, 11, 23, 10, 0)


def saved_case(vault: Vault) -> Case:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3))
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2))
    with vault.transaction() as conn:
        repo_cases.save_pupil(conn, pupil, NOW)
        repo_cases.save_case(conn, case, NOW)
    return case


def test_intake_round_trip(vault: Vault) -> None:
    case = saved_case(vault)
    record = IntakeRecord(
        case_id=case.id, held_on=date(2026, 11, 12), kind=ContactKind.GESPREK_OP_SCHOOL,
        participants="Zoë, moeder", background="Verhuisd in de zomer.",
        absence_reason="Buikpijn 's ochtends.", needed_to_resume="Rustige start.",
        involved_help="Jeugdteam", school_role="Mentor belt.",
        risk_factors=["Weinig vrienden"], protective_factors=["Oma", "Tekenen"],
        pupil_own_words="Eerst halve dagen.",
        parent_answers=ParentAnswers(three_words=["lief", "slim", "grappig"],
                                     two_things=["Slaapt slecht", "Houdt van dieren"],
                                     one_wish="Diploma"),
        health_details="Migraine", health_needed=True, pupil_shares_reason=True,
        agreements=[Agreement(who="Mentor", what="Bellen", by_when=date(2026, 12, 1)),
                    Agreement(who="Moeder", what="Huisarts", by_when=None)],
    )
    with vault.transaction() as conn:
        repo_intake.save_intake(conn, record, NOW)
    with vault.read() as conn:
        assert repo_intake.load_intake(conn, case.id) == record


def test_terugkoppeling_round_trip(vault: Vault) -> None:
    case = saved_case(vault)
    t = Terugkoppeling(
        case_id=case.id, conversation_date=date(2026, 11, 12), written_on=date(2026, 11, 13),
        pupil_age=16, pupil_shares_reason=False, summary="Samenvatting met ë en ç.",
        absence_reason="Reden", health_details="", health_needed=False,
        agreements=[Agreement(who="Mentor", what="Bellen", by_when=date(2026, 12, 1))],
        recipients=[Recipient(kind=RecipientKind.OUDERS, name="Fatma Çelik",
                              sent_on=date(2026, 11, 14)),
                    Recipient(kind=RecipientKind.LEERLING, name="Zoë")],
    )
    with vault.transaction() as conn:
        repo_intake.save_terugkoppeling(conn, t, NOW)
    with vault.read() as conn:
        assert repo_intake.load_terugkoppeling(conn, case.id) == t


def test_stage_dates_keep_their_ids_and_drop_undone_steps(vault: Vault) -> None:
    case = saved_case(vault)
    stages = StageDates.starting(case.aanmelding_date)
    stages.mark(CaseStage.UITGENODIGD, date(2026, 11, 5))
    with vault.transaction() as conn:
        repo_intake.save_stage_dates(conn, case.id, stages, NOW)
        first_ids = set(conn.exec_driver_sql("SELECT id FROM case_stage_dates").scalars())
        stages.set_date(CaseStage.UITGENODIGD, None)
        repo_intake.save_stage_dates(conn, case.id, stages, NOW)
        later_ids = set(conn.exec_driver_sql("SELECT id FROM case_stage_dates").scalars())
    assert len(first_ids) == 2 and later_ids < first_ids
    with vault.read() as conn:
        assert repo_intake.load_stage_dates(conn, case.id).dates == {
            CaseStage.AANMELDING_ONTVANGEN: date(2026, 11, 2)}
