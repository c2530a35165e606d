"""Repository for pupils, cases, contact moments and involved professionals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    RowMapping,
    Select,
    String,
    and_,
    exists,
    func,
    or_,
    select,
    type_coerce,
)

from thuiszitter_desktop.domain.definitions import EDUCATION_THRESHOLD
from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.school import linked_school
from thuiszitter_desktop.domain.vocab import (
    CONVERSATION_KINDS,
    CaseStage,
    ClosingReason,
    ContactKind,
    HuidigeSituatie,
    KearneyTier,
    Labelled,
    Ondersteuningsvraag,
    Onderwijstype,
    OppStatus,
    ProfessionalRole,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    VrijstellingAdvies,
    Wachtlijst,
)
from thuiszitter_desktop.storage import repo_school
from thuiszitter_desktop.storage.rows import (
    E,
    delete_rows,
    enum_by_name,
    enum_name,
    upsert,
)
from thuiszitter_desktop.storage.tables import (
    cases,
    contact_moments,
    involved_professionals,
    pupils,
)
from thuiszitter_desktop.storage.tables_seed_rules import situation_changes


class NotFoundError(LookupError):
    """A record that should exist does not (a bug or a concurrent delete)."""


# -- pupils ---------------------------------------------------------------------------------
def pupil_values(pupil: Pupil) -> dict[str, Any]:
    return {
        "id": pupil.id, "first_name": pupil.first_name.strip(),
        "last_name": pupil.last_name.strip(), "birth_date": pupil.birth_date,
        "school": pupil.school.strip(), "leerjaar": pupil.leerjaar.strip(),
        "onderwijstype": pupil.onderwijstype.name, "address": pupil.address,
        "gemeente": pupil.gemeente.strip(), "swv": pupil.swv.strip(),
        "school_id": pupil.school_id,
    }


# The order ``pupil_from_values`` unpacks (every column but the record columns).
_PUPIL_READ = ("id", "first_name", "last_name", "birth_date", "school", "leerjaar",
               "onderwijstype", "address", "gemeente", "swv", "school_id")


def pupil_from_values(values: Sequence[Any]) -> Pupil:
    """A pupil from stored values in ``_PUPIL_READ`` order, dates raw (``STORED_DATES``)."""
    (pupil_id, first_name, last_name, birth_date, school, leerjaar, onderwijstype, address,
     gemeente, swv, school_id) = values
    return Pupil(
        id=pupil_id, first_name=first_name, last_name=last_name,
        birth_date=STORED_DATES[birth_date], school=school, leerjaar=leerjaar,
        onderwijstype=_ONDERWIJSTYPE[onderwijstype], address=address, gemeente=gemeente,
        swv=swv, school_id=school_id,
    )


def save_pupil(conn: Connection, pupil: Pupil, now: datetime) -> None:
    stored = conn.execute(select(pupils.c.school, pupils.c.school_id).where(
        pupils.c.id == pupil.id)).first()
    pupil.school_id = linked_school(pupil.school, stored.school_id if stored else pupil.school_id,
                                    stored.school if stored else pupil.school,
                                    repo_school.list_schools(conn))
    upsert(conn, pupils, pupil_values(pupil), now)


def get_pupil(conn: Connection, pupil_id: str) -> Pupil:
    row = conn.execute(select(*_PUPIL_SELECT).where(pupils.c.id == pupil_id)).first()
    if row is None:
        raise NotFoundError(pupil_id)
    return pupil_from_values(row)


# -- cases ----------------------------------------------------------------------------------
def case_values(case: Case) -> dict[str, Any]:
    return {
        "id": case.id, "pupil_id": case.pupil_id, "aanmelding_date": case.aanmelding_date,
        "home_since": case.home_since, "verzuim_type": case.verzuim_type.name,
        "education_percentage": case.education_percentage, "regie": case.regie.name,
        "casusverantwoordelijke": case.casusverantwoordelijke.strip(),
        "consulent": case.consulent.strip(), "stage": case.stage.name,
        "first_contact_date": case.first_contact_date, "goals_set_date": case.goals_set_date,
        "passend_aanbod_date": case.passend_aanbod_date,
        "passend_aanbod_kind": case.passend_aanbod_kind,
        "ondersteuningsvraag": enum_name(case.ondersteuningsvraag),
        "huidige_situatie": enum_name(case.huidige_situatie),
        "wachtlijst": case.wachtlijst.name,
        "stagnatie_oorzaak": enum_name(case.stagnatie_oorzaak),
        "closed_on": case.closed_on, "closing_reason": enum_name(case.closing_reason),
        "closing_note": case.closing_note, "notes": case.notes,
        "extra_ondersteuningsvragen": names_text(case.extra_ondersteuningsvragen),
        "extra_situaties": names_text(case.extra_situaties),
        "opp_status": enum_name(case.opp_status), "opp_date": case.opp_date,
        "opp_review_date": case.opp_review_date,
        "kearney_tier": enum_name(case.kearney_tier),
        "vrijstelling_advies": enum_name(case.vrijstelling_advies),
        "vrijstelling_advies_date": case.vrijstelling_advies_date,
    }


def names_text(members: Iterable[Labelled]) -> str:
    """Enum members as a comma list of their names (how short multiple choices are stored)."""
    return ",".join(member.name for member in members)


def members_from_text(cls: type[E], text: str | None) -> tuple[E, ...]:
    return tuple(enum_by_name(cls, name) for name in (text or "").split(",") if name)


# The order ``case_from_values`` unpacks (every column but the record columns).
_CASE_READ = (
    "id", "pupil_id", "aanmelding_date", "home_since", "verzuim_type", "education_percentage",
    "regie", "casusverantwoordelijke", "consulent", "stage", "first_contact_date",
    "goals_set_date", "passend_aanbod_date", "passend_aanbod_kind", "ondersteuningsvraag",
    "huidige_situatie", "wachtlijst", "stagnatie_oorzaak", "closed_on", "closing_reason",
    "closing_note", "notes", "extra_ondersteuningsvragen", "extra_situaties", "opp_status",
    "opp_date", "opp_review_date", "kearney_tier", "vrijstelling_advies",
    "vrijstelling_advies_date")


def case_from_values(values: Sequence[Any]) -> Case:
    """A case from stored values in ``_CASE_READ`` order, dates raw (``STORED_DATES``).

    Positional and through plain dicts: it runs for every case of the overview, where reading
    rows by name through SQLAlchemy cost more than the read itself (bench/).
    """
    (case_id, pupil_id, aanmelding, home, verzuim, percentage, regie, verantwoordelijke,
     consulent, stage, contact, goals, aanbod, aanbod_kind, vraag, situatie, wachtlijst,
     stagnatie, closed, reason, closing_note, notes, extra_vragen, extra_situaties,
     opp_status, opp_date, opp_review, kearney, advies, advies_date) = values
    dates = STORED_DATES
    return Case(
        id=case_id, pupil_id=pupil_id, aanmelding_date=dates[aanmelding],
        home_since=dates[home] if home else None, verzuim_type=_VERZUIM[verzuim],
        education_percentage=percentage, regie=_REGIE[regie],
        casusverantwoordelijke=verantwoordelijke, consulent=consulent, stage=_STAGE[stage],
        first_contact_date=dates[contact] if contact else None,
        goals_set_date=dates[goals] if goals else None,
        passend_aanbod_date=dates[aanbod] if aanbod else None, passend_aanbod_kind=aanbod_kind,
        ondersteuningsvraag=_VRAAG[vraag] if vraag else None,
        huidige_situatie=_SITUATIE[situatie] if situatie else None,
        wachtlijst=_WACHTLIJST[wachtlijst],
        stagnatie_oorzaak=_STAGNATIE[stagnatie] if stagnatie else None,
        closed_on=dates[closed] if closed else None,
        closing_reason=_REASON[reason] if reason else None,
        closing_note=closing_note, notes=notes,
        extra_ondersteuningsvragen=members_from_text(Ondersteuningsvraag, extra_vragen)
        if extra_vragen else (),
        extra_situaties=members_from_text(HuidigeSituatie, extra_situaties)
        if extra_situaties else (),
        opp_status=enum_by_name(OppStatus, opp_status) if opp_status else None,
        opp_date=dates[opp_date] if opp_date else None,
        opp_review_date=dates[opp_review] if opp_review else None,
        kearney_tier=enum_by_name(KearneyTier, kearney) if kearney else None,
        vrijstelling_advies=enum_by_name(VrijstellingAdvies, advies) if advies else None,
        vrijstelling_advies_date=dates[advies_date] if advies_date else None,
    )


def save_case(conn: Connection, case: Case, now: datetime) -> None:
    upsert(conn, cases, case_values(case), now)


def get_case(conn: Connection, case_id: str) -> Case:
    row = conn.execute(select(*_CASE_SELECT).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotFoundError(case_id)
    return case_from_values(row)


@dataclass(frozen=True, slots=True)
class CaseWithPupil:
    case: Case
    pupil: Pupil


# Timestamps and the sync counter are not part of the domain objects: reading them would only
# cost time (parsing six timestamps per row was a fifth of the overview's load, see bench/).
RECORD_COLUMNS = frozenset({"created_at", "updated_at", "version"})


class _SharedDates(dict[str | date, date]):
    """A stored date as a date, made once per distinct value (a C-level look-up after that).

    The raw driver value is ISO text on SQLite (parsed here) and already a date on PostgreSQL
    (the team server), so the same query serves both.
    """

    def __missing__(self, raw: str | date) -> date:
        day = self[raw] = raw if isinstance(raw, date) else date.fromisoformat(raw)
        return day


# Shared by every read of cases (and the other reads that take raw dates, ``raw_dates``): a
# caseload has a few thousand distinct dates at most, and the objects the overview and the
# figures walk through stay few and close together.
STORED_DATES = _SharedDates()


def _members(cls: type[E]) -> dict[str, E]:
    return {member.name: member for member in cls}


_VERZUIM, _REGIE, _STAGE, _VRAAG, _SITUATIE, _WACHTLIJST, _STAGNATIE, _REASON = (
    _members(VerzuimType), _members(Regie), _members(CaseStage), _members(Ondersteuningsvraag),
    _members(HuidigeSituatie), _members(Wachtlijst), _members(StagnatieOorzaak),
    _members(ClosingReason))
_ONDERWIJSTYPE = _members(Onderwijstype)


def raw_dates(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The driver's raw value of a date column, for ``STORED_DATES`` to parse (in C, once per
    distinct date) instead of SQLAlchemy, row by row."""
    return type_coerce(column, String) if isinstance(column.type, Date) else column


