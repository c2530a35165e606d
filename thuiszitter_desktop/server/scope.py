"""What a user may see and write, by role (issue 21): the one pull filter and its second line.

- ``compute``: the rows a user may see (for a zorgcoördinator: the cases of their schools
  whose sharing with school is agreed, ``domain/consent.Step.SCHOOL``, and not closed past
  ``roles.school_may_still_see``; their pupils, the MDO meetings of those pupils or of their
  schools, and the schools themselves);
- ``pull_condition``: that scope as one condition on ``srv_rows``, so a pull stays one query;
- ``project``: the fields of a row the role receives (``domain/roles`` allow-lists);
- ``refusals``: the changes of a push the role may not make;
- ``enter``: the second line: the request's transaction switches to the role's database role
  (``SET LOCAL ROLE``) with the user's id (``thuiszitter.user_id``), after storing the user's
  cases in ``srv_scope_cases``; PostgreSQL's row-level security on ``cases`` and ``pupils``
  then shows only those rows, whatever query follows (migration ``s0002_roles``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    delete,
    false,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import insert

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.domain.consent import ConsentSituation, Step, consent_gaps
from thuiszitter_desktop.domain.model import age_on
from thuiszitter_desktop.domain.name_match import plain
from thuiszitter_desktop.domain.roles import (
    SCHOOL_CONSENT_PURPOSES,
    SCHOOL_TRANSFORMS,
    Role,
    reads,
    school_may_still_see,
    writes,
)
from thuiszitter_desktop.server.auth import Principal
from thuiszitter_desktop.server.tables import srv_rows, srv_scope_cases, srv_user_schools
from thuiszitter_desktop.storage.repo_consent import consents_by_case
from thuiszitter_desktop.storage.sync_codec import encode_value
from thuiszitter_desktop.storage.sync_scope import RECORD_COLUMNS, data_fields, table_named
from thuiszitter_desktop.storage.tables import cases, pupils, schools
from thuiszitter_desktop.storage.tables_intake import aanmeldingen
from thuiszitter_desktop.storage.tables_mdo import mdo_items, mdo_meetings, mdo_participants
from thuiszitter_desktop.storage.tables_security import anonymised_cases

DATABASE_ROLES = {Role.CONSULENT: "thuiszitter_consulent",
                  Role.ZORGCOORDINATOR: "thuiszitter_zorgcoordinator",
                  Role.TEAMLEIDER: "thuiszitter_teamleider"}


@dataclass(frozen=True)
class Scope:
    role: Role
    cases: frozenset[str] = frozenset()
    pupils: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()
    names: Mapping[str, str] = field(default_factory=dict)  # case id -> pupil's first name

    @property
    def everything(self) -> bool:
        return self.role is Role.CONSULENT

    def roots(self) -> dict[str, list[str]]:
        """What the device should hold, per root table (answer of ``/v1/scope``)."""
        return {"cases": sorted(self.cases), "pupils": sorted(self.pupils),
                "mdo_meetings": sorted(self.meetings), "schools": sorted(self.schools)}


def role_of(principal: Principal) -> Role:
    return Role.parse(principal.role)


def school_ids(conn: Connection, user_id: str) -> list[str]:
    return list(conn.execute(select(srv_user_schools.c.school_id).where(
        srv_user_schools.c.user_id == user_id).order_by(srv_user_schools.c.school_id)).scalars())


def compute(conn: Connection, principal: Principal, today: date) -> Scope:
    role = role_of(principal)
    if role is not Role.ZORGCOORDINATOR:
        return Scope(role)
    own_schools = school_ids(conn, principal.user_id)
    rows = conn.execute(
        select(cases.c.id, cases.c.closed_on, pupils.c.id.label("pupil_id"),
               pupils.c.first_name, pupils.c.birth_date)
        .join(pupils, pupils.c.id == cases.c.pupil_id)
        .where(pupils.c.school_id.in_(own_schools))).all()
    ids = [r.id for r in rows]
    anonymised = set(conn.execute(select(anonymised_cases.c.case_id).where(
        anonymised_cases.c.case_id.in_(ids))).scalars())
    routes = dict(conn.execute(select(aanmeldingen.c.case_id, aanmeldingen.c.route).where(
        aanmeldingen.c.case_id.in_(ids))).all())
    records = consents_by_case(conn, ids)
    visible: dict[str, str] = {}
    pupil_ids: set[str] = set()
    for r in rows:
        if not school_may_still_see(r.closed_on, r.id in anonymised, today):
            continue
        route = routes.get(r.id)
        situation = ConsentSituation(
            records=tuple(records.get(r.id, ())),
            leerplicht_needs_consent=(route is not None
                                      and AanmeldRoute.from_name(str(route)).needs_consent),
            pupil_age=age_on(r.birth_date, today), pupil_first_name=r.first_name)
        if not consent_gaps(situation, Step.SCHOOL, today):
            visible[r.id] = r.first_name
            pupil_ids.add(r.pupil_id)
    school_names = {plain(n) for n in conn.execute(select(schools.c.name).where(
        schools.c.id.in_(own_schools))).scalars()}
    meetings = set(conn.execute(select(mdo_items.c.mdo_id).where(
        mdo_items.c.case_id.in_(list(visible)))).scalars())
    for meeting_id, name in conn.execute(select(mdo_meetings.c.id, mdo_meetings.c.school)):
        if plain(name) and plain(name) in school_names:
            meetings.add(meeting_id)
    participants = set(conn.execute(select(mdo_participants.c.id).where(
        mdo_participants.c.mdo_id.in_(list(meetings)),
        or_(mdo_participants.c.case_id.is_(None),
            mdo_participants.c.case_id.in_(list(visible))))).scalars())
    return Scope(role, frozenset(visible), frozenset(pupil_ids), frozenset(meetings),
                 frozenset(participants), frozenset(own_schools), visible)


def enter(conn: Connection, principal: Principal, today: date) -> Scope:
    """The scope of this request, and the transaction switched to the user's database role."""
    scope = compute(conn, principal, today)
    if scope.role is Role.ZORGCOORDINATOR:
        conn.execute(delete(srv_scope_cases).where(
            srv_scope_cases.c.user_id == principal.user_id,
            srv_scope_cases.c.case_id.not_in(list(scope.cases))))
        if scope.cases:
            conn.execute(insert(srv_scope_cases).values(
                [{"user_id": principal.user_id, "case_id": c} for c in scope.cases]
            ).on_conflict_do_nothing())
    conn.execute(text(f"SET LOCAL ROLE {DATABASE_ROLES[scope.role]}"))
    conn.execute(text("SELECT set_config('thuiszitter.user_id', :user, true)"),
                 {"user": principal.user_id})
    return scope


