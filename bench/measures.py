"""The measurements of one caseload size, each the median of several runs.

Every function takes a ``Subject`` (an unlocked vault holding a generated caseload) and returns
plain numbers keyed by metric id (see ``bench/report.py``). Times are in seconds.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import Select, create_engine, func, select
from sqlalchemy.dialects import sqlite

from bench.generate import Landmarks
from bench.timing import elapsed, median_time, paired_medians
from thuiszitter_desktop.domain.breakdowns import Dimension
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.services import (
    access_log,
    caseload,
    cases,
    figures,
    mdo,
    plan,
    reminders,
    vault_health,
)
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import ClockSnapshot, read_snapshot
from thuiszitter_desktop.services.today_board import TodayBoard
from thuiszitter_desktop.storage import repo_audit, repo_overview
from thuiszitter_desktop.storage.backup import create_backup
from thuiszitter_desktop.storage.backup_files import remove_backup
from thuiszitter_desktop.storage.keyslots import KeyFile
from thuiszitter_desktop.storage.sqlcipher import connect
from thuiszitter_desktop.storage.tables import audit_log
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import key_file_for
from thuiszitter_desktop.ui.caseload_model import (
    DEADLINE_COLUMN,
    CaseloadModel,
    Filters,
    search_key,
)
from thuiszitter_desktop.ui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parent.parent
FIRST_SHOWN = Dimension.ONDERWIJSTYPE  # the dashboard's counts open on this characteristic
Numbers = dict[str, float]


@dataclass
class Subject:
    size: int
    path: Path
    passphrase: str
    vault: Vault
    ctx: AppContext
    landmarks: Landmarks
    runs: int

    @property
    def today(self) -> date:
        return self.ctx.today()


# -- 1. unlock ---------------------------------------------------------------------------------
def unlock(s: Subject) -> Numbers:
    """Key derivation alone, and unlock + open + first read (a fresh Vault each run)."""
    keys = KeyFile.load(key_file_for(s.path))
    runs = max(3, s.runs // 2)
    kdf = median_time(lambda: keys.unlock_with_passphrase(s.passphrase), runs, warmup=0)

    def open_and_read() -> None:
        vault = Vault.unlock(s.path, s.passphrase)
        with vault.read() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM cases").scalar_one()
        vault.lock()

    return {"kdf_s": kdf, "unlock_open_s": median_time(open_and_read, runs, warmup=0)}


# -- 2 and 7. the app in a child process ---------------------------------------------------------
def start_to_window(s: Subject) -> Numbers:
    """Process start to the caseload's first paint with rows and to every row loaded, the
    longest event-loop block meanwhile (the worst of the runs), and the app's peak RSS; the
    same with the check at unlock running in its background thread, as in the app (runs
    alternated, so load on the machine hits both alike)."""
    runs = max(2, s.runs - 2)
    results: list[dict[str, Any]] = []
    checked: list[dict[str, Any]] = []
    for _ in range(runs):
        results.append(run_probe(s.path, s.vault.raw_key))
        checked.append(run_probe(s.path, s.vault.raw_key, unlock_check=True))
    return {"start_to_window_s": statistics.median(r["seconds"] for r in results),
            "start_to_all_rows_s": statistics.median(r["all_rows_seconds"] for r in results),
            "longest_block_s": max(r["longest_block"] for r in results),
            "start_to_window_checked_s": statistics.median(r["seconds"] for r in checked),
            "start_to_all_rows_checked_s": statistics.median(r["all_rows_seconds"]
                                                             for r in checked),
            "unlock_check_done_s": statistics.median(r["check_done_s"] for r in checked),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in results + checked)}


def run_probe(path: Path, key: bytes, unlock_check: bool = False) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BENCH_VAULT_KEY": key.hex(),
           "BENCH_UNLOCK_CHECK": "1" if unlock_check else "",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    env["BENCH_T0"] = repr(time.time())
    done = subprocess.run([sys.executable, "-m", "bench.app_probe", str(path)], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"app probe failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# -- 3. model load, and the ORM/model overhead ratio ------------------------------------------
def new_view_model(s: Subject) -> CaseloadModel:
    """The model as the caseload page sets it up (sorted on the next deadline)."""
    model = CaseloadModel(s.today)
    model.sort(DEADLINE_COLUMN)
    return model


def shown(model: CaseloadModel, _done: object = None) -> None:
    """What a view asks right after a change: the first row's deadline."""
    if model.rowCount():
        model.index(0, DEADLINE_COLUMN).data()


def overview_query() -> Select[Any]:
    """The overview's read: cases joined with their pupil and their stored clock."""
    return repo_overview.overview_query()


# Everything else the overview reads: whether the stored clocks are current, and the settings
# (warning periods). Contacts, episodes and plans only for a case whose clock is missing.
SIDE_SQL = (
    "SELECT n, rules FROM overview_epoch WHERE id = 1",
    "SELECT * FROM settings",
)


