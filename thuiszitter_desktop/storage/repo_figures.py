"""Repository for list sources (remembered column mappings) and list comparison history."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.storage.rows import upsert
from thuiszitter_desktop.storage.tables_figures import import_sources, list_comparisons
from thuiszitter_desktop.storage.tables_seed_rules import quarter_stories


@dataclass(slots=True, kw_only=True)
class ImportSource:
    """A list supplier (an SWV, a school, DUO) and how its columns map to our fields."""

    id: str = field(default_factory=new_id)
    name: str
    mapping: dict[str, str]  # source column -> ImportField name


@dataclass(frozen=True, slots=True, kw_only=True)
class ComparisonRecord:
    id: str = field(default_factory=new_id)
    source_id: str
    compared_on: date
    in_list: int
    in_caseload: int
    in_both: int
    coverage_pct: float | None


def list_sources(conn: Connection) -> list[ImportSource]:
    rows = conn.execute(select(import_sources).order_by(import_sources.c.name)).mappings()
    return [ImportSource(id=r["id"], name=r["name"], mapping=json.loads(r["mapping"]))
            for r in rows]


def find_source(conn: Connection, name: str) -> ImportSource | None:
    wanted = " ".join(fold(name).split())
    return next((s for s in list_sources(conn) if " ".join(fold(s.name).split()) == wanted),
                None)


def save_source(conn: Connection, source: ImportSource, now: datetime) -> None:
    upsert(conn, import_sources, {"id": source.id, "name": source.name.strip(),
                                  "mapping": json.dumps(source.mapping, sort_keys=True,
                                                         ensure_ascii=False)}, now)


def record_comparison(conn: Connection, record: ComparisonRecord, now: datetime) -> None:
    upsert(conn, list_comparisons, {
        "id": record.id, "source_id": record.source_id, "compared_on": record.compared_on,
        "in_list": record.in_list, "in_caseload": record.in_caseload,
        "in_both": record.in_both, "coverage_pct": record.coverage_pct,
    }, now)


def list_comparison_history(conn: Connection) -> list[tuple[str, ComparisonRecord]]:
    """(source name, record) pairs, newest first."""
    query = (select(list_comparisons, import_sources.c.name)
             .join(import_sources, import_sources.c.id == list_comparisons.c.source_id)
             .order_by(list_comparisons.c.compared_on.desc(), list_comparisons.c.created_at.desc()))
    return [
        (r["name"], ComparisonRecord(id=r["id"], source_id=r["source_id"],
                                     compared_on=r["compared_on"], in_list=r["in_list"],
                                     in_caseload=r["in_caseload"], in_both=r["in_both"],
                                     coverage_pct=r["coverage_pct"]))
        for r in conn.execute(query).mappings()
    ]


# -- the story beside the quarterly figures ---------------------------------------------------
def quarter_story(conn: Connection, quarter_key: str) -> str:
    value = conn.execute(select(quarter_stories.c.story)
                         .where(quarter_stories.c.quarter == quarter_key)).scalar_one_or_none()
    return str(value) if value is not None else ""


def save_quarter_story(conn: Connection, quarter_key: str, story: str, now: datetime) -> None:
    found = conn.execute(select(quarter_stories.c.id)
                         .where(quarter_stories.c.quarter == quarter_key)).scalar_one_or_none()
    upsert(conn, quarter_stories, {"id": found or new_id(), "quarter": quarter_key,
                                   "story": story.strip()}, now)
