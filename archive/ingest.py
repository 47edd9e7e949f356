"""Ingest: files, folders and ZIP archives into the store, one transaction per file.

Each file is read by the reader registry, each article in it gets its metadata, and the
file's original bytes are kept content-addressed under ``originals/``. Exact duplicates
(same normalised text) are reported, not stored; near-duplicates are stored as versions of
the first copy and kept out of search results.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.schema import IndexDocument

from .dedup import NearDuplicateIndex
from .document import ArticleMeta
from .fingerprint import NEAR_DUPLICATE_BITS
from .metadata import Gazetteer, Taxonomy
from .prepare import PARALLEL_MIN_FILES, PreparedArticle, PreparedFile, PreparePool, is_error
from .readers import InputFile, ReadError, iter_inputs
from .store import ArchiveStore, original_relpath

Progress = Callable[[int, int, str], None]  # done, total, current path


@dataclass
class IngestReport:
    """What happened to each input: added, duplicate, version of an earlier one, failed."""

    added: list[int] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"path", "id"}
    versions: list[dict] = field(default_factory=list)  # {"path", "id", "version_of"}
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}
    warnings: list[dict] = field(default_factory=list)  # {"path", "warning"}: stored, repaired
    cancelled: bool = False

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "versions": self.versions,
            "failed": self.failed,
            "warnings": self.warnings,
            "cancelled": self.cancelled,
        }


def index_document(article_id: int, meta: ArticleMeta, text: str,
                   companies: list[str], topics: list[str]) -> IndexDocument:
    """The plain document the index gets for an article."""
    return IndexDocument(
        id=article_id, title=meta.title, body=text, authors=meta.authors, year=meta.year,
        date=meta.date, companies=companies, topics=topics,
    )


class Ingester:
    """Runs one ingest batch against a store; hands indexable documents to ``on_indexable``."""

    def __init__(self, store: ArchiveStore, gazetteer: Gazetteer, taxonomy: Taxonomy,
                 on_indexable: Callable[[list[IndexDocument]], None], batch_size: int = 500):
        self.store = store
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        self.on_indexable = on_indexable
        self.batch_size = batch_size
        self._pending: list[IndexDocument] = []
        self._unsynced = False
        self._near = NearDuplicateIndex(NEAR_DUPLICATE_BITS)
        for aid, fp in store.fingerprints():
            self._near.add(aid, _unsigned(fp))

    def run(self, paths: list[Path], progress: Progress | None = None,
            cancel: threading.Event | None = None, aliases: dict | None = None) -> IngestReport:
        report = IngestReport()
        self.store.begin_batch()  # what this run adds can be undone as one import
        inputs = list(iter_inputs([Path(p) for p in paths]))
        total = len(inputs)
        pool = PreparePool(self.gazetteer, self.taxonomy, aliases or {},
                           parallel=total >= PARALLEL_MIN_FILES)
        done = 0
        try:
            for (item, data, sha), prepared in pool.map(self._loads(inputs, report, cancel)):
                if progress:
                    progress(done, total, item.display_path)
                done += 1
                if prepared is not None:
                    if is_error(prepared):
                        self._fail(report, item.display_path, str(prepared))
                    else:
                        self._store_file(item, data, sha, prepared, report)
                if len(self._pending) >= self.batch_size:
                    self._flush()
            if progress and not report.cancelled:
                progress(total, total, "")
        finally:
            pool.close(cancel=report.cancelled)
            self._flush()
        return report

    def _loads(self, inputs: list[InputFile], report: IngestReport,
               cancel: threading.Event | None):
        """``((item, data, sha), data, name)`` jobs for the pool; data None when settled here."""
        for item in inputs:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                return
            data, sha = self._load(item, report)
            yield (item, data, sha), data, item.name

    def _load(self, item: InputFile, report: IngestReport) -> tuple[bytes | None, str]:
        """Read a file; settle missing, unreadable and already-ingested files right here."""
        path = item.display_path
        try:
            data = item.read()
        except ReadError as exc:
            self._fail(report, path, str(exc))
            return None, ""
        except (OSError, MemoryError) as exc:
            self._fail(report, path, _os_error(exc))
            return None, ""
        sha = hashlib.sha256(data).hexdigest()
        existing = self.store.source_id_by_sha(sha)
        if existing is None:
            return data, sha
        self._known_source(path, existing, report)
        return None, sha

    def _known_source(self, path: str, source_id: int, report: IngestReport) -> None:
        """Report a file whose exact bytes are already in the archive."""
        ids = self.store.articles_of_source(source_id)
        with self.store.transaction():
            self.store.log(path, "duplicate", None, ids[0] if ids else None, source_id)
        for aid in ids or [None]:
            report.duplicates.append({"path": path, "id": aid})

    def _flush(self) -> None:
        # Originals reach the disk once per batch rather than once per file (an fsync
        # each would halve the ingest rate); a killed process loses nothing either way.
        if self._unsynced and hasattr(os, "sync"):
            os.sync()
            self._unsynced = False
        if self._pending:
            docs, self._pending = self._pending, []
            self.on_indexable(docs)

    def _store_file(self, item: InputFile, data: bytes, sha: str, prepared: PreparedFile,
                    report: IngestReport) -> None:
        path = item.display_path
        # Files are read ahead of storing: an identical file earlier in this batch may
        # have been stored since this one was read.
        existing = self.store.source_id_by_sha(sha)
        if existing is not None:
            self._known_source(path, existing, report)
            return
        self._keep_original(sha, data)
        new_docs: list[IndexDocument] = []
        outcomes: list[tuple[str, dict | int]] = []
        with self.store.transaction():
            source_id = self.store.add_source(
                name=item.name, path=path, fmt=prepared.format, encoding=prepared.encoding,
                size=len(data), sha256=sha, original=original_relpath(sha),
                raw_path=item.raw_path,
            )
            for article in prepared.articles:
                outcomes.append(self._store_article(path, source_id, article, new_docs))
        self._pending.extend(new_docs)
        report.warnings.extend({"path": path, "warning": w} for w in prepared.warnings)
        for kind, value in outcomes:
            if kind == "added":
                report.added.append(value)
            elif kind == "version":
                report.versions.append(value)
            else:
                report.duplicates.append(value)

    def _store_article(self, path: str, source_id: int, article: PreparedArticle,
                       new_docs: list[IndexDocument]):
        doc, meta, fp = article.doc, article.meta, article.fingerprint
        dup = self.store.article_id_by_sha(article.text_sha256)
        if dup is not None:
            self.store.log(path, "duplicate", None, dup, source_id)
            return "duplicate", {"path": path, "id": dup}
        version_of = self._near_duplicate(fp)
        aid = self.store.add_article(
            source_id=source_id, part=doc.part, meta=meta, text=doc.text,
            sha256=article.text_sha256, fingerprint=_signed(fp), word_count=article.word_count,
            duplicate_of=version_of,
        )
        self.store.log(path, "version" if version_of else "added", None, aid, source_id)
        if version_of is not None:
            return "version", {"path": path, "id": aid, "version_of": version_of}
        if fp is not None:
            self._near.add(aid, fp)
        companies = sorted(meta.companies, key=lambda c: -meta.companies[c])
        indexed = index_document(aid, meta, doc.text, companies, [t for t, _ in meta.topics])
        indexed.words = article.words
        new_docs.append(indexed)
        return "added", aid

    def _near_duplicate(self, fp: int | None) -> int | None:
        return None if fp is None else self._near.find(fp)

    def _keep_original(self, sha: str, data: bytes) -> None:
        target = self.store.paths.root / original_relpath(sha)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        self._unsynced = True

    def _fail(self, report: IngestReport, path: str, error: str) -> None:
        with self.store.transaction():
            self.store.log(path, "failed", error)
        report.failed.append({"path": path, "error": error})


def _os_error(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "the file is too large to read into memory"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or exc.__class__.__name__


def _signed(fp: int | None) -> int | None:
    """A 64-bit fingerprint as SQLite's signed integer."""
    return None if fp is None else fp - (1 << 64) if fp >= 1 << 63 else fp


def _unsigned(fp: int) -> int:
    return fp + (1 << 64) if fp < 0 else fp
