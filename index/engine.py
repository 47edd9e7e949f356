"""The search engine: exact-substring recall and BM25 over the gram index, words in Whoosh.

It knows nothing of SQLite or files: callers hand it ``IndexDocument``s and article ids,
and pass the texts it should cut snippets from. Two parts live in one folder:

* ``grams/``: the gram index (``gramindex``): every query is answered here, as NumPy
  masks and scores over all documents, so counting, facets and sorting cost the same for
  ten matches or a hundred thousand;
* ``words/``: a Whoosh index of each article's segmented title and key words, behind
  "more like this" and "did you mean".
"""

from __future__ import annotations

import gc
import json
import math
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as windex

from .analysis import key_words
from .evaluate import evaluate
from .facets import FACETS, FacetTable, build_table
from .folding import fold
from .gramindex import GramIndex
from .groups import Groups
from .query import ParsedQuery, Resolver, parse_query, split_words
from .schema import KEY_WORDS, SCHEMA_VERSION, IndexDocument, build_schema, to_fields
from .snippets import Snippet, make_snippet, prepare_tables

_VERSION_FILE = "schema_version.json"
_WORD_TRIES = 5
MORE_LIKE_TERMS = 10
SUGGEST_MAX_TERMS = 8  # "did you mean" is skipped for queries of more terms
SUGGEST_MAX_TERM_CHARS = 24  # and not tried for a term longer than this
SUGGEST_OPTIONS = 5  # close words checked against live articles, per field
# The word view's writer buffers at most this much before sorting to a temporary file
# (its postings are a few dozen key words a document: a commit never gets near it).
WORD_WRITER_MB = 32


@dataclass
class Hit:
    """One result: the article id, its score and (once filled) its snippet."""

    id: int
    score: float
    snippet: Snippet | None = None
    versions: int = 1  # documents in its group (it stands for all of them)


class ResultPage:
    """What a page of results works out from its parsed query and its result order: the
    spaced query searched instead, and every hit id in order (sorted on first use only).
    Shared by this engine's ``SearchPage`` and the server's (``archive/pg/search.py``)."""

    parsed: ParsedQuery
    hits: list[Hit]
    order: Callable[[], Any] | None
    _all_ids: np.ndarray | None

    @property
    def fallback(self) -> str | None:
        """The spaced query shown instead when the unspaced one had no exact match."""
        return self.parsed.fallback

    @property
    def all_ids(self) -> np.ndarray:
        """Every hit's article id in result order (worked out on first use only)."""
        if self._all_ids is None:
            ids = self.order() if self.order else [h.id for h in self.hits]
            self._all_ids = ids if isinstance(ids, np.ndarray) else np.array(ids, dtype=np.int64)
        return self._all_ids


