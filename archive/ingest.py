"""Ingest: files, folders and ZIP archives into the store, one transaction per file.

Each file is read by the reader registry, each article in it gets its metadata, and the
file's original bytes are kept content-addressed under ``originals/``. Exact duplicates
(same normalised text) are reported, not stored (the report names the article they
duplicate). A near-duplicate fingerprint only nominates candidates: a text is stored as a
version of an earlier article when ``versions.compare`` proves it the same text (similar
length, same wording, same numbers). Versions are indexed like any article; search shows a
group once. Suspicious inputs (``suspicious``) are reported as warnings.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from index.faults import fault_point
from index.schema import IndexDocument

from .backends import ArchiveRepository, OriginalsStore, SharedRepository, WriteConflict
from .dedup import NearDuplicateIndex
from .document import ArticleMeta
from .fingerprint import NEAR_DUPLICATE_BITS
from .metadata import Gazetteer, Taxonomy
from .ocr import pagestore
from .ocr.session import OcrCancelled, OcrSession, PageProgress, activate, deactivate
from .prepare import PARALLEL_MIN_FILES, PreparedArticle, PreparedFile, PreparePool, is_error
from .readers import InputFile, ReadError, iter_inputs
from .recent import RecentArticles
from .versions import SKETCH_MIN_LENGTH, Profile, Sketch, compare_profiles

Progress = Callable[[int, int, str], None]  # done, total, current path

# Documents are handed to the index every BATCH_SIZE articles, or sooner once they hold
# FLUSH_CHARS characters (books): what waits in memory, and the segment the index builds
# from it (under index.gramindex.SEGMENT_POSITIONS), stay bounded.
BATCH_SIZE = 500
FLUSH_CHARS = 2_000_000
SKETCHES_KEPT = 512  # sketches of long texts kept for near-duplicate checks (~50 KB each)
CONFLICT_RETRIES = 3  # a write colliding with another client's (shared_writes) is tried again


@dataclass
class IngestReport:
    """What happened to each input: added, duplicate, version of an earlier one, failed."""

    added: list[int] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"path", "id"}
    versions: list[dict] = field(default_factory=list)  # {"path", "id", "version_of"}
    warnings: list[dict] = field(default_factory=list)  # {"path", "warning"}
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}
    needs_review: list[dict] = field(default_factory=list)  # OCR: {"path", "id", "pages"}
    cancelled: bool = False
    error: str | None = None  # why the run stopped early (disk full, ...); None if it did not

    def to_dict(self) -> dict:
        """The report as DESIGN.md section 6 specifies the ``ingest --json`` output (and why
        the run stopped early, when it did)."""
        out = {
            "added": self.added,
            "duplicates": self.duplicates,
            "versions": self.versions,
            "warnings": self.warnings,
            "failed": self.failed,
        }
        if self.needs_review:
            out["needs_review"] = self.needs_review
        if self.error:
            out["error"] = self.error
        return out

    def summary(self) -> str:
        """One line for the ingest log."""
        text = (f"{len(self.added)} added, {len(self.duplicates)} duplicate,"
                f" {len(self.versions)} version, {len(self.failed)} failed")
        return f"{text}; stopped: {self.error}" if self.error else text


def index_document(article_id: int, meta: ArticleMeta, text: str,
                   companies: list[str], topics: list[str]) -> IndexDocument:
    """The plain document the index gets for an article."""
    return IndexDocument(
        id=article_id, title=meta.title, body=text, authors=meta.authors, year=meta.year,
        date=meta.date, companies=companies, topics=topics,
    )


class Ingester:
    """Runs one ingest batch against a store; hands indexable documents to ``on_indexable``."""

    def __init__(self, store: ArchiveRepository, originals: OriginalsStore, gazetteer: Gazetteer,
                 taxonomy: Taxonomy, on_indexable: Callable[[list[IndexDocument]], None],
                 batch_size: int = BATCH_SIZE, flush_chars: int | None = None):
        self.store = store
        self.originals = originals
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        self.on_indexable = on_indexable
        self.batch_size = batch_size
        self.flush_chars = FLUSH_CHARS if flush_chars is None else flush_chars
        self._pending: list[IndexDocument] = []
        self._pending_chars = 0
        self._sketches: dict[int, Sketch] = {}  # article id -> sketch (long texts only)
        self._adding: list[int] = []  # articles of the file being stored
        self._ocr_files: set[str] = set()  # sha256 of the files OCR read pages of
        self._near = NearDuplicateIndex(NEAR_DUPLICATE_BITS)
        # Another client may store articles while this import runs (a server archive):
        # the ones it commits are looked for at each article (archive/recent.py).
        self._shared = bool(getattr(store, "shared_writes", False))
        self._recent = RecentArticles(
            int(store.query("SELECT coalesce(max(id), 0) FROM articles")[0][0])
        ) if self._shared else None
        for aid, fp in store.fingerprints():
            if self._recent is not None:
                self._recent.note(aid)
            self._near.add(aid, _unsigned(fp))

    @property
    def _shared_store(self) -> SharedRepository:
        """The store as one other clients write too (only where ``self._shared``)."""
        return cast(SharedRepository, self.store)

    def run(self, paths: list[Path], progress: Progress | None = None,
            cancel: threading.Event | None = None, aliases: dict | None = None,
            ocr_progress: PageProgress | None = None) -> IngestReport:
        report = IngestReport()
        self.store.begin_batch()  # what this run adds can be undone as one import
        if self._shared:  # other clients see this import (its log row) running
            self._shared_store.end_group()
        inputs = list(iter_inputs([Path(p) for p in paths]))
        total = len(inputs)
        pool = PreparePool(self.gazetteer, self.taxonomy, aliases or {},
                           parallel=total >= PARALLEL_MIN_FILES)
        done = 0
        # OCR'd pages are committed one by one, so a killed run resumes where it stopped.
        ocr = activate(OcrSession(
            load=self._load_page,
            save=lambda sha, page: pagestore.save_page(self.store, sha, page),
            progress=ocr_progress, cancel=cancel))
        try:
            for key, prepared in pool.map(self._loads(inputs, report, cancel)):
                item, data, sha = cast(tuple[InputFile, bytes, str], key)
                if progress:
                    progress(done, total, item.display_path)
                done += 1
                if prepared is not None:
                    if is_error(prepared) or not isinstance(prepared, PreparedFile):
                        self._fail(report, item.display_path, str(prepared))
                    else:
                        self._store_file(item, data, sha, prepared, report)
                if len(self._pending) >= self.batch_size \
                        or self._pending_chars >= self.flush_chars:
                    self._flush()
            if progress and not report.cancelled:
                progress(total, total, "")
        except OcrCancelled:  # the pages recognised so far are kept for the next run
            report.cancelled = True
        except (OSError, sqlite3.Error) as exc:  # disk full, I/O error: keep what is stored
            report.error = _stop_reason(exc)
        finally:
            deactivate(ocr)
            pool.close(cancel=report.cancelled or report.error is not None)
            try:
                self._flush()
            except (OSError, sqlite3.Error) as exc:  # stays queued for the next writer
                report.error = report.error or _stop_reason(exc)
        return report

    def _load_page(self, sha: str, page_no: int):
        """OCR asks for every page it recognises: the files with pages stored are known."""
        self._ocr_files.add(sha)
        return pagestore.load_page(self.store, sha, page_no)

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
        ids = self.store.articles_of_source(source_id) or self.store.logged_articles(source_id)
        with self.store.transaction():
            self.store.log(path, "duplicate", None, ids[0] if ids else None, source_id)
        named: list[int | None] = list(ids) or [None]
        for aid in named:
            report.duplicates.append({"path": path, "id": aid})

    def _flush(self) -> None:
        self.originals.sync()
        if self._pending:
            docs, self._pending, self._pending_chars = self._pending, [], 0
            self._retrying(lambda: self.on_indexable(docs))
            if self._shared:  # the index rows another import may be waiting for
                self._shared_store.end_group()

    def _retrying(self, write: Callable[[], Any]) -> Any:
        """Run ``write``; where other clients write at the same time, once more after a
        commit when it collided with one of their uncommitted rows (the same file or text
        stored by both: the second attempt finds theirs; a deadlock: this client's group
        is committed first, so the other goes on)."""
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                return write()
            except (sqlite3.IntegrityError, WriteConflict):
                if not self._shared or attempt == CONFLICT_RETRIES:
                    raise
                self._shared_store.end_group()
        raise AssertionError("unreachable")

    def _store_file(self, item: InputFile, data: bytes, sha: str, prepared: PreparedFile,
                    report: IngestReport) -> None:
        path = item.display_path
        stored = self._retrying(lambda: self._store_file_once(item, data, sha, prepared))
        if stored is None:  # stored meanwhile (by this import or another client)
            existing = self.store.source_id_by_sha(sha)
            if existing is None:  # and removed again at once (another client's undo)
                self._fail(report, path, "another program added and removed this file"
                           " while it was being imported; import it again")
                return
            self._known_source(path, existing, report)
            return
        outcomes, new_docs = stored
        fault_point("ingest-file-committed")
        self._pending.extend(new_docs)
        self._pending_chars += sum(len(d.title) + len(d.body) for d in new_docs)
        report.warnings.extend({"path": path, "warning": w} for w in prepared.warnings)
        review = [p.page_no for p in pagestore.pages_of(self.store, sha)
                  if p.needs_review] if sha in self._ocr_files else []
        if review and outcomes:
            kind, value = outcomes[0]
            aid = value if kind == "added" else value["id"]
            report.needs_review.append({"path": path, "id": aid, "pages": review})
        for kind, value in outcomes:
            if kind == "added":
                report.added.append(value)
            elif kind == "version":
                report.versions.append(value)
            else:
                report.duplicates.append(value)

    def _store_file_once(self, item: InputFile, data: bytes, sha: str,
                         prepared: PreparedFile):
        """Store a file and its articles in one transaction: their outcomes and index
        documents, or None when the file is in the archive already."""
        path = item.display_path
        # Files are read ahead of storing: an identical file earlier in this batch (or
        # from another client) may have been stored since this one was read. A store
        # where others write at once says so itself (``add_source`` gives None).
        if not self._shared and self.store.source_id_by_sha(sha) is not None:
            return None
        new_docs: list[IndexDocument] = []
        outcomes: list[tuple[str, Any]] = []  # ("added", id) or (kind, {"path", "id", ...})
        try:
            with self.store.transaction():
                original = self.originals.keep(sha, data)
                source_id = self.store.add_source(
                    name=item.name, path=path, fmt=prepared.format, encoding=prepared.encoding,
                    size=len(data), sha256=sha, original=original,
                    raw_path=item.raw_path,
                )
                if source_id is None:
                    return None
                for article in prepared.articles:  # each queued for the index with its row
                    outcomes.append(self._store_article(path, source_id, article, new_docs))
        except BaseException:  # the ids of a rolled-back file are no articles
            self._near.discard(self._adding)
            raise
        finally:
            self._adding = []
        return outcomes, new_docs

    def _store_article(self, path: str, source_id: int, article: PreparedArticle,
                       new_docs: list[IndexDocument]):
        doc, meta, fp = article.doc, article.meta, article.fingerprint
        if self._recent is None:
            dup = self.store.article_id_by_sha(article.text_sha256)
        else:  # with the articles other clients committed since the last look
            dup, rows = self._shared_store.probe_article(article.text_sha256, self._recent.mark)
            for aid, theirs, original in self._recent.take(rows):
                if original and theirs is not None:
                    self._near.add(aid, _unsigned(theirs))
        if dup is not None:
            self.store.log(path, "duplicate", None, dup, source_id)
            return "duplicate", {"path": path, "id": dup}
        version_of, profile = self._version_of(fp, doc.text)
        aid = self.store.add_article(
            source_id=source_id, part=doc.part, meta=meta, text=doc.text,
            sha256=article.text_sha256, fingerprint=_signed(fp), word_count=article.word_count,
            duplicate_of=version_of, log_path=path,
        )
        self._adding.append(aid)  # until the file's transaction ends
        if self._recent is not None:
            self._recent.note(aid)
        if version_of is None and fp is not None:
            self._near.add(aid, fp)
            if profile is not None and profile.length >= SKETCH_MIN_LENGTH:
                self._keep_sketch(aid, Sketch.of(profile))
        companies = sorted(meta.companies, key=lambda c: -meta.companies[c])
        indexed = index_document(aid, meta, doc.text, companies, [t for t, _ in meta.topics])
        indexed.words = article.words
        new_docs.append(indexed)
        if version_of is not None:
            return "version", {"path": path, "id": aid, "version_of": version_of}
        return "added", aid

    def _version_of(self, fp: int | None, text: str) -> tuple[int | None, Profile | None]:
        """The article this text is a version of (a close fingerprint, proven on the
        texts), and the text's profile when one was needed.

        A long text is first screened against the sketches of long candidates, so the
        many books built of the same material that a fingerprint nominates are not each
        read and profiled again for every new one."""
        if fp is None:
            return None, None
        candidates = self._near.candidates(fp)
        if not candidates:
            return None, None
        mine = Profile(text)
        screen = Sketch.of(mine) if mine.length >= SKETCH_MIN_LENGTH \
            else Sketch(mine.length, len(mine.shingles), None)
        candidates = [aid for aid in candidates if aid not in self._sketches
                      or screen.may_be_version(self._sketches[aid])]
        for start in range(0, len(candidates), 16):  # a few texts in memory at a time
            chunk = candidates[start : start + 16]
            texts = self.store.texts(chunk)
            for aid in chunk:
                other = texts.get(aid)
                if other is None:
                    continue
                theirs = Profile(other)
                if theirs.length >= SKETCH_MIN_LENGTH:
                    self._keep_sketch(aid, Sketch.of(theirs))
                if compare_profiles(mine, theirs).verdict == "version":
                    return aid, mine
        return None, mine

    def _keep_sketch(self, aid: int, sketch: Sketch) -> None:
        self._sketches.pop(aid, None)
        self._sketches[aid] = sketch
        while len(self._sketches) > SKETCHES_KEPT:
            del self._sketches[next(iter(self._sketches))]  # the oldest kept

    def _fail(self, report: IngestReport, path: str, error: str) -> None:
        with self.store.transaction():
            self.store.log(path, "failed", error)
        report.failed.append({"path": path, "error": error})


def _stop_reason(exc: BaseException) -> str:
    """Why a run stopped, in one line (the files stored before it are reported)."""
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return f"the archive database could not be written: {exc}"


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
