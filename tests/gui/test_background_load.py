"""The app reads the caseload in a worker thread: the window shows at once, nothing is lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.overview_clock import RULES
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import caseload, cases, overview_rows, reminders
from thuiszitter_desktop.services.clock_cache import PreparedClock
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_overview
from thuiszitter_desktop.ui import main_window as main_window_module
from thuiszitter_desktop.ui.main_window import MainWindow


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


class Gate:
    """Holds the worker's clock read until the test opens it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.opened = threading.Event()
        real = main_window_module.prepare_clock

        def held(ctx: AppContext, today: date) -> PreparedClock:
            prepared = real(ctx, today)  # read before the test changes anything
            self.entered.set()
            self.opened.wait(timeout=10)
            return prepared

        monkeypatch.setattr(main_window_module, "prepare_clock", held)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(monkeypatch)
    yield held
    held.opened.set()  # never leave a worker waiting


def shown_names(window: MainWindow) -> set[str]:
    model = window.today_page.model
    return {model.index(r, 2).data() for r in range(model.rowCount())}


def test_window_shows_at_once_and_fills_when_the_read_arrives(
        qtbot: QtBot, ctx: AppContext, gate: Gate) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 2))
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    window.show_page(window.caseload)
    assert gate.entered.wait(timeout=10)
    assert window.today_page.summary.text() == "Termijnen worden geladen…"
    assert window.statusBar().currentMessage() == "Caseload en termijnen worden geladen…"
    # The caseload does not wait: its rows come from the stored clocks.
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1)
    assert window.caseload.count_label.text() == "1 open casussen"
    assert window.today_page.summary.text() == "Termijnen worden geladen…"
    gate.opened.set()
    qtbot.waitUntil(lambda: shown_names(window) == {"Zoë Çelik-d'Hondt"})
    assert window.statusBar().currentMessage().startswith("1 open casussen")
    assert window.caseload.count_label.text() == "1 open casussen"


def test_a_save_while_the_read_is_under_way_is_not_lost(
        qtbot: QtBot, ctx: AppContext, gate: Gate) -> None:
    zoe = register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 2))
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    window.show_page(window.caseload)
    assert gate.entered.wait(timeout=10)
    # Saved after the worker read: its read misses these.
    register(ctx, "Sem", "de Vries", date(2026, 10, 20))
    detail = cases.load_case(ctx, zoe.id)
    cases.save_case(ctx, replace(detail.pupil, last_name="Çelik"), detail.case)
    gate.opened.set()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 2)
    assert {r.pupil_name for r in window.caseload.model.rows()} == {"Zoë Çelik", "Sem de Vries"}
    assert shown_names(window) == {r.pupil_name for r in reminders.load_today(ctx).rows}
    assert window.statusBar().currentMessage().startswith("2 open casussen")


def test_locking_while_the_read_is_under_way_shows_nothing_of_it(
        qtbot: QtBot, ctx: AppContext, gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 2))
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    assert gate.entered.wait(timeout=10)
    window.clear_for_lock()
    offered: list[object] = []
    real = window.clock_cache.install

    def install(prepared: PreparedClock, load: int) -> object:
        offered.append(result := real(prepared, load))
        return result

    monkeypatch.setattr(window.clock_cache, "install", install)
    gate.opened.set()
    qtbot.waitUntil(lambda: len(offered) == 1)
    assert offered == [None]  # refused: it was read for the vault before it locked
    assert window.today_page.model.rowCount() == 0
    assert not window.clock_cache.loaded


