"""The rules of the source documents (issue 18): checked passend aanbod, conversations, regie
events, consent per purpose, situation history, follow-up, the quarter's story, new fields.

What this migration assumes about older data (never inventing facts; each assumption that
touches a case is written to ``data_assumptions`` so the consulent sees it in that case):

- Contacts keep the kind they were recorded with. Since this version only a conversation (face
  to face or video) with pupil or parents stops the first-contact clock. A phone call with pupil
  or parents may have been a video call (there was no such kind): it is marked ``kind_assumed``
  and listed, so the consulent can correct it.
- ``cases.first_contact_date`` is recomputed from the conversations. Where that changes the
  date, the old date and kind are written down. A first-contact date without any contact
  recorded keeps counting (its kind is unknown) and is listed.
- A passend aanbod recorded before the five criteria were asked becomes an aanbod marked
  ``unchecked``: it keeps stopping the clock and counting, as before, and is listed so the
  criteria and the parents' agreement can be recorded.
- The consent recorded with an aanmelding moves to ``consents`` (purpose LEERPLICHT) with its
  date, way and giver; a given consent without a date takes the report date (listed).
- No history of percentage, verzuim type or situation exists yet: the current values are taken
  to have held since the aanmelding, which is what the figures did until now.

Revision ID: 0013_seed_rules
Revises: 0010_contact_clock_index
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Final

import sqlalchemy as sa
from alembic import op

revision = "0013_seed_rules"
down_revision = "0010_contact_clock_index"
branch_labels = None
depends_on = None

# History: the contact kinds that are a conversation in this version, and their labels.
CONVERSATIONS = ("HUISBEZOEK", "GESPREK_OP_SCHOOL", "GESPREK_OP_KANTOOR", "VIDEOGESPREK", "MDO")
KIND_LABELS = {"TELEFOON": "telefoon", "EMAIL": "e-mail", "HUISBEZOEK": "huisbezoek",
               "GESPREK_OP_SCHOOL": "gesprek op school", "MDO": "MDO"}
CONSENT_PREFIXES = (("parental_consent", "OUDERS"), ("pupil_consent", "LEERLING"))
# Columns are added and dropped in place (SQLite 3.35+ and PostgreSQL both can): a batch
# that recreates ``cases`` drops the old table, and with foreign keys on that cascades every
# contact, aanmelding and plan of every case away.
NATIVE: Final = "never"


def _record() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    ]


def _case_fk() -> sa.Column[str]:
    return sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                     nullable=False)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


def _new_tables() -> None:
    op.create_table(
        "passend_aanboden",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("start_date", sa.Date, nullable=False), _text("description"),
        sa.Column("education_part", sa.Boolean, nullable=False),
        sa.Column("care_part", sa.Boolean, nullable=False),
        sa.Column("criteria", sa.String(200), nullable=False),
        sa.Column("agreed", sa.Text, nullable=False),
        sa.Column("parent_view", sa.String(20), nullable=False), _text("parent_view_note"),
        sa.Column("voorlopig", sa.Boolean, nullable=False),
        sa.Column("unchecked", sa.Boolean, nullable=False), *_record())
    op.create_index("ix_passend_aanboden_case_id", "passend_aanboden", ["case_id"])
    op.create_table(
        "regie_events",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("from_regie", sa.String(40), nullable=False),
        sa.Column("to_regie", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(30), nullable=False), _text("note"),
        sa.Column("changed_by", sa.String(150), nullable=False), *_record())
    op.create_index("ix_regie_events_case_id", "regie_events", ["case_id"])
    op.create_table(
        "consents",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("giver", sa.String(20), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False), sa.Column("method", sa.String(30)),
        sa.Column("given_by", sa.String(200), nullable=False),
        sa.Column("provider_ids", sa.Text, nullable=False),
        sa.Column("withdrawn_on", sa.Date), _text("note"), *_record())
    op.create_index("ix_consents_case_id", "consents", ["case_id"])
    op.create_table(
        "situation_changes",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("education_percentage", sa.Integer, nullable=False),
        sa.Column("verzuim_type", sa.String(30), nullable=False),
        sa.Column("huidige_situatie", sa.String(40)), *_record())
    op.create_index("ix_situation_changes_case", "situation_changes",
                    ["case_id", "effective_from"])
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("due", sa.Date, nullable=False), sa.Column("done_on", sa.Date),
        sa.Column("outcome", sa.String(20)), _text("note"), *_record())
    op.create_index("ix_follow_ups_case_id", "follow_ups", ["case_id"])
    op.create_index("ix_follow_ups_due", "follow_ups", ["due"])
    op.create_table(
        "quarter_stories",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("quarter", sa.String(10), nullable=False), _text("story"), *_record(),
        sa.UniqueConstraint("quarter", name="uq_quarter_stories_quarter"))
    op.create_table(
        "data_assumptions",
        sa.Column("id", sa.String(36), primary_key=True), _case_fk(),
        sa.Column("subject", sa.String(30), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False), sa.Column("seen_on", sa.Date),
        sa.Column("seen_by", sa.String(150), nullable=False), *_record())
    op.create_index("ix_data_assumptions_case_id", "data_assumptions", ["case_id"])


def _new_columns() -> None:
    with op.batch_alter_table("cases", recreate=NATIVE) as batch:
        batch.add_column(sa.Column("extra_ondersteuningsvragen", sa.String(300), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("extra_situaties", sa.String(400), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("opp_status", sa.String(20)))
        batch.add_column(sa.Column("opp_date", sa.Date))
        batch.add_column(sa.Column("opp_review_date", sa.Date))
        batch.add_column(sa.Column("kearney_tier", sa.String(20)))
        batch.add_column(sa.Column("vrijstelling_advies", sa.String(20)))
        batch.add_column(sa.Column("vrijstelling_advies_date", sa.Date))
    op.drop_index("ix_contact_moments_clock", table_name="contact_moments")
    with op.batch_alter_table("contact_moments", recreate=NATIVE) as batch:
        batch.add_column(sa.Column("care_provider_id", sa.String(36)))
        batch.add_column(sa.Column("kind_assumed", sa.Boolean, nullable=False,
                                   server_default=sa.false()))
    op.create_index("ix_contact_moments_clock", "contact_moments",
                    ["case_id", "with_pupil_or_parents", "kind", "on_date"])
    with op.batch_alter_table("sick_reports", recreate=NATIVE) as batch:
        batch.add_column(_text("note"))
    with op.batch_alter_table("intakes", recreate=NATIVE) as batch:
        batch.add_column(_text("absence_function"))
        batch.add_column(sa.Column("dropout_signals", sa.String(200), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("aanmeldingen", recreate=NATIVE) as batch:
        batch.add_column(_text("school_absence_reason"))


# -- data -----------------------------------------------------------------------------------
cases = sa.table("cases", sa.column("id", sa.String), sa.column("first_contact_date", sa.Date),
                 sa.column("passend_aanbod_date", sa.Date),
                 sa.column("passend_aanbod_kind", sa.String))
contacts = sa.table("contact_moments", sa.column("id", sa.String),
                    sa.column("case_id", sa.String), sa.column("on_date", sa.Date),
                    sa.column("kind", sa.String), sa.column("with_pupil_or_parents", sa.Boolean),
                    sa.column("kind_assumed", sa.Boolean))
assumptions = sa.table("data_assumptions", *[sa.column(n) for n in (
    "id", "case_id", "subject", "detail", "made_on", "seen_by", "created_at", "updated_at",
    "version")])
aanboden = sa.table("passend_aanboden", *[sa.column(n) for n in (
    "id", "case_id", "start_date", "description", "education_part", "care_part", "criteria",
    "agreed", "parent_view", "parent_view_note", "voorlopig", "unchecked", "created_at",
    "updated_at", "version")])
consents = sa.table("consents", *[sa.column(n) for n in (
    "id", "case_id", "purpose", "giver", "on_date", "method", "given_by", "provider_ids",
    "withdrawn_on", "note", "created_at", "updated_at", "version")])


def _record_values(now: datetime) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "created_at": now, "updated_at": now, "version": 1}


def _assume(conn: sa.Connection, case_id: str, subject: str, detail: str,
            now: datetime) -> None:
    conn.execute(assumptions.insert().values(
        case_id=case_id, subject=subject, detail=detail, made_on=now.date(), seen_by="",
        **_record_values(now)))


def _day(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _contacts(conn: sa.Connection, now: datetime) -> None:
    c = contacts.c
    family = conn.execute(sa.select(c.id, c.case_id, c.on_date, c.kind).where(
        c.with_pupil_or_parents.is_(True)).order_by(c.case_id, c.on_date)).all()
    first_conversation: dict[str, date] = {}
    first_any: dict[str, tuple[date, str]] = {}
    for contact_id, case_id, on_date, kind in family:
        first_any.setdefault(case_id, (on_date, kind))
        if kind in CONVERSATIONS:
            first_conversation.setdefault(case_id, on_date)
        if kind == "TELEFOON":
            conn.execute(contacts.update().where(c.id == contact_id).values(kind_assumed=True))
            _assume(conn, case_id, "SOORT_CONTACT",
                    f"Het contact van {_day(on_date)} staat als telefoon. Alleen een gesprek "
                    "(face to face of video) telt als eerste gesprek. Was het een "
                    "videogesprek? Pas dan de soort aan op het tabblad Contactmomenten.", now)
    rows = conn.execute(sa.select(cases.c.id, cases.c.first_contact_date)).all()
    for case_id, old in rows:
        if case_id not in first_any:
            if old is not None:
                _assume(conn, case_id, "EERSTE_GESPREK",
                        f"Het eerste contact van {_day(old)} is vastgelegd zonder contactmoment; "
                        "de soort is niet bekend. Het telt als eerste gesprek, zoals eerder.",
                        now)
            continue
        new = first_conversation.get(case_id)
        if new == old:
            continue
        conn.execute(cases.update().where(cases.c.id == case_id)
                     .values(first_contact_date=new))
        if old is None:
            continue
        was = first_any[case_id]
        kind = KIND_LABELS.get(was[1], was[1].lower()) if was[0] == old else "onbekend"
        now_text = _day(new) if new is not None else "nog geen"
        _assume(conn, case_id, "EERSTE_GESPREK",
                f"Het eerste contact stond op {_day(old)} ({kind}). Dat telt niet als gesprek "
                f"met leerling of ouders. Eerste gesprek nu: {now_text}.", now)


def _aanboden(conn: sa.Connection, now: datetime) -> None:
    rows = conn.execute(sa.select(cases.c.id, cases.c.passend_aanbod_date,
                                  cases.c.passend_aanbod_kind)
                        .where(cases.c.passend_aanbod_date.is_not(None))).all()
    for case_id, start, kind in rows:
        conn.execute(aanboden.insert().values(
            case_id=case_id, start_date=start,
            description=(kind or "").strip() or "Vastgelegd vóór de controle op de criteria",
            education_part=False, care_part=False, criteria="", agreed="{}",
            parent_view="ONBEKEND", parent_view_note="", voorlopig=False, unchecked=True,
            **_record_values(now)))
        _assume(conn, case_id, "PASSEND_AANBOD",
                f"Het passend aanbod van {_day(start)} is vastgelegd vóór de controle op de "
                "vijf criteria en de instemming van de ouders. Het telt mee zoals eerder. Leg "
                "de criteria vast op het tabblad Aanbod en regie.", now)


def _consents_up(conn: sa.Connection, now: datetime) -> None:
    table = sa.table("aanmeldingen", *[sa.column(n) for n in (
        "case_id", "report_date", *[f"{p}_{s}" for p, _ in CONSENT_PREFIXES
                                    for s in ("given", "on", "method", "by")])])
    for row in conn.execute(sa.select(table)).mappings():
        for prefix, giver in CONSENT_PREFIXES:
            if not row[f"{prefix}_given"]:
                continue
            on = row[f"{prefix}_on"]
            if on is None:
                on = row["report_date"]
                _assume(conn, row["case_id"], "TOESTEMMING",
                        f"Bij de toestemming ({giver.lower()}) staat geen datum; de datum van "
                        f"aanmelding ({_day(on)}) is aangenomen.", now)
            conn.execute(consents.insert().values(
                case_id=row["case_id"], purpose="LEERPLICHT", giver=giver, on_date=on,
                method=row[f"{prefix}_method"], given_by=row[f"{prefix}_by"] or "",
                provider_ids="[]", withdrawn_on=None, note="", **_record_values(now)))


def upgrade() -> None:
    _new_tables()
    _new_columns()
    conn = op.get_bind()
    now = datetime.now()
    _contacts(conn, now)
    _aanboden(conn, now)
    _consents_up(conn, now)
    with op.batch_alter_table("aanmeldingen", recreate=NATIVE) as batch:
        for prefix, _giver in CONSENT_PREFIXES:
            for suffix in ("given", "on", "method", "by"):
                batch.drop_column(f"{prefix}_{suffix}")


def _consents_down(conn: sa.Connection) -> None:
    c = consents.c
    found = conn.execute(sa.select(c.case_id, c.giver, c.on_date, c.method, c.given_by)
                         .where(c.purpose == "LEERPLICHT", c.withdrawn_on.is_(None))
                         .order_by(c.on_date)).all()
    table = sa.table("aanmeldingen", *[sa.column(n) for n in (
        "case_id", *[f"{p}_{s}" for p, _ in CONSENT_PREFIXES
                     for s in ("given", "on", "method", "by")])])
    for case_id, giver, on, method, by in found:
        prefix = dict((g, p) for p, g in CONSENT_PREFIXES)[giver]
        conn.execute(table.update().where(table.c.case_id == case_id).values(
            {f"{prefix}_given": True, f"{prefix}_on": on, f"{prefix}_method": method,
             f"{prefix}_by": by}))


def downgrade() -> None:
    with op.batch_alter_table("aanmeldingen", recreate=NATIVE) as batch:
        for prefix, _giver in CONSENT_PREFIXES:
            batch.add_column(sa.Column(f"{prefix}_given", sa.Boolean, nullable=False,
                                       server_default=sa.false()))
            batch.add_column(sa.Column(f"{prefix}_on", sa.Date))
            batch.add_column(sa.Column(f"{prefix}_method", sa.String(30)))
            batch.add_column(sa.Column(f"{prefix}_by", sa.String(200), nullable=False,
                                       server_default=""))
        batch.drop_column("school_absence_reason")
    conn = op.get_bind()
    _consents_down(conn)
    # The first contact as the old rule had it: the earliest contact with pupil or parents.
    c = contacts.c
    earliest = (sa.select(sa.func.min(c.on_date))
                .where(c.case_id == cases.c.id, c.with_pupil_or_parents.is_(True))
                .scalar_subquery())
    has_contact = sa.exists().where(c.case_id == cases.c.id, c.with_pupil_or_parents.is_(True))
    conn.execute(cases.update().where(has_contact).values(first_contact_date=earliest))
    with op.batch_alter_table("intakes", recreate=NATIVE) as batch:
        batch.drop_column("dropout_signals")
        batch.drop_column("absence_function")
    with op.batch_alter_table("sick_reports", recreate=NATIVE) as batch:
        batch.drop_column("note")
    op.drop_index("ix_contact_moments_clock", table_name="contact_moments")
    with op.batch_alter_table("contact_moments", recreate=NATIVE) as batch:
        batch.drop_column("kind_assumed")
        batch.drop_column("care_provider_id")
    op.create_index("ix_contact_moments_clock", "contact_moments",
                    ["case_id", "with_pupil_or_parents", "on_date"])
    with op.batch_alter_table("cases", recreate=NATIVE) as batch:
        for name in ("vrijstelling_advies_date", "vrijstelling_advies", "kearney_tier",
                     "opp_review_date", "opp_date", "opp_status", "extra_situaties",
                     "extra_ondersteuningsvragen"):
            batch.drop_column(name)
    for table in ("data_assumptions", "quarter_stories", "follow_ups", "situation_changes",
                  "consents", "regie_events", "passend_aanboden"):
        op.drop_table(table)

