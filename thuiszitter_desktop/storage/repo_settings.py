"""Settings kept inside the vault (JSON values), so nothing personal lands in plain files."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from thuiszitter_desktop.storage.tables import settings


def load_all(conn: Connection) -> dict[str, Any]:
    return {row.key: json.loads(row.value) for row in conn.execute(select(settings))}


def store(conn: Connection, key: str, value: Any) -> None:
    # Unescaped, so every character passes the storage layer's Unicode check (sqlcipher.py).
    encoded = json.dumps(value, ensure_ascii=False)
    exists = conn.execute(select(settings.c.key).where(settings.c.key == key)).first()
    if exists:
        conn.execute(settings.update().where(settings.c.key == key).values(value=encoded))
    else:
        conn.execute(settings.insert().values(key=key, value=encoded))
