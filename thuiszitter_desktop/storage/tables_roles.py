"""Tables of issue 21 (team roles, migration 0016_roles): what a zorgcoördinator writes.

``mdo_proposals``: a pupil proposed for the next MDO with the school's question; the
consulent sees it among the MDO suggestions and it is marked planned when the pupil is put
on an agenda. ``school_inputs``: the school's input for a pupil (attendance, what the school
tried, what it needs). Both are records of a case, so they sync and leave a device with it.
The ``schools`` table itself lives in ``storage/tables.py`` beside ``pupils``.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table, Text

from thuiszitter_desktop.storage.tables import ID, case_fk, metadata, record_columns

mdo_proposals = Table(
    "mdo_proposals",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("question", Text, nullable=False, default=""),
    Column("proposed_by", String(150), nullable=False, default=""),
    Column("proposed_on", Date, nullable=False),
    Column("status", String(20), nullable=False, default="OPEN"),  # OPEN | INGEPLAND
    Column("mdo_id", String(ID)),  # the meeting it was planned on (no FK: may not be here)
    *record_columns(),
)

school_inputs = Table(
    "school_inputs",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("on_date", Date, nullable=False),
    Column("attendance", Text, nullable=False, default=""),
    Column("tried", Text, nullable=False, default=""),
    Column("needs", Text, nullable=False, default=""),
    Column("written_by", String(150), nullable=False, default=""),
    *record_columns(),
)
