"""Line icons from resources/icons, drawn in the theme's text colour."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QIcon, QPixmap

from archive.paths import RESOURCES

ICONS = RESOURCES / "icons"


@lru_cache(maxsize=128)
def _svg(name: str) -> str:
    try:
        return (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


def icon(name: str, color: str = "#3c4043", size: int = 48) -> QIcon:
    """The icon ``name`` with ``currentColor`` drawn as ``color`` (empty if it is missing)."""
    svg = _svg(name)
    if not svg:
        return QIcon()
    pixmap = QPixmap(QSize(size, size))
    data = QByteArray(svg.replace("currentColor", color).encode("utf-8"))
    if not pixmap.loadFromData(data, "SVG"):
        return QIcon()
    return QIcon(pixmap)