def test_a_region_sized_caseload_shows_its_longest_registered_cases_while_the_rest_loads(
        qtbot: QtBot, ctx: AppContext, gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    # Thresholds of a region's caseload without stored clocks, scaled down to five cases.
    monkeypatch.setattr(caseload, "FIRST_SCREEN_FROM", 4)
    monkeypatch.setattr(overview_rows, "BY_ID", 4)
    monkeypatch.setattr(caseload, "FIRST_SCREEN_CASES", 2)
    for day, name in ((20, "Emma"), (3, "Ayşe"), (12, "Sem"), (1, "Lev"), (25, "Noor")):
        register(ctx, name, "Jansen", date(2026, 10, day))
    closed = register(ctx, "Ole", "Jansen", date(2026, 9, 1))
    cases.close_case(ctx, closed.id, ClosingReason.VERHUISD)
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    window.show_page(window.caseload)
    assert gate.entered.wait(timeout=10)  # the whole read is still under way
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 2)
    first = {r.pupil_name for r in window.caseload.model.rows()}
    assert first == {"Lev Jansen", "Ayşe Jansen"}  # registered longest ago, and still open
    assert window.caseload.count_label.text() == (
        "De eerste 2 van 5 open casussen (langst aangemeld); de rest wordt geladen…")
    assert window.statusBar().currentMessage() == "Caseload en termijnen worden geladen…"
    gate.opened.set()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 5)
    assert window.caseload.count_label.text() == "5 open casussen"


def test_a_region_with_its_stored_clocks_shows_every_case_before_the_clock_is_read(
        qtbot: QtBot, ctx: AppContext, gate: Gate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caseload, "FIRST_SCREEN_FROM", 4)
    monkeypatch.setattr(caseload, "FIRST_SCREEN_CASES", 2)
    for day, name in ((20, "Emma"), (3, "Ayşe"), (12, "Sem"), (1, "Lev"), (25, "Noor")):
        register(ctx, name, "Jansen", date(2026, 10, day))
    caseload.load_rows(ctx)  # an earlier session stored the clocks
    screens = list(caseload.first_screens(ctx, ctx.today()))
    assert [(len(s.rows), s.complete) for s in screens] == [(2, False), (5, True)]
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    window.show_page(window.caseload)
    assert gate.entered.wait(timeout=10)  # the whole read is still under way
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 5)
    assert window.caseload.count_label.text() == "5 open casussen"
    assert window.statusBar().currentMessage() == "Caseload en termijnen worden geladen…"
    gate.opened.set()
    qtbot.waitUntil(lambda: window.clock_cache.loaded and not window.caseload.loading)
    assert window.caseload.model.rowCount() == 5


def test_a_caseload_with_its_stored_clocks_is_shown_whole_at_once(ctx: AppContext) -> None:
    for day, name in ((20, "Emma"), (3, "Ayşe"), (12, "Sem")):
        register(ctx, name, "Jansen", date(2026, 10, day))
    [first] = caseload.first_screens(ctx, ctx.today())  # a few missing clocks are made
    assert first.complete
    assert sorted(r.pupil_name for r in first.rows) == ["Ayşe Jansen", "Emma Jansen",
                                                        "Sem Jansen"]
    full = caseload.rows_for(ctx, [r.case_id for r in first.rows])  # from the full facts
    assert {r.case_id: r for r in first.rows} == {r.case_id: r for r in full}


def test_a_small_caseload_without_stored_clocks_waits_for_the_whole_read(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overview_rows, "BY_ID", 0)  # as if hundreds of clocks were missing
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 2))
    assert list(caseload.first_screens(ctx, ctx.today())) == []  # quick enough to read whole


def test_after_the_clock_read_the_missing_overview_clocks_are_stored_for_the_next_start(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overview_rows, "BY_ID", 0)  # too many missing to make on the way
    for day, name in ((20, "Emma"), (3, "Ayşe"), (12, "Sem")):
        register(ctx, name, "Jansen", date(2026, 10, day))
    assert list(caseload.first_screens(ctx, ctx.today())) == []
    window = MainWindow(ctx, load_in_background=True)
    qtbot.addWidget(window)
    window.show_page(window.caseload)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 3)

    def missing() -> list[str]:
        with ctx.vault.read() as conn:
            return repo_overview.missing_open(conn, RULES)

    qtbot.waitUntil(lambda: missing() == [])
    [first] = caseload.first_screens(ctx, ctx.today())  # the next start shows them at once
    assert first.complete and len(first.rows) == 3
