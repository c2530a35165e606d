import pytest

from thuiszitter_desktop.domain.passphrase import assess


@pytest.mark.parametrize(
    ("passphrase", "acceptable"),
    [
        ("kort", False),
        ("elf tekens!", False),
        ("wachtwoord123", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("fiets boom regen zeven", True),
        ("Rode-Fiets 42 op het Dak!", True),
    ],
)
def test_minimum_strength(passphrase: str, acceptable: bool) -> None:
    assert assess(passphrase).acceptable is acceptable


def test_short_passphrase_hint_names_the_minimum() -> None:
    assert "12 tekens" in assess("kort").hint


def test_longer_is_stronger() -> None:
    assert assess("fiets boom regen zeven wolk").score >= assess("fietsboomreg").score
