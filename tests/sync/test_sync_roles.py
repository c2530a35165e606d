"""Team roles against the real server and PostgreSQL: one laptop per role, every table of
each vault scanned after a full sync (issue 21, "How it must be shown")."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from role_helpers import CANARIES, Region, build
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.domain import small_cells
from thuiszitter_desktop.domain.consent import ConsentPurpose
from thuiszitter_desktop.server.tables import srv_audit
from thuiszitter_desktop.services import consent, sync, team_figures
from thuiszitter_desktop.storage.tables import audit_log
from thuiszitter_desktop.transport.https import Refused


def every_table(laptop: Laptop) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table in the vault, as SQLite has them (not only synced ones)."""
    with laptop.vault.read() as conn:
        names = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))]
        return {name: [dict(r) for r in conn.execute(text(f'SELECT * FROM "{name}"')).mappings()]
                for name in names}


def texts_of(tables: dict[str, list[dict[str, Any]]]) -> str:
    return "\n".join(str(v) for rows in tables.values() for row in rows for v in row.values())


@pytest.fixture
def region_team(team: TeamServer, laptops: Any) -> tuple[Laptop, Region, TeamServer]:
    consulent = laptops("Fatima Ouali")
    region = build(consulent.ctx)
    consulent.sync()
    return consulent, region, team


def test_the_zorgcoordinator_holds_exactly_the_shared_pupils_of_their_school(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    _consulent, region, _team = region_team
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(region.regenboog.id,))
    zc.sync()
    tables = every_table(zc)
    assert {r["id"] for r in tables["cases"]} == set(region.shared.values())
    assert {r["first_name"] for r in tables["pupils"]} == set(region.shared)
    assert {r["id"] for r in tables["schools"]} == {region.regenboog.id}
    for name in ("intakes", "contact_moments", "terugkoppelingen", "aanmeldingen",
                 "involved_professionals", "sync_conflicts", "case_parents"):
        assert tables[name] == [], name
    assert all(r["notes"] == "" for r in tables["cases"])
    assert {r["purpose"] for r in tables["consents"]} <= {"SCHOOL", "MDO"}
    # The meeting of their school, with only their own pupil on it.
    assert [r["id"] for r in tables["mdo_meetings"]] == [region.meeting_id]
    assert [r["case_id"] for r in tables["mdo_items"]] == [region.shared["Sara"]]
    everything = texts_of(tables)
    for canary in CANARIES:
        assert canary not in everything
    for hidden in region.hidden:
        assert hidden not in everything
    # The plan's goals and agreements did arrive.
    plan = json.loads(tables["plan_versions"][0]["document"])
    assert plan["goals"][0]["actions"][0]["what"] == "Rustige plek in de klas regelen"
    assert plan["risk_factors"] == []


