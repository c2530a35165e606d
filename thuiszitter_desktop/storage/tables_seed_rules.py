"""Tables of issue 18 (the rules of the source documents, migration 0013_seed_rules).

Passend aanbod as a checked decision, regie changes, consent per purpose, the history of
percentage / verzuim type / situation, follow-up after closing, the story beside the quarterly
figures, and what the migration assumed about older data.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from thuiszitter_desktop.storage.tables import ID, case_fk, metadata, record_columns

passend_aanboden = Table(
    "passend_aanboden",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("start_date", Date, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("education_part", Boolean, nullable=False, default=False),
    Column("care_part", Boolean, nullable=False, default=False),
    Column("criteria", String(200), nullable=False, default=""),  # names, comma list
    Column("agreed", Text, nullable=False, default="{}"),  # JSON: party name -> ISO date
    Column("parent_view", String(20), nullable=False),
    Column("parent_view_note", Text, nullable=False, default=""),
    Column("voorlopig", Boolean, nullable=False, default=False),
    Column("unchecked", Boolean, nullable=False, default=False),
    *record_columns(),
)
Index("ix_passend_aanboden_case_id", passend_aanboden.c.case_id)

regie_events = Table(
    "regie_events",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("on_date", Date, nullable=False),
    Column("from_regie", String(40), nullable=False),
    Column("to_regie", String(40), nullable=False),
    Column("reason", String(30), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("changed_by", String(150), nullable=False, default=""),
    *record_columns(),
)
Index("ix_regie_events_case_id", regie_events.c.case_id)

consents = Table(
    "consents",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("purpose", String(20), nullable=False),
    Column("giver", String(20), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("method", String(30)),  # NULL: not recorded (never for new consents)
    Column("given_by", String(200), nullable=False, default=""),
    Column("provider_ids", Text, nullable=False, default="[]"),  # JSON list of ids
    Column("withdrawn_on", Date),
    Column("note", Text, nullable=False, default=""),
    *record_columns(),
)
Index("ix_consents_case_id", consents.c.case_id)

situation_changes = Table(
    "situation_changes",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("effective_from", Date, nullable=False),
    Column("education_percentage", Integer, nullable=False),
    Column("verzuim_type", String(30), nullable=False),
    Column("huidige_situatie", String(40)),
    *record_columns(),
)
Index("ix_situation_changes_case", situation_changes.c.case_id,
      situation_changes.c.effective_from)

follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("kind", String(30), nullable=False),
    Column("due", Date, nullable=False),
    Column("done_on", Date),
    Column("outcome", String(20)),
    Column("note", Text, nullable=False, default=""),
    *record_columns(),
)
Index("ix_follow_ups_case_id", follow_ups.c.case_id)
Index("ix_follow_ups_due", follow_ups.c.due)

# "Deze kwartaalcijfers plus het verhaal" (seed 000, casus 2): one text per quarter.
quarter_stories = Table(
    "quarter_stories",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("quarter", String(10), nullable=False),  # e.g. "2026-Q4"
    Column("story", Text, nullable=False, default=""),
    *record_columns(),
    UniqueConstraint("quarter", name="uq_quarter_stories_quarter"),
)

data_assumptions = Table(
    "data_assumptions",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("subject", String(30), nullable=False),
    Column("detail", Text, nullable=False),
    Column("made_on", Date, nullable=False),
    Column("seen_on", Date),
    Column("seen_by", String(150), nullable=False, default=""),
    *record_columns(),
)
Index("ix_data_assumptions_case_id", data_assumptions.c.case_id)
