"""Table of plan van aanpak versions: one row per version, the version itself a JSON snapshot.

A version is a whole document (goals with their actions and progress) that is read and saved as
one piece, so it is stored as ``plan_to_dict`` JSON. The few facts other screens query (case,
number, date, whether it holds a SMART goal) are plain columns next to it.

``plan_clocks`` holds, per case, what its newest version feeds into the deadline clock
(``plan_clock.clock_items``: dated actions and evaluations) as compact JSON, so the overview
never reads whole documents. A table of its own keeps those rows small and densely packed (a
column behind the document would make SQLite walk the document's overflow pages), and one row
per case (older versions are never on the clock) lets the overview read it in one scan. It is
derived data: written with the newest version; a case whose row is missing or belongs to
another version is read from its document, and rows missing after a migration are filled
right away (``repo_plan.fill_missing_clocks``). A change to the clock rule ships with a
migration that empties this table.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

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
    *record_columns(),
)
Index("ix_plan_versions_case_number", plan_versions.c.case_id, plan_versions.c.number,
      unique=True)

plan_clocks = Table(
    "plan_clocks",
    metadata,
    # The newest plan version's own id.
    Column("id", String(ID), ForeignKey("plan_versions.id", ondelete="CASCADE"),
           primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),  # the version's number, to check it is newest
    Column("clock", Text, nullable=False),  # compact JSON, see repo_plan.clock_to_json
    *record_columns(),
    UniqueConstraint("case_id", name="uq_plan_clocks_case_id"),
)