def test_the_teamleider_holds_no_pupil_and_no_small_figure(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    lead = laptops("Anouk Smit", role="teamleider")
    lead.sync()
    figures = team_figures.fetch(lead.ctx)
    tables = every_table(lead)
    synced = [name for name, rows in tables.items()
              if rows and name not in ("sync_state", "vault_meta", "settings", "audit_log",
                                       "alembic_version", "overview_epoch")]
    assert synced == []
    stored = json.loads(next(r["value"] for r in tables["sync_state"]
                             if r["key"] == team_figures.STATE_KEY))
    cells = [cell for row in stored["rows"] for cell in row["cells"]]
    assert small_cells.MASK in cells
    for cell in cells:
        number = cell.rstrip("%").replace(",", ".")
        assert cell == small_cells.MASK or cell.endswith("%") or float(number) >= 5, cell
    assert any(cell not in (small_cells.MASK, "—") for cell in cells)  # not all hidden
    assert [r.label for r in figures.rows[:1]] == ["Nieuw in het kwartaal"]
    everything = texts_of(tables)
    for name in ("Sara", "Noor", "El Idrissi", *CANARIES):
        assert name not in everything


def test_withdrawn_consent_removes_the_pupil_at_the_next_sync(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    consulent, region, _team = region_team
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(region.regenboog.id,))
    zc.sync()
    sara = region.shared["Sara"]
    school_consent = next(r for r in consent.list_consents(consulent.ctx, sara)
                          if r.purpose is ConsentPurpose.SCHOOL)
    consent.withdraw_consent(consulent.ctx, school_consent.id)
    consulent.sync()
    report = zc.sync()
    assert report.removed_out_of_scope > 0
    tables = every_table(zc)
    assert {r["id"] for r in tables["cases"]} == {region.shared["Noor"]}
    assert "Sara" not in texts_of({k: v for k, v in tables.items() if k != "audit_log"})
    assert not [r for r in tables["mdo_items"] if r["case_id"] == sara]
    with zc.vault.read() as conn:
        said = conn.execute(select(audit_log.c.action).where(audit_log.c.case_id == sara)).all()
    assert ("buiten bereik verwijderd",) in said
    # Given again: she comes back whole at the next sync.
    from role_helpers import give

    give(consulent.ctx, sara, ConsentPurpose.SCHOOL)
    consulent.sync()
    zc.sync()
    tables = every_table(zc)
    assert sara in {r["id"] for r in tables["cases"]}
    assert any(r["case_id"] == sara for r in tables["plan_versions"])


def test_forbidden_pushes_are_refused_and_nothing_of_them_is_stored(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    _consulent, region, team = region_team
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(region.regenboog.id,))
    zc.sync()
    from sync_helpers import edit_case

    noor = region.shared["Noor"]
    edit_case(zc.ctx, noor, education_percentage=90)  # a field a school may not write
    report = zc.try_sync()
    assert "geweigerd" in report.error and "niets van opgeslagen" in report.error
    assert report.refused == 3  # the case, its pupil and the new history line
    assert team.records()["cases"][noor]["education_percentage"] != 90
    assert every_table(zc)["sync_outbox"] == []
    restored = every_table(zc)
    assert {r["id"]: r for r in restored["cases"]}[noor]["education_percentage"] != 90
    assert restored["situation_changes"] == []  # made here, refused, gone
    assert any(r["case_id"] == noor for r in restored["consents"])  # nothing else lost
    # A crafted push for a pupil of another school: refused, stored nowhere, audited.
    mila = region.hidden["Mila"]
    input_id = str(uuid.uuid4())
    client = sync.client_for(zc.ctx)
    assert client is not None
    with pytest.raises(Refused) as refused:
        client.post("/v1/push", {"push_id": str(uuid.uuid4()), "changes": [{
            "table": "school_inputs", "id": input_id, "op": "upsert", "base_version": 0,
            "base": None, "changed_at": "2026-11-20T10:00:00", "values": {
                "id": input_id, "case_id": mila, "on_date": "2026-11-20", "attendance": "x",
                "tried": "", "needs": "", "written_by": "Sem de Vries"}}]})
    client.close()
    assert refused.value.status == 403 and "hoort niet (meer) bij uw school" in str(refused.value)
    assert input_id not in team.records()["school_inputs"]
    with team.engine.connect() as conn:
        audited = conn.execute(select(srv_audit.c.case_ids).where(
            srv_audit.c.action == "push geweigerd")).scalars().all()
    assert mila in audited and noor in audited


def test_direct_sql_as_each_roles_database_user_sees_only_its_rows(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    consulent, region, team = region_team
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(region.regenboog.id,))
    lead = laptops("Anouk Smit", role="teamleider")
    for laptop in (zc, lead):
        laptop.sync()  # each request stores the user's scope for the policies

    def as_role(role: str, user_id: str, query: str) -> list[Any]:
        with team.engine.connect() as conn, conn.begin():
            conn.execute(text(f"SET LOCAL ROLE {role}"))
            conn.execute(text("SELECT set_config('thuiszitter.user_id', :u, true)"),
                         {"u": user_id})
            return list(conn.execute(text(query)).scalars())

    every_case = set(region.shared.values()) | set(region.hidden.values())
    assert set(as_role("thuiszitter_consulent", consulent.user_id,
                       "SELECT id FROM cases")) == every_case
    assert set(as_role("thuiszitter_zorgcoordinator", zc.user_id,
                       "SELECT id FROM cases")) == set(region.shared.values())
    assert len(as_role("thuiszitter_zorgcoordinator", zc.user_id,
                       "SELECT id FROM pupils")) == len(region.shared)
    assert set(as_role("thuiszitter_zorgcoordinator", zc.user_id,
                       "SELECT case_id FROM consents")) <= set(region.shared.values())
    # Another user id under the same role: nothing.
    assert as_role("thuiszitter_zorgcoordinator", lead.user_id, "SELECT id FROM cases") == []
    assert as_role("thuiszitter_teamleider", lead.user_id, "SELECT id FROM cases") == []
    assert as_role("thuiszitter_teamleider", lead.user_id, "SELECT id FROM pupils") == []
    for role, user, query in (
            ("thuiszitter_zorgcoordinator", zc.user_id, "SELECT health_details FROM intakes"),
            ("thuiszitter_zorgcoordinator", zc.user_id, "SELECT notes FROM cases"),
            ("thuiszitter_zorgcoordinator", zc.user_id, "SELECT notes FROM contact_moments"),
            ("thuiszitter_teamleider", lead.user_id, "SELECT id FROM consents")):
        with pytest.raises(ProgrammingError, match="permission denied"):
            as_role(role, user, query)


def test_the_mdo_flows_between_school_and_consulent(
        region_team: tuple[Laptop, Region, TeamServer], laptops: Any) -> None:
    from datetime import date, time, timedelta

    from thuiszitter_desktop.domain.mdo import Mdo, MdoAgendaItem, MdoOutcome, SuggestionReason
    from thuiszitter_desktop.domain.school_share import ProposalStatus, SchoolInput
    from thuiszitter_desktop.services import mdo, school_role

    consulent, region, _team = region_team
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(region.regenboog.id,))
    zc.sync()
    noor = region.shared["Noor"]
    question = "Kan Noor na de vakantie met halve dagen beginnen? 🙂"
    school_role.propose_for_mdo(zc.ctx, noor, question)
    school_role.add_school_input(zc.ctx, SchoolInput(
        case_id=noor, on_date=date.today(), attendance="Twee ochtenden per week aanwezig",
        tried="Rustige werkplek, mentorgesprek elke week", needs="Hulp bij de opbouw"))
    zc.sync()
    consulent.sync()
    # The proposal is among the consulent's suggestions, first, with the school's question.
    meeting = Mdo(on=date.today() + timedelta(days=20), start_time=time(9, 30),
                  location="Lokaal 12", chair=consulent.name, school="OBS De Regenboog")
    suggested = {s.snapshot.case_id: s for s in mdo.suggestions(consulent.ctx, meeting)}
    assert suggested[noor].reasons[0] is SuggestionReason.VOORGESTELD_DOOR_SCHOOL
    assert question in " ".join(suggested[noor].details)
    inputs = school_role.school_inputs(consulent.ctx, noor)
    assert [i.needs for i in inputs] == ["Hulp bij de opbouw"]
    # The consulent puts her on the agenda: the school's question comes with her.
    meeting.items = [MdoAgendaItem(case_id=noor)]
    mdo.save_mdo(consulent.ctx, meeting)
    assert mdo.load_mdo(consulent.ctx, meeting.id).items[0].question == question
    mdo.record_outcome(consulent.ctx, meeting.id, noor,
                       MdoOutcome(decisions=["Noor begint met halve dagen, mentor belt vrijdag"]))
    consulent.sync()
    zc.sync()
    # The agenda and the decision reach the school; the proposal shows as planned.
    view = school_role.pupil_view(zc.ctx, noor)
    assert view.proposals[0].status is ProposalStatus.INGEPLAND
    assert view.decisions[0].decisions == ("Noor begint met halve dagen, mentor belt vrijdag",)
    assert mdo.agenda_pdf(zc.ctx, meeting.id).startswith(b"%PDF")


