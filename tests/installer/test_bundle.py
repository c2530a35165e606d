"""The PyInstaller bundle in dist/ runs on its own: run by `make installer-test`, not `make test`.

The bundled executable is started like IT would start it (no venv, no source tree on the path,
offscreen), runs the hidden self-test (vault, case, PDF, exports, main window) and exits 0.
"""

from __future__ import annotations

import configparser
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from thuiszitter_desktop import selftest
from thuiszitter_desktop.services import caseload
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault

pytestmark = pytest.mark.installer

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "ThuiszitterDesktop"
EXE = BUNDLE / ("ThuiszitterDesktop.exe" if sys.platform == "win32" else "ThuiszitterDesktop")
INTERNAL = BUNDLE / "_internal"
QT = INTERNAL / "PySide6" / ("plugins" if sys.platform == "win32" else "Qt/plugins")
PLUGIN = {"win32": "{}.dll", "darwin": "lib{}.dylib"}.get(sys.platform, "lib{}.so")
PLATFORMS = {"win32": ("qwindows", "qoffscreen"), "darwin": ("qcocoa", "qoffscreen")}.get(
    sys.platform, ("qxcb", "qoffscreen", "qwayland"))


@pytest.fixture(scope="module")
def exe() -> Path:
    assert EXE.is_file(), f"no bundle at {EXE}: run `make installer` first"
    return EXE


def run_selftest(exe: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Start the bundle with a bare environment from a folder outside the source tree."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.defpath, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMPDIR": str(tmp_path)}
    if sys.platform == "win32":
        env.update(SYSTEMROOT=os.environ["SYSTEMROOT"], LOCALAPPDATA=str(home))
    folder = tmp_path / "zelftest"
    done = subprocess.run([str(exe), "--selftest", str(folder)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          check=False)
    return done, folder


def test_bundle_creates_a_vault_adds_a_case_writes_a_pdf_and_exits_cleanly(
        exe: Path, tmp_path: Path) -> None:
    done, folder = run_selftest(exe, tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("Zelftest geslaagd / self-test passed")
    assert "Qt-platform offscreen" in done.stdout
    assert "Traceback" not in done.stderr

    pdf = PdfReader(io.BytesIO((folder / selftest.PDF_NAME).read_bytes()))
    pdf_text = "".join(page.extract_text() for page in pdf.pages)
    assert "Weekoverzicht termijnen" in pdf_text
    assert "Zoë Çelik-d'Hondt" in pdf_text
    assert "BEGIN:VEVENT" in (folder / selftest.ICS_NAME).read_text(encoding="utf-8")

    # The vault the bundle wrote is a real one: the app from source opens it and finds the case.
    vault = Vault.unlock(folder / "kluis.db", selftest.PASSPHRASE)
    try:
        rows = caseload.load_rows(AppContext(vault=vault))
    finally:
        vault.lock()
    assert [r.pupil_name for r in rows] == ["Zoë Çelik-d'Hondt"]
    # Nothing is written outside the folder it was given (no data dir in the user's home).
    assert not list((tmp_path / "home").rglob("ThuiszitterDesktop"))


@pytest.mark.parametrize("relative", [
    *(f"plugins/platforms/{PLUGIN.format(name)}" for name in PLATFORMS),
    f"plugins/imageformats/{PLUGIN.format('qsvg')}",
    f"plugins/iconengines/{PLUGIN.format('qsvgicon')}",
    "resources/fonts/DejaVuSans.ttf",
    "resources/fonts/DejaVuSans-Bold.ttf",
    "resources/fonts/DejaVuSans-Oblique.ttf",
    "resources/icons/app.png",
    "LICENSE",
])
def test_bundle_contains(exe: Path, relative: str) -> None:
    base = QT.parent if relative.startswith("plugins/") else INTERNAL
    assert (base / relative).is_file()


def test_bundle_contains_every_migration_as_a_file(exe: Path) -> None:
    source = ROOT / "thuiszitter_desktop" / "storage" / "migrations"
    bundled = INTERNAL / "thuiszitter_desktop" / "storage" / "migrations"
    expected = sorted(p.relative_to(source) for p in source.rglob("*.py"))
    assert sorted(p.relative_to(bundled) for p in bundled.rglob("*.py")) == expected
    assert (bundled / "env.py").read_text(encoding="utf-8") == (source / "env.py").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("unused", ["WebEngine", "Qt6Quick", "Qt6Qml", "Multimedia", "Qt63D",
                                    "tkinter", "pytest"])
def test_bundle_leaves_out_heavy_unused_parts(exe: Path, unused: str) -> None:
    assert not [p for p in INTERNAL.rglob(f"*{unused}*")]


def test_linux_user_install_puts_a_menu_entry_that_starts_the_bundle(
        exe: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"PATH": os.defpath, "HOME": str(home)}
    done = subprocess.run(["sh", str(ROOT / "installer" / "linux" / "install-user.sh")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(home / ".local/share/applications/thuiszitter-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "Thuiszitter Desktop"
    assert "thuiszittersconsulenten" in desktop["Comment"]
    assert desktop["Categories"] == "Office;Education;"
    program = Path(desktop["Exec"].strip('"'))
    assert program == home / ".local/opt/ThuiszitterDesktop/ThuiszitterDesktop"
    assert os.access(program, os.X_OK)
    icon = home / f".local/share/icons/hicolor/256x256/apps/{desktop['Icon']}.png"
    assert icon.read_bytes() == (ROOT / "resources/icons/app.png").read_bytes()
