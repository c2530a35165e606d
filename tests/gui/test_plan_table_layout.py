"""The plan's goal and action tables are usable at 100 % and at 200 % on a 1600×1000 screen.

At 200 % the goal columns used to be a few letters wide beside the SMART tips. Each scale runs
in its own process (``plan_layout_check.py``), on the demo case with a plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scaled_run import free_area, run_at_scale

from thuiszitter_desktop.ui.plan_table import READABLE_CHARACTERS


@pytest.mark.parametrize("scale", ["1", "2"])
def test_goal_and_action_texts_get_readable_columns(scale: str, tmp_path: Path) -> None:
    report = run_at_scale("plan_layout_check.py", scale, tmp_path)
    assert report["area"] == free_area(scale)  # the scale took effect
    goals, actions = report["goals"], report["actions"]
    assert goals["rows"] >= 2 and actions["rows"] >= 2  # the demo plan is really shown
    # Doel, Zo meten we het (goals) and Wat (actions): at least a readable width each.
    for width in (goals["characters"][0], goals["characters"][1], actions["characters"][2]):
        assert width >= READABLE_CHARACTERS
    for table in (goals, actions):
        assert table["sideways"] == 0  # every column in sight
        assert table["short_rows"] == []  # rows grow with their wrapped text
        assert table["titles_cut"] == []  # headers wrap, none is cut off
    # At 200 % the tips go below the tables; at 100 % there is room beside them.
    assert report["tips_beside"] is (scale == "1")
