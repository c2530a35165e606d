"""Repository for the aanmelding, stage dates, intake conversation and terugkoppeling."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, select

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import ConsentGiver, ConsentRecord
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.model import Pupil, new_id
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.terugkoppeling import Recipient, RecipientKind, Terugkoppeling
from thuiszitter_desktop.domain.vocab import CaseStage, ContactKind, UitvalSignaal
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
from thuiszitter_desktop.storage.repo_consent import (
    aanmelding_consent,
    consents_by_case,
    list_consents,
    save_aanmelding_consent,
)
from thuiszitter_desktop.storage.rows import delete_rows, upsert
from thuiszitter_desktop.storage.tables_intake import (
    aanmeldingen,
    case_parents,
    case_stage_dates,
    intakes,
    sick_reports,
    terugkoppelingen,
)


# -- small codecs ---------------------------------------------------------------------------
def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def agreements_json(agreements: Sequence[Agreement]) -> str:
    return json.dumps([{"who": a.who, "what": a.what, "by_when": _day(a.by_when)}
                       for a in agreements], ensure_ascii=False)


def agreements_from_json(text: str) -> list[Agreement]:
    return [Agreement(who=item["who"], what=item["what"], by_when=_parse_day(item["by_when"]))
            for item in json.loads(text or "[]")]


def _list_json(items: Sequence[str]) -> str:
    return json.dumps([i.strip() for i in items if i.strip()], ensure_ascii=False)


def _list_from_json(text: str) -> list[str]:
    return [str(item) for item in json.loads(text or "[]")]


def _replace_children(conn: Connection, table: Table, case_id: str,
                      rows: Sequence[dict[str, Any]], now: datetime) -> None:
    """Upsert the given rows of a case and delete the case's rows that are gone."""
    keep = [r["id"] for r in rows]
    delete_rows(conn, table, table.c.case_id == case_id, table.c.id.not_in(keep))
    for values in rows:
        upsert(conn, table, {**values, "case_id": case_id}, now)


# -- aanmelding -----------------------------------------------------------------------------
def save_aanmelding(conn: Connection, case_id: str, a: Aanmelding, now: datetime) -> None:
    r = a.reporter
    upsert(conn, aanmeldingen, {
        "id": a.id, "case_id": case_id, "report_date": a.report_date,
        "reporter_school": r.school.strip(), "reporter_contact_name": r.contact_name.strip(),
        "reporter_contact_role": r.contact_role.strip(), "reporter_phone": r.phone.strip(),
        "reporter_email": r.email.strip(), "route": a.route.name,
        "confirmed_criteria": ",".join(c.name for c in SickCriterion
                                       if c in a.confirmed_criteria),
        "criterion_4_note": a.criterion_4_note, "education_percentage": a.education_percentage,
        "education_since": a.education_since, "school_actions": a.school_actions,
        "involved_help": a.involved_help, "school_absence_reason": a.school_absence_reason,
        "notes": a.notes,
    }, now)
    save_aanmelding_consent(conn, case_id, ConsentGiver.OUDERS, a.parental_consent, now)
    save_aanmelding_consent(conn, case_id, ConsentGiver.LEERLING, a.pupil_consent, now)
    _replace_children(conn, case_parents, case_id, [
        {"id": p.id, "position": i, "name": p.name.strip(), "relation": p.relation.name,
         "phone": p.phone.strip(), "email": p.email.strip()}
        for i, p in enumerate(a.parents)
    ], now)
    _replace_children(conn, sick_reports, case_id, [
        {"id": s.id, "start_date": s.start, "end_date": s.end, "note": s.note.strip()}
        for s in a.sick_reports
    ], now)


def list_parents(conn: Connection, case_id: str) -> list[ParentContact]:
    rows = conn.execute(select(case_parents).where(case_parents.c.case_id == case_id)
                        .order_by(case_parents.c.position)).mappings()
    return [_parent_from_row(r) for r in rows]


def _parent_from_row(r: RowMapping) -> ParentContact:
    return ParentContact(id=r["id"], name=r["name"], relation=Relation.from_name(r["relation"]),
                         phone=r["phone"], email=r["email"])


def list_sick_reports(conn: Connection, case_id: str) -> list[SickReport]:
    rows = conn.execute(select(sick_reports).where(sick_reports.c.case_id == case_id)
                        .order_by(sick_reports.c.start_date)).mappings()
    return [_sick_from_row(r) for r in rows]


