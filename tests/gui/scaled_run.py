"""Runs a measuring script in its own process at a given ``QT_SCALE_FACTOR`` on a 1600×1000
offscreen screen (the scale is read when the QApplication starts) and returns its JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def run_at_scale(script: str, scale: str, tmp_path: Path) -> dict[str, Any]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_SCALE_FACTOR": scale,
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(HERE / script)], env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def free_area(scale: str) -> list[int]:
    """The screen's free area in logical pixels at ``scale``: proof the scale took effect."""
    return [round(1600 / float(scale)), round(1000 / float(scale))]
