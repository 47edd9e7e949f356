"""The ``Library`` facade over a server archive: the same operations, PostgreSQL storage.

Everything above storage is the local Library's own code (ingest pipeline, metadata,
editing, versions, trash, collections, saved searches, export); this class swaps in the
PostgreSQL store, search index and writer lock, and replaces the few methods that touch
files or in-process caches of the local index.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from archive import consistency, indexqueue
from archive.library import Library
from archive.metadata import Taxonomy
from archive.store import original_relpath
from archive.title_order import TitleOrder
from index.engine import ExternalFacet
from index.groups import Groups

from .lock import PgWriterLock
from .replica import route_reads
from .search import PgSearchIndex
from .store import PgStore

if TYPE_CHECKING:
    from archive.ingest import IngestReport, Progress


def redact(url: str) -> str:
    """A server URL without its password (for messages and the window title)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def cache_dir_for(url: str) -> Path:
    """This program's local folder for a server archive (originals opened for reading)."""
    key = hashlib.sha256(redact(url).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"news-archive-pg-{key}"


class _NoTitleOrder(TitleOrder):
    """Title order is an ORDER BY on the server: nothing to build here."""

    def rank(self, store, stamp):  # type: ignore[override]
        return None


class PgLibrary(Library):
    """A server archive (``postgresql://`` URL) behind the Library facade."""

    def __init__(self, url: str, read_replica: str | None = None):
        self.url = url
        self.store = PgStore(url, cache_dir_for(url))
        self.paths = self.store.paths
        self.index = PgSearchIndex(self.store.conn)  # type: ignore[assignment]
        self.writer_lock = PgWriterLock(self.store.conn, redact(url))  # type: ignore[assignment]
        self._write = threading.Lock()
        self._gazetteer = None
        self.taxonomy = Taxonomy.default()
        self.last_recovery: dict = {}
        self._groups = None
        self._titles = _NoTitleOrder()
        # reads to a streaming replica, writes to the primary (archive/pg/replica.py)
        self.replica = route_reads(self, read_replica) if read_replica else None

    @property
    def location(self) -> str:
        return redact(self.url)

    # ----- writing ---------------------------------------------------------------------
    def ingest(self, paths: list[Path], progress: Progress | None = None,
               cancel: threading.Event | None = None) -> IngestReport:
        """Add files, folders and ZIP archives (originals go to the server with their rows)."""
        with self._writing():
            from .ingest import PgIngester

            row = consistency.begin_ingest(self.store, paths)
            ingester = PgIngester(self.store, self.gazetteer, self.taxonomy, self._index_docs)
            report = ingester.run(paths, progress, cancel, self.company_aliases())
            try:
                consistency.apply_queue(self)
            except consistency.STORAGE_ERRORS as exc:
                report.error = report.error or f"the index could not be updated: {exc}"
            outcome = ("stopped" if report.error else
                       "cancelled" if report.cancelled else "finished")
            consistency.end_ingest(self.store, row, report.summary(), outcome)
            return self.note_trashed(report)

    def empty_trash(self):
        report = super().empty_trash()
        with self._writing():
            report.files = self.store.drop_unused_originals()
        return report

    def needs_reconcile(self) -> bool:
        return (self.index.doc_count() != self.store.total_articles()
                or indexqueue.has_pending(self.store))

    def check_index(self) -> dict:
        """Compare the articles with the search rows (as ``consistency.check_index``)."""
        wanted = set(self.store.article_ids(include_versions=True))
        have = self.index.ids()
        missing, stale = sorted(wanted - have), sorted(have - wanted)
        pending = indexqueue.pending_count(self.store)
        problems = []
        if missing:
            problems.append(f"{len(missing)} articles missing from the index")
        if stale:
            problems.append(f"{len(stale)} index entries of no article")
        if pending:
            problems.append(f"{pending} changes not yet applied to the index")
        return {"ok": not problems, "articles": len(wanted), "indexed": len(have),
                "missing": missing, "stale": stale, "broken_segments": [],
                "pending": pending, "problems": problems}

    # ----- reading ---------------------------------------------------------------------
    def groups(self) -> Groups:
        """Version groups are worked out in SQL by the search; the local engine's
        arrays are not needed (an empty ``Groups``)."""
        return Groups()

    def external_facets(self) -> dict[str, ExternalFacet]:
        return {}  # collections and tags are selected and counted in SQL

    def change_feed(self):
        """LISTEN for other clients' changes (archive/pg/notify.py)."""
        from .notify import PgChangeFeed

        return PgChangeFeed(self.url, self.store.conn.raw.info.backend_pid)

    def original_path(self, article_id: int) -> Path | None:
        """The original file of an article's source, fetched from the server (checked
        against its sha256) into this program's cache folder."""
        rows = self.store.query(
            "SELECT s.sha256 FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.id = ?", [article_id])
        if not rows:
            return None
        sha = rows[0][0]
        target = self.paths.root / original_relpath(sha)
        if target.exists():
            return target
        data = self.store.original_bytes(sha)
        if data is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        return target

    def original_bytes(self, article_id: int) -> bytes | None:
        """The original bytes of an article's source (checked against their sha256)."""
        rows = self.store.query(
            "SELECT s.sha256 FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.id = ?", [article_id])
        return self.store.original_bytes(rows[0][0]) if rows else None

    def stats(self) -> dict:
        counts = self.store.counts()
        counts["indexed"] = self.index.doc_count()
        counts["archive"] = self.location
        return counts


def open_pg_library(url: str, on_reindex=None, read_replica: str | None = None) -> PgLibrary:
    """Open a server archive (creating its tables in an empty database); finish what an
    interrupted writer left if no one is writing now. ``read_replica``: a streaming
    replica's URL to read from."""
    lib = PgLibrary(url, read_replica)
    lib.recover(on_reindex)
    return lib
