"""The stored overview clock: per case, what the caseload overview shows of its deadlines.

Derived data (``domain.overview_clock``), kept so that loading the overview reads one row per
case instead of every contact, episode and plan behind its clock. It is never written by a save:
triggers on every table the clock is made from delete a case's row the moment anything of it
changes, and bump ``overview_epoch``; the overview computes missing rows from the full facts and
stores them afterwards only when the epoch shows nothing changed meanwhile
(``repo_overview.keep``). The triggers live in SQLite only (migration 0017_overview_clock; a
migration that recreates one of those tables must create them again, a test checks they exist).
When the clock rules change, ``overview_clock.RULES`` changes and every row counts as missing.
Local to the laptop: it is not a record table, so the sync never carries it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, metadata

case_overview = Table(
    "case_overview",
    metadata,
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("home_start", Date, nullable=False),
    Column("home_known", Boolean, nullable=False),
    Column("aanbod_on", Date),
    # The first unmet deadline due earliest (NULL: none) ...
    Column("next_due", Date),
    Column("next_kind", String(20)),
    Column("next_key", String(80)),
    Column("next_label", Text),
    # ... and, rarely, the others due that same day (JSON), for the day's tie-break.
    Column("next_more", Text),
)

# One row (id 1): how many changes the triggers saw, and the rules the rows were made with.
overview_epoch = Table(
    "overview_epoch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("n", Integer, nullable=False),
    Column("rules", String(40), nullable=False),
)

# The tables a case's clock facts are read from, with the column naming the case.
CLOCK_SOURCES = {
    "cases": "id",
    "contact_moments": "case_id",
    "case_episodes": "case_id",
    "plan_versions": "case_id",
    "plan_clocks": "case_id",
    "situation_changes": "case_id",
}


def trigger_names() -> list[str]:
    """The triggers (made by migration 0017_overview_clock) that make a case's stored row
    missing whenever its sources change."""
    return [f"overview_stale_{table}_{event}" for table in CLOCK_SOURCES
            for event in ("insert", "update", "delete")]