def test_the_administrator_sets_roles_and_schools_from_the_command_line(
        region_team: tuple[Laptop, Region, TeamServer],
        capsys: pytest.CaptureFixture[str]) -> None:
    from thuiszitter_desktop.server.cli import main
    from thuiszitter_desktop.server.scope import school_ids

    _consulent, region, team = region_team

    def run(*args: str) -> tuple[int, str]:
        code = main(["--data", str(team.folder), "--database-url", team.uri, *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, out = run("add-user", "sem", "--naam", "Sem de Vries", "--role", "zorgcoordinator")
    assert code == 1 and "--school" in out
    code, out = run("add-user", "sem", "--role", "zorgcoordinator", "--school", "99ZZ")
    assert code == 1 and "School '99ZZ' is onbekend" in out
    code, out = run("add-user", "sem", "--naam", "Sem de Vries", "--role", "zorgcoordinator",
                    "--school", "12AB00")
    assert code == 0 and "als zorgcoördinator" in out
    assert run("add-user", "anouk", "--role", "baas")[0] == 1
    assert run("add-user", "anouk", "--naam", "Anouk Smit", "--role", "teamleider")[0] == 0
    code, out = run("list-users")
    assert "Sem de Vries\tZorgcoördinator\tOBS De Regenboog" in out
    assert "Anouk Smit\tTeamleider" in out
    assert run("set-schools", "sem", "--school", "12AB00", "--school", "Het Baken")[0] == 0
    from thuiszitter_desktop.server import auth

    with team.engine.connect() as conn:
        sem = auth.user_named(conn, "sem")
        assert sem is not None
        assert set(school_ids(conn, sem)) == {region.regenboog.id, region.baken.id}
    assert "34CD\tHet Baken" in run("schools")[1]
