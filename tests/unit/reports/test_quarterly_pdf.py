"""The quarterly report PDF: targets with verdicts, doorloopsnelheid, counts, definition."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import Quarter, quarter_figures
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason, VerzuimType
from thuiszitter_desktop.reports.quarterly import quarterly_report_pdf

Q3 = Quarter(2026, 3)
ORG = "Leerrecht Regio Zoë Çelik"


def entry(school: str, birth: date, **fields: object) -> tuple[Pupil, Case]:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=birth, school=school)
    return pupil, Case(pupil_id=pupil.id, **fields)  # type: ignore[arg-type]


def caseload() -> list[tuple[Pupil, Case]]:
    return [
        # Contact on day 4, goals in time, offer after 82 days: meets every target.
        entry("OBS De Regenboog", date(2014, 3, 1), aanmelding_date=date(2026, 7, 1),
              home_since=date(2026, 6, 20), verzuim_type=VerzuimType.ONGEOORLOOFD,
              first_contact_date=date(2026, 7, 5), goals_set_date=date(2026, 7, 25),
              passend_aanbod_date=date(2026, 9, 10)),
        # Contact on day 10: misses the 7-day target, meets the 14-day one.
        entry("Het Baken", date(2018, 9, 15), aanmelding_date=date(2026, 7, 10),
              first_contact_date=date(2026, 7, 20), goals_set_date=date(2026, 8, 15),
              closed_on=date(2026, 9, 1), closing_reason=ClosingReason.TERUG_OP_SCHOOL),
    ]


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


@pytest.fixture
def report(today: date) -> str:
    figures = quarter_figures(caseload(), Q3, Definition.BREED, today)
    return pdf_text(quarterly_report_pdf(figures, organisation=ORG, made_on=today))[0]


def test_header_names_quarter_period_and_definition(report: str) -> None:
    assert "Kwartaalrapportage thuiszitters" in report
    assert "3e kwartaal 2026" in report
    assert "1 juli 2026 t/m 30 september 2026" in report
    assert "Gemaakt op 23 november 2026" in report
    assert ORG in report


def test_every_section_names_the_definition(report: str) -> None:
    # The caption under each of the four sections, plus the header block and page footers.
    assert report.count(f"Definitie: {Definition.BREED.label}.") >= 4
    assert report.count("(definitie: Breed, 2 casussen)") == 11


def test_targets_show_achieved_norm_and_verdict(report: str) -> None:
    assert "leerling of ouders binnen 7 dagen 80% 50% 1 van 2 Norm niet gehaald" in report
    assert "leerling of ouders binnen 14 dagen 100% 100% 2 van 2 Norm gehaald" in report
    assert "Doelen gesteld binnen de eerste maand 90% 50% 1 van 2 Norm niet gehaald" in report
    # Offer: the first case met it; the second returned to school before its clock.
    assert "zonder passend aanbod 80% 100% 2 van 2 Norm gehaald" in report


def test_doorloopsnelheid_with_trend(report: str) -> None:
    # Closed in Q3: the second case, 10-7 to 1-9 = 53 days; no closed cases in Q2.
    assert "Dagen thuis (afgesloten casussen) 1 53 dagen 53 dagen —" in report
    assert "Geen vergelijking met vorig kwartaal mogelijk" in report
    # Offer: 20-6 to 10-9 = 82 days.
    assert "Dagen tot passend aanbod 1 82 dagen 82 dagen" in report


def test_counts_per_characteristic(report: str) -> None:
    assert "OBS De Regenboog 1 50%" in report
    assert "Het Baken 1 50%" in report
    assert "Ongeoorloofd 1 50%" in report
    assert "Geoorloofd 1 50%" in report


def test_partial_quarter_and_empty_caseload_say_so(today: date) -> None:
    figures = quarter_figures([], Quarter(2026, 4), Definition.LANDELIJK, today)
    text, _ = pdf_text(quarterly_report_pdf(figures, organisation=ORG, made_on=today))
    assert "1 oktober 2026 t/m 23 november 2026 (het kwartaal loopt nog" in text
    assert "Geen casussen in dit kwartaal" in text
    assert f"Definitie: {Definition.LANDELIJK.label}." in text


def test_many_schools_flow_over_pages(today: date) -> None:
    schools = [f"Basisschool nummer {i:02d} in de wijk Overvecht-Noord" for i in range(60)]
    load = [entry(school, date(2014, 3, 1), aanmelding_date=date(2026, 7, 1))
            for school in schools]
    figures = quarter_figures(load, Q3, Definition.BREED, today)
    text, pages = pdf_text(quarterly_report_pdf(figures, organisation=ORG, made_on=today))
    assert pages > 3
    assert schools[-1] in text
    assert "Oorzaak stagnatie (definitie: Breed, 60 casussen)" in text
