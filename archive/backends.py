"""The seams between the Library and its storage: what a backend must provide.

A ``Library`` is built from three parts (``archive/opening.py`` picks them from the
archive's location):

* an ``ArchiveRepository``: the source of truth (articles, sources, companies, topics,
  versions, the ingest log, the index queue); all SQL lives behind it;
* an ``OriginalsStore``: the original files' bytes, content-addressed by SHA-256;
* a ``SearchBackend``: the derived search index; it takes one ``SearchSpec`` and returns a
  ``SearchPage`` (ids, total, facet counts, highlights).

A backend's own page of results can take the fallback query and the lazily sorted ids from
``ResultPage`` (the local engine's page has them from there too).

The SQLite store (``archive/store.py``), the originals folder (``archive/originals.py``)
and the gram index (``archive/gram_search.py`` over ``index/``) are one implementation.
The protocols list what the Library and its helpers really call.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self

from index.engine import Filters, Hit, ResultPage
from index.groups import Groups
from index.query import Resolver
from index.schema import IndexDocument

if TYPE_CHECKING:
    from index.engine import ExternalFacet

    from .document import Article, ArticleMeta

__all__ = ["ArchiveRepository", "Backends", "Filters", "Hit", "OriginalsStore", "ResultPage",
           "SearchBackend", "SearchPage", "SearchSpec", "WriterLockLike"]


# ----- search --------------------------------------------------------------------------
@dataclass
class SearchSpec:
    """One search: the query, the facet selections, the order and the page wanted.

    ``resolve`` maps a ``field:value`` of the query to facet values (aliases resolved);
    ``facets=False`` skips the facet counts when only hits or the total are wanted."""

    query: str = ""
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    resolve: Resolver | None = field(default=None, repr=False)


@dataclass
class SearchPage:
    """A page of hits (ids, scores, version-group sizes), the total, the facet counts of
    the whole result and the highlight strings; every id in order and "did you mean" are
    worked out on first use."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    highlights: list[str]
    fallback: str | None = None  # the spaced query searched instead (no exact match)
    order: Callable[[], list[int]] | None = field(default=None, repr=False)
    suggest: Callable[[], str | None] | None = field(default=None, repr=False)


class SearchBackend(Protocol):
    """The derived search index of an archive."""

    def search(self, spec: SearchSpec) -> SearchPage:
        """Run a search; raises ``QueryError`` for a malformed query."""
        ...

    def more_like(self, article_id: int, text: str, limit: int,
                  filters: Filters | None = None) -> list[int]:
        """Ids of the articles most like ``text`` (article ``article_id`` left out)."""
        ...

    def month_counts(self, spec: SearchSpec) -> tuple[dict[str, int], int]:
        """Hits per ``yyyy-mm`` of the search, and the number without a known month."""
        ...

    def facet_values(self, name: str) -> list[str]:
        """Every value of facet ``name`` in the index."""
        ...

    def add(self, docs: list[IndexDocument]) -> int:
        """Index these documents, replacing their earlier entries."""
        ...

    def delete(self, ids: Iterable[int]) -> int:
        ...

    def ids(self) -> set[int]:
        """Article ids of every indexed document."""
        ...

    def entries(self) -> list[int]:
        """The article id of every live entry (an id twice if it is indexed twice)."""
        ...

    def doc_count(self) -> int:
        ...

    def broken_segments(self) -> dict[str, str]:
        """Unreadable parts of the index -> why."""
        ...

    def tidy(self) -> dict[str, list[str]]:
        """Remove what an interrupted write left (recovery, writer lock held)."""
        ...

    def close(self) -> None:
        ...


# ----- originals -----------------------------------------------------------------------
class OriginalsStore(Protocol):
    """The bytes of every imported file, content-addressed by SHA-256."""

    def keep(self, sha256: str, data: bytes) -> str:
        """Store the bytes (once per content); return the key sources refer to them by."""
        ...

    def sync(self) -> None:
        """Make the files kept since the last sync durable."""
        ...

    def path(self, key: str) -> Path | None:
        """A local file with the bytes of ``key`` (None if it cannot be read as a file)."""
        ...

    def remove(self, key: str) -> bool:
        """Delete the bytes of ``key``; False if they were not there."""
        ...


# ----- the source of truth ---------------------------------------------------------------
class WriteConflict(sqlite3.OperationalError):
    """A write collided with another program's writing at the same time (a deadlock the
    server broke by refusing this statement); trying it again after a commit succeeds."""


