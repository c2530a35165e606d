"""Use cases of the MDO: plan a meeting, suggest pupils, agenda and minutes, record outcomes.

Plans are reached through ``PlanStore`` (latest plan per case, save a plan); the default is the
vault's plan repository. Tests may pass another store, or None to leave plans out (the agenda
then shows no actions and outcomes do not touch the plan).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, time
from typing import Any, Protocol

from sqlalchemy import Connection

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.deadlines import DeadlineKind, case_deadlines
from thuiszitter_desktop.domain.mdo import Mdo, MdoCaseSnapshot, MdoOutcome, carry_over
from thuiszitter_desktop.domain.mdo_agenda import (
    Agenda,
    AgendaSettings,
    agenda_text,
    build_agenda,
)
from thuiszitter_desktop.domain.mdo_minutes import build_minutes
from thuiszitter_desktop.domain.mdo_plan import plan_with_mdo_actions, snapshot_for
from thuiszitter_desktop.domain.mdo_suggest import Suggestion, SuggestionSettings, suggest
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.name_match import plain
from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.plan_clock import clock_items
from thuiszitter_desktop.services import consent
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.reminders import clock_facts_for, warning_days
from thuiszitter_desktop.storage import (
    repo_cases,
    repo_intake,
    repo_mdo,
    repo_plan,
    repo_reminders,
    repo_school,
    repo_settings,
)

SETTING_FULL_NAMES = settings_registry.MDO_FULL_NAMES.key
SETTING_MINUTES = "mdo.minutes"  # {"base": 10, "urgent_extra": 5, "opening": 5, ...}
SETTING_STAGNATION_WEEKS = settings_registry.MDO_STAGNATION_WEEKS.key


class PlanStore(Protocol):
    """What the MDO needs from the plan feature's storage."""

    def latest(self, conn: Connection, case_ids: Sequence[str]) -> dict[str, PlanVanAanpak]:
        """The latest plan version of each case that has one."""
        ...

    def save(self, ctx: AppContext, conn: Connection, plan: PlanVanAanpak) -> None:
        """Store ``plan`` (a new or changed version) in the caller's transaction."""
        ...


class VaultPlans:
    """The plan store of the vault: the plan feature's own rules (newest version only;
    the case's 'doelen gesteld' date, stage and regie follow the plan)."""

    def latest(self, conn: Connection, case_ids: Sequence[str]) -> dict[str, PlanVanAanpak]:
        return repo_plan.latest_versions(conn, case_ids)

    def save(self, ctx: AppContext, conn: Connection, plan: PlanVanAanpak) -> None:
        plan_service.store_newest_version(ctx, conn, plan)


VAULT_PLANS = VaultPlans()


# -- settings ---------------------------------------------------------------------------------
def _int(value: Any, default: int, low: int = 0, high: int = 120) -> int:
    return value if isinstance(value, int) and low <= value <= high else default


def agenda_settings(settings: Mapping[str, Any]) -> AgendaSettings:
    minutes = settings.get(SETTING_MINUTES)
    stored = minutes if isinstance(minutes, dict) else {}
    d = AgendaSettings()
    return AgendaSettings(
        full_names=bool(settings_registry.MDO_FULL_NAMES.read(dict(settings))),
        opening_minutes=_int(stored.get("opening"), d.opening_minutes),
        previous_minutes_minutes=_int(stored.get("previous_minutes"),
                                      d.previous_minutes_minutes),
        base_minutes=_int(stored.get("base"), d.base_minutes, 1),
        urgent_extra_minutes=_int(stored.get("urgent_extra"), d.urgent_extra_minutes),
        rondvraag_minutes=_int(stored.get("rondvraag"), d.rondvraag_minutes),
        next_mdo_minutes=_int(stored.get("next_mdo"), d.next_mdo_minutes),
    )


def suggestion_settings(settings: Mapping[str, Any]) -> SuggestionSettings:
    weeks = int(settings_registry.MDO_STAGNATION_WEEKS.read(dict(settings)))
    return SuggestionSettings(stagnation_weeks=weeks)


