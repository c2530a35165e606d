"""The caseload overview as a consulent uses it: sort, filter, search, keyboard."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.deadlines import ClockFacts, case_deadlines, next_deadline
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.demo import populate_demo
from thuiszitter_desktop.ui.caseload_model import (
    COLUMNS,
    DEADLINE_COLUMN,
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
    return CaseloadRow(case_id, name, age, school, "VO", verzuim, 0, days, "School", "",
                       consulent, stage, 2, deadline, True)


ROWS = [
    row("a", "Zoë Çelik-d'Hondt", "OBS De Regenboog", 9, 120, 20),
    row("b", "Sem de Vries", "Stedelijk Lyceum Zuid", 14, 9, 2, consulent="Joris Hoekstra"),
    row("c", "Noor Jansen", "Stedelijk Lyceum Zuid", 12, 45, 12, stage="Monitoring",
        verzuim="Absoluut verzuim"),
]


@pytest.fixture
def proxy(qapp: object, qtmodeltester: object) -> CaseloadModel:
    """The overview's model, which sorts and filters itself."""
    model = CaseloadModel(TODAY)
    model.set_rows(ROWS)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    return model


def names(proxy: CaseloadModel) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def column(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


def test_numbers_sort_as_numbers(proxy: CaseloadModel) -> None:
    proxy.sort(column("Dagen thuis"), Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Sem de Vries", "Noor Jansen", "Zoë Çelik-d'Hondt"]
    proxy.sort(column("Leeftijd"), Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["Sem de Vries", "Noor Jansen", "Zoë Çelik-d'Hondt"]


def test_deadline_sorts_most_urgent_first(proxy: CaseloadModel) -> None:
    proxy.sort(DEADLINE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert names(proxy)[0] == "Zoë Çelik-d'Hondt"  # first contact overdue
    assert proxy.index(0, DEADLINE_COLUMN).data() == "Eerste contact: 6 dagen verlopen"


def test_deadline_state_is_colour_icon_and_text(proxy: CaseloadModel) -> None:
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
def test_filters_and_search(proxy: CaseloadModel, filters: Filters,
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
    assert page.model.rowCount() == 54  # 6 of the 60 demo cases are closed
    assert page.count_label.text() == "54 open casussen"
    first = page.model.index(0, 0).data()
    qtbot.keyClicks(page.search, first.split()[0].lower())
    assert 0 < page.model.rowCount() < 54
    assert all(first.split()[0] in page.model.index(r, 0).data()
               for r in range(page.model.rowCount()))
    assert "van 54 open casussen" in page.count_label.text()


def test_school_filter_combo(page: CaseloadPage) -> None:
    index = page.school.findText("SO De Wissel")
    page.school.setCurrentIndex(index)
    schools = {page.model.index(r, column("School")).data() for r in range(page.model.rowCount())}
    assert schools == {"SO De Wissel"}


def test_show_closed_lists_closed_cases(page: CaseloadPage) -> None:
    page.show_closed.setChecked(True)
    assert page.model.rowCount() == 60
    assert page.count_label.text() == "60 casussen"


def test_keyboard_moves_and_enter_opens(qtbot: QtBot, page: CaseloadPage) -> None:
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    expected = page.model.index(1, 0).data(CASE_ID_ROLE)
    assert page.selected_case_id() == expected
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [expected]


def test_ctrl_f_focuses_search_and_escape_clears(qtbot: QtBot, page: CaseloadPage) -> None:
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus() or page.focusWidget() is page.search
    qtbot.keyClicks(page.search, "xyz")
    assert page.model.rowCount() == 0
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    assert page.model.rowCount() == 54


def test_a_save_keeps_the_chosen_school_and_updates_the_school_list(ctx: AppContext,
                                                                    page: CaseloadPage) -> None:
    page.school.setCurrentIndex(page.school.findText("SO De Wissel"))
    shown = page.model.rowCount()
    other = next(r for r in page.model.all_rows() if r.school != "SO De Wissel")

    def move_to(school: str) -> None:
        detail = cases.load_case(ctx, other.case_id)
        cases.save_case(ctx, replace(detail.pupil, school=school), detail.case)
        page.on_change(Change("case", (other.case_id,)))

    move_to("Nieuwe School (fictief)")
    assert page.school.findText("Nieuwe School (fictief)") >= 0
    assert page.school.currentText() == "SO De Wissel" and page.model.rowCount() == shown
    move_to("SO De Wissel")  # the same schools as before the first save, plus this pupil
    assert page.school.findText("Nieuwe School (fictief)") < 0
    assert page.model.rowCount() == shown + 1
    assert other.case_id in {page.model.index(r, 0).data(CASE_ID_ROLE)
                             for r in range(page.model.rowCount())}


@pytest.mark.parametrize(("typed", "found"), [
    ("yilm", "Nina Yılmaz"), ("sondergaard", "Bjørn Søndergaard"), ("lukasz", "Łukasz Nowak"),
    ("strasse", "Lea Straßer"), ("AEBEL", "Æbel Hansen"),
])
def test_search_folds_every_latin_letter(qapp: object, typed: str, found: str) -> None:
    model = CaseloadModel(TODAY)
    model.set_rows([row(str(i), name, "OBS De Regenboog", 10, 30, 5) for i, name in enumerate(
        ("Nina Yılmaz", "Bjørn Søndergaard", "Łukasz Nowak", "Lea Straßer", "Æbel Hansen"))])
    model.set_filters(Filters(text=typed))
    assert names(model) == [found]


def test_rows_changed_one_by_one_stay_sorted_filtered_and_selected(
        qapp: object, qtmodeltester: object) -> None:
    """Saves move a row by binary search: after each one the rows are what a full sort and
    filter would show, and a selected row stays selected wherever it moves."""
    rng = random.Random(7)
    schools = ("OBS De Regenboog", "Stedelijk Lyceum Zuid", "SO De Wissel")
    made = [row(f"c{i}", f"{rng.choice(['Sem', 'Noor', 'Zoë', 'Milan'])} {i}",
                rng.choice(schools), rng.randint(5, 17), rng.randint(0, 200),
                rng.randint(0, 40)) for i in range(40)]
    model = CaseloadModel(TODAY)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_rows(made)
    selection = QItemSelectionModel(model)
    varying = [column(t) for t in ("Leerling", "Volgende termijn", "Leeftijd", "School",
                                   "Dagen thuis")]
    moves = 0
    for step in range(160):
        if step % 20 == 0:
            model.sort(varying[step // 20 % len(varying)],
                       (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)[step // 20 % 2])
            model.set_filters(rng.choice([Filters(), Filters(school=schools[0]),
                                          Filters(text="no"), Filters(text="s")]))
        if model.rowCount():
            picked = model.index(rng.randrange(model.rowCount()), 0)
            selection.setCurrentIndex(picked, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        chosen = selection.currentIndex().data(CASE_ID_ROLE)
        case_id = f"c{rng.randrange(50)}"
        gone = rng.random() < 0.15
        changed = None if gone else row(case_id, f"{rng.choice(['Sem', 'Noor', 'Lina'])} x",
                                        rng.choice(schools), rng.randint(5, 17),
                                        rng.randint(0, 200), rng.randint(0, 40))
        before = [r.case_id for r in model.all_rows()]
        model.update_row(changed, case_id)
        everything = model.all_rows()
        after = [r.case_id for r in everything]
        moves += case_id in before and case_id in after and (
            before.index(case_id) != after.index(case_id))
        sort = COLUMNS[model.sort_column()].sort if model.sort_column() >= 0 else None
        if sort is not None:
            keys = [sort(r) for r in everything]
            descending = model.sort_order() == Qt.SortOrder.DescendingOrder
            assert keys == sorted(keys, reverse=descending)
        assert [r.case_id for r in model.rows()] == [
            r.case_id for r in model.filters.filtered(everything)]
        still_shown = chosen != case_id or (changed is not None
                                            and model.filters.accepts(changed))
        if chosen is not None and still_shown:
            assert selection.currentIndex().data(CASE_ID_ROLE) == chosen
    assert moves > 40  # rows did move up and down, in both orders


def test_an_unknown_home_start_reads_onbekend_in_the_caseload_and_on_mijn_school(
        qapp: object) -> None:
    from thuiszitter_desktop.ui.school_page import SchoolPupilsModel

    unknown = replace(row("d", "Daan Postma", "SO De Wissel", 11, 0, 3), days_at_home=None)
    days = column("Dagen thuis")
    caseload = CaseloadModel(TODAY)
    caseload.set_rows([*ROWS, unknown])
    caseload.sort(days, Qt.SortOrder.AscendingOrder)
    assert names(caseload)[0] == "Daan Postma"  # unknown first, never as '0 dagen'
    assert caseload.index(0, days).data() == "onbekend"
    school = SchoolPupilsModel(TODAY)
    school.set_rows([*ROWS, unknown])
    texts = {school.index(r, 0).data(): school.index(r, 3).data()
             for r in range(school.rowCount())}
    assert texts["Daan Postma"] == "onbekend"
    assert texts["Sem de Vries"] == "9"
