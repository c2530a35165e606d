"""Shared fixtures. Qt runs offscreen; every test gets its own data and temp directories."""

from __future__ import annotations

import atexit
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A full-HD screen, as on most office desktops and laptops (offscreen's own is 800×800):
    # windows are fitted to the screen (ui/window_fit.py), and layout tests need the room.
    # tests/gui/test_window_fit.py runs the app at other sizes and scales in a subprocess.
    _screen = Path(tempfile.gettempdir()) / f"thuiszitter-offscreen-{os.getpid()}.json"
    _screen.write_text('{"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, '
                       '"height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
    atexit.register(_screen.unlink, missing_ok=True)

# A fixed 'today' keeps deadline tests independent of the calendar.
TODAY = date(2026, 11, 23)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app's data and temp directories into the test's own folder."""
    data = tmp_path / "data"
    temp = tmp_path / "tmp"
    data.mkdir()
    temp.mkdir()
    monkeypatch.setenv("THUISZITTER_DATA_DIR", str(data))
    monkeypatch.setenv("TMPDIR", str(temp))
    # tempfile caches its directory on first use; point it at this test's folder too.
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    yield data


# -- vault and service fixtures ---------------------------------------------------------------
from datetime import datetime  # noqa: E402

from thuiszitter_desktop.services.context import AppContext  # noqa: E402
from thuiszitter_desktop.storage.keyslots import KdfParams  # noqa: E402
from thuiszitter_desktop.storage.repo_cases import CaseWithPupil  # noqa: E402
from thuiszitter_desktop.storage.vault import Vault  # noqa: E402

# Tests need no brute-force resistance; the real cost is measured in `make bench`.
CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
PASSPHRASE = "correct paard batterij nietje"


@pytest.fixture
def vault_path(isolated_dirs: Path) -> Path:
    return isolated_dirs / "kluis.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    created, _recovery = Vault.create(vault_path, PASSPHRASE, CHEAP_KDF)
    yield created
    created.lock()


@pytest.fixture
def ctx(vault: Vault) -> AppContext:
    return AppContext(vault=vault, actor="Test Consulent",
                      clock=lambda: datetime.combine(TODAY, datetime.min.time()))


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def cheap_kdf() -> KdfParams:
    return CHEAP_KDF


# -- consent per purpose (issue 18): a step that needs it is refused without it ---------------
from collections.abc import Callable  # noqa: E402

from thuiszitter_desktop.domain.consent import (  # noqa: E402
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)

GiveConsent = Callable[..., None]


@pytest.fixture
def give_consent(ctx: AppContext) -> GiveConsent:
    """Record that the parents gave consent for ``purpose`` (MDO by default) on ``on``."""
    from thuiszitter_desktop.services import consent

    def give(case_id: str, purpose: ConsentPurpose = ConsentPurpose.MDO,
             on: date = date(2026, 9, 1), provider_ids: tuple[str, ...] = ()) -> None:
        consent.record_consent(ctx, ConsentRecord(
            case_id=case_id, purpose=purpose, giver=ConsentGiver.OUDERS, on=on,
            method=ConsentMethod.MONDELING, given_by="Moeder", provider_ids=provider_ids))

    return give


@pytest.fixture
def demo_caseload(ctx: AppContext) -> list[CaseWithPupil]:
    """The fictitious demo in the test vault: every case with its pupil, closed ones too."""
    from thuiszitter_desktop.services.demo import populate_demo
    from thuiszitter_desktop.storage import repo_cases

    populate_demo(ctx)
    with ctx.vault.read() as conn:
        return repo_cases.list_cases(conn, include_closed=True)
