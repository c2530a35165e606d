"""Repository for the history of percentage, verzuim type and situation of cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.situation_history import SituationChange
from thuiszitter_desktop.domain.vocab import HuidigeSituatie, VerzuimType
from thuiszitter_desktop.storage.rows import enum_by_name, enum_name, enum_or_none, upsert
from thuiszitter_desktop.storage.tables_seed_rules import situation_changes


def save_change(conn: Connection, change: SituationChange, now: datetime) -> None:
    upsert(conn, situation_changes, {
        "id": change.id, "case_id": change.case_id, "effective_from": change.effective_from,
        "education_percentage": change.education_percentage,
        "verzuim_type": change.verzuim_type.name,
        "huidige_situatie": enum_name(change.huidige_situatie),
    }, now)


def histories(conn: Connection, case_ids: Iterable[str] | None = None
              ) -> dict[str, tuple[SituationChange, ...]]:
    """Per case with a history, its changes in date order (later records win a tie)."""
    c = situation_changes.c
    query = select(c.id, c.case_id, c.effective_from, c.education_percentage, c.verzuim_type,
                   c.huidige_situatie).order_by(c.case_id, c.effective_from, c.created_at)
    if case_ids is not None:
        query = query.where(c.case_id.in_(list(case_ids)))
    found: defaultdict[str, list[SituationChange]] = defaultdict(list)
    for change_id, case_id, day, pct, verzuim, situation in conn.execute(query):
        rows = found[case_id]
        if rows and rows[-1].effective_from == day:
            rows.pop()  # a correction of the same day replaces the earlier one
        rows.append(SituationChange(
            id=change_id, case_id=case_id, effective_from=day, education_percentage=pct,
            verzuim_type=enum_by_name(VerzuimType, verzuim),
            huidige_situatie=enum_or_none(HuidigeSituatie, situation)))
    return {case_id: tuple(rows) for case_id, rows in found.items()}
