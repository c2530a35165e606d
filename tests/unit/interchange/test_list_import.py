"""Importing pupil lists: encodings, separators, BOM, XLSX, Dutch dates, malformed files."""

from __future__ import annotations

import codecs
import io
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.interchange.list_import import (
    ImportField,
    ListImportError,
    import_list,
    parse_date,
    read_table,
    suggest_mapping,
)

MAPPING = {
    "Voornaam": ImportField.VOORNAAM,
    "Achternaam": ImportField.ACHTERNAAM,
    "Geboortedatum": ImportField.GEBOORTEDATUM,
    "School": ImportField.SCHOOL,
}
ROWS = [
    ("Voornaam", "Achternaam", "Geboortedatum", "School"),
    ("Zoë", "Çelik-d'Hondt", "03-09-2012", "OBS De Regenboog"),
    ("Sem", "de Vries", "2013-04-12", "Het Baken"),
]
EXPECTED = [
    ("Zoë", "Çelik-d'Hondt", date(2012, 9, 3), "OBS De Regenboog"),
    ("Sem", "de Vries", date(2013, 4, 12), "Het Baken"),
]


def csv_bytes(rows: list[tuple[str, ...]], delimiter: str, encoding: str) -> bytes:
    return "\r\n".join(delimiter.join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows: list[tuple[object, ...]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def summary(data: bytes) -> list[tuple[str, str, date, str]]:
    return [(e.first_name, e.last_name, e.birth_date, e.school)
            for e in import_list(data, MAPPING).entries]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_in_every_encoding_and_separator(delimiter: str, encoding: str) -> None:
    assert summary(csv_bytes(ROWS, delimiter, encoding)) == EXPECTED


def test_bom_is_not_part_of_the_first_column_name() -> None:
    data = codecs.BOM_UTF8 + csv_bytes(ROWS, ";", "utf-8")
    assert read_table(data).headers[0] == "Voornaam"


def test_quoted_values_with_separator_and_line_break() -> None:
    data = (b'Voornaam,Achternaam,Geboortedatum,School\n'
            b'"Sem","de Vries, jr.",12-4-2013,"Het Baken\nlocatie Noord"\n')
    entry = import_list(data, MAPPING).entries[0]
    assert entry.last_name == "de Vries, jr."
    assert entry.school == "Het Baken\nlocatie Noord"


def test_xlsx_with_date_cells_serials_and_text() -> None:
    data = xlsx_bytes([
        ("Voornaam", "Achternaam", "Geboortedatum", "School"),
        ("Zoë", "Çelik-d'Hondt", datetime(2012, 9, 3), "OBS De Regenboog"),
        ("Sem", "de Vries", 41376, "Het Baken"),          # Excel serial of 12-04-2013
        ("Noah", "Bakker", "1-2-2014", None),
    ])
    assert summary(data) == [
        *EXPECTED, ("Noah", "Bakker", date(2014, 2, 1), "")]


def test_row_numbers_are_those_of_the_file() -> None:
    data = b"\n\nVoornaam;Achternaam;Geboortedatum;School\n\nSem;de Vries;12-4-2013;X\n"
    assert [e.row_number for e in import_list(data, MAPPING).entries] == [5]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03-09-2012", date(2012, 9, 3)),
        ("3-9-2012", date(2012, 9, 3)),
        ("3/9/2012", date(2012, 9, 3)),
        ("03.09.2012", date(2012, 9, 3)),
        ("2012-09-03", date(2012, 9, 3)),
        ("2012-09-03 00:00:00", date(2012, 9, 3)),
        ("41155", date(2012, 9, 3)),
        (41155.0, date(2012, 9, 3)),
        (41155.75, date(2012, 9, 3)),
        (date(2012, 9, 3), date(2012, 9, 3)),
    ],
)
def test_date_forms(value: str | float | date, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-02-2012", "'31-02-2012' is geen geldige datum."),
        ("3-9-12", "Schrijf het jaar met vier cijfers"),
        ("september 2012", "Gebruik dd-mm-jjjj"),
        ("2012", "'2012' is geen geldige datum."),
        ("3-9/2012", "geen geldige datum"),
    ],
)
def test_invalid_dates(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value)


def test_a_bad_row_is_named_with_row_and_column_and_the_others_are_kept() -> None:
    rows = [*ROWS, ("Noah", "Bakker", "01-01-2014", ""), ("Lina", "Jansen", "05-06-2014", ""),
            ("Mees", "Smit", "07-08-2014", ""), ("Fenna", "Mulder", "31-02-2012", "")]
    parsed = import_list(csv_bytes(rows, ";", "utf-8"), MAPPING)
    assert [p.text for p in parsed.problems] == [
        "Rij 7, kolom 'Geboortedatum': '31-02-2012' is geen geldige datum."]
    assert [e.first_name for e in parsed.entries] == ["Zoë", "Sem", "Noah", "Lina", "Mees"]
    assert parsed.bad_rows == (7,)


