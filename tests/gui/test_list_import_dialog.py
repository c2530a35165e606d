"""Comparing a list in the dialog: mapping, three groups, new case from a row, remembering."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.interchange.list_import import ImportField
from thuiszitter_desktop.services import caseload, cases, list_compare
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases
from thuiszitter_desktop.ui.list_import_dialog import ListImportDialog
from thuiszitter_desktop.ui.list_import_results import NOT_READ, PROBABLE

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
    assert [dialog.results.tabText(i) for i in range(5)] == [
        "Alleen in de lijst (1)", "Alleen bij ons (1)", "In beide (1)",
        "Waarschijnlijk dezelfde (0)", "Niet gelezen (0)"]
    assert dialog.only_list.item(0, 1).text() == "Noor Jansen"
    assert dialog.only_ours.item(0, 0).text() == "Zoë Çelik-d'Hondt"
    assert "Andere school: in de lijst 'OBS De Regenboog', bij ons 'Het Baken'." in (
        dialog.both.item(0, 3).text())
    assert dialog.coverage.text().startswith("2 rijen vergeleken. Samen 86% in beeld: 3 van")


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


def test_bad_row_is_listed_with_row_column_and_reason(dialog: ListImportDialog) -> None:
    dialog.source.setCurrentText("School X")
    dialog.load_bytes(b"Naam;Geboortedatum\nSem de Vries;31-02-2013\n", "lijst.csv")
    dialog.run_compare()
    assert dialog.error.text() == ""
    table = dialog.results.not_read
    assert [table.item(0, c).text() for c in range(3)] == [
        "2", "Geboortedatum", "'31-02-2013' is geen geldige datum."]
    assert dialog.results.currentIndex() == NOT_READ
    assert not dialog.save_button.isEnabled()  # nothing was compared


def swv_list_with_bad_rows() -> bytes:
    lines = ["Leerling;Geboortedatum"]
    bad = {3: "Jansen;01-02-2011", 50: "Sem Bakker;31-02-2011", 120: ";01-03-2011",
           200: "Noor Smit;", 299: "Mila Visser;1-1-11"}
    for n in range(300):
        lines.append(bad.get(n, f"Leerling{n} Jansen;{1 + n % 28:02d}-{1 + n % 12:02d}-2011"))
    return "\n".join(lines).encode("utf-8")


def test_300_rows_with_5_bad_ones_compares_295_and_lists_5(
    dialog: ListImportDialog, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(swv_list_with_bad_rows(), "swv.csv")
    dialog.run_compare()
    assert dialog.coverage.text().startswith("295 rijen vergeleken.")
    assert dialog.results.tabText(NOT_READ) == "Niet gelezen (5)"
    assert dialog.left_out.isVisibleTo(dialog)
    assert "5 rijen konden niet worden gelezen" in dialog.left_out.text()
    rows = dialog.results.not_read
    assert [rows.item(r, 0).text() for r in range(rows.rowCount())] == [
        "5", "52", "122", "202", "301"]
    asked: list[str] = []

    def ask(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", ask)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    dialog.save()
    assert "5 rijen konden niet worden gelezen" in asked[0]
    assert [r.in_list for _, r in list_compare.comparison_history(ctx)] == [295]


def test_probable_match_waits_for_the_user(dialog: ListImportDialog) -> None:
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(b"Leerling;Geboortedatum\nZoe Celik;03-09-2012\n", "swv.csv")
    dialog.run_compare()
    assert dialog.results.tabText(PROBABLE) == "Waarschijnlijk dezelfde (1)"
    assert dialog.results.tabText(2) == "In beide (0)"
    dialog.results.probable.selectRow(0)
    dialog.results.same_button.click()
    assert dialog.results.tabText(PROBABLE) == "Waarschijnlijk dezelfde (0)"
    assert dialog.results.tabText(2) == "In beide (1)"
    assert dialog.both.item(0, 2).text() == "Zoë Çelik-d'Hondt"


def test_create_case_offers_to_reopen_a_closed_case_instead(
    dialog: ListImportDialog, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
) -> None:
    noor = Pupil(first_name="Noor", last_name="Jansen", birth_date=date(2012, 6, 15))
    old = cases.register_case(ctx, noor, Case(pupil_id=noor.id,
                                              aanmelding_date=date(2026, 1, 5)))
    cases.close_case(ctx, old.id, ClosingReason.TERUG_OP_SCHOOL)
    with ctx.vault.transaction() as conn:  # closed long ago: no longer in the comparison
        case = repo_cases.get_case(conn, old.id)
        case.closed_on = date(2026, 2, 1)
        repo_cases.save_case(conn, case, ctx.now())
    dialog.source.setCurrentText("SWV Rivierland")
    dialog.load_bytes(SWV_LIST, "swv.csv")
    dialog.run_compare()
    assert dialog.only_list.item(0, 1).text() == "Noor Jansen"
    shown: list[str] = []

    def reopen(box: QMessageBox) -> int:
        shown.append(box.text())
        next(b for b in box.buttons() if "heropenen" in b.text()).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", reopen)
    dialog.results.setCurrentIndex(0)
    dialog.only_list.selectRow(0)
    dialog.create_case()
    assert "casus afgesloten op 01-02-2026" in shown[0]
    assert dialog.created_case_ids == [] and dialog.reopened_case_ids == [old.id]
    assert cases.load_case(ctx, old.id).case.is_open
    assert dialog.results.tabText(0) == "Alleen in de lijst (0)"
