"""Repository of schools as records, MDO proposals and the school's input (issue 21)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, RowMapping, func, select

from thuiszitter_desktop.domain.school import School
from thuiszitter_desktop.domain.school_share import MdoProposal, ProposalStatus, SchoolInput
from thuiszitter_desktop.storage.rows import enum_by_name, update_rows, upsert
from thuiszitter_desktop.storage.tables import pupils, schools
from thuiszitter_desktop.storage.tables_roles import mdo_proposals, school_inputs


# -- schools ----------------------------------------------------------------------------------
def _school(r: RowMapping) -> School:
    return School(id=r["id"], name=r["name"], brin=r["brin"], vestiging=r["vestiging"],
                  gemeente=r["gemeente"])


def list_schools(conn: Connection) -> list[School]:
    return [_school(r) for r in conn.execute(select(schools).order_by(
        func.lower(schools.c.name))).mappings()]


def get_school(conn: Connection, school_id: str) -> School | None:
    row = conn.execute(select(schools).where(schools.c.id == school_id)).mappings().first()
    return _school(row) if row is not None else None


def save_school(conn: Connection, school: School, now: datetime) -> None:
    upsert(conn, schools, {"id": school.id, "name": school.name, "brin": school.brin,
                           "vestiging": school.vestiging, "gemeente": school.gemeente}, now)


def unmapped_school_texts(conn: Connection) -> list[tuple[str, int]]:
    """Free-text schools on pupils without a school record, with how many pupils have each."""
    rows = conn.execute(select(pupils.c.school, func.count()).where(
        pupils.c.school_id.is_(None), pupils.c.school != "").group_by(pupils.c.school)
        .order_by(func.lower(pupils.c.school)))
    return [(str(text), int(count)) for text, count in rows]


def map_school_text(conn: Connection, text: str, school_id: str, now: datetime) -> int:
    """Point every pupil with exactly this text (and no record yet) to the school; the text
    itself stays on the pupil. Returns the number of pupils."""
    where = (pupils.c.school == text, pupils.c.school_id.is_(None))
    count = int(conn.execute(select(func.count()).select_from(pupils).where(*where))
                .scalar_one())
    update_rows(conn, pupils, {"school_id": school_id}, now, *where)
    return count


# -- proposals and input ----------------------------------------------------------------------
def _proposal(r: RowMapping) -> MdoProposal:
    return MdoProposal(id=r["id"], case_id=r["case_id"], question=r["question"],
                       proposed_by=r["proposed_by"], proposed_on=r["proposed_on"],
                       status=enum_by_name(ProposalStatus, r["status"]), mdo_id=r["mdo_id"])


def save_proposal(conn: Connection, proposal: MdoProposal, now: datetime) -> None:
    upsert(conn, mdo_proposals, {
        "id": proposal.id, "case_id": proposal.case_id, "question": proposal.question.strip(),
        "proposed_by": proposal.proposed_by, "proposed_on": proposal.proposed_on,
        "status": proposal.status.name, "mdo_id": proposal.mdo_id}, now)


def proposals(conn: Connection, case_ids: Iterable[str] | None = None,
              only_open: bool = False) -> list[MdoProposal]:
    query = select(mdo_proposals).order_by(mdo_proposals.c.proposed_on,
                                           mdo_proposals.c.created_at)
    if case_ids is not None:
        query = query.where(mdo_proposals.c.case_id.in_(list(case_ids)))
    if only_open:
        query = query.where(mdo_proposals.c.status == ProposalStatus.OPEN.name)
    return [_proposal(r) for r in conn.execute(query).mappings()]


def plan_proposals(conn: Connection, case_ids: Iterable[str], mdo_id: str,
                   now: datetime) -> list[str]:
    """Open proposals of these cases are now on this meeting's agenda; returns their ids."""
    found = proposals(conn, case_ids, only_open=True)
    for proposal in found:
        proposal.status, proposal.mdo_id = ProposalStatus.INGEPLAND, mdo_id
        save_proposal(conn, proposal, now)
    return [p.id for p in found]


def _input(r: RowMapping) -> SchoolInput:
    return SchoolInput(id=r["id"], case_id=r["case_id"], on_date=r["on_date"],
                       attendance=r["attendance"], tried=r["tried"], needs=r["needs"],
                       written_by=r["written_by"])


def save_input(conn: Connection, item: SchoolInput, now: datetime) -> None:
    upsert(conn, school_inputs, {
        "id": item.id, "case_id": item.case_id, "on_date": item.on_date,
        "attendance": item.attendance.strip(), "tried": item.tried.strip(),
        "needs": item.needs.strip(), "written_by": item.written_by}, now)


def inputs(conn: Connection, case_ids: Iterable[str] | None = None) -> list[SchoolInput]:
    query = select(school_inputs).order_by(school_inputs.c.on_date.desc(),
                                           school_inputs.c.created_at.desc())
    if case_ids is not None:
        query = query.where(school_inputs.c.case_id.in_(list(case_ids)))
    return [_input(r) for r in conn.execute(query).mappings()]

