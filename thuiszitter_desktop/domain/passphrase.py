"""How strong a passphrase is, explained in Dutch; the minimum a new vault demands."""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_LENGTH = 12
COMMON = ("wachtwoord", "password", "welkom", "qwerty", "123456", "geheim", "leerplicht",
          "thuiszitter", "school", "admin")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (zeer zwak) … 4 (sterk)
    label: str
    hint: str

    @property
    def acceptable(self) -> bool:
        return self.score >= 2


LABELS = ("Zeer zwak", "Zwak", "Redelijk", "Goed", "Sterk")


def assess(passphrase: str) -> Strength:
    """A simple, explainable estimate: length, variety of characters and common words."""
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(min(1, length // 8), LABELS[min(1, length // 8)],
                        f"Gebruik minstens {MIN_LENGTH} tekens; een zin van een paar woorden "
                        "is makkelijk te onthouden.")
    lowered = passphrase.casefold()
    if any(word in lowered for word in COMMON) and length < 20:
        return Strength(1, LABELS[1], "Vermijd voor de hand liggende woorden zoals "
                        "'wachtwoord' of 'school'.")
    pool = sum(size for present, size in (
        (any(c.islower() for c in passphrase), 26),
        (any(c.isupper() for c in passphrase), 26),
        (any(c.isdigit() for c in passphrase), 10),
        (any(not c.isalnum() for c in passphrase), 20),
    ) if present)
    distinct = len(set(passphrase))
    bits = min(length, distinct * 2) * math.log2(max(pool, 2))
    score = 1 if bits < 40 else 2 if bits < 70 else 3 if bits < 90 else 4
    hint = "" if score >= 3 else "Langer en gevarieerder is sterker: voeg nog een woord toe."
    return Strength(score, LABELS[score], hint)
