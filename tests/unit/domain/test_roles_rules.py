"""The rules of team roles (issue 21): school records, small cells, what school staff see."""

from __future__ import annotations

import json
from datetime import date

import pytest

from thuiszitter_desktop.domain import small_cells
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.roles import (
    SCHOOL_READS,
    Role,
    role_line,
    school_may_still_see,
    school_plan,
)
from thuiszitter_desktop.domain.school import School, linked_school, suggestions
from thuiszitter_desktop.domain.school_share import MdoProposal, SchoolInput

REGENBOOG = School(name="OBS De Regenboog", brin="12AB", vestiging="00", gemeente="Utrecht")
REGENBOOG_ZEIST = School(name="De Regenboog", brin="12AB", vestiging="01", gemeente="Zeist")
BAKEN = School(name="Het Baken", brin="34CD")
SCHOOLS = [REGENBOOG, REGENBOOG_ZEIST, BAKEN]


def test_a_typed_school_is_matched_by_the_list_matching_rule() -> None:
    found = [m.school.name for m in suggestions("obs de regenboog", SCHOOLS)]
    assert found[0] == "OBS De Regenboog" and "Het Baken" not in found
    assert suggestions("Regenboog 12AB01", SCHOOLS)[0].school is REGENBOOG_ZEIST
    assert suggestions("Het Bäken", SCHOOLS)[0].school is BAKEN  # folded like names
    assert suggestions("Montessori Noord", SCHOOLS) == []


def test_a_school_record_is_checked_in_dutch() -> None:
    with pytest.raises(ValidationError) as refused:
        School(name=" ", brin="12A", vestiging="1").validate()
    assert set(refused.value.errors) == {"name", "brin", "vestiging"}
    assert "twee cijfers en twee letters" in refused.value.errors["brin"]
    School(name="Het Baken").validate()  # BRIN unknown: fine
    assert REGENBOOG.label == "OBS De Regenboog (12AB00, Utrecht)"


def test_a_pupil_is_linked_only_to_a_school_it_names_exactly() -> None:
    assert linked_school("obs de regenboog", None, None, SCHOOLS) == REGENBOOG.id
    assert linked_school("Regenboog", None, None, SCHOOLS) is None  # plausible, not exact
    # Mapped before in Scholen koppelen and the text left alone: the link stays.
    assert linked_school("Regenboog", BAKEN.id, "Regenboog", SCHOOLS) == BAKEN.id
    assert linked_school("Andere school", BAKEN.id, "Regenboog", SCHOOLS) is None
    assert linked_school("", BAKEN.id, "", SCHOOLS) is None


def test_a_small_number_never_shows() -> None:
    assert [small_cells.count(n) for n in (1, 4, 5, 12)] == ["< 5", "< 5", "5", "12"]
    assert small_cells.count(0) == "< 5" and small_cells.count(4) == "< 5"
    assert small_cells.count(5) == "5"
    assert small_cells.share(3, 20) == "< 5"  # three pupils
    assert small_cells.share(18, 20) == "< 5"  # the two others
    assert small_cells.share(10, 20) == "50%"
    assert small_cells.average(30.25, 4) == "< 5" and small_cells.average(30.25, 6) == "30,2"


def test_the_school_sees_goals_and_agreements_but_not_risks_or_the_pupils_words() -> None:
    document = json.dumps({"shared_goal": "Terug naar school", "risk_factors": ["Angst"],
                           "protective_factors": ["Sport"], "pupil_voice": "Ik ben bang",
                           "goals": [{"description": "Twee uur per dag", "actions": [
                               {"what": "Rustige plek"}],
                                      "progress": [{"on": "2026-11-01", "text": "Ziek"}]}]})
    shown = json.loads(school_plan(document))
    assert shown["goals"][0]["actions"] == [{"what": "Rustige plek"}]
    assert shown["shared_goal"] == "Terug naar school"
    assert shown["risk_factors"] == [] and shown["protective_factors"] == []
    assert shown["pupil_voice"] == "" and shown["goals"][0]["progress"][0]["text"] == ""
    assert school_plan("geen json") == "{}"


def test_school_staff_never_receive_health_notes_or_the_family_log() -> None:
    assert "notes" not in SCHOOL_READS["cases"] and "address" not in SCHOOL_READS["pupils"]
    for health in ("ondersteuningsvraag", "huidige_situatie", "vrijstelling_advies"):
        assert health not in SCHOOL_READS["cases"]
    for table in ("intakes", "contact_moments", "terugkoppelingen", "aanmeldingen"):
        assert table not in SCHOOL_READS


def test_a_closed_case_leaves_the_school_after_the_follow_up_year() -> None:
    today = date(2026, 11, 23)
    assert school_may_still_see(None, False, today)
    assert school_may_still_see(date(2025, 12, 1), False, today)
    assert not school_may_still_see(date(2025, 11, 1), False, today)
    assert not school_may_still_see(None, True, today)  # anonymised


def test_roles_read_as_typed_and_show_in_dutch() -> None:
    assert Role.parse("zorgcoordinator") is Role.ZORGCOORDINATOR
    assert Role.parse("Zorgcoördinator") is Role.ZORGCOORDINATOR
    assert Role.parse(None) is Role.CONSULENT
    assert role_line("Sem de Vries", Role.ZORGCOORDINATOR) == "Sem de Vries · Zorgcoördinator"


def test_a_proposal_and_the_schools_input_need_content() -> None:
    today = date(2026, 11, 23)
    with pytest.raises(ValidationError, match="vraag voor het MDO"):
        MdoProposal(case_id="c", question="  ", proposed_by="Sem", proposed_on=today
                    ).validate(today)
    with pytest.raises(ValidationError, match="minstens één"):
        SchoolInput(case_id="c", on_date=today).validate(today)
    SchoolInput(case_id="c", on_date=today, tried="Rustige plek 🙂").validate(today)
