"""The vault's migrations run on PostgreSQL too (the team server), step by step and back, and
the server's own chain is applied beside them; the append-only audit refuses changes."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError
from team_harness import Cluster, TeamServer, create_database

from thuiszitter_desktop.server.embedded import sqlalchemy_url
from thuiszitter_desktop.server.tables import server_metadata, srv_audit
from thuiszitter_desktop.storage import migrate
from thuiszitter_desktop.storage.schema import metadata
from thuiszitter_desktop.storage.sync_scope import DEVICE_LOCAL, is_record_table, synced_tables


def test_every_vault_migration_applies_and_reverts_on_postgres(pg_cluster: Cluster) -> None:
    engine = create_engine(sqlalchemy_url(create_database(pg_cluster, "stappen")))
    revisions = [r.revision for r in reversed(list(migrate.script_directory().walk_revisions()))]
    config = migrate.alembic_config()
    try:
        for revision in revisions:
            migrate.upgrade(engine, target=revision)
            with engine.connect() as conn:
                assert migrate.current_revisions(conn) == {revision}
        with engine.connect() as conn:
            inspector = inspect(conn)
            for table in metadata.sorted_tables:
                columns = {c["name"] for c in inspector.get_columns(table.name)}
                assert columns == {c.name for c in table.columns}, table.name
        for revision in reversed(revisions[:-1]):
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.downgrade(config, revision)
            with engine.connect() as conn:
                assert migrate.current_revisions(conn) == {revision}
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_the_server_has_the_vaults_tables_and_its_own(team: TeamServer) -> None:
    with team.engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
    assert {t.name for t in metadata.sorted_tables} <= names
    assert {t.name for t in server_metadata.sorted_tables} <= names


def test_the_server_audit_is_append_only(team: TeamServer) -> None:
    with team.engine.begin() as conn:
        conn.execute(srv_audit.insert().values(at=text("now()"), action="test", case_ids="",
                                               row_count=0))
    for statement in ("UPDATE srv_audit SET action = 'x'", "DELETE FROM srv_audit",
                      "TRUNCATE srv_audit"):
        with pytest.raises(DBAPIError, match="append-only"), team.engine.begin() as conn:
            conn.execute(text(statement))


def test_every_record_table_is_synced_or_device_local_with_a_reason() -> None:
    records = {t.name for t in metadata.sorted_tables if is_record_table(t)}
    synced = {t.name for t in synced_tables()}
    assert records == synced | set(DEVICE_LOCAL)
    assert not synced & set(DEVICE_LOCAL)
    assert all(len(reason) > 20 for reason in DEVICE_LOCAL.values())
    # The tables of the case dossier are all carried.
    assert {"pupils", "cases", "contact_moments", "plan_versions", "mdo_items",
            "sync_conflicts", "case_merges"} <= synced
