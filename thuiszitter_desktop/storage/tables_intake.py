"""Tables of issue 3: the aanmelding, stage dates, intake conversation and terugkoppeling.

Short lists that only make sense as part of their record (risk factors, agreements, the
recipients of a terugkoppeling) are JSON text; parents and sick reports get their own rows
because other features (letters, MDO invitations, figures) read them.
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

aanmeldingen = Table(
    "aanmeldingen",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("report_date", Date, nullable=False),
    Column("reporter_school", String(200), nullable=False),
    Column("reporter_contact_name", String(150), nullable=False, default=""),
    Column("reporter_contact_role", String(100), nullable=False, default=""),
    Column("reporter_phone", String(50), nullable=False, default=""),
    Column("reporter_email", String(200), nullable=False, default=""),
    Column("route", String(40), nullable=False),
    Column("confirmed_criteria", String(200), nullable=False, default=""),  # names, comma list
    Column("criterion_4_note", Text, nullable=False, default=""),
    Column("education_percentage", Integer),
    Column("education_since", Date),
    Column("school_actions", Text, nullable=False, default=""),
    Column("involved_help", Text, nullable=False, default=""),
    # The consent recorded with the aanmelding lives in ``consents`` (purpose LEERPLICHT)
    # since 0013_seed_rules.
    Column("school_absence_reason", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    *record_columns(),
    UniqueConstraint("case_id", name="uq_aanmeldingen_case_id"),
)

case_parents = Table(
    "case_parents",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("position", Integer, nullable=False),
    Column("name", String(150), nullable=False),
    Column("relation", String(30), nullable=False),
    Column("phone", String(50), nullable=False, default=""),
    Column("email", String(200), nullable=False, default=""),
    *record_columns(),
)
Index("ix_case_parents_case_id", case_parents.c.case_id)

sick_reports = Table(
    "sick_reports",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),  # empty: still sick
    Column("note", Text, nullable=False, default=""),  # "Opmerking" (0013_seed_rules)
    *record_columns(),
)
Index("ix_sick_reports_case_id", sick_reports.c.case_id)

case_stage_dates = Table(
    "case_stage_dates",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("stage", String(40), nullable=False),
    Column("on_date", Date, nullable=False),
    *record_columns(),
    UniqueConstraint("case_id", "stage", name="uq_case_stage_dates_case_stage"),
)

intakes = Table(
    "intakes",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("held_on", Date, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("participants", Text, nullable=False, default=""),
    Column("background", Text, nullable=False, default=""),
    Column("absence_reason", Text, nullable=False, default=""),
    Column("needed_to_resume", Text, nullable=False, default=""),
    Column("involved_help", Text, nullable=False, default=""),
    Column("school_role", Text, nullable=False, default=""),
    Column("risk_factors", Text, nullable=False, default="[]"),  # JSON list of str
    Column("protective_factors", Text, nullable=False, default="[]"),
    Column("pupil_own_words", Text, nullable=False, default=""),
    Column("parent_three_words", Text, nullable=False, default="[]"),
    Column("parent_two_things", Text, nullable=False, default="[]"),
    Column("parent_one_wish", Text, nullable=False, default=""),
    Column("health_details", Text, nullable=False, default=""),
    Column("health_needed", Boolean, nullable=False, default=False),
    Column("pupil_shares_reason", Boolean, nullable=False, default=False),
    Column("agreements", Text, nullable=False, default="[]"),  # JSON: who, what, by_when
    Column("absence_function", Text, nullable=False, default=""),  # 0013_seed_rules
    Column("dropout_signals", String(200), nullable=False, default=""),  # names, comma list
    *record_columns(),
)
Index("ix_intakes_case_id", intakes.c.case_id)

terugkoppelingen = Table(
    "terugkoppelingen",
    metadata,
    Column("id", String(ID), primary_key=True),
    case_fk(),
    Column("intake_id", String(ID)),
    Column("conversation_date", Date, nullable=False),
    Column("written_on", Date, nullable=False),
    Column("pupil_age", Integer, nullable=False),
    Column("pupil_shares_reason", Boolean, nullable=False, default=False),
    Column("summary", Text, nullable=False, default=""),
    Column("absence_reason", Text, nullable=False, default=""),
    Column("health_details", Text, nullable=False, default=""),
    Column("health_needed", Boolean, nullable=False, default=False),
    Column("agreements", Text, nullable=False, default="[]"),  # JSON: who, what, by_when
    Column("recipients", Text, nullable=False, default="[]"),  # JSON: kind, name, sent_on
    *record_columns(),
)
Index("ix_terugkoppelingen_case_id", terugkoppelingen.c.case_id)