_CASE_SELECT = [raw_dates(cases.c[name]).label(name) for name in _CASE_READ]
_PUPIL_SELECT = [raw_dates(pupils.c[name]).label(f"p_{name}") for name in _PUPIL_READ]


def cases_query(include_closed: bool = False, case_ids: Iterable[str] | None = None,
                born_on: date | None = None, oldest: int | None = None) -> Select[Any]:
    """The query behind ``list_cases``: cases joined with their pupil (columns ``p_*``)."""
    query = select(*_CASE_SELECT, *_PUPIL_SELECT).join(pupils, pupils.c.id == cases.c.pupil_id)
    if not include_closed:
        query = query.where(cases.c.closed_on.is_(None))
    if case_ids is not None:
        query = query.where(cases.c.id.in_(list(case_ids)))
    if born_on is not None:
        query = query.where(pupils.c.birth_date == born_on)
    if oldest is not None:
        query = query.order_by(cases.c.aanmelding_date, cases.c.id).limit(oldest)
    return query


def list_cases(conn: Connection, include_closed: bool = False,
               case_ids: Iterable[str] | None = None,
               born_on: date | None = None, oldest: int | None = None) -> list[CaseWithPupil]:
    """Cases with their pupil in one query (the overview's only read); with ``born_on``,
    only those of pupils born that day; with ``oldest``, only that many, registered longest
    ago first."""
    return cases_from(conn, cases_query(include_closed, case_ids, born_on, oldest))


