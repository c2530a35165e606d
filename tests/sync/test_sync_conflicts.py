"""Conflicts are never silent: the same field twice, delete against edit, a plan on two laptops."""

from __future__ import annotations

from collections.abc import Callable

from sync_helpers import add_contact, edit_case, register
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.services import cases, sync, sync_conflicts


def test_the_same_field_twice_is_a_conflict_on_every_laptop_and_its_decision_syncs(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram, cor = laptops("Anna Jansen"), laptops("Bram de Vries"), laptops("Cor Bakker")
    case = register(anna.ctx)
    anna.sync()
    bram.sync()
    edit_case(anna.ctx, case.id, notes="Moeder wil eerst met school praten.")
    edit_case(bram.ctx, case.id, notes="Vader belt maandag.")
    anna.sync()
    assert bram.sync().conflicts == 1
    for laptop in (anna, cor):
        laptop.sync()
    for laptop in (anna, bram, cor):
        [item] = sync_conflicts.open_items(laptop.ctx)
        assert item.pupil_name == "Zoë Çelik-d'Hondt"
        assert (item.server_by, item.client_by) == ("Anna Jansen", "Bram de Vries")
        [choice] = item.fields
        assert (choice.label, choice.server_text, choice.client_text) == (
            "Notities", "Moeder wil eerst met school praten.", "Vader belt maandag.")
        assert sync.status(laptop.ctx).open_conflicts == 1
        # Until decided, every laptop holds the server's value (the other is in the conflict).
        assert cases.load_case(laptop.ctx, case.id).case.notes == (
            "Moeder wil eerst met school praten.")
    combined = "Moeder wil eerst met school praten. Vader belt maandag."
    sync_conflicts.resolve_fields(cor.ctx, item.id, {"notes": combined})
    cor.sync()
    anna.sync()
    bram.sync()
    for laptop in (anna, bram, cor):
        assert sync_conflicts.open_items(laptop.ctx) == []
        assert cases.load_case(laptop.ctx, case.id).case.notes == combined
    assert anna.records() == bram.records() == cor.records() == team.records()


def test_a_deletion_against_an_edit_is_a_conflict_and_the_record_can_be_restored(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    contact = add_contact(anna.ctx, case.id, notes="Eerste gesprek")
    anna.sync()
    bram.sync()
    cases.delete_contact(anna.ctx, contact)
    [bram_contact] = cases.load_case(bram.ctx, case.id).contacts
    from dataclasses import replace
    cases.save_contact(bram.ctx, replace(bram_contact, notes="Eerste gesprek, met opa erbij"))
    anna.sync()
    assert bram.sync().conflicts == 1
    anna.sync()
    [item] = sync_conflicts.open_items(anna.ctx)
    assert item.kind == "verwijderd" and item.server_deleted
    assert {f.field: f.client_text for f in item.fields}["notes"] == "Eerste gesprek, met opa erbij"
    assert cases.load_case(bram.ctx, case.id).contacts == []  # the team's state until decided
    sync_conflicts.resolve_deletion(anna.ctx, item.id, keep=True)
    anna.sync()
    bram.sync()
    for laptop in (anna, bram):
        assert [c.notes for c in cases.load_case(laptop.ctx, case.id).contacts] == [
            "Eerste gesprek, met opa erbij"]
        assert sync_conflicts.open_items(laptop.ctx) == []
    assert anna.records() == bram.records() == team.records()


def test_an_edit_against_a_deletion_keeps_the_record_until_someone_decides(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    contact = add_contact(anna.ctx, case.id, notes="Eerste gesprek")
    anna.sync()
    bram.sync()
    from dataclasses import replace
    cases.save_contact(anna.ctx, replace(contact, notes="Eerste gesprek (aangevuld)"))
    anna.sync()
    [bram_contact] = cases.load_case(bram.ctx, case.id).contacts
    cases.delete_contact(bram.ctx, bram_contact)
    assert bram.sync().conflicts == 1
    [item] = sync_conflicts.open_items(bram.ctx)
    assert item.client_deleted and not item.server_deleted
    assert [c.notes for c in cases.load_case(bram.ctx, case.id).contacts] == [
        "Eerste gesprek (aangevuld)"]
    sync_conflicts.resolve_deletion(bram.ctx, item.id, keep=False)
    bram.sync()
    anna.sync()
    assert cases.load_case(anna.ctx, case.id).contacts == []
    assert anna.records() == bram.records() == team.records()
