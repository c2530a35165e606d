"""Compare an imported list (SWV, school, DUO) with our caseload: who is where, what differs.

Matching rules:
- A list row and a pupil can only match on the exact same date of birth.
- Their names must look alike (see ``name_match``): score at least 0.8, or 0.75 when the schools
  agree; first and last name may be swapped in the list. The school breaks ties.
- Siblings born on the same day (twins) with the same surname, on either side, need nearly the
  same first name (score 0.9), so 'Daan' and 'Dean' de Vries stay two pupils.
- Each row matches at most one pupil and the other way round; the best-scoring pairs go first.
- A match whose names differ after normalising (a typo, a second first name) is only
  probable: it is shown under "Waarschijnlijk dezelfde" and counts as the same pupil only once
  the user confirmed it. A pair the user called different never matches again.
A pupil with several cases is compared through one case: the open one, else the latest.

Coverage ("samen 95% in beeld"): the pupils in view together (the union of both lists) as a
share of all pupils there are. That total is the known total when one is given (for example a
DUO count); otherwise it is estimated from the overlap with the Chapman capture-recapture
estimate N = (n1 + 1)(n2 + 1) / (m + 1) - 1 (n1, n2: the two list sizes, m: in both), never
below the union. The estimate assumes the lists were drawn up independently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.definitions import CaseEntry
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.name_match import (
    name_key,
    name_scores,
    plain,
    same_school,
)
from thuiszitter_desktop.domain.vocab import Labelled, VerzuimType

MATCH_SCORE = 0.8
# Looking for a pupil already in the vault before registering one from a list: looser, since
# the user decides (closed cases and near-miss spellings included).
NEAR_MISS_SCORE = 0.7
MATCH_SCORE_SAME_SCHOOL = 0.75
SIBLING_FIRST_NAME_SCORE = 0.9
SCHOOL_BONUS = 0.05


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One pupil on an imported list; ``row_number`` is the row in the source file."""

    row_number: int
    first_name: str
    last_name: str
    birth_date: date
    school: str = ""
    status: str = ""
    gemeente: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DifferenceKind(Labelled):
    NAAM = "Naam anders geschreven"
    SCHOOL = "Andere school"
    STATUS = "Andere status"
    AFGESLOTEN = "Bij ons afgesloten"


@dataclass(frozen=True, slots=True)
class Difference:
    kind: DifferenceKind
    in_list: str
    in_caseload: str

    @property
    def text(self) -> str:
        return f"{self.kind.label}: in de lijst '{self.in_list}', bij ons '{self.in_caseload}'."


@dataclass(frozen=True, slots=True)
class Match:
    entry: ListEntry
    pupil: Pupil
    case: Case
    score: float
    differences: tuple[Difference, ...]

    @property
    def needs_check(self) -> bool:
        """The names are not identical after normalising: let the user confirm."""
        return any(d.kind is DifferenceKind.NAAM for d in self.differences)

    @property
    def key(self) -> PairKey:
        return (self.entry.row_number, self.pupil.id)


PairKey = tuple[int, str]
"""(row number in the list, pupil id): what the user's decision about a pair is kept under."""


@dataclass(frozen=True, slots=True)
class Coverage:
    in_caseload: int
    in_list: int
    in_both: int
    known_total: int | None = None

    @property
    def union(self) -> int:
        return self.in_caseload + self.in_list - self.in_both

    @property
    def total(self) -> float:
        """The known total, or the Chapman estimate (never below the union)."""
        if self.known_total is not None:
            return float(max(self.known_total, self.union))
        estimate = (self.in_caseload + 1) * (self.in_list + 1) / (self.in_both + 1) - 1
        return max(estimate, float(self.union))

    def _share(self, count: int) -> float | None:
        return None if self.total <= 0 else 100 * count / self.total

    @property
    def together_pct(self) -> float | None:
        return self._share(self.union)

    @property
    def caseload_pct(self) -> float | None:
        return self._share(self.in_caseload)

    @property
    def list_pct(self) -> float | None:
        return self._share(self.in_list)

    @property
    def text(self) -> str:
        pct = self.together_pct
        if pct is None:
            return "Geen leerlingen om te vergelijken."
        basis = "bekend totaal" if self.known_total is not None else "geschat totaal"
        return (f"Samen {round(pct)}% in beeld: {self.union} van {round(self.total)} "
                f"leerlingen ({basis}).")


@dataclass(frozen=True, slots=True)
class Reconciliation:
    only_in_list: tuple[ListEntry, ...]
    only_in_caseload: tuple[CaseEntry, ...]
    in_both: tuple[Match, ...]  # certain, or confirmed by the user
    coverage: Coverage  # counts only ``in_both`` as the same pupils
    probable: tuple[Match, ...] = ()  # "Waarschijnlijk dezelfde": waiting for the user


_STATUS_WORDS: tuple[tuple[str, VerzuimType], ...] = (
    ("ongeoorloofd", VerzuimType.ONGEOORLOOFD),
    ("relatief", VerzuimType.ONGEOORLOOFD),
    ("absoluut", VerzuimType.ABSOLUUT),
    ("niet ingeschreven", VerzuimType.ABSOLUUT),
    ("av", VerzuimType.ABSOLUUT),
    ("vrijstelling", VerzuimType.VRIJSTELLING_5A),
    ("5a", VerzuimType.VRIJSTELLING_5A),
    ("geschorst", VerzuimType.GESCHORST),
    ("schorsing", VerzuimType.GESCHORST),
    ("geoorloofd", VerzuimType.GEOORLOOFD),
    ("ziek", VerzuimType.GEOORLOOFD),
)


