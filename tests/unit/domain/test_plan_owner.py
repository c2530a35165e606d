"""Who an action is for: a registered parent stays a parent, whatever the spelling."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.mdo import MdoAction
from thuiszitter_desktop.domain.mdo_plan import plan_with_mdo_actions
from thuiszitter_desktop.domain.plan import Owner, OwnerKind
from thuiszitter_desktop.domain.plan_owner import owner_for

PEOPLE = [Owner(name="Sem de Vries", kind=OwnerKind.PROFESSIONAL, person_id="p1"),
          Owner(name="Fatma Çelik", kind=OwnerKind.PARENT),
          Owner(name="Zoë Çelik-d'Hondt", kind=OwnerKind.PUPIL)]


def test_a_known_person_keeps_their_kind_with_any_spelling() -> None:
    assert owner_for("fatma  celik", PEOPLE) == PEOPLE[1]
    assert owner_for("Sem de Vries", PEOPLE).person_id == "p1"
    assert owner_for("ZOE CELIK-D'HONDT", PEOPLE).kind is OwnerKind.PUPIL


def test_words_tell_the_kind_and_a_new_name_is_a_professional() -> None:
    assert owner_for("Moeder", PEOPLE).kind is OwnerKind.PARENT
    assert owner_for("pleegouders").kind is OwnerKind.PARENT
    assert owner_for("leerling").kind is OwnerKind.PUPIL
    assert owner_for("Kees Mulder", PEOPLE).kind is OwnerKind.PROFESSIONAL
    assert owner_for("Kees Mulder", PEOPLE, OwnerKind.PARENT).kind is OwnerKind.PARENT


def test_mdo_actions_for_a_registered_parent_go_into_the_plan_as_a_parent() -> None:
    plan = plan_with_mdo_actions(None, "c1", date(2026, 12, 1), [
        MdoAction("Fatma Çelik", "Zoë 's ochtends naar school brengen", date(2026, 12, 8)),
        MdoAction("Kees Mulder", "Plek op het so navragen", date(2026, 12, 15))], PEOPLE)
    kinds = [a.owner.kind for a in plan.goals[0].actions if a.owner is not None]
    assert kinds == [OwnerKind.PARENT, OwnerKind.PROFESSIONAL]
