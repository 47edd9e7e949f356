"""The table mode of the results: one column per field, sorted by clicking a header.

The same view, model and selection serve the card list and the table; this module only
switches the columns, the delegate and the header. A header click asks for a new order
(``sort_requested``): the Library sorts the whole result, the model still loads the rows
a screen at a time, so a table of 100,000 hits costs what the list does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate

from .results_model import ResultsModel
from .results_view import ResultsView

COLUMNS = ("title", "date", "authors", "companies", "source", "added", "collections")

# column -> (ascending sort, descending sort); columns not named here are not sortable
SORTS = {
    "title": ("title", "title_desc"),
    "date": ("date_asc", "date"),
    "added": ("added_asc", "added"),
}
# which way a first click on a column sorts: titles A-Z, dates and imports newest first
FIRST = {"title": "title", "date": "date", "added": "added"}
WIDTHS = {"title": 260, "date": 90, "authors": 90, "companies": 150, "source": 170,
          "added": 120, "collections": 150}


def column_of(sort: str) -> tuple[str, Qt.SortOrder] | None:
    """The column and direction a sort is shown as in the header (None for relevance)."""
    for column, (asc, desc) in SORTS.items():
        if sort == asc:
            return column, Qt.SortOrder.AscendingOrder
        if sort == desc:
            return column, Qt.SortOrder.DescendingOrder
    return None


class TableMode(QObject):
    """Switches a ResultsView between cards and a sortable table."""

    sort_requested = Signal(str)

    def __init__(self, view: ResultsView, model: ResultsModel, parent=None):
        super().__init__(parent)
        self.view = view
        self.model = model
        self.on = False
        self.sort = "relevance"
        self._plain = QStyledItemDelegate(view)
        header = view.horizontalHeader()
        header.sectionClicked.connect(self._clicked)

    def headers(self) -> dict[str, str]:
        return {"title": self.tr("Headline"), "date": self.tr("Date"),
                "authors": self.tr("Authors"), "companies": self.tr("Companies"),
                "source": self.tr("Source"), "added": self.tr("Date added"),
                "collections": self.tr("Collections")}

    def set_on(self, on: bool) -> None:
        """Show the table (True) or the cards (False), keeping the current row."""
        current = self.view.currentIndex().row()
        self.on = on
        view, header = self.view, self.view.horizontalHeader()
        self.model.set_columns(COLUMNS if on else (), self.headers())
        view.setItemDelegate(self._plain if on else view.delegate)
        view.setShowGrid(on)
        view.setWordWrap(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if on
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = view.verticalHeader()
        if on:
            rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
            header.show()
            header.setSectionsClickable(True)
            header.setSortIndicatorShown(True)
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for i, name in enumerate(COLUMNS):
                view.setColumnWidth(i, WIDTHS[name])
        else:
            header.hide()
            header.setSortIndicatorShown(False)
            header.setStretchLastSection(True)
            view.refresh_row_height()
        self.show_sort(self.sort)
        if current >= 0:
            view.setCurrentIndex(self.model.index(current, 0))
        view.viewport().update()

    def show_sort(self, sort: str) -> None:
        """Put the header's arrow on the column ``sort`` orders by (none for relevance)."""
        self.sort = sort
        header = self.view.horizontalHeader()
        shown = column_of(sort)
        header.blockSignals(True)
        if shown is None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            header.setSortIndicator(COLUMNS.index(shown[0]), shown[1])
        header.blockSignals(False)

    def _clicked(self, section: int) -> None:
        if not self.on or not 0 <= section < len(COLUMNS):
            return
        column = COLUMNS[section]
        if column not in SORTS:
            self.show_sort(self.sort)  # not sortable: the arrow stays where it was
            return
        asc, desc = SORTS[column]
        if self.sort in (asc, desc):
            new = desc if self.sort == asc else asc  # the same column again: the other way
        else:
            new = FIRST[column]
        self.show_sort(new)
        self.sort_requested.emit(new)
