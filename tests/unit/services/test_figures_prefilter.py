"""The figures read skips in SQL the cases that cannot count; the figures must not change."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import quarter_figures
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason, VerzuimType
from thuiszitter_desktop.services import figures
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import populate_demo
from thuiszitter_desktop.storage import repo_cases

NOW = datetime(2026, 11, 23, 9, 0)


def _old_case(name: str, closed: date, aanmelding: date = date(2025, 1, 6),
              **dates: date) -> tuple[Pupil, Case]:
    """A case closed long ago; ``dates`` may put a later contact/goals/offer after closing."""
    pupil = Pupil(first_name=name, last_name="de Vries", birth_date=date(2012, 3, 1),
                  school="OBS De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=aanmelding,
                home_since=date(2024, 11, 1), verzuim_type=VerzuimType.ONGEOORLOOFD,
                closed_on=closed, closing_reason=ClosingReason.TERUG_OP_SCHOOL, **dates)
    return pupil, case


EDGE_CASES = [
    _old_case("Sem", date(2025, 2, 1)),  # long gone: may be skipped
    _old_case("Zoë", date(2025, 2, 1), first_contact_date=date(2026, 7, 2)),
    _old_case("Noah", date(2025, 2, 1), goals_set_date=date(2026, 10, 1)),
    _old_case("Fenna", date(2025, 2, 1), passend_aanbod_date=date(2026, 8, 3)),
    _old_case("Daan", date(2026, 7, 1)),  # closed on the first day of the previous quarter
    _old_case("Lotte", date(2026, 6, 30)),  # ... and the day before it
    # Closed before the previous quarter, first contact in it and within the week: that
    # target is met in the previous quarter.
    _old_case("Bram", date(2026, 6, 27), aanmelding=date(2026, 6, 25),
              first_contact_date=date(2026, 7, 1)),
]


@pytest.fixture
def caseload(ctx: AppContext) -> AppContext:
    populate_demo(ctx)
    with ctx.vault.transaction() as conn:
        for pupil, case in EDGE_CASES:
            repo_cases.save_pupil(conn, pupil, NOW)
            repo_cases.save_case(conn, case, NOW)
        # Followed half of the time or more: never a thuiszitter under any definition.
        pupil = Pupil(first_name="Mila", last_name="Çelik", birth_date=date(2011, 5, 5))
        repo_cases.save_pupil(conn, pupil, NOW)
        repo_cases.save_case(conn, Case(pupil_id=pupil.id, aanmelding_date=date(2026, 10, 1),
                                        education_percentage=50), NOW)
    return ctx


@pytest.mark.parametrize("definition", list(Definition))
def test_prefiltered_figures_equal_figures_over_all_cases(caseload: AppContext,
                                                          definition: Definition) -> None:
    everything = figures.all_entries(caseload)
    today = caseload.today()
    quarters = figures.recent_quarters(caseload)
    history = figures.all_histories(caseload)  # the demo has a pupil back above 50%
    assert history
    expected = [quarter_figures(everything, q, definition, today, history) for q in quarters]
    assert figures.load_series(caseload, quarters, definition) == expected
    for quarter, wanted in zip(quarters, expected, strict=True):
        assert figures.load_figures(caseload, quarter, definition) == wanted


def test_prefilter_skips_only_cases_that_cannot_count(caseload: AppContext) -> None:
    since = date(2026, 7, 1)  # start of the quarter before the current one
    with caseload.vault.read() as conn:
        kept = {case.id for _, case in repo_cases.anonymous_cases(conn, since)}
        every = {case.id for _, case in repo_cases.anonymous_cases(conn)}
    by_name = {pupil.first_name: case.id for pupil, case in EDGE_CASES}
    assert kept < every
    assert by_name["Sem"] not in kept and by_name["Lotte"] not in kept
    assert {by_name[n] for n in ("Zoë", "Noah", "Fenna", "Daan", "Bram")} <= kept


def test_anonymous_read_keeps_the_case_facts(caseload: AppContext) -> None:
    with caseload.vault.read() as conn:
        read = {case.id: (pupil, case) for pupil, case in repo_cases.anonymous_cases(conn)}
        for case_id, (pupil, case) in read.items():
            stored = repo_cases.get_case(conn, case_id)
            assert case.closed_on == stored.closed_on
            assert case.first_contact_date == stored.first_contact_date
            assert case.home_start == stored.home_start
            assert case.verzuim_type is stored.verzuim_type
            assert case.closing_reason is stored.closing_reason
            assert pupil.birth_date == repo_cases.get_pupil(conn, stored.pupil_id).birth_date
