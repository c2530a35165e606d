"""Tables of the policy figures: remembered list sources and the history of list comparisons.

An imported list itself is never stored: only how its columns map (per source) and the counts
of each confirmed comparison, so the coverage over time can be shown without personal data.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Float, ForeignKey, Index, Integer, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

import_sources = Table(
    "import_sources",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(150), nullable=False, unique=True),
    Column("mapping", Text, nullable=False),  # JSON: source column -> ImportField name
    *record_columns(),
)

list_comparisons = Table(
    "list_comparisons",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("source_id", String(ID), ForeignKey("import_sources.id", ondelete="CASCADE"),
           nullable=False),
    Column("compared_on", Date, nullable=False),
    Column("in_list", Integer, nullable=False),
    Column("in_caseload", Integer, nullable=False),
    Column("in_both", Integer, nullable=False),
    Column("coverage_pct", Float),
    *record_columns(),
)
Index("ix_list_comparisons_source_id", list_comparisons.c.source_id)
