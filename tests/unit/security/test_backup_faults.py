"""Backups under faults: killed halfway, a full disk, ten days of rotation with a bad vault.

The kill tests fork a child that makes a backup through the app's own code and is killed
(SIGKILL, no clean-up runs); the parent then looks at the folder as the next start would.
"""

from __future__ import annotations

import os
import random
import resource
import select
import signal
import struct
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from vault_faults import assert_dutch, fill, pupil_count

from thuiszitter_desktop.services import security, vault_health
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.backup import create_backup, row_counts, verify_backup
from thuiszitter_desktop.storage.backup_files import (
    KEEP,
    backups_dir,
    clean_leftovers,
    list_backups,
    listed,
    part_of,
)
from thuiszitter_desktop.storage.errors import BackupError, VaultCorruptError
from thuiszitter_desktop.storage.restore import key_for_backup, restore_backup
from thuiszitter_desktop.storage.sqlcipher import connect
from thuiszitter_desktop.storage.vault import Vault

STEPS = ("counted", "exported", "keys copied", "verified", "info written", "keys in place",
         "renamed")
RANDOM_KILLS = 12


def assert_every_backup_whole(folder: Path, key: bytes) -> None:
    """What the next start finds: each listed backup opens, passes both checks and holds the
    rows its info says; nothing else is left in the folder."""
    for backup in listed(folder, with_previous=False):
        assert backup.info is not None, backup.db.name
        verify_backup(backup.db, key, key_file=backup.keys)
        conn = connect(backup.db, key, read_only=True)
        try:
            counts = row_counts(conn)
        finally:
            conn.close()
        assert sum(counts.values()) == backup.info.rows
        assert counts["pupils"] == backup.info.pupils
    names = {p.name for p in folder.iterdir()}
    stems = {Path(n).stem for n in names}
    assert names == {f"{s}{ext}" for s in stems for ext in (".db", ".keys", ".info")}, names


def on(ctx: AppContext, when: datetime) -> AppContext:
    return AppContext(ctx.vault, ctx.actor, lambda: when, ctx.changes)


