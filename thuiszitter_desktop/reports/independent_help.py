"""'Waar kunt u terecht?': independent help, on every letter to parents and to the pupil.

Seed 001, "Meer informatie": Ouders & Onderwijs ("Via e-mail: vraag@oudersenonderwijs.nl of
telefonisch: 088-6050101"), the Onderwijsconsulenten ("gratis begeleiding, bemiddeling en
advies bij het vinden van geschikt onderwijs"), and for young people "de mentor,
zorgcoördinator of eventueel een vertrouwenspersoon"; seed 000 names the
geschillencommissie as a possibility for parents. Kept short: a letter is about the pupil.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from thuiszitter_desktop.reports.base import styles, text

HELP_TITLE_PARENTS = "Waar kunt u terecht?"
HELP_TITLE_PUPIL = "Waar kun je terecht?"

_PARENTS = (
    "Komt u er samen met school of met ons niet uit, dan kunt u gratis terecht bij:",
    "• Ouders & Onderwijs: advies over onderwijs voor uw kind. Telefoon 088-6050101, "
    "vraag@oudersenonderwijs.nl, www.oudersenonderwijs.nl.",
    "• Onderwijsconsulenten: begeleiding, bemiddeling en advies bij het vinden van "
    "onderwijs dat past. www.onderwijsconsulenten.nl.",
    "• Geschillencommissie Passend Onderwijs: als u het niet eens bent met een besluit van "
    "school, bijvoorbeeld over toelating, verwijdering of het ontwikkelingsperspectief. "
    "www.onderwijsgeschillen.nl.",
    "• De vertrouwenspersoon van de school: voor een klacht of zorg die u in vertrouwen wilt "
    "bespreken.",
)
_PUPIL = (
    "Wil je met iemand anders praten dan met ons? Dat mag altijd:",
    "• De vertrouwenspersoon van je school, of je mentor of zorgcoördinator.",
    "• Ouders & Onderwijs helpt jou en je ouders met vragen over school. Telefoon "
    "088-6050101, vraag@oudersenonderwijs.nl.",
    "• Onderwijsconsulenten helpen zoeken naar onderwijs dat bij je past. "
    "www.onderwijsconsulenten.nl.",
    "• Geschillencommissie Passend Onderwijs: als jij of je ouders het niet eens zijn met een "
    "besluit van school. www.onderwijsgeschillen.nl.",
)


def independent_help(to_pupil: bool) -> list[Flowable]:
    """The block for a letter: 'je' for the pupil's own letter, 'u' for parents."""
    lines = _PUPIL if to_pupil else _PARENTS
    title = HELP_TITLE_PUPIL if to_pupil else HELP_TITLE_PARENTS
    return [KeepTogether([text(title, styles().heading), *[text(line) for line in lines]])]
