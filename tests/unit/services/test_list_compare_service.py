"""List comparison services: nothing stored before confirming; mapping remembered per source."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reconcile import ListEntry
from thuiszitter_desktop.domain.vocab import ClosingReason, VerzuimType
from thuiszitter_desktop.interchange.list_import import ImportField, ListImportError
from thuiszitter_desktop.services import caseload, cases, list_compare
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage.tables_figures import import_sources, list_comparisons

SWV_LIST = (
    "Leerling;Geb. datum;School;Status\n"
    "\"de Vries, Sem\";02-04-2013;OBS De Regenboog;Geoorloofd\n"
    "Noor Jansen;15-06-2012;CBS Het Kompas;Absoluut verzuim\n"
).encode("cp1252")
MAPPING = {"Leerling": ImportField.VOLLEDIGE_NAAM, "Geb. datum": ImportField.GEBOORTEDATUM,
           "School": ImportField.SCHOOL, "Status": ImportField.STATUS}


@pytest.fixture
def ours(ctx: AppContext) -> tuple[Case, Case]:
    sem = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 4, 2),
                school="OBS De Regenboog")
    zoe = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 9, 3),
                school="Het Baken")
    return (cases.register_case(ctx, sem, Case(pupil_id=sem.id,
                                               aanmelding_date=date(2026, 10, 1))),
            cases.register_case(ctx, zoe, Case(pupil_id=zoe.id,
                                               aanmelding_date=date(2026, 10, 1))))


def count(ctx: AppContext, table: object) -> int:
    with ctx.vault.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_compare_writes_nothing_until_confirmed(ctx: AppContext,
                                                ours: tuple[Case, Case]) -> None:
    table = list_compare.read_list_file(SWV_LIST)
    comparison = list_compare.compare(ctx, "SWV Rivierland", table, MAPPING)
    result = comparison.result
    assert [m.pupil.first_name for m in result.in_both] == ["Sem"]
    assert [e.full_name for e in result.only_in_list] == ["Noor Jansen"]
    assert [p.first_name for p, _ in result.only_in_caseload] == ["Zoë"]
    assert count(ctx, import_sources) == 0 and count(ctx, list_comparisons) == 0

    seen: list[Change] = []
    ctx.changes.subscribe(seen.append)
    record = list_compare.confirm(ctx, comparison)
    assert (record.in_list, record.in_caseload, record.in_both) == (2, 2, 1)
    # Union 3; Chapman: 3 * 3 / 2 - 1 = 3.5 -> 3 / 3.5 = 85.7%.
    assert record.coverage_pct == pytest.approx(300 / 3.5)
    assert seen == [Change("list_comparison", (record.id,))]
    history = list_compare.comparison_history(ctx)
    assert [(name, r.in_both) for name, r in history] == [("SWV Rivierland", 1)]


def test_mapping_is_remembered_per_source(ctx: AppContext, ours: tuple[Case, Case]) -> None:
    table = list_compare.read_list_file(SWV_LIST)
    custom = {**MAPPING, "Status": ImportField.GEMEENTE}  # a deliberate, odd choice
    list_compare.confirm(ctx, list_compare.compare(ctx, "SWV Rivierland", table, custom))
    assert list_compare.source_names(ctx) == ["SWV Rivierland"]
    assert list_compare.mapping_for(ctx, "swv rivierland", table) == custom
    # An unknown source gets the suggestion from the column names.
    assert list_compare.mapping_for(ctx, "School X", table) == MAPPING


def test_source_name_is_required(ctx: AppContext) -> None:
    table = list_compare.read_list_file(SWV_LIST)
    with pytest.raises(ValidationError, match="van wie de lijst komt"):
        list_compare.compare(ctx, " ", table, MAPPING)


def test_a_mapping_that_cannot_work_is_a_dutch_error(ctx: AppContext) -> None:
    table = list_compare.read_list_file(b"Leerling;Geb. datum\nSem de Vries;02-04-2013\n")
    with pytest.raises(ListImportError, match="Koppel een kolom aan 'Geboortedatum'"):
        list_compare.compare(ctx, "SWV", table, {"Leerling": ImportField.VOLLEDIGE_NAAM})


def swv_list(rows: int, bad: dict[int, str]) -> bytes:
    """A list of ``rows`` pupils; the rows in ``bad`` (index → line) replaced by bad lines."""
    lines = ["Leerling;Geb. datum;School"]
    for n in range(rows):
        lines.append(bad.get(n, f"Leerling{n} Jansen;{1 + n % 28:02d}-{1 + n % 12:02d}-2011;X"))
    return "\n".join(lines).encode("utf-8")


def test_300_rows_with_5_bad_ones_compare_295_and_report_5(
    ctx: AppContext, ours: tuple[Case, Case],
) -> None:
    bad = {3: "Jansen;01-02-2011;X", 50: "Sem Bakker;31-02-2011;X", 120: ";01-03-2011;X",
           200: "Noor Smit;;X", 299: "Mila Visser;1-1-11;X"}
    table = list_compare.read_list_file(swv_list(300, bad))
    comparison = list_compare.compare(ctx, "SWV", table, {
        "Leerling": ImportField.VOLLEDIGE_NAAM, "Geb. datum": ImportField.GEBOORTEDATUM,
        "School": ImportField.SCHOOL})
    assert len(comparison.entries) == 295 and comparison.result.coverage.in_list == 295
    assert comparison.rows_left_out == 5
    assert [(p.row, p.column) for p in comparison.problems] == [
        (5, "Leerling"), (52, "Geb. datum"), (122, "Leerling"), (202, "Geb. datum"),
        (301, "Geb. datum")]
    assert "'31-02-2011' is geen geldige datum" in comparison.problems[1].message
    assert "vier cijfers" in comparison.problems[4].message
    record = list_compare.confirm(ctx, comparison)
    assert record.in_list == 295


def test_a_probable_match_counts_once_the_user_confirms_it(
    ctx: AppContext, ours: tuple[Case, Case],
) -> None:
    table = list_compare.read_list_file(
        b"Leerling;Geb. datum\nZoe Celik;03-09-2012\n")
    comparison = list_compare.compare(ctx, "SWV", table, {
        "Leerling": ImportField.VOLLEDIGE_NAAM, "Geb. datum": ImportField.GEBOORTEDATUM})
    match = comparison.result.probable[0]
    assert match.pupil.first_name == "Zoë" and comparison.result.coverage.in_both == 0
    confirmed = list_compare.decide(comparison, match, same=True)
    assert confirmed.result.coverage.in_both == 1 and confirmed.result.probable == ()
    apart = list_compare.decide(comparison, match, same=False)
    assert [e.full_name for e in apart.result.only_in_list] == ["Zoe Celik"]


def test_pupils_like_finds_closed_cases_and_near_miss_spellings(
    ctx: AppContext, ours: tuple[Case, Case],
) -> None:
    _, zoe = ours
    cases.close_case(ctx, zoe.id, ClosingReason.TERUG_OP_SCHOOL)
    entry = ListEntry(row_number=2, first_name="Zoey", last_name="Celik",
                      birth_date=date(2012, 9, 3))
    found = list_compare.pupils_like(ctx, entry)
    assert [(p.first_name, c.id) for p, c in found] == [("Zoë", zoe.id)]


def test_case_from_list_row(ctx: AppContext, ours: tuple[Case, Case]) -> None:
    table = list_compare.read_list_file(SWV_LIST)
    comparison = list_compare.compare(ctx, "SWV Rivierland", table, MAPPING)
    noor = comparison.result.only_in_list[0]
    case = list_compare.case_from_entry(ctx, noor, "SWV Rivierland")
    assert case.verzuim_type is VerzuimType.ABSOLUUT
    assert case.aanmelding_date == date(2026, 11, 23)
    row = caseload.load_row(ctx, case.id)
    assert row is not None and row.pupil_name == "Noor Jansen"
    assert row.school == "CBS Het Kompas"
    again = list_compare.compare(ctx, "SWV Rivierland", table, MAPPING).result
    assert again.only_in_list == ()