def _sick_from_row(r: RowMapping) -> SickReport:
    return SickReport(r["start_date"], r["end_date"], id=r["id"], note=r["note"])


def load_aanmelding(conn: Connection, case_id: str, pupil: Pupil) -> Aanmelding | None:
    row = conn.execute(select(aanmeldingen).where(aanmeldingen.c.case_id == case_id)
                       ).mappings().first()
    if row is None:
        return None
    return _aanmelding_from_row(row, pupil, list_parents(conn, case_id),
                                list_sick_reports(conn, case_id), list_consents(conn, case_id))


def load_aanmeldingen(conn: Connection,
                      pupils: Mapping[str, Pupil]) -> dict[str, Aanmelding]:
    """The aanmeldingen of many cases (case id -> its pupil) in three queries per chunk."""
    result: dict[str, Aanmelding] = {}
    ids = list(pupils)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        parents: defaultdict[str, list[ParentContact]] = defaultdict(list)
        for r in conn.execute(select(case_parents).where(case_parents.c.case_id.in_(chunk))
                              .order_by(case_parents.c.position)).mappings():
            parents[r["case_id"]].append(_parent_from_row(r))
        sick: defaultdict[str, list[SickReport]] = defaultdict(list)
        for r in conn.execute(select(sick_reports).where(sick_reports.c.case_id.in_(chunk))
                              .order_by(sick_reports.c.start_date)).mappings():
            sick[r["case_id"]].append(_sick_from_row(r))
        found = consents_by_case(conn, chunk)
        for row in conn.execute(select(aanmeldingen)
                                .where(aanmeldingen.c.case_id.in_(chunk))).mappings():
            case_id = row["case_id"]
            result[case_id] = _aanmelding_from_row(row, pupils[case_id], parents[case_id],
                                                   sick[case_id], found.get(case_id, []))
    return result


_CHUNK = 500  # case ids per IN (...) list


def _aanmelding_from_row(row: RowMapping, pupil: Pupil, parents: list[ParentContact],
                         sick: list[SickReport], records: list[ConsentRecord]) -> Aanmelding:
    criteria = {SickCriterion.from_name(n) for n in row["confirmed_criteria"].split(",") if n}
    return Aanmelding(
        id=row["id"], report_date=row["report_date"],
        reporter=Reporter(school=row["reporter_school"],
                          contact_name=row["reporter_contact_name"],
                          contact_role=row["reporter_contact_role"],
                          phone=row["reporter_phone"], email=row["reporter_email"]),
        pupil=pupil, parents=parents,
        route=AanmeldRoute.from_name(row["route"]),
        sick_reports=sick, confirmed_criteria=criteria,
        criterion_4_note=row["criterion_4_note"],
        education_percentage=row["education_percentage"],
        education_since=row["education_since"], school_actions=row["school_actions"],
        involved_help=row["involved_help"], school_absence_reason=row["school_absence_reason"],
        parental_consent=aanmelding_consent(records, ConsentGiver.OUDERS),
        pupil_consent=aanmelding_consent(records, ConsentGiver.LEERLING), notes=row["notes"],
    )


# -- stage dates ----------------------------------------------------------------------------
def load_stage_dates(conn: Connection, case_id: str) -> StageDates:
    rows = conn.execute(select(case_stage_dates.c.stage, case_stage_dates.c.on_date)
                        .where(case_stage_dates.c.case_id == case_id)).all()
    return StageDates({CaseStage.from_name(stage): on for stage, on in rows})


def save_stage_dates(conn: Connection, case_id: str, stages: StageDates,
                     now: datetime) -> None:
    existing: dict[str, str] = {
        stage: record_id for stage, record_id in conn.execute(
            select(case_stage_dates.c.stage, case_stage_dates.c.id)
            .where(case_stage_dates.c.case_id == case_id))}
    _replace_children(conn, case_stage_dates, case_id, [
        {"id": existing.get(stage.name) or new_id(), "stage": stage.name, "on_date": on}
        for stage, on in stages.dates.items()
    ], now)


