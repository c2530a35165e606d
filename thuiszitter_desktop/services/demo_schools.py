"""The demo's schools as records and what the schools add (issue 21), all fictitious.

Every demo school gets a record: its name, a code that only looks like a BRIN number (all in
the invented range 99Z…, vestiging 00) and one of the demo's invented gemeenten. Saving a
pupil links the typed school to the record of the same name (``domain.school.linked_school``);
one school's record has a longer name than its pupils' typed one, so those wait in *Scholen
koppelen…* with the record as suggestion. Sharing with school is agreed on most
cases, not (yet) on some, only by the parents of a pupil of 16 or older on a few (so the
school does not see them) and withdrawn on a few; some shared cases carry the school's input
and a question for the MDO, so the case's School tab shows what a zorgcoördinator adds.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import Enum

from sqlalchemy import Connection

from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE
from thuiszitter_desktop.domain.school import School
from thuiszitter_desktop.domain.school_share import MdoProposal, SchoolInput
from thuiszitter_desktop.domain.ziekteverzuim import previous_school_day
from thuiszitter_desktop.services.demo_case import DemoCase
from thuiszitter_desktop.storage import repo_school

# Record name -> (invented BRIN-like code, gemeente); the names are those of demo.SCHOOLS,
# but for the one whose pupils are not linked yet.
SCHOOL_RECORDS = {
    "OBS De Regenboog": ("99ZA", "Rivierstad"),
    "CBS Het Kompas": ("99ZB", "Polderdorp"),
    "Stedelijk Lyceum Zuid": ("99ZC", "Rivierstad"),
    "Noorderlicht College": ("99ZD", "Heuvelrug-Oost"),
    "SO De Wissel": ("99ZE", "Rivierstad"),
    "VSO De Horizon": ("99ZF", "Polderdorp"),
    "Praktijkschool De Brug Oost": ("99ZG", "Heuvelrug-Oost"),  # typed "Praktijkschool De Brug"
}
# Each school's (invented) zorgcoördinator, by the school as typed on its pupils.
ZORGCOORDINATOREN = {
    "OBS De Regenboog": "Ilse Verhoef", "CBS Het Kompas": "Karim Bennani",
    "Stedelijk Lyceum Zuid": "Marloes Dijkman", "Noorderlicht College": "Tim Okafor",
    "SO De Wissel": "Hanneke Kool", "VSO De Horizon": "Sanne Wubben",
    "Praktijkschool De Brug": "Ruud Mertens",
}


class Sharing(Enum):
    """Whether the demo case's sharing with school is agreed (DOMAIN.md, consent)."""

    AGREED = "agreed"
    NOT_ASKED = "not asked"  # no consent recorded (yet)
    PARENTS_ONLY = "parents only"  # 16 or older: the pupil has not agreed
    WITHDRAWN = "withdrawn"


def sixteen_or_older(item: DemoCase) -> bool:
    return item.pupil.age(item.case.aanmelding_date) >= PUPIL_CONSENT_AGE


def sharing_for(item: DemoCase, index: int) -> Sharing:
    if index % 6 == 5:
        return Sharing.NOT_ASKED
    if sixteen_or_older(item) and index % 4 == 0:
        return Sharing.PARENTS_ONLY
    if index % 13 == 4:
        return Sharing.WITHDRAWN
    return Sharing.AGREED


def school_records() -> list[School]:
    return [School(name=name, brin=code, vestiging="00", gemeente=gemeente)
            for name, (code, gemeente) in SCHOOL_RECORDS.items()]


def save_schools(conn: Connection, now: datetime) -> None:
    """Before the pupils: saving a pupil links it to the record its school text names."""
    for school in school_records():
        repo_school.save_school(conn, school, now)


def save_school_side(conn: Connection, item: DemoCase, index: int, today: date,
                     now: datetime) -> None:
    """What the school added for a shared, open case: input on some, a question on others
    (after the pupil is saved, which set its ``school_id``)."""
    case = item.case
    if (item.pupil.school_id is None or not case.is_open or case.first_contact_date is None
            or sharing_for(item, index) is not Sharing.AGREED):
        return
    written_by = f"{ZORGCOORDINATOREN[item.pupil.school]} (zorgcoördinator)"
    if index % 5 == 3:
        repo_school.save_input(conn, SchoolInput(
            case_id=case.id, on_date=previous_school_day(today - timedelta(days=2)),
            attendance=("Was deze week twee ochtenden op school, de andere dagen ziek gemeld."
                        if index % 2 else "Komt sinds de herfstvakantie niet meer."),
            tried="Aangepast rooster, vaste mentor en een rustige plek in de mediatheek.",
            needs="Een vast aanspreekpunt bij de jeugdhulp en een plan voor de overstap.",
            written_by=written_by), now)
    if index % 10 == 7:  # a stagnating case: the school asks the MDO to think along
        repo_school.save_proposal(conn, MdoProposal(
            case_id=case.id, proposed_by=written_by,
            proposed_on=previous_school_day(today - timedelta(days=1)),
            question="Het rooster loopt vast. Kan het MDO meedenken over een andere plek in "
                     "de school of een tijdelijk aanbod buiten school?"), now)
