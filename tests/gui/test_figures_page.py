"""The policy dashboard as a consulent uses it: figures, pupils behind a number, exports."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.breakdowns import Dimension
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui import figures_page as figures_page_module
from thuiszitter_desktop.ui.figures_page import FiguresPage
from thuiszitter_desktop.ui.main_window import MainWindow

# The ctx clock stands at 23 November 2026: the page opens on the 4th quarter.


def register(ctx: AppContext, first: str, last: str, aanmelding: date,
             contact: date | None = None, school: str = "OBS De Regenboog") -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2), school=school)
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding,
                                               first_contact_date=contact))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> FiguresPage:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 5), contact=date(2026, 10, 8))
    register(ctx, "Sem", "de Vries", date(2026, 10, 12), school="Het Baken")
    widget = FiguresPage(ctx)
    qtbot.addWidget(widget)
    return widget


def cell(table: object, row: int, column: int) -> str:
    item = table.item(row, column)  # type: ignore[attr-defined]
    return str(item.text())


def test_targets_with_verdict_and_definition(page: FiguresPage) -> None:
    assert page.quarter.currentText() == "4e kwartaal 2026"
    assert page.targets.rowCount() == 4
    first = [cell(page.targets, 0, c) for c in range(5)]
    assert first == ["Eerste gesprek met leerling of ouders binnen 7 dagen", "80%", "50%",
                     "1 van 2", "Norm niet gehaald"]
    assert page.targets_box.title() == "Doelen — Breed"
    # 14 days: Zoë met it, Sem did not (due 26-10); no offer clock fell due yet.
    assert page.targets_chart.values == [50.0, 0.0, 0.0, 50.0]
    # The chart's axis has room for short names only; the table beside it has the full ones.
    assert page.targets_chart.labels == ["Eerste gesprek ≤ 7 dagen", "Doelen ≤ 1 maand",
                                         "Passend aanbod ≤ 3 maanden",
                                         "Eerste gesprek ≤ 14 dagen"]


def test_definition_switch_recounts(page: FiguresPage) -> None:
    page.definition.set_value(Definition.INGRADO)
    # Both cases are geoorloofd: Ingrado counts none of them.
    assert cell(page.targets, 0, 3) == "0 van 0"
    assert cell(page.targets, 0, 4) == "Geen casussen in dit kwartaal"
    assert page.flow_box.title() == "Instroom en uitstroom — Ingrado"
    assert page.targets_box.findChild(object, "definitionCaption").text().startswith(
        f"Definitie: {Definition.INGRADO.label}.")


def test_counts_per_chosen_characteristic(page: FiguresPage) -> None:
    page.dimension.set_value(Dimension.SCHOOL)
    rows = [(cell(page.counts, r, 0), cell(page.counts, r, 1))
            for r in range(page.counts.rowCount())]
    assert rows == [("Het Baken", "1"), ("OBS De Regenboog", "1")]
    assert page.counts_chart.labels == ["Het Baken", "OBS De Regenboog"]


def test_pupils_behind_a_target_and_opening_one(page: FiguresPage, qtbot: QtBot,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[tuple[str, str]]] = []

    def fake_exec(dialog: QDialog) -> int:
        table = dialog.table  # type: ignore[attr-defined]
        seen.append([(cell(table, r, 0), cell(table, r, 4)) for r in range(table.rowCount())])
        table.selectRow(1)
        dialog.open_current()  # type: ignore[attr-defined]
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(figures_page_module.FigurePupilsDialog, "exec", fake_exec)
    with qtbot.waitSignal(page.open_case) as blocker:
        page.show_target_pupils(0)
    assert sorted(seen[0]) == [("Sem de Vries", "Niet gehaald"),
                               ("Zoë Çelik-d'Hondt", "Gehaald")]
    opened = page.last_dialog.chosen_case_id
    assert blocker.args == [opened]


def test_export_is_written_where_the_user_chooses(page: FiguresPage, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "CSV (*.csv)"))
    page.save_export("csv")
    text = target.read_bytes().decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 3
    assert "Zoë" not in text and "Sem" not in text
    assert page.saved.text() == "Opgeslagen: export.csv"


def test_cancelled_save_writes_nothing(page: FiguresPage, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    page.save_report()
    assert page.saved.text() == ""


def test_new_case_refreshes_when_shown(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.figures_page
    window.show_page(page)  # computed when first shown
    assert page.flow.item(0, 2).text() == "0"
    window.show_page(window.today_page)
    register(ctx, "Noor", "Jansen", date(2026, 11, 2))
    window.show()
    window.show_page(page)
    qtbot.waitUntil(lambda: page.flow.item(0, 2).text() == "1")


def test_report_is_the_shown_quarter_and_definition(page: FiguresPage, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.pdf"
    asked: list[str] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(Path(str(args[2])).name)  # the suggested file name
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    page.definition.set_value(Definition.INGRADO)
    page.save_report()
    assert asked == ["kwartaalrapport-2026-K4-ingrado.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "4e kwartaal 2026" in text and "Ingrado" in text
    assert page.saved.text() == "Opgeslagen: rapport.pdf"


def test_change_while_shown_recounts_and_hiding_lets_go_of_the_cases(
        qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.figures_page
    window.show_page(page)
    assert page.flow.item(0, 2).text() == "0"
    register(ctx, "Noor", "Jansen", date(2026, 11, 2))  # while the dashboard is in view
    assert page.flow.item(0, 2).text() == "1"
    window.show_page(window.today_page)
    assert page.figures is not None  # the numbers stay; the cases read behind them do not
    assert not page.source.holds_cases


@pytest.mark.parametrize(("width", "side_by_side"), [(1366, True), (1024, False)])
def test_dashboard_fits_a_laptop_screen(qtbot: QtBot, ctx: AppContext, width: int,
                                        side_by_side: bool) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.minimumSizeHint().width() <= 1024  # no page forces a wider window
    window.resize(width, 768)
    window.show()
    window.show_page(window.figures_page)
    page = window.figures_page
    qtbot.waitUntil(lambda: (page.counts_box.geometry().top()
                             == page.targets_box.geometry().top()) is side_by_side)
    # Every column of the targets table is in view, and the page needs no sideways scrolling.
    table = page.targets
    header = table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width())
