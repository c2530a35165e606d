"""The anonymised export: right rows, no names, no birth dates, no free text."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.vocab import ClosingReason, VerzuimType
from thuiszitter_desktop.interchange.export import ExportTable, export_table, to_csv, to_xlsx

Q3 = Quarter(2026, 3)
SECRETS = ("Zoë", "Çelik", "Hondt", "Sem", "Vries", "Bakker", "Noah", "pesten",
           "Jeugdarts Jansen", "Kinderdagcentrum De Boog", "mevrouw Smit")


def caseload() -> list[tuple[Pupil, Case]]:
    zoe = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 9, 3),
                school="OBS De Regenboog", gemeente="Utrecht", swv="SWV Utrecht PO",
                address="Kerkstraat 1")
    sem = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2010, 8, 3),
                school="=HYPERLINK(\"http://x\")", gemeente="Zeist")
    noah = Pupil(first_name="Noah", last_name="Bakker", birth_date=date(2014, 1, 2),
                 school="Het Baken")
    return [
        (zoe, Case(pupil_id=zoe.id, aanmelding_date=date(2026, 7, 1),
                   home_since=date(2026, 6, 20), verzuim_type=VerzuimType.ONGEOORLOOFD,
                   first_contact_date=date(2026, 7, 5), notes="Wordt gepest (pesten)",
                   casusverantwoordelijke="mevrouw Smit",
                   passend_aanbod_kind="Kinderdagcentrum De Boog")),
        # Stopped in the quarter: must stay in the export.
        (sem, Case(pupil_id=sem.id, aanmelding_date=date(2026, 8, 1),
                   home_since=date(2026, 5, 15), verzuim_type=VerzuimType.VRIJSTELLING_5A,
                   closed_on=date(2026, 8, 5), closing_reason=ClosingReason.ANDERS,
                   closing_note="Jeugdarts Jansen adviseert")),
        # Closed before the quarter: not in it.
        (noah, Case(pupil_id=noah.id, aanmelding_date=date(2026, 4, 1),
                    closed_on=date(2026, 6, 1), closing_reason=ClosingReason.TERUG_OP_SCHOOL)),
    ]


@pytest.fixture
def table(today: date) -> ExportTable:
    return export_table(caseload(), Q3, Definition.BREED, today)


def _birth_date_forms() -> list[str]:
    forms = []
    for pupil, _ in caseload():
        b = pupil.birth_date
        forms += [f"{b:%d-%m-%Y}", b.isoformat(), f"{b.day}-{b.month}-{b.year}"]
    return forms


def test_rows_keep_pupils_who_stopped_in_the_quarter(table: ExportTable) -> None:
    assert len(table.rows) == 2
    rows = [dict(zip(table.headers, row, strict=True)) for row in table.rows]
    # Oldest home situation first: Sem (15-5), then Zoë (20-6).
    sem, zoe = rows
    assert sem["Gestopt in kwartaal"] == "Ja"
    assert sem["Leeftijdsgroep"] == "16 en 17 jaar"       # 16 on 3-8, counted until 4-8
    assert sem["Dagen thuis"] == 82                       # 15-5 to 5-8
    assert sem["Reden afsluiting"] == "Anders"
    assert zoe["Gestopt in kwartaal"] == "Nee"
    assert zoe["Leeftijdsgroep"] == "12 t/m 15 jaar"
    assert zoe["Type verzuim"] == "Ongeoorloofd"
    assert zoe["Eerste gesprek"] == date(2026, 7, 5)
    assert zoe["Dagen thuis"] == 102                      # 20-6 to 30-9
    assert [r["Volgnummer"] for r in rows] == [1, 2]
    assert {r["Definitie"] for r in rows} == {"Breed"}


def test_definition_changes_the_rows(today: date) -> None:
    table = export_table(caseload(), Q3, Definition.INGRADO, today)
    assert len(table.rows) == 1
    assert table.rows[0][table.headers.index("Definitie")] == "Ingrado"


def test_csv_has_no_names_birth_dates_or_free_text(table: ExportTable) -> None:
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    for secret in (*SECRETS, *_birth_date_forms(), "Kerkstraat"):
        assert secret not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(table.headers)
    assert rows[2][rows[0].index("Thuis sinds")] == "20-06-2026"
    assert rows[2][rows[0].index("School")] == "OBS De Regenboog"
    # A school name that looks like a formula is written as text.
    assert rows[1][rows[0].index("School")].startswith("'=")


def test_xlsx_has_no_names_birth_dates_or_free_text(table: ExportTable) -> None:
    data = to_xlsx(table)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        raw = " ".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    for secret in (*SECRETS, *_birth_date_forms(), "Kerkstraat"):
        assert secret not in raw
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Gegevens", "Toelichting"]
    sheet = workbook["Gegevens"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(table.headers)
    assert len(values) == 3
    zoe = dict(zip(table.headers, values[2], strict=True))
    assert zoe["Thuis sinds"] == datetime(2026, 6, 20)
    assert zoe["Dagen thuis"] == 102
    sem_school = sheet.cell(2, table.headers.index("School") + 1)
    assert sem_school.data_type == "s"
    notes = {row[0]: row[1] for row in workbook["Toelichting"].iter_rows(values_only=True)}
    assert notes["Definitie"] == Definition.BREED.label
    assert notes["Periode"] == "01-07-2026 t/m 30-09-2026"
