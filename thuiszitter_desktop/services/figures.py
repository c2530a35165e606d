"""Use cases of the policy figures: dashboard numbers, quarterly PDF, anonymised export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import Connection

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.definitions import EDUCATION_THRESHOLD, CaseEntry, Definition
from thuiszitter_desktop.domain.episodes import episode_entries
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.figures import (
    Histories,
    QuarterFigures,
    format_number,
    quarter_figures,
)
from thuiszitter_desktop.domain.follow_up import FollowUpFigures
from thuiszitter_desktop.domain.limits import add_length_errors, long_field
from thuiszitter_desktop.domain.name_match import plain
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.services.bulk import built_with_paused_gc, paused_gc
from thuiszitter_desktop.services.caseload import rows_for
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.follow_up import quarter_follow_ups
from thuiszitter_desktop.storage import (
    repo_aanbod,
    repo_assumptions,
    repo_cases,
    repo_figures,
    repo_reminders,
    repo_settings,
    repo_situation,
)

# The intake documents use "organisation_name"; older code used "organisation".
QUARTERS_SHOWN = 8

ExportFormat = Literal["csv", "xlsx"]


def all_entries(ctx: AppContext, still_relevant_on: date | None = None) -> list[CaseEntry]:
    """Every case with its pupil, closed ones included: figures look back over quarters.

    Without names, addresses or free text: figures and the export are anonymous. With
    ``still_relevant_on``, only the cases that can still count from that day on.
    """
    with paused_gc(), ctx.vault.read() as conn:  # many small objects at once
        return as_episodes(conn, repo_cases.anonymous_cases(conn, still_relevant_on))


def all_histories(ctx: AppContext) -> Histories:
    """Every case's history of percentage, verzuim type and situation (few cases have one)."""
    with ctx.vault.read() as conn:
        return repo_situation.histories(conn)


def as_episodes(conn: Connection, entries: list[CaseEntry]) -> list[CaseEntry]:
    """A reopened case as one entry per episode (``domain/episodes``); few cases are."""
    reopened = repo_reminders.reopenings(conn)
    if not reopened:
        return entries
    contacts = repo_reminders.contact_dates(conn, reopened_only=True)
    result: list[CaseEntry] = []
    keep, expand = result.append, result.extend
    for pupil, case in entries:
        found = reopened.get(case.id)
        if found is None:
            keep((pupil, case))
        else:
            expand(episode_entries(pupil, case, found, contacts.get(case.id, ())))
    return result


def _figure_entries(ctx: AppContext, quarters: Sequence[Quarter]) -> list[CaseEntry]:
    """The cases the figures of ``quarters`` can count; each quarter's trend looks back one
    quarter more, so the read starts at the previous quarter of the earliest one."""
    return all_entries(ctx, min(q.previous().start for q in quarters))


def recent_quarters(ctx: AppContext, count: int = QUARTERS_SHOWN) -> list[Quarter]:
    """The current quarter and the ones before it, newest first."""
    quarters = [Quarter.of(ctx.today())]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def load_figures(ctx: AppContext, quarter: Quarter, definition: Definition) -> QuarterFigures:
    return load_series(ctx, [quarter], definition)[0]


def load_series(ctx: AppContext, quarters: Sequence[Quarter],
                definition: Definition) -> list[QuarterFigures]:
    """Figures of several quarters from one read, for trend charts."""
    def read_and_compute() -> list[QuarterFigures]:
        entries = _figure_entries(ctx, quarters) if quarters else []
        history = all_histories(ctx)
        return [quarter_figures(entries, q, definition, ctx.today(), history)
                for q in quarters]

    return built_with_paused_gc(read_and_compute)


OpenCases = Callable[[], Sequence[repo_cases.CaseWithPupil]]


class FigureSource:
    """The cases behind the dashboard, read once and kept until ``forget()``.

    The dashboard shows one quarter under one definition at a time; switching either only
    computes again from the cases already read (at 50,000 cases the read is more than half
    of the time). The owner forgets them when the caseload changes, the page is hidden or the
    vault locks. The read covers every quarter of ``recent_quarters``.

    In the main window every open case is already in memory (the clock snapshot Vandaag
    shows); given ``open_cases``, only the closed cases are read from the vault.
    """

    def __init__(self, ctx: AppContext, open_cases: OpenCases | None = None) -> None:
        self._ctx = ctx
        self._open_cases = open_cases
        self._entries: list[CaseEntry] | None = None
        self._history: Histories = {}
        self._since: date | None = None

    def figures(self, quarter: Quarter, definition: Definition) -> QuarterFigures:
        with paused_gc():  # many objects at once; those kept are scanned once on resuming
            needed_since = quarter.previous().start
            if self._entries is None or self._since is None or needed_since < self._since:
                self._entries = None  # dropped before reading again, not after
                quarters = [*recent_quarters(self._ctx), quarter]
                self._since = min(q.previous().start for q in quarters)
                self._history = all_histories(self._ctx)
                self._entries = self._read(self._since)
            return quarter_figures(self._entries, quarter, definition, self._ctx.today(),
                                   self._history)

    def _read(self, since: date) -> list[CaseEntry]:
        if self._open_cases is None:
            return all_entries(self._ctx, since)
        # An open case is always still relevant (see repo_cases._relevant_since), unless it
        # is at 50% education or more and has no history of a time below it.
        opened = [(item.pupil, item.case) for item in self._open_cases()
                  if item.case.education_percentage < EDUCATION_THRESHOLD
                  or item.case.id in self._history]
        with self._ctx.vault.read() as conn:
            return as_episodes(
                conn, opened + repo_cases.anonymous_cases(conn, since, closed_only=True))

    @property
    def holds_cases(self) -> bool:
        return self._entries is not None

    def forget(self) -> None:
        self._entries = None
        self._history = {}
        self._since = None


