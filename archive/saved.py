"""Saved searches: a query with its facet selections and sort, kept under a name in SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .editing import EditError
from .facets import NAMES

if TYPE_CHECKING:
    from .backends import ArchiveRepository

FILTER_KEYS = NAMES
SORTS = ("relevance", "date")
MAX_NAME = 200


@dataclass
class SavedSearch:
    """A named search: run it with ``Library.run_saved``."""

    name: str
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # FILTER_KEYS -> values
    sort: str = "relevance"

    def to_dict(self) -> dict:
        return {"name": self.name, "query": self.query, "filters": self.filters,
                "sort": self.sort}


def _clean(search: SavedSearch) -> SavedSearch:
    name = " ".join(search.name.split())
    if not name:
        raise EditError("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise EditError(f"a saved search name may have at most {MAX_NAME} characters")
    if search.sort not in SORTS:
        raise EditError(f"unknown sort {search.sort!r} (choose from {', '.join(SORTS)})")
    unknown = set(search.filters) - set(FILTER_KEYS)
    if unknown:
        raise EditError(f"unknown filter {min(unknown)!r}")
    filters = {k: list(dict.fromkeys(v for v in search.filters.get(k, []) if v))
               for k in FILTER_KEYS if search.filters.get(k)}
    return SavedSearch(name, search.query.strip(), filters, search.sort)


class SavedActions:
    """The Library's saved-search operations (mixed into ``Library``)."""

    _store: ArchiveRepository
    # the Library's: hold the writer lock; search
    _writing: Callable[[], AbstractContextManager[None]]
    search: Callable[..., Any]

    def save_search(self, search: SavedSearch, replace: bool = True) -> SavedSearch:
        """Keep ``search`` under its name (replacing one of that name unless ``replace`` is
        False: then EditError). The query is checked first: a malformed one is QueryError."""
        search = _clean(search)
        self.search(search.query, limit=0)  # raises QueryError for a malformed query
        with self._writing(), self._store.transaction():
            exists = self._store.query("SELECT 1 FROM saved_searches WHERE name = ?",
                                      [search.name])
            if exists and not replace:
                raise EditError(f"there is already a saved search {search.name!r}")
            from .store import now_iso

            self._store.execute(
                "INSERT INTO saved_searches (name, query, filters, sort, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET query = excluded.query,"
                " filters = excluded.filters, sort = excluded.sort",
                (search.name, search.query, json.dumps(search.filters, ensure_ascii=False),
                 search.sort, now_iso()))
        return search

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        rows = self._store.query(
            "SELECT name, query, filters, sort FROM saved_searches ORDER BY name")
        return [SavedSearch(r[0], r[1], json.loads(r[2] or "{}"), r[3]) for r in rows]

    def saved_search(self, name: str) -> SavedSearch:
        """The saved search of this name; EditError if there is none."""
        wanted = " ".join(name.split())
        for search in self.saved_searches():
            if search.name == wanted:
                return search
        raise EditError(f"no saved search named {name!r}")

    def remove_saved(self, name: str) -> None:
        """Forget a saved search; EditError if there is none of that name."""
        search = self.saved_search(name)
        with self._writing(), self._store.transaction():
            self._store.execute("DELETE FROM saved_searches WHERE name = ?", (search.name,))

    def run_saved(self, search: SavedSearch, offset: int = 0, limit: int = 20):
        """Run a saved search now (a ``SearchResult``)."""
        f = search.filters
        return self.search(search.query, f.get("year"), f.get("company"), f.get("topic"),
                           search.sort, offset, limit, tags=f.get("tag"),
                           collections=f.get("collection"))

    def saved_count(self, search: SavedSearch) -> int | None:
        """How many articles a saved search finds now (None if its query no longer parses)."""
        from index.query import QueryError

        try:
            return self.run_saved(search, limit=0).total
        except QueryError:
            return None