def cases_from(conn: Connection, query: Select[Any]) -> list[CaseWithPupil]:
    """The cases with their pupil that ``query`` (a ``cases_query``, narrowed) finds."""
    split = len(_CASE_READ)
    # All rows at once: one by one, SQLAlchemy's fetching costs as much as the read itself.
    return [CaseWithPupil(case_from_values(row[:split]), pupil_from_values(row[split:]))
            for row in conn.execute(query).all()]


def count_open_cases(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(cases)
                            .where(cases.c.closed_on.is_(None))).scalar_one())


# Figures and the anonymised export never show a name, an address or free text: reading them
# would only cost time (a third of the read at 50,000 cases) and put them in memory for nothing.
_LEFT_OUT = ("casusverantwoordelijke", "consulent", "passend_aanbod_kind", "closing_note", "notes")
_ANONYMOUS_PUPIL = ["birth_date", "school", "onderwijstype", "gemeente", "swv"]


def anonymous_cases(conn: Connection, still_relevant_on: date | None = None, *,
                    closed_only: bool = False) -> list[tuple[Pupil, Case]]:
    """Every case (closed ones too) with its pupil, without names, address or free text.

    For policy figures and the anonymised export only: the left-out fields are empty.
    With ``still_relevant_on``, cases that can no longer count from that day on are skipped in
    SQL (see ``_relevant_since``): for figures of the quarters from that day on. With
    ``closed_only``, only closed cases (when the open ones are already in memory).
    """
    query = select(*_ANONYMOUS_SELECT).join(pupils, pupils.c.id == cases.c.pupil_id)
    if still_relevant_on is not None:
        query = query.where(_relevant_since(still_relevant_on))
    if closed_only:
        query = query.where(cases.c.closed_on.is_not(None))
    # Plain tuples and ISO strings parsed in C: building two objects per row is the whole cost
    # of this read (0.6 s at 50,000 cases through mappings and SQLAlchemy's date parsing).
    # Dates and place names repeat across a caseload: each distinct one is made once and
    # shared, which keeps the objects the figures walk through few and close together.
    to_date = STORED_DATES.__getitem__
    texts: dict[str, str] = {}
    shared_text = texts.setdefault
    # Several causes per pupil (seed 004, B4.1): each stored list is parsed once.
    causes: dict[str, tuple[Ondersteuningsvraag, ...]] = {}
    no_date = None
    # The shared name → member tables, as locals (a look-up per row each).
    verzuim, regie, stage, support, situation, waiting, stagnation, reason, schooltype = (
        _VERZUIM, _REGIE, _STAGE, _VRAAG, _SITUATIE, _WACHTLIJST, _STAGNATIE, _REASON,
        _ONDERWIJSTYPE)
    result = []
    for (case_id, pupil_id, aanmelding, home, verzuim_name, percentage, regie_name, stage_name,
         contact, goals, aanbod, support_name, situation_name, waiting_name, stagnation_name,
         closed, reason_name, more_causes, birth, school, schooltype_name, gemeente, swv
         ) in conn.execute(query).all():
        extra = causes.get(more_causes)
        if extra is None:
            extra = causes[more_causes] = members_from_text(Ondersteuningsvraag, more_causes)
        pupil = Pupil(id=pupil_id, first_name="", last_name="", birth_date=to_date(birth),
                      school=shared_text(school, school),
                      onderwijstype=schooltype[schooltype_name],
                      gemeente=shared_text(gemeente, gemeente), swv=shared_text(swv, swv))
        case = Case(
            id=case_id, pupil_id=pupil_id, aanmelding_date=to_date(aanmelding),
            home_since=to_date(home) if home else no_date,
            verzuim_type=verzuim[verzuim_name], education_percentage=percentage,
            regie=regie[regie_name], stage=stage[stage_name],
            first_contact_date=to_date(contact) if contact else no_date,
            goals_set_date=to_date(goals) if goals else no_date,
            passend_aanbod_date=to_date(aanbod) if aanbod else no_date,
            ondersteuningsvraag=support[support_name] if support_name else None,
            extra_ondersteuningsvragen=extra,
            huidige_situatie=situation[situation_name] if situation_name else None,
            wachtlijst=waiting[waiting_name],
            stagnatie_oorzaak=stagnation[stagnation_name] if stagnation_name else None,
            closed_on=to_date(closed) if closed else no_date,
            closing_reason=reason[reason_name] if reason_name else None,
        )
        result.append((pupil, case))
    return result