@dataclass
class SearchPage(ResultPage):
    """One page of results with the facet counts of the whole result set."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    parsed: ParsedQuery
    suggest: Callable[[], str | None] | None = field(default=None, repr=False)
    order: Callable[[], np.ndarray] | None = field(default=None, repr=False)
    _all_ids: np.ndarray | None = field(default=None, repr=False)
    _suggestion: str | None = field(default=None, repr=False)

    @property
    def suggestion(self) -> str | None:
        """"Did you mean" for a page without hits, worked out on first use only (it costs
        an edit-distance search over the word view, far more than the query itself)."""
        if self.suggest is not None:
            self._suggestion, self.suggest = self.suggest(), None
        return self._suggestion


@dataclass
class Filters:
    """Facet selections: OR within one facet, AND across facets."""

    year: list[str] = field(default_factory=list)
    company: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)  # selections of external facets

    def get(self, facet: str) -> list[str]:
        return getattr(self, facet) if facet in FACETS else self.extra.get(facet, [])


@dataclass
class ExternalFacet:
    """A facet kept outside the index (collections, tags): value -> its article ids.

    Selecting values is an id mask over the snapshot; counting is over a result's ids, so
    changing who has a value never touches the index.
    """

    members: dict[str, np.ndarray]

    def _lookup(self, aids: np.ndarray, ids: np.ndarray) -> np.ndarray:
        size = int(max(aids.max(initial=0), ids.max(initial=0))) + 1
        table = np.zeros(size, dtype=bool)
        table[ids] = True
        return table

    def selection_mask(self, aids: np.ndarray, selected: list[str]) -> np.ndarray | None:
        """Documents (of snapshot ``aids``) having any of ``selected``; None for no selection."""
        if not selected:
            return None
        parts = [self.members[v] for v in selected if v in self.members]
        ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return self._lookup(aids, ids)[aids]

    def counts(self, result_aids: np.ndarray) -> dict[str, int]:
        """Value -> number of ``result_aids`` having it, most frequent first, then by name."""
        if not self.members:
            return {}
        every = np.concatenate(list(self.members.values()))
        inside = self._lookup(every, result_aids)
        out = {v: int(inside[ids].sum()) for v, ids in self.members.items()}
        return dict(sorted(((v, n) for v, n in out.items() if n), key=lambda p: (-p[1], p[0])))


def _first_in_order(docs: np.ndarray, keys: tuple[np.ndarray, ...], k: int) -> np.ndarray:
    """The first ``k`` of ``docs`` in ``np.lexsort(keys)`` order, without sorting them all.

    The last key is the primary one: documents at or before the k-th value of it (ties
    included) are the only candidates, and only they are sorted.
    """
    if k <= 0 or len(docs) == 0:
        return docs[:0]
    if k >= len(docs):
        return docs[np.lexsort(keys)]
    primary = keys[-1]
    threshold = np.partition(primary, k - 1)[k - 1]
    cand = np.nonzero(primary <= threshold)[0]
    return docs[cand[np.lexsort(tuple(key[cand] for key in keys))]][:k]


SORTS = ("relevance", "date", "date_asc", "title", "title_desc", "added", "added_asc")
"""Result orders: best match, newest/oldest date first, title A-Z/Z-A, latest/earliest added."""


def _order_keys(sort: str, docs: np.ndarray, snap, score: np.ndarray,
                title_rank: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """``np.lexsort`` keys (primary last) putting ``docs`` in ``sort`` order.

    Article ids grow with each import, so "added" is id order; ties of every other
    order fall back to the latest added first. Undated articles come last both ways.
    """
    aid = snap.aid[docs]
    if sort == "relevance":
        return (-snap.date_key[docs], -score[docs])  # best first, then newest
    if sort == "date":
        return (-aid, -snap.date_key[docs])
    if sort == "date_asc":
        key = snap.date_key[docs].astype(np.int64)
        return (-aid, np.where(key == 0, np.iinfo(np.int64).max, key))
    if sort == "added":
        return (-aid,)
    if sort == "added_asc":
        return (aid,)
    if title_rank is None:
        raise ValueError("a title sort needs the titles' order")
    inside = aid < len(title_rank)
    rank = np.where(inside, title_rank[np.where(inside, aid, 0)], len(title_rank))
    return (-aid, rank if sort == "title" else -rank)


class SearchIndex:
    """An index folder: the gram index, the Whoosh word view and a schema version."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        if self.stored_version() != SCHEMA_VERSION:
            self._wipe()
        self._searching(GramIndex(self.path / "grams"))
        self._words = self._open_words()
        self._word_searcher = None

    def _searching(self, grams: GramIndex) -> None:
        """What searching needs over ``grams`` (a subclass gives another gram store)."""
        self._lock = threading.RLock()
        self._table: FacetTable | None = None
        self._table_generation = -1
        self.grams = grams
        prepare_tables()

    # ----- lifecycle -------------------------------------------------------------------
    def _wipe(self) -> None:
        for child in self.path.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        (self.path / _VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))

    def _open_words(self):
        folder = self.path / "words"
        folder.mkdir(exist_ok=True)
        for attempt in range(_WORD_TRIES):  # a writer may be replacing files meanwhile
            try:
                if windex.exists_in(str(folder)):
                    return windex.open_dir(str(folder))
                return windex.create_in(str(folder), build_schema())
            except (OSError, windex.IndexError):
                if attempt == _WORD_TRIES - 1:
                    raise
                time.sleep(0.05)

    def stored_version(self) -> int | None:
        """The schema version the index folder was written with (None if unknown)."""
        try:
            return int(json.loads((self.path / _VERSION_FILE).read_text())["schema_version"])
        except (OSError, ValueError, KeyError):
            return None

    def clear(self) -> None:
        """Delete every document (for a full rebuild)."""
        with self._lock:
            self._close_words()
            self._words.close()
            shutil.rmtree(self.path / "words", ignore_errors=True)
            self.grams.clear()
            self._words = self._open_words()
            self._table = None

    def tidy(self) -> dict[str, list[str]]:
        """Writer only (archive writer lock held): remove leftovers of interrupted writes,
        take unloadable segments out of the manifest (their documents are then missing,
        for a reconcile to index again) and remove segments no reader uses any more."""
        with self._lock:
            leftovers = self.grams.remove_leftovers()
            broken = self.grams.drop_broken()
            self.grams.collect_garbage()
            return {"leftovers": leftovers, "broken": broken}

    def broken_segments(self) -> dict[str, str]:
        """Segments of the current manifest that could not be loaded, and why."""
        self.grams.snapshot()
        return dict(self.grams.broken)

    def close(self) -> None:
        with self._lock:
            self._close_words()
            self._words.close()
            self.grams.close()

    def _close_words(self) -> None:
        if self._word_searcher is not None:
            self._word_searcher.close()
            self._word_searcher = None

    # ----- writing ---------------------------------------------------------------------
    def add(self, docs: Iterable[IndexDocument], replace: bool = True) -> int:
        """Index ``docs`` (replacing earlier versions of the same ids); one commit."""
        docs = list(docs)
        if not docs:
            return 0
        with self._lock:
            writer = self._words.writer(limitmb=WORD_WRITER_MB)
            try:
                for doc in docs:
                    if replace:
                        writer.update_document(**to_fields(doc))
                    else:
                        writer.add_document(**to_fields(doc))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self.grams.add([d.segment_doc() for d in docs])
            self._close_words()
            # Whoosh's closed readers keep their segment files mapped until the cycles
            # holding them are collected; an ingest's long-lived objects make that rare,
            # and the maps of merged-away segments added up to hundreds of MB by 25,000
            # articles. Collecting after each commit unmaps them (about 20 ms).
            gc.collect()
            return len(docs)

    def delete(self, ids: Iterable[int]) -> int:
        """Remove the documents of these article ids."""
        ids = set(ids)
        with self._lock:
            writer = self._words.writer()
            for aid in ids:
                writer.delete_by_term("id", str(aid))
            writer.commit()
            self._close_words()
            return self.grams.delete(ids)

    def optimize(self) -> None:
        """Merge everything into one segment (after a bulk load)."""
        with self._lock:
            self.grams.optimize()
            self._words.optimize()
            self._close_words()

    # ----- reading ---------------------------------------------------------------------
    def table(self, snap=None) -> FacetTable:
        """Facet arrays of ``snap`` (default: the current snapshot), cached by generation."""
        with self._lock:
            snap = self.grams.snapshot() if snap is None else snap
            if self._table is None or self._table_generation != snap.generation:
                self._table = build_table(snap)
                self._table_generation = snap.generation
            return self._table

    def ids(self) -> set[int]:
        """Article ids of every indexed document."""
        return self.grams.ids()

    def doc_count(self) -> int:
        return self.grams.doc_count()

    def search(
        self,
        text: str,
        filters: Filters | None = None,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        resolve: Resolver | None = None,
        exclude: Iterable[int] = (),
        facets: bool = True,
        groups: Groups | None = None,
        split: bool = False,
        external: dict[str, ExternalFacet] | None = None,
        title_rank: np.ndarray | None = None,
    ) -> SearchPage:
        """Run a query: one page of hits, the total, and drill-sideways facet counts.

        With ``groups``, each group of documents counts once (in the total and in the
        facets) and is represented by its best-matching document. An unspaced Chinese query
        found nowhere as typed is searched as its words (``split``; the page's ``fallback``
        says so). ``external`` facets (kept outside the index: collections, tags) filter
        and count like the others. ``sort`` is one of ``SORTS``; the title sorts need
        ``title_rank`` (an article id's place in title order, indexed by id). Raises
        ``QueryError`` for a malformed query.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
        groups = groups if groups else None
        external = external or {}
        parsed = parse_query(text, resolve, split=split)
        filters = filters or Filters()
        with self._lock:
            snap = self.grams.snapshot()
            table = self.table(snap)  # the same generation as ``snap``
        base, score = evaluate(parsed.root, snap, table)
        for aid in exclude:
            base &= snap.aid != aid
        selections = {f: table.selection_mask(f, filters.get(f)) for f in FACETS}
        for f, ext in external.items():
            selections[f] = ext.selection_mask(snap.aid, filters.get(f))
        final = base.copy()
        for mask in selections.values():
            if mask is not None:
                final &= mask
        counts: dict[str, dict[str, int]] = {}
        base_once = None  # ``base`` with each group once, shared by facets without others
        for f in (*FACETS, *external) if facets else ():
            m = base
            others = [mask for other, mask in selections.items() if other != f and mask is not None]
            if others:
                m = base.copy()
                for mask in others:
                    m &= mask
                if groups is not None:
                    m = groups.collapse_mask(m, snap.aid, -score)
            elif groups is not None:
                if base_once is None:
                    base_once = groups.collapse_mask(base, snap.aid, -score)
                m = base_once
            counts[f] = (external[f].counts(snap.aid[m & snap.live]) if f in external
                         else table.counts(f, m))
        if sort == "relevance" and (parsed.root is None or not parsed.text_terms):
            sort = "date"  # nothing to rank by: newest first

        def order_keys(docs: np.ndarray) -> tuple[np.ndarray, ...]:
            return _order_keys(sort, docs, snap, score, title_rank)

        docs = np.nonzero(final)[0]
        keys = order_keys(docs)
        if groups is not None:
            kept = groups.collapse(docs, snap.aid, keys)
            if len(kept) != len(docs):
                docs = kept
                keys = order_keys(docs)
        page = _first_in_order(docs, keys, offset + limit)[offset:]
        hits = [Hit(int(snap.aid[d]), float(score[d])) for d in page]
        if not split and not base.any() and any(len(split_words(t)) > 1
                                                for t in parsed.text_terms):
            retry = self.search(text, filters, sort, offset, limit, resolve, exclude, facets,
                                groups, split=True, external=external, title_rank=title_rank)
            if retry.fallback and retry.total:
                return retry
        if groups is not None:
            for hit, size in zip(hits, groups.sizes([h.id for h in hits]), strict=True):
                hit.versions = size
        suggestion = None
        if len(docs) == 0 and parsed.text_terms:
            terms = list(parsed.text_terms)
            suggestion = lambda: self.suggest(terms)
        order = lambda: snap.aid[docs[np.lexsort(keys)]]
        return SearchPage(len(docs), hits, counts, parsed, suggestion, order)

    def snippets(self, page: SearchPage, texts: dict[int, str]) -> None:
        """Fill each hit's snippet from its article text."""
        for hit in page.hits:
            hit.snippet = make_snippet(texts.get(hit.id, ""), page.parsed.highlights)

    # ----- the word view -----------------------------------------------------------------
    def _searcher(self):
        """The word view's searcher, renewed when another process or instance committed."""
        for attempt in range(_WORD_TRIES):  # a writer may be replacing files meanwhile
            try:
                if self._word_searcher is None:
                    self._word_searcher = self._words.searcher()
                else:
                    self._word_searcher = self._word_searcher.refresh()
                return self._word_searcher
            except (OSError, windex.IndexError):
                self._word_searcher = None
                if attempt == _WORD_TRIES - 1:
                    raise
                time.sleep(0.05)

    def suggest(self, terms: list[str]) -> str | None:
        """A corrected query built from indexed words close to ``terms``, if any.

        Bounded: a query of more than ``SUGGEST_MAX_TERMS`` terms gets no suggestion, and a
        term longer than ``SUGGEST_MAX_TERM_CHARS`` is kept as typed (the edit-distance
        search costs time in proportion to the term's length; no typo fix is that long).
        """
        if len(terms) > SUGGEST_MAX_TERMS:
            return None
        with self._lock:
            searcher = self._searcher()
            out, changed = [], False
            for term in terms:
                folded = fold(term)
                option = None
                if 2 <= len(folded) <= SUGGEST_MAX_TERM_CHARS:
                    option = self._live_option(searcher, folded)
                if option is not None and option != folded:
                    out.append(option)
                    changed = True
                else:
                    out.append(term)
            return " ".join(out) if changed else None

    def _live_option(self, searcher, folded: str) -> str | None:
        """The word view's closest word to ``folded`` that a live article still holds.

        Whoosh keeps a deleted document's words in its term lists until the segment is
        merged, so each option is checked against the gram index (a phrase count, cheap)
        before it is offered.
        """
        for name in ("title", "keywords"):
            for option in searcher.suggest(name, folded, limit=SUGGEST_OPTIONS, maxdist=1):
                if option == folded:
                    return option
                if self.search(f'"{option}"', limit=0, facets=False).total > 0:
                    return option
        return None

    def more_like(self, aid: int, text: str, limit: int = 10,
                  filters: Filters | None = None) -> list[Hit]:
        """Articles most like the given text (article ``aid`` itself left out), within
        the facet selections of ``filters``.

        The text's key words are weighed by how rare they are in the archive (document
        frequencies from the word view); the most telling ones are searched together
        (OR, BM25) on the gram index.
        """
        words = key_words(fold(text), KEY_WORDS)
        if not words:
            return []
        with self._lock:
            searcher = self._searcher()
            total = max(searcher.doc_count(), 1)
            weighted = []
            for rank, word in enumerate(words):
                df = searcher.doc_frequency("keywords", word)
                if df >= 2:  # shared with at least one other article
                    weighted.append(((KEY_WORDS - rank) * math.log(total / df + 1), word))
        best = [w for _, w in sorted(weighted, reverse=True)[:MORE_LIKE_TERMS]]
        if not best:
            return []
        query = " OR ".join(f'"{w}"' for w in best)
        page = self.search(query, filters, limit=limit, exclude=[aid], facets=False)
        return page.hits
