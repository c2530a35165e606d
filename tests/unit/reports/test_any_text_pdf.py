"""Every document prints every text a form accepts, whole: long texts and any script.

The long texts are as long as the forms allow (names SHORT_TEXT, free texts 5,000 and, for a
few fields, LONG_TEXT characters); the PDF is read back and must hold the first and the last
word of each one.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from document_builders import DOCUMENTS, Fill, pdf_text
from pypdf import PdfReader

from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.reports.fonts import collect_unprintable, unprintable
from thuiszitter_desktop.reports.rtl import is_rtl

SENTENCE = ("Zoë gaat drie ochtenden per week naar school; de mentor belt elke maandag met "
            "moeder over hoe het gaat en wat er nodig is. ")
LONGEST = {"samendoel", "samenvatting", "notities", "vraag"}  # LONG_TEXT, the form maximum


def marked(key: str, length: int) -> str:
    """``length`` characters of ordinary text between the words Begin<key> and Einde<key>."""
    start, end = f"Begin{key}", f"Einde{key}"
    room = length - len(start) - len(end) - 2
    body = (SENTENCE * (room // len(SENTENCE) + 1))[:room]
    body = body[:-1] + "x" if body.endswith(" ") else body
    return f"{start} {body} {end}"


class LongFill:
    """Names at their maximum, free texts at 5,000 characters (LONG_TEXT for a few)."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def _marked(self, key: str, length: int) -> str:
        self.keys.append(key)
        return marked(key, length)

    def short(self, key: str) -> str:
        return self._marked(key, SHORT_TEXT)

    def long(self, key: str) -> str:
        return self._marked(key, LONG_TEXT if key in LONGEST else 5_000)


def test_marked_text_has_the_asked_length() -> None:
    assert len(marked("x", 5_000)) == 5_000 and len(marked("y", SHORT_TEXT)) == SHORT_TEXT


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_long_text_is_printed_whole(name: str) -> None:
    fill = LongFill()
    body = pdf_text(DOCUMENTS[name](fill))
    missing = [key for key in dict.fromkeys(fill.keys)
               if f"Begin{key}" not in body or f"Einde{key}" not in body]
    assert missing == []


def test_fill_protocol_is_met() -> None:
    fill: Fill = LongFill()
    assert fill.short("a").startswith("Begina")


NAMES = ("Çağrı Işık-Öztürk", "محمد أحمد", "Александр Пушкин", "Zoë 🙂 Bakker", "ሰላም ኣብርሃም")


class ScriptFill:
    """Names in Turkish, Arabic, Cyrillic, with an emoji and in Ge'ez script; free texts
    that mix them in one sentence."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def short(self, key: str) -> str:
        self.used.append(NAMES[len(self.used) % len(NAMES)])
        return self.used[-1]

    def long(self, key: str) -> str:
        self.used.append("Afspraak met " + ", ".join(NAMES) + " 👍🏽 gaat goed.")
        return self.used[-1]


def pdffonts(data: bytes, folder: Path) -> list[dict[str, str]]:
    target = folder / "document.pdf"
    target.write_bytes(data)
    lines = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "type": " ".join(parts[1:-6])})
    return rows


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_script_is_drawn_from_embedded_fonts(name: str, tmp_path: Path) -> None:
    fill = ScriptFill()
    with collect_unprintable() as missing:
        data = DOCUMENTS[name](fill)
    assert missing == set()
    fonts = pdffonts(data, tmp_path)
    assert [f["name"] for f in fonts if f["emb"] != "yes"] == []
    assert not [f for f in fonts if "Type 1" in f["type"] or "Helvetica" in f["name"]]
    handed_out = " ".join(fill.used)
    assert any("NotoEmoji" in f["name"] for f in fonts) is ("🙂" in handed_out)
    body = pdf_text(data)
    words = {word for name in fill.used for word in name.split() if word.isalpha()}
    assert [word for word in words if word not in body and not is_rtl(word[0])] == []


def test_a_character_no_font_has_is_reported_before_printing() -> None:
    fill = ScriptFill()
    with collect_unprintable() as missing:
        data = DOCUMENTS["plan"](type("Cjk", (), {
            "short": lambda self, key: "山田 Hana" if key == "voornaam" else fill.short(key),
            "long": lambda self, key: fill.long(key)})())
    assert missing == {"山", "田"}
    assert "\ufffd\ufffd Hana" in pdf_text(data)  # shown as a replacement, never left out


def test_unprintable_lists_each_missing_character_once() -> None:
    assert unprintable("Zoë 🙂 山田 山 محمد") == ["山", "田"]


class PlainFill:
    def short(self, key: str) -> str:
        return "Leerplicht Regio Rivierland" if key == "organisatie" else "Sem de Vries"

    def long(self, key: str) -> str:
        return "Zoë gaat drie ochtenden per week naar school."


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_metadata_names_title_organisation_and_dutch(name: str) -> None:
    reader = PdfReader(io.BytesIO(DOCUMENTS[name](PlainFill())))
    info = reader.metadata
    assert info is not None and info.title and info.author == "Leerplicht Regio Rivierland"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


class MaximumFill(LongFill):
    """Every free text at the form's maximum (LONG_TEXT), names at SHORT_TEXT."""

    def long(self, key: str) -> str:
        return self._marked(key, LONG_TEXT)


def test_plan_table_cells_at_their_maximum_print_whole() -> None:
    """What the plan editor's cells accept at most (goal, indicator, why, action, owner,
    agreed with) is printed whole: every cell's first and last word are in the PDF."""
    fill = MaximumFill()
    data = DOCUMENTS["plan"](fill)
    body = pdf_text(data)
    assert {"doel1", "indicator2", "waarom1", "actie2", "eigenaar1", "samen2"} <= set(fill.keys)
    missing = [key for key in dict.fromkeys(fill.keys)
               if f"Begin{key}" not in body or f"Einde{key}" not in body]
    assert missing == []
    # Eleven texts of 20,000 characters: they really are in it, not left out.
    assert len(PdfReader(io.BytesIO(data)).pages) > 10
