"""Team roles and what each may see and write (issue 21; DOMAIN.md "Working as a team").

- *consulent*: the team's whole caseload, every field;
- *zorgcoördinator* for one or more schools: only pupils of those schools whose sharing with
  school is agreed (parents, and from 16 the pupil: ``consent.Step.SCHOOL``), and of those only
  the fields below: never health details, the intake, private notes or the family's contact
  log. Writes only MDO proposals and the school's input;
- *teamleider*: no pupil rows at all; the team's figures come from the server, every cell
  below ``SMALL_CELL`` shown as "< 5" (``domain/small_cells``).

The server enforces these lists (``server/scope.py``); they are allow-lists, so a table or
column added later is withheld from school staff until it is listed here on purpose.
docs/wie-ziet-wat.md is the same table in Dutch for the privacy officer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from thuiszitter_desktop.domain.vocab import Labelled


class Role(Labelled):
    CONSULENT = "Consulent"
    ZORGCOORDINATOR = "Zorgcoördinator"
    TEAMLEIDER = "Teamleider"

    @property
    def command_name(self) -> str:
        """As the administrator types it: ``--role zorgcoordinator``."""
        return self.name.lower()

    @staticmethod
    def parse(text: str | None) -> Role:
        """A stored or typed role; unknown or empty reads as consulent (a team before roles)."""
        wanted = (text or "").strip().upper().replace("Ö", "O")
        return Role.__members__.get(wanted, Role.CONSULENT)


# A closed case stays with the school for the follow-up year (seed 001: "Tot een jaar later
# wordt er gekeken hoe het gaat"), then leaves its device; an anonymised case leaves at once.
SCHOOL_SEES_CLOSED_FOR = timedelta(days=365)


def school_may_still_see(closed_on: date | None, anonymised: bool, today: date) -> bool:
    if anonymised:
        return False
    return closed_on is None or today - closed_on <= SCHOOL_SEES_CLOSED_FOR


_PUPIL = frozenset({"first_name", "last_name", "birth_date", "school", "school_id", "leerjaar",
                    "onderwijstype", "gemeente", "swv"})
_CASE = frozenset({"pupil_id", "aanmelding_date", "home_since", "verzuim_type",
                   "education_percentage", "regie", "casusverantwoordelijke", "consulent",
                   "stage", "first_contact_date", "goals_set_date", "passend_aanbod_date",
                   "wachtlijst", "closed_on", "closing_reason", "opp_status", "opp_date",
                   "opp_review_date", "kearney_tier"})

# Per table the columns (besides id and the record bookkeeping) a zorgcoördinator receives.
SCHOOL_READS: Mapping[str, frozenset[str]] = {
    "schools": frozenset({"name", "brin", "vestiging", "gemeente"}),
    "pupils": _PUPIL,
    "cases": _CASE,
    "consents": frozenset({"case_id", "purpose", "giver", "on_date", "method", "given_by",
                           "withdrawn_on"}),
    "plan_versions": frozenset({"case_id", "number", "created_on", "has_smart_goal",
                                "document"}),
    "mdo_meetings": frozenset({"on_date", "start_time", "location", "video_link", "chair",
                               "school", "next_mdo_date"}),
    "mdo_participants": frozenset({"mdo_id", "position", "name", "role", "role_other",
                                   "organisation", "case_id", "consent_covers_attendance",
                                   "attended"}),
    "mdo_items": frozenset({"mdo_id", "case_id", "position", "question", "reasons",
                            "discussed", "outcome"}),
    "mdo_proposals": frozenset({"case_id", "question", "proposed_by", "proposed_on", "status",
                                "mdo_id"}),
    "school_inputs": frozenset({"case_id", "on_date", "attendance", "tried", "needs",
                                "written_by"}),
}
# Consent records a school sees: whether sharing and an MDO discussion were agreed.
SCHOOL_CONSENT_PURPOSES = frozenset({"SCHOOL", "MDO"})

# What a zorgcoördinator may write (insert, change, delete), for pupils in scope only.
SCHOOL_WRITES: Mapping[str, frozenset[str]] = {
    "mdo_proposals": frozenset({"case_id", "question", "proposed_by", "proposed_on",
                                "status"}),
    "school_inputs": SCHOOL_READS["school_inputs"],
}


def reads(role: Role) -> Mapping[str, frozenset[str]] | None:
    """Columns per table the role receives; None: everything (consulent)."""
    if role is Role.CONSULENT:
        return None
    return SCHOOL_READS if role is Role.ZORGCOORDINATOR else {}


def writes(role: Role) -> Mapping[str, frozenset[str]] | None:
    if role is Role.CONSULENT:
        return None
    return SCHOOL_WRITES if role is Role.ZORGCOORDINATOR else {}


def school_plan(document: str) -> str:
    """A plan version as the school sees it: the shared goal, the goals with their actions
    and deadlines, regie and evaluation dates. Risk and protective factors, the pupil's own
    words and the text of progress notes stay with the consulent (they may hold health)."""
    try:
        data = json.loads(document)
    except ValueError:
        return "{}"
    if not isinstance(data, dict):
        return "{}"
    data["risk_factors"] = []
    data["protective_factors"] = []
    data["pupil_voice"] = ""
    for goal in data.get("goals") or []:
        for note in goal.get("progress") or []:
            note["text"] = ""
    return json.dumps(data, ensure_ascii=False)


# Values that are reshaped, not only selected, before they reach school staff.
SCHOOL_TRANSFORMS: Mapping[tuple[str, str], Callable[[Any], Any]] = {
    ("plan_versions", "document"): lambda value: school_plan(str(value or "{}")),
}


def role_line(name: str, role: Role) -> str:
    """'Sem de Vries · Zorgcoördinator': the user's name with the role's Dutch name."""
    return f"{name} · {role.label}" if name.strip() else role.label
