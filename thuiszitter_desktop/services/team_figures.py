"""The team's quarterly figures for a teamleider: counted on the server, masked there.

``masked_figures`` runs on the team server (it reads every case, as the server itself); every
cell is text, and every number of fewer than five pupils is "< 5" (``domain/small_cells``)
before it is sent. The teamleider's laptop stores only that table (in ``sync_state``), shows it
and saves it as XLSX: no pupil row and no unmasked small number ever reaches it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from thuiszitter_desktop.domain import small_cells
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import QuarterFigures, quarter_figures
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.interchange.export import sheet_xlsx
from thuiszitter_desktop.services.bulk import paused_gc
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.figures import as_episodes
from thuiszitter_desktop.storage import repo_cases, repo_situation, repo_sync

STATE_KEY = "team_figures"
MAX_QUARTERS = 8


@dataclass(frozen=True)
class FigureRow:
    section: str
    label: str
    cells: tuple[str, ...]  # one per quarter, newest first; already masked


@dataclass(frozen=True)
class TeamFigures:
    definition: str
    quarters: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    computed_on: date

    def to_json(self) -> dict[str, Any]:
        return {"definition": self.definition, "quarters": list(self.quarters),
                "computed_on": self.computed_on.isoformat(),
                "rows": [{"section": r.section, "label": r.label, "cells": list(r.cells)}
                         for r in self.rows]}

    @staticmethod
    def from_json(data: dict[str, Any]) -> TeamFigures:
        return TeamFigures(str(data["definition"]), tuple(data["quarters"]), tuple(
            FigureRow(str(r["section"]), str(r["label"]), tuple(str(c) for c in r["cells"]))
            for r in data["rows"]), date.fromisoformat(data["computed_on"]))


def _rows(series: Sequence[QuarterFigures]) -> list[FigureRow]:
    rows: list[FigureRow] = []

    def add(section: str, label: str, cells: list[str]) -> None:
        rows.append(FigureRow(section, label, tuple(cells)))

    flow = "Instroom en uitstroom"
    add(flow, "Nieuw in het kwartaal", [small_cells.count(len(f.flow.new_ids)) for f in series])
    add(flow, "Gestopt in het kwartaal",
        [small_cells.count(len(f.flow.ended_ids)) for f in series])
    add(flow, "Thuis aan het eind van het kwartaal",
        [small_cells.count(len(f.flow.at_end_ids)) for f in series])
    for index, target in enumerate(series[0].targets):
        label = f"{target.target.label} (norm {target.target.norm}%)"
        results = [f.targets[index] for f in series]
        add("Doelen", label, [small_cells.share(len(r.numerator_ids), len(r.denominator_ids))
                              for r in results])
        add("Doelen", f"{target.target.label}: aantal casussen",
            [small_cells.count(len(r.denominator_ids)) for r in results])
    for index, duration in enumerate(series[0].durations):
        found = [f.durations[index] for f in series]
        add("Duur", f"{duration.measure.label}: gemiddeld",
            [small_cells.average(d.mean, d.count) for d in found])
        add("Duur", f"{duration.measure.label}: mediaan",
            [small_cells.average(d.median, d.count) for d in found])
    for table_index, table in enumerate(series[0].counts):
        tables = [list(f.counts)[table_index] for f in series]
        labels = list(dict.fromkeys(row.label for t in tables for row in t.rows))
        for label in labels:
            add(table.dimension.label, label, [small_cells.count(
                next((row.count for row in t.rows if row.label == label), 0)) for t in tables])
    return rows


def masked_figures(conn: Connection, today: date, quarters: int = 4,
                   definition: str = "") -> dict[str, Any]:
    """On the server: the figures of the last ``quarters`` quarters, masked, as JSON."""
    chosen = Definition.__members__.get(definition, Definition.BREED)
    shown = [Quarter.of(today)]
    while len(shown) < max(1, min(quarters, MAX_QUARTERS)):
        shown.append(shown[-1].previous())
    with paused_gc():
        entries = as_episodes(conn, repo_cases.anonymous_cases(
            conn, min(q.previous().start for q in shown)))
        history = repo_situation.histories(conn)
        series = [quarter_figures(entries, q, chosen, today, history) for q in shown]
    return TeamFigures(chosen.label, tuple(q.label for q in shown), tuple(_rows(series)),
                       today).to_json()


# -- on the teamleider's laptop ---------------------------------------------------------------
def fetch(ctx: AppContext, definition: Definition = Definition.BREED) -> TeamFigures:
    """Ask the server for the masked figures and keep them (the only team data stored)."""
    from thuiszitter_desktop.services.sync import client_for

    client = client_for(ctx)
    if client is None:
        raise RuntimeError("Dit apparaat hoort niet bij een team.")
    try:
        answer = client.get(f"/v1/figures?quarters=4&definition={definition.name}")
    finally:
        client.close()
    figures = TeamFigures.from_json(answer)
    with ctx.vault.transaction() as conn:
        repo_sync.set_state(conn, **{STATE_KEY: json.dumps(figures.to_json(),
                                                           ensure_ascii=False)})
        ctx.audit(conn, "teamcijfers opgehaald", "teamcijfers")
    return figures


def record_exported(ctx: AppContext) -> None:
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "geëxporteerd", "teamcijfers")


def stored(ctx: AppContext) -> TeamFigures | None:
    with ctx.vault.read() as conn:
        text = repo_sync.state(conn).get(STATE_KEY)
    return TeamFigures.from_json(json.loads(text)) if text else None


def to_xlsx(figures: TeamFigures) -> bytes:
    headers = ["Onderdeel", "Cijfer", *figures.quarters]
    rows = [[r.section, r.label, *r.cells] for r in figures.rows]
    return sheet_xlsx(headers, rows, (
        ("Definitie", figures.definition),
        ("Berekend op", f"{figures.computed_on:%d-%m-%Y}"),
        ("Privacy", f"Alle aantallen kleiner dan {small_cells.SMALL_CELL} staan er als "
                    f"'{small_cells.MASK}'; een percentage of gemiddelde alleen als er "
                    f"{small_cells.SMALL_CELL} of meer leerlingen achter zitten. Geen namen."),
    ))
