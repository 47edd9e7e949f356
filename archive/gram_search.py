"""The gram index as a ``SearchBackend``: ``index.engine.SearchIndex`` with what it needs
from the SQLite store (version groups, collection and tag members, title order)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.engine import Filters, SearchIndex
from index.facets import FacetTable

from .backends import SearchPage, SearchSpec
from .store import ArchiveStore
from .title_order import TitleOrder


def store_context(store: Any, titles: TitleOrder, table: FacetTable, sort: str,
                  filters: Filters | None) -> dict[str, Any]:
    """What the archive's rows add to a search of the gram engine (either backend's
    store): version groups, collection, tag and needs-review members, and the title order
    when sorting by title (``SearchIndex.search`` keywords)."""
    external = store.external_facets()
    review = store.review_facet()  # OCR'd articles with a page of low confidence
    if review.members["needs review"].size or "review" in (filters or Filters()).extra:
        external = {**external, "review": review}
    return {"groups": store.version_groups(), "external": external,
            "title_rank": (titles.rank(store, table) if sort in ("title", "title_desc")
                           else None)}


class GramSearch:
    """Search over an archive folder's ``index/`` for the store beside it."""

    def __init__(self, folder: Path, store: ArchiveStore):
        self._index = SearchIndex(folder)
        self._store = store
        self._titles = TitleOrder()

    def _raw(self, spec: SearchSpec, facets: bool):
        return self._index.search(
            spec.query, spec.filters, spec.sort, spec.offset, spec.limit, resolve=spec.resolve,
            facets=facets, **store_context(self._store, self._titles, self._index.table(),
                                           spec.sort, spec.filters))

    def search(self, spec: SearchSpec) -> SearchPage:
        page = self._raw(spec, spec.facets)
        return SearchPage(page.total, page.hits, page.facets, page.parsed.highlights,
                          page.fallback, lambda: page.all_ids.tolist(), lambda: page.suggestion)

    def month_counts(self, spec: SearchSpec) -> tuple[dict[str, int], int]:
        return self._index.table().month_counts(self._raw(spec, False).all_ids)

    def more_like(self, article_id: int, text: str, limit: int,
                  filters: Filters | None = None) -> list[int]:
        return [h.id for h in self._index.more_like(article_id, text, limit, filters)]

    def facet_values(self, name: str) -> list[str]:
        return list(self._index.table().values[name])

    def add(self, docs) -> int:
        return self._index.add(docs, replace=True)

    def delete(self, ids: Iterable[int]) -> int:
        return self._index.delete(ids)

    def ids(self) -> set[int]:
        return self._index.ids()

    def entries(self) -> list[int]:
        snap = self._index.grams.snapshot()
        return snap.aid[snap.live].tolist()

    def doc_count(self) -> int:
        return self._index.doc_count()

    def broken_segments(self) -> dict[str, str]:
        return self._index.broken_segments()

    def tidy(self) -> dict[str, list[str]]:
        return self._index.tidy()

    def close(self) -> None:
        self._index.close()
