"""The facet panel: year, company and topic, each value with its count and a checkbox.

Values within one facet combine with OR, facets with AND (the Library does the counting;
each facet's counts ignore its own selection, so ticking a second year widens the search).
A selected value stays listed even when the current search has none of it, so it can
always be unticked. The company list, which can be long, has a filter box.

While the user ticks values for one query the rows keep their places (a value whose count
falls to 0 stays, greyed) so that the next click lands where the user aims; a new query
sorts them afresh. When the results under the filters are empty, a section says so.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from .theme import LIGHT, Colors

FACETS = ("year", "company", "topic", "collection", "tag")
ValueRole = Qt.ItemDataRole.UserRole + 1
CountRole = Qt.ItemDataRole.UserRole + 2
UNKNOWN_YEAR = "unknown"


class FacetModel(QAbstractListModel):
    """Values of one facet with their counts and whether each is selected."""

    def __init__(self, facet: str, parent=None):
        super().__init__(parent)
        self.facet = facet
        self.values: list[tuple[str, int]] = []
        self.selected: set[str] = set()
        self.unknown_label = "unknown"
        self.value_labels: dict[str, str] = {}  # values shown in the UI's language

    def set_counts(self, counts: dict[str, int], keep_order: bool = False) -> None:
        """Show ``counts``; with ``keep_order`` the listed values keep their rows (at 0 when
        gone) and new values go below them, else they are sorted afresh."""
        items = dict(counts)
        for value in self.selected:
            items.setdefault(value, 0)
        old = [v for v, _ in self.values]
        if keep_order and old:
            for value in old:
                items.setdefault(value, 0)
            listed = set(old)
            order = old + self._sorted([v for v in items if v not in listed], items)
            if self.facet == "year":
                order = self._sorted(order, items)  # years stay in year order
        else:
            order = self._sorted(list(items), items)
        values = [(v, items[v]) for v in order]
        if order == old:  # same rows: repaint the counts, keep the scroll position
            self.values = values
            if values:
                self.dataChanged.emit(self.index(0), self.index(len(values) - 1))
            return
        self.beginResetModel()
        self.values = values
        self.endResetModel()

    def _sorted(self, values: list[str], counts: dict[str, int]) -> list[str]:
        if self.facet == "year":
            known = sorted((v for v in values if v != UNKNOWN_YEAR), reverse=True)
            return known + [v for v in values if v == UNKNOWN_YEAR]
        return sorted(values, key=lambda v: (v not in self.selected, -counts[v], v))

    def total(self) -> int:
        return sum(c for _v, c in self.values)

    def set_selected(self, selected: set[str]) -> None:
        self.selected = set(selected)
        if self.values:
            self.dataChanged.emit(self.index(0), self.index(len(self.values) - 1))

    def toggle(self, value: str) -> None:
        if value in self.selected:
            self.selected.discard(value)
        else:
            self.selected.add(value)
        row = next((i for i, (v, _) in enumerate(self.values) if v == value), -1)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))

    def label(self, value: str) -> str:
        if self.facet == "year" and value == UNKNOWN_YEAR:
            return self.unknown_label
        return self.value_labels.get(value, value)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.values)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled  # ticked by a click anywhere on the row

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.values):
            return None
        value, count = self.values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(value)
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if value in self.selected
                    else Qt.CheckState.Unchecked)
        if role == ValueRole:
            return value
        if role == CountRole:
            return count
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.label(value)}: {count}"
        return None


class CountDelegate(QStyledItemDelegate):
    """A checkbox row with the count right-aligned and muted."""

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.colors = colors

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 4)

    def paint(self, painter, option, index) -> None:
        count = index.data(CountRole) or 0
        text = QLocale().toString(int(count))
        fm = option.fontMetrics
        width = fm.horizontalAdvance(text) + 10
        self.initStyleOption(option, index)
        option.rect = option.rect.adjusted(0, 0, -width, 0)
        widget = option.widget
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        painter.save()
        color = QColor(self.colors.muted) if count else option.palette.color(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(color)
        r = QRect(option.rect.right(), option.rect.top(), width - 4, option.rect.height())
        painter.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()


class FacetList(QListView):
    """A facet's values; a click or Space toggles the row's checkbox."""

    toggled = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.clicked.connect(self._toggle)

    def _toggle(self, index: QModelIndex) -> None:
        if index.isValid():
            self.toggled.emit(index.data(ValueRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self._toggle(self.currentIndex())
            return
        super().keyPressEvent(event)


class FacetSection(QWidget):
    """A heading with "Clear", an optional filter box, and the list of values."""

    changed = Signal()

    def __init__(self, facet: str, title: str, colors: Colors, filterable: bool = False,
                 max_rows: int | None = None, parent=None):
        super().__init__(parent)
        self.facet = facet
        self.model = FacetModel(facet, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = FacetList()
        self.view.setModel(self.proxy)
        self.delegate = CountDelegate(colors, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.toggled.connect(self._toggled)
        self.title = QLabel(title)
        self.title.setObjectName("facetTitle")
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(False)
        head = QHBoxLayout()
        head.setContentsMargins(2, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(head)
        self.filter_box: QLineEdit | None = None
        if filterable:
            self.filter_box = QLineEdit()
            self.filter_box.setPlaceholderText(self.tr("Filter companies…"))
            self.filter_box.setClearButtonEnabled(True)
            self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
            lay.addWidget(self.filter_box)
        lay.addWidget(self.view, 1)
        self.empty_hint = QLabel(self.tr("None in these results. Untick a value or clear "
                                         "the filters to see more."))
        self.empty_hint.setObjectName("mutedLabel")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        lay.addWidget(self.empty_hint)
        self.max_rows = max_rows

    def set_counts(self, counts: dict[str, int], keep_order: bool = False,
                   filtered: bool = False) -> None:
        """New counts; ``filtered`` when values are ticked somewhere, so that a section with
        nothing to count says why instead of showing an empty box."""
        self.model.set_counts(counts, keep_order)
        self.empty_hint.setVisible(filtered and self.model.total() == 0)
        self.view.setVisible(self.model.rowCount() > 0 or not filtered)
        if self.max_rows:
            rows = min(max(self.model.rowCount(), 1), self.max_rows)
            hint = self.view.sizeHintForRow(0) if self.model.rowCount() else 22
            self.view.setFixedHeight(rows * max(hint, 18) + 2 * self.view.frameWidth() + 2)

    def selected(self) -> list[str]:
        return sorted(self.model.selected)

    def set_selected(self, values, emit: bool = False) -> None:
        self.model.set_selected(set(values))
        self.clear_button.setVisible(bool(self.model.selected))
        if emit:
            self.changed.emit()

    def toggle(self, value: str) -> None:
        self._toggled(value)

    def clear(self) -> None:
        if self.model.selected:
            self.set_selected(set(), emit=True)

    def _toggled(self, value: str) -> None:
        self.model.toggle(value)
        self.clear_button.setVisible(bool(self.model.selected))
        self.changed.emit()

    def row_rect(self, value: str) -> QRect:
        """Where a value is drawn in the list's viewport (for tests and tooltips)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ValueRole) == value:
                self.view.scrollTo(index)
                return self.view.visualRect(index)
        return QRect()