def kill_self_at(step: str) -> Callable[[str], None]:
    def hook(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def run_in_child(action: Callable[[], None]) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            action()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


@pytest.mark.parametrize("step", STEPS)
def test_backup_killed_at_each_step_never_becomes_the_newest_backup(
        make_vault: Callable[[int], AppContext], passphrase: str, step: str) -> None:
    ctx = make_vault(8)
    good = security.make_backup(ctx)
    fill(ctx, 4, start=100)  # the killed backup would hold 12
    path, key = ctx.vault.path, ctx.vault.raw_key
    ctx.vault.lock()

    def child() -> None:
        vault = Vault.unlock(path, passphrase)
        create_backup(vault, now=datetime(2026, 11, 24, 9, 0), step=kill_self_at(step))

    run_in_child(child)
    found = list_backups(backups_dir(path))
    if step == "renamed":  # killed after the backup was complete: it counts, whole
        assert len(found) == 2
    else:
        assert found == [good.db]
    clean_leftovers(path)
    assert_every_backup_whole(backups_dir(path), key)


@pytest.mark.slow
def test_backup_killed_at_random_moments_never_leaves_a_half_backup(
        make_vault: Callable[[int], AppContext], passphrase: str) -> None:
    ctx = make_vault(40)
    security.make_backup(ctx)
    path, key = ctx.vault.path, ctx.vault.raw_key
    ctx.vault.lock()
    rng = random.Random(20261123)
    made = interrupted = 0
    for round_no in range(RANDOM_KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(read_fd)
            vault = Vault.unlock(path, passphrase)
            number = 0
            while True:
                create_backup(vault, now=datetime(2026, 11, 24) + timedelta(
                    minutes=round_no * 100 + number), folder=backups_dir(path))
                os.write(write_fd, struct.pack("<I", number))
                number += 1
        os.close(write_fd)
        os.read(read_fd, 4)  # one backup completed: the next one is under way
        select.select([], [], [], rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while True:
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
        os.close(read_fd)
        interrupted += bool(clean_leftovers(path))
        assert_every_backup_whole(backups_dir(path), key)
        made = len(list_backups(backups_dir(path)))
    assert made > RANDOM_KILLS  # the children really completed backups between the kills
    assert interrupted >= RANDOM_KILLS // 2  # and most kills hit one halfway


DAMAGES = ("leeg", "afgekapt", "byte omgedraaid", "oudere kopie met minder leerlingen")


def damage(path: Path, how: str, older_copy: Path) -> None:
    if how == "leeg":
        path.write_bytes(b"")
    elif how == "afgekapt":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif how == "byte omgedraaid":
        data = bytearray(path.read_bytes())
        data[(len(data) // 4096 // 2) * 4096 + 700] ^= 0x5A
        path.write_bytes(bytes(data))
    else:  # a sync tool put back an old copy: a sound vault that holds fewer pupils
        path.write_bytes(older_copy.read_bytes())


@pytest.mark.parametrize("how", DAMAGES)
def test_ten_days_with_a_damaged_vault_keep_a_backup_with_all_data(
        vault_path: Path, passphrase: str, cheap_kdf: object, how: str) -> None:
    start = datetime(2026, 11, 2, 8, 30)
    vault, _ = Vault.create(vault_path, passphrase, cheap_kdf)  # type: ignore[arg-type]
    ctx = AppContext(vault, clock=lambda: start)
    fill(ctx, 3)
    vault.lock()
    older_copy = vault_path.with_name("oud.db")
    older_copy.write_bytes(vault_path.read_bytes())
    vault = Vault.unlock(vault_path, passphrase)
    fill(AppContext(vault, clock=lambda: start), 17, start=3)  # 20 pupils from now on
    vault.lock()
    notices: list[int] = []

    def one_day(day: int) -> None:
        now = start + timedelta(days=day)
        try:
            opened = Vault.unlock(vault_path, passphrase)
        except VaultCorruptError:
            return  # refused: nothing written, nothing rotated
        day_ctx = AppContext(opened, clock=lambda: now)
        try:
            if vault_health.check_at_unlock(day_ctx).healthy:
                backup = security.backup_on_unlock(day_ctx)
                if backup is not None and backup.fewer_pupils:
                    notices.append(day)
        finally:
            opened.lock()

    for day in range(3):
        one_day(day)
    damage(vault_path, how, older_copy)
    for day in range(3, 13):  # ten more days
        one_day(day)

    found = listed(backups_dir(vault_path), with_previous=False)
    full = [b for b in found if b.pupils == 20]
    assert full, [b.pupils for b in found]
    assert len(found) <= KEEP + 1
    if how == "oudere kopie met minder leerlingen":
        assert notices == [3]  # told on the first day the backups held fewer pupils
    restore_backup(vault_path, full[0].db, key_for_backup(full[0].db, passphrase),
                   with_key_file=True)
    restored = Vault.unlock(vault_path, passphrase)
    try:
        assert pupil_count(restored) == 20
    finally:
        restored.lock()


def test_rotation_keeps_the_newest_backup_with_most_pupils_beyond_seven(
        make_vault: Callable[[int], AppContext]) -> None:
    ctx = make_vault(5)
    first = security.make_backup(on(ctx, datetime(2026, 11, 1)))
    with ctx.vault.transaction() as conn:  # pupils lost (as after a bad copy)
        conn.execute(text("DELETE FROM cases"))
        conn.execute(text("DELETE FROM pupils"))
    for day in range(2, 12):
        security.make_backup(on(ctx, datetime(2026, 11, day)))
    found = listed(backups_dir(ctx.vault.path), with_previous=False)
    assert len(found) == KEEP + 1
    assert found[-1].db == first.db and found[-1].pupils == 5
    assert all(b.pupils == 0 for b in found[:-1])


def test_leftovers_of_interrupted_backups_are_removed_at_the_next_start(
        make_vault: Callable[[int], AppContext]) -> None:
    ctx = make_vault(1)
    kept = security.make_backup(ctx)
    folder = backups_dir(ctx.vault.path)
    stray = [part_of(folder / "kluis-20261124-090000-000000-automatisch.db"),
             folder / ".kluis-20261124-090000-000000-automatisch.db.deel-journal",
             folder / "kluis-20261124-090000-000000-automatisch.keys",
             folder / "kluis-20261124-090000-000000-automatisch.info",
             folder / "kluis-20261120-090000-000000-automatisch.db-journal",
             ctx.vault.path.with_name(".kluis.db.terugzetten"),
             ctx.vault.path.with_name(".kluis.keys.new")]
    for path in stray:
        path.write_bytes(b"half")
    removed = clean_leftovers(ctx.vault.path)
    assert set(removed) == set(stray)
    assert list_backups(folder) == [kept.db] and kept.keys.exists()
    assert ctx.vault.path.exists() and ctx.vault.path.with_suffix(".keys").exists()


def test_full_disk_during_a_manual_backup_is_a_dutch_message_and_leaves_nothing(
        make_vault: Callable[[int], AppContext], tmp_path: Path) -> None:
    ctx = make_vault(30)
    usb = tmp_path / "usb"
    usb.mkdir()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(read_fd)
        message = "geen fout"
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = ctx.vault.path.stat().st_size // 2  # the copy cannot be written whole
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            security.make_backup(ctx, folder=usb, reason="handmatig")
        except BackupError as exc:
            message = f"BackupError:{exc.vault_suspect}:{exc.message}"
        except BaseException as exc:
            message = f"{type(exc).__name__}"
        os.write(write_fd, message.encode())
        os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    message = os.read(read_fd, 4096).decode()
    os.close(read_fd)
    assert message.startswith("BackupError:False:"), message
    text_shown = message.split(":", 2)[2]
    assert "schijf is vol" in text_shown
    assert_dutch(text_shown)
    assert list(usb.iterdir()) == []  # no half backup on the stick
    assert ctx.vault.integrity_problems() == []


def test_backup_write_error_is_dutch(make_vault: Callable[[int], AppContext],
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ctx = make_vault(1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("thuiszitter_desktop.storage.backup.shutil.copyfile", refuse)
    with pytest.raises(BackupError) as info:
        security.make_backup(ctx, folder=tmp_path / "usb", reason="handmatig")
    assert "mag in deze map niet schrijven" in info.value.message
    assert_dutch(info.value.message)
    assert list((tmp_path / "usb").iterdir()) == []


def test_backup_that_does_not_match_the_vault_is_thrown_away(
        make_vault: Callable[[int], AppContext], monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_vault(2)
    good = security.make_backup(ctx)
    real = row_counts
    calls: list[int] = []

    def one_row_short(conn: object, schema: str = "main") -> dict[str, int]:
        counts = real(conn, schema)
        if not calls:  # the vault's count, taken first: one more than the copy will hold
            counts["pupils"] += 1
        calls.append(1)
        return counts

    monkeypatch.setattr("thuiszitter_desktop.storage.backup.row_counts", one_row_short)
    with pytest.raises(BackupError) as info:
        security.make_backup(on(ctx, datetime(2026, 11, 30)))
    assert info.value.vault_suspect and "weggegooid" in info.value.message
    assert_dutch(info.value.message)
    assert list_backups(backups_dir(ctx.vault.path)) == [good.db]


def test_failed_automatic_backup_puts_the_vault_read_only_until_the_user_chooses(
        make_vault: Callable[[int], AppContext]) -> None:
    ctx = make_vault(1)
    report = vault_health.backup_failed(ctx, "De back-up is niet gemaakt: de schijf is vol.")
    assert not report.healthy and ctx.vault.read_only
    assert "schijf is vol" in report.explanation()
    vault_health.continue_knowingly(ctx, report)
    assert not ctx.vault.read_only
    fill(ctx, 1, start=50)  # writing works again
    assert [e.detail for e in security.audit_entries(ctx, action="doorgegaan ondanks problemen")
            ] == ["back-up mislukt"]
