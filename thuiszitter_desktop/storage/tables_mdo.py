"""Tables of the MDO: meetings, their participants and the pupils on the agenda."""

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
    Time,
)

from thuiszitter_desktop.storage.tables import ID, metadata, record_columns

mdo_meetings = Table(
    "mdo_meetings",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("on_date", Date, nullable=False),
    Column("start_time", Time, nullable=False),
    Column("location", Text, nullable=False, default=""),
    Column("video_link", Text, nullable=False, default=""),
    Column("chair", String(150), nullable=False, default=""),
    Column("school", String(200), nullable=False, default=""),
    Column("next_mdo_date", Date),
    Column("general_notes", Text, nullable=False, default=""),
    *record_columns(),
)
Index("ix_mdo_meetings_on_date", mdo_meetings.c.on_date)

# case_id is set for parents, pupil or a pupil's own mentor: they come for that item only.
mdo_participants = Table(
    "mdo_participants",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("mdo_id", String(ID), ForeignKey("mdo_meetings.id", ondelete="CASCADE"),
           nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(150), nullable=False),
    Column("role", String(40), nullable=False),
    Column("role_other", String(150), nullable=False, default=""),
    Column("organisation", String(200), nullable=False, default=""),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE")),
    Column("consent_covers_attendance", Boolean, nullable=False),
    Column("attended", Boolean),  # NULL: not recorded yet
    *record_columns(),
)
Index("ix_mdo_participants_mdo_id", mdo_participants.c.mdo_id)

# One pupil on one agenda. ``reasons`` holds SuggestionReason names separated by commas;
# ``outcome`` is the decided outcome as JSON (decisions, actions, escalation, next date).
mdo_items = Table(
    "mdo_items",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("mdo_id", String(ID), ForeignKey("mdo_meetings.id", ondelete="CASCADE"),
           nullable=False),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("question", Text, nullable=False, default=""),
    Column("reasons", String(200), nullable=False, default=""),
    Column("discussed", Boolean, nullable=False),
    Column("outcome", Text, nullable=False, default="{}"),
    *record_columns(),
)
Index("ix_mdo_items_mdo_id", mdo_items.c.mdo_id)
Index("ix_mdo_items_case_id", mdo_items.c.case_id)
