"""``make bench``: generate caseloads, measure them, write bench/results.md and results.json.

    .venv/bin/python -m bench.run                  # 500, 5,000 and 50,000 cases
    .venv/bin/python -m bench.run --sizes 500,5000 --out /tmp/bench

Vaults live in a temporary folder that is removed afterwards (also on errors).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench import measures, sync_bench
from bench.generate import TABLE_ORDER, build_caseload, write_caseload
from bench.measures import Numbers, Subject
from bench.report import Results, markdown, to_json
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.keyslots import DEFAULT_KDF
from thuiszitter_desktop.storage.vault import Vault

DEFAULT_SIZES = (500, 5_000, 50_000)
PASSPHRASE = "bench-wachtwoord-fictief"
OUT = Path(__file__).resolve().parent


def runs_for(size: int) -> int:
    """Fewer repetitions where one run takes long."""
    return 7 if size <= 1_000 else 5 if size <= 10_000 else 3


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure_size(size: int, folder: Path, today: date, runs: int, sync_size: int = 5_000,
                 sync_only: bool = False) -> tuple[Numbers, str]:
    start = time.perf_counter()
    caseload = build_caseload(size, today)
    path = folder / "kluis.db"
    vault, _recovery = Vault.create(path, PASSPHRASE, DEFAULT_KDF)
    write_caseload(vault, caseload)
    counts = ", ".join(f"{caseload.count(t):,} {t.name}" for t in TABLE_ORDER)
    generation = (f"{counts}; {path.stat().st_size / 1e6:,.0f} MB encrypted, generated in "
                  f"{time.perf_counter() - start:.0f} s")
    log(f"{size:,} cases generated: {generation}")
    ctx = AppContext(vault=vault, actor="bench", clock=datetime.now)
    subject = Subject(size, path, PASSPHRASE, vault, ctx, caseload.landmarks(), runs)
    del caseload  # the app holds what it reads from the vault, not the generator's rows
    numbers: Numbers = {}
    steps: list[tuple[str, Callable[[Subject], Numbers]]] = [
        ("unlock", measures.unlock), ("model load", measures.model_load),
        ("keystrokes", measures.keystrokes), ("save", measures.save),
        ("save in the window", measures.window_save),
        ("documents", measures.documents),
        ("sqlcipher overhead",
         lambda s: measures.sqlcipher_overhead(s, folder / "plain-copy.db")),
        ("vault checks", measures.vault_checks),
        ("start to window", measures.start_to_window),
    ]
    if sync_only:
        steps = []
    if size == sync_size:  # last: it puts the vault in a team
        (folder / "sync").mkdir()
        steps.append(("sync", lambda s: sync_bench.measure(
            s.ctx, folder / "sync", sync_bench.open_case_ids(s.ctx, 200))))
    try:
        for name, step in steps:
            began = time.perf_counter()
            numbers.update(step(subject))
            log(f"{size:,}: {name} done in {time.perf_counter() - began:.1f} s")
    finally:
        vault.lock()
    return numbers, generation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--sync-size", type=int, default=5_000,
                        help="the caseload size the team sync is measured at")
    parser.add_argument("--sync-only", action="store_true",
                        help="measure only the team sync (quick check)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    app = QApplication.instance() or QApplication([])  # models need one
    today = date.today()
    results: Results = {}
    generation: dict[str, str] = {}
    began = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="thuiszitter-bench-"))
    try:
        for size in sizes:
            folder = root / str(size)
            folder.mkdir()
            results[size], generation[str(size)] = measure_size(
                size, folder, today, runs_for(size), args.sync_size, args.sync_only)
            shutil.rmtree(folder)  # large vaults: free the disk before the next size
    finally:
        shutil.rmtree(root, ignore_errors=True)
    info = {"date": today.isoformat(), "nproc": os.cpu_count(), "cpu": cpu_model(),
            "python": platform.python_version(), "generation": generation,
            "total_seconds": round(time.perf_counter() - began)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(markdown(results, info), encoding="utf-8")
    (args.out / "results.json").write_text(to_json(results, info), encoding="utf-8")
    log(f"done in {info['total_seconds']} s; results in {args.out}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
