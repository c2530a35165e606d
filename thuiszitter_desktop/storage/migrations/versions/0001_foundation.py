"""Foundation: vault metadata, settings, pupils, cases, contacts, professionals, audit log.

Revision ID: 0001_foundation
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def upgrade() -> None:
    meta = op.create_table(
        "vault_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(meta, [{"key": "schema_major", "value": "1"}])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "pupils",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(150), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=False),
        sa.Column("school", sa.String(200), nullable=False),
        sa.Column("leerjaar", sa.String(50), nullable=False),
        sa.Column("onderwijstype", sa.String(30), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("gemeente", sa.String(100), nullable=False),
        sa.Column("swv", sa.String(150), nullable=False),
        *_record(),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("pupil_id", sa.String(36), sa.ForeignKey("pupils.id"), nullable=False),
        sa.Column("aanmelding_date", sa.Date, nullable=False),
        sa.Column("home_since", sa.Date),
        sa.Column("verzuim_type", sa.String(30), nullable=False),
        sa.Column("education_percentage", sa.Integer, nullable=False),
        sa.Column("regie", sa.String(40), nullable=False),
        sa.Column("casusverantwoordelijke", sa.String(150), nullable=False),
        sa.Column("consulent", sa.String(150), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("first_contact_date", sa.Date),
        sa.Column("goals_set_date", sa.Date),
        sa.Column("passend_aanbod_date", sa.Date),
        sa.Column("passend_aanbod_kind", sa.String(200), nullable=False),
        sa.Column("ondersteuningsvraag", sa.String(40)),
        sa.Column("huidige_situatie", sa.String(40)),
        sa.Column("wachtlijst", sa.String(20), nullable=False),
        sa.Column("stagnatie_oorzaak", sa.String(40)),
        sa.Column("closed_on", sa.Date),
        sa.Column("closing_reason", sa.String(40)),
        sa.Column("closing_note", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_cases_pupil_id", "cases", ["pupil_id"])
    op.create_index("ix_cases_closed_on", "cases", ["closed_on"])
    op.create_table(
        "contact_moments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("with_pupil_or_parents", sa.Boolean, nullable=False),
        sa.Column("participants", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_contact_moments_case_id", "contact_moments", ["case_id"])
    op.create_table(
        "involved_professionals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(150), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        *_record(),
    )
    op.create_index("ix_involved_professionals_case_id", "involved_professionals", ["case_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(150), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(36)),
        sa.Column("case_id", sa.String(36)),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_audit_log_case_id", "audit_log"),
        ("ix_involved_professionals_case_id", "involved_professionals"),
        ("ix_contact_moments_case_id", "contact_moments"),
        ("ix_cases_closed_on", "cases"),
        ("ix_cases_pupil_id", "cases"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("audit_log", "involved_professionals", "contact_moments", "cases", "pupils",
                  "settings", "vault_meta"):
        op.drop_table(table)
