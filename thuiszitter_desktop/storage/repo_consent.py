"""Repository for consent per purpose (``consents``, since 0013_seed_rules).

The consent recorded with an aanmelding is the purpose LEERPLICHT: ``aanmelding_consents``
and ``save_aanmelding_consent`` translate between the aanmelding form and these records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, RowMapping, select

from thuiszitter_desktop.domain.consent import (
    Consent,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.storage.rows import enum_by_name, enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables_seed_rules import consents


def save_consent(conn: Connection, record: ConsentRecord, now: datetime) -> None:
    upsert(conn, consents, {
        "id": record.id, "case_id": record.case_id, "purpose": record.purpose.name,
        "giver": record.giver.name, "on_date": record.on, "method": enum_name(record.method),
        "given_by": record.given_by.strip(), "provider_ids": json.dumps(list(record.provider_ids)),
        "withdrawn_on": record.withdrawn_on, "note": record.note,
    }, now)


def _from_row(r: RowMapping) -> ConsentRecord:
    return ConsentRecord(
        id=r["id"], case_id=r["case_id"], purpose=enum_by_name(ConsentPurpose, r["purpose"]),
        giver=enum_by_name(ConsentGiver, r["giver"]), on=r["on_date"],
        method=enum_or_none(ConsentMethod, r["method"]), given_by=r["given_by"],
        provider_ids=tuple(str(i) for i in json.loads(r["provider_ids"] or "[]")),
        withdrawn_on=r["withdrawn_on"], note=r["note"])


def list_consents(conn: Connection, case_id: str) -> list[ConsentRecord]:
    """Every consent of a case, withdrawn ones too, oldest first."""
    rows = conn.execute(select(consents).where(consents.c.case_id == case_id)
                        .order_by(consents.c.on_date, consents.c.created_at)).mappings()
    return [_from_row(r) for r in rows]


def consents_by_case(conn: Connection,
                     case_ids: Iterable[str]) -> dict[str, list[ConsentRecord]]:
    found: defaultdict[str, list[ConsentRecord]] = defaultdict(list)
    ids = list(case_ids)
    for start in range(0, len(ids), _CHUNK):
        for r in conn.execute(select(consents).where(consents.c.case_id.in_(
                ids[start:start + _CHUNK])).order_by(consents.c.on_date)).mappings():
            found[r["case_id"]].append(_from_row(r))
    return dict(found)


_CHUNK = 500


def get_consent(conn: Connection, consent_id: str) -> ConsentRecord | None:
    row = conn.execute(select(consents).where(consents.c.id == consent_id)).mappings().first()
    return _from_row(row) if row is not None else None


# -- the consent recorded with an aanmelding ------------------------------------------------
_GIVERS = {"parental_consent": ConsentGiver.OUDERS, "pupil_consent": ConsentGiver.LEERLING}


def aanmelding_consent(records: Iterable[ConsentRecord], giver: ConsentGiver) -> Consent:
    """The aanmelding form's view: the latest leerplicht consent of ``giver`` not withdrawn."""
    active = [r for r in records if r.purpose is ConsentPurpose.LEERPLICHT
              and r.giver is giver and r.withdrawn_on is None]
    if not active:
        return Consent()
    latest = max(active, key=lambda r: r.on)
    return Consent(given=True, on=latest.on, method=latest.method, given_by=latest.given_by)


def save_aanmelding_consent(conn: Connection, case_id: str, giver: ConsentGiver,
                            consent: Consent, now: datetime) -> None:
    """Store what the aanmelding form says: a given consent updates the active record (or adds
    one); unticking a given consent withdraws it today, so the history stays."""
    active = [r for r in list_consents(conn, case_id)
              if r.purpose is ConsentPurpose.LEERPLICHT and r.giver is giver
              and r.withdrawn_on is None]
    if consent.given:
        record = active[-1] if active else ConsentRecord(
            case_id=case_id, purpose=ConsentPurpose.LEERPLICHT, giver=giver,
            on=consent.on or now.date(), method=consent.method, given_by=consent.given_by)
        record.on = consent.on or record.on
        record.method, record.given_by = consent.method, consent.given_by
        save_consent(conn, record, now)
        return
    for record in active:
        record.withdrawn_on = max(now.date(), record.on)
        save_consent(conn, record, now)


def withdraw(conn: Connection, record: ConsentRecord, on: date, now: datetime) -> None:
    record.withdrawn_on = on
    save_consent(conn, record, now)
