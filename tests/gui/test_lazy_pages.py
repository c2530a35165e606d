"""Main-window pages load when first shown; Vandaag and the caseload share one clock read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason
from thuiszitter_desktop.services import aanmelding_overview, caseload, cases, mdo
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases
from thuiszitter_desktop.ui.caseload_model import DEADLINE_COLUMN
from thuiszitter_desktop.ui.deferred_page import DeferredPage
from thuiszitter_desktop.ui.lazy_page import LazyLoad
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.mdo_page import MdoPage


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each page's service read ran (the real function still runs)."""
    counted: Counter[str] = Counter()

    def count(module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    count(caseload, "load_rows")
    count(aanmelding_overview, "recent_aanmeldingen")
    count(mdo, "list_mdos")
    count(repo_cases, "anonymous_cases")
    return counted


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 2))
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    return shown


def test_pages_not_yet_shown_have_not_read_anything(reads: Counter[str],
                                                     window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.today_page
    assert window.today_page.model.rowCount() == 1  # Vandaag (and the tray) load at once
    assert sum(reads.values()) == 0
    assert window.caseload.model.rowCount() == 0
    assert window.statusBar().currentMessage().startswith("1 open casussen")


@pytest.mark.parametrize(("page_name", "read"), [
    ("caseload", "load_rows"), ("aanmeld_page", "recent_aanmeldingen"),
    ("mdo_page", "list_mdos"), ("figures_page", "anonymous_cases"),
])
def test_showing_a_page_loads_it_once(reads: Counter[str], window: MainWindow,
                                      page_name: str, read: str) -> None:
    page = getattr(window, page_name)
    window.show_page(page)
    window.show_page(window.today_page)
    window.show_page(page)  # shown again without a change: no new read
    assert reads == Counter({read: 1})


def test_vandaag_and_caseload_share_one_clock_read(window: MainWindow,
                                                   ctx: AppContext) -> None:
    window.show_page(window.caseload)
    assert window.clock_cache.reads == 1
    model = window.caseload.model
    assert [model.index(0, DEADLINE_COLUMN).data()] == [
        f"{r.deadline.describe(ctx.today())}" for r in caseload.load_rows(ctx) if r.deadline]


def test_dashboard_uses_the_open_cases_vandaag_read(reads: Counter[str], window: MainWindow,
                                                    ctx: AppContext) -> None:
    closed = register(ctx, "Sem", "de Vries", date(2026, 10, 20))
    cases.close_case(ctx, closed.id, ClosingReason.VERHUISD)
    reads_before = window.clock_cache.reads
    window.show_page(window.figures_page)
    assert window.clock_cache.reads == reads_before  # no second read of the open cases
    assert reads["anonymous_cases"] == 1  # only the closed ones were read
    running = window.figures_page.figures.flow.running_ids  # type: ignore[union-attr]
    assert closed.id in running and len(running) == 2  # Zoë (open) and Sem (closed)


def test_change_while_hidden_marks_stale_and_reloads_when_shown(
        reads: Counter[str], window: MainWindow, ctx: AppContext) -> None:
    window.show_page(window.caseload)
    window.show_page(window.aanmeld_page)
    window.show_page(window.today_page)
    assert reads["load_rows"] == 1 and reads["recent_aanmeldingen"] == 1

    register(ctx, "Sem", "de Vries", date(2026, 11, 10))  # first contact due this week
    # Vandaag is shown: it refreshed at once; the hidden pages only know they are stale.
    assert window.today_page.model.rowCount() == 2
    assert window.caseload.loader.stale and window.aanmeld_page.loader.stale
    assert window.caseload.model.rowCount() == 1
    assert reads["load_rows"] == 1 and reads["recent_aanmeldingen"] == 1

    window.show_page(window.caseload)
    assert window.caseload.model.rowCount() == 2
    assert not window.caseload.loader.stale
    window.show_page(window.aanmeld_page)
    assert {r.pupil_name for r in window.aanmeld_page.model.rows()} == {
        "Zoë Çelik-d'Hondt", "Sem de Vries"}
    assert reads["load_rows"] == 2 and reads["recent_aanmeldingen"] == 2


def test_change_while_shown_updates_the_page_at_once(reads: Counter[str], window: MainWindow,
                                                     ctx: AppContext) -> None:
    window.show_page(window.caseload)
    register(ctx, "Sem", "de Vries", date(2026, 11, 20))
    assert window.caseload.model.rowCount() == 2
    assert reads["load_rows"] == 1  # one new row read, not the whole caseload


def test_locking_forgets_and_the_next_show_loads_again(window: MainWindow) -> None:
    window.show_page(window.caseload)
    window.clear_for_lock()
    assert window.caseload.model.rowCount() == 0
    window.show_page(window.today_page)
    window.show_page(window.caseload)
    assert window.caseload.model.rowCount() == 1


@pytest.mark.parametrize(("lazy", "loads_at_once"), [(False, 1), (True, 0)])
def test_lazy_load_rules(lazy: bool, loads_at_once: int) -> None:
    loads: list[int] = []
    loader = LazyLoad(lambda: loads.append(1), lazy=lazy)
    assert len(loads) == loads_at_once
    loader.show()
    loader.show()
    assert len(loads) == 1
    loader.hide()
    assert loader.changed() is False and len(loads) == 1
    loader.show()
    assert len(loads) == 2
    assert loader.changed() is True and len(loads) == 3


def test_a_page_is_built_when_first_opened_from_the_pages_list(window: MainWindow,
                                                               ctx: AppContext) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    holder = window.pages.widget(titles.index("MDO"))
    assert isinstance(holder, DeferredPage) and not holder.built
    mdo.save_mdo(ctx, Mdo(on=date(2026, 12, 8), start_time=time(9, 0), location="Teamkamer",
                          chair="Fatima Bakkali", school="OBS De Regenboog"))
    window.nav.setCurrentRow(titles.index("MDO"))  # as a click in the list does
    assert holder.built and isinstance(holder.page, MdoPage)
    assert window.pages.currentWidget() is holder and holder.page.isVisibleTo(window.pages)
    assert holder.page.table.rowCount() == 1  # built late, it shows what was made before
