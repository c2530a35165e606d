"""Fault injection: kill -9 mid-write, disk full, flipped bytes, fuzzed input, canary scan.

The kill and disk-full tests fork a child that writes through the app's own vault code; the
parent then checks the vault the way a user would find it on the next start.
"""

from __future__ import annotations

import os
import random
import resource
import select
import signal
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.errors import DiskFullError, VaultCorruptError
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.sqlcipher import connect, integrity_problems
from thuiszitter_desktop.storage.vault import Vault

KILL_ITERATIONS = 50


def _child(vault_path: Path, passphrase: str, write_fd: int, start: int) -> None:
    """Commit numbered records forever, reporting each number after its commit returned."""
    try:
        vault = Vault.unlock(vault_path, passphrase)
        number = start
        rng = random.Random(start)
        while True:
            payload = os.urandom(rng.choice((10, 400, 3000, 9000))).hex()
            with vault.transaction() as conn:
                conn.execute(text("INSERT INTO settings (key, value) VALUES (:k, :v)"),
                             {"k": f"rec-{number:06d}", "v": f'"{payload}"'})
            os.write(write_fd, struct.pack("<I", number))
            number += 1
    finally:
        os._exit(0)


def _reported(read_fd: int, buffer: bytearray) -> list[int]:
    while select.select([read_fd], [], [], 0)[0]:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        buffer += chunk
    whole = len(buffer) // 4 * 4
    return [struct.unpack("<I", bytes(buffer[i:i + 4]))[0] for i in range(0, whole, 4)]


