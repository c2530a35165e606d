"""The same pupil registered on two laptops, and a plan van aanpak edited on two laptops."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sync_helpers import add_contact, edit_case, register, register_reported
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.domain.plan import Goal
from thuiszitter_desktop.services import cases, plan, security, sync_conflicts, sync_duplicates


def test_the_same_pupil_on_two_laptops_is_merged_keeping_everything_of_both(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram, cor = laptops("Anna Jansen"), laptops("Bram de Vries"), laptops("Cor Bakker")
    mine = register(anna.ctx, "Zoë", "Çelik")
    theirs = register(bram.ctx, "Zoe", "Celik")  # typed without the accents
    add_contact(anna.ctx, mine.id, "Gesprek met moeder")
    add_contact(bram.ctx, theirs.id, "Telefoon met school")
    plan.start_plan(anna.ctx, mine.id)
    plan.start_plan(bram.ctx, theirs.id)
    edit_case(bram.ctx, theirs.id, notes="Broertje zit ook thuis.")
    anna.sync()
    assert bram.sync().conflicts == 1
    cor.sync()
    [item] = sync_conflicts.open_items(cor.ctx, duplicates=True)
    assert item.kind == "dubbel"
    assert sync_conflicts.open_items(cor.ctx) == []  # duplicates have their own page
    kept = sync_duplicates.merge_duplicate(cor.ctx, item.id, keep_pupil_id=mine.pupil_id)
    assert kept == mine.id
    cor.sync()
    anna.sync()
    bram.sync()
    for laptop in (anna, bram, cor):
        detail = cases.load_case(laptop.ctx, mine.id)
        assert sorted(c.notes for c in detail.contacts) == [
            "Gesprek met moeder", "Telefoon met school"]
        assert [v.version for v in plan.load_versions(laptop.ctx, mine.id)] == [1, 2]
        assert detail.case.notes == "Broertje zit ook thuis."
        assert sync_conflicts.open_items(laptop.ctx, duplicates=True) == []
        assert set(laptop.records()["cases"]) == {mine.id}
    # Bram's own audit entries about his registration show under the kept case on his laptop.
    entries = security.audit_entries(bram.ctx, mine.id)
    assert {(e.action, e.case_id) for e in entries} >= {("aangemaakt", theirs.id)}
    assert anna.records() == bram.records() == cor.records() == team.records()


def test_a_plan_saved_on_two_laptops_is_a_conflict_showing_both_versions(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    first = plan.start_plan(anna.ctx, case.id)
    anna.sync()
    bram.sync()
    goal = Goal(description="Zoë gaat twee ochtenden naar school", deadline=date(2027, 1, 15))
    plan.save_plan(anna.ctx, replace(first, goals=(goal,)))
    other = Goal(description="Zoë start met bijles thuis", deadline=date(2027, 2, 1))
    [bram_first] = plan.load_versions(bram.ctx, case.id)
    plan.save_plan(bram.ctx, replace(bram_first, goals=(other,)))
    anna.sync()
    assert bram.sync().conflicts == 1
    [item] = sync_conflicts.open_items(bram.ctx)
    document = next(f for f in item.fields if f.field == "document")
    assert "Doel 1: Zoë gaat twee ochtenden naar school" in document.server_text
    assert "Doel 1: Zoë start met bijles thuis" in document.client_text
    sync_conflicts.keep_both_versions(bram.ctx, item.id)
    bram.sync()
    anna.sync()
    for laptop in (anna, bram):
        versions = plan.load_versions(laptop.ctx, case.id)
        assert [(v.version, v.goals[0].description) for v in versions] == [
            (1, "Zoë gaat twee ochtenden naar school"), (2, "Zoë start met bijles thuis")]
    assert anna.records() == bram.records() == team.records()


def test_two_new_plan_versions_at_once_get_the_next_number_and_a_notice(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    plan.start_plan(anna.ctx, case.id)
    anna.sync()
    bram.sync()
    [mine] = plan.load_versions(anna.ctx, case.id)
    [theirs] = plan.load_versions(bram.ctx, case.id)
    plan.revise_plan(anna.ctx, mine)
    plan.revise_plan(bram.ctx, theirs)
    anna.sync()
    assert bram.sync().conflicts == 1
    anna.sync()
    [item] = sync_conflicts.open_items(anna.ctx)
    assert item.kind == "plan"
    for laptop in (anna, bram):
        assert [v.version for v in plan.load_versions(laptop.ctx, case.id)] == [1, 2, 3]
    assert anna.records() == bram.records() == team.records()


def test_a_duplicate_with_an_aanmelding_on_both_sides_keeps_one_and_records_the_other(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    mine = register_reported(anna.ctx, "Zoë", "Çelik", date(2012, 4, 3))
    register_reported(bram.ctx, "Zoe", "Celik", date(2012, 4, 3))
    anna.sync()
    bram.sync()
    anna.sync()
    [item] = sync_conflicts.open_items(anna.ctx, duplicates=True)
    sync_duplicates.merge_duplicate(anna.ctx, item.id, keep_pupil_id=mine.pupil_id)
    anna.sync()
    bram.sync()
    records = team.records()
    [kept] = records["aanmeldingen"].values()
    assert kept["case_id"] == mine.id
    [decided] = records["sync_conflicts"].values()
    assert '"apart_gezet":[{"table":"aanmeldingen"' in str(decided["resolution"])
    assert len(records["case_parents"]) == 2  # both mothers' contact details kept
    assert anna.records() == bram.records() == records


def test_a_quarter_story_written_on_two_laptops_is_one_story_and_a_conflict(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    from thuiszitter_desktop.domain.quarters import Quarter
    from thuiszitter_desktop.services import figures

    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    quarter = Quarter.of(date(2026, 11, 23))
    figures.save_quarter_story(anna.ctx, quarter, "Meer thuiszitters in het vo.")
    figures.save_quarter_story(bram.ctx, quarter, "Wachtlijsten jeugdhulp langer.")
    anna.sync()
    assert bram.sync().conflicts == 1
    anna.sync()
    [item] = sync_conflicts.open_items(anna.ctx)
    [field] = item.fields
    assert (field.server_text, field.client_text) == (
        "Meer thuiszitters in het vo.", "Wachtlijsten jeugdhulp langer.")
    assert figures.quarter_story(bram.ctx, quarter) == "Meer thuiszitters in het vo."
    assert anna.records() == bram.records() == team.records()
