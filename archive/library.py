"""The Library facade: the one door the GUI and the command line use to an archive.

It is built from a repository (the source of truth), an originals store and a search
backend (derived from the repository; see ``archive/backends.py``, and
``archive/opening.py`` for picking them from a location): ingest, search, facets, get,
update, export, reindex and reconcile all go through here. The parts stay private: the GUI
and the command line call the Library's methods only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Self

from index.analysis import load_segmenter_in_background
from index.engine import SORTS, Filters  # noqa: F401  (SORTS: for callers)
from index.faults import fault_point
from index.folding import fold
from index.groups import Groups
from index.query import QueryError
from index.schema import IndexDocument
from index.snippets import Snippet, find_spans, make_snippet, merge_spans

from . import consistency, indexqueue
from .access import can_write, ensure_writable
from .access import level as access_level
from .backends import ArchiveRepository, Backends, OriginalsStore, SearchBackend, SearchSpec
from .bulk_edit import Undo, apply_bulk
from .bulk_edit import restore as restore_bulk
from .changes import ChangeFeed, LocalChangeFeed
from .conflicts import EditConflict, UndoConflict, claim
from .conflicts import versions as row_versions
from .document import Article
from .editing import Edit, EditError, apply_companies, apply_topics, merge_manual
from .metadata import Gazetteer, Taxonomy
from .organise import Organise, OrganiseActions
from .paths import SAMPLE_CORPUS, ArchivePaths
from .saved import SavedActions, SavedSearch
from .snippet_source import snippet_texts
from .space_reserve import ensure_reserve, release_reserve
from .trash import TrashActions, TrashError

if TYPE_CHECKING:  # the ingest machinery (readers, workers) loads on the first ingest
    from .ingest import IngestReport, Progress
    from .ocr.layout import OcrPage
    from .ocr.session import PageProgress

__all__ = ["Edit", "EditConflict", "EditError", "Filters", "Library", "Organise", "QueryError", "SavedSearch",
           "SearchHit", "SearchResult", "TrashError", "Undo", "UndoConflict"]



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
    versions: int = 1  # articles in its version group (this one matched best)
    date_source: str | None = None  # kind of evidence and the words it was read from
    collections: list[str] = field(default_factory=list)  # the user's, for the table view
    source_name: str | None = None  # the imported file's name
    source_format: str | None = None
    added: str | None = None  # when it was imported (ISO time)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "date": self.date, "year": self.year,
            "authors": self.authors, "companies": self.companies, "topics": self.topics,
            "score": round(self.score, 4),
            "snippet": self.snippet.to_html() if self.snippet else "",
            "versions": self.versions,
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
    suggest: Callable[[], str | None] | None = field(default=None, repr=False)
    fallback: str | None = None  # the spaced query searched instead (no exact match)
    _ids: list[int] | None = field(default=None, repr=False)
    _suggestion: str | None = field(default=None, repr=False)

    @property
    def suggestion(self) -> str | None:
        """"Did you mean" (only for no hits), worked out on first use: ask for it after
        showing the page, never on the way to it."""
        if self.suggest is not None:
            self._suggestion, self.suggest = self.suggest(), None
        return self._suggestion

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
        if self.total == 0 and self.suggestion:
            out["suggestion"] = self.suggestion
        if self.fallback:
            out["fallback"] = self.fallback
            out["note"] = self.note
        return out


class Library(TrashActions, OrganiseActions, SavedActions):
    """One archive: its repository, originals and search index, and the operations on them
    (delete, trash and undo of an import: archive/trash.py).

    ``Library(folder)`` opens an archive folder (SQLite and the gram index);
    ``Library(backends=...)`` uses the parts given (``archive.opening.open_library`` picks
    them from a folder or a database URL)."""

    def __init__(self, root: Path | None = None, *, backends: Backends | None = None):
        if backends is None:
            from .opening import open_folder_backends

            backends = open_folder_backends(root)
        self._backends = backends
        self._store: ArchiveRepository = backends.repository
        self._originals: OriginalsStore = backends.originals
        self._index: SearchBackend = backends.search
        self.location = backends.location  # the folder or (password hidden) database URL
        self.paths = ArchivePaths(backends.root) if backends.root is not None else None
        self.writer_lock = self._store.writer_lock()
        self._write = threading.Lock()
        self._gazetteer_cache: Gazetteer | None = None
        self._taxonomy = Taxonomy.default()
        self.last_recovery: dict = {}  # what the last recovery did (consistency.recover)

    def close(self) -> None:
        self._backends.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----- metadata resources ----------------------------------------------------------
    @property
    def _gazetteer(self) -> Gazetteer:
        if self._gazetteer_cache is None:
            extra = self.company_aliases()
            base = Gazetteer.default()
            self._gazetteer_cache = base.with_aliases(extra) if extra else base
        return self._gazetteer_cache

    def company_names(self) -> list[str]:
        """Every company the gazetteer knows (canonical names), for completion."""
        return list(self._gazetteer.names())

    def canonical_company(self, name: str) -> str | None:
        """The canonical name of a company name or alias, or None if it is not known."""
        return self._gazetteer.canonical(name)

    def topic_names(self) -> list[str]:
        """Every topic of the taxonomy, in its order."""
        return list(self._taxonomy.names())

    # ----- writing ---------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: Progress | None = None,
               cancel: threading.Event | None = None,
               ocr_progress: PageProgress | None = None) -> IngestReport:
        """Add files, folders and ZIP archives; report added, duplicate and failed inputs.
        ``ocr_progress(pages_done, pages, file)`` follows OCR through an image's pages."""
        with self._importing():
            from .ingest import Ingester

            row = consistency.begin_ingest(self._store, paths)
            ingester = Ingester(self._store, self._originals, self._gazetteer, self._taxonomy,
                                self._index_docs)
            report = ingester.run(paths, progress, cancel, self.company_aliases(),
                                  ocr_progress)
            try:
                self._apply_queue_alone()  # what the run queued but did not index
            except consistency.STORAGE_ERRORS as exc:
                report.error = report.error or f"the index could not be updated: {exc}"
            outcome = ("stopped" if report.error else
                       "cancelled" if report.cancelled else "finished")
            if report.error and self.paths is not None:  # a full disk: room to say so
                release_reserve(self.paths.root)
            consistency.end_ingest(self._store, row, report.summary(), outcome)
            if self.paths is not None and not self._store.read_only:
                ensure_reserve(self.paths.root)
            return self.note_trashed(report)

    def import_samples(self, progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> IngestReport:
        """Ingest the sample corpus shipped with the app."""
        return self.ingest(sorted(SAMPLE_CORPUS.glob("*.txt")), progress, cancel)

    def _index_docs(self, docs: list[IndexDocument]) -> None:
        """Index documents an ingest prepared, then clear their queue rows."""
        upto = indexqueue.last_seq(self._store)
        self._index.add(docs)
        fault_point("index-applied")
        indexqueue.clear_ids(self._store, [d.id for d in docs], upto)
        fault_point("queue-cleared")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the archive's writer lock; on taking it, finish what a killed writer left
        (another program may have been killed since this one last wrote). A person who
        may only read (a reader on a server) gets ``ReadOnlyAccess`` before anything runs."""
        ensure_writable(self._store)
        with self._write, self.writer_lock:
            self._recover_now()
            yield

    @contextmanager
    def _importing(self) -> Iterator[None]:
        """``_writing`` for an import; on a server, imports of several clients share the
        archive (``import_lock``): the import holds the writer lock in shared mode, after
        finishing what a killed writer left if no one else is writing right now."""
        make = getattr(self._store, "import_lock", None)
        if make is None:
            with self._writing():
                yield
            return
        ensure_writable(self._store)
        with self._write:
            if self.writer_lock.try_enter():  # no one writing: recovery is safe
                try:
                    self._recover_now()
                finally:
                    self.writer_lock.__exit__(None, None, None)
            with make():
                yield

    def _apply_queue_alone(self) -> None:
        """Apply the whole index queue, unless another client's import is running (its
        queued articles are its own to index; a killed one's wait for the next writer)."""
        if getattr(self._store, "import_lock", None) is None:
            consistency.apply_queue(self)
        elif self.writer_lock.try_enter():
            try:
                consistency.apply_queue(self)
            finally:
                self.writer_lock.__exit__(None, None, None)

    def _recover_now(self, progress: Progress | None = None) -> None:
        try:
            self.last_recovery = consistency.recover(self, progress)
        except consistency.STORAGE_ERRORS as exc:  # e.g. a full disk: the write will say
            self.last_recovery = {"error": str(exc)}

    def recover(self, progress: Progress | None = None) -> bool:
        """If no other program is writing to the archive, finish what an interrupted write
        left (see ``consistency.recover``); never waits. True if it ran."""
        if not can_write(self._store):
            return False  # a reader's client leaves recovery to a writer's
        if not self._write.acquire(blocking=False):
            return False
        try:
            if not self.writer_lock.try_enter():
                return False
            try:
                self._recover_now(progress)
            finally:
                self.writer_lock.__exit__(None, None, None)
            return True
        finally:
            self._write.release()

    def _queue_reindex(self, ids: list[int], rederive: bool = False) -> None:
        """Queue articles whose index entry must be rewritten or removed. Call it inside
        the ``store.transaction()`` that changes them, then ``_apply_queue()`` after the
        commit (writer lock held); a crash in between is finished by the next writer."""
        indexqueue.enqueue(self._store, ids, rederive)

    def _apply_queue(self, progress: Progress | None = None,
                     cancel: threading.Event | None = None) -> int:
        """Apply queued changes to the index (writer lock held)."""
        return consistency.apply_queue(self, progress, cancel)

    def check_index(self) -> dict:
        """Compare SQLite and the index (see ``consistency.check_index``); ``ok`` is True
        when they agree on every article."""
        return consistency.check_index(self)

    def index_documents(self, ids: list[int]) -> list[IndexDocument]:
        """The index's view of these articles, built from SQLite."""
        articles = self._store.articles(ids)
        return [
            IndexDocument(  # a note is searchable text of its article
                id=a.id, title=a.title, body=f"{a.text}\n\n{a.note}" if a.note else a.text,
                authors=a.authors, year=a.year,
                date=a.date, companies=a.companies, topics=a.topics,
            )
            for a in (articles[i] for i in ids if i in articles)
        ]

    def needs_reconcile(self) -> bool:
        """Cheap check: do the index and SQLite disagree on the number of articles, are
        changes still queued, or is an index segment unreadable?"""
        return (self._index.doc_count() != self._store.total_articles()
                or indexqueue.has_pending(self._store) or bool(self._index.broken_segments()))

    def reconcile(self, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> tuple[int, int]:
        """Finish queued changes, index articles missing from the index and drop stale
        entries; return the missing and stale counts."""
        with self._writing():
            self._apply_queue(progress, cancel)
            return consistency.reconcile_ids(self, progress, cancel)

    def reindex(self, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> int:
        """Re-derive companies and topics (gazetteer and taxonomy may have changed; manual
        corrections still win) and rewrite every article's index entry from SQLite.
        Every article is queued first, so a cancelled or killed rebuild is finished by the
        next writer; searches meanwhile see each article once, old or new."""
        with self._writing():
            self._gazetteer_cache = None
            with self._store.transaction():
                indexqueue.enqueue_all(self._store, rederive=True)
            fault_point("reindex-queued")
            count = self._apply_queue(progress, cancel)
            if not indexqueue.has_pending(self._store):
                consistency.reconcile_ids(self)  # entries of no article, if any
            return count

    # ----- corrections -----------------------------------------------------------------
    def edit(self, article_id: int, edit: Edit, expected_version: int | None = None) -> Article:
        """Correct an article's metadata; the correction is kept as manual and re-indexed.

        ``expected_version``: the ``row_version`` of the copy the user edited; if someone
        else changed the article since, nothing is saved and ``EditConflict`` (an
        ``EditError`` naming the article) is raised."""
        with self._writing():
            article = self.get(article_id)
            if article is None:
                if expected_version is not None:
                    claim(self._store, article_id, expected_version)
                raise EditError(self.missing_reason(article_id))
            edit.add_companies = [self._gazetteer.canonical(c) or c for c in edit.add_companies]
            edit.remove_companies = [self._gazetteer.canonical(c) or c
                                     for c in edit.remove_companies]
            unknown = [t for t in edit.add_topics if t not in self._taxonomy.names()]
            if unknown:
                raise EditError(f"unknown topic {unknown[0]!r}; topics are: "
                                + ", ".join(self._taxonomy.names()))
            manual = merge_manual(self._store.manual(article_id), edit)
            with self._store.transaction():
                claim(self._store, article_id, expected_version, article.title)
                manual = merge_manual(self._store.manual(article_id), edit)  # as locked
                values: dict = {"manual": json.dumps(manual, ensure_ascii=False), "edited": 1}
                if "title" in manual:
                    values["title"] = manual["title"]
                if "date" in manual:
                    values.update(date=manual["date"], year=manual["year"],
                                  date_source="manual")
                self._store.update_fields(article_id, values)
                if edit.add_companies or edit.remove_companies:
                    current = self._store.company_mentions(article_id)
                    self._store.set_companies(article_id, apply_companies(current, manual))
                if edit.add_topics or edit.remove_topics:
                    current_topics = self._store.topic_scores(article_id)
                    self._store.set_topics(article_id, apply_topics(current_topics, manual))
                self._queue_reindex([article_id])
            fault_point("edit-committed")
            self._apply_queue()
            edited = self.get(article_id)
            if edited is None:  # cannot happen while the writer lock is held
                raise EditError(self.missing_reason(article_id))
            return edited

    def edit_many(self, article_ids: list[int], edit: Edit,
                  expected_versions: dict[int, int] | None = None) -> Undo:
        """Apply one correction to many articles in one step; the ``Undo`` puts them back.
        ``expected_versions``: each article's ``row_version`` as the user saw it; if
        someone else changed any of them since, nothing is saved (``EditConflict``)."""
        with self._writing():
            return apply_bulk(self, article_ids, edit, expected_versions)

    def undo_edit(self, undo: Undo) -> dict[int, int]:
        """Revert a bulk correction (``edit_many``); ``UndoConflict`` (nothing reverted) if
        someone else changed one of its articles since. Returns their row versions now."""
        with self._writing():
            return restore_bulk(self, undo)

    def redo_edit(self, article_ids: list[int], edit: Edit,
                  expected_versions: dict[int, int]) -> Undo:
        """Apply an undone bulk correction again, unless someone else changed one of its
        articles since the undo (``UndoConflict``, nothing changed)."""
        with self._writing():
            return apply_bulk(self, article_ids, edit, expected_versions,
                              partial(UndoConflict, action="redone"))

    def row_versions(self, ids: list[int]) -> dict[int, int]:
        """The current ``row_version`` of these articles (what an edit of them expects)."""
        return row_versions(self._store, list(ids))

    def company_aliases(self) -> dict[str, list[str]]:
        """Aliases users added to the gazetteer (canonical name -> aliases)."""
        return self._store.company_aliases()

    def add_company_alias(self, canonical: str, alias: str) -> None:
        """Teach the gazetteer another name of a company; ``reindex`` applies it everywhere."""
        if not alias.strip() or not canonical.strip():
            raise EditError("a company and its alias both need a name")
        with self._writing(), self._store.transaction():
            self._store.add_alias(canonical.strip(), alias.strip())
        self._gazetteer_cache = None

    # ----- reading ---------------------------------------------------------------------
    def resolve(self, fieldname: str, value: str) -> list[str]:
        """Facet values a ``field:value`` query means (aliases resolved, partial names widened)."""
        if fieldname == "company":
            canonical = self._gazetteer.canonical(value)
            if canonical:
                return [canonical]
            names = self._index.facet_values("company")
        elif fieldname == "topic":
            names = self._index.facet_values("topic")
        else:
            return [value]
        folded = fold(value)
        exact = [n for n in names if fold(n) == folded]
        return exact or [n for n in names if folded in fold(n)] or [value]

    def search(self, query: str = "", years: list[str] | None = None,
               companies: list[str] | None = None, topics: list[str] | None = None,
               sort: str = "relevance", offset: int = 0, limit: int = 20,
               tags: list[str] | None = None,
               collections: list[str] | None = None,
               needs_review: bool = False) -> SearchResult:
        """Search the archive; raises QueryError for a malformed query. ``needs_review``
        keeps only articles made by OCR with a page of low confidence.

        ``sort`` is one of ``SORTS``: relevance, date (newest first), date_asc, title,
        title_desc, added (latest import first), added_asc."""
        filters = Filters(list(years or []), list(companies or []), list(topics or []),
                          {"tag": list(tags or []), "collection": list(collections or [])})
        if needs_review:
            filters.extra["review"] = ["needs review"]
        page = self._index.search(SearchSpec(query, filters, sort, offset, limit,
                                            resolve=self.resolve))
        ids = [h.id for h in page.hits]
        articles = self._store.articles(ids, with_text=False)
        sources = snippet_texts(self._store, ids, page.highlights)  # long texts: a window
        for h in page.hits:
            src = sources.get(h.id)
            h.snippet = make_snippet(src.text if src else "", page.highlights)
            if src is not None:
                h.snippet.leading |= src.cut_before
                h.snippet.trailing |= src.cut_after
        hits = [
            SearchHit(
                id=h.id, title=a.title, date=a.date, year=a.year, authors=a.authors,
                companies=a.companies, topics=a.topics, score=h.score, snippet=h.snippet,
                versions=h.versions, date_source=a.date_source, collections=a.collections,
                source_name=a.source_name, source_format=a.source_format,
                added=a.created_at,
            )
            for h in page.hits
            if (a := articles.get(h.id)) is not None
        ]
        return SearchResult(query, page.total, hits, page.facets, page.order,
                            page.highlights, page.suggest, page.fallback)

    def suggest(self, query: str) -> str | None:
        """"Did you mean" for a query without hits (None when it has hits or nothing is close)."""
        return self.search(query, limit=0).suggestion

    def snippets(self, ids: list[int], highlights: list[str]) -> dict[int, Snippet]:
        """Snippets of these articles around the (folded) highlight strings."""
        articles = self._store.articles(ids)
        return {aid: make_snippet(snippet_text(a), highlights) for aid, a in articles.items()}

    def facets(self, query: str = "") -> dict[str, dict[str, int]]:
        """Facet counts for ``query`` over the whole archive."""
        return self._index.search(SearchSpec(query, limit=0, resolve=self.resolve)).facets

    def kwic(self, query: str, years: list[str] | None = None,
             companies: list[str] | None = None, topics: list[str] | None = None,
             width: int = 30, cap: int = 10_000):
        """The keyword-in-context rows of a search, computed on demand in result order
        (an ``archive.kwic.KwicStream``); raises QueryError for a malformed query."""
        from .kwic import FIRST_PAGE, KwicStream, ResultOrder

        result = self.search(query, years, companies, topics, limit=FIRST_PAGE)
        ids = ResultOrder([h.id for h in result.hits], result.total, lambda: result.ids)
        return KwicStream(query, ids, result.highlights,
                          lambda ids: self._store.articles(ids), width, cap)

    def trend(self, terms: list[str], years: list[str] | None = None,
              companies: list[str] | None = None, topics: list[str] | None = None,
              by: str = "year"):
        """Articles per year or month containing each term, with the period totals
        (an ``archive.trends.Trend``); raises QueryError for a malformed term."""
        from .trends import term_trend

        filters = Filters(list(years or []), list(companies or []), list(topics or []))
        return term_trend(self._index, terms, filters, by, self.resolve)

    # ----- versions (archive/versions.py decides; search shows a group once) ------------
    def groups(self) -> Groups:
        """The archive's version groups, for search to show each group once (re-read only
        after a write to the database, by this connection or another program)."""
        return self._store.version_groups()

    def versions(self, article_id: int) -> list[Article]:
        """Every article of this article's version group, first copy first ([] if unknown)."""
        ids = self._store.group_of(article_id)
        found = self._store.articles(ids, with_text=False)
        return [found[i] for i in ids if i in found]

    def split(self, article_id: int) -> list[int]:
        """Take an article out of its version group: it becomes an article of its own and
        search shows it apart. Returns the rest of the group; raises EditError for an
        unknown id or an article that is in no group."""
        ensure_writable(self._store)
        with self._write, self.writer_lock:
            group = self._store.group_of(article_id)
            if not group:
                raise EditError(f"no article with id {article_id}")
            if len(group) < 2:
                raise EditError(f"article {article_id} has no other versions")
            with self._store.transaction():
                rest = self._store.split_version(article_id)
            return rest

    @property
    def access_level(self) -> str | None:
        """The connected person's level on a server archive (``reader``, ``editor``,
        ``admin``), or None where levels do not apply (a local archive)."""
        return access_level(self._store)

    def can_write(self) -> bool:
        """False when this program may only read the archive: a person with reader rights
        on a server, or a local archive whose database could only be opened read-only (a
        read-only folder or disk). The GUI greys its write actions then."""
        return not self._store.read_only and can_write(self._store)

    def change_feed(self) -> ChangeFeed:
        """A feed that says when another program has changed this archive (the app polls
        it to refresh its results); close it when done."""
        make = getattr(self._store, "change_feed", None)  # a server's: LISTEN/NOTIFY
        return make() if make is not None else LocalChangeFeed(self._store)

    def get(self, article_id: int) -> Article | None:
        """One article with all its metadata and text, or None."""
        return self._store.articles([article_id]).get(article_id)

    def get_many(self, ids: list[int], with_text: bool = False) -> dict[int, Article]:
        return self._store.articles(ids, with_text=with_text)

    def more_like_this(self, article_id: int, limit: int = 10,
                       years: list[str] | None = None, companies: list[str] | None = None,
                       topics: list[str] | None = None) -> list[Article]:
        """Articles most like this one, best first, within the facet selections given."""
        article = self.get(article_id)
        if article is None:
            return []
        filters = Filters(list(years or []), list(companies or []), list(topics or []))
        group = set(self._store.group_of(article_id))  # its own versions are no news
        similar = self._index.more_like(article_id, f"{article.title}\n{article.text}",
                                       limit + len(group), filters)
        similar = [i for i in similar if i not in group][:limit]
        found = self._store.articles(similar, with_text=False)
        return [found[i] for i in similar if i in found]

    def mention_spans(self, text: str, companies: list[str]) -> list[tuple[int, int]]:
        """Where ``companies`` (canonical names) are mentioned in ``text`` by any of their
        aliases, as sorted, non-overlapping ``(start, end)`` offsets."""
        wanted = set(companies)
        folded = fold(text)  # same offsets as ``text``
        # Longest match first, as extraction counts them: 一汽 inside 一汽解放 is not 中国一汽.
        spans = [(s, e) for s, e, entry in self._gazetteer._accepted_hits(folded)
                 if entry.canonical in wanted]
        # Names found by pattern (…有限公司) are not in the gazetteer: match them as written.
        literal = [fold(c) for c in wanted if self._gazetteer.canonical(c) is None]
        spans += find_spans(text, literal, folded)
        return merge_spans(spans)

    def original_path(self, article_id: int) -> Path | None:
        """The kept original file of an article's source."""
        key = self._store.original_of(article_id)
        return self._originals.path(key) if key else None

    # ----- OCR (archive/ocr) -------------------------------------------------------------
    def ocr_pages(self, article_id: int) -> list[OcrPage]:
        """The pages OCR read for an article, lines in reading order with their boxes and
        places in the stored title/body; empty when the article was not made by OCR."""
        from .ocr.pageview import article_pages

        return article_pages(self._store, article_id)

    def page_image(self, article_id: int, page_no: int) -> bytes:
        """PNG bytes of an OCR'd page at the size its boxes refer to, rendered from the
        kept original (never modified); ValueError when the article has no such page."""
        from .ocr.pageview import page_png

        return page_png(self._store, self._originals, article_id, page_no)

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

    def prepare_word_search(self) -> None:
        """Load the word segmenter in the background (for an app, once idle): the first
        unspaced query that falls back to its words then does not wait for it."""
        load_segmenter_in_background()

    def is_empty(self) -> bool:
        """A new archive: no live article and no source file (cheap at any size, unlike
        ``stats``, whose counts take half a second at 100,000 articles)."""
        return self._store.total_articles() == 0 and not self._store.counts()["sources"]

    def stats(self) -> dict:
        """Counts of articles, sources, companies, topics and index state."""
        counts: dict[str, int | str] = dict(self._store.counts())
        counts["indexed"] = self._index.doc_count()
        counts["archive"] = self.location
        return counts


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the highlight strings of a search (``SearchResult.highlights``) occur in
    ``text``, as sorted, non-overlapping ``(start, end)`` offsets (for the GUI's marks)."""
    return find_spans(text, terms)


def snippet_text(article: Article) -> str:
    """The text a snippet is cut from: the body (without headline and byline), then the
    subtitle, kicker and the user's note, so a hit found only there still shows in the
    snippet."""
    body = [b.text for b in article.blocks if b.kind in ("paragraph", "heading", "caption")]
    text = "\n".join(body) if body else article.text
    extra = [t for t in (article.subtitle, article.kicker, article.note) if t and t not in text]
    return "\n".join([text, *extra]) if extra else text


def open_library(root: Path | str | None = None, on_reindex: Callable | None = None) -> Library:
    """Open an archive (a folder or a database URL; see ``archive.opening.open_library``)
    after finishing what an interrupted write left, if no other program is writing."""
    from .opening import open_library as opening

    return opening(root, on_reindex)
