"""The merge rules of the team sync, without a database or a network."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.sync_merge import (
    FieldConflict,
    merge_incoming,
    merge_push,
    next_free_number,
    same_pupil,
)

FIELDS = ["notes", "school", "education_percentage"]
BASE = {"notes": "", "school": "OBS De Regenboog", "education_percentage": 0}


def test_fields_changed_on_one_side_only_merge() -> None:
    server = {**BASE, "notes": "Moeder belt terug."}
    client = {**BASE, "education_percentage": 20}
    merged = merge_push(FIELDS, BASE, server, client)
    assert merged.values == {**BASE, "notes": "Moeder belt terug.", "education_percentage": 20}
    assert merged.applied == ["education_percentage"]
    assert merged.conflicts == []


def test_the_same_field_changed_to_different_values_is_a_conflict_that_keeps_the_server() -> None:
    server = {**BASE, "notes": "Moeder belt terug."}
    client = {**BASE, "notes": "Vader belt terug."}
    merged = merge_push(FIELDS, BASE, server, client)
    assert merged.values == server
    assert merged.conflicts == [FieldConflict("notes", "", "Moeder belt terug.",
                                              "Vader belt terug.")]


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = {**BASE, "notes": "Zelfde tekst 🙂"}
    merged = merge_push(FIELDS, BASE, both, both)
    assert (merged.applied, merged.conflicts) == ([], [])


def test_a_new_record_pushed_against_an_existing_one_conflicts_where_they_differ() -> None:
    server = {**BASE, "notes": "a"}
    merged = merge_push(FIELDS, {}, server, {**BASE, "notes": "b"})
    assert [c.field for c in merged.conflicts] == ["notes"]


def test_incoming_values_fill_what_was_not_edited_locally_and_keep_the_base_of_edits() -> None:
    local = {**BASE, "notes": "Nog niet verstuurd"}
    incoming = {**BASE, "notes": "Van de server", "school": "Het Baken"}
    new_local, new_base = merge_incoming(FIELDS, BASE, local, incoming)
    assert new_local == {**BASE, "notes": "Nog niet verstuurd", "school": "Het Baken"}
    assert new_base == {**BASE, "school": "Het Baken"}  # notes keep the old base: a conflict


def test_same_pupil_uses_the_list_matching_rule() -> None:
    born = date(2013, 4, 2)
    assert same_pupil("Zoë", "Çelik-d'Hondt", born, "Zoe", "Celik dHondt", born)
    assert same_pupil("Zoë", "Çelik", born, "Çelik", "Zoë", born)  # swapped
    assert not same_pupil("Zoë", "Çelik", born, "Zoë", "Çelik", date(2013, 4, 3))
    assert not same_pupil("Sem", "de Vries", born, "Mila", "Bakker", born)


def test_the_next_free_number_follows_the_highest() -> None:
    assert next_free_number([1, 2, 3]) == 4
    assert next_free_number([]) == 1