# -- planning -------------------------------------------------------------------------------
def save_mdo(ctx: AppContext, mdo: Mdo, carried_over: Sequence[str] = ()) -> None:
    """Save a planned (or edited) meeting with its participants and pupils.

    A pupil newly put on the agenda needs the consent for an MDO discussion (parents, and from
    16 the pupil: ``ConsentMissing`` says why and how to record it). Pupils already on this
    agenda, or ``carried_over`` from the previous meeting, were checked when first added.
    """
    mdo.validate()
    with ctx.vault.transaction() as conn:
        try:
            before = set(repo_mdo.get_mdo(conn, mdo.id).case_ids) | set(carried_over)
        except repo_cases.NotFoundError:
            before = set(carried_over)
        added = [case_id for case_id in mdo.case_ids if case_id not in before]
        for case_id in added:
            consent.require(conn, case_id, Step.MDO, ctx.today())
        _take_school_questions(conn, mdo, added)
        repo_mdo.save_mdo(conn, mdo, ctx.now())
        repo_school.plan_proposals(conn, added, mdo.id, ctx.now())
        ctx.audit(conn, "opgeslagen", "mdo", mdo.id)
    ctx.changes.publish(Change("mdo", (mdo.id,)))


def _take_school_questions(conn: Connection, mdo: Mdo, added: Sequence[str]) -> None:
    """A pupil the school proposed gets the school's question on the agenda (when the
    consulent wrote none), so the school sees its question answered."""
    open_questions: dict[str, list[str]] = {}
    for proposal in repo_school.proposals(conn, added, only_open=True):
        open_questions.setdefault(proposal.case_id, []).append(proposal.question.strip())
    for item in mdo.items:
        if item.case_id in open_questions and not item.question.strip():
            item.question = "\n".join(open_questions[item.case_id])


def list_mdos(ctx: AppContext) -> list[Mdo]:
    with ctx.vault.read() as conn:
        return repo_mdo.list_mdos(conn)


def load_mdo(ctx: AppContext, mdo_id: str) -> Mdo:
    with ctx.vault.read() as conn:
        return repo_mdo.get_mdo(conn, mdo_id)


def delete_mdo(ctx: AppContext, mdo_id: str) -> None:
    with ctx.vault.transaction() as conn:
        repo_mdo.delete_mdo(conn, mdo_id)
        ctx.audit(conn, "verwijderd", "mdo", mdo_id)
    ctx.changes.publish(Change("mdo", (mdo_id,)))


def _same_school(a: str, b: str) -> bool:
    return plain(a) == plain(b)


def previous_mdo(meetings: Sequence[Mdo], mdo: Mdo) -> Mdo | None:
    """The last earlier meeting of the same school (the one carry-over looks at)."""
    earlier = [m for m in meetings
               if m.id != mdo.id and m.on < mdo.on and _same_school(m.school, mdo.school)]
    return max(earlier, key=lambda m: (m.on, m.start_time), default=None)


def start_next_mdo(ctx: AppContext, previous_id: str, on: date, start_time: time) -> Mdo:
    """Plan the follow-up of a meeting: same place, chair and professionals; pupils not
    discussed are carried over with their question."""
    with ctx.vault.read() as conn:
        previous = repo_mdo.get_mdo(conn, previous_id)
    following = Mdo(on=on, start_time=start_time, location=previous.location,
                    video_link=previous.video_link, chair=previous.chair,
                    school=previous.school)
    following.participants = [
        replace(p, id=new_id(), attended=None)
        for p in previous.participants if p.case_id is None
    ]
    carried = carry_over(previous, following)
    save_mdo(ctx, following, carried_over=carried)
    return following


def pupil_names(ctx: AppContext, case_ids: Sequence[str]) -> dict[str, str]:
    """Full pupil names per case, for the consulent's own screens."""
    with ctx.vault.read() as conn:
        items = repo_cases.list_cases(conn, include_closed=True, case_ids=list(case_ids))
    return {i.case.id: i.pupil.full_name for i in items}