# The columns ``anonymous_cases`` unpacks, in that order; dates as the driver's raw value.
_FIGURE_CASE_COLUMNS = (
    "id", "pupil_id", "aanmelding_date", "home_since", "verzuim_type", "education_percentage",
    "regie", "stage", "first_contact_date", "goals_set_date", "passend_aanbod_date",
    "ondersteuningsvraag", "huidige_situatie", "wachtlijst", "stagnatie_oorzaak", "closed_on",
    "closing_reason", "extra_ondersteuningsvragen")
_ANONYMOUS_SELECT = [
    *[raw_dates(cases.c[n]) for n in _FIGURE_CASE_COLUMNS],
    *[raw_dates(pupils.c[n]) for n in _ANONYMOUS_PUPIL],
]


def _relevant_since(day: date) -> ColumnElement[bool]:
    """Cases that may still count in a figure of a period starting on ``day`` or later.

    A closed case counts (span, running, durations, flow) only up to its closing day, and a
    target result is decided on the latest of the aanmelding, the met date (first contact,
    goals, passend aanbod or the closing day) or a missed due date, which lies before the
    closing day. So a case closed before ``day`` with all those dates before ``day`` cannot
    appear; and a case at 50% education or more never counts under any definition.
    """
    c = cases.c
    return and_(
        # A case with a history may have counted while below 50%, whatever it is today.
        or_(c.education_percentage < EDUCATION_THRESHOLD,
            exists().where(situation_changes.c.case_id == c.id)),
        or_(c.closed_on.is_(None), c.closed_on >= day, c.aanmelding_date >= day,
            c.first_contact_date >= day, c.goals_set_date >= day,
            c.passend_aanbod_date >= day),
    )


