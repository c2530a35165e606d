"""Tables of issue 8: which cases were anonymised after their bewaartermijn, and when."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table, UniqueConstraint

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

anonymised_cases = Table(
    "anonymised_cases",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("anonymised_on", Date, nullable=False),
    Column("retention_end", Date, nullable=False),
    *record_columns(),
    UniqueConstraint("case_id", name="uq_anonymised_cases_case_id"),
)
