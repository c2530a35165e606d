"""A name typed in the GUI is nowhere on disk in plaintext: not in the vault, WAL, temp files."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from plaintext_scan import encodings, files_under
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects

CANARY_FIRST = "Kwartelkoning"
CANARY_LAST = "Zilverreiger-Ëendekroos"


def test_canary_name_never_reaches_disk_in_plaintext(
    qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams
) -> None:
    controller = AppController(isolated_dirs, kdf=cheap_kdf)
    controller.create_vault("lange zin als wachtwoord")
    window = controller.show_main()
    qtbot.addWidget(window)

    pupil, case = new_case_objects(window.ctx)
    form_window = CaseWindow(window.ctx, pupil, case, is_new=True, parent=window)
    form_window.form.first_name.insert(CANARY_FIRST)
    form_window.form.last_name.insert(CANARY_LAST)
    form_window.form.birth_date.set_value(date(2013, 2, 3))
    form_window.form.notes.setPlainText(f"Gesprek met {CANARY_FIRST} over school.")
    assert form_window.save()
    window.show_page(window.caseload)  # the overview loads when first shown (in a worker)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1)
    assert window.caseload.model.index(0, 0).data() == f"{CANARY_FIRST} {CANARY_LAST}"

    # While unlocked (WAL and shared-memory files present) and after locking.
    for moment in ("open", "vergrendeld"):
        if moment == "vergrendeld":
            window.close()
            controller.shutdown()
        # This test's own data and temp folders (conftest points TMPDIR and tempfile there).
        scanned = files_under(isolated_dirs, Path(tempfile.gettempdir()))
        assert Path(tempfile.gettempdir()) == isolated_dirs.parent / "tmp"
        assert any(p.name.endswith(".db") for p in scanned)
        for path in scanned:
            try:
                content = path.read_bytes()
            except FileNotFoundError:
                continue  # a background backup's journal came and went

            for needle in encodings(CANARY_FIRST) + encodings(CANARY_LAST):
                assert needle not in content, f"{moment}: klare tekst in {path.name}"