def test_all_problems_are_reported_at_once() -> None:
    rows = [ROWS[0], ("", "de Vries", "", "X"), ("Sem", "", "1-1-2013", "X")]
    parsed = import_list(csv_bytes(rows, ",", "utf-8"), MAPPING)
    assert [p.text for p in parsed.problems] == [
        "Rij 2, kolom 'Voornaam': de voornaam ontbreekt.",
        "Rij 2, kolom 'Geboortedatum': de geboortedatum ontbreekt.",
        "Rij 3, kolom 'Achternaam': de achternaam ontbreekt.",
    ]
    assert parsed.entries == () and parsed.bad_rows == (2, 3)


def test_300_rows_with_5_bad_ones_keep_295() -> None:
    good = [(f"Leerling{n}", "de Vries", f"{1 + n % 28:02d}-{1 + n % 12:02d}-2012", "Het Baken")
            for n in range(295)]
    bad = [("", "Jansen", "01-02-2012", "X"),  # no first name
           ("Sem", "Bakker", "31-02-2011", "X"),  # no such date
           ("Noor", "", "02-03-2012", "X"),  # no last name
           ("Mila", "Smit", "", "X"),  # no birth date
           ("Daan" * 100, "Visser", "04-05-2012", "X")]  # a name no one has
    rows = [ROWS[0], *good[:100], *bad, *good[100:]]
    parsed = import_list(csv_bytes(rows, ";", "utf-8"), MAPPING)
    assert len(parsed.entries) == 295
    assert parsed.bad_rows == (102, 103, 104, 105, 106)
    assert [p.column for p in parsed.problems] == [
        "Voornaam", "Geboortedatum", "Achternaam", "Geboortedatum", "Voornaam"]
    assert parsed.problems[4].message == "de voornaam is te lang (400 tekens; er passen er 200)."


def test_a_megabyte_name_is_a_bad_row_not_a_slow_one() -> None:
    rows = [ROWS[0], ("Zoë" * 350_000, "de Vries", "03-09-2012", "X"), ROWS[2]]
    parsed = import_list(csv_bytes(rows, ";", "utf-8"), MAPPING)
    assert [e.first_name for e in parsed.entries] == ["Sem"]
    assert parsed.problems[0].text.startswith("Rij 2, kolom 'Voornaam': de voornaam is te lang")


@pytest.mark.parametrize(
    ("full_name", "first", "last"),
    [("Sem de Vries", "Sem", "de Vries"), ("de Vries, Sem", "Sem", "de Vries"),
     ("Zoë Çelik-d'Hondt", "Zoë", "Çelik-d'Hondt")],
)
def test_full_name_column(full_name: str, first: str, last: str) -> None:
    data = f'Naam;Geb. datum\n"{full_name}";12-04-2013\n'.encode()
    mapping = {"Naam": ImportField.VOLLEDIGE_NAAM, "Geb. datum": ImportField.GEBOORTEDATUM}
    entry = import_list(data, mapping).entries[0]
    assert (entry.first_name, entry.last_name) == (first, last)


def test_tussenvoegsel_column_joins_the_last_name() -> None:
    data = b"Roepnaam,Tussenvoegsel,Achternaam,Geboortedatum\nSem,van der,Berg,1-1-2013\n"
    mapping = suggest_mapping(read_table(data).headers)
    assert import_list(data, mapping).entries[0].last_name == "van der Berg"


def test_suggested_mapping_from_common_column_names() -> None:
    headers = ["Leerling", "Geboortedatum", "Schoolnaam", "Type verzuim", "Woonplaats", "BSN"]
    assert suggest_mapping(headers) == {
        "Leerling": ImportField.VOLLEDIGE_NAAM, "Geboortedatum": ImportField.GEBOORTEDATUM,
        "Schoolnaam": ImportField.SCHOOL, "Type verzuim": ImportField.STATUS,
        "Woonplaats": ImportField.GEMEENTE}


