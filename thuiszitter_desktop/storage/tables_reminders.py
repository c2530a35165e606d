"""Tables of the deadline clock: snoozed/acknowledged reminders and case episodes."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

# One row per snooze or acknowledgement; kept (never updated) so the log shows who did what.
reminder_snoozes = Table(
    "reminder_snoozes",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("deadline_key", String(80), nullable=False),
    Column("due", Date, nullable=False),
    Column("until", Date),  # NULL: acknowledged ("gezien")
    Column("reason", Text, nullable=False),
    Column("snoozed_by", String(150), nullable=False),
    Column("snoozed_at", DateTime, nullable=False),
    *record_columns(),
)
Index("ix_reminder_snoozes_case_id", reminder_snoozes.c.case_id)

# A reopened case starts a new episode; its clocks count from the reopen date.
case_episodes = Table(
    "case_episodes",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("reopened_on", Date, nullable=False),
    Column("previous_closed_on", Date),
    # The closed episode as it was (0009_episode_history; empty for older episodes).
    Column("previous_closing_reason", String(40)),
    Column("previous_home_since", Date),
    Column("previous_goals_set_date", Date),
    Column("previous_passend_aanbod_date", Date),
    *record_columns(),
)
Index("ix_case_episodes_case_id", case_episodes.c.case_id)
