"""How two versions of a record meet in the team sync: the pure rules (docs/sync.md).

Values are compared as the sync sends them (JSON-ready: text, numbers, ISO dates). Nothing
here knows SQL or the network, so the server and the laptop apply the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thuiszitter_desktop.domain.name_match import name_scores
from thuiszitter_desktop.domain.reconcile import MATCH_SCORE


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """The same field changed on both sides to different values."""

    field: str
    base: Any
    server: Any
    client: Any


@dataclass(slots=True)
class Merged:
    """The server's record after a pushed change: what was applied and what conflicts."""

    values: dict[str, Any]
    applied: list[str] = field(default_factory=list)
    conflicts: list[FieldConflict] = field(default_factory=list)


def changed_fields(fields: Iterable[str], base: Mapping[str, Any],
                   values: Mapping[str, Any]) -> list[str]:
    """The fields a laptop changed since its base."""
    return [f for f in fields if f in values and values[f] != base.get(f)]


def merge_push(fields: Iterable[str], base: Mapping[str, Any], server: Mapping[str, Any],
               client: Mapping[str, Any]) -> Merged:
    """Three-way merge of a pushed change into the server's current record.

    A field the laptop did not change keeps the server's value; a field only the laptop changed
    takes the laptop's value; a field both changed to different values is a conflict and keeps
    the server's value (the laptop's goes into the conflict record).
    """
    merged = Merged(dict(server))
    for name in changed_fields(fields, base, client):
        mine, theirs, was = client[name], server.get(name), base.get(name)
        if theirs in (was, mine):
            if theirs != mine:
                merged.values[name] = mine
                merged.applied.append(name)
        else:
            merged.conflicts.append(FieldConflict(name, was, theirs, mine))
    return merged


def merge_incoming(fields: Iterable[str], base: Mapping[str, Any], local: Mapping[str, Any],
                   incoming: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A server record arriving on a laptop that has an unsent edit of the same record.

    Fields not edited locally take the server's value (and it becomes their base); edited ones
    keep the local value and the old base, so the server still sees both sides at the next push.
    Returns (new local values, new base).
    """
    new_local, new_base = dict(local), dict(base)
    for name in fields:
        if name not in incoming:
            continue
        if local.get(name) == base.get(name):
            new_local[name] = incoming[name]
            new_base[name] = incoming[name]
    return new_local, new_base


def same_pupil(a_first: str, a_last: str, a_birth: date | str | None,
               b_first: str, b_last: str, b_birth: date | str | None) -> bool:
    """Two registrations of one pupil: the same birth date and names that meet.

    The list-matching rule (``name_match.name_scores`` at the reconcile threshold), so 'Zoë
    Çelik' and 'Zoe Celik' meet, and 'Daan' and 'Dean' de Vries do not.
    """
    if a_birth is None or a_birth != b_birth:
        return False
    score, _first = name_scores(a_first, a_last, b_first, b_last)
    return score >= MATCH_SCORE


def next_free_number(taken: Iterable[int]) -> int:
    """The number the server gives a version made at the same time as another: after all."""
    return max(taken, default=0) + 1
