"""Fuzzy comparison of Dutch pupil names and school names for list reconciliation.

Names are compared after normalising: diacritics and case dropped, apostrophes and hyphens
read as spaces, and tussenvoegsels ('de', 'van der', "'t", "d'") left out, so 'Zoë
Çelik-d'Hondt' and 'zoe celik dhondt' meet. Typos are scored with difflib's ratio.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from thuiszitter_desktop.domain.text_fold import fold

TUSSENVOEGSELS = frozenset({
    "aan", "al", "bij", "d", "da", "de", "del", "della", "den", "der", "des", "di", "do", "dos",
    "du", "el", "het", "in", "l", "la", "le", "op", "s", "t", "te", "ten", "ter", "uit", "van",
    "von", "voor",
})
# Words that tell the kind of school rather than which school it is.
_SCHOOL_WORDS = frozenset({
    "basisschool", "bs", "obs", "cbs", "pcbs", "rkbs", "ikc", "kindcentrum", "school", "de",
    "het", "college", "lyceum",
})
INITIAL_SCORE = 0.85
FIRST_TOKEN_SCORE = 0.9
PART_SCORE = 0.9
MIN_PART = 0.5


def plain(value: str) -> str:
    """Folded (``text_fold.fold``: ı→i, ë→e, ß→ss); apostrophes, hyphens and dots as spaces."""
    folded = fold(value)
    for ch in "'’`´-.,_/":
        folded = folded.replace(ch, " ")
    return " ".join(folded.split())


def name_tokens(value: str) -> list[str]:
    """Normalised name words without tussenvoegsels (kept when nothing else is left)."""
    tokens = plain(value).split()
    core = [t for t in tokens if t not in TUSSENVOEGSELS]
    return core or tokens


def name_key(value: str) -> str:
    return " ".join(name_tokens(value))


def ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def first_name_score(a: str, b: str) -> float:
    """Similarity of first names; an initial ('S.') or a shared first given name scores well."""
    ka, kb = name_key(a), name_key(b)
    score = ratio(ka, kb)
    if not ka or not kb:
        return score
    if (len(ka) == 1 and kb.startswith(ka)) or (len(kb) == 1 and ka.startswith(kb)):
        score = max(score, INITIAL_SCORE)
    if ka.split()[0] == kb.split()[0]:
        score = max(score, FIRST_TOKEN_SCORE)
    return score


def last_name_score(a: str, b: str) -> float:
    """Similarity of surnames; one part of a double name ('Jansen' in 'Jansen-Bakker') counts."""
    ka, kb = name_key(a), name_key(b)
    score = ratio(ka, kb)
    ta, tb = set(ka.split()), set(kb.split())
    if ta and tb and (ta <= tb or tb <= ta):
        score = max(score, PART_SCORE)
    return score


def _pair(first: float, last: float) -> float:
    """Both halves must look alike: one good half cannot carry a bad one."""
    if min(first, last) < MIN_PART:
        return 0.0
    return (first + last) / 2


def name_scores(a_first: str, a_last: str, b_first: str, b_last: str) -> tuple[float, float]:
    """(overall score, first-name score) of the best reading, direct or first/last swapped."""
    direct_first = first_name_score(a_first, b_first)
    direct = _pair(direct_first, last_name_score(a_last, b_last))
    swapped_first = first_name_score(a_first, b_last)
    swapped = _pair(swapped_first, last_name_score(a_last, b_first))
    if swapped > direct:
        return swapped, swapped_first
    return direct, direct_first


def same_school(a: str, b: str) -> bool:
    """Whether two school names (both filled in) plausibly mean the same school."""
    ka = " ".join(t for t in plain(a).split() if t not in _SCHOOL_WORDS) or plain(a)
    kb = " ".join(t for t in plain(b).split() if t not in _SCHOOL_WORDS) or plain(b)
    if not ka or not kb:
        return False
    return ka == kb or ka in kb or kb in ka or ratio(ka, kb) >= 0.85
