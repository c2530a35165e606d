"""The benchmark's caseload generator and results table (so `make bench` cannot rot)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.generate import AGENDA_PUPILS, build_caseload, school_names, write_caseload
from bench.report import METRICS, Target, format_value, markdown, to_json, verdict_text
from thuiszitter_desktop.services import caseload, mdo
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault

TODAY = date(2026, 11, 23)


def test_generated_caseload_reads_back_through_the_services(vault: Vault,
                                                            ctx: AppContext) -> None:
    generated = build_caseload(120, TODAY)
    write_caseload(vault, generated)
    rows = caseload.load_rows(ctx, include_closed=True)
    assert len(rows) == 120
    open_rows = caseload.load_rows(ctx)
    assert 0 < len(open_rows) < 120  # the demo mix closes some cases
    assert any(r.deadline is not None for r in open_rows)
    meeting = mdo.load_mdo(ctx, generated.agenda_mdo_id)
    assert len(meeting.items) == AGENDA_PUPILS


def test_generated_caseload_has_realistic_proportions() -> None:
    generated = build_caseload(600, TODAY)
    per_case = {name: len(rows) / 600 for name, rows in generated.rows.items()}
    assert per_case["pupils"] == per_case["cases"] == 1
    assert 2 <= per_case["contact_moments"] <= 5
    assert per_case["involved_professionals"] == 2
    assert 0.5 <= per_case["plan_versions"] <= 2
    assert generated.count_rows("mdo_meetings") == 600 // 25 + 1
    assert len({row["school"] for row in generated.rows["pupils"]}) > 7


def test_generation_is_deterministic() -> None:
    first = build_caseload(50, TODAY)
    second = build_caseload(50, TODAY)
    names = [(p["first_name"], p["last_name"], p["birth_date"]) for p in first.rows["pupils"]]
    assert names == [(p["first_name"], p["last_name"], p["birth_date"])
                     for p in second.rows["pupils"]]


def test_school_names_scale_with_the_caseload() -> None:
    assert len(school_names(500)) == 8
    assert len(set(school_names(50_000))) == 50_000 // 60


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(0.0123, "ms", "12.3 ms"), (2.5, "ms", "2.50 s"), (0.61, "s", "0.61 s"),
     (212.4, "MB", "212 MB"), (1.234, "x", "1.23×"), (4500.0, "n", "4,500"),
     (None, "ms", "–")],
)
def test_values_are_formatted_in_their_unit(value: float | None, unit: str,
                                            text: str) -> None:
    assert format_value(value, unit) == text


def test_targets_are_judged_at_their_size() -> None:
    model_load = next(m for m in METRICS if m.id == "model_load_s")
    results = {5_000: {"model_load_s": 0.25}, 50_000: {"model_load_s": 3.5}}
    assert verdict_text(model_load, results) == "met (5,000); **NOT MET** (50,000)"
    kdf = Target(5_000, 1.0, low=0.3)
    assert [kdf.met(v) for v in (0.2, 0.5, 1.2)] == [False, True, False]


def test_results_table_and_json_carry_every_measure() -> None:
    results = {500: {m.id: 0.01 for m in METRICS}, 5_000: {m.id: 0.02 for m in METRICS}}
    info = {"date": "2026-11-23", "nproc": 2, "cpu": "Testprocessor", "python": "3.11"}
    table = markdown(results, info)
    assert "nproc = 2" in table and "2026-11-23" in table
    assert "| 500 cases | 5,000 cases |" in table
    for metric in METRICS:
        assert metric.label in table
    body = to_json(results, info)
    assert '"5000"' in body and '"met": true' in body
