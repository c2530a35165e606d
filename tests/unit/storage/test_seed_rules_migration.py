"""0013_seed_rules on a vault with data: nothing lost, nothing changed silently.

Every assumption the migration makes is written down for the case it touches, and the
figures of the old data stay explainable: a first contact by phone no longer counts as a
conversation, and the case says so; an aanbod recorded without the criteria keeps counting,
and the case asks to check it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Connection, Engine, MetaData, Table, select

from thuiszitter_desktop.domain.assumptions import AssumptionSubject
from thuiszitter_desktop.domain.consent import ConsentGiver, ConsentMethod, ConsentPurpose
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.storage import (
    migrate,
    repo_aanbod,
    repo_assumptions,
    repo_cases,
    repo_consent,
    repo_reminders,
)
from thuiszitter_desktop.storage.sqlcipher import make_engine

NOW = datetime(2026, 11, 23, 9, 0)
STAMPS = {"created_at": NOW, "updated_at": NOW, "version": 1}


def insert(conn: Connection, name: str, **values: Any) -> None:
    table = Table(name, MetaData(), autoload_with=conn)
    conn.execute(table.insert().values({**values, **STAMPS}))


def a_case(conn: Connection, first: str, **fields: Any) -> str:
    pupil_id, case_id = new_id(), new_id()
    insert(conn, "pupils", id=pupil_id, first_name=first, last_name="Bakker",
           birth_date=date(2013, 2, 3), school="OBS De Regenboog", leerjaar="", address="",
           onderwijstype="PO", gemeente="", swv="")
    insert(conn, "cases", **{
        "id": case_id, "pupil_id": pupil_id, "aanmelding_date": date(2026, 9, 1),
        "verzuim_type": "GEOORLOOFD", "education_percentage": 0, "regie": "SCHOOL",
        "casusverantwoordelijke": "", "consulent": "", "stage": "GESPREK_GEVOERD",
        "passend_aanbod_kind": "", "wachtlijst": "GEEN", "closing_note": "", "notes": "",
        **fields})
    return case_id


def a_contact(conn: Connection, case_id: str, on: date, kind: str,
              family: bool = True) -> None:
    insert(conn, "contact_moments", id=new_id(), case_id=case_id, on_date=on, kind=kind,
           with_pupil_or_parents=family, participants="", notes="")


def old_vault(tmp_path: Path) -> tuple[Engine, dict[str, str]]:
    engine = make_engine(tmp_path / "oud.db", b"k" * 32)
    migrate.upgrade(engine, target="0010_contact_clock_index")
    with engine.begin() as conn:
        ids = {
            # First contact by phone on 3 Sep; the home visit on 10 Sep is the first gesprek.
            "phone": a_case(conn, "Noor", first_contact_date=date(2026, 9, 3)),
            # Only an e-mail: no gesprek at all.
            "mail": a_case(conn, "Sem", first_contact_date=date(2026, 9, 4)),
            # A home visit first: nothing changes.
            "visit": a_case(conn, "Zoë", first_contact_date=date(2026, 9, 2)),
            # A first-contact date without any contact recorded: its kind is unknown.
            "bare": a_case(conn, "Mila", first_contact_date=date(2026, 9, 5)),
            # A passend aanbod typed as a date, before the criteria existed.
            "aanbod": a_case(conn, "Daan", passend_aanbod_date=date(2026, 10, 20),
                             passend_aanbod_kind="Dagbesteding"),
        }
        a_contact(conn, ids["phone"], date(2026, 9, 3), "TELEFOON")
        a_contact(conn, ids["phone"], date(2026, 9, 10), "HUISBEZOEK")
        a_contact(conn, ids["mail"], date(2026, 9, 4), "EMAIL")
        a_contact(conn, ids["visit"], date(2026, 9, 2), "HUISBEZOEK")
        a_contact(conn, ids["visit"], date(2026, 9, 1), "TELEFOON", family=False)
        insert(conn, "aanmeldingen", id=new_id(), case_id=ids["phone"],
               report_date=date(2026, 9, 1), reporter_school="OBS De Regenboog",
               reporter_contact_name="Fatima Bakkali", reporter_contact_role="", reporter_phone="",
               reporter_email="", route="ZIEKTEVERZUIM", confirmed_criteria="",
               criterion_4_note="", school_actions="", involved_help="",
               parental_consent_given=True, parental_consent_on=date(2026, 8, 30),
               parental_consent_method="SCHRIFTELIJK", parental_consent_by="moeder, Fatma",
               pupil_consent_given=False, pupil_consent_by="", notes="")
    return engine, ids


def test_old_data_is_kept_and_every_assumption_is_written_down(tmp_path: Path) -> None:
    engine, ids = old_vault(tmp_path)
    try:
        assert migrate.upgrade(engine)
        with engine.connect() as conn:
            case = {key: repo_cases.get_case(conn, case_id) for key, case_id in ids.items()}
            # The first gesprek, from the conversations only; the unknown one keeps counting.
            assert case["phone"].first_contact_date == date(2026, 9, 10)
            assert case["mail"].first_contact_date is None
            assert case["visit"].first_contact_date == date(2026, 9, 2)
            assert case["bare"].first_contact_date == date(2026, 9, 5)
            assert repo_reminders.contact_dates(conn, [ids["phone"]]) == {
                ids["phone"]: (date(2026, 9, 10),)}
            notes = {key: repo_assumptions.list_assumptions(conn, case_id)
                     for key, case_id in ids.items()}
            phone = {a.subject: a.detail for a in notes["phone"]}
            assert phone[AssumptionSubject.EERSTE_GESPREK] == (
                "Het eerste contact stond op 03-09-2026 (telefoon). Dat telt niet als gesprek "
                "met leerling of ouders. Eerste gesprek nu: 10-09-2026.")
            assert "videogesprek" in phone[AssumptionSubject.SOORT_CONTACT]
            assert "Eerste gesprek nu: nog geen." in notes["mail"][0].detail
            assert notes["visit"] == []  # nothing assumed, nothing said
            assert "de soort is niet bekend" in notes["bare"][0].detail
            # The phone call is kept as a phone call, marked for the consulent to check.
            contacts = repo_cases.list_contacts(conn, ids["phone"])
            assert [(c.kind, c.kind_assumed) for c in contacts] == [
                (ContactKind.HUISBEZOEK, False), (ContactKind.TELEFOON, True)]
            # The aanbod keeps counting as it did, marked as not checked.
            assert case["aanbod"].passend_aanbod_date == date(2026, 10, 20)
            [offer] = repo_aanbod.list_aanboden(conn, ids["aanbod"])
            assert (offer.start, offer.description, offer.unchecked, offer.is_passend) == (
                date(2026, 10, 20), "Dagbesteding", True, True)
            assert notes["aanbod"][0].subject is AssumptionSubject.PASSEND_AANBOD
            # The aanmelding's consent became a consent for leerplicht's involvement.
            [given] = repo_consent.list_consents(conn, ids["phone"])
            assert (given.purpose, given.giver, given.on, given.method, given.given_by) == (
                ConsentPurpose.LEERPLICHT, ConsentGiver.OUDERS, date(2026, 8, 30),
                ConsentMethod.SCHRIFTELIJK, "moeder, Fatma")
    finally:
        engine.dispose()


def test_downgrade_gives_the_consent_and_the_old_first_contact_back(tmp_path: Path) -> None:
    engine, ids = old_vault(tmp_path)
    try:
        migrate.upgrade(engine)
        config = migrate.alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0010_contact_clock_index")
        with engine.connect() as conn:
            aanmeldingen = Table("aanmeldingen", MetaData(), autoload_with=conn)
            row = conn.execute(select(aanmeldingen)).mappings().one()
            assert (row["parental_consent_given"], row["parental_consent_on"],
                    row["parental_consent_method"], row["pupil_consent_given"]) == (
                True, date(2026, 8, 30), "SCHRIFTELIJK", False)
            cases = Table("cases", MetaData(), autoload_with=conn)
            first = dict(conn.execute(select(cases.c.id, cases.c.first_contact_date)).all())
            assert first[ids["phone"]] == date(2026, 9, 3)
            assert first[ids["mail"]] == date(2026, 9, 4)
    finally:
        engine.dispose()
