"""Use cases of list reconciliation: read a list, compare, confirm, create a case from a row.

Reading and comparing only read the vault; the file's bytes stay in memory. Rows that cannot
be read are left out and listed (row, column, reason); the others are compared. Probable
matches wait for the user's word (``decide``). Only a confirmed comparison writes: the column
mapping of the source (remembered for next time) and the counts (for the coverage history).
Creating a case from a row is its own, explicit action, after looking for the pupil among
everyone in the vault (``pupils_like``), so a closed case is reopened rather than duplicated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from thuiszitter_desktop.domain.definitions import CaseEntry
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reconcile import (
    ListEntry,
    Match,
    PairKey,
    Reconciliation,
    near_misses,
    reconcile,
    status_as_verzuim,
)
from thuiszitter_desktop.domain.vocab import VerzuimType
from thuiszitter_desktop.interchange.list_import import (
    ImportField,
    ImportProblem,
    parse_list,
    read_table,
    suggest_mapping,
)
from thuiszitter_desktop.interchange.tabular import RawTable
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_figures
from thuiszitter_desktop.storage.repo_figures import ComparisonRecord, ImportSource

# Cases closed this recently still count as "ours": a list drawn up a few weeks ago may still
# show the pupil, and the comparison then says "bij ons afgesloten" instead of "nieuw".
RECENTLY_CLOSED_DAYS = 90

ColumnMapping = dict[str, ImportField]


def read_list_file(data: bytes) -> RawTable:
    """The header and rows of a CSV/XLSX file; raises ``ListImportError`` in Dutch."""
    return read_table(data)


def source_names(ctx: AppContext) -> list[str]:
    with ctx.vault.read() as conn:
        return [source.name for source in repo_figures.list_sources(conn)]


def mapping_for(ctx: AppContext, source_name: str, table: RawTable) -> ColumnMapping:
    """The remembered mapping of this source for the columns present, else a suggestion."""
    with ctx.vault.read() as conn:
        source = repo_figures.find_source(conn, source_name) if source_name.strip() else None
    if source is not None:
        remembered = {column: ImportField.from_name(name)
                      for column, name in source.mapping.items()
                      if column in table.headers and name in ImportField.__members__}
        if remembered:
            return remembered
    return suggest_mapping(table.headers)


@dataclass(frozen=True, slots=True)
class Comparison:
    source_name: str
    mapping: ColumnMapping
    entries: tuple[ListEntry, ...]
    result: Reconciliation
    problems: tuple[ImportProblem, ...] = ()  # rows left out: row, column, reason
    caseload: tuple[CaseEntry, ...] = ()  # what was compared with, for ``decide``
    decisions: dict[PairKey, bool] = field(default_factory=dict)

    @property
    def rows_left_out(self) -> int:
        return len({p.row for p in self.problems})


def compare(ctx: AppContext, source_name: str, table: RawTable,
            mapping: Mapping[str, ImportField]) -> Comparison:
    """Parse the rows with ``mapping`` and reconcile the readable ones with our cases; the
    others are reported in ``problems``. Writes nothing."""
    if not source_name.strip():
        raise ValidationError({"source": "Geef aan van wie de lijst komt (bijvoorbeeld het SWV)."})
    parsed = parse_list(table, mapping)
    since = ctx.today() - timedelta(days=RECENTLY_CLOSED_DAYS)
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True)
    ours = tuple((i.pupil, i.case) for i in items
                 if i.case.closed_on is None or i.case.closed_on >= since)
    return Comparison(source_name.strip(), dict(mapping), parsed.entries,
                      reconcile(parsed.entries, ours), parsed.problems, ours)


def decide(comparison: Comparison, match: Match, same: bool) -> Comparison:
    """The user's word on a probable match: the same pupil (counts as in both) or not (the
    row and the pupil are compared apart). Writes nothing."""
    decisions = {**comparison.decisions, match.key: same}
    result = reconcile(comparison.entries, comparison.caseload, decisions=decisions)
    return replace(comparison, result=result, decisions=decisions)


def confirm(ctx: AppContext, comparison: Comparison) -> ComparisonRecord:
    """Remember the source's mapping and record the comparison's counts (no names)."""
    coverage = comparison.result.coverage
    with ctx.vault.transaction() as conn:
        source = repo_figures.find_source(conn, comparison.source_name) or ImportSource(
            name=comparison.source_name, mapping={})
        source.mapping = {column: field.name for column, field in comparison.mapping.items()}
        repo_figures.save_source(conn, source, ctx.now())
        record = ComparisonRecord(
            source_id=source.id, compared_on=ctx.today(), in_list=coverage.in_list,
            in_caseload=coverage.in_caseload, in_both=coverage.in_both,
            coverage_pct=coverage.together_pct)
        repo_figures.record_comparison(conn, record, ctx.now())
        left_out = f", {comparison.rows_left_out} niet gelezen" if comparison.problems else ""
        ctx.audit(conn, "lijst vergeleken", "lijstvergelijking", record.id, None,
                  f"{coverage.in_list} rijen{left_out}")
    ctx.changes.publish(Change("list_comparison", (record.id,)))
    return record


def comparison_history(ctx: AppContext) -> list[tuple[str, ComparisonRecord]]:
    with ctx.vault.read() as conn:
        return repo_figures.list_comparison_history(conn)


def pupils_like(ctx: AppContext, entry: ListEntry) -> list[CaseEntry]:
    """Pupils anywhere in the vault (closed cases included) that may be this row's pupil:
    the same date of birth and a name that looks alike; best first."""
    with ctx.vault.read() as conn:  # only those born that day: a registration asks too
        items = repo_cases.list_cases(conn, include_closed=True, born_on=entry.birth_date)
    return near_misses(entry, [(i.pupil, i.case) for i in items])


def case_from_entry(ctx: AppContext, entry: ListEntry, source_name: str,
                    aanmelding_date: date | None = None) -> Case:
    """Register a pupil seen only on the list as a new case (aanmelding today)."""
    pupil = Pupil(first_name=entry.first_name, last_name=entry.last_name,
                  birth_date=entry.birth_date, school=entry.school, gemeente=entry.gemeente)
    case = Case(pupil_id=pupil.id, aanmelding_date=aanmelding_date or ctx.today(),
                verzuim_type=status_as_verzuim(entry.status) or VerzuimType.GEOORLOOFD,
                notes=f"In beeld gekomen via de lijst van {source_name} (rij {entry.row_number}).")
    return cases.register_case(ctx, pupil, case)
