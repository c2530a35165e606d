"""The hidden self-test runs the real services in-process (the bundle test runs it packaged)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from thuiszitter_desktop import selftest
from thuiszitter_desktop.services import caseload
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault


def test_selftest_leaves_a_real_vault_with_the_case_and_a_readable_pdf(
        tmp_path: Path, qapp: QApplication) -> None:
    result = selftest.run_selftest(tmp_path / "zelftest")

    assert result.platform == "offscreen"
    pdf_text = "".join(page.extract_text() for page in
                       PdfReader(io.BytesIO(result.pdf_path.read_bytes())).pages)
    assert "Weekoverzicht termijnen" in pdf_text
    assert "Zoë Çelik-d'Hondt" in pdf_text
    assert result.pdf_bytes == result.pdf_path.stat().st_size
    ics = result.ics_path.read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics
    assert "Z.Ç." in ics
    assert "Çelik" not in ics  # the calendar export carries initials only

    vault = Vault.unlock(result.vault_path, selftest.PASSPHRASE)
    try:
        rows = caseload.load_rows(AppContext(vault=vault))
    finally:
        vault.lock()
    assert [r.pupil_name for r in rows] == ["Zoë Çelik-d'Hondt"]


@pytest.mark.parametrize(
    ("args", "code", "stream", "words"),
    [
        (["--selftest", "{dir}"], 0, "out", "Zelftest geslaagd / self-test passed"),
        (["--selftest"], 2, "err", "usage"),
        (["--selftest", "{dir}", "extra"], 2, "err", "usage"),
    ],
)
def test_selftest_main_exit_codes_and_one_line_summary(
        tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str],
        args: list[str], code: int, stream: str, words: str) -> None:
    argv = ["thuiszitter-desktop", *(a.format(dir=tmp_path / "st") for a in args)]
    assert selftest.main(argv) == code
    captured = capsys.readouterr()
    text = captured.out if stream == "out" else captured.err
    assert words in text
    assert len(text.strip().splitlines()) == 1


def test_selftest_fails_with_exit_1_on_a_folder_that_already_holds_a_vault(
        tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "st"
    assert selftest.main(["x", "--selftest", str(folder)]) == 0
    capsys.readouterr()
    assert selftest.main(["x", "--selftest", str(folder)]) == 1
    assert "Zelftest mislukt / self-test failed: VaultExistsError" in capsys.readouterr().err