@cache
def _case_bound(role: Role) -> tuple[str, ...]:
    readable = reads(role) or {}
    return tuple(name for name in readable
                 if name == "cases" or ((t := table_named(name)) is not None
                                        and "case_id" in t.c and name != "mdo_participants"))


def pull_condition(scope: Scope) -> ColumnElement[bool]:
    """The scope as a condition on ``srv_rows`` (tombstones of a case's rows included)."""
    if scope.everything:
        return true()
    if scope.role is not Role.ZORGCOORDINATOR:
        return false()
    c = srv_rows.c
    return or_(
        and_(c.table_name.in_(_case_bound(scope.role)), c.case_id.in_(list(scope.cases))),
        and_(c.table_name == "pupils", c.row_id.in_(list(scope.pupils))),
        and_(c.table_name == "schools", c.row_id.in_(list(scope.schools))),
        and_(c.table_name == "mdo_meetings", c.row_id.in_(list(scope.meetings))),
        and_(c.table_name == "mdo_participants", c.row_id.in_(list(scope.participants))),
    )


def blank(table: Table, name: str) -> Any:
    """The value a withheld column gets on the device: its default, or nothing."""
    column = table.c[name]
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return encode_value(default.arg)  # type: ignore[attr-defined]
    if column.nullable:
        return None
    raise ValueError(f"{table.name}.{name} cannot be withheld: no default and not nullable")


def project(scope: Scope, table: Table, values: dict[str, Any]) -> dict[str, Any] | None:
    """The row as the role receives it, or None when the role receives no such row."""
    if scope.everything:
        return values
    allowed = (reads(scope.role) or {}).get(table.name)
    if allowed is None:
        return None
    if table.name == "consents" and values.get("purpose") not in SCHOOL_CONSENT_PURPOSES:
        return None
    shown = {k: v for k, v in values.items() if k == "id" or k in RECORD_COLUMNS}
    for name in data_fields(table):
        if name in allowed:
            transform = SCHOOL_TRANSFORMS.get((table.name, name))
            shown[name] = transform(values.get(name)) if transform else values.get(name)
        else:
            shown[name] = blank(table, name)
    return shown


# -- pushes -----------------------------------------------------------------------------------
ROLE_MAY = {
    Role.ZORGCOORDINATOR: "Als zorgcoördinator legt u alleen MDO-voorstellen en de inbreng van "
                          "school vast, voor leerlingen van uw school(en) met toestemming om "
                          "met school te delen.",
    Role.TEAMLEIDER: "Als teamleider ziet u alleen de cijfers van het team en wijzigt u geen "
                     "gegevens van leerlingen.",
}
OUT_OF_SCOPE = ("Deze leerling hoort niet (meer) bij uw school, of er is geen toestemming om "
                "gegevens met school te delen.")


def refusals(scope: Scope, changes: Iterable[dict[str, Any]],
             current: Mapping[tuple[str, str], dict[str, Any]]) -> list[dict[str, str]]:
    """Each change the role may not make, with the Dutch reason (empty: all allowed)."""
    if scope.everything:
        return []
    writable = writes(scope.role) or {}
    refused = []
    for change in changes:
        name, row_id = str(change.get("table")), str(change.get("id"))
        before = current.get((name, row_id))
        reason = _refusal(scope, writable, name, change, before)
        if reason:
            case_id = (change.get("values") or before or {}).get("case_id")
            refused.append({"table": name, "id": row_id, "reden": reason,
                            "case_id": str(case_id or "")})
    return refused


def _refusal(scope: Scope, writable: Mapping[str, frozenset[str]], name: str,
             change: dict[str, Any], current: dict[str, Any] | None) -> str:
    table = table_named(name)
    fields = writable.get(name)
    if table is None or fields is None:
        return ROLE_MAY[scope.role]
    for record in (current, change.get("values")):
        if record is not None and str(record.get("case_id")) not in scope.cases:
            return OUT_OF_SCOPE
    if change.get("op") == "delete":
        return ""
    values = change.get("values") or {}
    base = change.get("base") or {}
    for column in data_fields(table):
        if column in fields:
            continue
        before = base.get(column) if change.get("base") else blank(table, column)
        if values.get(column, before) != before:
            return ROLE_MAY[scope.role]
    return ""


def refused_cases(refused: Iterable[dict[str, str]]) -> list[str]:
    """For the audit: the cases a refused push tried to touch."""
    return [r["case_id"] for r in refused if r.get("case_id")]
