"""Scholen koppelen: free-text schools mapped to school records with suggestions, nothing lost."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.school import School
from thuiszitter_desktop.domain.vocab import VerzuimType
from thuiszitter_desktop.services import cases, schools
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.school_merge_dialog import SchoolMergeDialog


def pupil_at(ctx: AppContext, first: str, school: str) -> str:
    pupil = Pupil(first_name=first, last_name="Yılmaz", birth_date=date(2013, 5, 1),
                  school=school)
    cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2),
                                         verzuim_type=VerzuimType.GEOORLOOFD))
    return pupil.id


def test_typed_schools_are_linked_by_choice_and_the_typed_text_stays(
        qtbot: QtBot, ctx: AppContext) -> None:
    regenboog = schools.save_school(ctx, School(name="OBS De Regenboog", brin="12AB",
                                                vestiging="00", gemeente="Utrecht"))
    typed = pupil_at(ctx, "Ayşe", "obs regenboog")
    exact = pupil_at(ctx, "Jan", "OBS De Regenboog")  # names the record: linked on saving
    other = pupil_at(ctx, "Zoë", "Basisschool 't Kompas ✨")
    dialog = SchoolMergeDialog(ctx)
    qtbot.addWidget(dialog)
    texts = [dialog.texts.item(i).text() for i in range(dialog.texts.count())]
    assert texts == ["Basisschool 't Kompas ✨ (1 leerling)", "obs regenboog (1 leerling)"]
    dialog.texts.setCurrentRow(1)
    assert dialog.matches.count() == 1 and "12AB00" in dialog.matches.item(0).text()
    assert dialog.use_existing.isChecked()
    dialog.link_button.click()
    assert "gekoppeld aan OBS De Regenboog" in dialog.done_label.text()
    # The other one has no look-alike: a new school, with a BRIN that is checked.
    assert dialog.texts.count() == 1 and dialog.make_new.isChecked()
    assert dialog.name.text() == "Basisschool 't Kompas ✨"
    dialog.brin.setText("1234")
    dialog.link_button.click()
    assert "twee cijfers en twee letters" in dialog.errors["brin"].text()
    assert dialog.texts.count() == 1  # nothing linked
    dialog.brin.setText("56ef")
    dialog.link_button.click()
    assert dialog.texts.count() == 0
    assert "Alle scholen van leerlingen zijn gekoppeld." in dialog.done_label.text()
    kompas = next(s for s in schools.list_schools(ctx) if s.brin == "56EF")
    with ctx.vault.read() as conn:
        from thuiszitter_desktop.storage import repo_cases

        found = {p: repo_cases.get_pupil(conn, p) for p in (typed, exact, other)}
    assert found[typed].school == "obs regenboog" and found[typed].school_id == regenboog.id
    assert found[exact].school_id == regenboog.id
    assert found[other].school == "Basisschool 't Kompas ✨"
    assert found[other].school_id == kompas.id