def overview_sql() -> list[str]:
    """The SQL of every query behind the overview, for raw fetches."""
    return [str(overview_query().compile(dialect=sqlite.dialect())), *SIDE_SQL]


def cold_load(s: Subject) -> float:
    """One load with no clock stored (the first after upgrading, or after changing every
    case): it reads every case's facts and stores the clocks for the next load."""
    with s.vault.transaction() as conn:
        repo_overview.forget_all(conn)
    return elapsed(lambda: caseload.load_rows(s.ctx))


def model_load(s: Subject) -> Numbers:
    model = new_view_model(s)
    sql = overview_sql()
    cold_s = cold_load(s)

    def load() -> None:
        model.set_rows(caseload.load_rows(s.ctx), s.today)
        shown(model)

    def raw_fetch() -> None:
        with s.vault.read() as conn:
            for statement in sql:
                conn.exec_driver_sql(statement).fetchall()

    load_s, raw_s = paired_medians(load, raw_fetch, s.runs)
    rows = caseload.load_rows(s.ctx)
    return {
        "model_load_s": load_s,
        "load_rows_s": median_time(lambda: caseload.load_rows(s.ctx), s.runs),
        "set_rows_s": median_time(lambda: shown(model, model.set_rows(rows, s.today)), s.runs),
        "raw_fetch_s": raw_s,
        "overview_ratio": load_s / raw_s,
        "cold_load_rows_s": cold_s,
        "open_cases": float(model.rowCount()),
    }


# -- 4. search keystrokes ------------------------------------------------------------------------
def search_text(s: Subject) -> str:
    """A pupil's name and school as a consulent would type them (no accents)."""
    return search_key(s.landmarks.pupil_name)


