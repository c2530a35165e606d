"""Every migration runs, is idempotent once applied, and matches the declared tables."""

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text

from thuiszitter_desktop.storage import migrate
from thuiszitter_desktop.storage.backup_files import backups_dir, list_backups
from thuiszitter_desktop.storage.errors import NewerVaultError, VaultRefusedError
from thuiszitter_desktop.storage.schema import metadata
from thuiszitter_desktop.storage.sqlcipher import connect, make_engine
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import key_file_for


def all_revisions() -> list[str]:
    script = migrate.script_directory()
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_declared_head_is_alembics_only_head() -> None:
    """Unlocking skips Alembic when the vault is at HEAD_REVISION: it must be the real head."""
    assert migrate.script_directory().get_heads() == [migrate.HEAD_REVISION]


def test_new_vault_is_at_every_head(vault: Vault) -> None:
    with vault.read() as conn:
        assert migrate.current_revisions(conn) == set(migrate.script_directory().get_heads())
        assert not migrate.pending(conn)


def test_schema_matches_declared_tables(vault: Vault) -> None:
    with vault.read() as conn:
        inspector = inspect(conn)
        for table in metadata.sorted_tables:
            migrated = {col["name"] for col in inspector.get_columns(table.name)}
            assert migrated == {col.name for col in table.columns}, table.name
            indexes = {ix["name"] for ix in inspector.get_indexes(table.name)}
            assert {ix.name for ix in table.indexes} <= indexes, table.name


def applied(conn: Connection) -> set[str]:
    """Every revision applied, following the current heads down to the base."""
    script = migrate.script_directory()
    return {
        rev.revision
        for head in migrate.current_revisions(conn)
        for rev in script.iterate_revisions(head, "base")
    }


@pytest.mark.parametrize("revision", all_revisions())
def test_each_migration_applies_and_again_is_a_no_op(tmp_path: Path, revision: str) -> None:
    engine = make_engine(tmp_path / "stap.db", b"k" * 32)
    try:
        migrate.upgrade(engine, target=revision)
        with engine.connect() as conn:
            assert revision in applied(conn)
            tables_before = set(inspect(conn).get_table_names())
            heads_before = migrate.current_revisions(conn)
        migrate.upgrade(engine, target=revision)  # already applied
        with engine.connect() as conn:
            assert migrate.current_revisions(conn) == heads_before
            assert set(inspect(conn).get_table_names()) == tables_before
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert not migrate.pending(conn)
    finally:
        engine.dispose()


def test_every_migration_downgrades_cleanly(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "terug.db", b"k" * 32)
    try:
        migrate.upgrade(engine)
        config = migrate.alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_outdated_vault_is_backed_up_before_it_is_migrated(
    vault: Vault, passphrase: str
) -> None:
    config = migrate.alembic_config()
    first = all_revisions()[0]
    with vault.transaction() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, first)
        conn.execute(text("CREATE TABLE marker (x TEXT)"))
        conn.execute(text("INSERT INTO marker VALUES ('van voor de migratie')"))
    key = vault.raw_key
    vault.lock()

    upgraded = Vault.unlock(vault.path, passphrase)
    with upgraded.read() as conn:
        assert not migrate.pending(conn)
    upgraded.lock()

    backups = list_backups(backups_dir(vault.path))
    assert len(backups) == 1 and "migratie" in backups[0].name
    old = connect(backups[0], key)
    try:
        assert old.execute("SELECT x FROM marker").fetchone() == ("van voor de migratie",)
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (first,)
    finally:
        old.close()


def test_vault_from_a_newer_major_version_is_refused(
    vault: Vault, passphrase: str
) -> None:
    with vault.transaction() as conn:
        conn.execute(text("UPDATE vault_meta SET value='2' WHERE key='schema_major'"))
    vault.lock()
    before = vault.path.read_bytes()
    with pytest.raises(NewerVaultError) as info:
        Vault.unlock(vault.path, passphrase)
    assert "nieuwere versie" in info.value.message
    assert vault.path.read_bytes() == before


def test_unknown_revision_of_same_major_opens_without_migrating(
    vault: Vault, passphrase: str
) -> None:
    with vault.transaction() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('9999_toekomst')"))
    vault.lock()
    again = Vault.unlock(vault.path, passphrase)
    with again.read() as conn:
        assert migrate.current_revisions(conn) == {"9999_toekomst"}
    again.lock()


def test_a_file_without_vault_tables_is_refused_not_migrated(
    vault: Vault, passphrase: str
) -> None:
    """What a 0-byte file keyed by SQLCipher looks like: never turned into an empty vault."""
    config = migrate.alembic_config()
    with vault.transaction() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    vault.lock()
    before = vault.path.read_bytes()
    with pytest.raises(VaultRefusedError) as info:
        Vault.unlock(vault.path, passphrase)
    assert "bevat geen kluis" in info.value.message
    assert vault.path.read_bytes() == before
    assert list_backups(backups_dir(vault.path)) == []  # no empty 'migratie' backup either


def test_a_vault_and_key_file_from_the_last_release_open_and_migrate(
    vault: Vault, passphrase: str
) -> None:
    """Release 0.x wrote schema 0010 and a key file without vault id or key check: it must
    open with its passphrase, be backed up first, and come out migrated with both ids."""
    config = migrate.alembic_config()
    with vault.transaction() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010_contact_clock_index")
    vault.lock()
    keys_path = key_file_for(vault.path)
    body = json.loads(keys_path.read_text(encoding="utf-8"))
    for newer in ("vault_id", "key_check"):
        body.pop(newer, None)
    keys_path.write_text(json.dumps(body), encoding="utf-8")

    upgraded = Vault.unlock(vault.path, passphrase)
    with upgraded.read() as conn:
        assert not migrate.pending(conn)
    upgraded.lock()
    renewed = json.loads(keys_path.read_text(encoding="utf-8"))
    assert renewed["vault_id"] == upgraded.vault_id and renewed["key_check"]
    backups = list_backups(backups_dir(vault.path))
    assert len(backups) == 1 and "migratie" in backups[0].name