@pytest.mark.parametrize(
    ("data", "mapping", "message"),
    [
        (b"", MAPPING, "Het bestand is leeg."),
        (b"\n ;;\n", MAPPING, "Het bestand is leeg."),
        (b"Voornaam,Achternaam,Geboortedatum,School\n", MAPPING, "alleen een kopregel"),
        (b"\xd0\xcf\x11\xe0 old excel", MAPPING, "(.xls) worden niet ondersteund"),
        (b"PK\x03\x04 not really a zip", MAPPING, "Het Excel-bestand kan niet worden gelezen"),
        (b"\x00\x01\x02binary\x00", MAPPING, "geen leesbare CSV-tekst"),
        (b"Naam,Naam\nSem,1-1-2013\n", MAPPING, "Rij 1: de kolomnaam 'Naam' komt meer dan"),
        (b'Voornaam,Achternaam,Geboortedatum,School\nSem,"de Vries,1-1-2013,X\n', MAPPING,
         "Rij 2: een aanhalingsteken"),
        (b"Voornaam,Achternaam,Geboortedatum,School\nSem,de Vries,jr.,1-1-2013,X\n", MAPPING,
         "Rij 2: deze rij heeft meer waarden (5) dan er kolommen zijn (4)"),  # the only row
        (b"Voornaam,Achternaam,School\nSem,de Vries,X\n",
         {"Voornaam": ImportField.VOORNAAM, "Achternaam": ImportField.ACHTERNAAM},
         "Koppel een kolom aan 'Geboortedatum'"),
        (b"Voornaam,Geboortedatum\nSem,1-1-2013\n", {"Voornaam": ImportField.VOORNAAM,
                                                   "Geboren": ImportField.GEBOORTEDATUM},
         "De kolom 'Geboren' staat niet in het bestand."),
        (b"A,B,Geboortedatum\nSem,Sam,1-1-2013\n",
         {"A": ImportField.VOORNAAM, "B": ImportField.VOORNAAM,
          "Geboortedatum": ImportField.GEBOORTEDATUM},
         "Er zijn twee kolommen gekoppeld aan 'Voornaam': 'A' en 'B'."),
    ],
)
def test_malformed_files_get_a_dutch_message(data: bytes, mapping: dict[str, ImportField],
                                             message: str) -> None:
    with pytest.raises(ListImportError) as caught:
        import_list(data, mapping)
    assert message in caught.value.message


def test_cp1252_bytes_that_are_not_utf8() -> None:
    data = "Voornaam;Achternaam;Geboortedatum;School\nZoë;Çelik;1-1-2013;\n".encode("cp1252")
    assert import_list(data, MAPPING).entries[0].first_name == "Zoë"


# --- property: malformed input never crashes ----------------------------------------------

_cell = st.one_of(
    st.sampled_from(["Sem", "de Vries", "31-02-2012", "12-4-2013", "41376", "", '"', '""',
                     "Zoë", ";", ",", "\n", "2013-04-12", "1-1-13", "\x00"]),
    st.text(max_size=12),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(_cell, max_size=6), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    header=st.booleans(),
)
def test_generated_csv_gives_rows_or_a_dutch_error(rows: list[list[str]], delimiter: str,
                                                   encoding: str, header: bool) -> None:
    lines = [delimiter.join(r) for r in rows]
    if header:
        lines.insert(0, delimiter.join(MAPPING))
    data = "\n".join(lines).encode(encoding, errors="replace")
    try:
        parsed = import_list(data, MAPPING)
    except UserError as error:
        assert error.message.strip()
    else:
        assert all(e.first_name and e.last_name for e in parsed.entries)
        assert all(p.row and p.message.strip() for p in parsed.problems)


@settings(max_examples=300)
@given(data=st.binary(max_size=200))
def test_random_bytes_give_rows_or_a_dutch_error(data: bytes) -> None:
    try:
        import_list(data, MAPPING)
    except UserError as error:
        assert error.message.strip()


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(min_size=1, max_size=60), cut=st.integers(min_value=0, max_value=4000))
def test_damaged_xlsx_gives_a_dutch_error(data: bytes, cut: int) -> None:
    good = xlsx_bytes(ROWS)
    damaged = good[:cut] + data + good[cut + len(data):]
    try:
        import_list(damaged, MAPPING)
    except UserError as error:
        assert error.message.strip()


def test_a_row_with_too_many_values_is_left_out_and_named() -> None:
    data = (b"Voornaam,Achternaam,Geboortedatum,School\nSem,de Vries,jr.,1-1-2013,X\n"
            b"Noor,Jansen,2-2-2012,Y\nZo,Bakker,3-3-2012\n")
    parsed = import_list(data, MAPPING)
    assert [e.first_name for e in parsed.entries] == ["Noor", "Zo"]
    assert parsed.problems[0].text.startswith("Rij 2: deze rij heeft meer waarden (5)")


def test_a_full_name_without_a_last_name_is_a_bad_row() -> None:
    data = b"Naam;Geboortedatum\nSem;1-1-2013\nNoor Jansen;2-2-2012\n"
    parsed = import_list(data, {"Naam": ImportField.VOLLEDIGE_NAAM,
                                "Geboortedatum": ImportField.GEBOORTEDATUM})
    assert [p.text for p in parsed.problems] == [
        "Rij 2, kolom 'Naam': 'Sem' bevat geen voor- en achternaam."]
    assert [e.full_name for e in parsed.entries] == ["Noor Jansen"]