# -- contact moments ------------------------------------------------------------------------
def save_contact(conn: Connection, contact: ContactMoment, now: datetime) -> None:
    upsert(conn, contact_moments, {
        "id": contact.id, "case_id": contact.case_id, "on_date": contact.on,
        "kind": contact.kind.name, "with_pupil_or_parents": contact.with_pupil_or_parents,
        "participants": contact.participants, "notes": contact.notes,
        "care_provider_id": contact.care_provider_id, "kind_assumed": contact.kind_assumed,
    }, now)


def delete_contact(conn: Connection, contact_id: str) -> None:
    delete_rows(conn, contact_moments, contact_moments.c.id == contact_id)


def list_contacts(conn: Connection, case_id: str) -> list[ContactMoment]:
    rows = conn.execute(
        select(contact_moments).where(contact_moments.c.case_id == case_id)
        .order_by(contact_moments.c.on_date.desc())
    ).mappings()
    return [_contact_from_row(r) for r in rows]


def get_contact(conn: Connection, contact_id: str) -> ContactMoment:
    row = conn.execute(select(contact_moments).where(contact_moments.c.id == contact_id)
                       ).mappings().first()
    if row is None:
        raise NotFoundError(contact_id)
    return _contact_from_row(row)


def _contact_from_row(r: RowMapping) -> ContactMoment:
    return ContactMoment(id=r["id"], case_id=r["case_id"], on=r["on_date"],
                         kind=ContactKind.from_name(r["kind"]),
                         with_pupil_or_parents=r["with_pupil_or_parents"],
                         participants=r["participants"], notes=r["notes"],
                         care_provider_id=r["care_provider_id"],
                         kind_assumed=r["kind_assumed"])


def family_conversation() -> ColumnElement[bool]:
    """Contacts that stop the first-contact clock: a conversation with pupil or parents."""
    return and_(contact_moments.c.with_pupil_or_parents.is_(True),
                contact_moments.c.kind.in_(sorted(CONVERSATION_KINDS)))


def first_contact_date(conn: Connection, case_id: str) -> date | None:
    """The earliest conversation with pupil or parents: what stops the two-week clock."""
    from sqlalchemy import func

    value: date | None = conn.execute(
        select(func.min(contact_moments.c.on_date)).where(
            contact_moments.c.case_id == case_id, family_conversation())
    ).scalar_one_or_none()
    return value


# -- involved professionals -----------------------------------------------------------------
def save_professional(conn: Connection, person: InvolvedProfessional, now: datetime) -> None:
    upsert(conn, involved_professionals, {
        "id": person.id, "case_id": person.case_id, "name": person.name.strip(),
        "role": person.role.name, "organisation": person.organisation.strip(),
        "phone": person.phone.strip(), "email": person.email.strip(),
    }, now)


def delete_professional(conn: Connection, person_id: str) -> None:
    delete_rows(conn, involved_professionals, involved_professionals.c.id == person_id)


def list_professionals(conn: Connection, case_id: str) -> list[InvolvedProfessional]:
    rows = conn.execute(
        select(involved_professionals).where(involved_professionals.c.case_id == case_id)
        .order_by(involved_professionals.c.name)
    ).mappings()
    return [
        InvolvedProfessional(id=r["id"], case_id=r["case_id"], name=r["name"],
                             role=ProfessionalRole.from_name(r["role"]),
                             organisation=r["organisation"], phone=r["phone"], email=r["email"])
        for r in rows
    ]
