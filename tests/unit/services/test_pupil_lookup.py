"""'Does this pupil exist already?': same birth date and a similar folded name, closed cases
included; the question 'Casus aanmaken' from a list asks too (list_compare.pupils_like)."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.pupil_lookup import probable_existing_pupils


def register(ctx: AppContext, first: str, last: str, born: date, school: str = "") -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=born, school=school)
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))


def typed(first: str, last: str, born: date) -> Pupil:
    """The pupil as a registration form has it (a new record, not yet stored)."""
    return Pupil(first_name=first, last_name=last, birth_date=born)


def test_a_folded_name_and_the_same_birth_date_is_found(ctx: AppContext) -> None:
    known = register(ctx, "Nina", "Yılmaz", date(2012, 3, 4), "OBS De Regenboog")
    register(ctx, "Nina", "Yılmaz", date(2012, 3, 5))  # another birth date: another child
    register(ctx, "Noor", "Bakker", date(2012, 3, 4))  # another name
    found = probable_existing_pupils(ctx, typed("nina", "yilmaz", date(2012, 3, 4)))
    assert [f.case.id for f in found] == [known.id]
    assert found[0].description == ("Nina Yılmaz, geboren 04-03-2012, OBS De Regenboog — "
                                    "casus open (Aanmelding ontvangen)")


def test_a_closed_case_is_found_too(ctx: AppContext) -> None:
    closed = register(ctx, "Zoë", "Çelik-d'Hondt", date(2013, 4, 2))
    cases.close_case(ctx, closed.id, ClosingReason.TERUG_OP_SCHOOL)
    [found] = probable_existing_pupils(ctx, typed("Zoe", "Celik d'Hondt", date(2013, 4, 2)))
    assert found.case.id == closed.id
    assert "casus afgesloten op 23-11-2026" in found.description


def test_swapped_names_and_small_typos_count_as_the_same_child(ctx: AppContext) -> None:
    known = register(ctx, "Sem", "de Vries", date(2014, 1, 1))
    for first, last in (("de Vries", "Sem"), ("Sem", "de Vriess"), ("SEM", "DE VRIES")):
        found = probable_existing_pupils(ctx, typed(first, last, date(2014, 1, 1)))
        assert [f.case.id for f in found] == [known.id], (first, last)
    assert not probable_existing_pupils(ctx, typed("Daan", "Bakker", date(2014, 1, 1)))
