"""Right-to-left names in a Dutch line: joined Arabic letters, in the order a reader sees."""

from __future__ import annotations

import unicodedata

from thuiszitter_desktop.reports.rtl import shape_arabic, visual_order


def forms(value: str) -> list[str]:
    """The decomposition kind of each character: '<initial>', '<final>', … or '' (plain)."""
    return [unicodedata.decomposition(ch).split(" ")[0] if ch != " " else " " for ch in value]


def test_letters_take_their_joined_forms() -> None:
    # م ح م د: initial, medial, medial, final (dal joins only to the letter before it).
    assert forms(shape_arabic("محمد")) == ["<initial>", "<medial>", "<medial>", "<final>"]
    # أ joins to nothing after it, so ح starts a new joined group.
    assert forms(shape_arabic("أحمد")) == ["<isolated>", "<initial>", "<medial>", "<final>"]


def test_lam_alef_becomes_the_required_ligature() -> None:
    shaped = shape_arabic("سلام")
    assert len(shaped) == 3
    assert unicodedata.decomposition(shaped[1]) == "<final> 0644 0627"


def test_persian_letters_join_too() -> None:
    assert forms(shape_arabic("پگاه")) == ["<initial>", "<medial>", "<final>", "<isolated>"]


def test_a_run_of_words_is_reversed_and_dutch_words_stay_in_place() -> None:
    line = visual_order("Bel met محمد أحمد over de afspraak.")
    before, run, after = line.partition(" over")[0].rpartition("met ")
    first, second = after.split(" ")
    assert before == "Bel " and run == "met "
    # The first word as written (محمد) is seen on the right; letters read right to left.
    assert first == shape_arabic("أحمد")[::-1]
    assert second == shape_arabic("محمد")[::-1]
    assert line.endswith(" over de afspraak.")


def test_punctuation_after_a_name_stays_after_it() -> None:
    assert visual_order("Met محمد, en Sem.").startswith("Met ")
    assert visual_order("Met محمد, en Sem.").split(" ")[1].endswith(",")
    assert visual_order("Bel محمد.").endswith(".")
    assert visual_order("(محمد)") == "(" + shape_arabic("محمد")[::-1] + ")"


def test_numbers_inside_a_run_keep_their_order() -> None:
    shown = visual_order("شارع 12")
    assert "12" in shown and shown.startswith("12")


def test_hebrew_is_reversed_without_shaping() -> None:
    assert visual_order("שלום Sem") == "םולש Sem"


def test_text_without_right_to_left_script_is_left_alone() -> None:
    assert visual_order("Zoë Çelik-d'Hondt 🙂") == "Zoë Çelik-d'Hondt 🙂"
