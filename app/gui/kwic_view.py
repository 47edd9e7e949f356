"""Keyword in context: a window listing every occurrence of the query in the current
results, aligned on the hit; sortable by column; a double-click opens the article there.

Rows are computed in result order as the list is scrolled (``fetchMore``); sorting needs
every row up to the cap, which a background task reads first.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive.kwic import KwicRow, KwicStream, sort_key
from index.folding import fold

from .tasks import TaskRunner

LEFT, HIT, RIGHT, DATE, ARTICLE = range(5)
SORT_OF_COLUMN = {LEFT: "left", HIT: "right", RIGHT: "right", DATE: "date", ARTICLE: "article"}
FIRST_SCREEN = 100  # rows computed before the window shows


class KwicModel(QAbstractTableModel):
    """The rows of a ``KwicStream``: more are read as the view scrolls to the end."""

    def __init__(self, stream: KwicStream, parent=None):
        super().__init__(parent)
        self.stream = stream
        self.rows: list[KwicRow] = list(stream.more(FIRST_SCREEN))
        self.loading = False  # a background task is reading the rest

    def headers(self) -> list[str]:
        return [self.tr("Left context"), self.tr("Hit"), self.tr("Right context"),
                self.tr("Date"), self.tr("Article")]

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.left, row.hit, row.right, row.date or "", row.title)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == HIT:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == HIT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.left}【{row.hit}】{row.right}"
        return None

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return not parent.isValid() and not self.loading and not self.stream.done

    def fetchMore(self, parent: QModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        new = self.stream.more(FIRST_SCREEN)
        if new:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()

    def set_rows(self, rows: list[KwicRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class KwicView(QWidget):
    """The concordance window. ``open_hit(article_id, row)`` asks the main window to show
    the article scrolled to that occurrence."""

    open_hit = Signal(int, object)

    def __init__(self, stream: KwicStream, runner: TaskRunner | None = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.stream = stream
        self.runner = runner or TaskRunner(parent=self)
        self.sorted_by: tuple[str, Qt.SortOrder] | None = None
        self.setWindowTitle(self.tr("Keyword in context: %1").replace("%1", stream.query))
        self.model = KwicModel(stream, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._header_clicked)
        for col, mode in ((LEFT, QHeaderView.ResizeMode.Stretch),
                          (HIT, QHeaderView.ResizeMode.ResizeToContents),
                          (RIGHT, QHeaderView.ResizeMode.Stretch),
                          (DATE, QHeaderView.ResizeMode.ResizeToContents),
                          (ARTICLE, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(ARTICLE, 200)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.status = QLabel()
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.choose_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self.model.modelReset.connect(self._update_status)
        self._update_status()
        self.resize(1000, 560)

    def _update_status(self) -> None:
        s = self.stream
        if s.capped:
            text = self.tr("%1 occurrences (stopped at %2: there are more; narrow the "
                           "search)").replace("%1", str(len(s.rows))).replace("%2", str(s.cap))
        elif s.done:
            text = self.tr("%1 occurrences in %2 articles").replace(
                "%1", str(len(s.rows))).replace("%2", str(s.articles))
        else:
            text = self.tr("%1 occurrences so far, in %2 of %3 articles (scroll for more)")\
                .replace("%1", str(len(s.rows))).replace("%2", str(s.scanned))\
                .replace("%3", str(s.articles))
        if self.model.loading:
            text += " — " + self.tr("reading every occurrence to sort…")
        self.status.setText(text)

    # ----- sorting ---------------------------------------------------------------------
    def _header_clicked(self, column: int) -> None:
        how = SORT_OF_COLUMN[column]
        order = Qt.SortOrder.AscendingOrder
        if self.sorted_by and self.sorted_by[0] == how and self.table.horizontalHeader()\
                .sortIndicatorSection() == column:
            order = (Qt.SortOrder.DescendingOrder if self.sorted_by[1] ==
                     Qt.SortOrder.AscendingOrder else Qt.SortOrder.AscendingOrder)
        self.sort_by(column, order)

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every row (up to the cap) by a column; reads the rest first, off the UI
        thread, when the list has not been read to its end."""
        self.table.horizontalHeader().setSortIndicator(column, order)
        how = SORT_OF_COLUMN[column]
        self.sorted_by = (how, order)
        if self.stream.done:
            self._apply_sort()
            return
        if self.model.loading:
            return
        self.model.loading = True
        self._update_status()
        self.runner.start(lambda *_task: self.stream.all(), on_done=lambda _rows: self._loaded(),
                          on_failed=self._failed)

    def _loaded(self) -> None:
        self.model.loading = False
        self._apply_sort()

    def _failed(self, message: str) -> None:
        self.model.loading = False
        self.status.setText(message)

    def _apply_sort(self) -> None:
        if self.sorted_by is None:
            return
        how, order = self.sorted_by
        rows = sorted(self.stream.rows, key=sort_key(how),
                      reverse=order == Qt.SortOrder.DescendingOrder)
        self.model.set_rows(rows)

    # ----- actions -----------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.rows[index.row()]
            self.open_hit.emit(row.id, row)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export concordance"),
                                              "concordance.csv", self.tr("CSV (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> int:
        """Write every row (up to the cap), in the order shown, to ``path``; return how
        many."""
        if self.model.loading:  # a sort is reading the rest: let it finish first
            self.runner.wait()
            self.model.loading = False
        if not self.stream.done or len(self.model.rows) != len(self.stream.rows):
            self.stream.all()
            if self.sorted_by is None:
                self.model.set_rows(list(self.stream.rows))
            else:
                self._apply_sort()
        try:
            with open(path, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(["id", "date", "title", "left", "hit", "right"])
                for r in self.model.rows:
                    writer.writerow([r.id, r.date or "", r.title, r.left, r.hit, r.right])
        except OSError as exc:
            self.status.setText(self.tr("Could not write %1: %2").replace("%1", str(path))
                                .replace("%2", exc.strerror or str(exc)))
            return 0
        self.status.setText(self.tr("Exported %1 rows to %2").replace(
            "%1", str(len(self.model.rows))).replace("%2", str(path)))
        return len(self.model.rows)


def _bare(text: str) -> str:
    return "".join(fold(text).split())


def scroll_reader_to(reader, row: KwicRow, reach: int = 8) -> bool:
    """Select and scroll to the reader's match that is this row's occurrence: the marked
    match whose surrounding text agrees best with the row's left and right context (the
    reader shows the article as formatted text, so offsets differ). False if none."""
    while reader.loading:  # the occurrence may be in a part not yet appended
        reader._append_piece()
    if not reader.matches:
        return False
    doc = reader.document().toPlainText()
    left, right = _bare(row.left)[-reach:], _bare(row.right)[:reach]
    hit = _bare(row.hit)

    def agreement(span: tuple[int, int]) -> int:
        s, e = span
        before, after = _bare(doc[max(0, s - reach * 3):s]), _bare(doc[e:e + reach * 3])
        score = 0
        if _bare(doc[s:e]) == hit:
            score += 1
        score += sum(1 for a, b in zip(reversed(before), reversed(left), strict=False)
                     if a == b)
        score += sum(1 for a, b in zip(after, right, strict=False) if a == b)
        return score

    best = max(range(len(reader.matches)), key=lambda n: (agreement(reader.matches[n]), -n))
    reader._go(best)
    return True
