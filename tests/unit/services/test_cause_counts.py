"""Seed 004, B4.1 (Ondersteuningsvraag, "meerdere antwoorden mogelijk"): the quarterly figures
count every cause a pupil has, and say that the rows then add up to more than the total."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from pypdf import PdfReader

from thuiszitter_desktop.domain.breakdowns import Dimension
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.vocab import Ondersteuningsvraag as Cause
from thuiszitter_desktop.services import cases, figures
from thuiszitter_desktop.services.context import AppContext

# The ctx clock stands at 23 November 2026 (Q4).
Q4 = Quarter(2026, 4)


def register(ctx: AppContext, first: str, main: Cause | None, *more: Cause) -> str:
    pupil = Pupil(first_name=first, last_name="Fictief", birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil, Case(
        pupil_id=pupil.id, aanmelding_date=date(2026, 10, 5), ondersteuningsvraag=main,
        extra_ondersteuningsvragen=more)).id


def caseload(ctx: AppContext) -> dict[str, str]:
    return {
        "Zoë": register(ctx, "Zoë", Cause.PSYCHISCH, Cause.LICHAMELIJK, Cause.LEREN),
        "Sem": register(ctx, "Sem", Cause.PSYCHISCH),
        "Noor": register(ctx, "Noor", None, Cause.GEDRAG),  # only a further cause known
        "Ömer": register(ctx, "Ömer", None),
    }


def test_every_cause_of_a_pupil_counts_once(ctx: AppContext) -> None:
    ids = caseload(ctx)
    table = figures.load_figures(ctx, Q4, Definition.BREED).counts.table(
        Dimension.ONDERSTEUNINGSVRAAG)
    assert [(row.label, row.count) for row in table.rows] == [
        ("Lichamelijk / gezondheid", 1), ("Psychisch", 2), ("Gedrag", 1),
        ("Leerproblemen of hoogbegaafdheid", 1), ("Onbekend", 1)]
    assert table.total == 4  # pupils, while the rows add up to 6
    assert sum(row.count for row in table.rows) == 6
    assert set(table.rows[1].case_ids) == {ids["Zoë"], ids["Sem"]}
    assert table.rows[2].case_ids == (ids["Noor"],)
    assert "meer dan één ondersteuningsvraag" in table.several_note
    school = figures.load_figures(ctx, Q4, Definition.BREED).counts.table(Dimension.SCHOOL)
    assert school.total == sum(row.count for row in school.rows) == 4
    assert school.several_note == ""


def test_the_pdf_and_the_xlsx_say_a_pupil_can_have_several_causes(ctx: AppContext) -> None:
    caseload(ctx)
    pdf = figures.quarterly_report(ctx, Q4, Definition.BREED)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ondersteuningsvraag (definitie: Breed, 4 casussen)" in text
    assert ("Een leerling kan meer dan één ondersteuningsvraag hebben en telt bij elk daarvan "
            "mee.") in text
    book = openpyxl.load_workbook(io.BytesIO(figures.export_quarter(ctx, Q4, Definition.BREED,
                                                                     "xlsx")))
    rows = list(book.worksheets[0].values)
    column = rows[0].index("Overige ondersteuningsvragen")
    assert sorted(str(row[column] or "") for row in rows[1:]) == [
        "", "", "Gedrag", "Lichamelijk / gezondheid; Leerproblemen of hoogbegaafdheid"]
    explained = dict(row[:2] for row in book.worksheets[1].values)
    assert "meer vragen dan leerlingen" in str(explained["Ondersteuningsvraag"])


def test_a_cause_given_twice_counts_once() -> None:
    from thuiszitter_desktop.domain.breakdowns import Counts

    pupil = Pupil(first_name="", last_name="", birth_date=date(2013, 4, 2))
    twice = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 10, 5),
                 ondersteuningsvraag=Cause.LEREN,
                 extra_ondersteuningsvragen=(Cause.LEREN, Cause.ANDERS))
    table = Counts([((pupil, twice), date(2026, 11, 23))], Definition.BREED).table(
        Dimension.ONDERSTEUNINGSVRAAG)
    assert [(row.label, row.count) for row in table.rows] == [
        ("Leerproblemen of hoogbegaafdheid", 1), ("Anders", 1)]
    assert table.total == 1
