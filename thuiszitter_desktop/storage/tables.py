"""SQLAlchemy Core tables of the vault.

Portable column types only (a regional server on PostgreSQL will reuse these); every record has
a stable UUID, ``updated_at`` and a ``version`` counter for later sync. Enum columns store the
enum *name*. The Alembic migrations are the source of truth for the schema; these tables must
match them (a test compares both).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = 36  # length of a UUID string


def case_fk() -> Column[str]:
    """The ``case_id`` of a record that belongs to one case (deleted with it)."""
    return Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False)


def record_columns() -> list[Column[object]]:
    """Columns every synchronisable record has."""
    return [
        Column("created_at", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("version", Integer, nullable=False, default=1),
    ]


vault_meta = Table(
    "vault_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

# A school as a record (issue 21): pupils point to it, a zorgcoördinator's scope is its schools.
schools = Table(
    "schools",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("brin", String(4), nullable=False, default=""),  # e.g. "12AB"; empty when unknown
    Column("vestiging", String(2), nullable=False, default=""),  # e.g. "00"
    Column("gemeente", String(100), nullable=False, default=""),
    *record_columns(),
)

pupils = Table(
    "pupils",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(150), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("school", String(200), nullable=False, default=""),
    Column("leerjaar", String(50), nullable=False, default=""),
    Column("onderwijstype", String(30), nullable=False),
    Column("address", Text, nullable=False, default=""),
    Column("gemeente", String(100), nullable=False, default=""),
    Column("swv", String(150), nullable=False, default=""),
    *record_columns(),
    # The school record (0016_roles); ``school`` keeps the name as typed, so nothing is lost.
    # No foreign key: SQLite cannot add one in place, and a pupil may arrive before its school.
    Column("school_id", String(ID)),
)

cases = Table(
    "cases",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("pupil_id", String(ID), ForeignKey("pupils.id"), nullable=False),
    Column("aanmelding_date", Date, nullable=False),
    Column("home_since", Date),
    Column("verzuim_type", String(30), nullable=False),
    Column("education_percentage", Integer, nullable=False),
    Column("regie", String(40), nullable=False),
    Column("casusverantwoordelijke", String(150), nullable=False, default=""),
    Column("consulent", String(150), nullable=False, default=""),
    Column("stage", String(40), nullable=False),
    Column("first_contact_date", Date),
    Column("goals_set_date", Date),
    Column("passend_aanbod_date", Date),
    Column("passend_aanbod_kind", String(200), nullable=False, default=""),
    Column("ondersteuningsvraag", String(40)),
    Column("huidige_situatie", String(40)),
    Column("wachtlijst", String(20), nullable=False),
    Column("stagnatie_oorzaak", String(40)),
    Column("closed_on", Date),
    Column("closing_reason", String(40)),
    Column("closing_note", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    # 0013_seed_rules: more than one cause / situation (names, comma list), OPP, Kearney
    # tier, the doctor's advice on a vrijstelling 5a.
    Column("extra_ondersteuningsvragen", String(300), nullable=False, default=""),
    Column("extra_situaties", String(400), nullable=False, default=""),
    Column("opp_status", String(20)),
    Column("opp_date", Date),
    Column("opp_review_date", Date),
    Column("kearney_tier", String(20)),
    Column("vrijstelling_advies", String(20)),
    Column("vrijstelling_advies_date", Date),
    *record_columns(),
)
Index("ix_cases_pupil_id", cases.c.pupil_id)
Index("ix_cases_closed_on", cases.c.closed_on)

contact_moments = Table(
    "contact_moments",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("with_pupil_or_parents", Boolean, nullable=False),
    Column("participants", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    # 0013_seed_rules: the care provider (involved professional) contacted, and whether the
    # kind was recorded before kinds told a conversation from a message.
    Column("care_provider_id", String(ID)),
    Column("kind_assumed", Boolean, nullable=False, default=False),
    *record_columns(),
)
Index("ix_contact_moments_case_id", contact_moments.c.case_id)
# Covers the clock's read of conversation dates (0010_contact_clock_index, kind since 0013).
Index("ix_contact_moments_clock", contact_moments.c.case_id,
      contact_moments.c.with_pupil_or_parents, contact_moments.c.kind,
      contact_moments.c.on_date)

involved_professionals = Table(
    "involved_professionals",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("case_id", String(ID), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(150), nullable=False),
    Column("role", String(40), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("phone", String(50), nullable=False, default=""),
    Column("email", String(200), nullable=False, default=""),
    *record_columns(),
)
Index("ix_involved_professionals_case_id", involved_professionals.c.case_id)

# Who did what when, without health content: the detail names fields, never their values.
# ``seq``/``mac``: the line's place in this device's chain and its seal (storage/audit_chain.py).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(150), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(ID)),
    Column("case_id", String(ID)),
    Column("detail", Text, nullable=False, default=""),
    Column("seq", Integer),
    Column("mac", String(64)),
)
Index("ix_audit_log_case_id", audit_log.c.case_id)
Index("ix_audit_log_seq", audit_log.c.seq, unique=True)