# -- snapshots and suggestions ------------------------------------------------------------------
def _snapshots(conn: Connection, ctx: AppContext, case_ids: Sequence[str] | None,
               previous: Mdo | None, plans: PlanStore | None,
               school: str = "") -> dict[str, MdoCaseSnapshot]:
    today = ctx.today()
    items = repo_cases.list_cases(conn, include_closed=case_ids is not None, case_ids=case_ids)
    if school.strip():
        items = [i for i in items if _same_school(i.pupil.school, school)]
    ids = [i.case.id for i in items]
    contacts = repo_reminders.contact_dates(conn, ids)
    # "Geen contact" for the agenda: any contact with pupil or parents, a call included.
    any_contact = repo_reminders.contact_dates(conn, ids, conversations_only=False)
    episodes = repo_reminders.latest_episodes(conn, ids)
    found_plans = plans.latest(conn, ids) if plans else {}
    warnings = warning_days(repo_settings.load_all(conn))
    consented = consent.consented_cases(conn, ids, Step.MDO, today)
    questions: dict[str, list[str]] = {}
    for proposal in repo_school.proposals(conn, ids, only_open=True):
        questions.setdefault(proposal.case_id, []).append(proposal.line)
    result: dict[str, MdoCaseSnapshot] = {}
    for item in items:
        case_id = item.case.id
        plan = found_plans.get(case_id)
        facts = clock_facts_for(item.case, contacts.get(case_id, ()), episodes.get(case_id),
                                clock_items(plan) if plan else ((), ()))
        aanbod = next((d for d in case_deadlines(facts, today, warnings)
                       if d.kind is DeadlineKind.PASSEND_AANBOD), None)
        seen = [*any_contact.get(case_id, ())]
        if item.case.first_contact_date:
            seen.append(item.case.first_contact_date)
        # The pupil's own words from the intake, when the plan does not hold them (agenda
        # and minutes only: a suggestion list does not show them).
        intake = repo_intake.load_intake(conn, case_id) if case_ids is not None else None
        result[case_id] = snapshot_for(item.case, item.pupil, today=today, plan=plan,
                                       last_contact=max(seen, default=None),
                                       passend_aanbod=aanbod, previous=previous,
                                       pupil_voice=intake.pupil_own_words if intake else "",
                                       consent_given=case_id in consented,
                                       school_questions=tuple(questions.get(case_id, ())))
    return result


def suggestions(ctx: AppContext, mdo: Mdo,
                plans: PlanStore | None = VAULT_PLANS) -> list[Suggestion]:
    """Open cases of the meeting's school worth discussing, most urgent first, with reasons.

    Pupils already on the agenda are left out (they are chosen already).
    """
    with ctx.vault.read() as conn:
        previous = previous_mdo(repo_mdo.list_mdos(conn), mdo)
        snaps = _snapshots(conn, ctx, None, previous, plans, mdo.school)
        settings = repo_settings.load_all(conn)
    chosen = set(mdo.case_ids)
    return suggest((s for s in snaps.values() if s.case_id not in chosen), today=ctx.today(),
                   meeting_date=mdo.on, previous_mdo_date=previous.on if previous else None,
                   settings=suggestion_settings(settings))


# -- agenda and minutes ---------------------------------------------------------------------
def _load(ctx: AppContext, mdo_id: str, plans: PlanStore | None
          ) -> tuple[Mdo, dict[str, MdoCaseSnapshot], dict[str, Any]]:
    with ctx.vault.read() as conn:
        meetings = repo_mdo.list_mdos(conn)
        mdo = next((m for m in meetings if m.id == mdo_id), None)
        if mdo is None:
            raise repo_cases.NotFoundError(mdo_id)
        snaps = _snapshots(conn, ctx, mdo.case_ids, previous_mdo(meetings, mdo), plans)
        settings = repo_settings.load_all(conn)
    return mdo, snaps, settings


def agenda(ctx: AppContext, mdo_id: str, plans: PlanStore | None = VAULT_PLANS) -> Agenda:
    mdo, snaps, settings = _load(ctx, mdo_id, plans)
    return build_agenda(mdo, snaps, agenda_settings(settings))


def _organisation(settings: Mapping[str, Any]) -> str:
    return str(settings_registry.ORGANISATION.read(dict(settings)))


