"""Random edits, syncs and offline periods on three laptops (hypothesis, stateful).

The invariant of issue 20: after a final sync every locally saved edit is on every laptop and
on the server, or in a recorded conflict, or was overwritten by someone who had seen it; and all
laptops hold the same data as the server.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sync_helpers import add_contact, edit_case, edit_pupil, register
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.services import cases

FIELDS = (("cases", "notes"), ("pupils", "school"))
NAMES = ("Anna Jansen", "Bram de Vries", "Cor Bakker")


@dataclass(frozen=True)
class Edit:
    table: str
    row_id: str
    field: str
    value: str
    before: str  # what the laptop showed when the edit was saved


def run_machine(team: TeamServer, tmp_path: Path) -> None:
    class Team(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            team.reset()
            folder = tmp_path / f"run-{id(self)}"
            self.laptops = [Laptop(folder / str(i), name) for i, name in enumerate(NAMES)]
            for laptop in self.laptops:
                laptop.join(team, login=f"{laptop.name.split()[0].lower()}{id(self)}")
            self.online = [True, True, True]
            self.case_ids: list[str] = []
            self.edits: list[Edit] = []
            self.contacts: dict[str, str] = {}  # contact id -> its notes
            self.counter = 0

        def teardown(self) -> None:
            for laptop in self.laptops:
                laptop.close()

        def _value(self, label: str) -> str:
            self.counter += 1
            return f"{label}-{self.counter} ✓"

        def _has(self, laptop: Laptop, case_id: str) -> bool:
            return case_id in laptop.records()["cases"]

        @initialize()
        def first_case(self) -> None:
            # One case every laptop has, so edits meet from the first step on.
            case = register(self.laptops[0].ctx, "Zoë", "Çelik")
            self.case_ids.append(case.id)
            for laptop in self.laptops:
                laptop.sync()

        @rule(who=st.integers(0, 2))
        def new_case(self, who: int) -> None:
            self.counter += 1
            # A birth date of its own: not a possible duplicate of the others.
            case = register(self.laptops[who].ctx, f"Leerling{self.counter}", "Bos",
                            date(2012, 1, 1) + timedelta(days=self.counter))
            self.case_ids.append(case.id)

        @rule(who=st.integers(0, 2), pick=st.integers(0, 1), what=st.sampled_from(FIELDS))
        def edit(self, who: int, pick: int, what: tuple[str, str]) -> None:
            laptop = self.laptops[who]
            case_id = self.case_ids[pick % len(self.case_ids)]
            if not self._has(laptop, case_id):
                return
            table, field = what
            value = self._value(field)
            detail = cases.load_case(laptop.ctx, case_id)
            if table == "cases":
                before = str(getattr(detail.case, field))
                edit_case(laptop.ctx, case_id, **{field: value})
                row_id = case_id
            else:
                before = str(getattr(detail.pupil, field))
                edit_pupil(laptop.ctx, case_id, **{field: value})
                row_id = detail.pupil.id
            self.edits.append(Edit(table, row_id, field, value, before))

        @rule(who=st.integers(0, 2), pick=st.integers(0, 50))
        def contact(self, who: int, pick: int) -> None:
            laptop = self.laptops[who]
            case_id = self.case_ids[pick % len(self.case_ids)]
            if self._has(laptop, case_id):
                made = add_contact(laptop.ctx, case_id, self._value("contact"))
                self.contacts[made.id] = made.notes

        @precondition(lambda self: any(self.online))
        @rule(who=st.integers(0, 2))
        def sync(self, who: int) -> None:
            if self.online[who]:
                self.laptops[who].sync()

        @rule(who=st.integers(0, 2))
        def toggle_offline(self, who: int) -> None:
            self.online[who] = not self.online[who]

        @invariant()
        def nothing_unsent_is_lost_locally(self) -> None:
            # Whatever a laptop saved is in its own vault until the server has it.
            for laptop in self.laptops:
                records = laptop.records()["contact_moments"]
                for contact_id in records:
                    assert contact_id in self.contacts

        def final_check(self) -> None:
            for _round in range(3):
                for laptop in self.laptops:
                    laptop.sync()
            server = team.records()
            for laptop in self.laptops:
                assert laptop.records() == server
            recorded: set[tuple[str, str, str]] = set()
            for conflict in server["sync_conflicts"].values():
                detail = json.loads(str(conflict["detail"]))
                for field in detail.get("fields", []):
                    for side in ("server", "client"):
                        recorded.add((str(conflict["row_id"]), field["field"],
                                      str(field[side])))
            seen = {edit.before for edit in self.edits}
            for edit in self.edits:
                final = server[edit.table][edit.row_id][edit.field]
                assert (final == edit.value or edit.value in seen
                        or (edit.row_id, edit.field, edit.value) in recorded), edit
            for contact_id, notes in self.contacts.items():
                assert server["contact_moments"][contact_id]["notes"] == notes

    class Checked(Team):
        def teardown(self) -> None:
            try:
                self.final_check()
            finally:
                super().teardown()

    run_state_machine_as_test(Checked, settings=settings(
        max_examples=6, stateful_step_count=18, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))


def test_random_edits_syncs_and_offline_periods_lose_nothing(
        team: TeamServer, tmp_path: Path, laptops: Callable[..., Laptop]) -> None:
    run_machine(team, tmp_path)
