"""Render the application icon from ``resources/icons/app.svg`` to PNG and Windows ICO.

The SVG is the single source; the PNG (window icon, Linux menu) and the ICO (Windows executable
and installer) are committed, so building needs no extra tools. Run this after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def render_png(svg: Path, size: int) -> bytes:
    """Render the SVG at ``size`` x ``size`` pixels with Qt's SVG renderer."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "app.svg"
    (ICONS / "app.png").write_bytes(render_png(svg, PNG_SIZE))
    # Each ICO size is rendered from the SVG itself: sharper than downscaling one bitmap.
    images = [Image.open(io.BytesIO(render_png(svg, size))) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(ICONS / "app.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=images[:-1])
    print(f"wrote {ICONS / 'app.png'} and {ICONS / 'app.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
