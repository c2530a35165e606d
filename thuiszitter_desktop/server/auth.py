"""Users, enrolment codes and device tokens. Codes and tokens are stored as SHA-256 only.

A token is 32 random bytes (so a plain hash suffices); an enrolment code is shorter (typed by
a person) but valid 24 hours and for one use only.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, select, update

from thuiszitter_desktop.server.tables import (
    srv_devices,
    srv_enrolments,
    srv_user_schools,
    srv_users,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
CODE_VALID = timedelta(hours=24)


class AuthError(Exception):
    """A refusal with a Dutch message for the laptop."""

    def __init__(self, status: int, reason: str, message: str,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.extra = extra or {}


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: the user and the device (the scope function decides what they see)."""

    user_id: str
    device_id: str
    display_name: str
    role: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def add_user(conn: Connection, name: str, display_name: str, now: datetime,
             role: str = "consulent", school_ids: Sequence[str] = ()) -> str:
    user_id = str(uuid.uuid4())
    conn.execute(srv_users.insert().values(id=user_id, name=name.strip(),
                                           display_name=display_name.strip() or name.strip(),
                                           role=role, created_at=now))
    set_schools(conn, user_id, school_ids)
    return user_id


def set_schools(conn: Connection, user_id: str, school_ids: Sequence[str]) -> None:
    """A zorgcoördinator's schools (replacing the ones set before)."""
    conn.execute(delete(srv_user_schools).where(srv_user_schools.c.user_id == user_id))
    for school_id in dict.fromkeys(school_ids):
        conn.execute(srv_user_schools.insert().values(user_id=user_id, school_id=school_id))


def user_named(conn: Connection, name: str) -> str | None:
    return conn.execute(select(srv_users.c.id).where(srv_users.c.name == name.strip())
                        ).scalar_one_or_none()


def new_enrolment(conn: Connection, user_id: str, now: datetime) -> str:
    """A one-time code, valid 24 hours, shown as XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    conn.execute(srv_enrolments.insert().values(
        code_hash=digest(raw), user_id=user_id, created_at=now, expires_at=now + CODE_VALID))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def enrol(conn: Connection, code: str, label: str, now: datetime) -> tuple[Principal, str]:
    """Use a code once: a new device with a fresh token (returned once, stored hashed)."""
    row = conn.execute(select(srv_enrolments).where(
        srv_enrolments.c.code_hash == digest(normalise_code(code))).with_for_update()).first()
    if row is None or row.used_at is not None or row.expires_at < now:
        raise AuthError(403, "code", "Deze aanmeldcode is onbekend, al gebruikt of verlopen. "
                                     "Vraag de beheerder om een nieuwe code.")
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    conn.execute(srv_devices.insert().values(
        id=device_id, user_id=row.user_id, label=label.strip()[:150] or "laptop",
        token_hash=digest(token), enrolled_at=now, last_seen_at=now))
    conn.execute(update(srv_enrolments).where(srv_enrolments.c.code_hash == row.code_hash)
                 .values(used_at=now, device_id=device_id))
    return principal_of(conn, device_id), token


def principal_of(conn: Connection, device_id: str) -> Principal:
    row = conn.execute(
        select(srv_devices.c.id, srv_users.c.id.label("user_id"), srv_users.c.display_name,
               srv_users.c.role)
        .join(srv_users, srv_users.c.id == srv_devices.c.user_id)
        .where(srv_devices.c.id == device_id)).one()
    return Principal(row.user_id, row.id, row.display_name, row.role)


def authenticate(conn: Connection, token: str, now: datetime) -> Principal:
    row = conn.execute(
        select(srv_devices.c.id, srv_devices.c.revoked_at, srv_users.c.disabled_at)
        .join(srv_users, srv_users.c.id == srv_devices.c.user_id)
        .where(srv_devices.c.token_hash == digest(token))).first()
    if row is None:
        raise AuthError(401, "onbekend", "Dit apparaat is niet bekend bij de server.")
    if row.revoked_at is not None or row.disabled_at is not None:
        raise AuthError(403, "ingetrokken", "Dit apparaat hoort niet meer bij het team.")
    conn.execute(update(srv_devices).where(srv_devices.c.id == row.id)
                 .values(last_seen_at=now))
    return principal_of(conn, row.id)


def revoke_device(conn: Connection, device_id: str, now: datetime) -> bool:
    done = conn.execute(update(srv_devices).where(srv_devices.c.id == device_id,
                                                  srv_devices.c.revoked_at.is_(None))
                        .values(revoked_at=now))
    return bool(done.rowcount)
