"""Matching an imported list to the caseload: typos, diacritics, swapped names, twins."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.reconcile import (
    Coverage,
    DifferenceKind,
    ListEntry,
    near_misses,
    reconcile,
    status_as_verzuim,
)
from thuiszitter_desktop.domain.vocab import ClosingReason, VerzuimType

BIRTH = date(2013, 4, 12)


def ours(first: str, last: str, birth: date = BIRTH, school: str = "De Regenboog",
         **case_fields: object) -> tuple[Pupil, Case]:
    pupil = Pupil(first_name=first, last_name=last, birth_date=birth, school=school)
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1),
                **case_fields)  # type: ignore[arg-type]
    return pupil, case


def row(n: int, first: str, last: str, birth: date = BIRTH, school: str = "De Regenboog",
        status: str = "") -> ListEntry:
    return ListEntry(row_number=n, first_name=first, last_name=last, birth_date=birth,
                     school=school, status=status)


@pytest.mark.parametrize(
    ("list_first", "list_last", "certain"),
    [
        ("Zoë", "Çelik-d'Hondt", True),        # identical
        ("Zoe", "Celik-d'Hondt", True),         # diacritics dropped
        ("ZOË", "ÇELIK-D'HONDT", True),         # capitals
        ("Zoe", "Celik d'Hondt", True),         # hyphen dropped
        ("Zoë", "Celik", False),                # only the first part of a double name
        ("Zeo", "Çelik-d'Hondt", False),        # typo
        ("Çelik-d'Hondt", "Zoë", False),        # first and last name swapped
        ("Z.", "Çelik-d'Hondt", False),         # initial
    ],
)
def test_name_variants_match_for_certain_or_probably(list_first: str, list_last: str,
                                                     certain: bool) -> None:
    pupil = ours("Zoë", "Çelik-d'Hondt")
    result = reconcile([row(2, list_first, list_last)], [pupil])
    found = result.in_both if certain else result.probable
    assert [m.pupil.id for m in found] == [pupil[0].id]
    assert len(result.in_both) + len(result.probable) == 1
    assert result.only_in_list == () and result.only_in_caseload == ()
    assert result.coverage.in_both == (1 if certain else 0)


def test_a_probable_match_counts_only_once_confirmed() -> None:
    pupil = ours("Sem", "de Vries")
    entries = [row(2, "Sme", "de Vries")]
    waiting = reconcile(entries, [pupil])
    match = waiting.probable[0]
    assert waiting.in_both == () and waiting.coverage.in_both == 0
    confirmed = reconcile(entries, [pupil], decisions={match.key: True})
    assert [m.key for m in confirmed.in_both] == [match.key] and confirmed.probable == ()
    assert confirmed.coverage.in_both == 1


def test_a_pair_called_different_is_compared_apart() -> None:
    pupil = ours("Sem", "de Vries")
    entries = [row(2, "Sme", "de Vries")]
    match = reconcile(entries, [pupil]).probable[0]
    apart = reconcile(entries, [pupil], decisions={match.key: False})
    assert apart.in_both == () and apart.probable == ()
    assert [e.row_number for e in apart.only_in_list] == [2]
    assert [p.id for p, _ in apart.only_in_caseload] == [pupil[0].id]


def test_near_misses_include_closed_cases_and_looser_spellings() -> None:
    closed = ours("Zoey", "Celik", closed_on=date(2025, 6, 1),
                  closing_reason=ClosingReason.TERUG_OP_SCHOOL)
    other_birth = ours("Zoë", "Çelik-d'Hondt", birth=date(2013, 4, 13))
    stranger = ours("Noah", "Bakker")
    found = near_misses(row(2, "Zoë", "Çelik-d'Hondt"), [closed, other_birth, stranger])
    assert [p.id for p, _ in found] == [closed[0].id]


@pytest.mark.parametrize(
    ("list_first", "list_last"),
    [("Sem", "van der Berg"), ("sem", "Berg"), ("Sem", "Van Den Berg"), ("Semm", "vd Berg")],
)
def test_tussenvoegsels_and_typos(list_first: str, list_last: str) -> None:
    result = reconcile([row(2, list_first, list_last)], [ours("Sem", "van den Berg")])
    assert len(result.in_both) + len(result.probable) == 1


def test_identical_name_needs_no_check_but_typo_does() -> None:
    exact = reconcile([row(2, "Sem", "de Vries")], [ours("Sem", "de Vries")]).in_both[0]
    typo = reconcile([row(2, "Sme", "de Vries")], [ours("Sem", "de Vries")]).probable[0]
    assert not exact.needs_check
    assert typo.needs_check
    assert typo.differences[0].text == (
        "Naam anders geschreven: in de lijst 'Sme de Vries', bij ons 'Sem de Vries'.")


def test_other_birth_date_or_other_person_does_not_match() -> None:
    result = reconcile(
        [row(2, "Sem", "de Vries", birth=date(2013, 4, 13)), row(3, "Noah", "Bakker")],
        [ours("Sem", "de Vries")])
    assert result.in_both == ()
    assert [e.row_number for e in result.only_in_list] == [2, 3]
    assert len(result.only_in_caseload) == 1


def test_twins_are_matched_one_to_one() -> None:
    daan, dean = ours("Daan", "de Vries"), ours("Dean", "de Vries")
    result = reconcile([row(2, "Dean", "de Vries"), row(3, "Daan", "de Vries")], [daan, dean])
    pairs = {m.entry.row_number: m.pupil.first_name for m in result.in_both}
    assert pairs == {2: "Dean", 3: "Daan"}


def test_twin_missing_from_list_is_not_merged_with_the_other() -> None:
    daan, dean = ours("Daan", "de Vries"), ours("Dean", "de Vries")
    result = reconcile([row(2, "Dean", "de Vries")], [daan, dean])
    assert [m.pupil.first_name for m in result.in_both] == ["Dean"]
    assert [p.first_name for p, _ in result.only_in_caseload] == ["Daan"]


def test_twin_on_the_list_only_is_a_new_pupil_in_view() -> None:
    # Both twins on the list, only Daan known to us: Dean must not be taken for a typo of Daan.
    result = reconcile([row(2, "Daan", "de Vries"), row(3, "Dean", "de Vries")],
                       [ours("Daan", "de Vries")])
    assert [m.entry.row_number for m in result.in_both] == [2]
    assert [e.first_name for e in result.only_in_list] == ["Dean"]


def test_twins_with_different_names_never_match_each_other() -> None:
    result = reconcile([row(2, "Saar", "de Vries")], [ours("Sem", "de Vries")])
    assert result.in_both == ()


def test_school_breaks_a_tie() -> None:
    at_regenboog = ours("Sem", "de Vries", school="OBS De Regenboog")
    at_baken = ours("Sem", "de Vries", school="Het Baken")
    result = reconcile([row(2, "Sem", "de Vries", school="De Regenboog")],
                       [at_baken, at_regenboog])
    assert result.in_both[0].pupil.school == "OBS De Regenboog"
    assert result.in_both[0].differences == ()


def test_differences_in_school_status_and_closing() -> None:
    pupil = ours("Sem", "de Vries", school="De Regenboog",
                 verzuim_type=VerzuimType.GEOORLOOFD, closed_on=date(2026, 10, 1))
    entry = row(2, "Sem", "de Vries", school="Het Baken", status="Absoluut verzuim")
    match = reconcile([entry], [pupil]).in_both[0]
    kinds = [d.kind for d in match.differences]
    assert kinds == [DifferenceKind.SCHOOL, DifferenceKind.STATUS, DifferenceKind.AFGESLOTEN]
    assert match.differences[0].in_list == "Het Baken"
    assert match.differences[0].in_caseload == "De Regenboog"
    assert match.differences[1].in_caseload == "Geoorloofd"
    assert match.differences[2].in_caseload == "afgesloten op 01-10-2026"


@pytest.mark.parametrize(
    ("status", "expected"),
    [("Ongeoorloofd verzuim", VerzuimType.ONGEOORLOOFD), ("geoorloofd (ziek)",
                                                          VerzuimType.GEOORLOOFD),
     ("AV", VerzuimType.ABSOLUUT), ("Vrijstelling art. 5a", VerzuimType.VRIJSTELLING_5A),
     ("Geschorst", VerzuimType.GESCHORST), ("Thuiszitter", None), ("", None)],
)
def test_status_text_is_read_as_verzuim_type(status: str, expected: VerzuimType | None) -> None:
    assert status_as_verzuim(status) is expected


def test_pupil_with_two_cases_is_compared_through_the_open_case() -> None:
    pupil, closed = ours("Sem", "de Vries", closed_on=date(2026, 3, 1))
    open_case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 1, 1))
    result = reconcile([row(2, "Sem", "de Vries")], [(pupil, closed), (pupil, open_case)])
    assert result.in_both[0].case is open_case
    assert result.coverage.in_caseload == 1


def test_coverage_estimated_from_the_overlap() -> None:
    # 40 known to us, 30 on the list, 25 on both: union 45.
    # Chapman: 41 * 31 / 26 - 1 = 47.88..., so 45 / 47.88 = 94%.
    caseload = [ours("Sem", "de Vries", birth=date(2012, 1, 1 + i) if i < 28 else
                     date(2012, 2, i - 27)) for i in range(40)]
    entries = [row(i + 2, "Sem", "de Vries", birth=caseload[i][0].birth_date)
               for i in range(25)]
    entries += [row(100 + i, "Sem", "de Vries", birth=date(2011, 6, 1 + i)) for i in range(5)]
    result = reconcile(entries, caseload)
    coverage = result.coverage
    assert (coverage.in_caseload, coverage.in_list, coverage.in_both) == (40, 30, 25)
    assert coverage.union == 45
    assert coverage.total == pytest.approx(41 * 31 / 26 - 1)
    assert coverage.together_pct == pytest.approx(45 / (41 * 31 / 26 - 1) * 100)
    assert coverage.text == "Samen 94% in beeld: 45 van 48 leerlingen (geschat totaal)."


def test_coverage_with_known_total() -> None:
    coverage = Coverage(in_caseload=40, in_list=30, in_both=25, known_total=50)
    assert coverage.together_pct == 90.0
    assert coverage.caseload_pct == 80.0
    assert coverage.list_pct == 60.0
    assert coverage.text == "Samen 90% in beeld: 45 van 50 leerlingen (bekend totaal)."


def test_coverage_of_nothing() -> None:
    assert Coverage(0, 0, 0).text == "Geen leerlingen om te vergelijken."


def test_typo_in_a_twin_name_is_left_for_the_user() -> None:
    # Alone, 'Dann' is read as a typo of 'Daan'; with twins Daan and Dean it is too risky.
    alone = reconcile([row(2, "Dann", "de Vries")], [ours("Daan", "de Vries")])
    assert len(alone.probable) == 1
    twins = reconcile([row(2, "Dann", "de Vries")],
                      [ours("Daan", "de Vries"), ours("Dean", "de Vries")])
    assert twins.in_both == ()
    assert len(twins.only_in_caseload) == 2
