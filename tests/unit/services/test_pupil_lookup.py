"""'Does this pupil exist already?': same birth date and a similar folded name, closed cases
included; the rule list reconciliation uses too."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.pupil_match import probable_matches
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.pupil_lookup import probable_existing_pupils


def register(ctx: AppContext, first: str, last: str, born: date, school: str = "") -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=born, school=school)
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))


def test_a_folded_name_and_the_same_birth_date_is_found(ctx: AppContext) -> None:
    known = register(ctx, "Nina", "Yılmaz", date(2012, 3, 4), "OBS De Regenboog")
    register(ctx, "Nina", "Yılmaz", date(2012, 3, 5))  # another birth date: another child
    register(ctx, "Noor", "Bakker", date(2012, 3, 4))  # another name
    found = probable_existing_pupils(ctx, "nina", "yilmaz", date(2012, 3, 4))
    assert [f.case.id for f in found] == [known.id]
    assert found[0].description == ("Nina Yılmaz, geboren 04-03-2012, OBS De Regenboog — "
                                    "casus open (Aanmelding ontvangen)")


def test_a_closed_case_is_found_too(ctx: AppContext) -> None:
    closed = register(ctx, "Zoë", "Çelik-d'Hondt", date(2013, 4, 2))
    cases.close_case(ctx, closed.id, ClosingReason.TERUG_OP_SCHOOL)
    [found] = probable_existing_pupils(ctx, "Zoe", "Celik d'Hondt", date(2013, 4, 2))
    assert found.case.id == closed.id
    assert "casus afgesloten op 23-11-2026" in found.description


def test_swapped_names_and_small_typos_count_as_the_same_child() -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 1, 1))
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2))
    for first, last in (("de Vries", "Sem"), ("Sem", "de Vriess"), ("SEM", "DE VRIES")):
        assert probable_matches(first, last, date(2014, 1, 1), "", [(pupil, case)])
    assert not probable_matches("Daan", "de Vries", date(2014, 1, 1), "", [(pupil, case)])
