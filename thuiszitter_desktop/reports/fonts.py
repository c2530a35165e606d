"""The fonts of every PDF, and user text turned into markup that draws every character.

DejaVu Sans (embedded) covers Latin, Turkish, Cyrillic, Greek, Arabic and Hebrew. reportlab
has no font fallback of its own, so each character DejaVu lacks is drawn from the first
embedded fallback that has it (Noto Emoji, Noto Sans Symbols, Noto Sans Ethiopic). What no
font covers is drawn as '�' and reported to an active ``collect_unprintable()``, so the app
can say before printing which characters cannot be shown.

Right-to-left script (Arabic, Hebrew) is put in visual order with joined letters first
(``rtl.visual_order``), so a name like 'محمد أحمد' reads as it should.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from thuiszitter_desktop.paths import resources_dir
from thuiszitter_desktop.reports.rtl import visual_order

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
# Tried in this order for a character DejaVu Sans lacks.
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("NotoEmoji", "NotoEmoji-Variable.ttf"),
    ("NotoSansSymbols", "NotoSansSymbols-Variable.ttf"),
    ("NotoSansEthiopic", "NotoSansEthiopic-Variable.ttf"),
)
REPLACEMENT = "\ufffd"
_unprintable: ContextVar[set[str] | None] = ContextVar("unprintable", default=None)


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (regular, bold, italic) and the fallbacks, once per process."""
    folder = resources_dir() / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)
    for name, file in FALLBACKS:
        # Only the regular weight: <b> inside a fallback run keeps the same glyphs.
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name,
                                      boldItalic=name)


@cache
def _coverage() -> dict[str, frozenset[int]]:
    """Font name → the code points it has, main font first."""
    register_fonts()
    names = [FONT, *(name for name, _ in FALLBACKS)]
    return {name: frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in names}


def font_for(char: str) -> str | None:
    """The first font that has a glyph for ``char``; None when no embedded font has one."""
    code = ord(char)
    for name, codes in _coverage().items():
        if code in codes:
            return name
    return None


def _has(font: str, char: str) -> bool:
    return ord(char) in _coverage()[font]


def unprintable(value: str) -> list[str]:
    """The distinct characters of ``value`` that no embedded font can draw, in order."""
    seen: dict[str, None] = {}
    for char in _clean(value):
        if font_for(char) is None and not _needs_no_glyph(char):
            seen.setdefault(char, None)
    return list(seen)


@contextmanager
def collect_unprintable() -> Iterator[set[str]]:
    """Collect the characters that could not be drawn by documents built inside the block."""
    found: set[str] = set()
    token = _unprintable.set(found)
    try:
        yield found
    finally:
        _unprintable.reset(token)


def _report(chars: set[str]) -> None:
    found = _unprintable.get()
    if found is not None and chars:
        found.update(chars)


def _needs_no_glyph(char: str) -> bool:
    """Joiners, variation selectors and the like: invisible, so no glyph is needed."""
    return unicodedata.category(char) == "Cf"


def _clean(value: str) -> str:
    """Line ends as '\\n', tabs as spaces, other control characters (invisible) left out."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in value if ch == "\n" or unicodedata.category(ch) != "Cc")


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(value: str) -> str:
    """Paragraph markup for user text: escaped, line breaks kept, fallback fonts per run."""
    lines = [visual_order(line) for line in _clean(value).split("\n")]
    missing: set[str] = set()
    parts: list[str] = []
    for number, line in enumerate(lines):
        if number:
            parts.append("<br/>")
        parts.extend(_runs(line, missing))
    _report(missing)
    return "".join(parts)


def _runs(line: str, missing: set[str]) -> Iterator[str]:
    current = FONT
    chunk: list[str] = []
    for char in line:
        if _needs_no_glyph(char):
            # Joiners and variation selectors stay with their emoji; nothing to draw otherwise.
            if _has(current, char):
                chunk.append(char)
            continue
        font = font_for(char)
        if font is None:
            missing.add(char)
            font, char = FONT, REPLACEMENT
        if font != current and chunk:
            yield _wrapped(current, "".join(chunk))
            chunk = []
        current = font
        chunk.append(char)
    if chunk:
        yield _wrapped(current, "".join(chunk))


def _wrapped(font: str, value: str) -> str:
    escaped = _escape(value)
    return escaped if font == FONT else f'<font face="{font}">{escaped}</font>'


def label_font(value: str) -> tuple[str, str]:
    """(font, text) for a single-font label (chart axes): the first font that has every
    character; otherwise the main font, with the characters it lacks reported and replaced."""
    shown = "".join(ch for ch in _clean(value).replace("\n", " ") if not _needs_no_glyph(ch))
    for name, codes in _coverage().items():
        if all(ord(ch) in codes for ch in shown):
            return name, shown
    missing = {ch for ch in shown if not _has(FONT, ch)}
    _report(missing)  # the chart cannot show them, even where a table beside it can
    return FONT, "".join(REPLACEMENT if ch in missing else ch for ch in shown)
