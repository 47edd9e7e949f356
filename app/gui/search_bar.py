"""The search box: as-you-type (debounced), Enter searches at once, recent searches, and a
query-syntax help popover."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget

from .help_popover import HelpPopover
from .icons import icon
from .theme import LIGHT, Colors

DEBOUNCE_MS = 250
RECENT_MAX = 12
RECENT_KEY = "search/recent"


class SearchLineEdit(QLineEdit):
    """A line edit that hands Up and Down to the results list."""

    move_down = Signal()
    move_up = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.move_down.emit()
            return
        if event.key() == Qt.Key.Key_Up and not event.modifiers():
            self.move_up.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Emits ``search_requested(text)`` after typing pauses, and at once on Enter
    (``submitted(text)`` as well, for the recent list)."""

    search_requested = Signal(str)
    submitted = Signal(str)

    def __init__(self, settings: QSettings, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.edit = SearchLineEdit()
        self.edit.setObjectName("searchBox")
        self.edit.setPlaceholderText(
            self.tr('Search: words, "phrases", OR, -word, company:一汽, year:2021..2023'))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumHeight(30)
        self.search_icon = self.edit.addAction(icon("search", colors.muted),
                                               QLineEdit.ActionPosition.LeadingPosition)
        self.recent_menu = QMenu(self)
        self.recent_button = QToolButton()
        self.recent_button.setToolTip(self.tr("Recent searches"))
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_button.setMenu(self.recent_menu)
        self.recent_button.setAutoRaise(True)
        self.help_button = QToolButton()
        self.help_button.setToolTip(self.tr("Query syntax"))
        self.help_button.setAutoRaise(True)
        self.popover = HelpPopover(colors, self)
        self.popover.example_chosen.connect(self._use_example)
        self.help_button.clicked.connect(lambda: self.popover.show_below(self.edit))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.recent_button)
        lay.addWidget(self.help_button)
        self.set_colors(colors)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(lambda: self.search_requested.emit(self.text()))
        self.edit.textChanged.connect(lambda _t: self.debounce.start())
        self.edit.returnPressed.connect(self.submit)
        self._rebuild_recent()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, search: bool = True) -> None:
        self.edit.setText(text)
        if search:
            self.submit()

    def submit(self) -> None:
        """Search now (Enter)."""
        self.debounce.stop()
        text = self.text()
        self.remember(text)
        self.submitted.emit(text)
        self.search_requested.emit(text)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_colors(self, colors: Colors) -> None:
        self.search_icon.setIcon(icon("search", colors.muted))
        self.recent_button.setIcon(icon("history", colors.muted))
        self.help_button.setIcon(icon("help", colors.muted))
        self.popover.set_colors(colors)

    # ----- recent searches -------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str) and v.strip()]

    def remember(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        items = [text] + [r for r in self.recent() if r != text]
        self.settings.setValue(RECENT_KEY, items[:RECENT_MAX])
        self._rebuild_recent()

    def clear_recent(self) -> None:
        self.settings.setValue(RECENT_KEY, [])
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for text in items:
            action = QAction(text, self.recent_menu)
            action.triggered.connect(lambda _c=False, t=text: self.set_text(t))
            self.recent_menu.addAction(action)
        if items:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear recent searches"), self.clear_recent)
        else:
            empty = self.recent_menu.addAction(self.tr("No recent searches"))
            empty.setEnabled(False)

    def _use_example(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.setFocus()
        self.submit()
