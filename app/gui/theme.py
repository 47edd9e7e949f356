"""Light and dark themes that follow the system, and the colours the HTML views use.

Qt widgets take their colours from the palette; the HTML of the reader, the results list
and the compare view needs explicit colours, so they ask the ``Theme`` for a ``Colors``
set that is readable on the current background. The theme is passed in, never global.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from archive.paths import RESOURCES

STYLES = RESOURCES / "styles"
ICONS = RESOURCES / "icons"


@dataclass(frozen=True)
class Colors:
    """Colours for rich text, chosen to read well on the theme's background."""

    dark: bool
    mark_bg: str  # query terms
    mark_fg: str
    current_bg: str  # the match the reader is at
    current_fg: str
    shared_bg: str  # companies the compared articles share
    shared_fg: str
    chip_bg: str  # companies
    chip_fg: str
    topic_bg: str
    topic_fg: str
    muted: str
    caption: str
    link: str
    badge_bg: str  # the "edited" badge
    badge_fg: str
    bar: str  # timeline bars
    bar_selected: str
    bar_hover: str
    error: str
    drop_bg: str

    def mark_style(self) -> str:
        return f"background-color:{self.mark_bg};color:{self.mark_fg}"

    def shared_style(self) -> str:
        return f"background-color:{self.shared_bg};color:{self.shared_fg}"


LIGHT = Colors(
    dark=False, mark_bg="#ffe066", mark_fg="#000000", current_bg="#ff9f1a",
    current_fg="#000000", shared_bg="#c9f0d3", shared_fg="#0f4a25", chip_bg="#e3ecfa",
    chip_fg="#1a4d8f", topic_bg="#efe5fb", topic_fg="#5a2a8a", muted="#6b7280",
    caption="#5f6368", link="#1a5fb4", badge_bg="#fff0d1", badge_fg="#8a5300",
    bar="#a9c1e6", bar_selected="#1a5fb4", bar_hover="#6f95d0", error="#b3261e",
    drop_bg="#1a5fb4",
)

DARK = Colors(
    dark=True, mark_bg="#e8c547", mark_fg="#000000", current_bg="#ff9f1a",
    current_fg="#000000", shared_bg="#1f5537", shared_fg="#d5f7df", chip_bg="#263a56",
    chip_fg="#c2d8f7", topic_bg="#3b2b52", topic_fg="#e3d2f7", muted="#9aa3ad",
    caption="#a5acb5", link="#8ab4f8", badge_bg="#503b10", badge_fg="#ffd99a",
    bar="#3f5f8a", bar_selected="#8ab4f8", bar_hover="#5d83b8", error="#f2b8b5",
    drop_bg="#8ab4f8",
)


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8eaed")
    role = QPalette.ColorRole
    for r, c in ((role.Window, window), (role.WindowText, text), (role.Base, base),
                 (role.AlternateBase, QColor("#1e1f22")), (role.ToolTipBase, QColor("#303134")),
                 (role.ToolTipText, text), (role.Text, text), (role.Button, QColor("#2b2c2f")),
                 (role.ButtonText, text), (role.BrightText, QColor("#ffffff")),
                 (role.Link, QColor("#8ab4f8")), (role.Highlight, QColor("#3b5b8c")),
                 (role.HighlightedText, QColor("#ffffff")),
                 (role.PlaceholderText, QColor("#8b9098")), (role.Mid, QColor("#3c4043")),
                 (role.Midlight, QColor("#3c4043")), (role.Dark, QColor("#111214")),
                 (role.Light, QColor("#44474a")), (role.Shadow, QColor("#000000"))):
        p.setColor(r, c)
    disabled = QColor("#7b7f85")
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return p


def light_palette() -> QPalette:
    """A light palette for the Fusion style with a blue selection."""
    p = QApplication.style().standardPalette() if QApplication.instance() else QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0f7"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8fb"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    return p


class Theme(QObject):
    """Follows the system's light or dark scheme (or a forced one) and says which colours
    to use; emits ``changed`` when the scheme changes."""

    changed = Signal()

    def __init__(self, scheme: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._forced = scheme if scheme in ("light", "dark") else None
        self._dark = self._detect()
        hints = QGuiApplication.styleHints()
        if hints is not None and hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._scheme_changed)

    @property
    def dark(self) -> bool:
        return self._dark

    @property
    def colors(self) -> Colors:
        return DARK if self._dark else LIGHT

    def _detect(self) -> bool:
        if self._forced:
            return self._forced == "dark"
        hints = QGuiApplication.styleHints()
        scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        app = QGuiApplication.instance()
        window = app.palette().color(QPalette.ColorRole.Window) if app else QColor("white")
        return window.lightness() < 128

    def _scheme_changed(self, _scheme=None) -> None:
        dark = self._detect()
        if dark != self._dark:
            self._dark = dark
            self.apply()
            self.changed.emit()

    def apply(self, app: QApplication | None = None) -> None:
        """Set the application's palette and style sheet for the current scheme."""
        app = app or QApplication.instance()
        if app is None:
            return
        platform_dark = app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if self._dark and not platform_dark:
            app.setStyle("Fusion")
            app.setPalette(dark_palette())
        elif not self._dark and (platform_dark or self._forced == "light"):
            app.setStyle("Fusion")
            app.setPalette(light_palette())
        app.setStyleSheet(self.style_sheet())

    def style_sheet(self) -> str:
        """The app's style sheet (resources/styles/app.qss) with this theme's colours."""
        names = ["app.qss"] + (["dark.qss"] if self._dark else [])
        parts = []
        for name in names:
            try:
                parts.append((STYLES / name).read_text(encoding="utf-8"))
            except OSError:
                continue
        text = "\n".join(parts)
        for name, value in vars(self.colors).items():
            if isinstance(value, str):
                text = text.replace(f"@{name}@", value)
        return text.replace("@icons@", ICONS.as_posix())
