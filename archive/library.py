"""The Library facade: the one door the GUI and the command line use to an archive.

It owns the SQLite store (the source of truth) and the Whoosh index (derived from it):
ingest, search, facets, get, update, export, reindex and reconcile all go through here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.engine import Filters, SearchIndex
from index.folding import fold
from index.query import QueryError
from index.schema import IndexDocument
from index.snippets import Snippet, find_spans, make_snippet

from .bulk_edit import Undo, apply_bulk
from .bulk_edit import restore as restore_bulk
from .document import Article
from .editing import Edit, EditError, apply_companies, apply_topics, merge_manual
from .locking import WriterLock
from .metadata import Gazetteer, Taxonomy
from .metadata.dates import redetect_date
from .paths import SAMPLE_CORPUS, ArchivePaths, default_archive_dir
from .store import ArchiveStore
from .trash import TrashActions, TrashError

if TYPE_CHECKING:  # the ingest machinery (readers, workers) loads on the first ingest
    from .ingest import IngestReport, Progress

__all__ = ["Edit", "EditError", "Filters", "Library", "QueryError", "SearchHit", "SearchResult",
           "TrashError", "Undo"]

REINDEX_BATCH = 1000


@dataclass
class SearchHit:
    """One search result with the metadata a results list shows."""

    id: int
    title: str
    date: str | None
    year: int | None
    authors: list[str]
    companies: list[str]
    topics: list[str]
    score: float
    snippet: Snippet | None
    date_source: str | None = None  # kind of evidence and the words it was read from

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "date": self.date, "year": self.year,
            "authors": self.authors, "companies": self.companies, "topics": self.topics,
            "score": round(self.score, 4),
            "snippet": self.snippet.to_html() if self.snippet else "",
        }


@dataclass
class SearchResult:
    """A page of hits, the total, facet counts, and every hit id in result order."""

    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]]
    order: Callable[[], list[int]] | None = field(default=None, repr=False)
    highlights: list[str] = field(default_factory=list)
    suggestion: str | None = None
    fallback: str | None = None  # the spaced query searched instead (no exact match)
    _ids: list[int] | None = field(default=None, repr=False)

    @property
    def note(self) -> str | None:
        """What the user should know about how the query was searched, if anything."""
        if self.fallback:
            return f"No exact match for {self.query}; showing {self.fallback}"
        return None

    @property
    def ids(self) -> list[int]:
        """Every hit id in result order (worked out on first use: a page needs only its own)."""
        if self._ids is None:
            self._ids = self.order() if self.order else [h.id for h in self.hits]
        return self._ids

    def to_dict(self) -> dict:
        out = {
            "query": self.query, "total": self.total,
            "hits": [h.to_dict() for h in self.hits], "facets": self.facets,
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.fallback:
            out["fallback"] = self.fallback
            out["note"] = self.note
        return out


class Library(TrashActions):
    """One archive folder: its store, its index, and the operations on them (delete, trash
    and undo of an import: archive/trash.py)."""

    def __init__(self, root: Path | None = None):
        self.paths = ArchivePaths(Path(root) if root else default_archive_dir())
        self.store = ArchiveStore(self.paths)
        self.index = SearchIndex(self.paths.index_dir)
        self.writer_lock = WriterLock(self.paths.lock_file)
        self._write = threading.Lock()
        self._gazetteer: Gazetteer | None = None
        self.taxonomy = Taxonomy.default()

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----- metadata resources ----------------------------------------------------------
    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            extra = self.company_aliases()
            base = Gazetteer.default()
            self._gazetteer = base.with_aliases(extra) if extra else base
        return self._gazetteer

    # ----- writing ---------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: Progress | None = None,
               cancel: threading.Event | None = None) -> IngestReport:
        """Add files, folders and ZIP archives; report added, duplicate and failed inputs."""
        with self._write, self.writer_lock:
            from .ingest import Ingester

            ingester = Ingester(self.store, self.gazetteer, self.taxonomy, self._index_docs)
            report = ingester.run(paths, progress, cancel, self.company_aliases())
            return self.note_trashed(report)

    def import_samples(self, progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> IngestReport:
        """Ingest the sample corpus shipped with the app."""
        return self.ingest(sorted(SAMPLE_CORPUS.glob("*.txt")), progress, cancel)

    def _index_docs(self, docs: list[IndexDocument]) -> None:
        self.index.add(docs, replace=True)

    def index_documents(self, ids: list[int]) -> list[IndexDocument]:
        """The index's view of these articles, built from SQLite."""
        articles = self.store.articles(ids)
        return [
            IndexDocument(
                id=a.id, title=a.title, body=a.text, authors=a.authors, year=a.year,
                date=a.date, companies=a.companies, topics=a.topics,
            )
            for a in (articles[i] for i in ids if i in articles)
            if a.duplicate_of is None
        ]

    def needs_reconcile(self) -> bool:
        """Cheap check: does the index disagree with SQLite on the number of articles?"""
        return self.index.doc_count() != self.store.article_count()

    def reconcile(self, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> tuple[int, int]:
        """Index articles missing from the index and drop stale entries; return both counts."""
        with self._write, self.writer_lock:
            wanted = set(self.store.article_ids())
            have = self.index.ids()
            missing = sorted(wanted - have)
            stale = sorted(have - wanted)
            if stale:
                self.index.delete(stale)
            self._index_ids(missing, progress, cancel)
            return len(missing), len(stale)

    def reindex(self, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> int:
        """Re-derive dates, companies and topics (rules, gazetteer and taxonomy may have
        changed; manual corrections still win) and rebuild the index from SQLite. A cancelled rebuild is
        finished by the reconcile of the next start."""
        with self._write, self.writer_lock:
            self._gazetteer = None
            self._rederive(progress, cancel)
            self.index.clear()
            ids = self.store.article_ids()
            return self._index_ids(ids, progress, cancel)

    def _rederive(self, progress: Progress | None, cancel: threading.Event | None) -> None:
        ids = self.store.article_ids(include_versions=True)
        for start in range(0, len(ids), REINDEX_BATCH):
            if cancel is not None and cancel.is_set():
                return
            chunk = ids[start : start + REINDEX_BATCH]
            rows = self.store.query(
                f"SELECT id, title, text, manual, date_source FROM articles WHERE id IN"
                f" ({','.join('?' * len(chunk))})", chunk)
            with self.store.transaction():
                for aid, title, text, manual_json, date_source in rows:
                    manual = json.loads(manual_json or "{}")
                    if "date" not in manual and not (date_source or "").startswith("hint"):
                        # the date rules may have changed too; markup dates cannot be re-read
                        self.store.update_fields(aid, redetect_date(text))
                    companies = apply_companies(self.gazetteer.match(text), manual)
                    topics = apply_topics(self.taxonomy.score(title, text), manual)
                    self.store.set_companies(aid, companies)
                    self.store.set_topics(aid, topics)
            if progress:
                progress(min(start + REINDEX_BATCH, len(ids)), len(ids), "")

    # ----- corrections -----------------------------------------------------------------
    def edit(self, article_id: int, edit: Edit) -> Article:
        """Correct an article's metadata; the correction is kept as manual and re-indexed."""
        with self._write, self.writer_lock:
            article = self.get(article_id)
            if article is None:
                raise EditError(self.missing_reason(article_id))
            edit.add_companies = [self.gazetteer.canonical(c) or c for c in edit.add_companies]
            edit.remove_companies = [self.gazetteer.canonical(c) or c
                                     for c in edit.remove_companies]
            unknown = [t for t in edit.add_topics if t not in self.taxonomy.names()]
            if unknown:
                raise EditError(f"unknown topic {unknown[0]!r}; topics are: "
                                + ", ".join(self.taxonomy.names()))
            manual = merge_manual(self.store.manual(article_id), edit)
            with self.store.transaction():
                values: dict = {"manual": json.dumps(manual, ensure_ascii=False), "edited": 1}
                if "title" in manual:
                    values["title"] = manual["title"]
                if "date" in manual:
                    values.update(date=manual["date"], year=manual["year"],
                                  date_source="manual")
                self.store.update_fields(article_id, values)
                if edit.add_companies or edit.remove_companies:
                    current = self.store.company_mentions(article_id)
                    self.store.set_companies(article_id, apply_companies(current, manual))
                if edit.add_topics or edit.remove_topics:
                    current_topics = self.store.topic_scores(article_id)
                    self.store.set_topics(article_id, apply_topics(current_topics, manual))
            if article.duplicate_of is None:
                self.index.add(self.index_documents([article_id]), replace=True)
            return self.get(article_id)

    def edit_many(self, article_ids: list[int], edit: Edit) -> Undo:
        """Apply one correction to many articles in one step; the ``Undo`` puts them back."""
        with self._write, self.writer_lock:
            return apply_bulk(self, article_ids, edit)

    def undo_edit(self, undo: Undo) -> None:
        """Revert a bulk correction (``edit_many``)."""
        with self._write, self.writer_lock:
            restore_bulk(self, undo)

    def company_aliases(self) -> dict[str, list[str]]:
        """Aliases users added to the gazetteer (canonical name -> aliases)."""
        rows = self.store.query("SELECT name, aliases FROM companies WHERE aliases != '[]'")
        return {name: json.loads(aliases) for name, aliases in rows}

    def add_company_alias(self, canonical: str, alias: str) -> None:
        """Teach the gazetteer another name of a company; ``reindex`` applies it everywhere."""
        if not alias.strip() or not canonical.strip():
            raise EditError("a company and its alias both need a name")
        with self._write, self.writer_lock, self.store.transaction():
            self.store.add_alias(canonical.strip(), alias.strip())
        self._gazetteer = None

    def _index_ids(self, ids: list[int], progress: Progress | None,
                   cancel: threading.Event | None) -> int:
        done = 0
        for start in range(0, len(ids), REINDEX_BATCH):
            if cancel is not None and cancel.is_set():
                break
            if progress:
                progress(done, len(ids), "")
            chunk = ids[start : start + REINDEX_BATCH]
            done += self.index.add(self.index_documents(chunk), replace=True)
        if progress:
            progress(done, len(ids), "")
        return done

    # ----- reading ---------------------------------------------------------------------
    def resolve(self, fieldname: str, value: str) -> list[str]:
        """Facet values a ``field:value`` query means (aliases resolved, partial names widened)."""
        if fieldname == "company":
            canonical = self.gazetteer.canonical(value)
            if canonical:
                return [canonical]
            names = list(self.index.table().values["company"])
        elif fieldname == "topic":
            names = list(self.index.table().values["topic"])
        else:
            return [value]
        folded = fold(value)
        exact = [n for n in names if fold(n) == folded]
        return exact or [n for n in names if folded in fold(n)] or [value]

    def search(self, query: str = "", years: list[str] | None = None,
               companies: list[str] | None = None, topics: list[str] | None = None,
               sort: str = "relevance", offset: int = 0, limit: int = 20) -> SearchResult:
        """Search the archive; raises QueryError for a malformed query."""
        filters = Filters(list(years or []), list(companies or []), list(topics or []))
        page = self.index.search(query, filters, sort, offset, limit, resolve=self.resolve)
        ids = [h.id for h in page.hits]
        articles = self.store.articles(ids)
        self.index.snippets(page, {i: snippet_text(a) for i, a in articles.items()})
        hits = [
            SearchHit(
                id=h.id, title=a.title, date=a.date, year=a.year, authors=a.authors,
                companies=a.companies, topics=a.topics, score=h.score, snippet=h.snippet,
                date_source=a.date_source,
            )
            for h in page.hits
            if (a := articles.get(h.id)) is not None
        ]
        return SearchResult(query, page.total, hits, page.facets,
                            lambda: page.all_ids.tolist(), page.parsed.highlights,
                            page.suggestion, page.fallback)

    def snippets(self, ids: list[int], highlights: list[str]) -> dict[int, Snippet]:
        """Snippets of these articles around the (folded) highlight strings."""
        articles = self.store.articles(ids)
        return {aid: make_snippet(snippet_text(a), highlights) for aid, a in articles.items()}

    def facets(self, query: str = "") -> dict[str, dict[str, int]]:
        """Facet counts for ``query`` over the whole archive."""
        return self.index.search(query, limit=0, resolve=self.resolve).facets

    def get(self, article_id: int) -> Article | None:
        """One article with all its metadata and text, or None."""
        return self.store.articles([article_id]).get(article_id)

    def get_many(self, ids: list[int], with_text: bool = False) -> dict[int, Article]:
        return self.store.articles(ids, with_text=with_text)

    def more_like_this(self, article_id: int, limit: int = 10,
                       years: list[str] | None = None, companies: list[str] | None = None,
                       topics: list[str] | None = None) -> list[Article]:
        """Articles most like this one, best first, within the facet selections given."""
        article = self.get(article_id)
        if article is None:
            return []
        filters = Filters(list(years or []), list(companies or []), list(topics or []))
        hits = self.index.more_like(article_id, f"{article.title}\n{article.text}", limit,
                                    filters)
        found = self.store.articles([h.id for h in hits], with_text=False)
        return [found[h.id] for h in hits if h.id in found]

    def mention_spans(self, text: str, companies: list[str]) -> list[tuple[int, int]]:
        """Where ``companies`` (canonical names) are mentioned in ``text`` by any of their
        aliases, as sorted, non-overlapping ``(start, end)`` offsets."""
        wanted = set(companies)
        folded = fold(text)  # same offsets as ``text``
        # Longest match first, as extraction counts them: 一汽 inside 一汽解放 is not 中国一汽.
        spans = [(s, e) for s, e, entry in self.gazetteer._accepted_hits(folded)
                 if entry.canonical in wanted]
        # Names found by pattern (…有限公司) are not in the gazetteer: match them as written.
        literal = [fold(c) for c in wanted if self.gazetteer.canonical(c) is None]
        spans += find_spans(text, literal, folded)
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged

    def original_path(self, article_id: int) -> Path | None:
        """The kept original file of an article's source."""
        rows = self.store.query(
            "SELECT s.original FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.id = ?", [article_id])
        return self.paths.root / rows[0][0] if rows else None

    # ----- export (archive/exporters: one module per format) ----------------------------
    def export(self, ids: list[int], fmt: str, out: Path, options=None,
               progress: Progress | None = None,
               cancel: threading.Event | None = None) -> list[Path]:
        """Write these articles, in this order, as ``fmt`` (pdf, docx, html, md, txt, csv,
        json, zip) to ``out`` with ``options`` (an exporters.ExportOptions); return the
        files written. Raises exporters.UnknownArticles for ids not in the archive and
        exporters.ExportError (one clear line) for anything else that stops an export."""
        from .exporters import LazyArticles, UnknownArticles, export_articles

        ids = list(dict.fromkeys(int(i) for i in ids))
        known = self.get_many(ids, with_text=False)
        missing = [i for i in ids if i not in known]
        if missing:
            raise UnknownArticles(missing)

        def original_of(article: Article) -> Path | None:
            try:
                return self.original_path(article.id)
            except (TypeError, OSError):
                return None

        articles = LazyArticles(ids, lambda chunk: self.get_many(chunk, with_text=True))
        return export_articles(articles, fmt, Path(out), options=options,
                               original_of=original_of, progress=progress, cancel=cancel)

    def export_query(self, query: str, years: list[str] | None, companies: list[str] | None,
                     topics: list[str] | None, fmt: str, out: Path, options=None,
                     progress: Progress | None = None, cancel: threading.Event | None = None,
                     sort: str = "relevance") -> list[Path]:
        """Export every article a search finds (facet selections as in ``search``), in
        result order; raises QueryError for a malformed query."""
        from .exporters import ExportError

        ids = self.search(query, years, companies, topics, sort=sort, limit=1).ids
        if not ids:
            raise ExportError(f"no articles match {query!r}" if query.strip()
                              else "no articles match the selected facets")
        return self.export(ids, fmt, out, options, progress, cancel)

    def stats(self) -> dict:
        """Counts of articles, sources, companies, topics and index state."""
        counts = self.store.counts()
        counts["indexed"] = self.index.doc_count()
        counts["archive"] = str(self.paths.root)
        return counts


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the highlight strings of a search (``SearchResult.highlights``) occur in
    ``text``, as sorted, non-overlapping ``(start, end)`` offsets (for the GUI's marks)."""
    return find_spans(text, terms)


def snippet_text(article: Article) -> str:
    """The text a snippet is cut from: the body (without headline and byline), then the
    subtitle and kicker, so a hit found only there still shows in the snippet."""
    body = [b.text for b in article.blocks if b.kind in ("paragraph", "heading", "caption")]
    text = "\n".join(body) if body else article.text
    extra = [t for t in (article.subtitle, article.kicker) if t and t not in text]
    return "\n".join([text, *extra]) if extra else text


def open_library(root: Path | None = None, on_reindex: Callable | None = None) -> Library:
    """Open an archive and make its index agree with SQLite."""
    lib = Library(root)
    if lib.needs_reconcile():
        lib.reconcile(on_reindex)
    return lib
