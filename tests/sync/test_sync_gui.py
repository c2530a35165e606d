"""The team screens against the real server: joining, the status bar, Conflicten, Mogelijk
dubbel. GUI tests wait on signals and conditions, never on sleeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sync_helpers import edit_case, register
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.services import cases, sync, sync_conflicts, sync_duplicates
from thuiszitter_desktop.ui.conflicts_page import ConflictsPage
from thuiszitter_desktop.ui.duplicates_page import DuplicatesPage
from thuiszitter_desktop.ui.join_wizard import JoinWizard, grouped
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.sync_status import status_text


def test_joining_shows_the_fingerprint_and_shares_only_the_ticked_cases(
        qtbot: QtBot, team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen", join=False)
    shared = register(anna.ctx, "Zoë", "Çelik")
    kept = register(anna.ctx, "Mila", "Bos")
    team.add_user("anna", "Anna Jansen")
    wizard = JoinWizard(anna.ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.server_page
    page.address.setText(team.address)
    page.fetch.click()
    qtbot.waitUntil(lambda: bool(page.found), timeout=10000)
    assert page.fingerprint.text() == grouped(team.fingerprint)
    assert not page.isComplete()  # the consulent must confirm what the administrator read out
    page.confirm.setChecked(True)
    assert page.isComplete()
    wizard.next()
    code_page = wizard.code_page
    code_page.code.setText("AAAA-BBBB-CCCC")
    code_page.join_button.click()
    qtbot.waitUntil(lambda: code_page.error.isVisible(), timeout=10000)
    assert "onbekend, al gebruikt of verlopen" in code_page.error.text()
    code_page.code.setText(team.code_for("anna"))
    code_page.join_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.share_page, timeout=10000)
    chooser = wizard.share_page.chooser
    assert chooser.list.count() == 2
    for row in range(2):
        item = chooser.list.item(row)
        assert item is not None
        if "Zoë" in item.text():
            item.setCheckState(Qt.CheckState.Checked)
    assert wizard.validateCurrentPage()  # Afronden: the ticked case goes into the outbox
    anna.sync()
    assert set(team.records()["cases"]) == {shared.id}
    assert kept.id in anna.records()["cases"]


def test_the_status_bar_tells_synced_unsent_and_unreachable(
        qtbot: QtBot, team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen")
    window = MainWindow(anna.ctx)
    qtbot.addWidget(window)
    team_ui = window.team
    assert team_ui is not None
    with qtbot.waitSignal(team_ui.runner.finished, timeout=15000):
        team_ui.runner.run_now()
    assert team_ui.status_bar.label.text().startswith("Gesynchroniseerd om ")
    case = register(anna.ctx)
    qtbot.waitUntil(lambda: "2 wijzigingen nog niet verstuurd" in
                    team_ui.status_bar.label.text())
    team.stop()
    with qtbot.waitSignal(team_ui.runner.finished, timeout=15000):
        team_ui.runner.run_now()
    assert team_ui.status_bar.label.text().startswith("Server niet bereikbaar sinds ")
    team.start()
    with qtbot.waitSignal(team_ui.runner.finished, timeout=15000):
        team_ui.sync_action.trigger()
    assert team_ui.status_bar.label.text().startswith("Gesynchroniseerd om ")
    assert case.id in team.records()["cases"]
    titles = [item.text() for i in range(window.nav.count())
              if (item := window.nav.item(i)) is not None]
    assert titles[-2:] == ["Conflicten", "Mogelijk dubbel"]


def test_status_text_in_words() -> None:
    now = datetime(2026, 12, 4, 11, 0)
    status = sync.SyncStatus(joined=True, last_sync=datetime(2026, 12, 3, 9, 42), unsent=3)
    text = status_text(status, now)
    assert text.startswith("Gesynchroniseerd op 3 december om ")
    assert text.endswith(" · 3 wijzigingen nog niet verstuurd")
    assert status_text(sync.SyncStatus(joined=False), now) == ""


def test_a_conflict_is_decided_on_the_page_by_combining_both_texts(
        qtbot: QtBot, team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    anna.sync()
    bram.sync()
    edit_case(anna.ctx, case.id, notes="Moeder wil praten.")
    edit_case(bram.ctx, case.id, notes="Vader belt.")
    anna.sync()
    bram.sync()
    page = ConflictsPage(bram.ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.list.count() == 1
    [decision] = page.decisions
    assert "Anna Jansen" in decision.keep_server.text()
    assert decision.combined is not None and decision.combine is not None
    decision.combined.setPlainText("Moeder wil praten; vader belt.")
    assert decision.combine.isChecked()
    page._resolve_fields(page.items[0])
    assert page.list.count() == 0 and page.empty.isVisible()
    bram.sync()
    anna.sync()
    assert cases.load_case(anna.ctx, case.id).case.notes == "Moeder wil praten; vader belt."


def test_a_possible_duplicate_is_merged_from_the_page(
        qtbot: QtBot, team: TeamServer, laptops: Callable[..., Laptop],
        monkeypatch: pytest.MonkeyPatch) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    mine = register(anna.ctx, "Zoë", "Çelik")
    register(bram.ctx, "Zoe", "Celik")
    anna.sync()
    bram.sync()
    page = DuplicatesPage(bram.ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.list.count() == 1
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    left, _right = sync_duplicates.pair(bram.ctx, page.items[0].id)
    page._merge(page.items[0], left)
    assert page.list.count() == 0
    bram.sync()
    anna.sync()
    assert set(anna.records()["cases"]) == {mine.id}
    assert sync_conflicts.open_items(anna.ctx, duplicates=True) == []
