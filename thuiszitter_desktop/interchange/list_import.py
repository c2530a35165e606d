"""Read a pupil list (SWV, school, DUO) into ``ListEntry`` rows via a column mapping.

The user maps source columns to fields (first name, last name, full name, birth date, school,
status, ...). Dates are read as Dutch dates (dd-mm-jjjj, d-m-jjjj, also with / or .), ISO dates
(jjjj-mm-dd) and Excel date serials (five digits, 10000-99999: the years 1927-2173). Every
problem is reported with its row and column in Dutch; the bytes are never written anywhere.
A row that cannot be read is left out and reported; the other rows are still compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.limits import SHORT_TEXT, count_text
from thuiszitter_desktop.domain.name_match import plain
from thuiszitter_desktop.domain.reconcile import ListEntry
from thuiszitter_desktop.domain.vocab import Labelled
from thuiszitter_desktop.interchange.tabular import (
    Cell,
    ImportProblem,
    ListImportError,
    RawTable,
    read_table,
)

__all__ = [
    "ImportField",
    "ImportProblem",
    "ListImportError",
    "ParsedList",
    "import_list",
    "parse_date",
    "parse_list",
    "read_table",
    "suggest_mapping",
]


class ImportField(Labelled):
    VOORNAAM = "Voornaam"
    TUSSENVOEGSEL = "Tussenvoegsel"
    ACHTERNAAM = "Achternaam"
    VOLLEDIGE_NAAM = "Volledige naam"
    GEBOORTEDATUM = "Geboortedatum"
    SCHOOL = "School"
    STATUS = "Status"
    GEMEENTE = "Gemeente"


_SYNONYMS: dict[ImportField, tuple[str, ...]] = {
    ImportField.VOORNAAM: ("voornaam", "roepnaam", "voornamen", "first name"),
    ImportField.TUSSENVOEGSEL: ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "tv"),
    ImportField.ACHTERNAAM: ("achternaam", "geslachtsnaam", "familienaam", "last name"),
    ImportField.VOLLEDIGE_NAAM: ("naam", "volledige naam", "naam leerling", "leerling"),
    ImportField.GEBOORTEDATUM: ("geboortedatum", "geb datum", "gebdatum", "geboren",
                                "date of birth"),
    ImportField.SCHOOL: ("school", "schoolnaam", "naam school", "instelling",
                         "onderwijsinstelling"),
    ImportField.STATUS: ("status", "type verzuim", "verzuim", "soort verzuim"),
    ImportField.GEMEENTE: ("gemeente", "woonplaats", "woongemeente"),
}

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's 29-02-1900
_SERIAL_MIN, _SERIAL_MAX = 10_000, 99_999
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})" + _TIME)
_YMD = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_SERIAL = re.compile(r"(\d{5})(?:[.,]\d+)?")


def suggest_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, ImportField]:
    """A first guess of the mapping from the column names, for the mapping dialog."""
    mapping: dict[str, ImportField] = {}
    used: set[ImportField] = set()
    for header in headers:
        key = plain(header)
        for field, names in _SYNONYMS.items():
            if field not in used and key in names:
                mapping[header] = field
                used.add(field)
                break
    return mapping


def _show(value: Cell) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return value.strip()


def parse_date(value: Cell) -> date:
    """A date from a cell; raises ValueError with the Dutch reason."""
    if isinstance(value, date):
        return value
    text = _show(value)
    if isinstance(value, float) and not value.is_integer():
        text = str(int(value))  # a date with a time of day: keep the day
    invalid = f"'{text}' is geen geldige datum."
    if (match := _DMY.fullmatch(text)) is not None:
        day, month, year = match.group(1), match.group(3), match.group(4)
        if len(year) == 2:
            raise ValueError(f"{invalid} Schrijf het jaar met vier cijfers (dd-mm-jjjj).")
    elif (match := _YMD.fullmatch(text)) is not None:
        year, month, day = match.group(1), match.group(3), match.group(4)
    elif (match := _SERIAL.fullmatch(text)) is not None:
        serial = int(match.group(1))
        if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
            raise ValueError(invalid)
        return _EXCEL_EPOCH + timedelta(days=serial)
    else:
        raise ValueError(f"{invalid} Gebruik dd-mm-jjjj, bijvoorbeeld 03-09-2012.")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(invalid) from None


def _check_mapping(table: RawTable, mapping: Mapping[str, ImportField]) -> dict[ImportField, str]:
    problems: list[str] = []
    columns: dict[ImportField, str] = {}
    for column, field in mapping.items():
        if column not in table.headers:
            problems.append(f"De kolom '{column}' staat niet in het bestand.")
        elif field in columns:
            problems.append(f"Er zijn twee kolommen gekoppeld aan '{field.label}': "
                            f"'{columns[field]}' en '{column}'.")
        else:
            columns[field] = column
    if ImportField.GEBOORTEDATUM not in columns:
        problems.append("Koppel een kolom aan 'Geboortedatum'.")
    has_parts = ImportField.ACHTERNAAM in columns and ImportField.VOORNAAM in columns
    if not has_parts and ImportField.VOLLEDIGE_NAAM not in columns:
        problems.append("Koppel kolommen aan 'Voornaam' en 'Achternaam', of één kolom aan "
                        "'Volledige naam'.")
    if problems:
        raise ListImportError([ImportProblem(None, None, p) for p in problems])
    return columns


def _split_full_name(full: str) -> tuple[str, str] | None:
    """'de Vries, Sem' or 'Sem de Vries' -> ('Sem', 'de Vries')."""
    if "," in full:
        last, _, first = full.partition(",")
        first, last = first.strip(), last.strip()
    else:
        first, _, last = full.strip().partition(" ")
        last = last.strip()
    return (first, last) if first and last else None


def _entry(number: int, cells: dict[ImportField, Cell],
           columns: dict[ImportField, str]) -> ListEntry | list[ImportProblem]:
    problems: list[ImportProblem] = []

    def text(field: ImportField) -> str:
        return _show(cells.get(field, ""))

    for field, column in columns.items():
        length = len(text(field)) if field is not ImportField.GEBOORTEDATUM else 0
        if length > SHORT_TEXT:
            problems.append(ImportProblem(
                number, column, f"de {field.label.lower()} is te lang ({count_text(length)} "
                                f"tekens; er passen er {count_text(SHORT_TEXT)})."))
    if problems:
        return problems

    first, last = text(ImportField.VOORNAAM), text(ImportField.ACHTERNAAM)
    if ImportField.VOLLEDIGE_NAAM in columns and not (first and last):
        full = text(ImportField.VOLLEDIGE_NAAM)
        split = _split_full_name(full)
        if split is None:
            message = (f"'{full}' bevat geen voor- en achternaam." if full
                       else "de naam ontbreekt.")
            problems.append(ImportProblem(number, columns[ImportField.VOLLEDIGE_NAAM], message))
        else:
            first, last = split
    else:
        for field, value in ((ImportField.VOORNAAM, first), (ImportField.ACHTERNAAM, last)):
            if not value:
                problems.append(ImportProblem(number, columns[field],
                                              f"de {field.label.lower()} ontbreekt."))
    prefix = text(ImportField.TUSSENVOEGSEL)
    if prefix and last:
        last = f"{prefix} {last}"
    birth_column = columns[ImportField.GEBOORTEDATUM]
    raw_birth = cells[ImportField.GEBOORTEDATUM]
    birth: date | None = None
    if not _show(raw_birth):
        problems.append(ImportProblem(number, birth_column, "de geboortedatum ontbreekt."))
    else:
        try:
            birth = parse_date(raw_birth)
        except ValueError as error:
            problems.append(ImportProblem(number, birth_column, str(error)))
    if problems or birth is None:
        return problems
    return ListEntry(row_number=number, first_name=first, last_name=last, birth_date=birth,
                     school=text(ImportField.SCHOOL), status=text(ImportField.STATUS),
                     gemeente=text(ImportField.GEMEENTE))


@dataclass(frozen=True, slots=True)
class ParsedList:
    """The rows that could be read, and per row that could not: row, column and reason."""

    entries: tuple[ListEntry, ...]
    problems: tuple[ImportProblem, ...]

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(p.row for p in self.problems if p.row is not None))


def parse_list(table: RawTable, mapping: Mapping[str, ImportField]) -> ParsedList:
    """Rows of ``table`` as list entries, and the problems of the rows left out. A mapping
    that cannot work (no birth date column, …) raises ``ListImportError``."""
    columns = _check_mapping(table, mapping)
    index = {field: table.headers.index(column) for field, column in columns.items()}
    entries: list[ListEntry] = []
    problems: list[ImportProblem] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        cells = {field: row[i] for field, i in index.items()}
        result = _entry(number, cells, columns)
        if isinstance(result, ListEntry):
            entries.append(result)
        else:
            problems.extend(result)
    problems = sorted([*table.problems, *problems], key=lambda p: p.row or 0)
    return ParsedList(tuple(entries), tuple(problems))


def import_list(data: bytes, mapping: Mapping[str, ImportField]) -> ParsedList:
    """Read CSV or XLSX bytes and return the rows read and the problems (see ``parse_list``)."""
    return parse_list(read_table(data), mapping)
