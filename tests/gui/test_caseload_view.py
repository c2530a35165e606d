"""The caseload overview as a consulent uses it: sort, filter, search, keyboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.deadlines import ClockFacts, case_deadlines, next_deadline
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.caseload import CaseloadRow
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.demo import populate_demo
from thuiszitter_desktop.ui.caseload_model import (
    COLUMNS,
    DEADLINE_COLUMN,
    CaseloadFilterProxy,
    CaseloadModel,
    Filters,
)
from thuiszitter_desktop.ui.caseload_page import CaseloadPage
from thuiszitter_desktop.ui.row_table_model import CASE_ID_ROLE

TODAY = date(2026, 11, 23)


def row(case_id: str, name: str, school: str, age: int, days: int, aanmelding_days_ago: int,
        consulent: str = "Anouk Vermeer", stage: str = "Uitgenodigd",
        verzuim: str = "Geoorloofd") -> CaseloadRow:
    aanmelding = TODAY - timedelta(days=aanmelding_days_ago)
    deadline = next_deadline(case_deadlines(ClockFacts(aanmelding_date=aanmelding), TODAY))
    return CaseloadRow(case_id, name, age, school, "Vo", verzuim, 0, days, "School", "",
                       consulent, stage, 2, deadline, True)


ROWS = [
    row("a", "Zoë Çelik-d'Hondt", "OBS De Regenboog", 9, 120, 20),
    row("b", "Sem de Vries", "Stedelijk Lyceum Zuid", 14, 9, 2, consulent="Joris Hoekstra"),
    row("c", "Noor Jansen", "Stedelijk Lyceum Zuid", 12, 45, 12, stage="Monitoring",
        verzuim="Absoluut verzuim"),
]


@pytest.fixture
def proxy(qapp: object, qtmodeltester: object) -> CaseloadFilterProxy:
    model = CaseloadModel(TODAY)
    model.set_rows(ROWS)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    proxy = CaseloadFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def names(proxy: CaseloadFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def column(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


def test_numbers_sort_as_numbers(proxy: CaseloadFilterProxy) -> None:
    proxy.sort(column("Dagen thuis"), Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Sem de Vries", "Noor Jansen", "Zoë Çelik-d'Hondt"]
    proxy.sort(column("Leeftijd"), Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["Sem de Vries", "Noor Jansen", "Zoë Çelik-d'Hondt"]


def test_deadline_sorts_most_urgent_first(proxy: CaseloadFilterProxy) -> None:
    proxy.sort(DEADLINE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert names(proxy)[0] == "Zoë Çelik-d'Hondt"  # first contact overdue
    assert proxy.index(0, DEADLINE_COLUMN).data() == "Eerste contact: 6 dagen verlopen"


def test_deadline_state_is_colour_icon_and_text(proxy: CaseloadFilterProxy) -> None:
    proxy.sort(DEADLINE_COLUMN, Qt.SortOrder.AscendingOrder)
    index = proxy.index(0, DEADLINE_COLUMN)
    assert "verlopen" in index.data()
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Verlopen")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(school="Stedelijk Lyceum Zuid"), {"Sem de Vries", "Noor Jansen"}),
        (Filters(consulent="Joris Hoekstra"), {"Sem de Vries"}),
        (Filters(stage="Monitoring"), {"Noor Jansen"}),
        (Filters(verzuim_type="Absoluut verzuim"), {"Noor Jansen"}),
        (Filters(text="zoe celik"), {"Zoë Çelik-d'Hondt"}),
        (Filters(text="lyceum"), {"Sem de Vries", "Noor Jansen"}),
        (Filters(text="noor lyceum"), {"Noor Jansen"}),
        (Filters(text="onbekend"), set()),
        (Filters(school="Stedelijk Lyceum Zuid", text="sem"), {"Sem de Vries"}),
    ],
)
def test_filters_and_search(proxy: CaseloadFilterProxy, filters: Filters,
                            expected: set[str]) -> None:
    proxy.set_filters(filters)
    assert set(names(proxy)) == expected


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> CaseloadPage:
    populate_demo(ctx)
    widget = CaseloadPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_page_shows_open_demo_cases_and_types_to_search(qtbot: QtBot, page: CaseloadPage) -> None:
    assert page.proxy.rowCount() == 54  # 6 of the 60 demo cases are closed
    assert page.count_label.text() == "54 open casussen"
    first = page.proxy.index(0, 0).data()
    qtbot.keyClicks(page.search, first.split()[0].lower())
    assert 0 < page.proxy.rowCount() < 54
    assert all(first.split()[0] in page.proxy.index(r, 0).data()
               for r in range(page.proxy.rowCount()))
    assert "van 54 open casussen" in page.count_label.text()


def test_school_filter_combo(page: CaseloadPage) -> None:
    index = page.school.findText("SO De Wissel")
    page.school.setCurrentIndex(index)
    schools = {page.proxy.index(r, column("School")).data() for r in range(page.proxy.rowCount())}
    assert schools == {"SO De Wissel"}


def test_show_closed_lists_closed_cases(page: CaseloadPage) -> None:
    page.show_closed.setChecked(True)
    assert page.proxy.rowCount() == 60
    assert page.count_label.text() == "60 casussen"


def test_keyboard_moves_and_enter_opens(qtbot: QtBot, page: CaseloadPage) -> None:
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    expected = page.proxy.index(1, 0).data(CASE_ID_ROLE)
    assert page.selected_case_id() == expected
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_ctrl_f_focuses_search_and_escape_clears(qtbot: QtBot, page: CaseloadPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus() or page.focusWidget() is page.search
    qtbot.keyClicks(page.search, "xyz")
    assert page.proxy.rowCount() == 0
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.proxy.rowCount() == 54


def test_a_save_keeps_the_chosen_school_and_updates_the_school_list(ctx: AppContext,
                                                                    page: CaseloadPage) -> None:
    page.school.setCurrentIndex(page.school.findText("SO De Wissel"))
    shown = page.proxy.rowCount()
    other = next(r for r in page.model.rows_view() if r.school != "SO De Wissel")

    def move_to(school: str) -> None:
        detail = cases.load_case(ctx, other.case_id)
        cases.save_case(ctx, replace(detail.pupil, school=school), detail.case)
        page.on_change(Change("case", (other.case_id,)))

    move_to("Nieuwe School (fictief)")
    assert page.school.findText("Nieuwe School (fictief)") >= 0
    assert page.school.currentText() == "SO De Wissel" and page.proxy.rowCount() == shown
    move_to("SO De Wissel")  # the same schools as before the first save, plus this pupil
    assert page.school.findText("Nieuwe School (fictief)") < 0
    assert page.proxy.rowCount() == shown + 1
    assert other.case_id in {page.proxy.index(r, 0).data(CASE_ID_ROLE)
                             for r in range(page.proxy.rowCount())}


@pytest.mark.parametrize(("typed", "found"), [
    ("yilm", "Nina Yılmaz"), ("sondergaard", "Bjørn Søndergaard"), ("lukasz", "Łukasz Nowak"),
    ("strasse", "Lea Straßer"), ("AEBEL", "Æbel Hansen"),
])
def test_search_folds_every_latin_letter(qapp: object, typed: str, found: str) -> None:
    model = CaseloadModel(TODAY)
    model.set_rows([row(str(i), name, "OBS De Regenboog", 10, 30, 5) for i, name in enumerate(
        ("Nina Yılmaz", "Bjørn Søndergaard", "Łukasz Nowak", "Lea Straßer", "Æbel Hansen"))])
    proxy = CaseloadFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(Filters(text=typed))
    assert names(proxy) == [found]
