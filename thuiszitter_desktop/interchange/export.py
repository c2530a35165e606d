"""Anonymised rows behind the quarterly figures, as CSV or XLSX bytes.

Meant for the Inspectie's quarterly thuiszittersregistratie and the yearly leerplichttelling:
one row per case that counted under the chosen definition on at least one day of the quarter,
so pupils who stopped being a thuiszitter during the quarter are kept. No names, no birth
dates (only the age group), no free text (notes, closing notes, kind of offer, names of
professionals); school, SWV and gemeente are kept because the figures are counted by them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.breakdowns import age_group
from thuiszitter_desktop.domain.definitions import Caseload, Definition
from thuiszitter_desktop.domain.figures import Histories, running_entries
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.vocab import Labelled

Value = str | int | date | None
_Column = tuple[str, Callable[[Pupil, Case, date, date], Value]]


def _label(value: Labelled | None) -> str:
    return "" if value is None else value.label


def _yes_no(value: bool) -> str:
    return "Ja" if value else "Nee"


def _days_at_home(case: Case, period_end: date) -> int:
    """Days at home up to closing, or up to the end of the period while still open."""
    end = case.closed_on if case.closed_on and case.closed_on <= period_end else period_end
    return max(0, (end - case.home_start).days)


# (header, value from: pupil, case, the last day the case counted, the period end)
_COLUMNS: tuple[_Column, ...] = (
    ("Leeftijdsgroep", lambda p, c, d, e: age_group(p.birth_date, d).label),
    ("Onderwijstype", lambda p, c, d, e: p.onderwijstype.label),
    ("Ingeschreven", lambda p, c, d, e: _yes_no(p.enrolled)),
    ("School", lambda p, c, d, e: p.school.strip()),
    ("Samenwerkingsverband", lambda p, c, d, e: p.swv.strip()),
    ("Gemeente", lambda p, c, d, e: p.gemeente.strip()),
    ("Type verzuim", lambda p, c, d, e: c.verzuim_type.label),
    ("Percentage onderwijs", lambda p, c, d, e: c.education_percentage),
    ("Ondersteuningsvraag", lambda p, c, d, e: _label(c.ondersteuningsvraag)),
    ("Overige ondersteuningsvragen",
     lambda p, c, d, e: "; ".join(v.label for v in c.extra_ondersteuningsvragen)),
    ("Huidige situatie", lambda p, c, d, e: _label(c.huidige_situatie)),
    ("Wachtlijst", lambda p, c, d, e: c.wachtlijst.label),
    ("Regie", lambda p, c, d, e: c.regie.label),
    ("Oorzaak stagnatie", lambda p, c, d, e: _label(c.stagnatie_oorzaak)),
    ("Thuis sinds", lambda p, c, d, e: c.home_start),
    ("Aanmelding", lambda p, c, d, e: c.aanmelding_date),
    ("Eerste gesprek", lambda p, c, d, e: c.first_contact_date),
    ("Doelen gesteld", lambda p, c, d, e: c.goals_set_date),
    ("Passend aanbod", lambda p, c, d, e: c.passend_aanbod_date),
    ("Afgesloten", lambda p, c, d, e: c.closed_on),
    ("Reden afsluiting", lambda p, c, d, e: _label(c.closing_reason)),
    ("Dagen thuis", lambda p, c, d, e: _days_at_home(c, e)),
)


@dataclass(frozen=True, slots=True)
class ExportTable:
    quarter: Quarter
    definition: Definition
    period_end: date
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


def export_table(caseload: Caseload, quarter: Quarter, definition: Definition,
                 today: date, history: Histories | None = None) -> ExportTable:
    """The anonymised rows of one quarter under one definition, oldest home situation first;
    with ``history``, each with the values of its last counted day."""
    entries = running_entries(caseload, quarter, definition, today, history)
    period_end = min(quarter.end, today)
    entries.sort(key=lambda item: (item[0][1].home_start, item[0][1].aanmelding_date))
    rows = []
    for number, ((pupil, case), last) in enumerate(entries, start=1):
        stopped = last < period_end
        values = [getter(pupil, case, last, period_end) for _, getter in _COLUMNS]
        rows.append((number, quarter.short_label, definition.short_label, *values,
                     _yes_no(stopped)))
    headers = ("Volgnummer", "Kwartaal", "Definitie", *(h for h, _ in _COLUMNS),
               "Gestopt in kwartaal")
    return ExportTable(quarter, definition, period_end, headers, tuple(rows))


def _safe_text(value: str) -> str:
    """Keep spreadsheet programs from running a school name like '=HYPERLINK(...)'."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, int):
        return str(value)
    return _safe_text(value)


def to_csv(table: ExportTable) -> bytes:
    """Semicolon-separated UTF-8 with BOM and dd-mm-jjjj dates, as Dutch Excel opens it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _explanation(table: ExportTable) -> Sequence[tuple[str, str]]:
    return (
        ("Kwartaal", table.quarter.label),
        ("Periode", f"{table.quarter.start:%d-%m-%Y} t/m {table.period_end:%d-%m-%Y}"),
        ("Definitie", table.definition.label),
        ("Aantal rijen", str(len(table.rows))),
        ("Inhoud", "Eén rij per leerling die in dit kwartaal minstens één dag volgens deze "
                   "definitie thuiszat, ook als dat in het kwartaal stopte."),
        ("Privacy", "Geanonimiseerd: geen namen, geen geboortedata (alleen de leeftijdsgroep) "
                    "en geen vrije tekst."),
        ("Ondersteuningsvraag", "Een leerling kan meer dan één ondersteuningsvraag hebben: de "
                                "belangrijkste staat in 'Ondersteuningsvraag', de andere in "
                                "'Overige ondersteuningsvragen'. Wie per vraag telt, telt beide "
                                "kolommen en komt samen op meer vragen dan leerlingen."),
    )


def to_xlsx(table: ExportTable) -> bytes:
    """A workbook with the rows ('Gegevens') and what they mean ('Toelichting')."""
    return sheet_xlsx(table.headers, table.rows, _explanation(table))


def sheet_xlsx(headers: Sequence[str], rows: Sequence[Sequence[Value]],
               explanation: Sequence[tuple[str, str]]) -> bytes:
    """One sheet of rows under bold headers ('Gegevens') and one that explains them
    ('Toelichting'); text never becomes a formula, dates read dd-mm-jjjj."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Gegevens"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, date):
                cell.number_format = "DD-MM-YYYY"
            elif isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # text, never a formula
    for index, header in enumerate(headers, start=1):
        width = max([len(header), *(len(_csv_value(r[index - 1])) for r in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 45)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    notes = workbook.create_sheet("Toelichting")
    for label, value in explanation:
        notes.append([label, value])
        notes.cell(notes.max_row, 1).font = Font(bold=True)
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