class WriterLockLike(Protocol):
    """The archive-wide writer lock: one writing program at a time."""

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def try_enter(self) -> bool: ...


class ArchiveRepository(Protocol):
    """The archive's source of truth. Writes happen inside ``transaction()``."""

    read_only: bool
    batch_id: int | None  # the import batch sources and log rows belong to

    def close(self) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def writer_lock(self) -> WriterLockLike: ...
    def change_stamp(self) -> object:
        """A value that changes whenever the data changes (by this or another program)."""
        ...

    # Raw access for the helpers whose SQL has not moved behind methods (trash, organise,
    # saved searches, the index queue, recovery, snippet windows, bulk-edit snapshots):
    # standard SQL on the archive schema with qmark (?) parameters; ON CONFLICT upserts.
    def query(self, sql: str, params: Iterable = ()) -> Sequence[Any]:
        """Rows (indexable like tuples) of one read in the archive schema (qmark params)."""
        ...
    def execute(self, sql: str, params: Iterable = ()) -> int:
        """Run one write (inside a transaction); return the rows changed."""
        ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    # ingest
    def begin_batch(self) -> int: ...
    def source_id_by_sha(self, sha256: str) -> int | None: ...
    def articles_of_source(self, source_id: int) -> list[int]: ...
    def logged_articles(self, source_id: int) -> list[int]: ...
    def add_source(self, *, name: str, path: str, fmt: str, encoding: str | None, size: int,
                   sha256: str, original: str, raw_path: str | None = None) -> int | None: ...
    def article_id_by_sha(self, sha256: str) -> int | None: ...
    def add_article(self, *, source_id: int, part: str | None, meta: ArticleMeta, text: str,
                    sha256: str, fingerprint: int | None, word_count: int,
                    duplicate_of: int | None, log_path: str | None = None) -> int:
        """With ``log_path``: the article's ingest log row and index queue row too."""
        ...
    def log(self, path: str, outcome: str, error: str | None = None,
            article_id: int | None = None, source_id: int | None = None) -> int:
        """Add an ingest log row; return its id."""
        ...
    def fingerprints(self) -> list[tuple[int, int]]: ...

    # articles and their metadata
    def articles(self, ids: list[int], with_text: bool = True,
                 trashed: bool = False) -> dict[int, Article]: ...
    def texts(self, ids: list[int]) -> dict[int, str]: ...
    def article_ids(self, include_versions: bool = False) -> list[int]: ...
    def ids_by_title(self) -> list[int]:
        """Every article id in title order (case-insensitive)."""
        ...
    def update_fields(self, article_id: int, values: dict) -> None: ...
    def manual(self, article_id: int) -> dict: ...
    def company_mentions(self, article_id: int) -> dict[str, int]: ...
    def set_companies(self, article_id: int, companies: dict[str, int]) -> None: ...
    def topic_scores(self, article_id: int) -> list[tuple[str, float]]: ...
    def set_topics(self, article_id: int, topics: list[tuple[str, float]]) -> None: ...
    def company_aliases(self) -> dict[str, list[str]]: ...
    def add_alias(self, canonical: str, alias: str) -> None: ...
    def original_of(self, article_id: int) -> str | None:
        """The originals key of the article's source file."""
        ...

    # versions
    def group_of(self, article_id: int) -> list[int]: ...
    def version_pairs(self) -> list[tuple[int, int]]: ...
    def version_groups(self) -> Groups:
        """The version groups (re-read only after the data changed)."""
        ...
    def split_version(self, article_id: int) -> list[int]: ...

    # collections and tags, as search facets
    def external_facets(self) -> dict[str, ExternalFacet]: ...

    # counts
    def total_articles(self) -> int: ...
    def counts(self) -> dict[str, int]: ...


class SharedRepository(ArchiveRepository, Protocol):
    """A repository other clients write at the same time (``shared_writes``: the server):
    an import commits its group to let them see its rows, and looks at what they added."""

    def end_group(self) -> None: ...
    def probe_article(self, sha256: str, after: int) -> tuple[int | None, list[tuple]]: ...


@dataclass
class Backends:
    """The three parts a Library is built from, and where they are (for messages)."""

    repository: ArchiveRepository
    originals: OriginalsStore
    search: SearchBackend
    location: str
    root: Path | None = None  # the archive folder, when there is one

    def close(self) -> None:
        self.search.close()
        self.repository.close()

    def __iter__(self) -> Iterator[Any]:
        return iter((self.repository, self.originals, self.search))