@pytest.fixture
def fresh_vault(vault_path: Path, passphrase: str, cheap_kdf: KdfParams) -> Iterator[Path]:
    vault, _ = Vault.create(vault_path, passphrase, cheap_kdf)
    vault.lock()
    yield vault_path


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_no_committed_record(
        fresh_vault: Path, passphrase: str) -> None:
    rng = random.Random(20261123)
    committed: set[int] = set()
    next_number = 0
    for _ in range(KILL_ITERATIONS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            _child(fresh_vault, passphrase, write_fd, next_number)
        os.close(write_fd)
        buffer = bytearray()
        # Wait for the first commit, then kill at a random moment within the next writes.
        select.select([read_fd], [], [], 10)
        deadline = rng.uniform(0.0, 0.06)
        select.select([], [], [], deadline)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        numbers = _reported(read_fd, buffer)
        os.close(read_fd)
        committed.update(numbers)
        next_number = (max(numbers) + 1 if numbers else next_number) + 1000

        vault = Vault.unlock(fresh_vault, passphrase)
        try:
            assert vault.integrity_problems() == []
            with vault.read() as conn:
                stored = {int(k[4:]) for k in conn.execute(
                    text("SELECT key FROM settings WHERE key LIKE 'rec-%'")).scalars()}
        finally:
            vault.lock()
        lost = committed - stored
        assert not lost, f"committed but lost: {sorted(lost)[:5]}"
    assert len(committed) >= KILL_ITERATIONS  # the children really wrote


def test_disk_full_during_save_gives_dutch_error_and_keeps_data(
        fresh_vault: Path, passphrase: str) -> None:
    vault = Vault.unlock(fresh_vault, passphrase)
    with vault.transaction() as conn:
        conn.execute(text("INSERT INTO settings VALUES ('bewaard', '\"ja\"')"))
    vault.lock()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        message = b"geen fout"
        try:
            child_vault = Vault.unlock(fresh_vault, passphrase)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            biggest = max(p.stat().st_size for p in fresh_vault.parent.iterdir() if p.is_file())
            resource.setrlimit(resource.RLIMIT_FSIZE, (biggest + 4096, biggest + 4096))
            # Larger than any file may grow: the write-ahead log must hit the limit too.
            with child_vault.transaction() as conn:
                conn.execute(text("INSERT INTO settings VALUES ('groot', :v)"),
                             {"v": '"' + "x" * (2 * biggest) + '"'})
        except DiskFullError as exc:
            message = ("DiskFullError:" + exc.message).encode()
        except BaseException as exc:
            message = f"{type(exc).__name__}: {exc}".encode()
        os.write(write_fd, message)
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    message = os.read(read_fd, 4096).decode()
    os.close(read_fd)
    assert message.startswith("DiskFullError:"), message
    assert "schijf is vol" in message and "onveranderd" in message
    vault = Vault.unlock(fresh_vault, passphrase)
    try:
        assert vault.integrity_problems() == []
        with vault.read() as conn:
            keys = set(conn.execute(text("SELECT key FROM settings")).scalars())
        assert "bewaard" in keys and "groot" not in keys
    finally:
        vault.lock()


def _vault_with_rows(path: Path, passphrase: str, kdf: KdfParams) -> bytes:
    vault, _ = Vault.create(path, passphrase, kdf)
    with vault.transaction() as conn:
        for i in range(300):
            conn.execute(text("INSERT INTO settings VALUES (:k, :v)"),
                         {"k": f"rij-{i}", "v": f'"{"w" * 200}"'})
    key = vault.raw_key
    vault.lock()
    return key


@pytest.mark.parametrize("where", ["page1-body", "middle", "last-page", "hmac"])
def test_flipped_bytes_are_detected_reported_and_never_overwritten(
        vault_path: Path, passphrase: str, cheap_kdf: KdfParams, where: str) -> None:
    key = _vault_with_rows(vault_path, passphrase, cheap_kdf)
    data = bytearray(vault_path.read_bytes())
    pages = len(data) // 4096
    offset = {"page1-body": 500, "middle": (pages // 2) * 4096 + 1000,
              "last-page": (pages - 1) * 4096 + 300, "hmac": (pages // 2) * 4096 + 4096 - 30,
              }[where]
    data[offset] ^= 0xA5
    vault_path.write_bytes(bytes(data))
    damaged = bytes(data)

    detected = False
    try:
        vault = Vault.unlock(vault_path, passphrase)
    except VaultCorruptError as exc:
        detected = True
        assert "beschadigd" in exc.message
    else:
        problems = vault.integrity_problems()
        vault.lock()
        detected = bool(problems)
    assert detected
    conn = None
    try:
        conn = connect(vault_path, key, read_only=True)
        assert integrity_problems(conn)
    except VaultCorruptError:
        pass
    finally:
        if conn is not None:
            conn.close()
    assert vault_path.read_bytes() == damaged  # never rewritten, never replaced


def test_canary_never_in_plaintext_on_disk(isolated_dirs: Path, passphrase: str,
                                          cheap_kdf: KdfParams, tmp_path: Path) -> None:
    from thuiszitter_desktop.domain.model import Case, Pupil
    from thuiszitter_desktop.domain.vocab import Onderwijstype
    from thuiszitter_desktop.services import cases, security

    canary_first, canary_last = "Kanarie7Q9Zoë", "Vogelx4Çelik"
    vault, _ = Vault.create(isolated_dirs / "kluis.db", passphrase, cheap_kdf)
    ctx = AppContext(vault, actor="Test Consulent")
    pupil = Pupil(first_name=canary_first, last_name=canary_last, birth_date=date(2013, 4, 4),
                  onderwijstype=Onderwijstype.VO, address=f"{canary_last}straat 1")
    case = Case(pupil_id=pupil.id, aanmelding_date=date.today(),
                notes=f"{canary_first} zit thuis")
    saved = cases.register_case(ctx, pupil, case)
    cases.save_case(ctx, pupil, saved)
    cases.load_case(ctx, saved.id)
    security.make_backup(ctx)
    security.make_backup(ctx, folder=isolated_dirs / "usb")
    # Scan while open too: WAL and SHM hold the most recent pages.
    scanned_open = _scan(tmp_path, (canary_first, canary_last))
    vault.lock()
    scanned_closed = _scan(tmp_path, (canary_first, canary_last))
    assert scanned_open == [] and scanned_closed == []


def _scan(root: Path, canaries: tuple[str, ...]) -> list[str]:
    needles = [c.encode(enc) for c in canaries for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    found = []
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") or p.suffix == ".db" for p in files)
    for path in files:
        data = path.read_bytes()
        found += [f"{path.name}" for needle in needles if needle in data]
    return found
