from __future__ import annotations

import pytest

from thuiszitter_desktop.domain.text_fold import fold


@pytest.mark.parametrize(("typed", "name"), [
    ("yilm", "Nina Yılmaz"),
    ("bjorn sondergaard", "Bjørn Søndergaard"),
    ("lukasz", "Łukasz Wałęsa"),
    ("aebel", "Æbel"),
    ("strasse", "Straße"),
    ("zoe celik", "Zoë Çelik-d'Hondt"),
    ("oeuvre", "Œuvre"),
    ("dorde", "Đorđe"),
    ("thor", "Þór"),
])
def test_search_text_finds_names_with_any_latin_letter(typed: str, name: str) -> None:
    assert fold(typed) in fold(name)


def test_other_scripts_are_kept_so_they_still_find_themselves() -> None:
    assert fold("Аня Иванова") == "аня иванова"
    assert fold("يوسف") in fold("يوسف العمري")


def test_folding_does_not_merge_different_names() -> None:
    assert fold("Yılmaz") != fold("Yalmaz")
