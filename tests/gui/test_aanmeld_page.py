"""The Aanmelden page lists recent aanmeldingen; missing consent stands out; Enter opens."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmeld_model import CONSENT_COLUMN
from thuiszitter_desktop.ui.aanmeld_page import AanmeldPage
from thuiszitter_desktop.ui.main_window import MainWindow


def report(ctx: AppContext, first: str, on: date, route: AanmeldRoute) -> str:
    a = Aanmelding(
        report_date=on, route=route,
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries", phone="010-0000000"),
        pupil=Pupil(first_name=first, last_name="Çelik-d'Hondt", birth_date=date(2013, 4, 3),
                    school="Het Baken", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        sick_reports=[SickReport(date(2026, 10, 1), date(2026, 10, 14))],
        education_percentage=0, education_since=date(2026, 10, 1),
    )
    return intake.register_aanmelding(ctx, a).id


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> AanmeldPage:
    report(ctx, "Zoë", date(2026, 11, 20), AanmeldRoute.ZIEKTEVERZUIM)
    report(ctx, "Noah", date(2026, 11, 12), AanmeldRoute.GESCHORST)
    shown = AanmeldPage(ctx)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def cells(page: AanmeldPage, row: int) -> list[str]:
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def test_recent_aanmeldingen_are_listed_newest_first(page: AanmeldPage,
                                                     qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(page.model)
    assert cells(page, 0) == ["20-11-2026", "Zoë Çelik-d'Hondt", "Het Baken", "Ziekteverzuim",
                              "Ontbreekt — volgende stappen geblokkeerd", "Aanmelding ontvangen"]
    assert cells(page, 1)[:5] == ["12-11-2026", "Noah Çelik-d'Hondt", "Het Baken",
                                  "Geschorst", "Niet nodig"]
    assert "1 wacht op toestemming" in page.list_title.text()
    assert not page.empty.isVisible()


def test_missing_consent_has_icon_colour_and_reasons(page: AanmeldPage) -> None:
    blocked = page.model.index(0, CONSENT_COLUMN)
    assert blocked.data(Qt.ItemDataRole.DecorationRole) is not None
    assert blocked.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "De ouders hebben nog geen toestemming" in blocked.data(Qt.ItemDataRole.ToolTipRole)
    fine = page.model.index(1, CONSENT_COLUMN)
    assert fine.data(Qt.ItemDataRole.DecorationRole) is None


def test_enter_opens_the_chosen_case(qtbot: QtBot, page: AanmeldPage) -> None:
    page.table.setFocus()
    page.table.selectRow(1)
    expected = page.model.row_at(1).case_id
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [expected]
    with qtbot.waitSignal(page.open_case) as clicked:
        page.open_button.click()
    assert clicked.args == [expected]


def test_main_window_opens_the_case_and_refreshes_the_list(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "open_case", lambda self, case_id: opened.append(case_id))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.aanmeld_page
    window.show_page(page)  # pages load when first shown
    assert page.model.rowCount() == 0 and not page.empty.isHidden()
    case_id = report(ctx, "Sem", date(2026, 11, 23), AanmeldRoute.DUO)
    assert [r.case_id for r in page.model.rows()] == [case_id]
    page.table.selectRow(0)
    page.open_selected()
    assert opened == [case_id]


def test_pupil_names_stay_readable_on_a_narrow_window(qtbot: QtBot, page: AanmeldPage) -> None:
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    name_column = 1
    needed = page.table.sizeHintForColumn(name_column)
    assert page.table.columnWidth(name_column) >= needed > 0
