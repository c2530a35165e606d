"""Intake (issue 3): aanmelding, parents, sick reports, stage dates, intake, terugkoppeling.

Revision ID: 0002_intake
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_intake"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def _case_fk() -> sa.Column[str]:
    return sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                     nullable=False)


def _consent(prefix: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{prefix}_given", sa.Boolean, nullable=False),
        sa.Column(f"{prefix}_on", sa.Date),
        sa.Column(f"{prefix}_method", sa.String(30)),
        sa.Column(f"{prefix}_by", sa.String(200), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "aanmeldingen",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("report_date", sa.Date, nullable=False),
        sa.Column("reporter_school", sa.String(200), nullable=False),
        sa.Column("reporter_contact_name", sa.String(150), nullable=False),
        sa.Column("reporter_contact_role", sa.String(100), nullable=False),
        sa.Column("reporter_phone", sa.String(50), nullable=False),
        sa.Column("reporter_email", sa.String(200), nullable=False),
        sa.Column("route", sa.String(40), nullable=False),
        sa.Column("confirmed_criteria", sa.String(200), nullable=False),
        sa.Column("criterion_4_note", sa.Text, nullable=False),
        sa.Column("education_percentage", sa.Integer),
        sa.Column("education_since", sa.Date),
        sa.Column("school_actions", sa.Text, nullable=False),
        sa.Column("involved_help", sa.Text, nullable=False),
        *_consent("parental_consent"),
        *_consent("pupil_consent"),
        sa.Column("notes", sa.Text, nullable=False),
        *_record(),
        sa.UniqueConstraint("case_id", name="uq_aanmeldingen_case_id"),
    )
    op.create_table(
        "case_parents",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(150), nullable=False),
        sa.Column("relation", sa.String(30), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        *_record(),
    )
    op.create_index("ix_case_parents_case_id", "case_parents", ["case_id"])
    op.create_table(
        "sick_reports",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        *_record(),
    )
    op.create_index("ix_sick_reports_case_id", "sick_reports", ["case_id"])
    op.create_table(
        "case_stage_dates",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        *_record(),
        sa.UniqueConstraint("case_id", "stage", name="uq_case_stage_dates_case_stage"),
    )
    op.create_table(
        "intakes",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        *[sa.Column(name, sa.Text, nullable=False) for name in (
            "participants", "background", "absence_reason", "needed_to_resume",
            "involved_help", "school_role", "risk_factors", "protective_factors",
            "pupil_own_words", "parent_three_words", "parent_two_things", "parent_one_wish",
            "health_details")],
        sa.Column("health_needed", sa.Boolean, nullable=False),
        sa.Column("pupil_shares_reason", sa.Boolean, nullable=False),
        sa.Column("agreements", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_intakes_case_id", "intakes", ["case_id"])
    op.create_table(
        "terugkoppelingen",
        sa.Column("id", sa.String(36), primary_key=True),
        _case_fk(),
        sa.Column("intake_id", sa.String(36)),
        sa.Column("conversation_date", sa.Date, nullable=False),
        sa.Column("written_on", sa.Date, nullable=False),
        sa.Column("pupil_age", sa.Integer, nullable=False),
        sa.Column("pupil_shares_reason", sa.Boolean, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("absence_reason", sa.Text, nullable=False),
        sa.Column("health_details", sa.Text, nullable=False),
        sa.Column("health_needed", sa.Boolean, nullable=False),
        sa.Column("agreements", sa.Text, nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        *_record(),
    )
    op.create_index("ix_terugkoppelingen_case_id", "terugkoppelingen", ["case_id"])


def downgrade() -> None:
    for index, table in (
        ("ix_terugkoppelingen_case_id", "terugkoppelingen"),
        ("ix_intakes_case_id", "intakes"),
        ("ix_sick_reports_case_id", "sick_reports"),
        ("ix_case_parents_case_id", "case_parents"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("terugkoppelingen", "intakes", "case_stage_dates", "sick_reports",
                  "case_parents", "aanmeldingen"):
        op.drop_table(table)
