"""Alembic environment of the server's own tables (a chain apart from the vault's)."""

from __future__ import annotations

from alembic import context

from thuiszitter_desktop.server.tables import server_metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=server_metadata,
                  version_table="server_alembic_version")
context.run_migrations()