# -- intake ---------------------------------------------------------------------------------
def save_intake(conn: Connection, intake: IntakeRecord, now: datetime) -> None:
    answers = intake.parent_answers
    upsert(conn, intakes, {
        "id": intake.id, "case_id": intake.case_id, "held_on": intake.held_on,
        "kind": intake.kind.name, "participants": intake.participants,
        "background": intake.background, "absence_reason": intake.absence_reason,
        "needed_to_resume": intake.needed_to_resume, "involved_help": intake.involved_help,
        "school_role": intake.school_role, "risk_factors": _list_json(intake.risk_factors),
        "protective_factors": _list_json(intake.protective_factors),
        "pupil_own_words": intake.pupil_own_words,
        "parent_three_words": _list_json(answers.three_words),
        "parent_two_things": _list_json(answers.two_things),
        "parent_one_wish": answers.one_wish, "health_details": intake.health_details,
        "health_needed": intake.health_needed,
        "pupil_shares_reason": intake.pupil_shares_reason,
        "agreements": agreements_json(intake.agreements),
        "absence_function": intake.absence_function,
        "dropout_signals": ",".join(s.name for s in UitvalSignaal
                                    if s in intake.dropout_signals),
    }, now)


def load_intake(conn: Connection, case_id: str) -> IntakeRecord | None:
    """The latest intake conversation of a case."""
    row = conn.execute(select(intakes).where(intakes.c.case_id == case_id)
                       .order_by(intakes.c.held_on.desc(), intakes.c.created_at.desc())
                       ).mappings().first()
    if row is None:
        return None
    return IntakeRecord(
        id=row["id"], case_id=row["case_id"], held_on=row["held_on"],
        kind=ContactKind.from_name(row["kind"]), participants=row["participants"],
        background=row["background"], absence_reason=row["absence_reason"],
        needed_to_resume=row["needed_to_resume"], involved_help=row["involved_help"],
        school_role=row["school_role"], risk_factors=_list_from_json(row["risk_factors"]),
        protective_factors=_list_from_json(row["protective_factors"]),
        pupil_own_words=row["pupil_own_words"],
        parent_answers=ParentAnswers(three_words=_list_from_json(row["parent_three_words"]),
                                     two_things=_list_from_json(row["parent_two_things"]),
                                     one_wish=row["parent_one_wish"]),
        health_details=row["health_details"], health_needed=row["health_needed"],
        pupil_shares_reason=row["pupil_shares_reason"],
        agreements=agreements_from_json(row["agreements"]),
        absence_function=row["absence_function"],
        dropout_signals={UitvalSignaal.from_name(n)
                         for n in row["dropout_signals"].split(",") if n},
    )


# -- terugkoppeling -------------------------------------------------------------------------
def save_terugkoppeling(conn: Connection, t: Terugkoppeling, now: datetime) -> None:
    upsert(conn, terugkoppelingen, {
        "id": t.id, "case_id": t.case_id, "intake_id": t.intake_id or None,
        "conversation_date": t.conversation_date, "written_on": t.written_on,
        "pupil_age": t.pupil_age, "pupil_shares_reason": t.pupil_shares_reason,
        "summary": t.summary, "absence_reason": t.absence_reason,
        "health_details": t.health_details, "health_needed": t.health_needed,
        "agreements": agreements_json(t.agreements),
        "recipients": json.dumps([{"kind": r.kind.name, "name": r.name,
                                   "sent_on": _day(r.sent_on)} for r in t.recipients],
                                 ensure_ascii=False),
    }, now)


def load_terugkoppeling(conn: Connection, case_id: str) -> Terugkoppeling | None:
    """The latest terugkoppeling of a case."""
    row = conn.execute(select(terugkoppelingen).where(terugkoppelingen.c.case_id == case_id)
                       .order_by(terugkoppelingen.c.written_on.desc(),
                                 terugkoppelingen.c.created_at.desc())).mappings().first()
    if row is None:
        return None
    recipients = [Recipient(kind=RecipientKind.from_name(item["kind"]), name=item["name"],
                            sent_on=_parse_day(item["sent_on"]))
                  for item in json.loads(row["recipients"] or "[]")]
    return Terugkoppeling(
        id=row["id"], case_id=row["case_id"], intake_id=row["intake_id"] or "",
        conversation_date=row["conversation_date"], written_on=row["written_on"],
        pupil_age=row["pupil_age"], pupil_shares_reason=row["pupil_shares_reason"],
        summary=row["summary"], absence_reason=row["absence_reason"],
        health_details=row["health_details"], health_needed=row["health_needed"],
        agreements=agreements_from_json(row["agreements"]), recipients=recipients,
    )
