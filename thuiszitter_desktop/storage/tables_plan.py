"""Table of plan van aanpak versions: one row per version, the version itself a JSON snapshot.

A version is a whole document (goals with their actions and progress) that is read and saved as
one piece, so it is stored as ``plan_to_dict`` JSON. The few facts other screens query (case,
number, date, whether it holds a SMART goal) are plain columns next to it.

``clock`` holds what the version feeds into the deadline clock (``plan_clock.clock_items``:
dated actions and evaluations) as compact JSON, so the overview never parses whole documents.
It is derived data: written with the version, NULL means "not computed yet" (filled right
after migrating, see ``repo_plan.fill_missing_clocks``; readers fall back to the document). A
change to the clock rule ships with a migration that sets it to NULL again.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),  # "Versie 2"; ``version`` is the sync counter
    Column("created_on", Date, nullable=False),
    Column("has_smart_goal", Boolean, nullable=False),
    Column("document", Text, nullable=False),  # JSON, see domain/plan_dict.py
    Column("clock", Text, nullable=True),  # JSON of the clock items, see repo_plan
    *record_columns(),
)
Index("ix_plan_versions_case_number", plan_versions.c.case_id, plan_versions.c.number,
      unique=True)
