"""Every window and dialog fits a 1600×1000 screen at 100 %, 150 % and 200 % scaling.

At 200 % the main window used to open at 1992×1044 on a 1600×1000 screen and the
aanmeldformulier with 'Registreren' off-screen. Each scale runs in its own process
(``QT_SCALE_FACTOR`` is read when the QApplication starts) over every screen of the catalog.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import screen_catalog

HERE = Path(__file__).resolve().parent
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_every_screen_fits_at_this_scale(tmp_path: Path, scale: str) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_SCALE_FACTOR": scale,
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(HERE / "fit_check.py")], env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    free = [round(1600 / float(scale)), round(1000 / float(scale))]
    assert report["area"] == free  # the scale took effect
    assert report["checked"] == len(screen_catalog.screens())
    assert report["problems"] == []
