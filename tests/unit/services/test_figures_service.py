"""Figures, quarterly PDF and export services on a real (temporary) vault."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import QuarterFigures, Target
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind
from thuiszitter_desktop.services import cases, figures
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import read_snapshot
from thuiszitter_desktop.storage import repo_audit, repo_cases, repo_reminders, repo_settings

# The ctx clock stands at 23 November 2026 (Q4).
Q4 = Quarter(2026, 4)


def register(ctx: AppContext, first: str, last: str, aanmelding: date,
             contact: date | None = None) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding,
                                               first_contact_date=contact))
    return case


def test_figures_come_from_the_vault_including_closed_cases(ctx: AppContext) -> None:
    zoe = register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 5), contact=date(2026, 10, 8))
    sem = register(ctx, "Sem", "de Vries", date(2026, 10, 12))
    cases.close_case(ctx, sem.id, ClosingReason.VERHUISD)
    result = figures.load_figures(ctx, Q4, Definition.BREED)
    contact = next(r for r in result.targets if r.target is Target.EERSTE_CONTACT_7)
    # Zoë: contact on day 3. Sem: no contact by 19-10, closed only on 23-11: missed.
    assert contact.numerator_ids == (zoe.id,)
    assert set(contact.denominator_ids) == {zoe.id, sem.id}
    assert set(result.flow.running_ids) == {zoe.id, sem.id}
    assert result.flow.ended_ids == (sem.id,)  # closed today: last counted yesterday
    rows = figures.case_rows(ctx, contact.denominator_ids)
    assert [r.pupil_name for r in rows] == ["Sem de Vries", "Zoë Çelik-d'Hondt"]  # by name


def test_recent_quarters_newest_first(ctx: AppContext) -> None:
    assert figures.recent_quarters(ctx, 3) == [Q4, Quarter(2026, 3), Quarter(2026, 2)]


def test_series_has_one_figure_set_per_quarter(ctx: AppContext) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 8, 5))
    series = figures.load_series(ctx, [Quarter(2026, 3), Q4], Definition.BREED)
    assert [len(s.flow.running_ids) for s in series] == [1, 1]
    assert [len(s.flow.new_ids) for s in series] == [1, 0]


def test_quarterly_report_uses_organisation_and_is_logged(ctx: AppContext) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 5))
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, "organisation", "Leerrecht Rivierland")
    data = figures.quarterly_report(ctx, Q4, Definition.INGRADO)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Leerrecht Rivierland" in text
    assert Definition.INGRADO.label in " ".join(text.split())
    with ctx.vault.read() as conn:
        actions = [e.action for e in repo_audit.entries(conn)]
    assert "rapport gemaakt" not in actions  # made, not saved yet
    figures.record_report_saved(ctx, figures.load_figures(ctx, Q4, Definition.INGRADO))
    with ctx.vault.read() as conn:
        actions = [e.action for e in repo_audit.entries(conn)]
    assert "rapport gemaakt" in actions


def test_export_has_no_names_and_is_logged(ctx: AppContext) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 5))
    data = figures.export_quarter(ctx, Q4, Definition.BREED, "csv")
    text = data.decode("utf-8-sig")
    assert "Zoë" not in text and "Çelik" not in text and "02-04-2013" not in text
    assert len(text.strip().splitlines()) == 2
    assert figures.export_quarter(ctx, Q4, Definition.BREED, "xlsx").startswith(b"PK")
    with ctx.vault.read() as conn:
        details = [e.detail for e in repo_audit.entries(conn) if e.action == "geëxporteerd"]
    assert details == ["K4 2026; BREED; csv; 1 rijen", "K4 2026; BREED; xlsx; 1 rijen"]


def test_figure_source_reads_once_for_every_quarter_and_definition(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 8, 5), contact=date(2026, 8, 7))
    register(ctx, "Sem", "de Vries", date(2026, 10, 12))
    shown = figures.recent_quarters(ctx)
    older = Quarter(2024, 3)  # before the quarters the dashboard offers
    wanted = {(q, d): figures.load_figures(ctx, q, d) for q in [*shown, older] for d in Definition}
    reads: list[date | None] = []
    read = figures.all_entries
    monkeypatch.setattr(figures, "all_entries",
                        lambda c, since=None: reads.append(since) or read(c, since))
    source = figures.FigureSource(ctx)
    for (quarter, definition), expected in wanted.items():
        assert source.figures(quarter, definition) == expected
    # One read covers every quarter the dashboard offers (each with its previous quarter,
    # for the trend); only the older quarter needed a second one.
    assert reads == [date(2024, 10, 1), date(2024, 4, 1)]


def test_figure_source_shows_changes_after_forget(ctx: AppContext) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 5))
    source = figures.FigureSource(ctx)
    assert len(source.figures(Q4, Definition.BREED).flow.running_ids) == 1
    register(ctx, "Sem", "de Vries", date(2026, 10, 12))
    source.forget()
    assert not source.holds_cases
    assert len(source.figures(Q4, Definition.BREED).flow.running_ids) == 2
    assert source.holds_cases


def _by_content(result: QuarterFigures) -> object:
    """Figures with every list of pupils as a set: the two reads return cases in other orders."""
    return (
        [(t.target, set(t.numerator_ids), set(t.denominator_ids)) for t in result.targets],
        [(d.measure, set(d.days_by_case), d.previous_mean) for d in result.durations],
        [set(ids) for ids in (result.flow.new_ids, result.flow.ended_ids,
                              result.flow.running_ids, result.flow.at_end_ids)],
        [(c.dimension, [(r.label, r.count, set(r.case_ids)) for r in c.rows])
         for c in result.counts],
    )


def test_figure_source_with_the_open_cases_in_memory_reads_only_closed_ones(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 8, 5), contact=date(2026, 8, 7))
    sem = register(ctx, "Sem", "de Vries", date(2026, 7, 12))
    cases.close_case(ctx, sem.id, ClosingReason.TERUG_OP_SCHOOL)
    noor = register(ctx, "Noor", "Jansen", date(2026, 10, 1))
    cases.save_case(ctx, cases.load_case(ctx, noor.id).pupil,
                    replace(cases.load_case(ctx, noor.id).case, education_percentage=60))
    snapshot = read_snapshot(ctx)  # what Vandaag holds: the open cases
    read_closed: list[bool] = []
    anonymous = repo_cases.anonymous_cases
    monkeypatch.setattr(repo_cases, "anonymous_cases", lambda conn, since=None, closed_only=False:
                        read_closed.append(closed_only) or anonymous(conn, since,
                                                                     closed_only=closed_only))
    source = figures.FigureSource(ctx, lambda: snapshot.items)
    for quarter in (Q4, Quarter(2026, 3)):
        for definition in Definition:
            shared = source.figures(quarter, definition)
            assert _by_content(shared) == _by_content(
                figures.load_figures(ctx, quarter, definition))
    assert read_closed[0] is True  # the source read only closed cases ...
    assert read_closed.count(True) == 1  # ... once; the others are the comparisons
    running = source.figures(Quarter(2026, 3), Definition.BREED).flow.running_ids
    assert sem.id in running and noor.id not in running  # closed in Q4; 60% never counts


def test_a_reopened_case_counts_per_episode_in_every_read(ctx: AppContext) -> None:
    zoe = register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 7, 6), contact=date(2026, 7, 8))
    cases.close_case(ctx, zoe.id, ClosingReason.TERUG_OP_SCHOOL)
    cases.reopen_case(ctx, zoe.id)  # today: the pupil is home again
    cases.save_contact(ctx, ContactMoment(case_id=zoe.id, on=date(2026, 11, 23),
                                          kind=ContactKind.HUISBEZOEK))
    with ctx.vault.read() as conn:
        [reopening] = repo_reminders.reopenings(conn)[zoe.id]
    assert reopening.closed is not None
    assert reopening.closed.closing_reason is ClosingReason.TERUG_OP_SCHOOL
    shared = figures.FigureSource(ctx, lambda: read_snapshot(ctx).items).figures(
        Q4, Definition.BREED)
    alone = figures.load_figures(ctx, Q4, Definition.BREED)
    assert _by_content(shared) == _by_content(alone)
    # The first episode ended yesterday, the second started today: one pupil in the flow.
    assert alone.flow.running_ids == (zoe.id,)
    assert alone.flow.ended_ids == (zoe.id,) and alone.flow.new_ids == (zoe.id,)
    # The new episode's first contact (a home visit today) met the seven-day target.
    contact = next(r for r in alone.targets if r.target is Target.EERSTE_CONTACT_7)
    assert contact.numerator_ids == (zoe.id,) == contact.denominator_ids
