"""The role screens against the real server (issue 21): a zorgcoördinator's "Mijn school" and
MDO proposal, a teamleider's dashboard; menus follow the role."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot
from role_helpers import CANARIES, Region, menu_titles
from team_harness import Laptop

from thuiszitter_desktop.domain import small_cells
from thuiszitter_desktop.domain.mdo import Mdo, SuggestionReason
from thuiszitter_desktop.services import mdo
from thuiszitter_desktop.ui import team_figures_page
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.school_dialogs import ProposalDialog
from thuiszitter_desktop.ui.school_page import SchoolPage
from thuiszitter_desktop.ui.team_figures_page import TeamFiguresPage


def test_mijn_school_shows_the_shared_pupils_and_sends_a_proposal_to_the_consulent(
        qtbot: QtBot, region: tuple[Laptop, Region], laptops: Callable[..., Laptop]) -> None:
    consulent, made = region
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(made.regenboog.id,))
    zc.sync()
    window = MainWindow(zc.ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.page_titles() == ["Mijn school"]
    menus = menu_titles(window)
    assert "&Nieuwe casus…" not in menus and "Casussen &delen met het team…" not in menus
    assert window.team is not None
    window.team.refresh()
    assert "Sem de Vries · Zorgcoördinator" in window.team.status_bar.who.text()
    page = window.school_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    names = {row.pupil_name for row in page.model.rows()}
    assert names == {"Sara El Idrissi", "Noor van den Berg"}
    page.select_case(made.shared["Sara"])
    shown = page.detail.toPlainText()
    assert "Elke ochtend twee uur naar school" in shown  # the plan's goal
    assert "Rustige plek in de klas regelen" in shown  # an agreement
    for canary in CANARIES:
        assert canary not in shown
    assert page.meetings.count() == 1
    assert "1 leerling" in page.meetings.item(0).text()

    dialog = ProposalDialog(zc.ctx, made.shared["Noor"], "Noor van den Berg", page)
    qtbot.addWidget(dialog)
    dialog.save()  # nothing typed: told why, in Dutch, and nothing saved
    assert "vraag voor het MDO" in dialog.errors["question"].text()
    dialog.question.setPlainText("Kan Noor na de vakantie halve dagen komen? ✏️")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    page.select_case(made.shared["Noor"])
    qtbot.waitUntil(lambda: "halve dagen komen" in page.detail.toPlainText())
    assert "Voorgesteld" in page.detail.toPlainText()
    zc.sync()
    consulent.sync()
    meeting = Mdo(on=date.today() + timedelta(days=14), start_time=time(10, 0),
                  location="Lokaal 4", school="OBS De Regenboog")
    suggested = {s.snapshot.case_id: s for s in mdo.suggestions(consulent.ctx, meeting)}
    assert suggested[made.shared["Noor"]].reasons[0] is SuggestionReason.VOORGESTELD_DOOR_SCHOOL


def test_the_teamleiders_dashboard_shows_only_masked_figures_and_saves_them(
        qtbot: QtBot, region: tuple[Laptop, Region], laptops: Callable[..., Laptop],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lead = laptops("Anouk Smit", role="teamleider")
    lead.sync()
    window = MainWindow(lead.ctx)
    qtbot.addWidget(window)
    page = window.team_figures_page
    assert window.page_titles() == ["Teamcijfers"]
    with qtbot.waitSignal(page.figures_shown, timeout=20000):
        window.show()
    cells = [page.model.item(row, column).text() for row in range(page.model.rowCount())
             for column in range(2, page.model.columnCount())]
    assert small_cells.MASK in cells
    labels = {page.model.item(row, 1).text() for row in range(page.model.rowCount())}
    assert "Nieuw in het kwartaal" in labels
    target = tmp_path / "teamcijfers.xlsx"
    monkeypatch.setattr(team_figures_page, "save_bytes", _saver(target))
    page.export()
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))["Gegevens"]
    values = [str(c.value) for row in sheet.iter_rows(min_row=2, min_col=3) for c in row]
    assert small_cells.MASK in values
    for value in values:
        number = value.rstrip("%").replace(",", ".")
        assert value in (small_cells.MASK, "—") or value.endswith("%") or float(number) >= 5
    for name in ("Sara", "Noor", "El Idrissi"):
        assert all(name not in str(c.value) for row in sheet.iter_rows() for c in row)


def _saver(target: Path) -> Callable[..., Path]:
    def save(_parent: object, _name: str, data: bytes, **_kw: object) -> Path:
        target.write_bytes(data)
        return target
    return save


def test_pages_of_a_role_are_real_widgets(qtbot: QtBot, region: tuple[Laptop, Region]) -> None:
    consulent, _made = region
    window = MainWindow(consulent.ctx)
    qtbot.addWidget(window)
    titles = window.page_titles()
    assert "Mijn school" not in titles and "Teamcijfers" not in titles
    assert not isinstance(window.pages.widget(0), SchoolPage | TeamFiguresPage)
    assert "&Scholen koppelen…" in menu_titles(window)


def test_the_consulent_sees_what_the_school_added_in_the_case(
        qtbot: QtBot, region: tuple[Laptop, Region], laptops: Callable[..., Laptop]) -> None:
    from thuiszitter_desktop.domain.school_share import SchoolInput
    from thuiszitter_desktop.services import school_role
    from thuiszitter_desktop.ui.school_input_tab import SchoolInputTab

    consulent, made = region
    zc = laptops("Sem de Vries", role="zorgcoordinator", schools=(made.regenboog.id,))
    zc.sync()
    school_role.add_school_input(zc.ctx, SchoolInput(
        case_id=made.shared["Sara"], on_date=date.today(), needs="Een vaste contactpersoon"))
    zc.sync()
    consulent.sync()
    tab = SchoolInputTab(consulent.ctx, made.shared["Sara"])
    qtbot.addWidget(tab)
    assert "Een vaste contactpersoon" in tab.view.toPlainText()
    assert "ziet deze leerling" in tab.view.toPlainText()
    hidden = SchoolInputTab(consulent.ctx, made.hidden["Lucas"])
    qtbot.addWidget(hidden)
    assert "De school ziet deze leerling niet." in hidden.view.toPlainText()
