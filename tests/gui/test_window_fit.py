"""Every window and dialog fits a 1600×1000 screen at 100 %, 150 % and 200 % scaling.

At 200 % the main window used to open at 1992×1044 on a 1600×1000 screen and the
aanmeldformulier with 'Registreren' off-screen. Each scale runs in its own process
(``QT_SCALE_FACTOR`` is read when the QApplication starts) over every screen of the catalog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import screen_catalog
from scaled_run import free_area, run_at_scale


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_every_screen_fits_at_this_scale(tmp_path: Path, scale: str) -> None:
    report = run_at_scale("fit_check.py", scale, tmp_path)
    assert report["area"] == free_area(scale)  # the scale took effect
    assert report["checked"] == len(screen_catalog.screens())
    assert report["problems"] == []