def case_rows(ctx: AppContext, case_ids: Sequence[str]) -> list[CaseloadRow]:
    """The pupils behind a number, as overview rows sorted by name (accents ignored)."""
    return sorted(rows_for(ctx, list(case_ids)), key=lambda row: plain(row.pupil_name))


def organisation(ctx: AppContext) -> str:
    with ctx.vault.read() as conn:
        settings = repo_settings.load_all(conn)
    return str(settings_registry.ORGANISATION.read(settings))


def quarterly_report(ctx: AppContext, quarter: Quarter, definition: Definition) -> bytes:
    """The quarterly report PDF (``record_report_saved`` logs it once it is saved)."""
    return report_pdf(ctx, load_figures(ctx, quarter, definition))


def report_pdf(ctx: AppContext, computed: QuarterFigures) -> bytes:
    """The quarterly report PDF of figures already computed (the dashboard's), with the story
    of the quarter, its follow-up and what the figures count on an update's assumption."""
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.quarterly import BesideTheFigures, quarterly_report_pdf

    beside = BesideTheFigures(
        story=quarter_story(ctx, computed.quarter),
        follow_ups=follow_up_sentence(quarter_follow_ups(ctx, computed.quarter)),
        notes=tuple(figure_notes(ctx).lines))
    return quarterly_report_pdf(computed, organisation=organisation(ctx), made_on=ctx.today(),
                                beside=beside)


def follow_up_sentence(found: FollowUpFigures) -> str:
    """One Dutch sentence on the follow-up moments of a quarter (dashboard and report)."""
    if not found.due:
        return "In dit kwartaal viel geen nazorgmoment."
    return (f"{found.due} nazorgmomenten gepland, {found.done} gedaan "
            f"({format_number(found.share_done)}%), {found.done_in_time} binnen een maand, "
            f"{found.back_home} keer weer (deels) thuis, {found.open} nog open.")


def record_report_saved(ctx: AppContext, computed: QuarterFigures) -> None:
    """Log the report once it was saved: from then on it exists outside the vault."""
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "rapport gemaakt", "kwartaalrapport", None, None,
                  f"{computed.quarter.short_label}; {computed.definition.name}")


def export_quarter(ctx: AppContext, quarter: Quarter, definition: Definition,
                   kind: ExportFormat) -> bytes:
    """Anonymised rows of a quarter as CSV or XLSX bytes; logged."""
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.interchange.export import export_table, to_csv, to_xlsx

    table = export_table(all_entries(ctx), quarter, definition, ctx.today(),
                         all_histories(ctx))
    data = to_csv(table) if kind == "csv" else to_xlsx(table)
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "geëxporteerd", "kwartaalgegevens", None, None,
                  f"{quarter.short_label}; {definition.name}; {kind}; {len(table.rows)} rijen")
    return data


# -- what the figures rest on, beside the numbers ---------------------------------------------
@dataclass(frozen=True, slots=True)
class FigureNotes:
    """Honest footnotes: what older data the figures still count on an update's assumption."""

    unchecked_offers: int  # passend aanbod from before the criteria were checked
    open_assumptions: int  # assumptions per case nobody has looked at yet

    @property
    def lines(self) -> list[str]:
        lines = []
        if self.unchecked_offers:
            lines.append(f"{self.unchecked_offers} passend aanbod vastgelegd vóór de controle op "
                         "de criteria telt mee zoals eerder; controleer ze in de casussen.")
        if self.open_assumptions:
            lines.append(f"{self.open_assumptions} aannames van de update zijn nog niet "
                         "bekeken (zie de casussen).")
        return lines


def figure_notes(ctx: AppContext) -> FigureNotes:
    with ctx.vault.read() as conn:
        return FigureNotes(repo_aanbod.count_unchecked(conn),
                           sum(repo_assumptions.open_counts(conn).values()))


def quarter_story(ctx: AppContext, quarter: Quarter) -> str:
    """"Deze kwartaalcijfers plus het verhaal" (seed 000, casus 2): the text beside them."""
    with ctx.vault.read() as conn:
        return repo_figures.quarter_story(conn, quarter.key)


def save_quarter_story(ctx: AppContext, quarter: Quarter, story: str) -> None:
    errors: dict[str, str] = {}
    add_length_errors(errors, [long_field("story", "Het verhaal", story)])
    if errors:
        raise ValidationError(errors)
    with ctx.vault.transaction() as conn:
        repo_figures.save_quarter_story(conn, quarter.key, story, ctx.now())
        ctx.audit(conn, "verhaal opgeslagen", "kwartaalverhaal", None, None,
                  quarter.short_label)
    ctx.changes.publish(Change("quarter_story", (quarter.key,)))
