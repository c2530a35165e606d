"""The audit log's chain: each line sealed with an HMAC over its fields and the line before.

The chain key is derived from the vault's data key (HKDF), so only someone who can open the
vault can extend the chain, and a line changed, inserted, deleted or moved with a database tool
breaks it. The chain covers this device's own ``audit_log`` in the order ``seq`` (1, 2, …);
the newest ``seq`` and MAC are kept, sealed too, in ``vault_meta`` as the head, so lines cut
off at the end are found as well. Honest limit: whoever holds the data key *and* knows this
scheme can rewrite the whole chain; an outside copy (the team server's append-only audit, see
docs/architecture.md) is what makes that visible.

Pure functions over plain values; ``repo_audit`` does the SQL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def chain_key(data_key: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"thuiszitter-audit-chain")
    return hkdf.derive(data_key)


class ChainedRow(NamedTuple):
    """One stored line as the chain sees it (``seq``/``mac`` are None when never sealed).

    A tuple, so tens of thousands are read cheaply at every unlock."""

    row_id: int
    seq: int | None
    mac: str | None
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    case_id: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    mac: str


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """A break in the chain: which stored line (if any), a Dutch explanation, and a stable
    fingerprint, so a break the user knowingly accepted is not reported again."""

    row_id: int | None
    text: str
    fingerprint: str


def _field(value: str | None) -> str:
    # Length-prefixed, so no text can shift a boundary between fields; None is not "".
    return "\x00" if value is None else f"{len(value)}:{value}"


def line_mac(key: bytes, seq: int, at: datetime, actor: str, action: str, entity: str,
             entity_id: str | None, case_id: str | None, detail: str, prev: str) -> str:
    body = "\x1f".join((str(seq), at.isoformat(timespec="microseconds"), _field(actor),
                        _field(action), _field(entity), _field(entity_id), _field(case_id),
                        _field(detail), prev))
    return hmac.digest(key, body.encode("utf-8"), "sha256").hex()


def row_mac(key: bytes, row: ChainedRow, seq: int, prev: str) -> str:
    return line_mac(key, seq, row.at, row.actor, row.action, row.entity, row.entity_id,
                    row.case_id, row.detail, prev)


def head_value(key: bytes, head: Head) -> str:
    seal = hmac.new(key, f"head:{head.seq}:{head.mac}".encode(), hashlib.sha256).hexdigest()
    return f"{head.seq}:{head.mac}:{seal}"


def parse_head(key: bytes, value: str | None) -> Head | None:
    """The head from ``vault_meta``; None when absent. A forged head raises ValueError."""
    if value is None:
        return None
    seq_text, mac, _seal = value.split(":")
    head = Head(int(seq_text), mac)
    if not hmac.compare_digest(head_value(key, head), value):
        raise ValueError("head seal")
    return head


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Up to where the chain was last found sound: its last line and how many lines there
    were up to it (fewer than ``seq`` when the user accepted lines gone)."""

    seq: int
    mac: str
    lines: int


def checkpoint_value(key: bytes, point: Checkpoint) -> str:
    body = f"{point.seq}:{point.mac}:{point.lines}"
    return f"{body}:{hmac.new(key, f'verified:{body}'.encode(), hashlib.sha256).hexdigest()}"


def parse_checkpoint(key: bytes, value: str | None) -> Checkpoint | None:
    """None when absent or not sealed by this vault's key (then the whole chain is read)."""
    try:
        seq, mac, lines, _seal = (value or "").split(":")
        point = Checkpoint(int(seq), mac, int(lines))
    except ValueError:
        return None
    return point if hmac.compare_digest(checkpoint_value(key, point), value or "") else None


def before_checkpoint(count: int, mark: str | None, checkpoint: Checkpoint) -> ChainProblem | None:
    """Lines up to a checkpoint all there, and its last line unchanged? (The full check
    compares every line; this costs one index count at unlock.)"""
    if count == checkpoint.lines and mark == checkpoint.mac:
        return None
    return ChainProblem(None, "In het logboek zijn oudere regels buiten de app verwijderd, "
                        "tussengevoegd of gewijzigd. De volledige controle (Beveiliging → "
                        "Kluis nu controleren) wijst ze aan.",
                        _fingerprint("before", count, mark, checkpoint))


