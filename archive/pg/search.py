"""Search on a server archive: the local engine over gram-index segments kept in PostgreSQL.

The index is the local archive's gram index (``index.segments``: sorted gram codes,
document lists, positions, per-document arrays, facet pairs), its immutable segments
stored in the database (``archive.pg.segments_store``): shared by every client, written
in the same transaction as the articles, backed up with the database. A search reads
the slices of the postings its grams need (one statement per query string) and
intersects positions, counts facets, groups versions, sorts and pages in the client with
the local engine's NumPy code (``index.engine``), so both backends answer alike by
construction. What a client keeps of the segments never goes stale (segments never
change); one read of the index's stamp a search tells it when segments were added,
merged or entries deleted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext

from archive.backends import SearchPage, SearchSpec
from archive.gram_search import store_context
from archive.title_order import TitleOrder
from index.engine import Filters, SearchIndex
from index.engine import SearchPage as EnginePage
from index.folding import fold
from index.query import Node, Text, parse_query
from index.schema import IndexDocument

from .segments_store import PgSegments, Stale

ANALYZE_MIN = 500  # planner statistics are refreshed after this many new documents at least


class _Engine(SearchIndex):
    """``index.engine.SearchIndex`` over the server's segments (no local folder, no
    word view: "did you mean" is ``archive/pg/suggest.py``'s)."""

    def __init__(self, grams: PgSegments):
        self._searching(grams)  # type: ignore[arg-type]  # (the GramIndex surface it uses)

    def suggest(self, terms: list[str]) -> str | None:
        return None

    def close(self) -> None:
        self.grams.close()


def _text_nodes(node: Node | None) -> Iterable[Text]:
    if node is None:
        return
    if isinstance(node, Text):
        yield node
    for attr in ("must", "must_not", "should"):
        for child in getattr(node, attr, ()) or ():
            yield from _text_nodes(child)


class PgSearch:
    """The server archive's search index (a ``SearchBackend``)."""

    def __init__(self, conn, store=None):
        self.conn = conn
        self.store = store  # version groups, collections and tags, title order
        self.grams = PgSegments(conn)
        self._engine = _Engine(self.grams)
        self._titles = TitleOrder()
        self._lock = threading.RLock()
        self._added = 0
        self._analyzed = 0

    # ----- lifecycle (nothing to tidy: the index is rows of the database) -----------------
    def tidy(self) -> dict[str, list[str]]:
        return {"leftovers": [], "broken": []}

    def broken_segments(self) -> dict[str, str]:
        return {}

    def close(self) -> None:
        self._engine.close()

    def clear(self) -> None:
        self.grams.clear()

    def optimize(self) -> None:
        self.grams.optimize()

    # ----- writing -------------------------------------------------------------------------
    def add(self, docs: Iterable[IndexDocument], replace: bool = True) -> int:
        """Index ``docs`` (replacing their earlier entries) in one transaction."""
        docs = list(docs)
        if not docs:
            return 0
        with self._lock, self.conn.errors():
            self.grams.add([d.segment_doc() for d in docs])
        self._analyze_if_grown(len(docs))
        return len(docs)

    def _analyze_if_grown(self, added: int) -> None:
        """Refresh the planner's statistics of the small index tables once they doubled."""
        self._added += added
        if self._added < max(ANALYZE_MIN, self._analyzed):
            return
        with self._lock, self.conn.errors():
            for table in ("search_docs", "search_deleted"):
                self.conn.raw.execute(f"ANALYZE {table}")
            self._analyzed = self._added = self.doc_count()

    def delete(self, ids: Iterable[int]) -> int:
        with self._lock, self.conn.errors():
            return self.grams.delete({int(i) for i in ids})

    # ----- reading -------------------------------------------------------------------------
    def ids(self) -> set[int]:
        return self.grams.ids()

    def doc_count(self) -> int:
        return self.grams.doc_count()

    def entries(self) -> list[int]:
        return [int(r[0]) for r in self.conn.run("SELECT article_id FROM search_docs")]

    def facet_values(self, name: str) -> list[str]:
        with self.conn.errors():
            return list(self._engine.table().values.get(name, []))

    def search(self, spec: SearchSpec) -> SearchPage:
        """Run a search: one page of hits, the total and drill-sideways facet counts."""
        page = self.run(spec.query, spec.filters, spec.sort, spec.offset, spec.limit,
                        spec.resolve, facets=spec.facets)
        return SearchPage(page.total, page.hits, page.facets, page.parsed.highlights,
                          page.fallback, lambda: page.all_ids.tolist(), lambda: None)

    def month_counts(self, spec: SearchSpec) -> tuple[dict[str, int], int]:
        """Hits per ``yyyy-mm`` of the search (each version group once), and the number
        without a known month."""
        ids = self.run(spec.query, spec.filters, "added", 0, 0, spec.resolve,
                       facets=False).all_ids
        return self._engine.table().month_counts(ids)

    def run(self, text: str, filters: Filters | None = None, sort: str = "relevance",
            offset: int = 0, limit: int = 20, resolve=None, exclude: Iterable[int] = (),
            facets: bool = True) -> EnginePage:
        """Parse and run a query with the local engine over the server's segments (a view
        a merge replaced meanwhile is read again)."""
        with self.conn.errors():
            for attempt in range(3):
                try:
                    with self._where(attempt):
                        return self._run(text, filters, sort, offset, limit, resolve,
                                         list(exclude), facets)
                except Stale:
                    if attempt == 2:
                        raise
                    self.grams.invalidate()
        raise AssertionError("unreachable")

    def _where(self, attempt: int) -> AbstractContextManager:
        """Where a search's statements go: as routed at first; a retry after a stale view
        reads the primary (a replica may not yet have replayed the segments it lists)."""
        router = getattr(self.conn, "router", None)
        return router.on_primary() if attempt and router is not None else nullcontext()

    def _run(self, text, filters, sort, offset, limit, resolve, exclude, facets) -> EnginePage:
        self._prefetch(text, resolve)
        context = ({} if self.store is None else
                   store_context(self.store, self._titles, self._engine.table(), sort, filters))
        return self._engine.search(text, filters, sort, offset, limit, resolve=resolve,
                                   exclude=exclude, facets=facets, **context)

    def _prefetch(self, text: str, resolve) -> None:
        """Read every slice the query's strings need in one statement (the engine then
        finds them in the client's cache), instead of one statement a gram a segment."""
        try:
            parsed = parse_query(text, resolve)
        except Exception:  # noqa: BLE001 (the engine reports a malformed query)
            return
        grams: dict[tuple[int, bool], bool] = {}  # gram -> whether its positions are read
        for node in _text_nodes(parsed.root):
            for form in (node.grams, *node.variants):
                several = len(form) > 1
                for gram in form:
                    grams[gram] = grams.get(gram, False) or several
        if grams:
            self.grams.prefetch(self.grams.snapshot(), grams)

    def more_like(self, article_id: int, text: str, limit: int = 10,
                  filters: Filters | None = None) -> list[int]:
        """Articles sharing the most telling key words of ``text`` (``aid`` left out)."""
        from index.analysis import key_words
        from index.engine import MORE_LIKE_TERMS

        words = [w for w in key_words(fold(text), 40) if len(w) >= 2][:MORE_LIKE_TERMS]
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        page = self.run(query, filters, limit=limit, exclude=[article_id], facets=False)
        return [h.id for h in page.hits]
