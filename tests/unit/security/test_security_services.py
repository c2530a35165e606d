"""Services of issue 8: backups, restore, integrity, audit log, retention, AVG dossier."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from pypdf import PdfReader
from sqlalchemy import text

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.vocab import (
    ClosingReason,
    ContactKind,
    Onderwijstype,
    ProfessionalRole,
)
from thuiszitter_desktop.services import cases, dossier, retention, security, vault_health
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.errors import ReadOnlyVaultError, VaultCorruptError
from thuiszitter_desktop.storage.restore import can_open, restore_backup
from thuiszitter_desktop.storage.vault import Vault

CANARY_FIRST = "Zoëkanarie"
CANARY_LAST = "Çelik-d'Hondtkanarie"
PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC per page


def decrypted_pages(path: Path, key: bytes) -> bytes:
    """Every page of a SQLCipher 4 file decrypted (AES-256-CBC, raw key): what an attacker
    with the key would see, including free pages and leftovers inside used pages."""
    raw = path.read_bytes()
    out = bytearray()
    for start in range(0, len(raw) - PAGE + 1, PAGE):
        page = raw[start:start + PAGE]
        body_start = 16 if start == 0 else 0  # page 1 starts with the salt
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        body = page[body_start:PAGE - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(body) + decryptor.finalize()
    return bytes(out)


def at(ctx: AppContext, day: date) -> AppContext:
    """The same vault, with the clock on ``day`` (to register cases in the past)."""
    return AppContext(ctx.vault, ctx.actor, lambda: datetime.combine(day, datetime.min.time()),
                      ctx.changes)


def register(ctx: AppContext, first: str, last: str, birth: date) -> Case:
    day = min(ctx.today(), birth + timedelta(days=365 * 12))
    pupil = Pupil(first_name=first, last_name=last, birth_date=birth,
                  onderwijstype=Onderwijstype.VO, school="Het Kanariecollege",
                  address="Kanarieweg 1")
    case = Case(pupil_id=pupil.id, aanmelding_date=day, consulent="Test",
                notes=f"{first} wil graag terug naar school.")
    return cases.register_case(at(ctx, day), pupil, case)


def close_on(ctx: AppContext, case_id: str, day: date) -> None:
    cases.close_case(at(ctx, day), case_id, ClosingReason.TERUG_OP_SCHOOL)


# -- backups and restore --------------------------------------------------------------------
def test_manual_backup_to_chosen_folder_is_verified_audited_and_opens(
        ctx: AppContext, tmp_path: Path) -> None:
    register(ctx, "Semmeline", "de Vries-Kwakernaak", date(2012, 5, 5))
    usb = tmp_path / "usb"
    backup = security.make_backup(ctx, folder=usb, reason="handmatig")
    assert backup.db.parent == usb and backup.keys.exists()
    assert backup.db.stat().st_mode & 0o777 == 0o600
    assert can_open(backup.db, ctx.vault.raw_key)
    # A canary long enough not to turn up in random ciphertext by chance ("Sem" did, 3%).
    assert b"Kwakernaak" not in backup.db.read_bytes()
    assert [e.action for e in security.audit_entries(ctx, action="back-up gemaakt")]


def test_auto_backup_on_unlock_skips_when_fresh(ctx: AppContext) -> None:
    assert security.backup_on_unlock(ctx) is not None
    assert security.backup_on_unlock(ctx) is None  # made less than an hour ago
    later = AppContext(ctx.vault, ctx.actor, lambda: ctx.now() + timedelta(hours=2))
    assert security.auto_backup_due(later)


def test_backup_after_lock_is_skipped_not_crashing(ctx: AppContext) -> None:
    ctx.vault.lock()
    assert security.backup_on_unlock(ctx) is None


def test_restore_replaces_vault_and_keeps_the_old_one(
        ctx: AppContext, passphrase: str) -> None:
    first = register(ctx, "Sem", "de Vries", date(2012, 5, 5))
    backup = security.make_backup(ctx)
    register(ctx, "Later", "Toegevoegd", date(2012, 5, 5))
    key = ctx.vault.raw_key
    path = ctx.vault.path
    ctx.vault.lock()
    kept = restore_backup(path, backup.db, key, with_key_file=False)
    assert kept.exists() and kept.with_suffix(".keys").exists()
    reopened = Vault.unlock(path, passphrase)
    try:
        with reopened.read() as conn:
            names = set(conn.execute(text("SELECT first_name FROM pupils")).scalars())
            ids = set(conn.execute(text("SELECT id FROM cases")).scalars())
        assert names == {"Sem"} and first.id in ids
    finally:
        reopened.lock()
    old = Vault.unlock(kept, passphrase) if kept.name.endswith(".db") else None
    assert old is not None
    with old.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM pupils")).scalar() == 2
    old.lock()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(ctx: AppContext) -> None:
    backup = security.make_backup(ctx)
    data = bytearray(backup.db.read_bytes())
    data[PAGE + 100] ^= 0xFF
    backup.db.write_bytes(bytes(data))
    key = ctx.vault.raw_key
    ctx.vault.lock()
    before = ctx.vault.path.read_bytes()
    with pytest.raises(VaultCorruptError):
        restore_backup(ctx.vault.path, backup.db, key, with_key_file=False)
    assert ctx.vault.path.read_bytes() == before


# -- integrity ------------------------------------------------------------------------------
def test_integrity_check_passes_and_is_remembered(ctx: AppContext) -> None:
    assert vault_health.integrity_check_due(ctx)
    report = vault_health.check_integrity(ctx)
    assert report.healthy
    assert not vault_health.integrity_check_due(ctx)
    week_later = AppContext(ctx.vault, ctx.actor, lambda: ctx.now() + timedelta(days=7))
    assert vault_health.integrity_check_due(week_later)


def test_damaged_vault_becomes_read_only_and_is_never_rewritten(
        vault_path: Path, passphrase: str, cheap_kdf: object) -> None:
    vault, _ = Vault.create(vault_path, passphrase, cheap_kdf)  # type: ignore[arg-type]
    ctx = AppContext(vault)
    for i in range(40):
        register(ctx, f"Leerling{i}", "Test", date(2012, 5, 5))
    vault.lock()
    data = bytearray(vault_path.read_bytes())
    middle = (len(data) // PAGE // 2) * PAGE + 200
    data[middle] ^= 0x55
    vault_path.write_bytes(bytes(data))
    damaged = bytes(data)

    vault = Vault.unlock(vault_path, passphrase)
    ctx = AppContext(vault)
    report = vault_health.check_integrity(ctx)
    assert not report.healthy
    assert vault.read_only
    with pytest.raises(ReadOnlyVaultError) as info:
        register(ctx, "Nieuw", "Kind", date(2012, 5, 5))
    assert "alleen te lezen" in info.value.message
    vault.lock()
    assert vault_path.read_bytes() == damaged


# -- audit log ------------------------------------------------------------------------------
def test_audit_per_pupil_filter_and_csv(ctx: AppContext) -> None:
    a = register(ctx, "Sem", "de Vries", date(2012, 5, 5))
    b = register(ctx, "Zoë", "Çelik-d'Hondt", date(2011, 3, 3))
    cases.load_case(ctx, a.id)
    security.record_unlock(ctx)
    only_a = security.audit_entries(ctx, case_id=a.id)
    assert {e.action for e in only_a} == {"aangemaakt", "bekeken"}
    assert all(e.case_id == a.id for e in only_a)
    assert [e.detail for e in security.audit_entries(ctx, action="ontgrendeld")] == ["wachtwoord"]
    data = security.export_audit_csv(ctx, b.id)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Datum en tijd;Gebruiker;Actie")
    assert len(lines) == 2 and ";aangemaakt;" in lines[1] and b.id in lines[1]
    assert "Zoë" not in data.decode("utf-8-sig")  # the log names no pupils
    assert not security.audit_entries(ctx, action="geëxporteerd")  # not saved yet
    security.record_audit_export(ctx, b.id)
    assert security.audit_entries(ctx, action="geëxporteerd")[0].case_id == b.id


def test_idle_setting_round_trips(ctx: AppContext) -> None:
    assert security.idle_minutes(ctx) == 5
    security.set_idle_minutes(ctx, 15)
    assert security.idle_minutes(ctx) == 15
    with pytest.raises(UserError):
        security.set_idle_minutes(ctx, 16)


# -- retention ------------------------------------------------------------------------------
def test_review_list_then_anonymise_removes_names_from_every_page(ctx: AppContext) -> None:
    old = register(ctx, CANARY_FIRST, CANARY_LAST, date(2000, 1, 1))
    cases.save_contact(ctx, ContactMoment(case_id=old.id, on=date(2016, 1, 1),
                                          kind=next(iter(ContactKind)),
                                          participants=f"moeder {CANARY_LAST}",
                                          notes=f"{CANARY_FIRST} was ziek"))
    cases.save_professional(ctx, InvolvedProfessional(case_id=old.id,
                                                      name=f"Dr. {CANARY_LAST}",
                                                      role=next(iter(ProfessionalRole))))
    close_on(ctx, old.id, date(2016, 1, 1))
    keep = register(ctx, "Sem", "de Vries", date(2012, 5, 5))
    close_on(ctx, keep.id, date(2025, 1, 1))

    items = retention.review_list(ctx)
    assert [(i.case_id, i.pupil_name) for i in items] == [
        (old.id, f"{CANARY_FIRST} {CANARY_LAST}")]
    assert retention.yearly_review_due(ctx)
    key = ctx.vault.raw_key
    ctx.vault.vacuum()  # make the pages current so the 'before' scan sees the name
    assert CANARY_LAST.encode() in decrypted_pages(ctx.vault.path, key)  # scan works

    with pytest.raises(UserError):
        retention.anonymise(ctx, [keep.id])  # not due: refused
    assert retention.anonymise(ctx, [old.id]) == 1

    with ctx.vault.read() as conn:
        dump = "\n".join(str(r) for t in ("pupils", "cases", "contact_moments",
                                          "involved_professionals")
                         for r in conn.execute(text(f"SELECT * FROM {t}")))
    assert CANARY_FIRST not in dump and CANARY_LAST not in dump
    assert "Sem" in dump  # the other case is untouched
    pages = decrypted_pages(ctx.vault.path, key)
    for canary in (CANARY_FIRST, CANARY_LAST):
        assert canary.encode() not in pages
        assert canary.encode("utf-16-le") not in pages
    assert not retention.review_list(ctx)
    assert not retention.yearly_review_due(ctx)
    assert [e.case_id for e in security.audit_entries(ctx, action="geanonimiseerd")] == [old.id]


def test_retention_policy_setting(ctx: AppContext) -> None:
    old = register(ctx, "Sem", "de Vries", date(2000, 1, 1))
    close_on(ctx, old.id, date(2016, 1, 1))
    assert retention.review_list(ctx)
    retention.set_policy(ctx, retention.RetentionPolicy(years_after_birth=40))
    assert not retention.review_list(ctx)


# -- AVG art. 15 ----------------------------------------------------------------------------
def test_dossier_json_and_pdf_hold_everything_about_one_pupil(ctx: AppContext) -> None:
    mine = register(ctx, "Zoë", "Çelik-d'Hondt", date(2011, 3, 3))
    other = register(ctx, "Sem", "de Vries", date(2012, 5, 5))
    cases.save_professional(ctx, InvolvedProfessional(
        case_id=mine.id, name="Dr. Jansen", role=next(iter(ProfessionalRole))))
    body = json.loads(dossier.export_json(ctx, mine.id))
    tables = body["tabellen"]
    assert tables["pupils"][0]["first_name"] == "Zoë"
    assert tables["involved_professionals"][0]["name"] == "Dr. Jansen"
    # generic: every table with a case_id column appears, even ones added later
    from thuiszitter_desktop.storage.repo_security import case_tables
    assert {t.name for t in case_tables()} <= set(tables)
    assert other.id not in json.dumps(body)
    pdf = dossier.export_pdf(ctx, mine.id)
    reader = PdfReader(io.BytesIO(pdf))
    content = "\n".join(page.extract_text() for page in reader.pages)
    assert "Zoë Çelik-d'Hondt" in content and "Dr. Jansen" in content
    assert "Logboek" in content and "Sem" not in content
    # Making the files logs nothing; writing them does (the UI calls record_export then).
    assert security.audit_entries(ctx, case_id=mine.id, action="geëxporteerd") == []
    dossier.record_export(ctx, mine.id, "PDF")
    dossier.record_export(ctx, mine.id, "JSON")
    exports = security.audit_entries(ctx, case_id=mine.id, action="geëxporteerd")
    assert sorted(e.detail for e in exports) == ["inzageverzoek JSON", "inzageverzoek PDF"]


def test_locked_vault_refuses_every_access(ctx: AppContext) -> None:
    ctx.vault.lock()
    with pytest.raises(UserError) as info:
        cases.load_case(ctx, "x")
    assert "vergrendeld" in info.value.message
