"""MDO meetings survive a save/load round trip in the vault, whole and in order."""

from __future__ import annotations

from datetime import date, datetime, time

from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    SuggestionReason,
)
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.storage import repo_cases, repo_mdo
from thuiszitter_desktop.storage.vault import Vault

NOW = datetime(2026, 11, 23, 9, 0)


def add_case(vault: Vault, first: str, last: str) -> str:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2))
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1))
    with vault.transaction() as conn:
        repo_cases.save_pupil(conn, pupil, NOW)
        repo_cases.save_case(conn, case, NOW)
    return case.id


def test_meeting_round_trip_keeps_everything(vault: Vault) -> None:
    zoe = add_case(vault, "Zoë", "Çelik-d'Hondt")
    sem = add_case(vault, "Sem", "de Vries")
    mdo = Mdo(on=date(2026, 12, 1), start_time=time(13, 30), location="Teamkamer",
              video_link="https://meet.example.org/x", chair="Fatima Bakkali",
              school="De Regenboog", next_mdo_date=date(2027, 1, 19), general_notes="Notitie")
    mdo.add_pupil(sem, (SuggestionReason.NIEUWE_AANMELDING,))
    mdo.add_pupil(zoe, (SuggestionReason.TERMIJN_VERLOPEN, SuggestionReason.STAGNATIE),
                  "Welke plek?")
    mdo.participants += [
        MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, organisation="SWV Oost",
                       consent_covers_attendance=True, attended=True),
        MdoParticipant(name="X", role=MdoRole.ANDERS, role_other="Tolk"),
        MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS, case_id=sem, attended=False),
    ]
    outcome = MdoOutcome(decisions=["Opschalen", "Zoë start met twee ochtenden"],
                         new_actions=[MdoAction("Kees Mulder", "Plek aanvragen",
                                                date(2026, 12, 11))],
                         escalation=Escalation.DOORBRAAKOVERLEG, escalation_note="Snel",
                         next_mdo_date=date(2026, 12, 15))
    mdo.record_outcome(zoe, outcome)
    with vault.transaction() as conn:
        repo_mdo.save_mdo(conn, mdo, NOW)
    with vault.read() as conn:
        loaded = repo_mdo.get_mdo(conn, mdo.id)
    assert loaded == mdo


def test_removed_participants_and_pupils_are_deleted(vault: Vault) -> None:
    zoe = add_case(vault, "Zoë", "Çelik-d'Hondt")
    sem = add_case(vault, "Sem", "de Vries")
    mdo = Mdo(on=date(2026, 12, 1), start_time=time(9, 0), location="A", chair="B", school="C")
    mdo.add_pupil(zoe)
    mdo.add_pupil(sem)
    mdo.participants.append(MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS,
                                           case_id=sem))
    with vault.transaction() as conn:
        repo_mdo.save_mdo(conn, mdo, NOW)
    mdo.remove_pupil(sem)
    with vault.transaction() as conn:
        repo_mdo.save_mdo(conn, mdo, NOW)
    with vault.read() as conn:
        loaded = repo_mdo.get_mdo(conn, mdo.id)
    assert loaded.case_ids == [zoe]
    assert loaded.participants == []


def test_list_is_oldest_first_and_delete_removes_all(vault: Vault) -> None:
    later = Mdo(on=date(2027, 1, 19), start_time=time(9, 0), location="A", chair="B",
                school="C")
    earlier = Mdo(on=date(2026, 12, 1), start_time=time(9, 0), location="A", chair="B",
                  school="C")
    earlier.participants.append(MdoParticipant(name="Kees", role=MdoRole.SWV))
    with vault.transaction() as conn:
        repo_mdo.save_mdo(conn, later, NOW)
        repo_mdo.save_mdo(conn, earlier, NOW)
    with vault.transaction() as conn:
        assert [m.id for m in repo_mdo.list_mdos(conn)] == [earlier.id, later.id]
        repo_mdo.delete_mdo(conn, earlier.id)
        assert [m.id for m in repo_mdo.list_mdos(conn)] == [later.id]
