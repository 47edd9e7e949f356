"""Saved searches in the sidebar: each with its live count; one click runs it.

``SavedSearchesUi`` ties the panel to the main window: it saves the window's current search
under a name (asked for), opens one (query, filters and sort restored, then searched),
removes one (right-click), and recounts them all in the background after every search,
so the counts follow imports and edits.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from archive.facets import NAMES
from archive.library import EditError, QueryError, SavedSearch

from .facet_panel import CountDelegate, CountRole, ValueRole
from .theme import LIGHT, Colors
from .write_access import read_only_reason

FILTERS = NAMES


class SavedPanel(QWidget):
    """The list of saved searches; emits ``open_requested(name)`` and ``remove_requested``."""

    open_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.setObjectName("savedPanel")
        self.read_only_reason: str | None = None  # why "remove" is off (a reader), if so
        self.title = QLabel(self.tr("Saved searches"))
        self.title.setObjectName("facetTitle")
        self.view = QListWidget()
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.delegate = CountDelegate(colors, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.itemClicked.connect(lambda item: self.open_requested.emit(
            item.data(ValueRole)))
        self.view.itemActivated.connect(lambda item: self.open_requested.emit(
            item.data(ValueRole)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 0)
        lay.setSpacing(3)
        lay.addWidget(self.title)
        lay.addWidget(self.view)
        self.setVisible(False)

    def set_searches(self, searches: list[tuple[SavedSearch, int | None]]) -> None:
        """Show these saved searches with their counts (None: the query no longer parses)."""
        self.view.clear()
        for search, count in searches:
            item = QListWidgetItem(search.name)
            item.setData(ValueRole, search.name)
            item.setData(CountRole, count or 0)
            tip = search.query or self.tr("(every article)")
            filters = "; ".join(f"{k}: {', '.join(v)}" for k, v in search.filters.items())
            item.setToolTip(f"{tip}\n{filters}" if filters else tip)
            self.view.addItem(item)
        rows = min(max(len(searches), 1), 6)
        hint = self.view.sizeHintForRow(0) if searches else 22
        self.view.setFixedHeight(rows * max(hint, 18) + 2 * self.view.frameWidth() + 2)
        self.setVisible(bool(searches))

    def counts(self) -> dict[str, int]:
        """Name -> the count shown (for tests and tooltips)."""
        return {self.view.item(i).data(ValueRole): self.view.item(i).data(CountRole)
                for i in range(self.view.count())}

    def row_rect(self, name: str):
        for i in range(self.view.count()):
            if self.view.item(i).data(ValueRole) == name:
                return self.view.visualItemRect(self.view.item(i))
        return None

    def _menu(self, pos: QPoint) -> None:
        item = self.view.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Remove saved search"))
        if self.read_only_reason:  # a reader may use saved searches, not remove them
            remove.setEnabled(False)
            remove.setToolTip(self.read_only_reason)
            menu.setToolTipsVisible(True)
        remove.triggered.connect(lambda: self.remove_requested.emit(item.data(ValueRole)))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def set_colors(self, colors: Colors) -> None:
        self.delegate.colors = colors
        self.view.viewport().update()


class SavedSearchesUi(QObject):
    """Saved searches for a main window (its library, runner, facets and search bar)."""

    changed = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.panel = SavedPanel(window.theme.colors)
        self.panel.read_only_reason = read_only_reason(self.library)
        self.panel.open_requested.connect(self.open)
        self.panel.remove_requested.connect(self.remove)
        self._refreshing = False
        self._again = False

    def refresh(self) -> None:
        """Recount every saved search in the background (one refresh at a time)."""
        if self._refreshing:
            self._again = True
            return
        self._refreshing = True
        library = self.library

        def work(_progress, _cancel):
            return [(s, library.saved_count(s)) for s in library.saved_searches()]

        self.window.runner.start(work, on_done=self._refreshed,
                                 on_failed=lambda _m: self._refreshed(None))

    def _refreshed(self, searches) -> None:
        self._refreshing = False
        if not shiboken6.isValid(self.panel):
            return  # the window closed while the counts were worked out
        if searches is not None:
            self.panel.set_searches(searches)
        if self._again:
            self._again = False
            self.refresh()

    def save_current(self, name: str | None = None) -> SavedSearch | None:
        """Save the window's search (query, filters, sort) under ``name`` (asked for when
        None); one of the same name is replaced."""
        if name is None:
            name, ok = QInputDialog.getText(self.window, self.tr("Save search"),
                                            self.tr("Name of this search:"))
            if not ok:
                return None
        req = self.window.current_request()
        filters = {"year": list(req.years), "company": list(req.companies),
                   "topic": list(req.topics), "tag": list(req.tags),
                   "collection": list(req.collections)}
        try:
            saved = self.library.save_search(SavedSearch(name, req.query, filters, req.sort))
        except (EditError, QueryError) as exc:
            self.window.statusBar().showMessage(
                self.tr("Could not save the search: %1").replace("%1", str(exc)), 8000)
            return None
        self.window.statusBar().showMessage(
            self.tr("Saved the search as “%1”.").replace("%1", saved.name), 6000)
        self.refresh()
        self.changed.emit()
        return saved

    def open(self, name: str) -> None:
        """Restore a saved search's query, filters and sort in the window and run it."""
        try:
            search = self.library.saved_search(name)
        except EditError as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
            self.refresh()
            return
        win = self.window
        for facet in FILTERS:
            win.facets.set_selection(facet, set(search.filters.get(facet, [])), emit=False)
        win.timeline.set_selected(set(search.filters.get("year", [])))
        win.sort_choice = search.sort
        win.search_bar.set_text(search.query, search=False)
        win.run_search()

    def remove(self, name: str) -> None:
        try:
            self.library.remove_saved(name)
        except EditError as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
        self.refresh()
        self.changed.emit()