def accepted_value(key: bytes, fingerprints: Iterable[str]) -> str:
    listed = sorted(set(fingerprints))
    seal = hmac.new(key, "\n".join(listed).encode(), hashlib.sha256).hexdigest()
    return json.dumps({"fingerprints": listed, "seal": seal})


def parse_accepted(key: bytes, value: str | None) -> frozenset[str]:
    """Breaks the user accepted; a record that does not carry a valid seal counts as none."""
    if value is None:
        return frozenset()
    try:
        body = json.loads(value)
        listed = [str(f) for f in body["fingerprints"]]
    except (ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(listed) if hmac.compare_digest(
        accepted_value(key, listed), value) else frozenset()


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _when(row: ChainedRow) -> str:
    return f"{row.at:%d-%m-%Y %H:%M}"


def verify(key: bytes, sealed: Iterable[ChainedRow], unsealed: Iterable[ChainedRow],
           head: Head | None, head_broken: bool = False,
           after: Checkpoint | None = None) -> list[ChainProblem]:
    """Every break in the chain. ``sealed``: lines with a ``seq``, in ``seq`` order; with
    ``after`` (a checkpoint) only the lines that follow it."""
    problems: list[ChainProblem] = []
    expected, prev = (after.seq + 1, after.mac) if after else (1, "")
    last: ChainedRow | None = None
    for row in sealed:
        assert row.seq is not None and row.mac is not None
        if row.seq != expected:
            missing = row.seq - expected
            problems.append(ChainProblem(
                row.row_id,
                f"Vóór de regel van {_when(row)} ontbreken {missing} regel(s): ze zijn buiten "
                "de app verwijderd." if missing > 0 else
                f"De regel van {_when(row)} staat niet op zijn plaats (volgorde gewijzigd).",
                _fingerprint("gap", expected, row.seq, row.mac)))
        elif not hmac.compare_digest(row_mac(key, row, row.seq, prev), row.mac):
            problems.append(ChainProblem(
                row.row_id,
                f"De regel van {_when(row)} ({row.action}) is buiten de app gewijzigd, "
                "tussengevoegd of verplaatst.",
                _fingerprint("changed", row.seq, row.mac, row.at, row.actor, row.action,
                             row.entity, row.entity_id, row.case_id, row.detail)))
        expected, prev, last = row.seq + 1, row.mac, row
    for row in unsealed:
        problems.append(ChainProblem(
            row.row_id, f"De regel van {_when(row)} ({row.action}) is buiten de app "
            "toegevoegd.",
            _fingerprint("unsealed", row.row_id, row.at, row.actor, row.action, row.entity,
                         row.entity_id, row.case_id, row.detail)))
    if head_broken:
        problems.append(ChainProblem(None, "Het kenmerk van de laatste logboekregel is buiten "
                                     "de app gewijzigd.", _fingerprint("head-seal")))
    elif last is None and after is not None:
        if head != Head(after.seq, after.mac):
            problems.append(ChainProblem(
                None, "Aan het eind van het logboek ontbreken regels: ze zijn buiten de app "
                "verwijderd.", _fingerprint("head-after", head, after)))
    elif last is not None and (head is None or (head.seq, head.mac) != (last.seq, last.mac)):
        cut = (head.seq - (last.seq or 0)) if head is not None else 0
        problems.append(ChainProblem(
            None,
            f"Aan het eind van het logboek ontbreken {cut} regel(s): ze zijn buiten de app "
            "verwijderd." if cut > 0 else
            "Het einde van het logboek klopt niet met het vastgelegde kenmerk.",
            _fingerprint("head", head, last.seq, last.mac)))
    elif last is None and head is not None:
        problems.append(ChainProblem(
            None, f"Alle {head.seq} regels van het logboek zijn buiten de app verwijderd.",
            _fingerprint("emptied", head)))
    return problems
