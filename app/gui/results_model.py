"""A lazy list model over search hit ids: rows are loaded from the Library in chunks."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from archive.library import Library, SearchResult

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
DateRole = Qt.ItemDataRole.UserRole + 3
CompaniesRole = Qt.ItemDataRole.UserRole + 4
AuthorsRole = Qt.ItemDataRole.UserRole + 5
CHUNK = 100


class ResultsModel(QAbstractListModel):
    """Holds every hit id of the current result; fetches titles and snippets on demand."""

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self.ids: list[int] = []
        self.highlights: list[str] = []
        self._rows: dict[int, dict] = {}

    def set_result(self, result: SearchResult) -> None:
        self.beginResetModel()
        self.ids = list(result.ids)
        self.highlights = list(result.highlights)
        self._rows = {
            h.id: {"title": h.title, "date": h.date, "authors": h.authors,
                   "companies": h.companies,
                   "snippet": h.snippet.to_html() if h.snippet else ""}
            for h in result.hits
        }
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.ids, self._rows = [], {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.ids)

    def article_id(self, row: int) -> int:
        return self.ids[row]

    def row_data(self, row: int) -> dict:
        aid = self.ids[row]
        if aid not in self._rows:
            self._load(row)
        return self._rows.get(aid, {"title": "", "date": None, "authors": [], "companies": [],
                                    "snippet": ""})

    def _load(self, row: int) -> None:
        start = row - row % CHUNK
        chunk = [i for i in self.ids[start : start + CHUNK] if i not in self._rows]
        articles = self.library.get_many(chunk)
        snippets = self.library.snippets(chunk, self.highlights)
        for aid, a in articles.items():
            self._rows[aid] = {"title": a.title, "date": a.date, "authors": a.authors,
                               "companies": a.companies, "snippet": snippets[aid].to_html()}

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == ArticleIdRole:
            return self.ids[index.row()]
        row = self.row_data(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return row["title"]
        if role == SnippetRole:
            return row["snippet"]
        if role == DateRole:
            return row["date"] or ""
        if role == CompaniesRole:
            return row["companies"]
        if role == AuthorsRole:
            return row["authors"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["title"]
        return None
