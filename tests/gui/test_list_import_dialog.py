"""Comparing a list in the dialog: mapping, three groups, new case from a row, remembering."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.interchange.list_import import ImportField
from thuiszitter_desktop.services import caseload, cases, list_compare
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.list_import_dialog import ListImportDialog

SWV_LIST = (
    "Leerling;Geboortedatum;School;Soort\n"
    "\"de Vries, Sem\";02-04-2013;OBS De Regenboog;Geoorloofd\n"
    "Noor Jansen;15-06-2012;CBS Het Kompas;Absoluut verzuim\n"
).encode("utf-8-sig")


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext) -> ListImportDialog:
    for first, last, birth, school in (("Sem", "de Vries", date(2013, 4, 2), "Het Baken"),
                                       ("Zoë", "Çelik-d'Hondt", date(2012, 9, 3), "Het Baken")):
        pupil = Pupil(first_name=first, last_name=last, birth_date=birth, school=school)
        cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                             aanmelding_date=date(2026, 10, 1)))
    widget = ListImportDialog(ctx)
    qtbot.addWidget(widget)
    return widget


def test_compare_shows_three_groups_and_coverage(dialog: ListImportDialog) -> None:
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(SWV_LIST, "swv.csv")
    assert dialog.file_label.text() == "swv.csv: 2 rijen"
    # 'Soort' is not a known column name: the user maps it by hand.
    assert dialog.current_mapping() == {"Leerling": ImportField.VOLLEDIGE_NAAM,
                                        "Geboortedatum": ImportField.GEBOORTEDATUM,
                                        "School": ImportField.SCHOOL}
    dialog.set_field("Soort", ImportField.STATUS)
    dialog.run_compare()
    assert [dialog.results.tabText(i) for i in range(3)] == [
        "Alleen in de lijst (1)", "Alleen bij ons (1)", "In beide (1)"]
    assert dialog.only_list.item(0, 1).text() == "Noor Jansen"
    assert dialog.only_ours.item(0, 0).text() == "Zoë Çelik-d'Hondt"
    assert "Andere school: in de lijst 'OBS De Regenboog', bij ons 'Het Baken'." in (
        dialog.both.item(0, 3).text())
    assert dialog.coverage.text().startswith("Samen 86% in beeld: 3 van")


def test_create_case_from_a_row(dialog: ListImportDialog, ctx: AppContext) -> None:
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(SWV_LIST, "swv.csv")
    dialog.set_field("Soort", ImportField.STATUS)
    dialog.run_compare()
    dialog.results.setCurrentIndex(0)
    dialog.only_list.selectRow(0)
    assert dialog.create_button.isEnabled()
    dialog.create_case()
    assert dialog.results.tabText(0) == "Alleen in de lijst (0)"
    created = caseload.load_row(ctx, dialog.created_case_ids[0])
    assert created is not None and created.verzuim_type == "Absoluut verzuim"


def test_nothing_saved_until_confirmed_then_mapping_remembered(
        dialog: ListImportDialog, ctx: AppContext, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(SWV_LIST, "swv.csv")
    dialog.set_field("Soort", ImportField.STATUS)
    dialog.run_compare()
    assert list_compare.comparison_history(ctx) == []
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    dialog.save()
    assert [name for name, _ in list_compare.comparison_history(ctx)] == ["SWV Rivierland"]

    again = ListImportDialog(ctx)
    qtbot.addWidget(again)
    assert again.source.findText("SWV Rivierland") >= 0
    again.source.setCurrentText("SWV Rivierland")
    again.load_bytes(SWV_LIST, "swv.csv")
    assert again.current_mapping()["Soort"] is ImportField.STATUS


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "Het bestand is leeg."),
     (b"PK\x03\x04kapot", "Het Excel-bestand kan niet worden gelezen")],
)
def test_unreadable_file_shows_dutch_error(dialog: ListImportDialog, data: bytes,
                                           message: str) -> None:
    dialog.load_bytes(data, "lijst")
    assert message in dialog.error.text()
    assert not dialog.compare_button.isEnabled()


def test_bad_row_shows_row_and_column(dialog: ListImportDialog) -> None:
    dialog.source.setCurrentText("School X")
    dialog.load_bytes(b"Naam;Geboortedatum\nSem de Vries;31-02-2013\n", "lijst.csv")
    dialog.run_compare()
    assert dialog.error.text() == (
        "Rij 2, kolom 'Geboortedatum': '31-02-2013' is geen geldige datum.")
    assert not dialog.save_button.isEnabled()
