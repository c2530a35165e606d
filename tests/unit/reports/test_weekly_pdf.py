"""The weekly overview PDF: overdue first, then this week's deadlines per day, state in words."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.reports.weekly import (
    WeeklyItem,
    WeeklyOverview,
    status_text,
    weekly_overview_pdf,
)

S = DeadlineState


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(value: str) -> str:
    return " ".join(value.split())


@pytest.fixture
def overview(today: date) -> WeeklyOverview:
    """Today, Monday 23 November 2026."""
    return WeeklyOverview(
        organisation="Leerplicht Regio Voorbeeld",
        consulent="Fatima el Amrani",
        first_day=today,
        items=(
            WeeklyItem("Zoë Çelik-d'Hondt", "Het Baken College", "Eerste contact",
                       date(2026, 11, 9), S.VERLOPEN),
            WeeklyItem("Sem de Vries", "OBS De Regenboog", "Doelen gesteld",
                       date(2026, 11, 24), S.BINNENKORT),
            WeeklyItem("Noor Bakker", "", "Evaluatie van het plan", date(2026, 11, 26),
                       S.OP_TIJD),
        ),
    )


def test_lists_overdue_and_weekly_rows_with_names_schools_and_state(
    overview: WeeklyOverview,
) -> None:
    pages, content = pdf_text(weekly_overview_pdf(overview))
    body = flat(content)
    assert pages == 1
    for expected in (
        "Weekoverzicht termijnen", "Fatima el Amrani",
        "23 november 2026 tot en met 29 november 2026",
        "Verlopen termijnen", "09-11-2026", "Zoë Çelik-d'Hondt", "Het Baken College",
        "Verlopen, 14 dagen te laat",
        "Dinsdag 24 november 2026", "Sem de Vries", "OBS De Regenboog", "Binnenkort, nog 1 dag",
        "Donderdag 26 november 2026", "Noor Bakker", "Op tijd, nog 3 dagen",
    ):
        assert expected in body, expected


def test_days_in_order_empty_weekdays_say_so_and_empty_weekend_is_left_out(
    overview: WeeklyOverview,
) -> None:
    body = flat(pdf_text(weekly_overview_pdf(overview))[1])
    headings = ["Maandag 23 november", "Dinsdag 24 november", "Woensdag 25 november",
                "Donderdag 26 november", "Vrijdag 27 november"]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Zaterdag" not in body and "Zondag" not in body
    assert body.count("Geen termijnen.") == 3  # maandag, woensdag, vrijdag


def test_overdue_section_says_when_nothing_is_overdue(today: date) -> None:
    empty = WeeklyOverview("Leerplicht Regio Voorbeeld", "Fatima el Amrani", today, ())
    body = flat(pdf_text(weekly_overview_pdf(empty))[1])
    assert "Geen verlopen termijnen." in body


def test_long_week_flows_over_pages_and_keeps_the_last_row(today: date) -> None:
    items = tuple(
        WeeklyItem(f"Leerling {n:02d} de Vries", "OBS De Regenboog",
                   "Gesprek met de mentor plannen over een aangepast rooster " * 2,
                   today + timedelta(days=n % 7), S.BINNENKORT)
        for n in range(60)
    )
    pages, content = pdf_text(weekly_overview_pdf(
        WeeklyOverview("Leerplicht Regio Voorbeeld", "Fatima el Amrani", today, items)))
    assert pages > 1
    body = flat(content)
    assert all(f"Leerling {n:02d} de Vries" in body for n in range(60))
    assert "Zondag 29 november 2026" in body


@pytest.mark.parametrize(
    ("due_offset", "state", "expected"),
    [
        (-1, S.VERLOPEN, "Verlopen, 1 dag te laat"),
        (0, S.BINNENKORT, "Binnenkort, vandaag"),
        (2, S.BINNENKORT, "Binnenkort, nog 2 dagen"),
        (6, S.OP_TIJD, "Op tijd, nog 6 dagen"),
    ],
)
def test_status_text_is_words_not_colour(
    today: date, due_offset: int, state: DeadlineState, expected: str
) -> None:
    item = WeeklyItem("Sem de Vries", "", "Doelen gesteld", today + timedelta(days=due_offset),
                      state)
    assert status_text(item, today) == expected
