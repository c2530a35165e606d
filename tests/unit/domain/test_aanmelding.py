"""The aanmelding: validation messages per field, consent rules, route remarks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport

REPORT_DATE = date(2026, 11, 16)


def given(by: str = "moeder") -> Consent:
    return Consent(given=True, on=date(2026, 11, 12), method=ConsentMethod.MONDELING,
                   given_by=by)


def make(**changes: object) -> Aanmelding:
    aanmelding = Aanmelding(
        report_date=REPORT_DATE,
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries",
                          email="s.devries@hetbaken.example"),
        pupil=Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                    school="Het Baken", leerjaar="2", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        route=AanmeldRoute.ZIEKTEVERZUIM,
        sick_reports=[SickReport(date(2026, 11, 2), date(2026, 11, 13))],
        education_percentage=20,
        education_since=date(2026, 11, 2),
        school_actions="Mentor heeft twee keer gebeld.",
        parental_consent=given(),
    )
    for name, value in changes.items():
        setattr(aanmelding, name, value)
    return aanmelding


def errors_of(aanmelding: Aanmelding, today: date) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        aanmelding.validate(today)
    return info.value.errors


def test_complete_aanmelding_is_valid(today: date) -> None:
    make().validate(today)


def _pupil(**changes: object) -> Callable[[Aanmelding], None]:
    def apply(a: Aanmelding) -> None:
        for name, value in changes.items():
            setattr(a.pupil, name, value)
    return apply


def _set(**changes: object) -> Callable[[Aanmelding], None]:
    def apply(a: Aanmelding) -> None:
        for name, value in changes.items():
            setattr(a, name, value)
    return apply


INVALID: list[tuple[str, Callable[[Aanmelding], None], str, str]] = [
    ("report in future", _set(report_date=date(2026, 11, 24)), "report_date", "toekomst"),
    ("no first name", _pupil(first_name=" "), "pupil.first_name", "voornaam"),
    ("no last name", _pupil(last_name=""), "pupil.last_name", "achternaam"),
    ("birth in future", _pupil(birth_date=date(2027, 1, 1)), "pupil.birth_date", "toekomst"),
    ("aged 3", _pupil(birth_date=date(2023, 1, 1)), "pupil.birth_date", "3 jaar"),
    ("aged 19", _pupil(birth_date=date(2007, 11, 16)), "pupil.birth_date", "19 jaar"),
    ("no school", _pupil(school=""), "pupil.school", "school"),
    ("no onderwijstype", _pupil(onderwijstype=Onderwijstype.GEEN), "pupil.onderwijstype",
     "type onderwijs"),
    ("no reporter", lambda a: setattr(a.reporter, "school", ""), "reporter.school", "school"),
    ("no contact", lambda a: setattr(a.reporter, "contact_name", ""), "reporter.contact_name",
     "contactpersoon"),
    ("bad reporter mail", lambda a: setattr(a.reporter, "email", "sem@"), "reporter.email",
     "e-mailadres"),
    ("no parents", _set(parents=[]), "parents", "ouder"),
    ("parent without name", lambda a: setattr(a.parents[0], "name", ""), "parents.0.name",
     "naam"),
    ("parent unreachable", lambda a: setattr(a.parents[0], "phone", ""), "parents.0.phone",
     "telefoonnummer of e-mailadres"),
    ("parent bad mail", lambda a: setattr(a.parents[0], "email", "fatma.nl"), "parents.0.email",
     "e-mailadres"),
    ("percentage negative", _set(education_percentage=-1), "education_percentage",
     "tussen 0 en 100"),
    ("percentage 101", _set(education_percentage=101), "education_percentage",
     "tussen 0 en 100"),
    ("percentage missing", _set(education_percentage=None), "education_percentage", "procent"),
    ("since in future", _set(education_since=date(2026, 12, 1)), "education_since", "toekomst"),
    ("since after report", _set(education_since=date(2026, 11, 20)), "education_since",
     "na de datum van aanmelding"),
    ("sick end before start", _set(sick_reports=[SickReport(date(2026, 11, 5),
                                                            date(2026, 11, 4))]),
     "sick_reports.0.end", "vóór de begindatum"),
    ("sick start after report", _set(sick_reports=[SickReport(date(2026, 11, 18))]),
     "sick_reports.0.start", "na de datum van aanmelding"),
    ("sick start in future", _set(sick_reports=[SickReport(date(2026, 11, 30))]),
     "sick_reports.0.start", "toekomst"),
    ("sick end in future", _set(sick_reports=[SickReport(date(2026, 11, 2),
                                                         date(2026, 11, 30))]),
     "sick_reports.0.end", "toekomst"),
    ("sick route without reports", _set(sick_reports=[]), "sick_reports", "criterium 4"),
    ("criterion 4 without note", _set(confirmed_criteria={SickCriterion.OPVALLEND}),
     "criterion_4_note", "opvallend"),
    ("langdurig without since", _set(route=AanmeldRoute.GEOORLOOFD_LANGDURIG,
                                     education_since=None), "education_since", "sinds wanneer"),
    ("consent without date", lambda a: setattr(a.parental_consent, "on", None),
     "parental_consent.on", "datum"),
    ("consent in future", lambda a: setattr(a.parental_consent, "on", date(2026, 12, 1)),
     "parental_consent.on", "toekomst"),
    ("consent without way", lambda a: setattr(a.parental_consent, "method", None),
     "parental_consent.method", "mondeling, schriftelijk of via school"),
    ("consent without giver", lambda a: setattr(a.parental_consent, "given_by", " "),
     "parental_consent.given_by", "wie"),
    ("pupil consent incomplete", _set(pupil_consent=Consent(given=True)),
     "pupil_consent.on", "datum"),
]


@pytest.mark.parametrize(("mutate", "key", "fragment"), [case[1:] for case in INVALID],
                         ids=[case[0] for case in INVALID])
def test_invalid_field_gets_a_dutch_message(
    today: date, mutate: Callable[[Aanmelding], None], key: str, fragment: str
) -> None:
    aanmelding = make()
    mutate(aanmelding)
    errors = errors_of(aanmelding, today)
    assert fragment in errors[key]


def test_all_problems_are_reported_at_once(today: date) -> None:
    aanmelding = make(parents=[], education_percentage=150)
    aanmelding.pupil.first_name = ""
    assert {"parents", "education_percentage", "pupil.first_name"} <= set(
        errors_of(aanmelding, today))


@pytest.mark.parametrize(
    ("route", "school", "contact"),
    [
        (AanmeldRoute.ABSOLUUT_VERZUIM, "", "Sem de Vries"),  # not enrolled: no school
        (AanmeldRoute.DUO, "Het Baken", ""),  # DUO reports without a school contact
    ],
)
def test_routes_that_need_less(today: date, route: AanmeldRoute, school: str,
                               contact: str) -> None:
    aanmelding = make(route=route, sick_reports=[])
    aanmelding.pupil.school = school
    aanmelding.pupil.onderwijstype = Onderwijstype.GEEN if not school else Onderwijstype.VO
    aanmelding.reporter.contact_name = contact
    if route is AanmeldRoute.DUO:
        aanmelding.reporter.school = "DUO"
    aanmelding.validate(today)


def test_criterion_4_with_note_replaces_sick_reports(today: date) -> None:
    make(sick_reports=[], confirmed_criteria={SickCriterion.OPVALLEND},
         criterion_4_note="Gaat bijna elke week ziek naar huis.").validate(today)


@pytest.mark.parametrize(
    ("route", "birth_date", "parental", "pupil", "blocked"),
    [
        (AanmeldRoute.ZIEKTEVERZUIM, date(2012, 4, 3), False, False, True),
        (AanmeldRoute.GEOORLOOFD_LANGDURIG, date(2012, 4, 3), False, False, True),
        (AanmeldRoute.ZIEKTEVERZUIM, date(2012, 4, 3), True, False, False),
        # 16 on the report date itself: the pupil's own consent is needed
        (AanmeldRoute.ZIEKTEVERZUIM, date(2010, 11, 16), True, False, True),
        (AanmeldRoute.ZIEKTEVERZUIM, date(2010, 11, 16), True, True, False),
        # turns 16 the day after the report: parents' consent is enough
        (AanmeldRoute.ZIEKTEVERZUIM, date(2010, 11, 17), True, False, False),
        # routes that are not geoorloofd do not wait for consent
        (AanmeldRoute.DUO, date(2010, 11, 16), False, False, False),
        (AanmeldRoute.ABSOLUUT_VERZUIM, date(2012, 4, 3), False, False, False),
        (AanmeldRoute.GESCHORST, date(2012, 4, 3), False, False, False),
    ],
)
def test_next_steps_wait_for_required_consent(
    route: AanmeldRoute, birth_date: date, parental: bool, pupil: bool, blocked: bool
) -> None:
    aanmelding = make(route=route,
                      parental_consent=given() if parental else Consent(),
                      pupil_consent=given("Zoë zelf") if pupil else Consent())
    aanmelding.pupil.birth_date = birth_date
    assert aanmelding.next_steps_blocked() is blocked
    assert bool(aanmelding.blocking_reasons()) is blocked


def test_block_reasons_say_why_in_dutch() -> None:
    aanmelding = make(parental_consent=Consent())
    aanmelding.pupil.birth_date = date(2010, 1, 1)
    reasons = aanmelding.blocking_reasons()
    assert len(reasons) == 2
    assert "ouders" in reasons[0] and "vastleggen" in reasons[0]
    assert reasons[1].startswith("Zoë is 16 jaar")


def test_registering_without_consent_is_still_valid(today: date) -> None:
    aanmelding = make(parental_consent=Consent())
    aanmelding.validate(today)
    assert aanmelding.next_steps_blocked()


def test_computed_criteria_follow_the_sick_reports() -> None:
    results = {r.criterion: r.holds for r in make().computed_criteria()}
    # 2..13 November: 10 school days in a row, and more than four days this month
    assert results == {SickCriterion.KORT_HERHAALD: False,
                       SickCriterion.LANG_ONDUIDELIJK: False,
                       SickCriterion.VERSPREID_MAAND: True}


def test_route_notes_flag_a_confirmed_criterion_the_reports_do_not_show() -> None:
    notes = make(confirmed_criteria={SickCriterion.LANG_ONDUIDELIJK}).route_notes()
    assert notes == ["Criterium 2 is aangevinkt, maar volgt niet uit de ingevulde "
                     "ziekmeldingen."]


def test_route_notes_for_langdurig_route_that_does_not_fit() -> None:
    notes = make(route=AanmeldRoute.GEOORLOOFD_LANGDURIG, education_percentage=60,
                 education_since=date(2026, 11, 1)).route_notes()
    assert any("60%" in n for n in notes)
    assert any("nog geen 4 weken" in n for n in notes)
    fits = make(route=AanmeldRoute.GEOORLOOFD_LANGDURIG, education_percentage=20,
                education_since=date(2026, 10, 1))
    assert fits.route_notes() == []


@pytest.mark.parametrize(
    ("route", "verzuim"),
    [
        (AanmeldRoute.ZIEKTEVERZUIM, VerzuimType.GEOORLOOFD),
        (AanmeldRoute.GEOORLOOFD_LANGDURIG, VerzuimType.GEOORLOOFD),
        (AanmeldRoute.DUO, VerzuimType.ONGEOORLOOFD),
        (AanmeldRoute.ABSOLUUT_VERZUIM, VerzuimType.ABSOLUUT),
        (AanmeldRoute.VRIJSTELLING_5A, VerzuimType.VRIJSTELLING_5A),
        (AanmeldRoute.GESCHORST, VerzuimType.GESCHORST),
    ],
)
def test_route_sets_the_type_of_verzuim(route: AanmeldRoute, verzuim: VerzuimType) -> None:
    assert route.verzuim_type is verzuim
