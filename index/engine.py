"""The search engine: a Whoosh index of plain documents with facets, sorting and snippets.

It knows nothing of SQLite or files: callers hand it ``IndexDocument``s and article ids,
and pass the texts it should cut snippets from.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import query as wq
from whoosh.searching import Searcher

from .folding import fold
from .facets import FACETS, FacetTable, build_table, read_segment
from .query import ParsedQuery, Resolver, parse_query
from .schema import SCHEMA_VERSION, IndexDocument, build_schema, to_fields
from .snippets import Snippet, make_snippet

_VERSION_FILE = "schema_version.json"


@dataclass
class Hit:
    """One result: the article id, its score and (once filled) its snippet."""

    id: int
    score: float
    snippet: Snippet | None = None


@dataclass
class SearchPage:
    """One page of results with the facet counts of the whole result set."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    parsed: ParsedQuery
    suggestion: str | None = None
    all_ids: np.ndarray | None = field(default=None, repr=False)  # every hit id, in order


@dataclass
class Filters:
    """Facet selections: OR within one facet, AND across facets."""

    year: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)

    def get(self, facet: str) -> list[str]:
        return getattr(self, facet)


class SearchIndex:
    """A Whoosh index folder with a cached searcher and facet table."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._table: FacetTable | None = None
        self._segment_cache: dict[str, object] = {}
        self._ix = self._open_or_create()

    # ----- lifecycle -------------------------------------------------------------------
    def _open_or_create(self):
        self.path.mkdir(parents=True, exist_ok=True)
        if windex.exists_in(str(self.path)) and self.stored_version() == SCHEMA_VERSION:
            return windex.open_dir(str(self.path))
        return self._create()

    def _create(self):
        for child in self.path.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        ix = windex.create_in(str(self.path), build_schema())
        (self.path / _VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
        return ix

    def stored_version(self) -> int | None:
        """The schema version the index folder was written with (None if unknown)."""
        try:
            return int(json.loads((self.path / _VERSION_FILE).read_text())["schema_version"])
        except (OSError, ValueError, KeyError):
            return None

    @property
    def is_fresh(self) -> bool:
        """True when the index holds no document (new, or just rebuilt for a new schema)."""
        return self._ix.doc_count_all() == 0

    def clear(self) -> None:
        """Delete every document (for a full rebuild)."""
        with self._lock:
            self._close_searcher()
            self._ix.close()
            self._ix = self._create()

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            self._ix.close()

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._table = None

    # ----- writing ---------------------------------------------------------------------
    def add(self, docs: Iterable[IndexDocument], replace: bool = True) -> int:
        """Index ``docs`` in one commit (replacing earlier versions of the same ids)."""
        with self._lock:
            writer = self._ix.writer(limitmb=256)
            n = 0
            try:
                for doc in docs:
                    if replace:
                        writer.update_document(**to_fields(doc))
                    else:
                        writer.add_document(**to_fields(doc))
                    n += 1
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._invalidate()
            return n

    def delete(self, ids: Iterable[int]) -> int:
        """Remove the documents of these article ids."""
        with self._lock:
            writer = self._ix.writer()
            n = 0
            for aid in ids:
                n += writer.delete_by_term("id", str(aid))
            writer.commit()
            self._invalidate()
            return n

    def optimize(self) -> None:
        """Merge all segments into one (faster searches after a bulk load)."""
        with self._lock:
            self._ix.optimize()
            self._invalidate()

    def _invalidate(self) -> None:
        self._table = None
        if self._searcher is not None:
            if self._searcher.reader().segments():
                self._searcher = self._searcher.refresh()
            else:  # an empty index's reader cannot be refreshed, only reopened
                self._close_searcher()

    # ----- reading ---------------------------------------------------------------------
    def searcher(self) -> Searcher:
        with self._lock:
            if self._searcher is None:
                self._searcher = self._ix.searcher()
            return self._searcher

    def table(self) -> FacetTable:
        """The facet arrays of the current searcher (cached per segment)."""
        with self._lock:
            if self._table is None:
                searcher = self.searcher()
                parts = []
                live_segments = set()
                for leaf, _offset in searcher.reader().leaf_readers():
                    segment = leaf.segment() if hasattr(leaf, "segment") else None
                    if segment is None:
                        continue
                    key = segment.segment_id()
                    live_segments.add(key)
                    seg = self._segment_cache.get(key)
                    if seg is None:
                        seg = self._segment_cache[key] = read_segment(leaf)
                    n = leaf.doc_count_all()
                    live = np.ones(n, dtype=bool)
                    if leaf.has_deletions():
                        for d in range(n):
                            if leaf.is_deleted(d):
                                live[d] = False
                    parts.append((seg, live))
                for stale in set(self._segment_cache) - live_segments:
                    del self._segment_cache[stale]
                self._table = build_table(parts)
            return self._table

    def ids(self) -> set[int]:
        """Article ids of every indexed document."""
        table = self.table()
        return set(table.aid[table.live].tolist())

    def doc_count(self) -> int:
        """Number of live documents (cheap: read from the index's table of contents)."""
        with self._lock:
            return self.searcher().doc_count()

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        resolve: Resolver | None = None,
        exclude: Iterable[int] = (),
    ) -> SearchPage:
        """Run a query: one page of hits, the total, and drill-sideways facet counts.

        Raises ``QueryError`` for a malformed query.
        """
        parsed = parse_query(text, resolve)
        filters = filters or Filters()
        with self._lock:
            searcher = self.searcher()
            table = self.table()
            base = self._match_mask(searcher, table, parsed.query)
            for aid in exclude:
                base &= table.aid != aid
            selections = {f: table.selection_mask(f, filters.get(f)) for f in FACETS}
            final = base.copy()
            for mask in selections.values():
                if mask is not None:
                    final &= mask
            facets = {}
            for f in FACETS:
                m = base.copy()
                for other, mask in selections.items():
                    if other != f and mask is not None:
                        m &= mask
                facets[f] = table.counts(f, m)
            total = int(final.sum())
            if parsed.query is None or sort == "date":
                order = self._date_order(table, final)
                page_docs = order[offset : offset + limit]
                hits = [Hit(int(table.aid[d]), 0.0) for d in page_docs]
                all_ids = table.aid[order]
            else:
                hits, all_ids = self._ranked(searcher, table, parsed.query, final, offset, limit, total)
        suggestion = None
        if total == 0 and parsed.text_terms:
            suggestion = self.suggest(parsed.text_terms)
        return SearchPage(total, hits, facets, parsed, suggestion, all_ids)

    def _match_mask(self, searcher: Searcher, table: FacetTable, q: wq.Query | None) -> np.ndarray:
        if q is None:
            return table.live.copy()
        mask = np.zeros(table.size, dtype=bool)
        docnums = np.fromiter(q.docs(searcher), dtype=np.int64)
        mask[docnums] = True
        return mask & table.live

    @staticmethod
    def _date_order(table: FacetTable, mask: np.ndarray) -> np.ndarray:
        docs = np.nonzero(mask)[0]
        # Newest first; ties by article id, newest first.
        order = np.lexsort((-table.aid[docs], -table.date_key[docs]))
        return docs[order]

    def _ranked(self, searcher, table, q, final, offset, limit, total):
        if total == 0:
            return [], np.zeros(0, dtype=np.int64)
        want = offset + limit
        allow = None if final.sum() == table.live.sum() else set(np.nonzero(final)[0].tolist())
        results = searcher.search(q, limit=want, filter=allow)
        top = [(hit.docnum, hit.score) for hit in results]
        hits = [Hit(int(table.aid[d]), float(s)) for d, s in top[offset:want]]
        top_docs = np.array([d for d, _ in top], dtype=np.int64)
        rest_mask = final.copy()
        rest_mask[top_docs] = False
        rest = self._date_order(table, rest_mask)
        all_ids = np.concatenate([table.aid[top_docs], table.aid[rest]])
        return hits, all_ids

    def ranked_ids(self, text: str, filters: Filters | None = None, start: int = 0,
                   count: int = 100, resolve: Resolver | None = None) -> list[int]:
        """Article ids of hits ``start`` to ``start + count`` in relevance order."""
        page = self.search(text, filters, "relevance", start, count, resolve)
        return [h.id for h in page.hits]

    def snippets(self, page: SearchPage, texts: dict[int, str]) -> None:
        """Fill each hit's snippet from its article text."""
        for hit in page.hits:
            text = texts.get(hit.id, "")
            hit.snippet = make_snippet(text, page.parsed.highlights)

    def suggest(self, terms: list[str]) -> str | None:
        """A corrected query built from indexed words close to ``terms``, if any."""
        searcher = self.searcher()
        out = []
        changed = False
        for term in terms:
            folded = fold(term)
            options = [] if len(folded) < 2 else searcher.suggest("body", folded, limit=1, maxdist=1)
            if not options:
                options = searcher.suggest("title", folded, limit=1, maxdist=1) if len(folded) >= 2 else []
            if options and options[0] != folded:
                out.append(options[0])
                changed = True
            else:
                out.append(term)
        return " ".join(out) if changed else None

    def key_terms(self, text: str, count: int = 12) -> list[str]:
        """The words of ``text`` that best tell it apart in this index."""
        searcher = self.searcher()
        return [t for t, _ in searcher.key_terms_from_text("body", text, numterms=count)]

    def more_like(self, aid: int, text: str, limit: int = 10,
                  progress: Callable[[int, int], None] | None = None) -> list[Hit]:
        """Articles most like the given one (its own id excluded)."""
        terms = self.key_terms(text)
        if not terms:
            return []
        q = wq.Or([wq.Term("body", t) for t in terms] + [wq.Term("title", t) for t in terms])
        with self._lock:
            searcher = self.searcher()
            table = self.table()
            results = searcher.search(q, limit=limit + 1)
            return [Hit(int(table.aid[h.docnum]), float(h.score)) for h in results
                    if int(table.aid[h.docnum]) != aid][:limit]
