"""Folding text to plain lower-case Latin, so a search for 'yilm' finds 'Yılmaz'.

One rule for search, duplicate detection and list matching: Unicode compatibility forms are
decomposed, combining marks dropped (ë→e, ç→c), and the Latin letters that carry no combining
mark are spelled with their base letters (ı→i, ø→o, ł→l, æ→ae, ß→ss). Letters of other
scripts are kept as they are (lower-cased), so Arabic or Cyrillic names still find themselves.
"""

from __future__ import annotations

import unicodedata

# Latin letters that NFKD does not decompose into a base letter plus a mark.
_LETTERS = {
    "ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "ŀ": "l",
    "æ": "ae", "œ": "oe", "ß": "ss", "ẞ": "ss", "þ": "th", "ĸ": "k", "ŋ": "n", "ſ": "s",
    "ɨ": "i", "ƀ": "b", "ƈ": "c", "ɗ": "d", "ƒ": "f", "ɠ": "g", "ɦ": "h", "ƙ": "k",
    "ƚ": "l", "ɲ": "n", "ƥ": "p", "ʠ": "q", "ɍ": "r", "ʂ": "s", "ƭ": "t", "ʋ": "v",
    "ƴ": "y", "ȥ": "z", "ʒ": "z",
}
_TABLE = str.maketrans(_LETTERS)


# Short texts (names, schools) folded before: every overview load folds every pupil's name,
# and one with diacritics takes ten times as long as a plain one. Bounded, as any cache.
_FOLDED: dict[str, str] = {}
_FOLDED_MAX_LENGTH = 120
_FOLDED_MAX_ENTRIES = 100_000


def fold(text: str) -> str:
    """Lower case, without diacritics, with every Latin letter spelled by its base letters."""
    if text.isascii():  # most names: nothing to decompose (and ten times faster)
        return text.lower()
    folded = _FOLDED.get(text)
    if folded is None:
        folded = _fold(text)
        if len(text) <= _FOLDED_MAX_LENGTH:
            if len(_FOLDED) >= _FOLDED_MAX_ENTRIES:
                _FOLDED.clear()
            _FOLDED[text] = folded
    return folded


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # casefold first: it turns capitals into the small letters the table knows (Ø→ø, Æ→æ).
    return stripped.casefold().translate(_TABLE)

