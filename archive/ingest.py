"""Ingest: files, folders and ZIP archives into the store, one transaction per file.

Each file is read by the reader registry, each article in it gets its metadata, and the
file's original bytes are kept content-addressed under ``originals/``. Exact duplicates
(same normalised text) are reported, not stored; near-duplicates are stored as versions of
the first copy and kept out of search results.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from index.schema import IndexDocument

from .document import ArticleMeta, RawDocument
from .dedup import NearDuplicateIndex
from .fingerprint import NEAR_DUPLICATE_BITS, fingerprint
from .metadata import Gazetteer, Taxonomy, extract_metadata
from .readers import InputFile, ReadError, iter_inputs, read_bytes
from .store import ArchiveStore, original_relpath

Progress = Callable[[int, int, str], None]  # done, total, current path
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class IngestReport:
    """What happened to each input: added, duplicate, version of an earlier one, failed."""

    added: list[int] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"path", "id"}
    versions: list[dict] = field(default_factory=list)  # {"path", "id", "version_of"}
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}
    cancelled: bool = False

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "versions": self.versions,
            "failed": self.failed,
            "cancelled": self.cancelled,
        }


def normalised_sha256(text: str) -> str:
    """Checksum of the text with layout differences (spaces, blank lines, NFC) removed."""
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words as a reader counts them: each Chinese character, each Latin word."""
    return len(_WORD_RE.findall(text))


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
        self._near = NearDuplicateIndex(NEAR_DUPLICATE_BITS)
        for aid, fp in store.fingerprints():
            self._near.add(aid, _unsigned(fp))

    def run(self, paths: list[Path], progress: Progress | None = None,
            cancel: threading.Event | None = None) -> IngestReport:
        report = IngestReport()
        inputs = list(iter_inputs([Path(p) for p in paths]))
        total = len(inputs)
        try:
            for n, item in enumerate(inputs):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                if progress:
                    progress(n, total, item.display_path)
                self._one(item, report)
                if len(self._pending) >= self.batch_size:
                    self._flush()
            if progress and not report.cancelled:
                progress(total, total, "")
        finally:
            self._flush()
        return report

    def _flush(self) -> None:
        if self._pending:
            docs, self._pending = self._pending, []
            self.on_indexable(docs)

    def _one(self, item: InputFile, report: IngestReport) -> None:
        path = item.display_path
        try:
            data = item.read()
            sha = hashlib.sha256(data).hexdigest()
            existing = self.store.source_id_by_sha(sha)
            if existing is not None:
                ids = self.store.articles_of_source(existing)
                with self.store.transaction():
                    self.store.log(path, "duplicate", None, ids[0] if ids else None, existing)
                for aid in ids or [None]:
                    report.duplicates.append({"path": path, "id": aid})
                return
            result = read_bytes(data, item.name)
        except ReadError as exc:
            self._fail(report, path, str(exc))
            return
        except (OSError, MemoryError) as exc:
            self._fail(report, path, _os_error(exc))
            return
        self._store_file(item, data, sha, result, report)

    def _store_file(self, item: InputFile, data: bytes, sha: str, result, report) -> None:
        path = item.display_path
        prepared = []
        for doc in result.documents:
            if not doc.text.strip():
                continue
            meta = extract_metadata(doc, self.gazetteer, self.taxonomy)
            prepared.append((doc, meta, normalised_sha256(doc.text), fingerprint(doc.text)))
        if not prepared:
            self._fail(report, path, "no article text found in the file")
            return
        self._keep_original(sha, data)
        new_docs: list[IndexDocument] = []
        outcomes: list[tuple[str, dict | int]] = []
        with self.store.transaction():
            source_id = self.store.add_source(
                name=item.name, path=path, fmt=result.format, encoding=result.encoding,
                size=len(data), sha256=sha, original=original_relpath(sha),
            )
            for doc, meta, text_sha, fp in prepared:
                outcomes.append(self._store_article(path, source_id, doc, meta, text_sha, fp,
                                                    new_docs))
        self._pending.extend(new_docs)
        for kind, value in outcomes:
            if kind == "added":
                report.added.append(value)
            elif kind == "version":
                report.versions.append(value)
            else:
                report.duplicates.append(value)

    def _store_article(self, path, source_id, doc: RawDocument, meta: ArticleMeta, text_sha,
                       fp, new_docs):
        dup = self.store.article_id_by_sha(text_sha)
        if dup is not None:
            self.store.log(path, "duplicate", None, dup, source_id)
            return "duplicate", {"path": path, "id": dup}
        version_of = self._near_duplicate(fp)
        aid = self.store.add_article(
            source_id=source_id, part=doc.part, meta=meta, text=doc.text, sha256=text_sha,
            fingerprint=_signed(fp), word_count=word_count(doc.text), duplicate_of=version_of,
        )
        self.store.log(path, "version" if version_of else "added", None, aid, source_id)
        if version_of is not None:
            return "version", {"path": path, "id": aid, "version_of": version_of}
        if fp is not None:
            self._near.add(aid, fp)
        companies = sorted(meta.companies, key=lambda c: -meta.companies[c])
        new_docs.append(index_document(aid, meta, doc.text, companies,
                                       [t for t, _ in meta.topics]))
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
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)

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