class FacetPanel(QWidget):
    """Year, company and topic sections; emits ``selection_changed`` on any tick."""

    selection_changed = Signal()

    def __init__(self, colors: Colors = LIGHT, parent=None):
        super().__init__(parent)
        self.setObjectName("facetPanel")
        self.sections: dict[str, FacetSection] = {
            "year": FacetSection("year", self.tr("Year"), colors, max_rows=8),
            "topic": FacetSection("topic", self.tr("Topic"), colors, max_rows=9),
            "company": FacetSection("company", self.tr("Company"), colors, filterable=True),
            "collection": FacetSection("collection", self.tr("Collections"), colors, max_rows=6),
            "tag": FacetSection("tag", self.tr("Tags"), colors, max_rows=6),
            # OCR'd articles with a page of low confidence (archive/ocr)
            "review": FacetSection("review", self.tr("OCR"), colors, max_rows=1),
        }
        self.sections["year"].model.unknown_label = self.tr("Unknown")
        self.sections["review"].model.value_labels = {"needs review": self.tr("Needs review")}
        self.sections["review"].hide()  # until an archive has such articles
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 4, 4)
        lay.setSpacing(10)
        for facet in ("year", "topic", "collection", "tag", "review", "company"):
            section = self.sections[facet]
            section.changed.connect(self.selection_changed.emit)
            lay.addWidget(section, 1 if facet == "company" else 0)
        self.setMinimumWidth(180)

    def set_facets(self, facets: dict[str, dict[str, int]], keep_order: bool = False) -> None:
        """New counts; ``keep_order`` while the query is the same (the user is ticking)."""
        filtered = self.has_selection()
        for facet, section in self.sections.items():
            section.set_counts(facets.get(facet, {}), keep_order, filtered)
        for facet in ("collection", "tag", "review"):  # shown once the archive has some
            section = self.sections[facet]
            section.setVisible(bool(section.model.values))

    def selection(self) -> dict[str, list[str]]:
        return {f: s.selected() for f, s in self.sections.items()}

    def has_selection(self) -> bool:
        return any(s.model.selected for s in self.sections.values())

    def set_selection(self, facet: str, values, emit: bool = True) -> None:
        self.sections[facet].set_selected(values, emit=emit)

    def add(self, facet: str, value: str) -> None:
        """Tick a value (a facet link in the reader)."""
        section = self.sections[facet]
        if value not in section.model.selected:
            section.set_selected(section.model.selected | {value}, emit=True)

    def remove(self, facet: str, value: str) -> None:
        section = self.sections[facet]
        if value in section.model.selected:
            section.set_selected(section.model.selected - {value}, emit=True)

    def clear_all(self) -> None:
        changed = self.has_selection()
        for section in self.sections.values():
            section.set_selected(set())
        if changed:
            self.selection_changed.emit()

    def label(self, facet: str, value: str) -> str:
        return self.sections[facet].model.label(value)

    def set_colors(self, colors: Colors) -> None:
        for section in self.sections.values():
            section.delegate.colors = colors
            section.view.viewport().update()