def agenda_pdf(ctx: AppContext, mdo_id: str, plans: PlanStore | None = VAULT_PLANS) -> bytes:
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports import mdo as mdo_reports

    mdo, snaps, settings = _load(ctx, mdo_id, plans)
    return mdo_reports.agenda_pdf(build_agenda(mdo, snaps, agenda_settings(settings)),
                                  _organisation(settings))


def agenda_email(ctx: AppContext, mdo_id: str, plans: PlanStore | None = VAULT_PLANS) -> str:
    return agenda_text(agenda(ctx, mdo_id, plans))


def parent_agenda_pdf(ctx: AppContext, mdo_id: str, case_id: str,
                      plans: PlanStore | None = VAULT_PLANS) -> bytes:
    """The invitation for one pupil's parents (their own child only; first names suffice)."""
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports import mdo as mdo_reports

    mdo, snaps, settings = _load(ctx, mdo_id, plans)
    built = build_agenda(mdo, snaps, agenda_settings(settings))
    return mdo_reports.parent_agenda_pdf(built, case_id, _organisation(settings))


def minutes_pdf(ctx: AppContext, mdo_id: str, plans: PlanStore | None = VAULT_PLANS) -> bytes:
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports import mdo as mdo_reports

    mdo, snaps, settings = _load(ctx, mdo_id, plans)
    return mdo_reports.minutes_pdf(build_minutes(mdo, snaps, agenda_settings(settings)),
                                   _organisation(settings))


# -- during and after the meeting -------------------------------------------------------------
def record_attendance(ctx: AppContext, mdo_id: str, attendance: Mapping[str, bool]) -> None:
    """Who was there: participant id -> present."""
    with ctx.vault.transaction() as conn:
        mdo = repo_mdo.get_mdo(conn, mdo_id)
        for participant_id, attended in attendance.items():
            mdo.record_attendance(participant_id, attended)
        repo_mdo.save_mdo(conn, mdo, ctx.now())
        ctx.audit(conn, "aanwezigheid", "mdo", mdo_id)
    ctx.changes.publish(Change("mdo", (mdo_id,)))


def record_outcome(ctx: AppContext, mdo_id: str, case_id: str, outcome: MdoOutcome,
                   plans: PlanStore | None = VAULT_PLANS) -> Mdo:
    """Store decisions, actions and escalation for one pupil; the new actions go straight
    into that case's plan (same transaction), where the deadline clock follows them."""
    with ctx.vault.transaction() as conn:
        mdo = repo_mdo.get_mdo(conn, mdo_id)
        mdo.record_outcome(case_id, outcome)
        repo_mdo.save_mdo(conn, mdo, ctx.now())
        ctx.audit(conn, "uitkomst vastgelegd", "mdo", mdo_id, case_id,
                  outcome.escalation.name if outcome.escalation else "")
        follow_up = outcome.follow_up_action(
            mdo.chair.strip() or ctx.actor,
            str(uuid.uuid5(uuid.NAMESPACE_URL, f"mdo:{mdo_id}:{case_id}:opschaling")))
        actions = [*outcome.new_actions, *([follow_up] if follow_up is not None else [])]
        if plans is not None and actions:
            current = plans.latest(conn, [case_id]).get(case_id)
            if current is None:
                # A first plan takes regie and case owner from the case, as the plan
                # feature's own start does, so saving it later does not change the case.
                case = repo_cases.get_case(conn, case_id)
                current = PlanVanAanpak(case_id=case_id, created=ctx.today(), regie=case.regie,
                                        casusverantwoordelijke=case.casusverantwoordelijke)
            plan = plan_with_mdo_actions(current, case_id, mdo.on, actions,
                                         plan_service.people_of_case(conn, case_id))
            plans.save(ctx, conn, plan)
            ctx.audit(conn, "acties uit mdo", "plan", plan.id, case_id)
    ctx.changes.publish(Change("mdo", (mdo_id,)))
    if plans is not None and actions:
        ctx.changes.publish(Change("plan", (case_id,)))
        ctx.changes.publish(Change("case", (case_id,)))
    return mdo
