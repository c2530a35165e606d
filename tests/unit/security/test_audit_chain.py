"""The audit log is tamper-evident: lines changed, deleted, inserted or reordered with a
database tool (the data key at hand) are each found by the check at unlock, make the vault
read-only, and are marked in the viewer's data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from vault_faults import assert_dutch

from thuiszitter_desktop.services import access_log, security, vault_health
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.sqlcipher import connect
from thuiszitter_desktop.storage.vault import Vault

LINES = 8


def tool(path: Path, key: bytes, *statements: str) -> None:
    """What someone with the key does in the sqlcipher command-line tool."""
    conn = connect(path, key)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


TAMPERING: dict[str, tuple[str, ...]] = {
    "regel gewijzigd": ("UPDATE audit_log SET detail = 'niets bijzonders' WHERE seq = 4",),
    "regel teruggedateerd": ("UPDATE audit_log SET at = '2025-01-01 08:00:00.000000' "
                             "WHERE seq = 5",),
    "andere gebruiker": ("UPDATE audit_log SET actor = 'Iemand Anders' WHERE seq = 2",),
    "regel verwijderd": ("DELETE FROM audit_log WHERE seq = 3",),
    "laatste regel verwijderd": ("DELETE FROM audit_log WHERE seq = (SELECT max(seq) "
                                 "FROM audit_log)",),
    "alles verwijderd": ("DELETE FROM audit_log",),
    "regel ingevoegd": ("INSERT INTO audit_log (at, actor, action, entity, detail) VALUES "
                        "('2026-11-23 10:00:00.000000', 'X', 'bekeken', 'casus', '')",),
    "regel met verzonnen zegel": (
        "UPDATE audit_log SET seq = seq + 100 WHERE seq > 6",  # make room: 7 -> 8, …
        "UPDATE audit_log SET seq = seq - 99 WHERE seq > 100",
        "INSERT INTO audit_log (at, actor, action, entity, detail, seq, mac) VALUES "
        "('2026-11-23 10:00:00.000000', 'X', 'bekeken', 'casus', '', 7, "
        "'" + "ab" * 32 + "')",),
    "volgorde verwisseld": (
        "UPDATE audit_log SET seq = -1 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 6",
        "UPDATE audit_log SET seq = 6 WHERE seq = -1"),
    "inhoud verwisseld": (
        "CREATE TEMP TABLE t AS SELECT action, at FROM audit_log WHERE seq = 3",
        "UPDATE audit_log SET action = (SELECT action FROM audit_log WHERE seq = 5), "
        "at = (SELECT at FROM audit_log WHERE seq = 5) WHERE seq = 3",
        "UPDATE audit_log SET action = (SELECT action FROM t), at = (SELECT at FROM t) "
        "WHERE seq = 5"),
    "kop vervalst": ("UPDATE vault_meta SET value = '3:' || substr(value, 3) "
                     "WHERE key = 'audit_head'",),
}


@pytest.fixture
def logged(make_vault: Callable[[int], AppContext], passphrase: str) -> tuple[Path, bytes]:
    ctx = make_vault(3)  # three 'aangemaakt' lines
    for view in ("caseload", "vandaag", "logboek", "caseload", "mdo-agenda"):
        access_log.record_view(ctx, view)
    assert len(security.audit_entries(ctx)) == LINES
    path, key = ctx.vault.path, ctx.vault.raw_key
    ctx.vault.lock()
    return path, key


def unlock_and_check(path: Path, passphrase: str) -> tuple[AppContext, vault_health.HealthReport]:
    vault = Vault.unlock(path, passphrase)
    ctx = AppContext(vault, actor="Test Consulent", clock=lambda: datetime(2026, 11, 24, 9))
    return ctx, vault_health.check_at_unlock(ctx)


def test_untouched_chain_passes(logged: tuple[Path, bytes], passphrase: str) -> None:
    ctx, report = unlock_and_check(logged[0], passphrase)
    assert report.healthy and not ctx.vault.read_only
    ctx.vault.lock()


@pytest.mark.parametrize("how", TAMPERING)
def test_each_kind_of_tampering_is_detected_at_unlock(
        logged: tuple[Path, bytes], passphrase: str, how: str) -> None:
    path, key = logged
    tool(path, key, *TAMPERING[how])
    ctx, report = unlock_and_check(path, passphrase)
    try:
        assert not report.healthy and report.audit, how
        assert ctx.vault.read_only  # nothing more is written until the user chooses
        for problem in report.audit:
            assert_dutch(problem.text)
        assert "Het logboek is buiten de app aangepast" in report.explanation()
        # The viewer marks the same breaks (the full check finds them as well).
        marked, accepted = vault_health.chain_report(ctx)
        assert {p.fingerprint for p in marked} == {p.fingerprint for p in report.audit}
        assert not accepted
    finally:
        ctx.vault.lock()


def test_changed_line_is_the_one_marked(logged: tuple[Path, bytes], passphrase: str) -> None:
    path, key = logged
    tool(path, key, "UPDATE audit_log SET detail = 'anders' WHERE seq = 4")
    ctx, report = unlock_and_check(path, passphrase)
    try:
        entries = security.audit_entries(ctx)
        changed = next(e for e in entries if e.detail == "anders")
        assert [p.row_id for p in report.audit] == [changed.row_id]
    finally:
        ctx.vault.lock()


def test_continuing_knowingly_accepts_the_breaks_and_the_chain_goes_on(
        logged: tuple[Path, bytes], passphrase: str) -> None:
    path, key = logged
    tool(path, key, *TAMPERING["laatste regel verwijderd"])
    ctx, report = unlock_and_check(path, passphrase)
    vault_health.continue_knowingly(ctx, report)
    access_log.record_view(ctx, "caseload")  # new lines chain on
    ctx.vault.lock()

    ctx, again = unlock_and_check(path, passphrase)
    try:
        assert again.healthy
        full = vault_health.check_integrity(ctx)
        assert full.healthy and full.accepted == 1  # found again, but accepted
        marked, accepted = vault_health.chain_report(ctx)
        assert len(marked) == 1 and accepted == {marked[0].fingerprint}  # still shown
        actions = [e.action for e in security.audit_entries(ctx)]
        assert actions[-3:] == ["doorgegaan ondanks problemen", "bekeken",
                                "integriteit gecontroleerd"]
    finally:
        ctx.vault.lock()
    tool(path, key, "UPDATE audit_log SET detail = 'later gewijzigd' WHERE seq = 2")
    ctx, _ = unlock_and_check(path, passphrase)
    later = vault_health.check_integrity(ctx)
    assert not later.healthy and len(later.audit) == 1  # a new break is reported again
    ctx.vault.lock()


def test_after_a_sound_check_unlock_reads_only_new_lines_and_the_full_check_all(
        logged: tuple[Path, bytes], passphrase: str) -> None:
    path, key = logged
    ctx, first = unlock_and_check(path, passphrase)  # sound: the checkpoint moves to the head
    assert first.healthy
    access_log.record_view(ctx, "vandaag")  # a line after the checkpoint
    ctx.vault.lock()

    tool(path, key, "UPDATE audit_log SET detail = 'anders' WHERE seq = 3")  # an old line
    ctx, quick = unlock_and_check(path, passphrase)
    assert quick.healthy  # not read at unlock: that costs one HMAC per line
    full = vault_health.check_integrity(ctx)
    assert not full.healthy and len(full.audit) == 1 and full.audit[0].row_id is not None
    ctx.vault.lock()

    for how, statement in (
            ("oude regel weg", "DELETE FROM audit_log WHERE seq = 2"),
            ("nieuwe regel gewijzigd", "UPDATE audit_log SET actor = 'X' WHERE seq = (SELECT "
                                       "max(seq) FROM audit_log)")):
        tool(path, key, statement)
        ctx, report = unlock_and_check(path, passphrase)
        assert not report.healthy and report.audit, how  # found at unlock
        ctx.vault.lock()


def test_a_lone_surrogate_in_an_audit_line_is_sealed_as_stored(
        make_vault: Callable[[int], AppContext]) -> None:
    ctx = make_vault(0)
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "bekeken", "casus", detail="Zo\ud800e\u0308")
    assert security.audit_entries(ctx)[-1].detail == "Zo\ufffdë"
    assert vault_health.check_at_unlock(ctx).healthy
