"""Schools as records (issue 21): keep the list, map the free-text schools of older pupils.

Mapping never guesses: the dialog *Scholen koppelen* shows each free text with the schools it
plausibly means (``domain/school.suggestions``: the list-matching rule), and the consulent
chooses one or makes a new school. The pupils keep the text as it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.school import School, SchoolMatch, suggestions
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_school


@dataclass(frozen=True)
class UnmappedSchool:
    text: str
    pupils: int
    matches: tuple[SchoolMatch, ...]


def list_schools(ctx: AppContext) -> list[School]:
    with ctx.vault.read() as conn:
        return repo_school.list_schools(conn)


def save_school(ctx: AppContext, school: School) -> School:
    school = school.normalised()
    school.validate()
    with ctx.vault.transaction() as conn:
        for other in repo_school.list_schools(conn):
            if other.id != school.id and school.brin and (other.brin, other.vestiging) == (
                    school.brin, school.vestiging):
                raise ValidationError({"brin": f"Dit BRIN-nummer met vestiging hoort al bij "
                                               f"{other.name}."})
        repo_school.save_school(conn, school, ctx.now())
        ctx.audit(conn, "opgeslagen", "school", school.id)
    ctx.changes.publish(Change("school", (school.id,)))
    return school


def unmapped(ctx: AppContext) -> list[UnmappedSchool]:
    """Every free-text school without a record yet, with suggested records."""
    with ctx.vault.read() as conn:
        texts = repo_school.unmapped_school_texts(conn)
        known = repo_school.list_schools(conn)
    return [UnmappedSchool(text, count, tuple(suggestions(text, known)))
            for text, count in texts]


def map_text(ctx: AppContext, text: str, school: School) -> int:
    """Link the pupils with this school text to ``school`` (saved first when it is new)."""
    with ctx.vault.read() as conn:
        exists = repo_school.get_school(conn, school.id) is not None
    if not exists:
        school = save_school(ctx, school)
    with ctx.vault.transaction() as conn:
        count = repo_school.map_school_text(conn, text, school.id, ctx.now())
        ctx.audit(conn, "school gekoppeld", "school", school.id, detail=f"{count} leerlingen")
    ctx.changes.publish(Change("case", ()))
    return count


def school_for_text(schools: list[School], text: str) -> School | None:
    """The record a typed school name names exactly (after folding), if any."""
    from thuiszitter_desktop.domain.name_match import plain

    wanted = plain(text)
    return next((s for s in schools if wanted and plain(s.name) == wanted), None)
