"""What the benchmark measures, its targets, and the results as Markdown and JSON.

Values are kept in base units (seconds, MB, plain ratios) and only formatted for the table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

Results = dict[int, dict[str, float]]  # size -> metric id -> value


@dataclass(frozen=True)
class Target:
    size: int
    high: float
    low: float | None = None

    def met(self, value: float) -> bool:
        return value <= self.high and (self.low is None or value >= self.low)


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    unit: str  # "s", "ms", "MB", "x" (ratio) or "n" (count)
    targets: tuple[Target, ...] = ()


METRICS: tuple[Metric, ...] = (
    Metric("open_cases", "Open cases in the overview", "n"),
    Metric("kdf_s", "1. Key derivation (Argon2id, DEFAULT_KDF)", "s",
           (Target(5_000, 1.0, 0.3),)),
    Metric("unlock_open_s", "1. Unlock + open + first read", "s"),
    Metric("start_to_window_s", "2. Process start → caseload window with its first rows "
           "(excl. KDF; from 10,000 open cases the first screen: the 2,000 registered longest "
           "ago)", "s", (Target(5_000, 1.0), Target(50_000, 1.5))),
    Metric("start_to_all_rows_s", "2. … until every row is loaded", "s"),
    Metric("longest_block_s", "2. Longest event-loop block from start until every row is "
           "loaded", "ms", (Target(5_000, 0.050),)),
    Metric("model_load_s", "3. Caseload model load (load_rows + set_rows, sorted)", "ms",
           (Target(5_000, 0.3), Target(50_000, 3.0))),
    Metric("load_rows_s", "3a. … of which services.caseload.load_rows", "ms"),
    Metric("set_rows_s", "3b. … of which CaseloadModel.set_rows (sorts and filters)", "ms"),
    Metric("cold_load_rows_s", "3c. load_rows with no clock stored (the first load after "
           "upgrading: every case's facts read, clocks stored for the next load)", "ms"),
    Metric("keystroke_s", "4. Search keystroke (median)", "ms",
           (Target(5_000, 0.030), Target(50_000, 0.016))),
    Metric("keystroke_max_s", "4. Search keystroke (slowest)", "ms",
           (Target(5_000, 0.016), Target(50_000, 0.050))),
    Metric("save_s", "5. Save one case edit (commit)", "ms", (Target(5_000, 0.030),)),
    Metric("save_vandaag_s", "5. … and Vandaag brought up to date after it (the shared clock "
           "and the Vandaag list patched case by case)", "ms"),
    Metric("window_save_s", "5. … in the main window, until Vandaag, the caseload and the "
           "status line show it", "ms", (Target(5_000, 0.016), Target(50_000, 0.050))),
    Metric("plan_pdf_s", "6. Plan van aanpak PDF", "ms", (Target(5_000, 0.200),)),
    Metric("mdo_agenda_s", "6. MDO agenda PDF (20 pupils)", "ms", (Target(5_000, 1.0),)),
    Metric("figures_s", "6. Quarterly figures as the dashboard opens (read closed cases + "
           "compute; open ones in memory for Vandaag)", "ms", (Target(50_000, 1.0),)),
    Metric("figures_cold_s", "6. … the same with nothing in memory (read all + compute)", "ms"),
    Metric("figures_switch_s", "6. … switching quarter or definition on the dashboard", "ms"),
    Metric("quarterly_report_s", "6. Quarterly figures (nothing in memory) + report PDF", "ms"),
    Metric("peak_rss_mb", "7. Peak RSS of the app with the caseload open", "MB",
           (Target(5_000, 300.0),)),
    Metric("start_to_window_checked_s", "8. Process start → caseload window with its first "
           "rows, as in the app: the check at unlock starts in its thread once the caseload "
           "is read", "s"),
    Metric("start_to_all_rows_checked_s", "8. … until every row is loaded", "s"),
    Metric("unlock_check_done_s", "8. … process start → that check finished", "s"),
    Metric("unlock_check_s", "8. Check at unlock alone: cipher_integrity_check + quick_check "
           "+ the audit lines since the last check", "ms"),
    Metric("cipher_check_s", "8a. … PRAGMA cipher_integrity_check (HMAC of every page)", "ms"),
    Metric("quick_check_s", "8b. … PRAGMA quick_check", "ms"),
    Metric("audit_chain_s", "8c. The whole audit chain verified (HMAC of every line: the full "
           "check, and the first unlock after upgrading)", "ms"),
    Metric("audit_lines", "Audit lines in the vault", "n"),
    Metric("integrity_check_s", "8. PRAGMA integrity_check (weekly, with the cipher check)",
           "ms"),
    Metric("backup_s", "8. One backup: export, sync, verify (both checks + row counts), "
           "rename", "ms"),
    Metric("query_cipher_s", "Overview cases query (Core), SQLCipher", "ms"),
    Metric("query_plain_s", "Overview cases query (Core), plain SQLite copy", "ms"),
    Metric("sqlcipher_ratio", "SQLCipher overhead (same Core query)", "x",
           (Target(5_000, 1.5),)),
    Metric("sqlcipher_raw_ratio", "SQLCipher overhead (all overview SQL, raw fetch)", "x"),
    Metric("raw_fetch_s", "Raw SQL fetch of all overview queries (cases with their pupil and "
           "stored clock, settings)", "ms"),
    Metric("overview_ratio", "Model load ÷ raw fetch (ORM/model overhead)", "x",
           (Target(5_000, 2.0),)),
    Metric("sync_rows", "8. Team sync: records in the team caseload", "n"),
    Metric("sync_share_s", "8. Team sync: one laptop shares its whole caseload (upload)", "s"),
    Metric("sync_first_s", "8. Team sync: first sync of the team caseload onto a new laptop",
           "s", (Target(5_000, 10.0),)),
    Metric("sync_round_s", "8. Team sync: a round with 20 changed cases (push + pull)", "ms",
           (Target(5_000, 0.5),)),
    Metric("sync_p50_s", "8. Team sync: 20 laptops syncing at once, p50", "ms"),
    Metric("sync_p95_s", "8. Team sync: 20 laptops syncing at once, p95", "ms",
           (Target(5_000, 2.0),)),
    Metric("sync_server_p95_s", "8. … of which waiting for the server (network and server), "
           "p95", "ms"),
    Metric("load_avg", "8. … machine load (1-minute average) at the end: 20 laptop processes, "
           "the server and PostgreSQL share its 2 cores", "x"),
    Metric("server_rss_mb", "8. Team sync: server process memory (RSS) after that", "MB"),
)


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"
    if unit == "s":
        return f"{value:,.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:,.0f}"


def target_text(metric: Metric) -> str:
    parts = []
    for t in metric.targets:
        limit = format_value(t.high, metric.unit)
        bound = (f"{format_value(t.low, metric.unit)}–{limit}" if t.low is not None
                 else f"≤ {limit}")
        parts.append(f"{bound} at {t.size:,}")
    return "; ".join(parts)


def verdicts(metric: Metric, results: Results) -> list[tuple[Target, bool | None]]:
    """Each target with met (True), not met (False) or not measured (None)."""
    found = []
    for t in metric.targets:
        value = results.get(t.size, {}).get(metric.id)
        found.append((t, None if value is None else t.met(value)))
    return found


def verdict_text(metric: Metric, results: Results) -> str:
    words = {True: "met", False: "**NOT MET**", None: "not measured"}
    items = verdicts(metric, results)
    if len(items) == 1:
        return words[items[0][1]]
    return "; ".join(f"{words[ok]} ({t.size:,})" for t, ok in items)


def all_verdicts(results: Results) -> list[dict[str, Any]]:
    return [
        {"metric": m.id, "size": t.size, "high": t.high, "low": t.low,
         "value": results.get(t.size, {}).get(m.id), "met": ok}
        for m in METRICS for t, ok in verdicts(m, results)
    ]


def markdown(results: Results, info: dict[str, Any]) -> str:
    sizes = sorted(results)
    header = ["Measure", *(f"{n:,} cases" for n in sizes), "Target", "Verdict"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured on {info['date']} on a machine with nproc = {info['nproc']} "
        f"({info.get('cpu', 'unknown CPU')}), Python {info.get('python', '?')}. "
        "Each value is the median of several runs (fewer at 50,000 cases); ratios come from "
        "runs alternated within this one run. The machine is shared and noisy: other "
        "engineers may have been running tests at the same time, so treat single values "
        "with some caution and compare ratios rather than absolute times.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for metric in METRICS:
        values = [format_value(results[n].get(metric.id), metric.unit) for n in sizes]
        target = target_text(metric) if metric.targets else ""
        verdict = verdict_text(metric, results) if metric.targets else ""
        lines.append("| " + " | ".join([metric.label, *values, target, verdict]) + " |")
    missed = [v for v in all_verdicts(results) if v["met"] is False]
    lines += ["", f"Targets met: {sum(1 for v in all_verdicts(results) if v['met'])} of "
                  f"{len(all_verdicts(results))}" + (f"; not met: {len(missed)}." if missed
                                                     else ".")]
    if info.get("generation"):
        lines += ["", "Generated caseloads (not measured): " + "; ".join(
            f"{int(size):,} cases: {desc}" for size, desc in info["generation"].items()) + "."]
    lines += ["", "Run with `make bench` (writes this file and `bench/results.json`)."]
    return "\n".join(lines) + "\n"


def to_json(results: Results, info: dict[str, Any]) -> str:
    body = {**info, "results": {str(size): values for size, values in sorted(results.items())},
            "targets": all_verdicts(results)}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