def keystrokes(s: Subject) -> Numbers:
    model = new_view_model(s)
    model.set_rows(caseload.load_rows(s.ctx), s.today)
    text = search_text(s)
    times: list[float] = []
    for _ in range(max(2, s.runs // 2)):
        model.set_filters(Filters())
        for end in range(1, len(text) + 1):
            filters = Filters(text=text[:end])
            times.append(elapsed(lambda f=filters: shown(model, model.set_filters(f))))
    return {"keystroke_s": statistics.median(times), "keystroke_max_s": max(times)}


# -- 5. save -------------------------------------------------------------------------------------
def save(s: Subject) -> Numbers:
    detail = cases.load_case(s.ctx, s.landmarks.plan_case_id)
    counter = iter(range(10_000))

    def one_save() -> None:
        edited = replace(detail.case, notes=f"Notitie {next(counter)}")
        cases.save_case(s.ctx, detail.pupil, edited)

    numbers = {"save_s": median_time(one_save, max(9, s.runs * 3))}
    cache = ClockCache(s.ctx)  # as in the main window: Vandaag follows every save
    board = TodayBoard()
    board.rebuild(cache.snapshot(), s.today, cache.pending_deadlines(s.today))

    def save_and_update_vandaag() -> None:
        one_save()
        change = Change("case", (detail.case.id,))
        board.update(cache.snapshot(), s.today, cache.pending_deadlines(s.today),
                     reminders.touched_cases(change))

    numbers["save_vandaag_s"] = median_time(save_and_update_vandaag, s.runs)
    cache.detach()
    return numbers


def window_save(s: Subject) -> Numbers:
    """A save in the main window with Vandaag and the caseload open: until every view shows it
    (the change notice reaches the views synchronously)."""
    window = MainWindow(s.ctx)
    window.show_page(window.caseload)
    detail = cases.load_case(s.ctx, s.landmarks.plan_case_id)
    counter = iter(range(10_000))
    app = QApplication.instance()

    def save_until_shown() -> None:
        edited = replace(detail.case, notes=f"Venster {next(counter)}")
        cases.save_case(s.ctx, detail.pupil, edited)
        if app is not None:
            app.processEvents()

    seconds = median_time(save_until_shown, s.runs)
    window.close()
    window.deleteLater()
    return {"window_save_s": seconds}


# -- 6. documents --------------------------------------------------------------------------------
def documents(s: Subject) -> Numbers:
    """Documents and figures as the consulent makes them in the app: Vandaag has read the open
    cases at start-up and the caseload overview is open (both stay in memory meanwhile, and a
    larger heap slows building many objects)."""
    snapshot = read_snapshot(s.ctx)
    model = new_view_model(s)
    model.set_rows(caseload.load_rows(s.ctx, snapshot=snapshot), s.today)
    shown(model)
    latest = plan.load_versions(s.ctx, s.landmarks.plan_case_id)[-1]
    quarter, definition = Quarter.of(s.today), Definition.BREED
    runs = s.runs

    def dashboard_opens() -> None:
        # As the page: the figures, and the counts of the characteristic it shows first.
        shown = figures.FigureSource(s.ctx, lambda: snapshot.items).figures(quarter, definition)
        shown.counts.table(FIRST_SHOWN)

    def figures_alone() -> None:
        figures.load_figures(s.ctx, quarter, definition).counts.table(FIRST_SHOWN)

    numbers = {
        "plan_pdf_s": median_time(lambda: plan.plan_document(s.ctx, latest), runs),
        "mdo_agenda_s": median_time(lambda: mdo.agenda_pdf(s.ctx, s.landmarks.agenda_mdo_id),
                                    runs),
        "figures_s": median_time(dashboard_opens, runs),
        "figures_cold_s": median_time(figures_alone, runs),
        "figures_switch_s": figure_switches(s, snapshot, quarter, runs),
        "quarterly_report_s": median_time(
            lambda: figures.quarterly_report(s.ctx, quarter, definition), runs),
    }
    del model
    return numbers


def figure_switches(s: Subject, snapshot: ClockSnapshot, quarter: Quarter, runs: int) -> float:
    """The dashboard switching between definitions: computed from the cases it read once."""
    source = figures.FigureSource(s.ctx, lambda: snapshot.items)
    source.figures(quarter, Definition.BREED)
    choices = itertools.cycle([Definition.INGRADO, Definition.LANDELIJK, Definition.BREED])
    seconds = median_time(lambda: source.figures(quarter, next(choices)).counts.table(
        FIRST_SHOWN), runs * 2)
    source.forget()
    return seconds


# -- 8. the vault's own checks -------------------------------------------------------------------
def vault_checks(s: Subject) -> Numbers:
    """The check run at every unlock (in a background thread) and its parts, the weekly full
    check, and one automatic backup (export, sync, verify, rename). Warm file cache."""
    runs = max(2, s.runs // 2)

    def pragma(name: str) -> float:
        conn = connect(s.path, s.vault.raw_key, read_only=True)
        try:
            return median_time(lambda: conn.execute(f"PRAGMA {name}").fetchall(), runs)
        finally:
            conn.close()

    def chain() -> None:
        with s.vault.read() as conn:
            problems, _ = repo_audit.chain_problems(conn, s.vault.chain_key)
        assert not problems

    def unlock_check() -> None:  # after the warm-up, as at every later unlock: new lines only
        access_log.record_view(s.ctx, "caseload")
        assert vault_health.check_at_unlock(s.ctx).healthy

    folder = s.path.parent / "bench-backups"

    def backup() -> None:
        made = create_backup(s.vault, reason="bench", folder=folder)
        remove_backup(made.db)  # a 50,000-case copy is hundreds of MB

    with s.vault.read() as conn:
        audit_lines = conn.execute(select(func.count()).select_from(audit_log)).scalar_one()
    return {"quick_check_s": pragma("quick_check"),
            "cipher_check_s": pragma("cipher_integrity_check"),
            "integrity_check_s": pragma("integrity_check"),
            "audit_chain_s": median_time(chain, runs), "audit_lines": float(audit_lines),
            "unlock_check_s": median_time(unlock_check, runs),
            "backup_s": median_time(backup, runs, warmup=0)}


# -- baseline: the same query on plain SQLite --------------------------------------------------
def export_plain_copy(vault: Vault, target: Path) -> None:
    """An unencrypted copy of the vault (benchmark only; removed with the temp folder)."""
    raw = vault.engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        driver.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(target),))
        driver.execute("SELECT sqlcipher_export('plaintext')").fetchone()
        driver.execute("DETACH DATABASE plaintext")
    finally:
        raw.close()


def sqlcipher_overhead(s: Subject, plain_path: Path) -> Numbers:
    export_plain_copy(s.vault, plain_path)
    plain = create_engine(f"sqlite:///{plain_path}")
    query, sql = overview_query(), overview_sql()

    def encrypted() -> None:
        with s.vault.read() as conn:
            conn.execute(query).fetchall()

    def unencrypted() -> None:
        with plain.connect() as conn:
            conn.execute(query).fetchall()

    def encrypted_raw() -> None:
        with s.vault.read() as conn:
            for statement in sql:
                conn.exec_driver_sql(statement).fetchall()

    def unencrypted_raw() -> None:
        with plain.connect() as conn:
            for statement in sql:
                conn.exec_driver_sql(statement).fetchall()

    try:
        cipher_s, plain_s = paired_medians(encrypted, unencrypted, s.runs)
        cipher_raw_s, plain_raw_s = paired_medians(encrypted_raw, unencrypted_raw, s.runs)
    finally:
        plain.dispose()
    return {"query_cipher_s": cipher_s, "query_plain_s": plain_s,
            "sqlcipher_ratio": cipher_s / plain_s,
            "sqlcipher_raw_ratio": cipher_raw_s / plain_raw_s}
