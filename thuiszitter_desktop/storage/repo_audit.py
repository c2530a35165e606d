"""The audit log: who did what when, stored inside the vault (never health content).

Every line is chained (``storage/audit_chain.py``): ``record`` seals it with the line before,
``chain_problems`` finds every break.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from thuiszitter_desktop.domain.valid_text import valid_text
from thuiszitter_desktop.storage import audit_chain
from thuiszitter_desktop.storage.audit_chain import ChainedRow, ChainProblem, Head
from thuiszitter_desktop.storage.tables import audit_log, vault_meta
from thuiszitter_desktop.storage.tables_sync import case_merges

HEAD_KEY = "audit_head"
ACCEPTED_KEY = "audit_accepted"
# Up to where the whole chain was last found sound (sealed like the head): the check at
# unlock reads only the lines after it, the full check all of them.
VERIFIED_KEY = "audit_verified"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    case_id: str | None
    detail: str
    row_id: int = 0  # 0 until stored


def record(conn: Connection, entry: AuditEntry, key: bytes) -> None:
    record_many(conn, [entry], key)


def record_many(conn: Connection, entries: Iterable[AuditEntry], key: bytes) -> None:
    """Append lines to the chain, in the caller's transaction (which holds the write lock).

    A save never fails on the chain: after a head removed or forged outside the app the next
    line still gets a fresh ``seq``, and the break stays visible to ``chain_problems``.
    """
    raw_head = _meta(conn, HEAD_KEY)
    prev = raw_head.split(":")[1] if raw_head and raw_head.count(":") == 2 else ""
    head_seq = _int(raw_head.split(":")[0]) if raw_head else 0
    seq = max(head_seq, conn.execute(select(func.max(audit_log.c.seq))).scalar() or 0)
    rows = []
    for entry in entries:
        seq += 1
        # Sealed as stored: the storage layer makes every text valid Unicode the same way.
        actor, action, entity, detail = (valid_text(entry.actor), valid_text(entry.action),
                                         valid_text(entry.entity), valid_text(entry.detail))
        entity_id, case_id = _optional(entry.entity_id), _optional(entry.case_id)
        prev = audit_chain.line_mac(key, seq, entry.at, actor, action, entity, entity_id,
                                    case_id, detail, prev)
        rows.append({"at": entry.at, "actor": actor, "action": action, "entity": entity,
                     "entity_id": entity_id, "case_id": case_id, "detail": detail,
                     "seq": seq, "mac": prev})
    if not rows:
        return
    conn.execute(audit_log.insert(), rows)
    _store_meta(conn, HEAD_KEY, audit_chain.head_value(key, Head(seq, prev)))


def seal_unchained(conn: Connection, key: bytes) -> int:
    """Chain the lines written before the chain existed (once, while migrating to it)."""
    if _meta(conn, HEAD_KEY) is not None:
        return 0
    rows = list(conn.execute(select(audit_log).where(audit_log.c.seq.is_(None))
                             .order_by(audit_log.c.id)).mappings())
    prev = ""
    for seq, r in enumerate(rows, 1):
        prev = audit_chain.line_mac(key, seq, r["at"], r["actor"], r["action"], r["entity"],
                                    r["entity_id"], r["case_id"], r["detail"], prev)
        conn.execute(audit_log.update().where(audit_log.c.id == r["id"])
                     .values(seq=seq, mac=prev))
    if rows:
        _store_meta(conn, HEAD_KEY, audit_chain.head_value(key, Head(len(rows), prev)))
    return len(rows)


def chain_problems(conn: Connection, key: bytes,
                   include_accepted: bool = False) -> tuple[list[ChainProblem], int]:
    """Breaks not yet accepted by the user (or all), and how many accepted ones were left
    out."""
    columns = _columns()
    # Read in storage order (one pass over the table, not an index walk) and put in chain order
    # here: the two orders are the same unless someone moved lines.
    rows = list(map(ChainedRow._make, conn.execute(select(*columns).order_by(audit_log.c.id))))
    sealed = sorted((r for r in rows if r.seq is not None), key=_seq)
    unsealed = [r for r in rows if r.seq is None]
    head, head_broken = _head(conn, key)
    found = audit_chain.verify(key, sealed, unsealed, head, head_broken)
    if include_accepted:
        return found, 0
    known = accepted(conn, key)
    still = [p for p in found if p.fingerprint not in known]
    return still, len(found) - len(still)


def new_lines_problems(conn: Connection, key: bytes) -> tuple[list[ChainProblem], int]:
    """The check at unlock: the lines written since the last sound check, the head, lines
    without a place, and (by one index count) that none before the checkpoint went or came.
    Without a checkpoint: the whole chain."""
    checkpoint = audit_chain.parse_checkpoint(key, _meta(conn, VERIFIED_KEY))
    if checkpoint is None:
        return chain_problems(conn, key)
    columns = _columns()
    older = conn.execute(select(func.count())
                         .where(audit_log.c.seq <= checkpoint.seq)).scalar_one()
    mark = conn.execute(select(audit_log.c.mac)
                        .where(audit_log.c.seq == checkpoint.seq)).scalar()
    found = [p for p in [audit_chain.before_checkpoint(older, mark, checkpoint)] if p]
    newer = map(ChainedRow._make, conn.execute(
        select(*columns).where(audit_log.c.seq > checkpoint.seq).order_by(audit_log.c.seq)))
    unsealed = map(ChainedRow._make, conn.execute(
        select(*columns).where(audit_log.c.seq.is_(None))))
    head, head_broken = _head(conn, key)
    found += audit_chain.verify(key, newer, unsealed, head, head_broken, after=checkpoint)
    known = accepted(conn, key)
    still = [p for p in found if p.fingerprint not in known]
    return still, len(found) - len(still)


def mark_verified(conn: Connection, key: bytes) -> None:
    """The chain is sound (or its breaks accepted) up to the current head."""
    head, broken = _head(conn, key)
    if head is None or broken:
        return
    lines = conn.execute(select(func.count()).where(audit_log.c.seq <= head.seq)).scalar_one()
    _store_meta(conn, VERIFIED_KEY, audit_chain.checkpoint_value(
        key, audit_chain.Checkpoint(head.seq, head.mac, lines)))


def accepted(conn: Connection, key: bytes) -> frozenset[str]:
    return audit_chain.parse_accepted(key, _meta(conn, ACCEPTED_KEY))


def accept(conn: Connection, key: bytes, problems: Iterable[ChainProblem]) -> None:
    """The user knowingly continues: these breaks are no longer reported (they stay shown)."""
    fingerprints = accepted(conn, key) | {p.fingerprint for p in problems}
    _store_meta(conn, ACCEPTED_KEY, audit_chain.accepted_value(key, fingerprints))


def entries(conn: Connection, case_id: str | None = None) -> list[AuditEntry]:
    """The log, or a case's part of it (with that of cases merged into it, Mogelijk dubbel),
    in chain order (lines added outside the app, without a place in it, last)."""
    query = select(audit_log).order_by(audit_log.c.seq.is_(None), audit_log.c.seq,
                                       audit_log.c.id)
    if case_id is not None:
        merged = select(case_merges.c.from_case_id).where(case_merges.c.into_case_id == case_id)
        query = query.where(audit_log.c.case_id.in_(merged) | (audit_log.c.case_id == case_id))
    return [
        AuditEntry(r["at"], r["actor"], r["action"], r["entity"], r["entity_id"], r["case_id"],
                   r["detail"], r["id"])
        for r in conn.execute(query).mappings()
    ]


def _columns() -> tuple[Any, ...]:
    return (audit_log.c.id, audit_log.c.seq, audit_log.c.mac, audit_log.c.at,
            audit_log.c.actor, audit_log.c.action, audit_log.c.entity, audit_log.c.entity_id,
            audit_log.c.case_id, audit_log.c.detail)


def _head(conn: Connection, key: bytes) -> tuple[Head | None, bool]:
    """The stored head, and whether its seal is broken."""
    try:
        return audit_chain.parse_head(key, _meta(conn, HEAD_KEY)), False
    except ValueError:
        return None, True


def _seq(row: ChainedRow) -> int:
    return row.seq or 0


def _optional(text: str | None) -> str | None:
    return valid_text(text) if text is not None else None


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def _meta(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(vault_meta.c.value).where(vault_meta.c.key == key)).scalar()
    return str(value) if value is not None else None


def _store_meta(conn: Connection, key: str, value: str) -> None:
    updated = conn.execute(vault_meta.update().where(vault_meta.c.key == key)
                           .values(value=value)).rowcount
    if not updated:
        conn.execute(vault_meta.insert().values(key=key, value=value))
