"""Who an action in a plan is for, read from the name the user typed.

A typed name that belongs to a person of the case (a registered parent, the pupil, an involved
professional) is that person, with their kind; names are compared folded (``text_fold``), so
'fatma celik' is 'Fatma Çelik'. Otherwise a word such as 'moeder' or 'leerling' tells the
kind; anything else keeps the kind it had, and a new name is a professional.
"""

from __future__ import annotations

from collections.abc import Sequence

from thuiszitter_desktop.domain.plan import Owner, OwnerKind
from thuiszitter_desktop.domain.text_fold import fold

PARENT_WORDS = frozenset({"ouders", "ouder", "moeder", "vader", "verzorger", "verzorgers",
                          "pleegouder", "pleegouders", "voogd"})
PUPIL_WORDS = frozenset({"leerling"})


def owner_for(who: str, known: Sequence[Owner] = (),
              kind: OwnerKind | None = None) -> Owner:
    """The owner meant by ``who``: a known person of the case, else by its word, else of
    ``kind`` (a professional when none is given)."""
    name = who.strip()
    key = " ".join(fold(name).split())
    match = next((person for person in known if " ".join(fold(person.name).split()) == key),
                 None)
    if match is not None:
        return match
    if key in PARENT_WORDS:
        return Owner(name=name, kind=OwnerKind.PARENT)
    if key in PUPIL_WORDS:
        return Owner(name=name, kind=OwnerKind.PUPIL)
    return Owner(name=name, kind=kind or OwnerKind.PROFESSIONAL)
