"""Fictitious caseloads of any size, written into a vault with bulk inserts.

The cases come from the demo generator (every stage, realistic dates, plans for cases with
goals); on top of that a large caseload gets more schools and consulenten, a few contact moments
per case, MDOs with pupils on their agenda and audit lines. Rows are inserted with
``executemany`` in one transaction: generation is not what the benchmark measures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table

from thuiszitter_desktop.domain.mdo import MdoOutcome, MdoRole
from thuiszitter_desktop.domain.model import ContactMoment, new_id
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.services.demo import FIRST_NAMES, LAST_NAMES, build_demo_cases
from thuiszitter_desktop.services.demo_case import DemoCase
from thuiszitter_desktop.services.demo_plan import demo_plans
from thuiszitter_desktop.storage import repo_audit, repo_cases, repo_plan
from thuiszitter_desktop.storage.repo_mdo import outcome_to_json
from thuiszitter_desktop.storage.tables import (
    audit_log,
    cases,
    contact_moments,
    involved_professionals,
    pupils,
)
from thuiszitter_desktop.storage.tables_mdo import mdo_items, mdo_meetings, mdo_participants
from thuiszitter_desktop.storage.tables_plan import plan_clocks, plan_versions
from thuiszitter_desktop.storage.tables_reminders import case_episodes
from thuiszitter_desktop.storage.vault import Vault

PLACES = ("Rivierstad", "Polderdorp", "Heuvelrug-Oost", "Dijkzicht", "Molenwaard",
          "Zandhoven", "Kreekdal", "Lindeburg", "Veenhuizen-Zuid", "Ooievaarsveld")
CASES_PER_SCHOOL = 60
CASES_PER_CONSULENT = 120
CASES_PER_MDO = 25
PUPILS_PER_MDO = 6
AGENDA_PUPILS = 20
AUDIT_LINES_PER_CASE = 3
# Tables in foreign-key order.
TABLE_ORDER: tuple[Table, ...] = (pupils, cases, case_episodes, contact_moments,
                                  involved_professionals, plan_versions, plan_clocks,
                                  mdo_meetings, mdo_participants, mdo_items, audit_log)
REOPENED_SHARE = 0.05  # open cases that went back to school once and were reopened
CHUNK = 5_000


@dataclass(frozen=True)
class Landmarks:
    """Records of a written caseload that the measurements work on."""

    pupil_name: str  # an enrolled pupil, for the search keystrokes
    plan_case_id: str  # a case with a plan van aanpak
    agenda_mdo_id: str  # an MDO with 20 pupils


@dataclass
class Caseload:
    """Rows per table name, plus the records the benchmark works on."""

    size: int
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    agenda_mdo_id: str = ""
    plan_case_id: str = ""

    def count(self, table: Table) -> int:
        return self.count_rows(table.name)

    def landmarks(self) -> Landmarks:
        """What the measurements need once the rows are written (the rows themselves are not
        kept: hundreds of thousands of dicts would weigh on the process being measured)."""
        pupil = next(row for row in self.rows["pupils"] if row["school"])
        return Landmarks(f"{pupil['first_name']} {pupil['last_name']}", self.plan_case_id,
                         self.agenda_mdo_id)

    def count_rows(self, table_name: str) -> int:
        return len(self.rows.get(table_name, []))


def school_names(size: int) -> list[str]:
    """About one school per 60 cases (at least the demo's seven), fictitious."""
    bases = sorted({item.pupil.school for item in build_demo_cases(date(2026, 1, 1), 7)})
    wanted = max(len(bases), size // CASES_PER_SCHOOL)
    names = []
    for i in range(wanted):
        base, place = bases[i % len(bases)], PLACES[(i // len(bases)) % len(PLACES)]
        round_ = i // (len(bases) * len(PLACES))
        names.append(f"{base} {place}" + (f" {round_ + 1}" if round_ else ""))
    return names


def consulent_names(size: int) -> list[str]:
    wanted = max(3, size // CASES_PER_CONSULENT)
    return [f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7) % len(LAST_NAMES)]}"
            for i in range(wanted)]


def _stamp(values: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {**values, "created_at": now, "updated_at": now, "version": 1}


def _spread(items: list[DemoCase], size: int, rng: random.Random) -> None:
    """Give a large caseload many schools and consulenten (the demo has seven and three)."""
    schools, consulenten = school_names(size), consulent_names(size)
    for index, item in enumerate(items):
        if item.pupil.school:
            item.pupil.school = schools[rng.randrange(len(schools))]
        item.case.consulent = consulenten[index % len(consulenten)]


def _contacts(item: DemoCase, today: date, rng: random.Random) -> list[ContactMoment]:
    """The demo's contacts plus follow-ups for cases past their first contact."""
    found = list(item.contacts)
    first = item.case.first_contact_date
    if first is None:
        return found
    end = item.case.closed_on or today
    for _ in range(rng.randint(1, 5)):
        span = max(0, (end - first).days)
        found.append(ContactMoment(
            case_id=item.case.id, on=first + timedelta(days=rng.randint(0, span)),
            kind=rng.choice(list(ContactKind)), with_pupil_or_parents=rng.random() < 0.6,
            participants="Leerling, ouders, mentor", notes="Voortgang besproken.",
        ))
    return found


def _episode(item: DemoCase, today: date, rng: random.Random) -> dict[str, Any] | None:
    """For some open cases of at least six weeks: closed for a while, then reopened."""
    case = item.case
    age = (today - case.aanmelding_date).days
    if not case.is_open or age < 42 or rng.random() >= REOPENED_SHARE / 0.5:
        return None  # (about half of the open cases are that old)
    closed = case.aanmelding_date + timedelta(days=rng.randint(14, age // 2))
    return {"id": new_id(), "case_id": case.id,
            "reopened_on": closed + timedelta(days=rng.randint(7, (today - closed).days)),
            "previous_closed_on": closed, "previous_closing_reason": "TERUG_OP_SCHOOL",
            "previous_home_since": case.home_since, "previous_goals_set_date": None,
            "previous_passend_aanbod_date": None}


def _case_rows(items: list[DemoCase], today: date, now: datetime,
               rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLE_ORDER}
    for item in items:
        rows["pupils"].append(_stamp(repo_cases.pupil_values(item.pupil), now))
        rows["cases"].append(_stamp(repo_cases.case_values(item.case), now))
        episode = _episode(item, today, rng)
        if episode is not None:
            rows["case_episodes"].append(_stamp(episode, now))
        for c in _contacts(item, today, rng):
            rows["contact_moments"].append(_stamp({
                "id": c.id, "case_id": c.case_id, "on_date": c.on, "kind": c.kind.name,
                "with_pupil_or_parents": c.with_pupil_or_parents,
                "participants": c.participants, "notes": c.notes,
            }, now))
        for p in item.professionals:
            rows["involved_professionals"].append(_stamp({
                "id": p.id, "case_id": p.case_id, "name": p.name, "role": p.role.name,
                "organisation": p.organisation, "phone": p.phone, "email": p.email,
            }, now))
        plans = demo_plans(item, today)
        for plan in plans:
            rows["plan_versions"].append(_stamp(repo_plan.version_values(plan), now))
        if plans:  # as the app stores them: the newest version's clock items
            newest = max(plans, key=lambda p: p.version)
            rows["plan_clocks"].append(_stamp(repo_plan.clock_values(newest), now))
        for action in ("aangemaakt", "bekeken", "gewijzigd")[:AUDIT_LINES_PER_CASE]:
            rows["audit_log"].append({
                "at": now, "actor": item.case.consulent, "action": action, "entity": "casus",
                "entity_id": item.case.id, "case_id": item.case.id, "detail": "",
            })
    return rows


def _meeting(rows: dict[str, list[dict[str, Any]]], on: date, school: str,
             case_ids: list[str], now: datetime, held: bool) -> str:
    mdo_id = new_id()
    rows["mdo_meetings"].append(_stamp({
        "id": mdo_id, "on_date": on, "start_time": time(9, 30), "location": "Lokaal 12",
        "video_link": "", "chair": "Anouk Vermeer", "school": school, "next_mdo_date": None,
        "general_notes": "",
    }, now))
    people = [("Ondersteuningscoördinator", MdoRole.ONDERSTEUNINGSCOORDINATOR),
              ("Jeugdarts", MdoRole.JEUGDARTS), ("Leerplicht", MdoRole.LEERPLICHT),
              ("Jeugdteam", MdoRole.JEUGDTEAM), ("Samenwerkingsverband", MdoRole.SWV)]
    for position, (name, role) in enumerate(people):
        rows["mdo_participants"].append(_stamp({
            "id": new_id(), "mdo_id": mdo_id, "position": position, "name": f"{name} (fictief)",
            "role": role.name, "role_other": "", "organisation": school, "case_id": None,
            "consent_covers_attendance": True, "attended": True if held else None,
        }, now))
    outcome = outcome_to_json(MdoOutcome(decisions=["Rooster uitbreiden naar vier ochtenden."]
                                         if held else []))
    for position, case_id in enumerate(case_ids):
        rows["mdo_items"].append(_stamp({
            "id": new_id(), "mdo_id": mdo_id, "case_id": case_id, "position": position,
            "question": "Welk aanbod past nu?", "reasons": "STAGNATIE", "discussed": held,
            "outcome": outcome if held else "{}",
        }, now))
    return mdo_id


def _mdos(caseload: Caseload, items: list[DemoCase], today: date, now: datetime,
          rng: random.Random) -> None:
    """About one MDO per 25 cases over the past half year, plus the 20-pupil agenda MDO."""
    open_items = [i for i in items if i.case.is_open]
    for _ in range(max(1, caseload.size // CASES_PER_MDO)):
        chosen = rng.sample(open_items, min(PUPILS_PER_MDO, len(open_items)))
        on = today - timedelta(days=rng.randint(1, 180))
        _meeting(caseload.rows, on, chosen[0].pupil.school, [i.case.id for i in chosen], now,
                 held=True)
    # Pupils with a plan first: their agenda block shows actions.
    chosen = sorted(open_items, key=lambda i: i.case.goals_set_date is None)[:AGENDA_PUPILS]
    caseload.agenda_mdo_id = _meeting(caseload.rows, today + timedelta(days=7),
                                      chosen[0].pupil.school, [i.case.id for i in chosen], now,
                                      held=False)
    caseload.plan_case_id = chosen[0].case.id


def build_caseload(size: int, today: date, seed: int = 2026) -> Caseload:
    """A fictitious caseload of ``size`` cases as table rows (deterministic per seed)."""
    rng = random.Random(seed)
    items = build_demo_cases(today, size, seed)
    _spread(items, size, rng)
    now = datetime.combine(today, time(8, 0))
    caseload = Caseload(size, _case_rows(items, today, now, rng))
    _mdos(caseload, items, today, now, rng)
    return caseload


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def insert_rows(conn: Connection, caseload: Caseload, chain_key: bytes) -> None:
    for table in TABLE_ORDER:
        rows = caseload.rows.get(table.name, [])
        if table is audit_log:  # sealed into the chain, as the app writes them
            repo_audit.record_many(conn, (repo_audit.AuditEntry(**row) for row in rows),
                                   chain_key)
            continue
        for chunk in _chunks(rows):
            conn.execute(table.insert(), chunk)


def write_caseload(vault: Vault, caseload: Caseload) -> None:
    """All rows in one transaction (executemany per table)."""
    with vault.transaction() as conn:
        insert_rows(conn, caseload, vault.chain_key)