def status_as_verzuim(status: str) -> VerzuimType | None:
    """Read a list's free status text as a verzuim type, when it clearly names one."""
    words = plain(status)
    padded = f" {words} "
    for word, verzuim in _STATUS_WORDS:
        if f" {word} " in padded or (len(word) > 3 and word in words):
            return verzuim
    return None


def _one_case_per_pupil(caseload: Sequence[CaseEntry]) -> list[CaseEntry]:
    chosen: dict[str, CaseEntry] = {}
    for pupil, case in caseload:
        current = chosen.get(pupil.id)
        rank = (case.is_open, case.aanmelding_date)
        if current is None or rank > (current[1].is_open, current[1].aanmelding_date):
            chosen[pupil.id] = (pupil, case)
    return list(chosen.values())


def _sibling_keys(pairs: list[tuple[date, str]]) -> set[tuple[date, str]]:
    seen: dict[tuple[date, str], int] = {}
    for key in pairs:
        seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count > 1}


def _differences(entry: ListEntry, pupil: Pupil, case: Case) -> tuple[Difference, ...]:
    found: list[Difference] = []
    list_name = f"{name_key(entry.first_name)} {name_key(entry.last_name)}"
    our_name = f"{name_key(pupil.first_name)} {name_key(pupil.last_name)}"
    if list_name != our_name:
        found.append(Difference(DifferenceKind.NAAM, entry.full_name, pupil.full_name))
    if entry.school.strip() and not (pupil.school.strip() and same_school(entry.school,
                                                                           pupil.school)):
        found.append(Difference(DifferenceKind.SCHOOL, entry.school.strip(),
                                pupil.school.strip() or "niet ingeschreven"))
    listed = status_as_verzuim(entry.status)
    if listed is not None and listed is not case.verzuim_type:
        found.append(Difference(DifferenceKind.STATUS, entry.status.strip(),
                                case.verzuim_type.label))
    if case.closed_on is not None:
        found.append(Difference(DifferenceKind.AFGESLOTEN, entry.status.strip() or "op de lijst",
                                f"afgesloten op {case.closed_on:%d-%m-%Y}"))
    return tuple(found)


def reconcile(entries: Sequence[ListEntry], caseload: Sequence[CaseEntry],
              known_total: int | None = None,
              decisions: Mapping[PairKey, bool] | None = None) -> Reconciliation:
    """Split list rows and caseload pupils into: only in the list, only ours, in both, and
    probably the same (``decisions``: the user's word per pair, True for the same pupil)."""
    decided = decisions or {}
    ours = _one_case_per_pupil(caseload)
    siblings = _sibling_keys([(e.birth_date, name_key(e.last_name)) for e in entries]) | (
        _sibling_keys([(p.birth_date, name_key(p.last_name)) for p, _ in ours]))
    candidates: list[tuple[float, int, int]] = []
    for i, entry in enumerate(entries):
        for j, (pupil, _case) in enumerate(ours):
            if entry.birth_date != pupil.birth_date or decided.get(
                    (entry.row_number, pupil.id)) is False:
                continue
            score, first = name_scores(entry.first_name, entry.last_name, pupil.first_name,
                                       pupil.last_name)
            schools = bool(entry.school.strip() and pupil.school.strip()
                           and same_school(entry.school, pupil.school))
            if score < (MATCH_SCORE_SAME_SCHOOL if schools else MATCH_SCORE):
                continue
            family = {(entry.birth_date, name_key(entry.last_name)),
                      (pupil.birth_date, name_key(pupil.last_name))}
            if family & siblings and first < SIBLING_FIRST_NAME_SCORE:
                continue
            candidates.append((score + (SCHOOL_BONUS if schools else 0.0), i, j))
    matched_rows: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in matched_rows and j not in taken:
            matched_rows[i] = (j, score)
            taken.add(j)
    matches = [Match(entries[i], ours[j][0], ours[j][1], round(score, 3),
                     _differences(entries[i], *ours[j]))
               for i, (j, score) in sorted(matched_rows.items())]
    certain = [not m.needs_check or decided.get(m.key) is True for m in matches]
    in_both = tuple(m for m, sure in zip(matches, certain, strict=True) if sure)
    probable = tuple(m for m, sure in zip(matches, certain, strict=True) if not sure)
    return Reconciliation(
        only_in_list=tuple(e for i, e in enumerate(entries) if i not in matched_rows),
        only_in_caseload=tuple(p for j, p in enumerate(ours) if j not in taken),
        in_both=in_both,
        coverage=Coverage(len(ours), len(entries), len(in_both), known_total),
        probable=probable,
    )


def near_misses(entry: ListEntry, everyone: Sequence[CaseEntry]) -> list[tuple[Pupil, Case]]:
    """Pupils that may be the one on this list row: the same date of birth and a name that
    looks alike (swapped names and typos too), best first; through their open or latest case."""
    found: list[tuple[float, Pupil, Case]] = []
    for pupil, case in _one_case_per_pupil(everyone):
        if pupil.birth_date != entry.birth_date:
            continue
        score, _ = name_scores(entry.first_name, entry.last_name, pupil.first_name,
                               pupil.last_name)
        if score >= NEAR_MISS_SCORE:
            found.append((score, pupil, case))
    found.sort(key=lambda f: (-f[0], f[1].full_name))
    return [(pupil, case) for _, pupil, case in found]
