"""A lazy model over search hit ids: rows are loaded from the Library in chunks.

It has one column for the results list (a delegate paints each hit as a card from the
roles below) or, in table mode (``set_columns``), one column per field of
``results_table.COLUMNS``; the rows and the selection stay the same either way.

The model holds every hit id of the current result (100,000 ids are a small list) and the
rows of the first page that came with the search; titles and snippets of other rows are
fetched a chunk at a time when the view first asks for them: in the background when the
model has a TaskRunner (the view draws placeholders meanwhile), else at once.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from archive.document import Article
from archive.library import Library, SearchResult

from .date_evidence import date_evidence
from .tasks import TaskRunner

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
DateRole = Qt.ItemDataRole.UserRole + 3
CompaniesRole = Qt.ItemDataRole.UserRole + 4
AuthorsRole = Qt.ItemDataRole.UserRole + 5
EditedRole = Qt.ItemDataRole.UserRole + 6
TopicsRole = Qt.ItemDataRole.UserRole + 7
LoadedRole = Qt.ItemDataRole.UserRole + 8
VersionsRole = Qt.ItemDataRole.UserRole + 9  # articles in the hit's version group
DateSourceRole = Qt.ItemDataRole.UserRole + 10
CHUNK = 50

_EMPTY = {"title": "", "date": None, "authors": [], "companies": [], "topics": [],
          "snippet": "", "edited": False, "versions": 1, "source": "", "added": "", "collections": []}


def _source(name: str | None, fmt: str | None) -> str:
    if name and fmt:
        return f"{name} ({fmt})"
    return name or fmt or ""


class ResultsModel(QAbstractTableModel):
    """Holds every hit id of the current result; fetches titles and snippets on demand."""

    def __init__(self, library: Library, parent=None, runner: TaskRunner | None = None):
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.ids: list[int] = []
        self.highlights: list[str] = []
        self._rows: dict[int, dict] = {}
        self._loading: set[int] = set()  # chunk starts being fetched
        self._generation = 0  # bumped on every reset: late chunks of an old list are dropped
        self.columns: tuple[str, ...] = ()  # table mode's fields; () for the one-column list
        self.headers: dict[str, str] = {}

    def index(self, row: int, column: int = 0, parent: QModelIndex | None = None) -> QModelIndex:
        if parent is not None and parent.isValid():
            return QModelIndex()
        if not (0 <= row < len(self.ids) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return max(1, len(self.columns))

    def set_columns(self, columns: tuple[str, ...], headers: dict[str, str] | None = None) -> None:
        """Show these fields as columns (table mode), or one card column for ``()``."""
        old, new = self.columnCount(), max(1, len(columns))
        if new > old:
            self.beginInsertColumns(QModelIndex(), old, new - 1)
            self.columns, self.headers = tuple(columns), dict(headers or {})
            self.endInsertColumns()
        elif new < old:
            self.beginRemoveColumns(QModelIndex(), new, old - 1)
            self.columns, self.headers = tuple(columns), dict(headers or {})
            self.endRemoveColumns()
        else:
            self.columns, self.headers = tuple(columns), dict(headers or {})
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, new - 1)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            name = self.columns[section]
            return self.headers.get(name, name)
        return None

    def set_result(self, result: SearchResult, edited: set[int] | None = None) -> None:
        """Show ``result``; ``edited`` names the first page's manually corrected articles."""
        edited = edited or set()
        self.beginResetModel()
        self._reset_loading()
        self.ids = list(result.ids)
        self.highlights = list(result.highlights)
        self._rows = {
            h.id: {"title": h.title, "date": h.date, "date_source": h.date_source,
                   "authors": h.authors,
                   "companies": h.companies, "topics": h.topics,
                   "snippet": h.snippet.to_html() if h.snippet else "",
                   "edited": h.id in edited, "versions": h.versions,
                   "source": _source(h.source_name, h.source_format), "added": h.added or "",
                   "collections": h.collections}
            for h in result.hits
        }
        self.endResetModel()

    def set_articles(self, articles: list[Article], highlights: list[str] | None = None) -> None:
        """Show a list of articles (e.g. "more like this") in this order."""
        self.beginResetModel()
        self._reset_loading()
        self.ids = [a.id for a in articles]
        self.highlights = list(highlights or [])
        self._rows = {}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._reset_loading()
        self.ids, self._rows = [], {}
        self.endResetModel()

    def _reset_loading(self) -> None:
        self._generation += 1
        self._loading.clear()

    def refresh(self, article_id: int) -> None:
        """Forget the cached row of an article (after an edit) and repaint it."""
        self._rows.pop(article_id, None)
        row = self.row_of(article_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.ids)

    def article_id(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, article_id: int) -> int:
        try:
            return self.ids.index(article_id)
        except ValueError:
            return -1

    def is_loaded(self, row: int) -> bool:
        return self.ids[row] in self._rows

    def row_data(self, row: int) -> dict:
        """The row's data, loaded now if it is not yet (for callers that need it at once)."""
        aid = self.ids[row]
        if aid not in self._rows:
            start = row - row % CHUNK
            self._store(self._fetch(self._chunk(start), self.highlights))
        return self._rows.get(aid, _EMPTY)

    def _chunk(self, start: int) -> list[int]:
        return [i for i in self.ids[start : start + CHUNK] if i not in self._rows]

    def _fetch(self, chunk: list[int], highlights: list[str]) -> dict[int, dict]:
        """Rows of these articles from the Library (runs on a worker thread when async)."""
        articles = self.library.get_many(chunk)
        snippets = self.library.snippets(chunk, highlights)
        groups = self.library.groups()
        rows: dict[int, dict] = {}
        for aid in chunk:
            a = articles.get(aid)
            if a is None:  # gone since the search (deleted): a blank row, not asked again
                rows[aid] = dict(_EMPTY)
                continue
            snip = snippets.get(aid)
            rows[aid] = {"title": a.title, "date": a.date, "date_source": a.date_source,
                         "authors": a.authors,
                         "companies": a.companies, "topics": a.topics,
                         "snippet": snip.to_html() if snip else "", "edited": a.edited,
                         "versions": groups.size(aid),
                         "source": _source(a.source_name, a.source_format),
                         "added": a.created_at or "", "collections": a.collections}
        return rows

    def _store(self, rows: dict[int, dict]) -> None:
        self._rows.update(rows)

    def _request(self, row: int) -> None:
        """Fetch the chunk holding ``row`` in the background; repaint it when it is in."""
        start = row - row % CHUNK
        if start in self._loading:
            return
        chunk = self._chunk(start)
        if not chunk:
            return
        if self.runner is None:
            self._store(self._fetch(chunk, self.highlights))
            return
        self._loading.add(start)
        generation, highlights = self._generation, list(self.highlights)
        self.runner.start(lambda _p, _c: self._fetch(chunk, highlights),
                          on_done=lambda rows: self._loaded(generation, start, rows),
                          on_failed=lambda _m: self._loading.discard(start))

    def _loaded(self, generation: int, start: int, rows: dict[int, dict]) -> None:
        if generation != self._generation:
            return
        self._loading.discard(start)
        self._store(rows)
        last = min(start + CHUNK, len(self.ids)) - 1
        if last >= start:
            self.dataChanged.emit(self.index(start), self.index(last, self.columnCount() - 1))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == ArticleIdRole:
            return self.ids[index.row()]
        row = self._rows.get(self.ids[index.row()])
        if row is None:
            self._request(index.row())
            row = self._rows.get(self.ids[index.row()])
        if role == LoadedRole:
            return row is not None
        if row is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if self.columns and index.column() > 0 and role in (Qt.ItemDataRole.DisplayRole,
                                                            Qt.ItemDataRole.ToolTipRole):
            return cell_text(self.columns[index.column()], row)
        if role == Qt.ItemDataRole.DisplayRole:
            return row["title"]
        if role == Qt.ItemDataRole.ToolTipRole:
            evidence = date_evidence(row.get("date_source")) if row["date"] else ""
            return f"{row['title']}\n{row['date']} · {evidence}" if evidence else row["title"]
        if role == DateSourceRole:
            return row.get("date_source")
        if role == SnippetRole:
            return row["snippet"]
        if role == DateRole:
            return row["date"] or ""
        if role == CompaniesRole:
            return row["companies"]
        if role == AuthorsRole:
            return row["authors"]
        if role == TopicsRole:
            return row.get("topics", [])
        if role == EditedRole:
            return row.get("edited", False)
        if role == VersionsRole:
            return row.get("versions", 1)
        return None


def cell_text(column: str, row: dict) -> str:
    """The text of one table cell: lists joined, the import time to the minute."""
    value = row.get(column)
    if column == "added" and value:
        return str(value).replace("T", " ")[:16]
    if isinstance(value, list):
        return ", ".join(value)
    return str(value or "")
