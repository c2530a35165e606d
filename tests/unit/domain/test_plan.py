"""The plan van aanpak: SMART hints, versions, evaluations, reordering and snapshots."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, replace
from datetime import date

import pytest

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    goals_set_after_save,
    goals_set_date,
    latest_version,
    record_progress,
    revise,
)
from thuiszitter_desktop.domain.plan_dict import plan_from_dict, plan_to_dict
from thuiszitter_desktop.domain.plan_edit import (
    add_action,
    add_goal,
    move_action,
    move_goal,
    moved,
    remove_action,
    remove_goal,
    set_action_status,
    update_action,
    update_goal,
    update_plan,
)
from thuiszitter_desktop.domain.plan_smart import HintCode, Severity, smart_hints, vague_term
from thuiszitter_desktop.domain.vocab import Regie

MENTOR = Owner(name="Sem de Vries", kind=OwnerKind.PROFESSIONAL, person_id="p-1")
PUPIL = Owner(name="Zoë Çelik-d'Hondt", kind=OwnerKind.PUPIL)


def smart_goal(**changes: object) -> Goal:
    goal = Goal(
        description="Zoë gaat vanaf 1 maart drie ochtenden per week naar school",
        indicator="Aanwezigheid in Magister: 3 van de 5 ochtenden",
        agreed_by=("Zoë", "moeder", "mentor"),
        realistic=True,
        realistic_why="Zoë was in januari al twee ochtenden op school",
        deadline=date(2026, 3, 31),
        actions=(
            Action(what="Rooster aanpassen", owner=MENTOR, due=date(2026, 2, 20)),
            Action(what="Wekker zetten", owner=PUPIL, due=date(2026, 3, 1)),
        ),
    )
    return replace(goal, **changes)  # type: ignore[arg-type]


def make_plan(*goals: Goal, **changes: object) -> PlanVanAanpak:
    plan = PlanVanAanpak(
        case_id="case-1",
        created=date(2026, 2, 10),
        shared_goal="Zoë gaat weer met plezier naar school",
        risk_factors=("Angst in grote groepen",),
        protective_factors=("Goede band met mentor",),
        pupil_voice="Ik wil eerst in een klein lokaal beginnen.",
        regie=Regie.SCHOOL,
        casusverantwoordelijke="Sem de Vries",
        evaluation_dates=(date(2026, 3, 12),),
        goals=goals,
    )
    return replace(plan, **changes)  # type: ignore[arg-type]


def codes(plan: PlanVanAanpak) -> list[HintCode]:
    return [hint.code for hint in smart_hints(plan)]


# --- SMART hints --------------------------------------------------------------------------


def test_a_complete_plan_gets_no_hints() -> None:
    assert smart_hints(make_plan(smart_goal())) == []


GOAL_CASES = [
    ("no deadline", {"deadline": None}, HintCode.GOAL_NO_DEADLINE, Severity.WARNING),
    ("no indicator", {"indicator": "  "}, HintCode.GOAL_NO_INDICATOR, Severity.WARNING),
    ("nobody agreed", {"agreed_by": ()}, HintCode.GOAL_NOT_AGREED, Severity.WARNING),
    ("blank agreement", {"agreed_by": (" ",)}, HintCode.GOAL_NOT_AGREED, Severity.WARNING),
    ("no description", {"description": ""}, HintCode.GOAL_NO_DESCRIPTION, Severity.WARNING),
    ("vague", {"description": "Het moet beter gaan met Zoë"}, HintCode.GOAL_VAGUE,
     Severity.INFO),
]


@pytest.mark.parametrize(("label", "changes", "code", "severity"), GOAL_CASES,
                         ids=[c[0] for c in GOAL_CASES])
def test_goal_hints(label: str, changes: dict[str, object], code: HintCode,
                    severity: Severity) -> None:
    goal = smart_goal(**changes)
    hints = smart_hints(make_plan(goal))
    assert [(h.code, h.severity, h.goal_id, h.where) for h in hints] == [
        (code, severity, goal.id, "Doel 1")
    ]
    assert hints[0].message  # a Dutch sentence the user can act on


ACTION_CASES = [
    ("no owner", {"owner": None}, HintCode.ACTION_NO_OWNER),
    ("owner without name", {"owner": Owner(name=" ")}, HintCode.ACTION_NO_OWNER),
    ("no due date", {"due": None}, HintCode.ACTION_NO_DUE),
    ("due after goal deadline", {"due": date(2026, 4, 1)}, HintCode.ACTION_AFTER_DEADLINE),
    ("done without date", {"status": ActionStatus.GEDAAN}, HintCode.ACTION_DONE_NO_DATE),
    ("no description", {"what": ""}, HintCode.ACTION_NO_WHAT),
]


@pytest.mark.parametrize(("label", "changes", "code"), ACTION_CASES,
                         ids=[c[0] for c in ACTION_CASES])
def test_action_hints(label: str, changes: dict[str, object], code: HintCode) -> None:
    goal = smart_goal()
    second = replace(goal.actions[1], **changes)  # type: ignore[arg-type]
    goal = replace(goal, actions=(goal.actions[0], second))
    hints = smart_hints(make_plan(goal))
    assert [(h.code, h.severity, h.goal_id, h.action_id, h.where) for h in hints] == [
        (code, Severity.WARNING, goal.id, second.id, "Doel 1, actie 2")
    ]


def test_due_after_deadline_names_both_dates() -> None:
    goal = smart_goal()
    late = replace(goal.actions[0], due=date(2026, 4, 15))
    plan = make_plan(replace(goal, actions=(late,)))
    (hint,) = smart_hints(plan)
    assert "15-04-2026" in hint.message and "31-03-2026" in hint.message


def test_plan_without_evaluation_date_or_goals() -> None:
    assert codes(make_plan(smart_goal(), evaluation_dates=())) == [HintCode.NO_EVALUATION]
    assert codes(make_plan()) == [HintCode.NO_GOALS]


def test_dropped_action_is_left_alone_and_done_action_needs_only_its_date() -> None:
    goal = smart_goal()
    dropped = Action(what="", owner=None, due=None, status=ActionStatus.VERVALLEN)
    done = Action(what="Gesprek", owner=MENTOR, due=None, status=ActionStatus.GEDAAN,
                  done_on=date(2026, 2, 12))
    assert smart_hints(make_plan(replace(goal, actions=(dropped, done)))) == []


def test_hints_follow_goal_order() -> None:
    first, second = smart_goal(deadline=None), smart_goal(indicator="")
    hints = smart_hints(make_plan(first, second))
    assert [(h.where, h.code) for h in hints] == [
        ("Doel 1", HintCode.GOAL_NO_DEADLINE),
        ("Doel 2", HintCode.GOAL_NO_INDICATOR),
    ]


@pytest.mark.parametrize(
    ("description", "word"),
    [
        ("Het moet beter gaan", "beter"),
        ("Zoë gaat meer naar school", "meer"),
        ("Zoë gaat proberen naar school te gaan", "proberen"),
        ("Zo veel mogelijk lessen volgen", "zo veel mogelijk"),
        ("Het gaat goed op school", "goed"),
        ("Zoë gaat vaker naar school", "vaker"),
        ("Zoë gaat drie ochtenden per week naar school", None),
        ("Zoë gaat meer dan 50% van de lessen volgen", None),
        ("Zoë gaat vaker naar school: elke maandagochtend", None),
        ("Zoë gaat vanaf 1 maart beter naar school", None),
        ("Zoë zit twee keer per week in de klas", None),
        ("Zoë volgt weer lessen in het eigen lokaal", None),
        ("Goedkeuring van de school voor een aangepast rooster", None),
    ],
)
def test_vague_wording_heuristic(description: str, word: str | None) -> None:
    assert vague_term(description) == word


# --- the deadline clock's "doelen gesteld" ------------------------------------------------


def test_has_smart_goal_needs_description_indicator_and_deadline() -> None:
    assert make_plan(smart_goal()).has_smart_goal
    assert not make_plan(smart_goal(deadline=None)).has_smart_goal
    assert not make_plan(smart_goal(indicator="")).has_smart_goal
    assert not make_plan(smart_goal(description=" ")).has_smart_goal
    assert make_plan(smart_goal(indicator=""), smart_goal()).has_smart_goal
    assert not make_plan().has_smart_goal


def test_goals_set_date_is_the_first_version_with_a_smart_goal() -> None:
    v1 = make_plan(smart_goal(deadline=None))
    v2 = update_goal(revise(v1, date(2026, 2, 20)), v1.goals[0].id, deadline=date(2026, 4, 1))
    v3 = revise(v2, date(2026, 3, 12))
    assert goals_set_date([v3, v1, v2]) == date(2026, 2, 20)
    assert goals_set_date([v1]) is None


def test_goals_set_after_save_is_set_once() -> None:
    plan = make_plan(smart_goal())
    assert goals_set_after_save(None, plan, date(2026, 2, 14)) == date(2026, 2, 14)
    assert goals_set_after_save(date(2026, 2, 11), plan, date(2026, 2, 14)) == date(2026, 2, 11)
    assert goals_set_after_save(None, make_plan(), date(2026, 2, 14)) is None
    assert goals_set_after_save(date(2026, 2, 11), make_plan(), date(2026, 2, 14)) == date(
        2026, 2, 11
    )


# --- versions and evaluations -------------------------------------------------------------


def test_revise_makes_a_new_version_and_keeps_the_old_one() -> None:
    v1 = make_plan(smart_goal())
    before = plan_to_dict(v1)
    v2 = update_plan(revise(v1, date(2026, 3, 12)), shared_goal="Zoë gaat vier ochtenden")
    assert (v2.version, v2.created, v2.case_id) == (2, date(2026, 3, 12), v1.case_id)
    assert v2.id != v1.id
    assert [g.id for g in v2.goals] == [g.id for g in v1.goals]
    assert plan_to_dict(v1) == before
    assert latest_version([v2, v1]) is v2
    assert latest_version([]) is None


def test_a_version_cannot_be_changed_in_place() -> None:
    plan = make_plan(smart_goal())
    with pytest.raises(FrozenInstanceError):
        plan.shared_goal = "iets anders"  # type: ignore[misc]


def test_revise_cannot_go_back_in_time() -> None:
    with pytest.raises(ValidationError) as info:
        revise(make_plan(), date(2026, 2, 9))
    assert "created" in info.value.errors


def test_record_progress_per_goal() -> None:
    first, second = smart_goal(), smart_goal(description="Zoë praat met de jeugdarts")
    plan = make_plan(first, second)
    on = date(2026, 3, 12)
    evaluated = record_progress(plan, on, {first.id: (GoalProgress.DEELS, " 2 van de 3 ")})
    note = evaluated.goal(first.id).latest_progress
    assert note is not None
    assert (note.on, note.progress, note.text) == (on, GoalProgress.DEELS, "2 van de 3")
    assert evaluated.goal(second.id).progress == ()
    assert plan.goal(first.id).progress == ()  # the evaluated version is a new object
    corrected = record_progress(evaluated, on, {first.id: (GoalProgress.GEHAALD, "3 van de 3")})
    assert [n.progress for n in corrected.goal(first.id).progress] == [GoalProgress.GEHAALD]
    later = record_progress(corrected, date(2026, 4, 9), {first.id: (GoalProgress.GEHAALD, "")})
    assert len(later.goal(first.id).progress) == 2
    assert later.goal(first.id).latest_progress.on == date(2026, 4, 9)  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        record_progress(plan, on, {"unknown": (GoalProgress.LOOPT, "")})


def test_next_evaluation() -> None:
    plan = make_plan(evaluation_dates=(date(2026, 4, 9), date(2026, 3, 12), date(2026, 1, 5)))
    assert plan.next_evaluation(date(2026, 2, 1)) == date(2026, 3, 12)
    assert plan.next_evaluation(date(2026, 3, 12)) == date(2026, 3, 12)
    assert plan.next_evaluation(date(2026, 4, 10)) is None


# --- editing and reordering ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("from_index", "to_index", "expected"),
    [(0, 2, "bca"), (2, 0, "cab"), (1, 1, "abc"), (0, 99, "bca"), (2, -5, "cab")],
)
def test_moved(from_index: int, to_index: int, expected: str) -> None:
    assert "".join(moved("abc", from_index, to_index)) == expected


def test_moved_rejects_a_missing_item() -> None:
    with pytest.raises(IndexError):
        moved("abc", 3, 0)


def test_add_move_and_remove_goals() -> None:
    a, b, c = (smart_goal(description=name) for name in ("A", "B", "C"))
    plan = make_plan(a)
    plan = add_goal(add_goal(plan, c), b, index=1)
    assert [g.description for g in plan.goals] == ["A", "B", "C"]
    moved_plan = move_goal(plan, c.id, 0)
    assert [g.description for g in moved_plan.goals] == ["C", "A", "B"]
    assert [g.description for g in plan.goals] == ["A", "B", "C"]  # old object untouched
    assert [g.description for g in remove_goal(moved_plan, a.id).goals] == ["C", "B"]
    assert add_goal(make_plan()).goals[0].description == ""


def test_add_move_and_remove_actions() -> None:
    goal = smart_goal()
    other = smart_goal(actions=())
    plan = make_plan(goal, other)
    first, second = goal.actions
    swapped = move_action(plan, second.id, 0)
    assert swapped.goal(goal.id).actions == (second, first)
    across = move_action(plan, first.id, 0, to_goal_id=other.id)
    assert across.goal(goal.id).actions == (second,)
    assert across.goal(other.id).actions == (first,)
    added = add_action(plan, goal.id, Action(what="Bellen"), index=1)
    assert [a.what for a in added.goal(goal.id).actions] == [
        "Rooster aanpassen", "Bellen", "Wekker zetten"
    ]
    assert remove_action(plan, first.id).goal(goal.id).actions == (second,)
    assert plan.goal(goal.id).actions == (first, second)


def test_update_fields_and_status() -> None:
    goal = smart_goal()
    action = goal.actions[0]
    plan = make_plan(goal)
    edited = update_action(plan, action.id, what="Rooster met Zoë bespreken")
    assert edited.find_action(action.id)[1].what == "Rooster met Zoë bespreken"
    done = set_action_status(edited, action.id, ActionStatus.GEDAAN, date(2026, 2, 18))
    assert done.find_action(action.id)[1].done_on == date(2026, 2, 18)
    reopened = set_action_status(done, action.id, ActionStatus.OPEN, date(2026, 2, 19))
    assert reopened.find_action(action.id)[1].done_on is None
    assert update_goal(plan, goal.id, realistic=False).goal(goal.id).realistic is False
    assert update_plan(plan, regie=Regie.LEERPLICHT).regie is Regie.LEERPLICHT
    with pytest.raises(ValueError):
        update_plan(plan, version=5)
    with pytest.raises(ValueError):
        update_goal(plan, goal.id, id="x")
    with pytest.raises(ValueError):
        update_action(plan, action.id, id="x")
    with pytest.raises(KeyError):
        update_goal(plan, "missing", description="x")


# --- snapshots ----------------------------------------------------------------------------


def test_round_trip_through_json() -> None:
    goal = smart_goal(realistic=None)
    done = Action(what="Intake", owner=Owner(name="Moeder", kind=OwnerKind.PARENT),
                  status=ActionStatus.GEDAAN, done_on=date(2026, 2, 11))
    goal = replace(goal, actions=(*goal.actions, done, Action()))
    plan = record_progress(
        make_plan(goal, smart_goal(deadline=None), regie=Regie.ANDERS, regie_holder="Kinderarts"),
        date(2026, 3, 12),
        {goal.id: (GoalProgress.LOOPT, "Gaat de goede kant op")},
    )
    plan = revise(plan, date(2026, 3, 12))
    text = json.dumps(plan_to_dict(plan))
    assert plan_from_dict(json.loads(text)) == plan
    assert "Zoë" in json.loads(text)["goals"][0]["description"]


def test_unknown_snapshot_schema_is_refused() -> None:
    data = plan_to_dict(make_plan())
    data["schema"] = 99
    with pytest.raises(ValueError):
        plan_from_dict(data)


def test_goals_set_after_save_starts_again_in_a_new_episode() -> None:
    plan = make_plan(smart_goal())
    reopened = date(2026, 9, 7)
    # The date of the earlier episode stays until a plan with a SMART goal is saved.
    assert goals_set_after_save(date(2026, 3, 20), make_plan(), date(2026, 9, 10),
                                reopened) == date(2026, 3, 20)
    assert goals_set_after_save(date(2026, 3, 20), plan, date(2026, 9, 10),
                                reopened) == date(2026, 9, 10)
    assert goals_set_after_save(date(2026, 9, 10), plan, date(2026, 9, 30),
                                reopened) == date(2026, 9, 10)
