"""SMART hints for a plan: friendly Dutch suggestions, never a block on saving.

Each hint says what is missing and how to fix it. The vagueness check is deliberately simple so
a consulent can understand it: a goal is "vague" when its description uses a word from a short
list (``VAGUE_TERMS``) and contains no number, date or frequency (``_MEASURE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thuiszitter_desktop.domain.plan import Action, ActionStatus, Goal, PlanVanAanpak
from thuiszitter_desktop.domain.vocab import Labelled


class Severity(Labelled):
    INFO = "Tip"
    WARNING = "Let op"


class HintCode(Labelled):
    """Stable identifiers, so the UI can link a hint to a field and tests can name it."""

    NO_GOALS = "Geen doelen"
    NO_EVALUATION = "Geen evaluatiedatum"
    GOAL_NO_DESCRIPTION = "Doel zonder omschrijving"
    GOAL_NO_DEADLINE = "Doel zonder datum"
    GOAL_NO_INDICATOR = "Doel niet meetbaar"
    GOAL_VAGUE = "Doel vaag geformuleerd"
    GOAL_NOT_AGREED = "Doel niet afgesproken"
    ACTION_NO_WHAT = "Actie zonder omschrijving"
    ACTION_NO_OWNER = "Actie zonder uitvoerder"
    ACTION_NO_DUE = "Actie zonder datum"
    ACTION_AFTER_DEADLINE = "Actie na einddatum doel"
    ACTION_DONE_NO_DATE = "Gedaan zonder datum"


@dataclass(frozen=True, slots=True)
class Hint:
    code: HintCode
    severity: Severity
    message: str
    # Human pointer such as "Doel 2, actie 1"; empty for the plan as a whole.
    where: str = ""
    goal_id: str | None = None
    action_id: str | None = None


# Words that make a goal sound good but leave it unmeasurable on their own.
VAGUE_TERMS = (
    "zo veel mogelijk", "zoveel mogelijk", "af en toe", "beter", "meer", "minder", "vaker",
    "proberen", "probeert", "probeer", "goed", "regelmatig", "soms",
)
_VAGUE = re.compile(r"\b(" + "|".join(re.escape(t) for t in VAGUE_TERMS) + r")\b", re.IGNORECASE)

_NUMBER_WORDS = (
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
    "twintig", "dertig", "veertig", "vijftig", "honderd", "half", "halve", "helft", "alle",
)
_FREQUENCY = ("keer", "keren", "dagelijks", "wekelijks", "maandelijks", "elke", "elk", "iedere",
              "ieder", "procent")
_DAY_OR_MONTH = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari",
    "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)
# A digit, a number word, a frequency word, "per week/dag/...", or a weekday/month (which may
# start a compound such as "maandagochtend").
_MEASURE = re.compile(
    r"\d|%"
    r"|\b(" + "|".join(_NUMBER_WORDS + _FREQUENCY) + r")\b"
    r"|\bper\s+(dag|week|maand|les|schooldag)"
    r"|\b(" + "|".join(_DAY_OR_MONTH) + r")",
    re.IGNORECASE,
)


def vague_term(description: str) -> str | None:
    """The vague word that makes ``description`` unmeasurable, or None."""
    match = _VAGUE.search(description)
    if match is None or _MEASURE.search(description):
        return None
    return match.group(1).lower()


def smart_hints(plan: PlanVanAanpak) -> list[Hint]:
    """All hints for ``plan``: plan-wide first, then per goal and its actions in list order."""
    hints: list[Hint] = []
    if not plan.goals:
        hints.append(Hint(HintCode.NO_GOALS, Severity.INFO,
                          "Er staat nog geen doel in het plan. Begin met één doel dat iedereen "
                          "belangrijk vindt."))
    if not plan.evaluation_dates:
        hints.append(Hint(HintCode.NO_EVALUATION, Severity.WARNING,
                          "Er is nog geen evaluatiedatum. Spreek af wanneer jullie samen kijken "
                          "hoe het gaat."))
    for number, goal in enumerate(plan.goals, start=1):
        hints.extend(_goal_hints(goal, f"Doel {number}"))
        for action_number, action in enumerate(goal.actions, start=1):
            hints.extend(_action_hints(goal, action, f"Doel {number}, actie {action_number}"))
    return hints


def _goal_hints(goal: Goal, where: str) -> list[Hint]:
    found: list[tuple[HintCode, Severity, str]] = []
    if not goal.description.strip():
        found.append((HintCode.GOAL_NO_DESCRIPTION, Severity.WARNING,
                      "Beschrijf wat er moet veranderen, zo concreet mogelijk."))
    elif (word := vague_term(goal.description)) is not None:
        found.append((HintCode.GOAL_VAGUE, Severity.INFO,
                      f"‘{word}’ is lastig te meten zonder aantal, datum of frequentie. "
                      "Maak het concreet: hoeveel, hoe vaak of vanaf wanneer? Bijvoorbeeld: "
                      "‘drie ochtenden per week naar school’."))
    if not goal.indicator.strip():
        found.append((HintCode.GOAL_NO_INDICATOR, Severity.WARNING,
                      "Hoe zien jullie dat het doel gehaald is? Vul iets in dat je kunt tellen "
                      "of zien, bijvoorbeeld ‘4 van de 5 ochtenden op school’."))
    if goal.deadline is None:
        found.append((HintCode.GOAL_NO_DEADLINE, Severity.WARNING,
                      "Er staat nog geen datum bij dit doel. Wanneer moet het gelukt zijn?"))
    if not any(name.strip() for name in goal.agreed_by):
        found.append((HintCode.GOAL_NOT_AGREED, Severity.WARNING,
                      "Noteer met wie dit doel is afgesproken, bijvoorbeeld de leerling en "
                      "de ouders."))
    return [Hint(code, severity, message, where, goal.id) for code, severity, message in found]


def _action_hints(goal: Goal, action: Action, where: str) -> list[Hint]:
    # A dropped action needs nothing more; a done one only needs its date done.
    if action.status is ActionStatus.VERVALLEN:
        return []
    found: list[tuple[HintCode, str]] = []
    if not action.what.strip():
        found.append((HintCode.ACTION_NO_WHAT, "Beschrijf wat er gedaan wordt."))
    if action.owner is None or not action.owner.name.strip():
        found.append((HintCode.ACTION_NO_OWNER, "Wie doet dit? Kies een persoon."))
    if action.status is ActionStatus.GEDAAN:
        if action.done_on is None:
            found.append((HintCode.ACTION_DONE_NO_DATE,
                          "Deze actie staat op ‘gedaan’, maar de datum ontbreekt. Wanneer is "
                          "het gedaan?"))
    elif action.due is None:
        found.append((HintCode.ACTION_NO_DUE, "Wanneer moet dit klaar zijn? Vul een datum in."))
    elif goal.deadline is not None and action.due > goal.deadline:
        found.append((HintCode.ACTION_AFTER_DEADLINE,
                      f"Deze actie is pas op {action.due:%d-%m-%Y} klaar, na de datum van het "
                      f"doel ({goal.deadline:%d-%m-%Y}). Kies een eerdere datum of pas de "
                      "datum van het doel aan."))
    return [Hint(code, Severity.WARNING, message, where, goal.id, action.id)
            for code, message in found]
