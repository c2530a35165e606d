"""A hidden, non-interactive self-test: ``thuiszitter-desktop --selftest <folder>``.

It walks the path a consulent takes on day one through the real code, so running it from an
installed bundle proves the bundle is complete: SQLCipher, Argon2 and the Alembic migrations
(vault), the services (a case), reportlab with the embedded fonts (a PDF), icalendar and openpyxl
(exports), and the Qt platform plugin with the main window. Only fictitious data is used, and
only inside ``folder``, which must not hold a vault yet.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from thuiszitter_desktop.domain.deadlines import case_deadlines
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.interchange.ics import build_ics, deadline_items, initials
from thuiszitter_desktop.interchange.tabular import read_table
from thuiszitter_desktop.paths import resources_dir
from thuiszitter_desktop.reports.weekly import WeeklyItem, WeeklyOverview, weekly_overview_pdf
from thuiszitter_desktop.services import caseload, cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import clock_facts_for
from thuiszitter_desktop.storage.files import atomic_write
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import default_vault_path
from thuiszitter_desktop.version import __version__

FLAG = "--selftest"
PASSPHRASE = "zelftest paard batterij nietje"
# The self-test proves the code paths, not brute-force resistance; keep it fast.
CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
FIRST_NAME, LAST_NAME = "Zoë", "Çelik-d'Hondt"
PDF_NAME = "zelftest-weekoverzicht.pdf"
ICS_NAME = "zelftest-termijnen.ics"


@dataclass(frozen=True)
class SelftestResult:
    vault_path: Path
    pdf_path: Path
    ics_path: Path
    pdf_bytes: int
    platform: str

    def summary(self) -> str:
        return (f"Zelftest geslaagd / self-test passed: Thuiszitter Desktop {__version__}, "
                f"kluis {self.vault_path.name}, 1 casus, PDF {self.pdf_bytes} bytes, "
                f"Qt-platform {self.platform}")


class SelftestError(RuntimeError):
    """A step of the self-test did not give what a user would see."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelftestError(message)


def run_selftest(folder: Path) -> SelftestResult:
    """Create a vault in ``folder``, add a case, reopen, write a PDF and an ICS, show the UI."""
    folder.mkdir(parents=True, exist_ok=True)
    path = default_vault_path(folder)
    today = date.today()
    vault, _recovery = Vault.create(path, PASSPHRASE, CHEAP_KDF)
    try:
        ctx = AppContext(vault=vault, actor="zelftest")
        pupil = Pupil(first_name=FIRST_NAME, last_name=LAST_NAME,
                      birth_date=today - timedelta(days=12 * 365 + 40),
                      school="OBS De Regenboog", onderwijstype=Onderwijstype.PO)
        case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                    aanmelding_date=today - timedelta(days=3)))
    finally:
        vault.lock()

    # Reopening with the passphrase proves the key file and the migration check on unlock.
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        ctx = AppContext(vault=vault, actor="zelftest")
        rows = caseload.load_rows(ctx)
        _check([r.pupil_name for r in rows] == [pupil.full_name],
               f"expected one case for {pupil.full_name}, found {len(rows)}")
        detail = cases.load_case(ctx, case.id)
        deadlines = case_deadlines(clock_facts_for(detail.case), today)
        _check(bool(deadlines), "the new case has no deadlines")

        # The overview runs up to the first deadline, so the pupil is printed in it.
        span = max(7, min(d.due for d in deadlines).toordinal() - today.toordinal() + 1)
        pdf = weekly_overview_pdf(WeeklyOverview(
            organisation="Zelftest", consulent="zelftest", first_day=today, days=span,
            items=tuple(WeeklyItem(pupil.full_name, pupil.school, d.title, d.due, d.state)
                        for d in deadlines)))
        _check(pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf,
               "the PDF is not valid or lacks the embedded font")
        pdf_path = folder / PDF_NAME
        atomic_write(pdf_path, pdf)

        ics = build_ics(deadline_items(case.id, initials(FIRST_NAME, LAST_NAME), deadlines),
                        names="initials", generated_at=datetime.now().astimezone())
        _check(b"BEGIN:VEVENT" in ics, "the calendar export has no events")
        ics_path = folder / ICS_NAME
        atomic_write(ics_path, ics)

        _check_xlsx(pupil.full_name)
        platform = _check_window(ctx)
    finally:
        vault.lock()
    return SelftestResult(path, pdf_path, ics_path, len(pdf), platform)


def _check_xlsx(name: str) -> None:
    """Write and read a workbook, as the list import and the quarterly export do."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Naam"])
    sheet.append([name])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue())
    _check(table.rows == ((name,),), "the XLSX round trip lost the name")


def _check_window(ctx: AppContext) -> str:
    """Load the Qt platform plugin, the app icon and the main window with the case in it."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from thuiszitter_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "selftest"])
    assert isinstance(app, QApplication)
    icon = QIcon(str(resources_dir() / "icons" / "app.png"))
    _check(not icon.isNull(), "the application icon cannot be loaded")
    window = MainWindow(ctx)
    try:
        window.show_page(window.caseload)  # pages load when first shown
        app.processEvents()
        shown = [r.pupil_name for r in window.caseload.model.rows()]
        _check(shown == [f"{FIRST_NAME} {LAST_NAME}"],
               f"the caseload shows {shown} instead of the new case")
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return QApplication.platformName()


def main(argv: list[str]) -> int:
    """Entry point for ``--selftest <folder>``; 0 on success, 1 on failure, 2 on bad usage."""
    args = argv[argv.index(FLAG) + 1:] if FLAG in argv else []
    if len(args) != 1:
        _say("usage: thuiszitter-desktop --selftest <empty folder>", error=True)
        return 2
    # Non-interactive: never open a real window unless a platform is asked for explicitly.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        result = run_selftest(Path(args[0]))
    except Exception as exc:  # report any failure as one line and a non-zero exit
        _say(f"Zelftest mislukt / self-test failed: {type(exc).__name__}: {exc}", error=True)
        return 1
    _say(result.summary())
    return 0


def _say(line: str, error: bool = False) -> None:
    # A windowed Windows executable has no console: stdout and stderr are then None.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)
