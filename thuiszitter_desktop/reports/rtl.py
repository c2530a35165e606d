"""Right-to-left words (Arabic, Persian, Hebrew) in a Dutch, left-to-right line.

reportlab lays text out left to right and draws each character as it is stored. Arabic
letters, though, join: each has an isolated, initial, medial and final shape. So a run of
right-to-left words is turned into what the reader must see: Arabic letters become their
presentation forms (the shaped glyphs, which DejaVu Sans has), lam + alef becomes the
required ligature, and the run is reversed into visual order, keeping numbers, combining
marks and punctuation around the run where a reader expects them. Enough for names and short
phrases; a right-to-left text that wraps over lines reads from its last line.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_LAM = "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")
FORMS = ("<isolated>", "<initial>", "<medial>", "<final>")


def is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in _RTL


def has_rtl(value: str) -> bool:
    return any(is_rtl(ch) for ch in value)


@cache
def _forms() -> dict[str, dict[str, str]]:
    """Letter (or lam + alef) → {form: presentation character}, from Unicode's own tables."""
    found: dict[str, dict[str, str]] = {}
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        kind, *base = unicodedata.decomposition(chr(code)).split() or ("",)
        if kind in FORMS and 1 <= len(base) <= 2:
            letters = "".join(chr(int(part, 16)) for part in base)
            found.setdefault(letters, {})[kind] = chr(code)
    return found


def _joins_both_sides(letter: str) -> bool:
    return "<initial>" in _forms().get(letter, {}) or letter == "\u0640"  # tatweel


def _joins_before(letter: str) -> bool:
    return "<final>" in _forms().get(letter, {}) or letter == "\u0640"


def shape_arabic(word: str) -> str:
    """``word`` in logical order with every Arabic letter in its joined presentation form."""
    chars = list(word)
    letters = [i for i, ch in enumerate(chars) if not unicodedata.combining(ch)]
    result = list(chars)
    skip: set[int] = set()
    for n, i in enumerate(letters):
        if i in skip:
            continue
        prev = chars[letters[n - 1]] if n > 0 and letters[n - 1] not in skip else ""
        nxt_index = letters[n + 1] if n + 1 < len(letters) else None
        nxt = chars[nxt_index] if nxt_index is not None else ""
        joins_prev = bool(prev) and _joins_both_sides(prev) and _joins_before(chars[i])
        if chars[i] == _LAM and nxt in _ALEFS and nxt_index is not None:
            ligature = _forms().get(chars[i] + nxt, {})
            form = ligature.get("<final>" if joins_prev else "<isolated>")
            if form:
                result[i], result[nxt_index] = form, ""
                skip.add(nxt_index)
                continue
        joins_next = bool(nxt) and _joins_both_sides(chars[i]) and _joins_before(nxt)
        kind = {(True, True): "<medial>", (True, False): "<final>",
                (False, True): "<initial>"}.get((joins_prev, joins_next), "<isolated>")
        result[i] = _forms().get(chars[i], {}).get(kind, chars[i])
    return "".join(result)


def _clusters(value: str) -> list[str]:
    """Letters with their combining marks, and numbers, as units that keep their order."""
    units: list[str] = []
    for ch in value:
        mark = bool(unicodedata.combining(ch))
        number = unicodedata.bidirectional(ch) in _NUMBER
        if units and (mark or (number and unicodedata.bidirectional(units[-1][-1]) in _NUMBER)):
            units[-1] += ch
        else:
            units.append(ch)
    return units


def _visual(run: str) -> str:
    """A right-to-left run (logical order, spaces inside) in the order it is seen."""
    shaped = " ".join(shape_arabic(word) for word in run.split(" "))
    return "".join(reversed(_clusters(shaped))).translate(_MIRROR)


def _is_rtl_word(word: str) -> bool:
    classes = {unicodedata.bidirectional(ch) for ch in word}
    return bool(classes & _RTL) and "L" not in classes


def _is_number_word(word: str) -> bool:
    """A number with no letters: after right-to-left words it belongs to their run."""
    classes = {unicodedata.bidirectional(ch) for ch in word}
    return bool(classes & _NUMBER) and not classes & (_RTL | {"L"})


def _edges(word: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation) of a right-to-left word."""
    start, end = 0, len(word)
    while start < end and not (is_rtl(word[start])
                               or unicodedata.bidirectional(word[start]) in _NUMBER):
        start += 1
    while end > start and not (is_rtl(word[end - 1])
                               or unicodedata.bidirectional(word[end - 1]) in _NUMBER
                               or unicodedata.combining(word[end - 1])):
        end -= 1
    return word[:start], word[start:end], word[end:]


def visual_order(line: str) -> str:
    """A left-to-right line with each run of right-to-left words shaped and in visual order;
    punctuation before or after a run stays before or after it."""
    if not has_rtl(line):
        return line
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        lead, _, _ = _edges(run[0])
        _, _, trail = _edges(run[-1])
        inner = " ".join(run)
        out.append(lead + _visual(inner[len(lead):len(inner) - len(trail)]) + trail)
        run.clear()

    for word in line.split(" "):
        if _is_rtl_word(word) or (run and _is_number_word(word)):
            run.append(word)
        else:
            flush()
            out.append(word)
    flush()
    return " ".join(out)
