"""Turn the bytes of a CSV or XLSX file into a header row and data rows.

CSV: comma, semicolon or tab separated (guessed from the first line), UTF-8 with or without BOM,
UTF-16 with BOM (Excel's "Unicode text") or Windows-1252. XLSX: the first worksheet. Row
numbers are those a user sees in Excel or a text editor's record count (header usually row 1).
A file that cannot be read at all raises ``ListImportError`` with a Dutch message naming the
row; a row that does not fit the columns is left out and listed in ``RawTable.problems``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from thuiszitter_desktop.domain.errors import ValidationError

Cell = str | float | date
"""A cell after reading: text, a number (Excel) or a date (Excel date cell)."""

MAX_PROBLEMS_SHOWN = 10
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True, slots=True)
class ImportProblem:
    row: int | None
    column: str | None
    message: str

    @property
    def text(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Rij {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ListImportError(ValidationError):
    """One or more problems in an imported file; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        texts = [p.text for p in problems]
        super().__init__({f"{i}": text for i, text in enumerate(texts, start=1)})
        self.problems = list(problems)
        shown = texts[:MAX_PROBLEMS_SHOWN]
        if len(texts) > MAX_PROBLEMS_SHOWN:
            rest = len(texts) - MAX_PROBLEMS_SHOWN
            shown.append(f"En nog {rest} andere {'fout' if rest == 1 else 'fouten'}.")
        self.message = "\n".join(shown)
        self.args = (self.message,)

    @classmethod
    def single(cls, message: str, row: int | None = None,
               column: str | None = None) -> ListImportError:
        return cls([ImportProblem(row, column, message)])


@dataclass(frozen=True, slots=True)
class RawTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_numbers: tuple[int, ...]
    # Rows that could not be split into the columns (left out of ``rows``), with the reason.
    problems: tuple[ImportProblem, ...] = ()


def read_table(data: bytes) -> RawTable:
    """Read CSV or XLSX bytes; the kind is recognised from the content, not the file name."""
    if not data.strip():
        raise ListImportError.single("Het bestand is leeg.")
    if data.startswith(_XLS_MAGIC):
        raise ListImportError.single(
            "Oude Excel-bestanden (.xls) worden niet ondersteund. "
            "Sla het bestand in Excel op als .xlsx of als CSV.")
    is_xlsx = data.startswith(_XLSX_MAGIC)
    return _table(_xlsx_records(data) if is_xlsx else _csv_records(_decode(data)))


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", data)]
    else:
        candidates = [("utf-8", data), ("cp1252", data)]
    for encoding, raw in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ListImportError.single(
        "Dit bestand is geen leesbare CSV-tekst. Sla het in Excel op als "
        "'CSV UTF-8 (door komma's gescheiden)' of als .xlsx en probeer het opnieuw.")


def _delimiter(text: str) -> str:
    """The separator used most in the first non-empty line, outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(text: str) -> list[tuple[int, list[Cell]]]:
    # One long value is that row's problem (the row check names it), not the whole file's.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    records: list[tuple[int, list[Cell]]] = []
    number = 0  # the last row read well; the error is in the next one
    try:
        for number, fields in enumerate(reader, start=1):
            records.append((number, list(fields)))
    except csv.Error:
        raise ListImportError.single(
            'een aanhalingsteken (") is niet afgesloten of staat op een verkeerde plek, of een '
            "waarde is veel te lang.", row=number + 1) from None
    return records


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def _xlsx_records(data: bytes) -> list[tuple[int, list[Cell]]]:
    # openpyxl is imported here so CSV users never pay for it.
    import openpyxl

    # A damaged or disguised file can fail in many ways inside openpyxl (zip, XML, styles);
    # all of them mean the same thing to the user.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            records = [(number, [_xlsx_cell(v) for v in values])
                       for number, values in enumerate(sheet.iter_rows(values_only=True),
                                                       start=1)]
        finally:
            workbook.close()
    except Exception:
        raise ListImportError.single(
            "Het Excel-bestand kan niet worden gelezen. Is het beschadigd of beveiligd met een "
            "wachtwoord? Sla het opnieuw op als .xlsx of als CSV.") from None
    return records


def _blank(cells: Iterable[Cell]) -> bool:
    return all(isinstance(c, str) and not c.strip() for c in cells)


def _table(records: list[tuple[int, list[Cell]]]) -> RawTable:
    content = [(n, cells) for n, cells in records if not _blank(cells)]
    if not content:
        raise ListImportError.single("Het bestand is leeg.")
    header_number, header_cells = content[0]
    headers = _headers(header_number, header_cells)
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    problems: list[ImportProblem] = []
    width = len(headers)
    for number, cells in content[1:]:
        extra = cells[width:]
        if not _blank(extra):
            problems.append(ImportProblem(number, None, (
                f"deze rij heeft meer waarden ({len(cells)}) dan er kolommen zijn ({width}). "
                "Staat er een komma of puntkomma in een waarde? Zet die waarde dan tussen "
                "aanhalingstekens.")))
            continue
        padded = list(cells[:width]) + [""] * (width - len(cells))
        rows.append(tuple(padded))
        numbers.append(number)
    if problems and not rows:
        raise ListImportError(problems)
    if not rows:
        raise ListImportError.single(
            "Het bestand bevat alleen een kopregel en geen leerlingen.")
    return RawTable(headers, tuple(rows), tuple(numbers), tuple(problems))


def _headers(number: int, cells: list[Cell]) -> tuple[str, ...]:
    # Trailing empty header cells are common in exports; drop them, name inner ones.
    while cells and _blank(cells[-1:]):
        cells = cells[:-1]
    headers: list[str] = []
    for index, cell in enumerate(cells, start=1):
        name = " ".join(str(cell).split()) if not isinstance(cell, date) else cell.isoformat()
        headers.append(name or f"Kolom {index}")
    seen: set[str] = set()
    for name in headers:
        if name.casefold() in seen:
            raise ListImportError.single(
                f"de kolomnaam '{name}' komt meer dan eens voor in de kopregel.", row=number)
        seen.add(name.casefold())
    return tuple(headers)
