"""Fuzzed form input and import files: a Dutch error or a valid result, never a crash."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.retention import RetentionPolicy
from thuiszitter_desktop.domain.vocab import ContactKind, Onderwijstype, ProfessionalRole
from thuiszitter_desktop.interchange.list_import import ImportField, import_list

TODAY = date(2026, 11, 23)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
texts = st.text(max_size=300)
DUTCH_HINTS = ("de ", "het ", "een ", "vul", "datum", "naam", "kies", "niet", "is ", "jaar")


def assert_dutch(error: ValidationError) -> None:
    assert error.errors, "a validation error names at least one field"
    for message in error.errors.values():
        assert message.strip()
        assert any(hint in message.lower() for hint in DUTCH_HINTS), message


@FUZZ
@given(first=texts, last=texts, birth=dates, school=texts, address=texts,
       kind=st.sampled_from(list(Onderwijstype)))
def test_pupil_form(first: str, last: str, birth: date, school: str, address: str,
                    kind: Onderwijstype) -> None:
    pupil = Pupil(first_name=first, last_name=last, birth_date=birth, school=school,
                  address=address, onderwijstype=kind)
    try:
        pupil.validate(TODAY)
    except ValidationError as exc:
        assert_dutch(exc)
    else:
        assert first.strip() and last.strip() and birth <= TODAY


@FUZZ
@given(aanmelding=dates, home=st.one_of(st.none(), dates), pct=st.integers(-1000, 1000),
       notes=texts)
def test_case_form(aanmelding: date, home: date | None, pct: int, notes: str) -> None:
    case = Case(pupil_id="p", aanmelding_date=aanmelding, home_since=home,
                education_percentage=pct, notes=notes)
    try:
        case.validate(TODAY)
    except ValidationError as exc:
        assert_dutch(exc)
    else:
        assert 0 <= case.education_percentage <= 100


@FUZZ
@given(on=dates, participants=texts, notes=texts, kind=st.sampled_from(list(ContactKind)),
       name=texts, email=texts, phone=texts, role=st.sampled_from(list(ProfessionalRole)))
def test_contact_and_professional_forms(on: date, participants: str, notes: str,
                                        kind: ContactKind, name: str, email: str, phone: str,
                                        role: ProfessionalRole) -> None:
    contact = ContactMoment(case_id="c", on=on, kind=kind, participants=participants,
                            notes=notes)
    try:
        contact.validate(TODAY)
    except ValidationError as exc:
        assert_dutch(exc)
    person = InvolvedProfessional(case_id="c", name=name, role=role, email=email, phone=phone)
    try:
        person.validate()
    except ValidationError as exc:
        assert_dutch(exc)
    else:
        assert name.strip()


@FUZZ
@given(values=st.lists(st.integers(-10**6, 10**6), min_size=4, max_size=4))
def test_retention_settings(values: list[int]) -> None:
    policy = RetentionPolicy(*values)
    try:
        policy.validate()
    except ValidationError as exc:
        assert_dutch(exc)
    else:
        assert all(0 <= v <= 100 for v in values)


MAPPING = {"Naam": ImportField.from_name(next(iter(ImportField.__members__)))}


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=1000).map(lambda t: ("Naam;Geboortedatum\n" + t).encode("utf-8")),
    st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                              max_size=20), min_size=1, max_size=4), max_size=10)
    .map(lambda rows: "\n".join(";".join(r) for r in rows).encode("cp1252", "replace")),
))
def test_import_files(data: bytes) -> None:
    try:
        parsed = import_list(data, MAPPING)
    except UserError as exc:
        assert exc.message.strip()
    else:
        assert all(p.row is not None and p.message.strip() for p in parsed.problems)
