"""The demo shows schools as records and sharing with school (issue 21): what a consulent
trying the demo sees in a case's School and Toestemming tabs and in Scholen koppelen."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.consent import ConsentPurpose, Step
from thuiszitter_desktop.services import cases, consent, schools
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import build_demo_cases
from thuiszitter_desktop.services.demo_schools import (
    ZORGCOORDINATOREN,
    Sharing,
    school_records,
    sharing_for,
)
from thuiszitter_desktop.storage import repo_cases
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.school_merge_dialog import SchoolMergeDialog


def tab_named(window: CaseWindow, title: str) -> object:
    [index] = [i for i in range(window.tabs.count()) if window.tabs.tabText(i) == title]
    return window.tabs.widget(index)


def test_every_demo_school_is_a_record_with_code_and_gemeente(
        ctx: AppContext, demo_caseload: list[repo_cases.CaseWithPupil]) -> None:
    labels = sorted(school.label for school in schools.list_schools(ctx))
    assert len(labels) == 7
    assert "OBS De Regenboog (99ZA00, Rivierstad)" in labels
    assert all("(99Z" in label for label in labels)
    by_id = {school.id: school.name for school in schools.list_schools(ctx)}
    linked = [item.pupil for item in demo_caseload if item.pupil.school_id]
    assert len(linked) > len(demo_caseload) // 2
    assert all(by_id[p.school_id] == p.school for p in linked if p.school_id)
    # One school's pupils still carry only the typed name: Scholen koppelen suggests it.
    [waiting] = schools.unmapped(ctx)
    assert waiting.text == "Praktijkschool De Brug" and waiting.pupils > 0
    assert waiting.matches[0].school.name == "Praktijkschool De Brug Oost"


def test_sharing_with_school_is_agreed_on_some_cases_and_missing_on_others(
        ctx: AppContext, demo_caseload: list[repo_cases.CaseWithPupil]) -> None:
    today = ctx.today()
    seen: Counter[str] = Counter()
    for item in demo_caseload:
        if not item.case.is_open or item.pupil.school_id is None:
            continue
        gaps = consent.gaps(ctx, item.case.id, Step.SCHOOL)
        records = [r for r in consent.list_consents(ctx, item.case.id)
                   if r.purpose is ConsentPurpose.SCHOOL]
        if not gaps:
            seen["gedeeld"] += 1
        elif any(r.withdrawn_on is not None for r in records):
            seen["ingetrokken"] += 1
        elif records and item.pupil.age(today) >= 16:
            seen["alleen ouders"] += 1
            assert any("moet zelf ook toestemming geven" in gap for gap in gaps)
        elif not records:
            seen["niet gevraagd"] += 1
    assert seen["gedeeld"] >= 10
    assert seen["ingetrokken"] and seen["alleen ouders"] and seen["niet gevraagd"]


def test_a_shared_demo_case_shows_the_school_and_its_input(
        qtbot: QtBot, ctx: AppContext, demo_caseload: list[repo_cases.CaseWithPupil]) -> None:
    shared = [item for item in demo_caseload if item.case.is_open and item.pupil.school_id
              and not consent.gaps(ctx, item.case.id, Step.SCHOOL)
              and cases.load_case(ctx, item.case.id).case.first_contact_date]
    window = None
    for item in shared:
        window = CaseWindow(ctx, item.pupil, item.case, is_new=False)
        qtbot.addWidget(window)
        text = tab_named(window, "School").view.toPlainText()  # type: ignore[attr-defined]
        if "Aangepast rooster" in text:
            break
    else:
        pytest.fail("no shared demo case with the school's input")
    assert "De zorgcoördinator van de school ziet deze leerling" in text
    assert f"{ZORGCOORDINATOREN[item.pupil.school]} (zorgcoördinator)" in text  # who wrote it
    in_force = tab_named(window, "Toestemming").in_force.text()  # type: ignore[attr-defined]
    assert "Gegevens delen met school: Ouders / verzorgers" in in_force


def test_an_unshared_demo_case_says_the_school_does_not_see_it(
        qtbot: QtBot, ctx: AppContext, demo_caseload: list[repo_cases.CaseWithPupil]) -> None:
    item = next(item for item in demo_caseload if item.case.is_open and item.pupil.school_id
                and consent.gaps(ctx, item.case.id, Step.SCHOOL))
    window = CaseWindow(ctx, item.pupil, item.case, is_new=False)
    qtbot.addWidget(window)
    text = tab_named(window, "School").view.toPlainText()  # type: ignore[attr-defined]
    assert "De school ziet deze leerling niet." in text


def test_scholen_koppelen_offers_the_demo_school_for_the_typed_name(
        qtbot: QtBot, ctx: AppContext, demo_caseload: list[repo_cases.CaseWithPupil]) -> None:
    dialog = SchoolMergeDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.texts.count() == 1
    assert "Praktijkschool De Brug" in dialog.texts.item(0).text()
    dialog.texts.setCurrentRow(0)
    assert "99ZG00" in dialog.matches.item(0).text()


def test_the_demo_links_and_shares_the_same_way_each_time(today: date) -> None:
    def pattern() -> list[tuple[str, str, Sharing]]:
        return [(item.pupil.full_name, item.pupil.school, sharing_for(item, index))
                for index, item in enumerate(build_demo_cases(today))]

    first = pattern()
    assert first == pattern()
    assert {sharing for *_rest, sharing in first} == set(Sharing)
    assert [s.label for s in school_records()] == [s.label for s in school_records()]
